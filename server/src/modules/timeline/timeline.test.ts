import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer, type ErrorBody } from '../../test/support.js'
import type { TimelineEntryDto, TimelinePageDto } from './timeline.schemas.js'


describe('customer timeline', () => {
  let server: TestServer
  let sales1: string
  let sales2: string

  beforeAll(async () => {
    server = await startTestServer()
    ;[sales1, sales2] = await Promise.all([server.login('sales1'), server.login('sales2')])
  })
  afterAll(() => server.close())

  const newCustomer = async (token: string, name: string) => {
    const response = await server.api.post<{ id: string }>('/api/customers', { token, body: { name } })
    expect(response.status).toBe(201)
    return response.body.id
  }
  const timeline = (customerId: string, query = '', token = sales1, language?: string) =>
    server.api.get<TimelinePageDto & ErrorBody>(`/api/customers/${customerId}/timeline${query}`, { token, language })

  it('mixes activities, orders and history newest first, with summaries in the caller\'s language', async () => {
    const customerId = await newCustomer(sales1, '时间线客户')
    const call = await server.api.post<{ id: string }>(`/api/customers/${customerId}/activities`, {
      token: sales1,
      body: { type: 'call', occurredAt: '2026-02-01T00:00:00.000Z', content: '电话回访，客户很满意' },
    })
    const order = await server.api.post<{ id: string }>(`/api/customers/${customerId}/orders`, {
      token: sales1,
      body: { orderNo: 'TL-0001', orderedAt: '2026-03-01T00:00:00.000Z', status: 'completed', items: [{ product: '净水器', quantity: 1, unitPrice: 1280 }] },
    })
    const contact = await server.api.post<{ id: string }>(`/api/customers/${customerId}/contacts`, { token: sales1, body: { name: '王芳' } })
    expect([call.status, order.status, contact.status]).toEqual([201, 201, 201])

    const page = await timeline(customerId)
    expect(page.status).toBe(200)
    expect(page.body.nextCursor).toBeNull()
    const byKind = (kind: string) => page.body.items.filter((entry) => entry.kind === kind)
    const occurred = page.body.items.map((entry) => entry.occurredAt)
    expect(occurred).toEqual([...occurred].sort().reverse())

    expect(byKind('activity')).toEqual([
      expect.objectContaining({
        id: call.body.id,
        occurredAt: '2026-02-01T00:00:00.000Z',
        actor: expect.objectContaining({ displayName: '李娜' }),
        summary: '电话：电话回访，客户很满意',
        activity: expect.objectContaining({ id: call.body.id, type: 'call' }),
      }),
    ])
    expect(byKind('order')).toEqual([
      expect.objectContaining({
        id: order.body.id,
        summary: '订单 TL-0001，金额 ¥1280.00（已完成）',
        order: expect.objectContaining({ orderNo: 'TL-0001', amount: '1280.00' }),
      }),
    ])
    const contactEvent = page.body.items.find((entry) => entry.summary === '新增联系人：王芳')
    expect(contactEvent).toMatchObject({ kind: 'change', changes: [{ field: 'contact.name', from: null, to: '王芳' }] })

    const english = await timeline(customerId, '', sales1, 'en-US')
    expect(english.body.items.map((entry) => entry.summary)).toEqual(
      expect.arrayContaining(['Call: 电话回访，客户很满意', 'Order TL-0001, ¥1280.00 (Completed)', 'Added contact 王芳']),
    )

    // A deleted order leaves the timeline.
    await server.api.delete(`/api/customers/${customerId}/orders/${order.body.id}`, { token: sales1 })
    expect((await timeline(customerId)).body.items.some((entry) => entry.kind === 'order')).toBe(false)
  })

  it('pages with an opaque cursor: no entry twice, none missed, ties broken by id', async () => {
    const customerId = await newCustomer(sales1, '分页客户')
    // Several entries share a timestamp, the case a cursor of time alone would get wrong.
    const times = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z']
    for (const [index, occurredAt] of times.entries()) {
      await server.api.post(`/api/customers/${customerId}/activities`, { token: sales1, body: { type: 'note', occurredAt, content: `备注 ${index}` } })
      await server.api.post(`/api/customers/${customerId}/orders`, { token: sales1, body: { orderedAt: occurredAt, amount: index + 1 } })
    }
    const all = (await timeline(customerId, '?limit=100')).body.items
    expect(all.length).toBeGreaterThanOrEqual(8)
    const sortKey = (entry: TimelineEntryDto) => `${entry.occurredAt}|${entry.id}`
    expect(all.map(sortKey)).toEqual(all.map(sortKey).sort().reverse())

    const seen: TimelineEntryDto[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = cursor === null ? '?limit=3' : `?limit=3&cursor=${encodeURIComponent(cursor)}`
      const page = await timeline(customerId, query)
      expect(page.status).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(3)
      seen.push(...page.body.items)
      cursor = page.body.nextCursor
      pages += 1
    } while (cursor !== null && pages < 20)
    expect(seen.map((entry) => entry.id)).toEqual(all.map((entry) => entry.id))
    expect(pages).toBe(Math.ceil(all.length / 3))
  })

  it('refuses a forged cursor and a bad limit with 422', async () => {
    const customerId = await newCustomer(sales1, '游标客户')
    for (const query of ['?cursor=abc', `?cursor=${Buffer.from('2026-01-01|x').toString('base64url')}`, '?limit=0', '?limit=101', '?limit=x']) {
      const response = await timeline(customerId, query)
      expect(response.status, query).toBe(422)
      expect(response.body.code).toBe('VALIDATION_FAILED')
    }
  })

  it("is out of reach for a colleague, for a trashed customer and for anonymous callers", async () => {
    const customerId = await newCustomer(sales2, '同事客户')
    const other = await timeline(customerId)
    expect(other.status).toBe(404)
    expect(other.body.code).toBe('CUSTOMER_NOT_FOUND')
    expect((await timeline(customerId, '', sales2)).status).toBe(200)
    expect((await server.api.get(`/api/customers/${customerId}/timeline`)).status).toBe(401)

    // 张伟's customer lies outside the manager's region (华东大区): her timeline answers 404 as well.
    const manager = await server.login('manager')
    expect((await timeline(customerId, '', manager)).status).toBe(404)
    const admin = await server.login('admin')
    expect((await timeline(customerId, '', admin)).status).toBe(200)
    expect((await server.api.delete(`/api/customers/${customerId}`, { token: admin })).status).toBe(204)
    expect((await timeline(customerId, '', admin)).status).toBe(404)
    await withDatabaseClient(server.database.url, async (client) => {
      expect((await client.query('SELECT 1 FROM customers WHERE id = $1 AND deleted_at IS NOT NULL', [customerId])).rowCount).toBe(1)
    })
  })
})
