import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'
import { customerClient } from '../customers/customers.test-support.js'

interface Role {
  id: string
  key: string | null
  name: string
  description: string | null
  permissions: string[]
  scopes: { customer: string; audit: string }
  mfaRequired: boolean
  builtIn: boolean
  userCount: number
}
interface AuditPage {
  items: { action: string; resource: string; resourceId: string | null; changes: Record<string, { before: unknown; after: unknown }> | null }[]
}

const password = 'Kezhi-Store-Lead-2026'

describe('roles and the permission catalogue', () => {
  let server: TestServer
  let admin: string
  let manager: string
  let customers: ReturnType<typeof customerClient>

  beforeAll(async () => {
    server = await startTestServer()
    ;[admin, manager] = await Promise.all([server.login('admin'), server.login('manager')])
    customers = customerClient(server)
  })
  afterAll(() => server.close())

  const roles = async () => (await server.api.get<{ items: Role[] }>('/api/roles', { token: admin })).body.items
  const builtIn = async (key: string) => (await roles()).find((role) => role.key === key) as Role
  const teamId = async (name: string) =>
    (await server.api.get<{ items: { id: string; name: string }[] }>('/api/teams', { token: admin })).body.items.find((team) => team.name === name)?.id

  it('lists the permission catalogue with labels in the caller’s language', async () => {
    const zh = await server.api.get<{ items: { key: string; resource: string; label: string }[]; scopedResources: string[] }>('/api/permissions', { token: manager })
    expect(zh.status).toBe(200)
    expect(zh.body.scopedResources).toEqual(['customer', 'audit', 'feedback'])
    expect(zh.body.items[0]).toEqual({ key: 'customer:read', resource: 'customer', label: '查看客户' })
    expect(zh.body.items.find((item) => item.key === 'audit:read')).toEqual({ key: 'audit:read', resource: 'audit', label: '查看审计日志' })
    const en = await server.api.get<{ items: { key: string; label: string }[] }>('/api/permissions', { token: manager, language: 'en-US' })
    expect(en.body.items.find((item) => item.key === 'customer:reveal_phone')?.label).toBe('See full phone numbers and emails')
    expect(en.body.items.every((item) => item.label !== '' && !item.label.startsWith('permissions.'))).toBe(true)
    expect((await server.api.get('/api/permissions')).status).toBe(401)
  })

  it('lists the built-in roles first with their user counts; managers may not see or change roles', async () => {
    const listed = await roles()
    expect(listed.slice(0, 5).map((role) => [role.key, role.name, role.builtIn, role.userCount])).toEqual([
      ['admin', '管理员', true, 1],
      ['manager', '销售经理', true, 1],
      ['sales', '销售', true, 2],
      ['service', '客服', true, 1],
      ['viewer', '只读', true, 0],
    ])
    expect(listed[0]?.permissions).toContain('security:manage')
    expect((await server.api.get('/api/roles', { token: manager })).status).toBe(403)
    expect((await server.api.post('/api/roles', { token: manager, body: { name: 'x', permissions: [], scopes: { customer: 'own', audit: 'own' } } })).status).toBe(403)
  })

  it('an administrator creates a custom role and a user with it; the user can do exactly what the role allows', async () => {
    const created = await server.api.post<Role>('/api/roles', {
      token: admin,
      body: { name: '店员', description: '只录入和查看自己的客户', permissions: ['customer:create', 'customer:read', 'customer:read'], scopes: { customer: 'own', audit: 'own' } },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      key: null, name: '店员', builtIn: false, userCount: 0, mfaRequired: false,
      permissions: ['customer:read', 'customer:create'], scopes: { customer: 'own', audit: 'own' },
    })

    const user = await server.api.post<{ id: string; roleName: string }>('/api/admin/users', {
      token: admin,
      body: { username: 'clerk1', displayName: '小周', password, roleId: created.body.id, teamId: await teamId('杭州西湖店') },
    })
    expect(user.status).toBe(201)
    expect(user.body.roleName).toBe('店员')
    await server.completeFirstSignIn('clerk1', password)
    const clerk = await server.login('clerk1', password)

    const me = await server.api.get<{ role: string; roleName: string; permissions: string[] }>('/api/me', { token: clerk })
    expect(me.body).toMatchObject({ role: 'custom', roleName: '店员' })
    expect([...me.body.permissions].sort()).toEqual(['customer:create', 'customer:read'])

    // Allowed: create and read, only their own customers.
    const mine = await customers.create(clerk, { name: '周先生' })
    expect(mine.status).toBe(201)
    const listed = await customers.list(clerk)
    expect(listed.status).toBe(200)
    expect(listed.body.items.map((item) => item.id)).toEqual([mine.body.id])
    // Not allowed: editing, deleting, and everything administrative.
    expect((await customers.patch(clerk, mine.body.id, { version: mine.body.version, name: '周总' })).status).toBe(403)
    expect((await customers.remove(clerk, mine.body.id)).status).toBe(403)
    expect((await server.api.get('/api/audit-logs', { token: clerk })).status).toBe(403)
    expect((await server.api.get('/api/admin/users', { token: clerk })).status).toBe(403)
    expect((await server.api.get('/api/roles', { token: clerk })).status).toBe(403)

    // A change to the role applies on the user's next request.
    const widened = await server.api.patch<Role>(`/api/roles/${created.body.id}`, {
      token: admin, body: { permissions: ['customer:read', 'customer:create', 'customer:update'] },
    })
    expect(widened.status).toBe(200)
    expect(widened.body.userCount).toBe(1)
    expect((await customers.patch(clerk, mine.body.id, { version: mine.body.version, name: '周总' })).status).toBe(200)

    const log = await server.api.get<AuditPage>('/api/audit-logs?resource=role', { token: admin })
    const [update, create] = log.body.items.filter((entry) => entry.resourceId === created.body.id)
    expect(update).toMatchObject({
      action: 'update',
      changes: { permissions: { before: ['customer:create', 'customer:read'], after: ['customer:create', 'customer:read', 'customer:update'] } },
    })
    expect(create?.action).toBe('create')
    expect(create?.changes).toMatchObject({ name: { before: null, after: '店员' }, 'scopes.customer': { before: null, after: 'own' } })
  })

  it('names unknown permissions and refuses bad scopes and unknown fields', async () => {
    const unknown = await server.api.post<ErrorBody>('/api/roles', {
      token: admin, body: { name: '怪角色', permissions: ['customer:read', 'customer:fly'], scopes: { customer: 'own', audit: 'own' } },
    })
    expect(unknown.status).toBe(422)
    expect(unknown.body.details).toEqual([{ field: 'permissions.1', message: '没有这个权限：customer:fly' }])
    const scope = await server.api.post<ErrorBody>('/api/roles', {
      token: admin, body: { name: '怪角色', permissions: [], scopes: { customer: 'region', audit: 'own' } },
    })
    expect(scope.status).toBe(422)
    expect(scope.body.details[0]?.field).toBe('scopes.customer')
    const extra = await server.api.post<ErrorBody>('/api/roles', {
      token: admin, body: { name: '怪角色', permissions: [], scopes: { customer: 'own', audit: 'own' }, key: 'admin' },
    })
    expect(extra.status).toBe(422)
    const taken = await server.api.post<ErrorBody>('/api/roles', { token: admin, body: { name: '销售', permissions: [], scopes: { customer: 'own', audit: 'own' } } })
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('NAME_TAKEN')
  })

  it('keeps admin as it is, lets other built-in roles change but not go, and refuses to delete roles in use', async () => {
    const adminRole = await builtIn('admin')
    const locked = await server.api.patch<ErrorBody>(`/api/roles/${adminRole.id}`, { token: admin, body: { permissions: [] } })
    expect(locked.status).toBe(409)
    expect(locked.body.code).toBe('ROLE_BUILT_IN')
    expect((await server.api.delete<ErrorBody>(`/api/roles/${adminRole.id}`, { token: admin })).body.code).toBe('ROLE_BUILT_IN')

    const viewer = await builtIn('viewer')
    const described = await server.api.patch<Role>(`/api/roles/${viewer.id}`, { token: admin, body: { description: '只能查看' } })
    expect(described.status).toBe(200)
    expect(described.body).toMatchObject({ key: 'viewer', description: '只能查看', permissions: ['customer:read', 'feedback:read'] })
    expect((await server.api.delete<ErrorBody>(`/api/roles/${viewer.id}`, { token: admin })).body.code).toBe('ROLE_BUILT_IN')

    const clerkRole = (await roles()).find((role) => role.name === '店员') as Role
    const inUse = await server.api.delete<ErrorBody>(`/api/roles/${clerkRole.id}`, { token: admin })
    expect(inUse.status).toBe(409)
    expect(inUse.body.code).toBe('ROLE_IN_USE')

    const spare = await server.api.post<Role>('/api/roles', { token: admin, body: { name: '临时', permissions: [], scopes: { customer: 'own', audit: 'own' }, mfaRequired: true } })
    expect(spare.body.mfaRequired).toBe(true)
    expect((await server.api.get<Role>(`/api/roles/${spare.body.id}`, { token: admin })).body.name).toBe('临时')
    expect((await server.api.delete(`/api/roles/${spare.body.id}`, { token: admin })).status).toBe(204)
    expect((await server.api.get<ErrorBody>(`/api/roles/${spare.body.id}`, { token: admin })).body.code).toBe('ROLE_NOT_FOUND')
    const log = await server.api.get<AuditPage>('/api/audit-logs?resource=role&action=delete', { token: admin })
    expect(log.body.items[0]).toMatchObject({ resourceId: spare.body.id, changes: { name: { before: '临时', after: null } } })
  })
})
