import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer, type ErrorBody } from '../../test/support.js'
import type { OrderDto } from './orders.schemas.js'

interface Metrics {
  order_count: number
  total_spent: string
  average_order_value: string | null
  first_purchase_at: Date | null
  last_purchase_at: Date | null
  purchase_frequency_days: number | null
}

describe('orders of a customer', () => {
  let server: TestServer
  let managerToken: string
  let sales1Token: string
  let sales2Token: string

  beforeAll(async () => {
    server = await startTestServer()
    ;[managerToken, sales1Token, sales2Token] = await Promise.all([server.login('manager'), server.login('sales1'), server.login('sales2')])
  })
  afterAll(() => server.close())

  const newCustomer = async (token: string, name: string) => {
    const response = await server.api.post<{ id: string }>('/api/customers', { token, body: { name } })
    expect(response.status).toBe(201)
    return response.body.id
  }
  const orders = (customerId: string) => `/api/customers/${customerId}/orders`
  const metricsOf = (customerId: string) =>
    withDatabaseClient(server.database.url, async (client) => {
      const { rows } = await client.query<Metrics>(
        `SELECT order_count, total_spent::text, average_order_value::text, first_purchase_at, last_purchase_at,
           purchase_frequency_days FROM customers WHERE id = $1`,
        [customerId],
      )
      return rows[0]
    })

  it('a sales rep records an order with two lines: line totals, the amount and a generated order number', async () => {
    const customerId = await newCustomer(sales1Token, '订单客户甲')
    const created = await server.api.post<OrderDto>(orders(customerId), {
      token: sales1Token,
      body: {
        orderedAt: '2026-03-01T02:00:00.000Z',
        channel: '门店',
        status: 'completed',
        items: [
          { product: '家用净水器 RO-600', category: '净水设备', quantity: 1, unitPrice: 2999 },
          { product: '滤芯', quantity: 3, unitPrice: '199.90' },
        ],
        notes: '首次购买',
      },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      orderedAt: '2026-03-01T02:00:00.000Z',
      channel: '门店',
      status: 'completed',
      amount: '3598.70',
      notes: '首次购买',
      items: [
        { product: '家用净水器 RO-600', category: '净水设备', quantity: 1, unitPrice: '2999.00', lineTotal: '2999.00' },
        { product: '滤芯', category: null, quantity: 3, unitPrice: '199.90', lineTotal: '599.70' },
      ],
    })
    expect(created.body.orderNo).toMatch(/^KZ\d{8}-\d{6}$/)

    const second = await server.api.post<OrderDto>(orders(customerId), { token: sales1Token, body: { items: [{ product: '会员卡', quantity: 1, unitPrice: 0.1 }] } })
    expect(second.status).toBe(201)
    expect(second.body.status).toBe('completed')
    expect(second.body.amount).toBe('0.10')
    expect(second.body.orderNo).not.toBe(created.body.orderNo)

    const listed = await server.api.get<{ items: OrderDto[]; total: number }>(orders(customerId), { token: sales1Token })
    expect(listed.status).toBe(200)
    expect(listed.body.total).toBe(2)
    // Newest first by the order date: the second order was placed now, the first in March.
    expect(listed.body.items.map((order) => order.id)).toEqual([second.body.id, created.body.id])
  })

  it('a given amount (a discount) wins over the sum of the lines; a given order number is kept and must be unique', async () => {
    const customerId = await newCustomer(sales1Token, '订单客户乙')
    const created = await server.api.post<OrderDto>(orders(customerId), {
      token: sales1Token,
      body: { orderNo: 'POS-2026-0001', amount: '899.00', items: [{ product: '空气净化器', quantity: 1, unitPrice: 999 }] },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ orderNo: 'POS-2026-0001', amount: '899.00' })

    const again = await server.api.post<ErrorBody>(orders(customerId), { token: sales1Token, body: { orderNo: 'POS-2026-0001', amount: 1 } })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('ORDER_NO_TAKEN')
  })

  it('metrics follow every order write: create, status change, moving amounts, and delete', async () => {
    const customerId = await newCustomer(sales1Token, '指标客户')
    expect(await metricsOf(customerId)).toMatchObject({ order_count: 0, total_spent: '0.00', average_order_value: null, purchase_frequency_days: null })

    const first = await server.api.post<OrderDto>(orders(customerId), {
      token: sales1Token,
      body: { orderedAt: '2026-01-01T00:00:00.000Z', status: 'paid', items: [{ product: '茶叶礼盒', quantity: 2, unitPrice: 300 }] },
    })
    expect(await metricsOf(customerId)).toMatchObject({
      order_count: 1, total_spent: '600.00', average_order_value: '600.00', purchase_frequency_days: null,
      first_purchase_at: new Date('2026-01-01T00:00:00.000Z'), last_purchase_at: new Date('2026-01-01T00:00:00.000Z'),
    })

    const second = await server.api.post<OrderDto>(orders(customerId), {
      token: sales1Token,
      body: { orderedAt: '2026-01-11T00:00:00.000Z', status: 'pending', amount: 1000 },
    })
    // Pending orders do not count yet.
    expect(await metricsOf(customerId)).toMatchObject({ order_count: 1, total_spent: '600.00' })

    const paid = await server.api.patch<OrderDto>(`${orders(customerId)}/${second.body.id}`, { token: sales1Token, body: { status: 'completed' } })
    expect(paid.status).toBe(200)
    expect(await metricsOf(customerId)).toMatchObject({
      order_count: 2, total_spent: '1600.00', average_order_value: '800.00', purchase_frequency_days: 10,
      last_purchase_at: new Date('2026-01-11T00:00:00.000Z'),
    })

    // New lines move the amount, and the date moves the purchase span (changing money takes the manager).
    const relined = await server.api.patch<OrderDto>(`${orders(customerId)}/${first.body.id}`, {
      token: managerToken,
      body: { orderedAt: '2025-12-22T00:00:00.000Z', items: [{ product: '茶叶礼盒', quantity: 1, unitPrice: 300 }, { product: '茶具', quantity: 1, unitPrice: 100 }] },
    })
    expect(relined.body).toMatchObject({ amount: '400.00', items: [{ lineTotal: '300.00' }, { lineTotal: '100.00' }] })
    expect(await metricsOf(customerId)).toMatchObject({
      order_count: 2, total_spent: '1400.00', average_order_value: '700.00', purchase_frequency_days: 20,
      first_purchase_at: new Date('2025-12-22T00:00:00.000Z'),
    })
    // The customer record shows the same numbers.
    const record = await server.api.get<{ orderCount: number; totalSpent: string; metrics: Record<string, unknown> }>(`/api/customers/${customerId}`, { token: sales1Token })
    expect(record.body).toMatchObject({ orderCount: 2, totalSpent: '1400.00' })
    expect(record.body.metrics).toEqual({
      orderCount: 2,
      totalSpent: '1400.00',
      averageOrderValue: '700.00',
      firstPurchaseAt: '2025-12-22T00:00:00.000Z',
      lastPurchaseAt: '2026-01-11T00:00:00.000Z',
      purchaseFrequencyDays: 20,
    })

    // An explicit amount, then back to the sum of the lines with null.
    await server.api.patch(`${orders(customerId)}/${first.body.id}`, { token: managerToken, body: { amount: 350 } })
    expect((await metricsOf(customerId))?.total_spent).toBe('1350.00')
    const summed = await server.api.patch<OrderDto>(`${orders(customerId)}/${first.body.id}`, { token: managerToken, body: { amount: null } })
    expect(summed.body.amount).toBe('400.00')

    // A refund takes the order out of the metrics.
    await server.api.patch(`${orders(customerId)}/${second.body.id}`, { token: sales1Token, body: { status: 'refunded' } })
    expect(await metricsOf(customerId)).toMatchObject({ order_count: 1, total_spent: '400.00', purchase_frequency_days: null })

    const deleted = await server.api.delete(`${orders(customerId)}/${first.body.id}`, { token: sales1Token })
    expect(deleted.status).toBe(204)
    expect(await metricsOf(customerId)).toMatchObject({
      order_count: 0, total_spent: '0.00', average_order_value: null, first_purchase_at: null, last_purchase_at: null,
    })
    const listed = await server.api.get<{ items: OrderDto[]; total: number }>(orders(customerId), { token: sales1Token })
    expect(listed.body.items.map((order) => order.id)).toEqual([second.body.id])
    expect((await server.api.patch<ErrorBody>(`${orders(customerId)}/${first.body.id}`, { token: sales1Token, body: { notes: 'x' } })).body.code).toBe('ORDER_NOT_FOUND')
  })

  it('money already recorded changes only with order:update_amount; everything else, and new orders, stay with customer:update', async () => {
    const customerId = await newCustomer(sales1Token, '金额权限客户')
    const created = await server.api.post<OrderDto>(orders(customerId), {
      token: sales1Token,
      body: { orderNo: `AMT-${customerId.slice(0, 8)}`, status: 'paid', items: [{ product: '茶叶', quantity: 2, unitPrice: 300 }] },
    })
    expect(created.status).toBe(201)
    const url = `${orders(customerId)}/${created.body.id}`
    for (const body of [
      { amount: 500 },
      { amount: null, items: [{ product: '茶叶', quantity: 3, unitPrice: 300 }] },
      { items: [{ product: '茶叶', quantity: 2, unitPrice: 250 }] },
      { items: [{ product: '茶叶', quantity: 2, unitPrice: 300 }, { product: '赠品', quantity: 1, unitPrice: 0 }] },
    ]) {
      const refused = await server.api.patch<ErrorBody>(url, { token: sales1Token, body })
      expect(refused.status, JSON.stringify(body)).toBe(403)
      expect(refused.body.code).toBe('FORBIDDEN')
    }
    // The same money, a renamed line, a status or a note: no permission beyond customer:update needed.
    const same = await server.api.patch<OrderDto>(url, {
      token: sales1Token,
      body: { amount: '600.00', status: 'completed', notes: '已送达', items: [{ product: '龙井茶叶', quantity: 2, unitPrice: '300' }] },
    })
    expect(same.status).toBe(200)
    expect(same.body).toMatchObject({ amount: '600.00', status: 'completed', items: [{ product: '龙井茶叶', lineTotal: '600.00' }] })
    const discounted = await server.api.patch<OrderDto>(url, { token: managerToken, body: { amount: 550 } })
    expect(discounted.status).toBe(200)
    expect(discounted.body.amount).toBe('550.00')

    // Every write left an audit entry on the customer, with the changed fields.
    const audit = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ action: string; changes: Record<string, { before: unknown; after: unknown }> }>(
        "SELECT action, changes FROM audit_logs WHERE resource = 'order' AND resource_id = $1 ORDER BY at", [created.body.id],
      )).rows,
    )
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update'])
    expect(Object.keys(audit[1]!.changes).sort()).toEqual(['items', 'notes', 'status'])
    expect(audit[2]!.changes).toEqual({ amount: { before: '600.00', after: '550.00' } })
    const unknownField = await server.api.patch<ErrorBody>(url, { token: managerToken, body: { discount: 10 } })
    expect(unknownField.status).toBe(422)
    expect(unknownField.body.details[0]?.message).toContain('discount')
  })

  it('concurrent orders of one customer all count', async () => {
    const customerId = await newCustomer(managerToken, '并发客户')
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => server.api.post<OrderDto>(orders(customerId), { token: managerToken, body: { amount: 100 } })),
    )
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201))
    expect(new Set(responses.map((response) => response.body.orderNo)).size).toBe(8)
    expect(await metricsOf(customerId)).toMatchObject({ order_count: 8, total_spent: '800.00' })
  })

  it("a sales rep cannot reach a colleague's customer's orders; someone else's order id is not found here", async () => {
    const colleagues = await newCustomer(sales2Token, '同事的客户')
    const order = await server.api.post<OrderDto>(orders(colleagues), { token: sales2Token, body: { amount: 50 } })
    for (const response of [
      await server.api.get<ErrorBody>(orders(colleagues), { token: sales1Token }),
      await server.api.post<ErrorBody>(orders(colleagues), { token: sales1Token, body: { amount: 1 } }),
      await server.api.patch<ErrorBody>(`${orders(colleagues)}/${order.body.id}`, { token: sales1Token, body: { status: 'cancelled' } }),
      await server.api.delete<ErrorBody>(`${orders(colleagues)}/${order.body.id}`, { token: sales1Token }),
    ]) {
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('CUSTOMER_NOT_FOUND')
    }
    const own = await newCustomer(sales1Token, '自己的客户')
    const crossed = await server.api.patch<ErrorBody>(`${orders(own)}/${order.body.id}`, { token: sales1Token, body: { status: 'cancelled' } })
    expect(crossed.status).toBe(404)
    expect(crossed.body.code).toBe('ORDER_NOT_FOUND')
    expect((await server.api.delete<ErrorBody>(`${orders(own)}/not-a-uuid`, { token: sales1Token })).body.code).toBe('ORDER_NOT_FOUND')
  })

  it('a customer in the trash has no reachable orders', async () => {
    const customerId = await newCustomer(managerToken, '回收站客户')
    await server.api.post(orders(customerId), { token: managerToken, body: { amount: 10 } })
    expect((await server.api.delete(`/api/customers/${customerId}`, { token: managerToken })).status).toBe(204)
    const listed = await server.api.get<ErrorBody>(orders(customerId), { token: managerToken })
    expect(listed.status).toBe(404)
    expect(listed.body.code).toBe('CUSTOMER_NOT_FOUND')
  })

  it('refuses bad orders with 422 on the field, and anonymous callers with 401', async () => {
    const customerId = await newCustomer(sales1Token, '校验客户')
    const probes: [unknown, string][] = [
      [{}, 'items'],
      [{ items: [] }, 'items'],
      [{ amount: -1 }, 'amount'],
      [{ amount: 1.005 }, 'amount'],
      [{ amount: '12.345' }, 'amount'],
      [{ amount: 'abc' }, 'amount'],
      [{ amount: 1, status: 'shipped' }, 'status'],
      [{ items: [{ product: '', quantity: 1, unitPrice: 1 }] }, 'items.0.product'],
      [{ items: [{ product: 'x', quantity: 0, unitPrice: 1 }] }, 'items.0.quantity'],
      [{ items: [{ product: 'x', quantity: 1.5, unitPrice: 1 }] }, 'items.0.quantity'],
      [{ amount: 1, orderedAt: 'yesterday' }, 'orderedAt'],
      [{ amount: 1, orderNo: 'KZ 001' }, 'orderNo'],
    ]
    for (const [body, field] of probes) {
      const response = await server.api.post<ErrorBody>(orders(customerId), { token: sales1Token, body })
      expect(response.status, JSON.stringify(body)).toBe(422)
      expect(response.body.details.map((detail) => detail.field), JSON.stringify(body)).toContain(field)
    }
    const money = await server.api.post<ErrorBody>(orders(customerId), { token: sales1Token, body: { amount: -5 } })
    expect(money.body.details).toEqual([{ field: 'amount', message: '请输入不小于 0、最多两位小数的金额' }])

    expect((await server.api.get(orders(customerId))).status).toBe(401)
    expect((await server.api.post(orders(customerId), { body: { amount: 1 } })).status).toBe(401)
  })
})
