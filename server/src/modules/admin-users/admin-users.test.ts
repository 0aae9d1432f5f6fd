import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type ErrorBody, type TestServer } from '../../test/support.js'
import type { ManagedUserData } from './admin-users.schemas.js'

interface AuditEntry {
  action: string
  resource: string
  resourceId: string | null
  customerId: string | null
  label: string | null
  changes: Record<string, { before: unknown; after: unknown }> | null
  meta: Record<string, unknown> | null
}
type ManagedUser = ManagedUserData & ErrorBody

const strongPassword = 'Kezhi-New-Staff-2026'

describe('user administration', () => {
  let server: TestServer
  let admin: string
  let manager: string

  const sql = <Row>(text: string, values: unknown[] = []) =>
    withDatabaseClient(server.databaseUrl, async (client) => (await client.query(text, values)).rows as Row[])
  const users = async () => (await server.api.get<{ items: ManagedUser[] }>('/api/admin/users', { token: admin })).body.items
  const user = async (username: string) => {
    const found = (await users()).find((candidate) => candidate.username === username)
    if (found === undefined) throw new Error(`no user ${username}`)
    return found
  }
  const roleId = async (key: string) =>
    (await server.api.get<{ items: { id: string; key: string | null }[] }>('/api/roles', { token: admin })).body.items.find((role) => role.key === key)?.id
  const teamId = async (name: string) =>
    (await server.api.get<{ items: { id: string; name: string }[] }>('/api/teams', { token: admin })).body.items.find((team) => team.name === name)?.id
  const audit = async (query: string) => (await server.api.get<{ items: AuditEntry[] }>(`/api/audit-logs?${query}`, { token: admin })).body.items

  beforeAll(async () => {
    server = await startTestServer()
    ;[admin, manager] = await Promise.all([server.login('admin'), server.login('manager')])
  })
  afterAll(() => server.close())

  it('lists every account with role, team, security state and customer count; a manager cannot manage users', async () => {
    const sales1 = await user('sales1')
    expect(sales1).toEqual({
      id: expect.any(String), username: 'sales1', displayName: '李娜', roleId: await roleId('sales'), roleName: '销售',
      teamId: await teamId('杭州西湖店'), teamName: '杭州西湖店', disabled: false, mfaEnabled: false, wechatBound: false, lockedUntil: null,
      lastLoginAt: null, passwordChangedAt: expect.any(String), customerCount: expect.any(Number),
    })
    expect(sales1.customerCount).toBeGreaterThan(0)
    expect((await user('admin')).lastLoginAt).not.toBeNull()
    expect((await server.api.get('/api/admin/users', { token: manager })).status).toBe(403)
    expect((await server.api.post('/api/admin/users', { token: manager, body: {} })).status).toBe(403)
    expect((await server.api.patch(`/api/admin/users/${sales1.id}`, { token: manager, body: { disabled: true } })).status).toBe(403)
    expect((await server.api.post(`/api/admin/users/${sales1.id}/handover`, { token: manager, body: { toUserId: sales1.id } })).status).toBe(403)
  })

  it('creates a user whose password meets the policy; the audit entry holds no password', async () => {
    const body = { username: 'sales3', displayName: '赵敏', password: strongPassword, roleId: await roleId('sales'), teamId: await teamId('杭州西湖店') }
    const weak = await server.api.post<ErrorBody>('/api/admin/users', { token: admin, body: { ...body, password: 'sales3' } })
    expect(weak.status).toBe(422)
    expect(weak.body.details.map((detail) => detail.field)).toEqual(['password'])
    const common = await server.api.post<ErrorBody>('/api/admin/users', { token: admin, body: { ...body, password: 'password123' } })
    expect(common.body.details).toEqual([{ field: 'password', message: '这是常见密码，容易被猜中，请换一个' }])
    const taken = await server.api.post<ErrorBody>('/api/admin/users', { token: admin, body: { ...body, username: 'Sales1' } })
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('USERNAME_TAKEN')
    const badRole = await server.api.post<ErrorBody>('/api/admin/users', { token: admin, body: { ...body, roleId: '00000000-0000-4000-8000-000000000000' } })
    expect(badRole.body.details).toEqual([{ field: 'roleId', message: '角色不存在' }])
    const extra = await server.api.post<ErrorBody>('/api/admin/users', { token: admin, body: { ...body, disabled: true } })
    expect(extra.status).toBe(422)

    const created = await server.api.post<ManagedUser>('/api/admin/users', { token: admin, body })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ username: 'sales3', displayName: '赵敏', roleName: '销售', teamName: '杭州西湖店', customerCount: 0 })
    expect((await server.api.get<ManagedUser>(`/api/admin/users/${created.body.id}`, { token: admin })).body.username).toBe('sales3')
    // The administrator's password works once, to choose one's own.
    const first = await server.api.post<{ user: { passwordChangeRequired: boolean } }>('/api/auth/login', {
      body: { username: 'sales3', password: strongPassword },
    })
    expect(first.body.user.passwordChangeRequired).toBe(true)
    await server.completeFirstSignIn('sales3', strongPassword)

    const [entry] = await audit(`resource=user&action=create`)
    expect(entry).toMatchObject({ resourceId: created.body.id, label: 'sales3' })
    expect(entry?.changes).toEqual({
      username: { before: null, after: 'sales3' }, displayName: { before: null, after: '赵敏' }, role: { before: null, after: '销售' },
      team: { before: null, after: '杭州西湖店' }, disabled: { before: null, after: false },
    })
    expect(JSON.stringify(await audit('resource=user'))).not.toContain(strongPassword)
  })

  it('disabling a user kills their current access token and refresh token immediately', async () => {
    const login = await server.api.post<{ accessToken: string; refreshToken: string }>('/api/auth/login', {
      body: { username: 'sales3', password: strongPassword },
    })
    const { accessToken, refreshToken } = login.body
    expect((await server.api.get('/api/me', { token: accessToken })).status).toBe(200)
    const sales3 = await user('sales3')

    const disabled = await server.api.patch<ManagedUser>(`/api/admin/users/${sales3.id}`, { token: admin, body: { disabled: true } })
    expect(disabled.status).toBe(200)
    expect(disabled.body.disabled).toBe(true)
    expect((await server.api.get('/api/me', { token: accessToken })).status).toBe(401)
    expect((await server.api.post('/api/auth/refresh', { body: { refreshToken } })).status).toBe(401)
    expect((await server.api.post('/api/auth/login', { body: { username: 'sales3', password: strongPassword } })).status).toBe(401)
    const sessions = await sql<{ revoked_reason: string | null }>(`SELECT revoked_reason FROM sessions WHERE user_id = $1`, [sales3.id])
    expect(sessions.length).toBeGreaterThan(0)
    // None is left open; the ones still open when the account was disabled (this one) end for that reason.
    expect(sessions.every((session) => session.revoked_reason !== null)).toBe(true)
    expect(sessions.some((session) => session.revoked_reason === 'user_disabled')).toBe(true)
    // Pickers offer only active staff.
    const staff = await server.api.get<{ items: { username: string }[] }>('/api/users', { token: manager })
    expect(staff.body.items.map((item) => item.username)).not.toContain('sales3')

    const [entry] = await audit(`resource=user&action=update`)
    expect(entry).toMatchObject({ resourceId: sales3.id, changes: { disabled: { before: false, after: true } } })

    await server.api.patch(`/api/admin/users/${sales3.id}`, { token: admin, body: { disabled: false } })
    expect(await server.login('sales3', strongPassword)).toEqual(expect.any(String))
  })

  it('nobody disables themselves or changes their own role; other own changes are fine', async () => {
    const me = await user('admin')
    for (const body of [{ disabled: true }, { roleId: await roleId('manager') }]) {
      const refused = await server.api.patch<ErrorBody>(`/api/admin/users/${me.id}`, { token: admin, body })
      expect(refused.status).toBe(409)
      expect(refused.body.code).toBe('CANNOT_CHANGE_SELF')
    }
    const renamed = await server.api.patch<ManagedUser>(`/api/admin/users/${me.id}`, { token: admin, body: { displayName: '系统管理员', roleId: me.roleId } })
    expect(renamed.status).toBe(200)
    expect(renamed.body.displayName).toBe('系统管理员')
  })

  it('a role change takes effect on the next request', async () => {
    const sales3 = await user('sales3')
    const token = await server.login('sales3', strongPassword)
    expect((await server.api.get('/api/audit-logs', { token })).status).toBe(403)
    await server.api.patch(`/api/admin/users/${sales3.id}`, { token: admin, body: { roleId: await roleId('manager'), teamId: await teamId('华东大区') } })
    expect((await server.api.get('/api/audit-logs', { token })).status).toBe(200)
    const [entry] = await audit(`resource=user&action=update`)
    expect(entry?.changes).toEqual({ role: { before: '销售', after: '销售经理' }, team: { before: '杭州西湖店', after: '华东大区' } })
    await server.api.patch(`/api/admin/users/${sales3.id}`, { token: admin, body: { roleId: await roleId('sales'), teamId: await teamId('杭州西湖店') } })
  })

  it('a password reset ends every session and makes the user choose a new password first', async () => {
    const sales3 = await user('sales3')
    const before = await server.login('sales3', strongPassword)
    const weak = await server.api.post<ErrorBody>(`/api/admin/users/${sales3.id}/reset-password`, { token: admin, body: { password: '123' } })
    expect(weak.status).toBe(422)
    const reset = await server.api.post(`/api/admin/users/${sales3.id}/reset-password`, { token: admin, body: { password: 'Temporary-Pass-77' } })
    expect(reset.status).toBe(204)
    expect((await server.api.get('/api/me', { token: before })).status).toBe(401)
    expect((await server.api.post('/api/auth/login', { body: { username: 'sales3', password: strongPassword } })).status).toBe(401)
    const login = await server.api.post<{ accessToken: string; user: { passwordChangeRequired: boolean } }>('/api/auth/login', {
      body: { username: 'sales3', password: 'Temporary-Pass-77' },
    })
    expect(login.body.user.passwordChangeRequired).toBe(true)
    expect((await server.api.get<ErrorBody>('/api/customers', { token: login.body.accessToken })).body.code).toBe('PASSWORD_CHANGE_REQUIRED')
    const [entry] = await audit('resource=user&action=password_reset')
    expect(entry).toMatchObject({ resourceId: sales3.id, changes: null })
    expect(JSON.stringify(entry)).not.toContain('Temporary-Pass-77')
  })

  it('unlocks a locked account and resets two-factor authentication', async () => {
    const sales2 = await user('sales2')
    await sql(`UPDATE users SET locked_until = now() + interval '10 minutes', failed_login_count = 5, lockout_count = 1 WHERE id = $1`, [sales2.id])
    expect((await user('sales2')).lockedUntil).not.toBeNull()
    expect((await server.api.post(`/api/admin/users/${sales2.id}/unlock`, { token: admin })).status).toBe(204)
    expect((await user('sales2')).lockedUntil).toBeNull()
    expect(await sql(`SELECT failed_login_count, lockout_count FROM users WHERE id = $1`, [sales2.id])).toEqual([{ failed_login_count: 0, lockout_count: 0 }])
    expect((await audit('resource=user&action=unlock'))[0]).toMatchObject({ resourceId: sales2.id })

    await sql(`UPDATE users SET mfa_secret_encrypted = '\\x00'::bytea, mfa_key_id = 'k1', mfa_enabled_at = now() WHERE id = $1`, [sales2.id])
    await sql(`INSERT INTO mfa_recovery_codes (id, user_id, code_hash) VALUES (gen_random_uuid(), $1, 'x'), (gen_random_uuid(), $1, 'y')`, [sales2.id])
    expect((await user('sales2')).mfaEnabled).toBe(true)
    expect((await server.api.post(`/api/admin/users/${sales2.id}/reset-mfa`, { token: admin })).status).toBe(204)
    expect((await user('sales2')).mfaEnabled).toBe(false)
    expect(await sql(`SELECT mfa_secret_encrypted, mfa_key_id FROM users WHERE id = $1`, [sales2.id])).toEqual([{ mfa_secret_encrypted: null, mfa_key_id: null }])
    expect(await sql(`SELECT id FROM mfa_recovery_codes WHERE user_id = $1`, [sales2.id])).toEqual([])
    expect((await audit('resource=user&action=mfa_reset'))[0]).toMatchObject({ resourceId: sales2.id })
    expect((await server.api.post<ErrorBody>('/api/admin/users/00000000-0000-4000-8000-000000000000/unlock', { token: admin })).body.code).toBe('USER_NOT_FOUND')
  })

  it('handover (离职继承) moves every customer of a departing user, trash included, and the history shows it', async () => {
    const sales1 = await user('sales1')
    const sales2 = await user('sales2')
    const owned = await sql<{ id: string }>(`SELECT id FROM customers WHERE owner_id = $1 AND deleted_at IS NULL ORDER BY id`, [sales1.id])
    const [trashed, kept] = owned
    if (trashed === undefined || kept === undefined) throw new Error('sales1 needs two customers')
    expect((await server.api.delete(`/api/customers/${trashed.id}`, { token: admin })).status).toBe(204)
    const all = await sql<{ id: string }>(`SELECT id FROM customers WHERE owner_id = $1`, [sales1.id])
    expect(sales1.customerCount).toBe(owned.length)

    // user:manage alone is not enough: moving customers is assigning them.
    const lead = await server.api.post<{ id: string }>('/api/roles', {
      token: admin, body: { name: '人事', permissions: ['user:manage'], scopes: { customer: 'all', audit: 'own' } },
    })
    await server.api.post('/api/admin/users', {
      token: admin, body: { username: 'hr1', displayName: '人事小刘', password: strongPassword, roleId: lead.body.id, teamId: await teamId('总部') },
    })
    await server.completeFirstSignIn('hr1', strongPassword)
    const hr = await server.login('hr1', strongPassword)
    expect((await server.api.get('/api/admin/users', { token: hr })).status).toBe(200)
    expect((await server.api.post(`/api/admin/users/${sales1.id}/handover`, { token: hr, body: { toUserId: sales2.id } })).status).toBe(403)

    const self = await server.api.post<ErrorBody>(`/api/admin/users/${sales1.id}/handover`, { token: admin, body: { toUserId: sales1.id } })
    expect(self.body.details).toEqual([{ field: 'toUserId', message: '接收人不能是移交客户的用户本人' }])
    const sales3 = await user('sales3')
    await server.api.patch(`/api/admin/users/${sales3.id}`, { token: admin, body: { disabled: true } })
    const inactive = await server.api.post<ErrorBody>(`/api/admin/users/${sales1.id}/handover`, { token: admin, body: { toUserId: sales3.id } })
    expect(inactive.body.details).toEqual([{ field: 'toUserId', message: '负责人不存在或已停用' }])

    const moved = await server.api.post<{ count: number }>(`/api/admin/users/${sales1.id}/handover`, { token: admin, body: { toUserId: sales2.id } })
    expect(moved.status).toBe(200)
    expect(moved.body).toEqual({ count: all.length })
    expect(await sql(`SELECT id FROM customers WHERE owner_id = $1`, [sales1.id])).toEqual([])
    expect((await sql<{ owner_id: string }>(`SELECT owner_id FROM customers WHERE id = $1`, [trashed.id]))[0]?.owner_id).toBe(sales2.id)
    expect((await user('sales1')).customerCount).toBe(0)
    expect((await user('sales2')).customerCount).toBe(sales2.customerCount + owned.length - 1)

    // The history keeps the move: a change event on the customer's timeline, and audit entries.
    const timeline = await server.api.get<{ items: { kind: string; changes?: { field: string; from: unknown; to: unknown }[] }[] }>(
      `/api/customers/${kept.id}/timeline`, { token: admin },
    )
    expect(timeline.body.items[0]).toMatchObject({ kind: 'change', changes: [{ field: 'owner', from: '李娜', to: '张伟' }] })
    const [handover] = await audit('action=handover')
    expect(handover).toMatchObject({ resource: 'user', resourceId: sales1.id, meta: { toUserId: sales2.id, count: all.length } })
    const assigns = await audit(`action=assign&customerId=${trashed.id}`)
    expect(assigns).toEqual([
      expect.objectContaining({ resource: 'customer', resourceId: trashed.id, customerId: trashed.id, changes: { owner: { before: '李娜', after: '张伟' } } }),
    ])
    expect(await sql(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'assign' AND meta ->> 'handoverFromUserId' = $1`, [sales1.id]))
      .toEqual([{ n: all.length }])
    // Nothing left to move the second time.
    expect((await server.api.post<{ count: number }>(`/api/admin/users/${sales1.id}/handover`, { token: admin, body: { toUserId: sales2.id } })).body).toEqual({ count: 0 })
  })
})
