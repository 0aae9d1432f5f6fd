import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'
import { auditEntries, sql } from '../auth/auth.test-support.js'

interface ApiKey {
  id: string
  name: string
  prefix: string
  roleId: string
  roleName: string
  actingUser: { id: string; displayName: string }
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
  revokedAt: string | null
  key?: string
}

describe('API keys for integrations', () => {
  let server: TestServer
  let admin = ''
  let viewerRoleId = ''
  const withKey = (key: string, as: 'bearer' | 'header') =>
    as === 'bearer' ? { token: key } : { headers: { 'x-api-key': key } }

  beforeAll(async () => {
    server = await startTestServer()
    admin = await server.login('admin')
    const [viewer] = await sql<{ id: string }>(server, `SELECT id FROM roles WHERE key = 'viewer'`)
    viewerRoleId = viewer?.id ?? ''
  })
  afterAll(() => server.close())

  it('an administrator creates a key: it is shown once, stored hashed, and acts with its role as its user', async () => {
    const created = await server.api.post<ApiKey & ErrorBody>('/api/api-keys', { token: admin, body: { name: '官网表单同步', roleId: viewerRoleId } })
    expect(created.status).toBe(201)
    const key = created.body.key as string
    expect(key).toMatch(/^kz_[A-Za-z0-9_-]{40}$/)
    expect(created.body).toMatchObject({
      name: '官网表单同步',
      prefix: key.slice(3, 11),
      roleId: viewerRoleId,
      roleName: '只读',
      actingUser: { id: expect.any(String), displayName: '系统管理员' },
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    })

    const listed = await server.api.get<{ items: ApiKey[] }>('/api/api-keys', { token: admin })
    expect(listed.body.items).toHaveLength(1)
    expect(listed.body.items[0]).not.toHaveProperty('key')
    expect(JSON.stringify(listed.body)).not.toContain(key)

    const [stored] = await sql<Record<string, unknown>>(server, `SELECT * FROM api_keys`)
    expect(stored?.key_hash).toBe(createHash('sha256').update(key).digest('hex'))
    expect(JSON.stringify(stored)).not.toContain(key)

    for (const as of ['bearer', 'header'] as const) {
      const read = await server.api.get(`/api/customers`, withKey(key, as))
      expect(read.status, as).toBe(200)
      const me = await server.api.get<{ username: string; role: string; permissions: string[] }>('/api/me', withKey(key, as))
      expect(me.body).toMatchObject({ username: 'admin', role: 'viewer', permissions: ['customer:read', 'feedback:read'] })
      // The viewer role may read only, whatever its user may do.
      const write = await server.api.post<ErrorBody>('/api/customers', { ...withKey(key, as), body: { name: '集成写入' } })
      expect(write.status, as).toBe(403)
      expect((await server.api.get('/api/api-keys', withKey(key, as))).status).toBe(403)
    }
    // A key is not the person: the person's own password and sessions are out of its reach.
    const password = await server.api.post<ErrorBody>('/api/me/password', { token: key, body: { currentPassword: 'x', newPassword: 'y-long-enough-1' } })
    expect(password.status).toBe(403)
    expect((await server.api.get('/api/me/sessions', { token: key })).status).toBe(403)
    const used = await server.api.get<{ items: ApiKey[] }>('/api/api-keys', { token: admin })
    expect(used.body.items[0]?.lastUsedAt).toEqual(expect.any(String))

    expect((await server.api.delete(`/api/api-keys/${created.body.id}`, { token: admin })).status).toBe(204)
    for (const as of ['bearer', 'header'] as const) {
      const refused = await server.api.get<ErrorBody>('/api/customers', withKey(key, as))
      expect(refused.status, as).toBe(401)
      expect(refused.body.code).toBe('UNAUTHENTICATED')
    }
    const again = await server.api.delete<ErrorBody>(`/api/api-keys/${created.body.id}`, { token: admin })
    expect(again.status).toBe(404)
    expect(again.body.code).toBe('API_KEY_NOT_FOUND')
    const revoked = await server.api.get<{ items: ApiKey[] }>('/api/api-keys', { token: admin })
    expect(revoked.body.items[0]?.revokedAt).toEqual(expect.any(String))

    const entries = await auditEntries(server, ['create', 'delete'])
    const keyEntries = entries.filter((entry) => entry.resource === 'api_key')
    expect(keyEntries.map((entry) => entry.action)).toEqual(['create', 'delete'])
    expect(keyEntries[0]?.changes).toMatchObject({ name: { before: null, after: '官网表单同步' }, role: { before: null, after: '只读' } })
    expect(keyEntries[1]?.changes).toEqual({ revokedAt: { before: null, after: expect.any(String) } })
    expect(JSON.stringify(keyEntries)).not.toContain(key)
    expect(JSON.stringify(keyEntries)).not.toContain(stored?.key_hash as string)
  })

  it('a key can act as another user, and stops working when it expires', async () => {
    const [sales1] = await sql<{ id: string }>(server, `SELECT id FROM users WHERE username = 'sales1'`)
    const created = await server.api.post<ApiKey>('/api/api-keys', {
      token: admin,
      body: { name: '李娜的导入脚本', roleId: viewerRoleId, actingUserId: sales1?.id, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    })
    expect(created.status).toBe(201)
    expect(created.body.actingUser).toEqual({ id: sales1?.id, displayName: '李娜' })
    const key = created.body.key as string
    expect((await server.api.get<{ username: string }>('/api/me', { token: key })).body.username).toBe('sales1')

    await sql(server, `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id])
    expect((await server.api.get('/api/me', { token: key })).status).toBe(401)
  })

  it('refuses unknown roles and users, past expiry dates and unknown fields', async () => {
    const missing = '00000000-0000-4000-8000-000000000000'
    const noRole = await server.api.post<ErrorBody>('/api/api-keys', { token: admin, body: { name: 'x', roleId: missing } })
    expect(noRole.status).toBe(404)
    expect(noRole.body.code).toBe('ROLE_NOT_FOUND')
    const noUser = await server.api.post<ErrorBody>('/api/api-keys', { token: admin, body: { name: 'x', roleId: viewerRoleId, actingUserId: missing } })
    expect(noUser.status).toBe(404)
    expect(noUser.body.code).toBe('USER_NOT_FOUND')
    const past = await server.api.post<ErrorBody>('/api/api-keys', {
      token: admin,
      body: { name: 'x', roleId: viewerRoleId, expiresAt: '2020-01-01T00:00:00.000Z' },
      language: 'en-US',
    })
    expect(past.status).toBe(422)
    expect(past.body.details).toEqual([{ field: 'expiresAt', message: 'The expiry must be in the future' }])
    const extra = await server.api.post<ErrorBody>('/api/api-keys', { token: admin, body: { name: 'x', roleId: viewerRoleId, key: 'kz_mine' } })
    expect(extra.status).toBe(422)
    expect((await server.api.delete<ErrorBody>('/api/api-keys/not-a-uuid', { token: admin })).body.code).toBe('API_KEY_NOT_FOUND')
  })

  it('only holders of api_key:manage manage keys', async () => {
    const manager = await server.login('manager')
    expect((await server.api.get<ErrorBody>('/api/api-keys', { token: manager })).status).toBe(403)
    expect((await server.api.post<ErrorBody>('/api/api-keys', { token: manager, body: { name: 'x', roleId: viewerRoleId } })).status).toBe(403)
    expect((await server.api.get('/api/api-keys')).status).toBe(401)
  })
})
