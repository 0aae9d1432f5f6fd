import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type ErrorBody, type TestServer } from '../../test/support.js'
import type { AuditEntryData } from './audit-logs.schemas.js'

interface Page {
  items: AuditEntryData[]
  nextCursor: string | null
}

const marker = 'audit-list-test'

describe('the audit log list', () => {
  let server: TestServer
  let admin: string
  let manager: string
  let sales1: string
  const ids: Record<'admin' | 'manager' | 'sales1' | 'sales2' | 'service1', string> = { admin: '', manager: '', sales1: '', sales2: '', service1: '' }
  const customerId = '2f1c7a8e-5b0d-4c6a-9e3f-0a1b2c3d4e5f'

  const list = (token: string, query = '') => server.api.get<Page & ErrorBody>(`/api/audit-logs?resource=tag${query}`, { token })

  beforeAll(async () => {
    server = await startTestServer()
    ;[admin, manager, sales1] = await Promise.all([server.login('admin'), server.login('manager'), server.login('sales1')])
    await withDatabaseClient(server.databaseUrl, async (client) => {
      const users = await client.query<{ id: string; username: keyof typeof ids }>(`SELECT id, username FROM users`)
      for (const user of users.rows) if (user.username in ids) ids[user.username] = user.id
      // One entry per person a minute apart (admin oldest), written as the services write them; the list only reads.
      const order = ['admin', 'manager', 'sales1', 'sales2', 'service1'] as const
      for (const [index, username] of order.entries()) {
        await client.query(
          `INSERT INTO audit_logs (id, at, actor_id, actor_name, action, resource, resource_id, customer_id, label, changes)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, 'tag', $5, $6, $7, $8)`,
          [
            new Date(Date.UTC(2030, 0, 1, 8, index)), ids[username], username, index % 2 === 0 ? 'update' : 'create', `${marker}-${index}`,
            username === 'sales1' ? customerId : null, `${marker} ${username}`, JSON.stringify({ name: { before: 'a', after: 'b' } }),
          ],
        )
      }
    })
  })
  afterAll(() => server.close())

  it('an administrator sees every entry, newest first, with actor, diff and context', async () => {
    const page = await list(admin)
    expect(page.status).toBe(200)
    expect(page.body.items.map((entry) => entry.label)).toEqual(
      ['service1', 'sales2', 'sales1', 'manager', 'admin'].map((username) => `${marker} ${username}`),
    )
    expect(page.body.items[2]).toEqual({
      id: expect.any(String), at: '2030-01-01T08:02:00.000Z', actor: { id: ids.sales1, displayName: 'sales1' }, apiKeyId: null, ip: null,
      userAgent: null, action: 'update', resource: 'tag', resourceId: `${marker}-2`, customerId, label: `${marker} sales1`,
      changes: { name: { before: 'a', after: 'b' } }, meta: null,
    })
    expect(page.body.nextCursor).toBeNull()
  })

  it('filters by actor, action, customer and time', async () => {
    expect((await list(admin, `&actorId=${ids.sales2}`)).body.items.map((entry) => entry.label)).toEqual([`${marker} sales2`])
    expect((await list(admin, '&action=create')).body.items.map((entry) => entry.label)).toEqual([`${marker} sales2`, `${marker} manager`])
    expect((await list(admin, `&customerId=${customerId}`)).body.items.map((entry) => entry.label)).toEqual([`${marker} sales1`])
    const window = await list(admin, '&from=2030-01-01T08:01:00.000Z&to=2030-01-01T08:03:00.000Z')
    expect(window.body.items.map((entry) => entry.label)).toEqual(['sales2', 'sales1', 'manager'].map((username) => `${marker} ${username}`))
    const bad = await list(admin, '&action=dance&limit=500&colour=red')
    expect(bad.status).toBe(422)
    expect(bad.body.details.map((detail) => detail.field).sort()).toEqual(['', 'action', 'limit'])
  })

  it('pages with a cursor, newest first, without gaps or repeats', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: Page = (await list(admin, `&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`)).body
      seen.push(...page.items.map((entry) => entry.label ?? ''))
      cursor = page.nextCursor
      pages += 1
    } while (cursor !== null)
    expect(pages).toBe(3)
    expect(seen).toEqual(['service1', 'sales2', 'sales1', 'manager', 'admin'].map((username) => `${marker} ${username}`))
    const broken = await list(admin, '&cursor=not-a-cursor')
    expect(broken.status).toBe(422)
    expect(broken.body.details).toEqual([{ field: 'cursor', message: '分页位置无效，请从第一页重新开始' }])
  })

  it('a manager sees only entries by their team’s users; sales staff cannot read the log', async () => {
    const page = await list(manager)
    expect(page.status).toBe(200)
    // 王经理 leads 华东大区: their own entries and 李娜's (杭州西湖店 below it), not 张伟's, 陈静's or the admin's.
    expect(page.body.items.map((entry) => entry.label)).toEqual([`${marker} sales1`, `${marker} manager`])
    expect((await list(manager, `&actorId=${ids.sales2}`)).body.items).toEqual([])
    expect((await server.api.get('/api/audit-logs', { token: sales1 })).status).toBe(403)
    expect((await server.api.get('/api/audit-logs')).status).toBe(401)
  })

  it('a role with the own audit scope sees only its holder’s entries', async () => {
    const role = await server.api.post<{ id: string }>('/api/roles', {
      token: admin, body: { name: '自查', permissions: ['audit:read'], scopes: { customer: 'own', audit: 'own' } },
    })
    const roleRow = await server.api.patch(`/api/admin/users/${ids.sales2}`, { token: admin, body: { roleId: role.body.id } })
    expect(roleRow.status).toBe(200)
    const sales2 = await server.login('sales2')
    expect((await list(sales2)).body.items.map((entry) => entry.label)).toEqual([`${marker} sales2`])
  })
})
