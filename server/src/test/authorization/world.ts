import { randomBytes } from 'node:crypto'
import { builtInRoleKeys, type BuiltInRoleKey } from '../../auth/permissions.js'
import { testAdminPassword, withDatabaseClient, type ApiResponse, type TestServer } from '../support.js'
import type { WechatStandIn } from '../wechat-stand-in.js'

/**
 * The people and records the generated authorisation test acts with: a fresh team layout (team A ⊂ region R,
 * team B ⊂ region S), one signed-in user per built-in role, and factories for customers inside and outside the
 * sales user's and the manager's scope. Everything is prepared through the administrator's API, as a customer
 * would; only the before/after snapshots read the database directly.
 */

export type RoleKey = BuiltInRoleKey
/** Whose customer: the sales user's (inside the sales user's and the manager's scope) or team B's (outside). */
export type Side = 'in' | 'out'
/** `cross`: an in-scope customer's path with the id of a record (contact, order, …) of an out-of-scope one, or another user's own record (private saved view, session): wrong for every role. */
export type Target = Side | 'cross'

export interface Actor {
  userId: string
  username: string
  password: string
  token: string
  refreshToken: string
}

export interface CreatedCustomer {
  id: string
  name: string
  version: number
  phone: string
  email: string
}

interface LoginBody {
  accessToken?: string
  refreshToken?: string
  user?: { id: string; passwordChangeRequired: boolean }
  mfa?: string
  challengeToken?: string
}

export interface World {
  server: TestServer
  /** The stand-in of WeChat's API the server is configured with (codes for WeChat sign-in and binding). */
  wechat: WechatStandIn
  /** The bootstrap administrator's access token. */
  admin: string
  actors: Record<RoleKey, Actor>
  /** An API key per role, acting as that role's actor: the same permissions and scope through another door. */
  apiKeys: Record<RoleKey, string>
  roleIds: Record<RoleKey, string>
  teams: { root: string; regionR: string; teamA: string; regionS: string; teamB: string }
  /** Owner of every out-of-scope customer: a salesperson of team B. */
  outsider: Actor
  /** In every out-of-scope customer's name and source, so a list that shows one is caught by text. */
  marker: string
  /** Ids of every out-of-scope customer created so far. */
  outIds: Set<string>
  /** A tag every fixture may use. */
  tagId: string
  unique(prefix: string): string
  customer(side: Side): Promise<CreatedCustomer>
  trashedCustomer(side: Side): Promise<CreatedCustomer>
  contact(customerId: string): Promise<string>
  order(customerId: string): Promise<string>
  activity(customerId: string): Promise<string>
  /**
   * A new user with this role (or role id) in the role's usual team, signed in with a session of its own (unless
   * `signIn` is false: a role that requires MFA answers sign-in with a challenge, and the token is then empty).
   */
  freshActor(role: RoleKey | { roleId: string }, options?: { signIn?: boolean }): Promise<Actor>
  signIn(username: string, password: string): Promise<ApiResponse<LoginBody>>
  /** A private saved view of the outsider (named with the marker), deleted to the trash when asked. */
  outsiderView(options?: { deleted?: boolean }): Promise<string>
  /** A saved view's row, to prove it unchanged. */
  viewSnapshot(id: string): Promise<unknown>
  /** Everything stored about a customer (row, related rows, history and audit counts), to prove it unchanged. */
  snapshot(customerId: string): Promise<unknown>
  /** Sends a request as the administrator and insists on a 2xx answer. */
  adminCall<T>(method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, body?: unknown): Promise<T>
}

export const strongPassword = 'Kezhi-Authz-Test-2026'

const check = <T>(response: ApiResponse<T>, what: string): T => {
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body
}

let phoneCounter = 0
const freshPhone = () => {
  phoneCounter += 1
  return `171${String(process.pid % 10_000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`
}

export const buildWorld = async (server: TestServer, { wechat }: { wechat: WechatStandIn }): Promise<World> => {
  const { api } = server
  const run = randomBytes(3).toString('hex')
  let counter = 0
  const unique = (prefix: string) => {
    counter += 1
    return `${prefix}${run}${counter}`
  }

  const adminLogin = check(await api.post<LoginBody>('/api/auth/login', { body: { username: 'admin', password: testAdminPassword } }), 'admin login')
  const admin = adminLogin.accessToken as string
  const adminCall = async <T>(method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, body?: unknown): Promise<T> =>
    check(await api[method]<T>(path, { token: admin, body }), `${method.toUpperCase()} ${path}`)

  const roles = (await adminCall<{ items: { id: string; key: string | null }[] }>('get', '/api/roles')).items
  const roleIds = Object.fromEntries(
    builtInRoleKeys.map((key) => {
      const found = roles.find((role) => role.key === key)
      if (found === undefined) throw new Error(`no built-in role ${key}`)
      return [key, found.id]
    }),
  ) as Record<RoleKey, string>

  const teamList = (await adminCall<{ items: { id: string; parentId: string | null }[] }>('get', '/api/teams')).items
  const root = teamList.find((team) => team.parentId === null)?.id
  if (root === undefined) throw new Error('no root team')
  const team = async (name: string, parentId: string) => (await adminCall<{ id: string }>('post', '/api/teams', { name: unique(name), parentId })).id
  const regionR = await team('区域R', root)
  const teamA = await team('门店A', regionR)
  const regionS = await team('区域S', root)
  const teamB = await team('门店B', regionS)
  const teams = { root, regionR, teamA, regionS, teamB }
  const homeTeam: Record<RoleKey, string> = { admin: root, manager: regionR, sales: teamA, service: root, viewer: root }

  const signIn = (username: string, password: string) => api.post<LoginBody>('/api/auth/login', { body: { username, password } })

  const createUser = async (roleId: string, teamId: string, { signIn: signingIn = true } = {}): Promise<Actor> => {
    const username = unique('authz')
    const created = await adminCall<{ id: string }>('post', '/api/admin/users', { username, displayName: username, password: strongPassword, roleId, teamId })
    let password = strongPassword
    if (!signingIn) return { userId: created.id, username, password, token: '', refreshToken: '' }
    let login = check(await signIn(username, password), `login of ${username}`)
    if (login.user?.passwordChangeRequired === true) {
      const next = `${strongPassword}-changed`
      check(await api.post('/api/me/password', { token: login.accessToken, body: { currentPassword: password, newPassword: next } }), 'password change')
      password = next
      login = check(await signIn(username, password), `login of ${username}`)
    }
    if (login.accessToken === undefined || login.refreshToken === undefined) throw new Error(`${username} could not sign in: ${JSON.stringify(login)}`)
    return { userId: created.id, username, password, token: login.accessToken, refreshToken: login.refreshToken }
  }

  const freshActor = async (role: RoleKey | { roleId: string }, options?: { signIn?: boolean }) =>
    typeof role === 'string' ? createUser(roleIds[role], homeTeam[role], options) : createUser(role.roleId, root, options)

  const adminMe = check(await api.get<{ id: string }>('/api/me', { token: admin }), 'admin /api/me')
  const actors = {
    admin: { userId: adminMe.id, username: 'admin', password: testAdminPassword, token: admin, refreshToken: adminLogin.refreshToken as string },
  } as Record<RoleKey, Actor>
  for (const role of builtInRoleKeys) if (role !== 'admin') actors[role] = await freshActor(role)
  const outsider = await createUser(roleIds.sales, teamB)
  const apiKeys = {} as Record<RoleKey, string>
  for (const role of builtInRoleKeys) {
    const created = await adminCall<{ key: string }>('post', '/api/api-keys', { name: unique(`${role}密钥`), roleId: roleIds[role], actingUserId: actors[role].userId })
    apiKeys[role] = created.key
  }

  const marker = `越界${run}`
  const outIds = new Set<string>()
  const tagId = (await adminCall<{ id: string }>('post', '/api/tags', { name: unique('标签') })).id

  const customer = async (side: Side): Promise<CreatedCustomer> => {
    const phone = freshPhone()
    const email = `${unique('c')}@example.com`
    const name = side === 'out' ? unique(`${marker}客户`) : unique('本组客户')
    const created = await adminCall<{ id: string; version: number }>('post', '/api/customers', {
      name,
      source: side === 'out' ? `${marker}来源` : '门店',
      ownerId: side === 'out' ? outsider.userId : actors.sales.userId,
      phones: [{ number: phone }],
      emails: [{ address: email }],
    })
    if (side === 'out') outIds.add(created.id)
    return { id: created.id, name, version: created.version, phone, email }
  }

  const trashedCustomer = async (side: Side) => {
    const made = await customer(side)
    await adminCall('delete', `/api/customers/${made.id}`)
    return made
  }

  const contact = async (customerId: string) =>
    (await adminCall<{ id: string }>('post', `/api/customers/${customerId}/contacts`, { name: unique('联系人'), phones: [{ number: freshPhone() }] })).id
  const order = async (customerId: string) =>
    (
      await adminCall<{ id: string }>('post', `/api/customers/${customerId}/orders`, {
        status: 'paid',
        items: [{ product: '净水器', quantity: 1, unitPrice: '199.00' }],
      })
    ).id
  const activity = async (customerId: string) =>
    (await adminCall<{ id: string }>('post', `/api/customers/${customerId}/activities`, { type: 'call', content: unique('回访') })).id

  const outsiderView = async ({ deleted = false } = {}) => {
    const created = check(
      await api.post<{ id: string }>('/api/customer-views', { token: outsider.token, body: { name: unique(`${marker}视图`) } }),
      'outsider view',
    )
    if (deleted) check(await api.delete(`/api/customer-views/${created.id}`, { token: outsider.token }), 'outsider view deletion')
    return created.id
  }
  const viewSnapshot = (id: string) =>
    withDatabaseClient(server.database.url, async (client) => (await client.query('SELECT to_jsonb(v) AS row FROM customer_views v WHERE id = $1', [id])).rows[0])

  const snapshot = (customerId: string) =>
    withDatabaseClient(server.database.url, async (client) => {
      const rows = (table: string, where = 'customer_id = $1') =>
        `(SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY to_jsonb(x)::text), '[]') FROM ${table} x WHERE ${where})`
      const { rows: [row] } = await client.query<{ snapshot: unknown }>(
        `SELECT jsonb_build_object(
           'customer', (SELECT to_jsonb(c) - 'search_terms' - 'search_version' - 'pinyin_terms' FROM customers c WHERE id = $1),
           'phones', ${rows('customer_phones')}, 'emails', ${rows('customer_emails')}, 'addresses', ${rows('customer_addresses')},
           'tags', ${rows('customer_tags')}, 'groups', ${rows('customer_groups')},
           'contacts', ${rows('contacts')},
           'contactPhones', ${rows('contact_phones', 'contact_id IN (SELECT id FROM contacts WHERE customer_id = $1)')},
           'contactEmails', ${rows('contact_emails', 'contact_id IN (SELECT id FROM contacts WHERE customer_id = $1)')},
           'orders', ${rows('orders')},
           'orderItems', ${rows('order_items', 'order_id IN (SELECT id FROM orders WHERE customer_id = $1)')},
           'activities', ${rows('activities')},
           'events', (SELECT count(*) FROM customer_events WHERE customer_id = $1),
           'audit', (SELECT count(*) FROM audit_logs WHERE customer_id = $1)
         ) AS snapshot`,
        [customerId],
      )
      return row?.snapshot
    })

  return {
    server, wechat, admin, actors, apiKeys, roleIds, teams, outsider, marker, outIds, tagId, unique,
    customer, trashedCustomer, contact, order, activity, freshActor, signIn, outsiderView, viewSnapshot, snapshot, adminCall,
  }
}
