import { randomBytes } from 'node:crypto'
import { generateSync } from 'otplib'
import type { Actor, CreatedCustomer, RoleKey, Side, Target, World } from './world.js'
import { strongPassword } from './world.js'
import { withDatabaseClient } from '../support.js'
import { inOnly } from './fixture-helpers.js'
import { importsFixtures } from './fixtures.imports.js'
import { exportsFixtures } from './fixtures.exports.js'
import { backupsFixtures } from './fixtures.backups.js'
import { webhooksFixtures } from './fixtures.webhooks.js'

/**
 * One request fixture per OpenAPI operation (by operationId) for the generated authorisation test. Each call
 * prepares fresh records through the administrator's API (so a destructive operation always has a target of its
 * own) and returns the request to send as the actor.
 */

export interface FixtureContext {
  role: RoleKey
  target: Target
  world: World
  actor: Actor
  /** Whether the actor's role holds the operation's permission (fixtures may prepare with the actor then). */
  permitted: boolean
}

export interface PreparedRequest {
  path?: Record<string, string>
  query?: Record<string, string>
  /** JSON, or a FormData for a multipart upload. */
  body?: unknown
  /** More request headers (the public endpoints' X-Device-Id, X-Form-Token). */
  headers?: Record<string, string>
  /** Another token than the actor's (self-service calls that end or change a session use a fresh user). */
  token?: string
  /** A customer that must be left exactly as it was whenever the call is to be refused. */
  watch?: string
  /**
   * Out of scope, the call is not about one record (a list, a search, a body naming ids): it may answer 2xx as
   * long as nothing outside the scope shows or changes.
   */
  hidden?: boolean
  /** The answer may name out-of-scope customers by id (duplicate checks), never by name. */
  allowOutIds?: boolean
  /** Something else that must read the same before and after a refused call (a saved view of another user). */
  unchanged?: () => Promise<unknown>
  /** How a refusal may answer out of scope or across (default 404 only). */
  refusals?: number[]
}

/** null: the operation has no variant for this target (it is about no particular customer). */
export type Fixture = (context: FixtureContext) => Promise<PreparedRequest | null>

const code = (secret: string, steps: number) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 })

/** Turns MFA on for the user of `token` (the code of the previous time step, so the current one is still unused). */
const enableMfa = async (world: World, token: string): Promise<string> => {
  const setup = await world.server.api.post<{ secret: string }>('/api/me/mfa/setup', { token })
  if (setup.status !== 200) throw new Error(`MFA setup answered ${setup.status}`)
  const enabled = await world.server.api.post('/api/me/mfa/enable', { token, body: { code: code(setup.body.secret, -1) } })
  if (enabled.status !== 200) throw new Error(`MFA enable answered ${enabled.status}: ${JSON.stringify(enabled.body)}`)
  return setup.body.secret
}

let mfaRequiredRoleId: Promise<string> | undefined
/** A custom role that requires MFA, so signing in asks for enrolment. */
const mfaRequiredRole = (world: World) =>
  (mfaRequiredRoleId ??= world
    .adminCall<{ id: string }>('post', '/api/roles', {
      name: world.unique('必须两步验证'),
      permissions: ['customer:read'],
      scopes: { customer: 'own', audit: 'own' },
      mfaRequired: true,
    })
    .then((role) => role.id))

const challengeFor = async (world: World, actor: Actor): Promise<string> => {
  const login = await world.signIn(actor.username, actor.password)
  if (login.body.challengeToken === undefined) throw new Error(`no MFA challenge for ${actor.username}: ${JSON.stringify(login.body)}`)
  return login.body.challengeToken
}

/** Outside the scope or across it, the call is about the out-of-scope customer. */
const sideOf = (target: Target): Side => (target === 'in' ? 'in' : 'out')

/** The customer the call is about: inside the scope of the sales user and the manager, or outside it. */
const onCustomer =
  (extra: (customer: CreatedCustomer, context: FixtureContext) => Promise<PreparedRequest> | PreparedRequest = () => ({})): Fixture =>
  async (context) => {
    if (context.target === 'cross') return null
    const customer = await context.world.customer(context.target)
    const more = await extra(customer, context)
    return { ...more, path: { id: customer.id, ...more.path }, watch: customer.id }
  }

const onTrashedCustomer: Fixture = async ({ world, target }) => {
  if (target === 'cross') return null
  const customer = await world.trashedCustomer(target)
  return { path: { id: customer.id }, watch: customer.id }
}

/**
 * A related record (contact, order, activity) of the target customer; across, a record of the out-of-scope
 * customer named under the path of an in-scope one (which must not reach it either).
 */
const onRelated =
  (param: string, create: (world: World, customerId: string) => Promise<string>, body?: unknown): Fixture =>
  async ({ world, target }) => {
    const owner = await world.customer(sideOf(target))
    const record = await create(world, owner.id)
    const pathCustomer = target === 'cross' ? (await world.customer('in')).id : owner.id
    return { path: { id: pathCustomer, [param]: record }, watch: owner.id, ...(body === undefined ? {} : { body }) }
  }

/** Only for the caller's own scope: the operation is about no particular customer. */
const plain = inOnly(() => ({}))

/** A settings entry (tag, group, …) made by the administrator for this call. */
const settingsEntry = (path: string, body: (world: World) => unknown, patch?: (world: World) => unknown): Fixture =>
  inOnly(async ({ world }) => {
    const created = await world.adminCall<{ id: string }>('post', path, body(world))
    return { path: { id: created.id }, ...(patch === undefined ? {} : { body: patch(world) }) }
  })

/** A saved view of the actor (or of the administrator, when the actor may not have views). */
const ownView = async ({ world, actor, permitted }: FixtureContext) => {
  const token = permitted ? actor.token : world.admin
  const created = await world.server.api.post<{ id: string }>('/api/customer-views', { token, body: { name: world.unique('视图') } })
  if (created.status !== 201 && created.status !== 200) throw new Error(`view creation answered ${created.status}`)
  return created.body.id
}

/** The actor's own view in scope; across, the outsider's private one (deleted first when `prepare` deletes). */
const viewFixture =
  (request: (context: FixtureContext, id: string) => Promise<PreparedRequest>, prepare?: (context: FixtureContext, id: string) => Promise<void>): Fixture =>
  async (context) => {
    if (context.target === 'out') return null
    if (context.target === 'cross') {
      const id = await context.world.outsiderView({ deleted: prepare !== undefined })
      return { ...(await request(context, id)), unchanged: () => context.world.viewSnapshot(id) }
    }
    const id = await ownView(context)
    await prepare?.(context, id)
    return request(context, id)
  }

const freshCustomRole = (world: World) =>
  world.adminCall<{ id: string }>('post', '/api/roles', {
    name: world.unique('自定义角色'),
    permissions: ['customer:read'],
    scopes: { customer: 'own', audit: 'own' },
  })

const freshUser = async (world: World) => (await world.freshActor('viewer')).userId

/** A new user of this role whose WeChat account (a new openid of the stand-in) is bound through the API. */
const wechatBoundPerson = async (world: World, role: RoleKey) => {
  const person = await world.freshActor(role)
  const openId = world.unique('openid-')
  const bound = await world.server.api.post('/api/me/wechat', { token: person.token, body: { code: world.wechat.issueCode(openId) } })
  if (bound.status !== 200) throw new Error(`WeChat binding answered ${bound.status}: ${JSON.stringify(bound.body)}`)
  return { person, openId }
}

/**
 * Feedback that arrived in store A through a code naming the sales user: inside every role's feedback scope (own,
 * team and all alike). Written as the public form stores it; `customerId` links it, `photo` attaches a photo.
 */
const feedbackInScope = (world: World, options: { customerId?: string; photo?: boolean } = {}) =>
  withDatabaseClient(world.server.database.url, async (client) => {
    const channel = await client.query<{ id: string }>(
      `INSERT INTO channels (id, code, kind, name, team_id, staff_id, updated_at)
       VALUES (gen_random_uuid(), $1, 'feedback', $2, $3, $4, now()) RETURNING id`,
      [world.unique('code'), world.unique('渠道'), world.teams.teamA, world.actors.sales.userId],
    )
    const feedback = await client.query<{ id: string }>(
      `INSERT INTO feedback (id, channel_id, team_id, staff_id, rating, nps, category, text, customer_id, customer_link, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 4, 9, 'service', $4, $5, $6, now()) RETURNING id`,
      [channel.rows[0]?.id, world.teams.teamA, world.actors.sales.userId, world.unique('反馈'), options.customerId ?? null, options.customerId === undefined ? null : 'manual'],
    )
    const id = feedback.rows[0]?.id as string
    const photo = options.photo !== true ? undefined : await client.query<{ id: string }>(
      `INSERT INTO feedback_photos (id, feedback_id, form_token_id, content_type, byte_size, sha256, data)
       VALUES (gen_random_uuid(), $1, 'authz', 'image/png', 4, 'none', '\\x89504e47') RETURNING id`,
      [id],
    )
    return { id, photoId: photo?.rows[0]?.id as string }
  })

/** The feedback row as stored, to prove a refused call left it as it was. */
const feedbackSnapshot = (world: World, id: string) => () =>
  withDatabaseClient(world.server.database.url, async (client) => ({
    row: (await client.query('SELECT to_jsonb(f) AS row FROM feedback f WHERE id = $1', [id])).rows[0],
    notes: (await client.query('SELECT count(*)::int AS n FROM feedback_notes WHERE feedback_id = $1', [id])).rows[0],
  }))

/** One feedback of the caller's scope for this call (the operation is about no customer in particular). */
const onFeedback = (body?: unknown): Fixture =>
  inOnly(async ({ world }) => {
    const { id } = await feedbackInScope(world)
    return { path: { id }, ...(body === undefined ? {} : { body }), unchanged: feedbackSnapshot(world, id) }
  })

/** A channel of store A naming the sales user: inside every role's feedback scope (own = naming the caller). */
const storeChannel = (world: World, kind: 'feedback' | 'self_register' = 'feedback') =>
  world.adminCall<{ id: string; token: string }>('post', '/api/channels', {
    kind,
    name: world.unique('码'),
    teamId: world.teams.teamA,
    staffId: world.actors.sales.userId,
  })

const freshDevice = () => `authz_${randomBytes(10).toString('hex')}`

/** The headers of a form opened through a fresh channel's code on a fresh device. */
const openForm = async (world: World, kind: 'feedback' | 'self_register') => {
  const channel = await storeChannel(world, kind)
  const device = freshDevice()
  const opened = await world.server.api.get<{ formToken: string }>(`/api/public/channels/${channel.token}`, { headers: { 'X-Device-Id': device } })
  if (opened.status !== 200) throw new Error(`opening a channel answered ${opened.status}`)
  return { 'X-Device-Id': device, 'X-Form-Token': opened.body.formToken }
}

const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

export const fixtures: Record<string, Fixture> = {
  // Issue 7: each data-in-and-out module keeps its fixtures beside the others in its own file.
  ...importsFixtures,
  ...exportsFixtures,
  ...backupsFixtures,
  ...webhooksFixtures,

  // Health and sign-in.
  getHealth: plain,
  login: inOnly(({ actor }) => ({ body: { username: actor.username, password: actor.password } })),
  refreshTokens: inOnly(async ({ world, actor }) => ({ body: { refreshToken: (await world.signIn(actor.username, actor.password)).body.refreshToken } })),
  logout: inOnly(async ({ world, actor }) => ({ body: { refreshToken: (await world.signIn(actor.username, actor.password)).body.refreshToken } })),
  verifyMfa: inOnly(async ({ world, role }) => {
    const person = await world.freshActor(role)
    const secret = await enableMfa(world, person.token)
    return { body: { challengeToken: await challengeFor(world, person), code: code(secret, 0) } }
  }),
  setupMfaAtSignIn: inOnly(async ({ world }) => {
    const person = await world.freshActor({ roleId: await mfaRequiredRole(world) }, { signIn: false })
    return { body: { challengeToken: await challengeFor(world, person) } }
  }),
  getAuthOptions: plain,
  loginWithWechat: inOnly(async ({ world, role }) => ({ body: { code: world.wechat.issueCode((await wechatBoundPerson(world, role)).openId) } })),
  enableMfaAtSignIn: inOnly(async ({ world }) => {
    const person = await world.freshActor({ roleId: await mfaRequiredRole(world) }, { signIn: false })
    const challengeToken = await challengeFor(world, person)
    const setup = await world.server.api.post<{ secret: string }>('/api/auth/mfa/setup', { body: { challengeToken } })
    return { body: { challengeToken, code: code(setup.body.secret, 0) } }
  }),

  // The caller's own account.
  getMe: plain,
  changeMyPassword: inOnly(async ({ world, role }) => {
    const person = await world.freshActor(role)
    return { token: person.token, body: { currentPassword: person.password, newPassword: `${strongPassword}-next` } }
  }),
  getMyMfa: plain,
  setupMyMfa: inOnly(async ({ world, role }) => ({ token: (await world.freshActor(role)).token })),
  enableMyMfa: inOnly(async ({ world, role }) => {
    const person = await world.freshActor(role)
    const setup = await world.server.api.post<{ secret: string }>('/api/me/mfa/setup', { token: person.token })
    return { token: person.token, body: { code: code(setup.body.secret, 0) } }
  }),
  disableMyMfa: inOnly(async ({ world, role }) => {
    const person = await world.freshActor(role)
    await enableMfa(world, person.token)
    return { token: person.token, body: { password: person.password } }
  }),
  replaceMyRecoveryCodes: inOnly(async ({ world, role }) => {
    const person = await world.freshActor(role)
    const secret = await enableMfa(world, person.token)
    return { token: person.token, body: { code: code(secret, 0) } }
  }),
  listMySessions: plain,
  getMyWechat: plain,
  bindMyWechat: inOnly(({ world }) => ({ body: { code: world.wechat.issueCode(world.unique('openid-')) } })),
  unbindMyWechat: inOnly(async ({ world, role }) => ({ token: (await wechatBoundPerson(world, role)).person.token })),
  listMyRegistrations: inOnly(async ({ world, actor, permitted }) => {
    // Something the actor registered, so the page is not empty when the role may create customers.
    if (permitted) await world.server.api.post('/api/customers', { token: actor.token, body: { name: world.unique('登记客户') } })
    return { query: { period: 'week', limit: '100' } }
  }),
  revokeMySession: async ({ world, actor, target }) => {
    if (target === 'out') return null
    // Across: a session of another user, which must stay alive.
    const person = target === 'cross' ? world.outsider : actor
    const other = await world.signIn(person.username, person.password)
    const token = other.body.accessToken as string
    const sessions = await world.server.api.get<{ items: { id: string; current: boolean }[] }>('/api/me/sessions', { token })
    const session = sessions.body.items.find((item) => item.current)
    if (session === undefined) throw new Error('the new session is not listed as current')
    return {
      path: { id: session.id },
      ...(target === 'cross' ? { unchanged: async () => (await world.server.api.get('/api/me', { token })).status } : {}),
    }
  },
  getPreference: inOnly(async ({ world, actor }) => {
    await world.server.api.put('/api/me/preferences/authz.test', { token: actor.token, body: { value: { columns: ['name'] } } })
    return { path: { key: 'authz.test' } }
  }),
  putPreference: inOnly(() => ({ path: { key: 'authz.test' }, body: { value: { columns: ['name', 'phone'] } } })),

  // Customers.
  listCustomerSources: plain,
  listCustomers: async ({ world, target }): Promise<PreparedRequest | null> => {
    if (target === 'cross') return null
    if (target === 'in') return { query: { limit: '100' } }
    const customer = await world.customer('out')
    return { query: { keyword: customer.name, limit: '100' }, watch: customer.id, hidden: true }
  },
  createCustomer: inOnly(({ world }) => ({ body: { name: world.unique('新客户'), phones: [{ number: `172${String(Date.now()).slice(-8)}` }] } })),
  findCustomerDuplicates: async ({ world, target }) => {
    if (target === 'cross') return null
    const customer = await world.customer(target)
    return { query: { phone: customer.phone }, watch: customer.id, hidden: true, allowOutIds: true }
  },
  mergeCustomers: async ({ world, target }) => {
    if (target === 'cross') return null
    const survivor = await world.customer('in')
    const merged = await world.customer(target)
    return { body: { survivorId: survivor.id, mergedId: merged.id }, watch: merged.id }
  },
  bulkCustomers: async ({ world, target }) => {
    if (target === 'cross') return null
    const customer = await world.customer(target)
    return { body: { ids: [customer.id], action: 'addTags', tagIds: [world.tagId] }, watch: customer.id }
  },
  getCustomer: onCustomer(),
  updateCustomer: onCustomer((customer) => ({ body: { version: customer.version, notes: '回访后更新' } })),
  deleteCustomer: onCustomer(),
  revealCustomerContacts: onCustomer(),
  restoreCustomer: onTrashedCustomer,
  listTrashedCustomers: inOnly(async ({ world }) => {
    // Something outside the scope in the trash, so a list that shows it is caught.
    await world.trashedCustomer('out')
    return {}
  }),
  purgeCustomer: onTrashedCustomer,
  getCustomerTimeline: onCustomer(),

  // Related records of a customer.
  listCustomerContacts: onCustomer(),
  createCustomerContact: onCustomer((_customer, { world }) => ({ body: { name: world.unique('新联系人') } })),
  updateCustomerContact: onRelated('contactId', (world, id) => world.contact(id), { notes: '已核实' }),
  deleteCustomerContact: onRelated('contactId', (world, id) => world.contact(id)),
  listCustomerOrders: onCustomer(),
  createCustomerOrder: onCustomer(() => ({ body: { status: 'pending', items: [{ product: '滤芯', quantity: 2, unitPrice: '59.00' }] } })),
  updateCustomerOrder: onRelated('orderId', (world, id) => world.order(id), { notes: '已发货' }),
  deleteCustomerOrder: onRelated('orderId', (world, id) => world.order(id)),
  listCustomerActivities: onCustomer(),
  createCustomerActivity: onCustomer(() => ({ body: { type: 'visit', content: '上门安装' } })),
  updateCustomerActivity: onRelated('activityId', (world, id) => world.activity(id), { outcome: '满意' }),
  deleteCustomerActivity: onRelated('activityId', (world, id) => world.activity(id)),

  // Saved customer views (the caller's own; their results follow the customer scope). Across: another user's
  // private view, which does not exist for anyone else, administrators included.
  listCustomerViews: plain,
  createCustomerView: inOnly(({ world }) => ({ body: { name: world.unique('视图') } })),
  orderCustomerViews: async (context) => {
    if (context.target === 'out') return null
    if (context.target === 'cross') {
      const id = await context.world.outsiderView()
      return { body: { ids: [id] }, unchanged: () => context.world.viewSnapshot(id), refusals: [404, 422] }
    }
    return { body: { ids: context.permitted ? [await ownView(context)] : [] } }
  },
  updateCustomerView: viewFixture(async (context, id) => ({ path: { id }, body: { name: context.world.unique('改名视图') } })),
  deleteCustomerView: viewFixture(async (_context, id) => ({ path: { id } })),
  restoreCustomerView: viewFixture(
    async (_context, id) => ({ path: { id } }),
    async (context, id) => {
      const token = context.permitted ? context.actor.token : context.world.admin
      await context.world.server.api.delete(`/api/customer-views/${id}`, { token })
    },
  ),

  // Settings.
  listTags: plain,
  createTag: inOnly(({ world }) => ({ body: { name: world.unique('标签') } })),
  updateTag: settingsEntry('/api/tags', (world) => ({ name: world.unique('标签') }), (world) => ({ name: world.unique('改名标签') })),
  deleteTag: settingsEntry('/api/tags', (world) => ({ name: world.unique('标签') })),
  listGroups: plain,
  createGroup: inOnly(({ world }) => ({ body: { name: world.unique('分组') } })),
  updateGroup: settingsEntry('/api/groups', (world) => ({ name: world.unique('分组') }), (world) => ({ name: world.unique('改名分组') })),
  deleteGroup: settingsEntry('/api/groups', (world) => ({ name: world.unique('分组') })),
  listCustomerLevels: plain,
  createCustomerLevel: inOnly(({ world }) => ({ body: { name: world.unique('等级') } })),
  updateCustomerLevel: settingsEntry('/api/customer-levels', (world) => ({ name: world.unique('等级') }), (world) => ({ name: world.unique('改名等级') })),
  deleteCustomerLevel: settingsEntry('/api/customer-levels', (world) => ({ name: world.unique('等级') })),
  listRelationshipTypes: plain,
  createRelationshipType: inOnly(({ world }) => ({ body: { name: world.unique('关系') } })),
  updateRelationshipType: settingsEntry('/api/relationship-types', (world) => ({ name: world.unique('关系') }), (world) => ({ name: world.unique('改名关系') })),
  deleteRelationshipType: settingsEntry('/api/relationship-types', (world) => ({ name: world.unique('关系') })),
  listCustomFields: plain,
  createCustomField: inOnly(({ world }) => ({ body: { key: world.unique('f_').toLowerCase(), label: world.unique('字段'), type: 'text' } })),
  updateCustomField: settingsEntry(
    '/api/custom-fields',
    (world) => ({ key: world.unique('f_').toLowerCase(), label: world.unique('字段'), type: 'text' }),
    (world) => ({ label: world.unique('改名字段') }),
  ),
  deleteCustomField: settingsEntry('/api/custom-fields', (world) => ({ key: world.unique('f_').toLowerCase(), label: world.unique('字段'), type: 'text' })),

  // People, teams, roles.
  listUsers: plain,
  listTeams: plain,
  createTeam: inOnly(({ world }) => ({ body: { name: world.unique('新门店'), parentId: world.teams.regionR } })),
  updateTeam: settingsEntry('/api/teams', (world) => ({ name: world.unique('门店'), parentId: world.teams.regionS }), (world) => ({ name: world.unique('改名门店') })),
  deleteTeam: settingsEntry('/api/teams', (world) => ({ name: world.unique('门店'), parentId: world.teams.regionS })),
  listPermissions: plain,
  listRoles: plain,
  createRole: inOnly(({ world }) => ({
    body: { name: world.unique('新角色'), permissions: ['customer:read'], scopes: { customer: 'own', audit: 'own' } },
  })),
  getRole: inOnly(async ({ world }) => ({ path: { id: (await freshCustomRole(world)).id } })),
  updateRole: inOnly(async ({ world }) => ({ path: { id: (await freshCustomRole(world)).id }, body: { description: '更新说明' } })),
  deleteRole: inOnly(async ({ world }) => ({ path: { id: (await freshCustomRole(world)).id } })),
  listManagedUsers: plain,
  createManagedUser: inOnly(({ world }) => ({
    body: { username: world.unique('staff'), displayName: '新同事', password: strongPassword, roleId: world.roleIds.viewer, teamId: world.teams.teamA },
  })),
  getManagedUser: inOnly(async ({ world }) => ({ path: { id: await freshUser(world) } })),
  updateManagedUser: inOnly(async ({ world }) => ({ path: { id: await freshUser(world) }, body: { displayName: '改名同事' } })),
  resetUserPassword: inOnly(async ({ world }) => ({ path: { id: await freshUser(world) }, body: { password: `${strongPassword}-reset` } })),
  unlockUser: inOnly(async ({ world }) => ({ path: { id: await freshUser(world) } })),
  resetUserMfa: inOnly(async ({ world }) => {
    const person = await world.freshActor('viewer')
    await enableMfa(world, person.token)
    return { path: { id: person.userId } }
  }),
  unbindUserWechat: inOnly(async ({ world }) => ({ path: { id: (await wechatBoundPerson(world, 'viewer')).person.userId } })),
  handoverCustomers: inOnly(async ({ world }) => ({ path: { id: await freshUser(world) }, body: { toUserId: await freshUser(world) } })),

  // Security.
  getSecuritySettings: plain,
  updateSecuritySettings: inOnly(async ({ world }) => {
    // The settings as they are: the call must be allowed or refused, not change how the other actors sign in.
    const current = await world.adminCall<Record<string, unknown>>('get', '/api/security-settings')
    const { passwordMinLength, passwordExpiryDays, lockoutThreshold, lockoutBaseSeconds } = current
    return { body: { passwordMinLength, passwordExpiryDays, lockoutThreshold, lockoutBaseSeconds } }
  }),
  listApiKeys: plain,
  createApiKey: inOnly(({ world }) => ({ body: { name: world.unique('集成'), roleId: world.roleIds.viewer } })),
  revokeApiKey: inOnly(async ({ world }) => ({
    path: { id: (await world.adminCall<{ id: string }>('post', '/api/api-keys', { name: world.unique('集成'), roleId: world.roleIds.viewer })).id },
  })),
  listAuditLogs: inOnly(() => ({ query: { limit: '100' } })),

  // The feedback inbox (feedback scope; a customer named in the query or body follows the customer scope).
  listFeedback: async ({ world, target }) => {
    if (target === 'cross') return null
    const customer = await world.customer(target)
    await feedbackInScope(world, { customerId: customer.id })
    return { query: { customerId: customer.id, limit: '100' }, watch: customer.id }
  },
  getFeedbackStats: inOnly(() => ({ query: { granularity: 'week' } })),
  getFeedback: onFeedback(),
  updateFeedback: onFeedback({ status: 'in_progress' }),
  addFeedbackNote: onFeedback({ kind: 'note', body: '已核实' }),
  linkFeedbackCustomer: async ({ world, target }) => {
    if (target === 'cross') return null
    const customer = await world.customer(target)
    const { id } = await feedbackInScope(world)
    return { path: { id }, body: { customerId: customer.id }, watch: customer.id, unchanged: feedbackSnapshot(world, id) }
  },
  revealFeedbackPhone: onFeedback(),
  // Across: a photo of another feedback under this one's path is no one's to see.
  getFeedbackPhoto: async ({ world, target }) => {
    if (target === 'out') return null
    const feedback = await feedbackInScope(world, { photo: true })
    const photoId = target === 'cross' ? (await feedbackInScope(world, { photo: true })).photoId : feedback.photoId
    return { path: { id: feedback.id, photoId } }
  },

  // QR channels (feedback scope by their store) and the public intake they lead to.
  listChannels: inOnly(async ({ world }) => {
    await storeChannel(world)
    return { query: { kind: 'feedback' } }
  }),
  createChannel: inOnly(({ world }) => ({
    body: { kind: 'feedback', name: world.unique('码'), teamId: world.teams.teamA, staffId: world.actors.sales.userId },
  })),
  getChannel: inOnly(async ({ world }) => ({ path: { id: (await storeChannel(world)).id } })),
  updateChannel: inOnly(async ({ world }) => ({ path: { id: (await storeChannel(world)).id }, body: { name: world.unique('改名码') } })),
  deleteChannel: inOnly(async ({ world }) => ({ path: { id: (await storeChannel(world)).id } })),
  reissueChannel: inOnly(async ({ world }) => ({ path: { id: (await storeChannel(world)).id } })),
  getChannelQr: inOnly(async ({ world }) => ({ path: { id: (await storeChannel(world)).id }, query: { type: 'h5', format: 'svg' } })),
  openPublicChannel: inOnly(async ({ world }) => ({ path: { token: (await storeChannel(world)).token }, headers: { 'X-Device-Id': freshDevice() } })),
  uploadPublicPhoto: inOnly(async ({ world }) => {
    const body = new FormData()
    body.append('photo', new Blob([new Uint8Array(onePixelPng)], { type: 'image/png' }), 'photo.png')
    return { headers: await openForm(world, 'feedback'), body }
  }),
  submitPublicFeedback: inOnly(async ({ world }) => ({
    headers: { ...(await openForm(world, 'feedback')), 'Idempotency-Key': world.unique('key-') },
    body: { rating: 4, nps: 9, category: 'service', text: '服务很好' },
  })),
  submitPublicRegistration: inOnly(async ({ world }) => ({
    headers: await openForm(world, 'self_register'),
    body: { name: world.unique('自助'), phone: `173${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, consent: true },
  })),
}
