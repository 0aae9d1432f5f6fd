import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'
import { sql } from '../auth/auth.test-support.js'

interface Created {
  id: string
  name: string
}

describe('registering a customer with an Idempotency-Key (retries after a timeout)', () => {
  let server: TestServer
  let sales1: string
  let keyCounter = 0
  let phoneCounter = 0

  const freshKey = () => {
    keyCounter += 1
    return `intake-draft-${process.pid}-${keyCounter}`
  }
  const freshPhone = () => {
    phoneCounter += 1
    return `1670000${String(phoneCounter).padStart(4, '0')}`
  }
  const create = (token: string, key: string, body: unknown) =>
    server.api.post<Created & ErrorBody>('/api/customers', { token, body, headers: { 'Idempotency-Key': key } })
  const countNamed = async (name: string) =>
    (await sql<{ count: number }>(server, 'SELECT count(*)::int AS count FROM customers WHERE name = $1', [name]))[0]?.count

  beforeAll(async () => {
    server = await startTestServer()
    sales1 = await server.login('sales1')
  })
  afterAll(() => server?.close())

  it('the same submission sent twice creates one customer; the retry gets it back, marked as replayed', async () => {
    const key = freshKey()
    const body = { name: '重试客户甲', phones: [{ number: freshPhone() }], source: '杭州西湖店' }
    const first = await create(sales1, key, body)
    expect(first.status).toBe(201)
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()

    // The same body with its keys in another order is the same submission.
    const retry = await create(sales1, key, { source: body.source, phones: body.phones, name: body.name })
    expect(retry.status).toBe(201)
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true')
    expect(retry.body.id).toBe(first.body.id)
    expect(retry.body.name).toBe('重试客户甲')
    expect(await countNamed('重试客户甲')).toBe(1)
    const created = await sql(server, `SELECT 1 FROM audit_logs WHERE action = 'create' AND resource = 'customer' AND resource_id = $1`, [first.body.id])
    expect(created).toHaveLength(1)
  })

  it('a key reused for a different submission is refused and creates nothing', async () => {
    const key = freshKey()
    expect((await create(sales1, key, { name: '重试客户乙' })).status).toBe(201)
    const reused = await create(sales1, key, { name: '另一个客户' })
    expect(reused.status).toBe(422)
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await countNamed('另一个客户')).toBe(0)
  })

  it('five identical submissions at once create exactly one customer, and all five answer with it', async () => {
    const key = freshKey()
    const body = { name: '并发客户', phones: [{ number: freshPhone() }] }
    const answers = await Promise.all(Array.from({ length: 5 }, () => create(sales1, key, body)))
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201])
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1)
    expect(answers.filter((answer) => answer.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(4)
    expect(await countNamed('并发客户')).toBe(1)
  })

  it('a submission that failed validation keeps nothing, so its corrected retry with the same key creates the customer', async () => {
    const key = freshKey()
    const invalid = await create(sales1, key, { name: '纠正后客户', phones: [{ number: '12345' }] })
    expect(invalid.status).toBe(422)
    expect(invalid.body.code).toBe('VALIDATION_FAILED')
    expect(await sql(server, 'SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).toHaveLength(0)

    const corrected = await create(sales1, key, { name: '纠正后客户', phones: [{ number: freshPhone() }] })
    expect(corrected.status).toBe(201)
    expect(corrected.headers.get('Idempotent-Replayed')).toBeNull()
    expect(await countNamed('纠正后客户')).toBe(1)
  })

  it('a submission refused inside its transaction (a duplicate phone) releases the key for the corrected retry', async () => {
    const taken = freshPhone()
    expect((await server.api.post('/api/customers', { token: sales1, body: { name: '已有客户', phones: [{ number: taken }] } })).status).toBe(201)
    const key = freshKey()
    const duplicate = await create(sales1, key, { name: '查重后客户', phones: [{ number: taken }] })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body.code).toBe('CUSTOMER_DUPLICATE')
    expect(await sql(server, 'SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).toHaveLength(0)

    const corrected = await create(sales1, key, { name: '查重后客户', phones: [{ number: freshPhone() }] })
    expect(corrected.status).toBe(201)
    expect(corrected.headers.get('Idempotent-Replayed')).toBeNull()
    expect(await countNamed('查重后客户')).toBe(1)
  })

  it('keys belong to their user: two colleagues who happen to send the same key create two customers', async () => {
    const key = freshKey()
    const sales2 = await server.login('sales2')
    const byLina = await create(sales1, key, { name: '同键客户' })
    const byZhang = await create(sales2, key, { name: '同键客户' })
    expect(byLina.status).toBe(201)
    expect(byZhang.status).toBe(201)
    expect(byZhang.headers.get('Idempotent-Replayed')).toBeNull()
    expect(byZhang.body.id).not.toBe(byLina.body.id)
    expect(await countNamed('同键客户')).toBe(2)
  })

  it('a malformed key is a validation error on the header, and nothing is created', async () => {
    for (const key of ['short', 'has spaces in it', 'x'.repeat(101), 'key%E4%B8%AD%E6%96%87']) {
      const response = await server.api.post<ErrorBody>('/api/customers', { token: sales1, body: { name: '坏键客户' }, headers: { 'Idempotency-Key': key } })
      expect(response.status).toBe(422)
      expect(response.body.code).toBe('VALIDATION_FAILED')
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })])
    }
    expect(await countNamed('坏键客户')).toBe(0)
  })

  it('without a key every submission is a new customer, as before', async () => {
    const body = { name: '无键客户' }
    expect((await server.api.post('/api/customers', { token: sales1, body })).status).toBe(201)
    expect((await server.api.post('/api/customers', { token: sales1, body })).status).toBe(201)
    expect(await countNamed('无键客户')).toBe(2)
  })
})
