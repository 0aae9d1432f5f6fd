import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer, type ErrorBody } from '../../test/support.js'
import type { ActivityDto } from './activities.schemas.js'


describe('activities of a customer', () => {
  let server: TestServer
  let sales1: string
  let sales2: string
  let manager: string

  beforeAll(async () => {
    server = await startTestServer()
    ;[sales1, sales2, manager] = await Promise.all([server.login('sales1'), server.login('sales2'), server.login('manager')])
  })
  afterAll(() => server.close())

  const newCustomer = async (token: string, name: string) => {
    const response = await server.api.post<{ id: string }>('/api/customers', { token, body: { name } })
    expect(response.status).toBe(201)
    return response.body.id
  }
  const activities = (customerId: string) => `/api/customers/${customerId}/activities`
  const lastContactAt = (customerId: string) =>
    withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ last_contact_at: Date | null }>('SELECT last_contact_at FROM customers WHERE id = $1', [customerId])).rows[0]?.last_contact_at,
    )

  it('a sales rep logs a call; she is the author and the customer was last contacted then', async () => {
    const customerId = await newCustomer(sales1, '跟进客户')
    const created = await server.api.post<ActivityDto>(activities(customerId), {
      token: sales1,
      body: { type: 'call', occurredAt: '2026-05-01T09:30:00+08:00', content: '电话回访，客户对滤芯更换服务满意', outcome: '下月再联系' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      type: 'call',
      occurredAt: '2026-05-01T01:30:00.000Z',
      content: '电话回访，客户对滤芯更换服务满意',
      outcome: '下月再联系',
      author: { displayName: '李娜' },
    })
    expect(await lastContactAt(customerId)).toEqual(new Date('2026-05-01T01:30:00.000Z'))

    // Without a time it happened now.
    const before = Date.now()
    const now = await server.api.post<ActivityDto>(activities(customerId), { token: manager, body: { type: 'wechat', content: '微信发了报价单' } })
    expect(now.body.author.displayName).toBe('王经理')
    expect(new Date(now.body.occurredAt).getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect((await lastContactAt(customerId))?.toISOString()).toBe(now.body.occurredAt)

    const listed = await server.api.get<{ items: ActivityDto[]; total: number }>(activities(customerId), { token: sales1 })
    expect(listed.body.total).toBe(2)
    expect(listed.body.items.map((activity) => activity.id)).toEqual([now.body.id, created.body.id])
    const calls = await server.api.get<{ items: ActivityDto[]; total: number }>(`${activities(customerId)}?type=call`, { token: sales1 })
    expect(calls.body.items.map((activity) => activity.id)).toEqual([created.body.id])

    // Deleting the latest moves lastContactAt back; editing a date moves it too.
    expect((await server.api.delete(`${activities(customerId)}/${now.body.id}`, { token: sales1 })).status).toBe(204)
    expect(await lastContactAt(customerId)).toEqual(new Date('2026-05-01T01:30:00.000Z'))
    const moved = await server.api.patch<ActivityDto>(`${activities(customerId)}/${created.body.id}`, {
      token: sales1,
      body: { occurredAt: '2026-06-01T00:00:00.000Z', outcome: null },
    })
    expect(moved.body).toMatchObject({ occurredAt: '2026-06-01T00:00:00.000Z', outcome: null, author: { displayName: '李娜' } })
    expect(await lastContactAt(customerId)).toEqual(new Date('2026-06-01T00:00:00.000Z'))
    await server.api.delete(`${activities(customerId)}/${created.body.id}`, { token: sales1 })
    expect(await lastContactAt(customerId)).toBeNull()
    const gone = await server.api.patch<ErrorBody>(`${activities(customerId)}/${created.body.id}`, { token: sales1, body: { content: 'x' } })
    expect(gone.status).toBe(404)
    expect(gone.body.code).toBe('ACTIVITY_NOT_FOUND')
  })

  it("a sales rep cannot reach a colleague's customer's activities", async () => {
    const colleagues = await newCustomer(sales2, '同事客户')
    const activity = (await server.api.post<ActivityDto>(activities(colleagues), { token: sales2, body: { type: 'note', content: '备注' } })).body
    for (const response of [
      await server.api.get<ErrorBody>(activities(colleagues), { token: sales1 }),
      await server.api.post<ErrorBody>(activities(colleagues), { token: sales1, body: { type: 'note', content: 'x' } }),
      await server.api.patch<ErrorBody>(`${activities(colleagues)}/${activity.id}`, { token: sales1, body: { content: 'x' } }),
      await server.api.delete<ErrorBody>(`${activities(colleagues)}/${activity.id}`, { token: sales1 }),
    ]) {
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('CUSTOMER_NOT_FOUND')
    }
    const own = await newCustomer(sales1, '自己客户')
    expect((await server.api.delete<ErrorBody>(`${activities(own)}/${activity.id}`, { token: sales1 })).body.code).toBe('ACTIVITY_NOT_FOUND')
    expect((await server.api.get(activities(own))).status).toBe(401)
  })

  it('refuses bad activities with 422 on the field', async () => {
    const customerId = await newCustomer(sales1, '校验客户')
    const future = new Date(Date.now() + 3_600_000).toISOString()
    const probes: [unknown, string, string][] = [
      [{ content: 'x' }, 'type', '取值无效，可选值：call, visit, wechat, email, sms, note'],
      [{ type: 'meeting', content: 'x' }, 'type', '取值无效，可选值：call, visit, wechat, email, sms, note'],
      [{ type: 'call' }, 'content', '必填'],
      [{ type: 'call', content: '   ' }, 'content', '必填'],
      [{ type: 'call', content: 'x', occurredAt: future }, 'occurredAt', '不能晚于当前时间'],
      [{ type: 'call', content: 'x', occurredAt: '2026-13-01' }, 'occurredAt', '格式不正确'],
      [{ type: 'call', content: 'x'.repeat(2001) }, 'content', '最多 2000 个字符'],
    ]
    for (const [body, field, message] of probes) {
      const response = await server.api.post<ErrorBody>(activities(customerId), { token: sales1, body })
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422)
      expect(response.body.details, JSON.stringify(body).slice(0, 80)).toEqual([{ field, message }])
    }
  })
})
