import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/prisma.js'
import { createDataCipher } from '../../lib/crypto.js'
import { silentLogger, startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { catchUpSearchTerms } from './customers.search-upkeep.js'
import { customerClient, freshMobile, signInStaff, type Staff } from './customers.test-support.js'

describe('customers: lists past 10,000 and search data the server computes', () => {
  let server: TestServer
  let staff: Staff
  let customers: ReturnType<typeof customerClient>

  const dataKey = randomBytes(32)

  beforeAll(async () => {
    server = await startTestServer({ dataEncryptionKey: dataKey.toString('hex') })
    staff = await signInStaff(server)
    customers = customerClient(server)
    // Written straight into the table, as an import would: the triggers derive the search terms.
    await withDatabaseClient(server.databaseUrl, async (client) => {
      await client.query(`
        INSERT INTO customers (id, name, updated_at, source)
        SELECT gen_random_uuid(), '批量' || n, now(), '批量导入' FROM generate_series(1, 10050) AS n`)
      await client.query('ANALYZE customers')
    })
  }, 120_000)
  afterAll(() => server.close())

  it('past 10,000 matches the total is an estimate and says so; below it is exact', async () => {
    const all = await customers.list(staff.admin, '?limit=5')
    expect(all.body.totalIsEstimate).toBe(true)
    expect(all.body.total).toBeGreaterThan(10_000)
    const imported = await customers.list(staff.admin, `?sources=${encodeURIComponent('批量导入')}&limit=5`)
    expect(imported.body.totalIsEstimate).toBe(true)
    const few = await customers.list(staff.admin, `?keyword=${encodeURIComponent('批量100')}&limit=5`)
    // 批量100 and 批量1000–1009 and 批量10000–10050 contain it.
    expect(few.body).toMatchObject({ total: 1 + 10 + 51, totalIsEstimate: false })
    expect(few.body.items[0]?.name).toBe('批量100')
  })

  it('a bulk action by filter refuses more than 10,000 customers and changes none of them', async () => {
    const tag = await server.api.post<{ id: string }>('/api/tags', { token: staff.manager, body: { name: '太多了' } })
    // The imported customers have no owner: only a caller who sees every customer reaches them.
    const refused = await customers.bulk(staff.admin, { action: 'addTags', tagIds: [tag.body.id], filter: { sources: ['批量导入'] } })
    expect(refused.status).toBe(422)
    expect(refused.body.code).toBe('BULK_TOO_LARGE')
    expect(refused.body.details).toEqual([{ field: 'filter', message: expect.any(String) }])
    expect((await customers.list(staff.admin, `?tagIds=${tag.body.id}`)).body.total).toBe(0)
  })

  it('pinyin of a name changed behind the server, and phone tails missing, are computed again at start-up', async () => {
    const mobile = freshMobile()
    const created = await customers.create(staff.manager, { name: '原名', phones: [{ number: mobile }] })
    await withDatabaseClient(server.databaseUrl, async (client) => {
      await client.query(`UPDATE customers SET name = '吕布' WHERE id = $1`, [created.body.id])
      await client.query(`UPDATE customer_phones SET tail_terms = '{}' WHERE customer_id = $1`, [created.body.id])
    })
    expect((await customers.list(staff.admin, `?keyword=${mobile.slice(-5)}`)).body.items.map((item) => item.id)).not.toContain(created.body.id)
    expect((await customers.list(staff.admin, '?keyword=lvbu')).body.items.map((item) => item.id)).not.toContain(created.body.id)
    // Rows written without pinyin at all (the 10,050 above) are caught up too.
    const db = createDb(server.databaseUrl, silentLogger)
    try {
      const caughtUp = await catchUpSearchTerms(db, createDataCipher(dataKey))
      expect(caughtUp.customers).toBeGreaterThanOrEqual(10_051)
      expect(caughtUp.phones).toBe(1)
    } finally {
      await db.$disconnect()
    }
    for (const keyword of ['lvbu', 'lubu', 'lb', '吕布', mobile.slice(-5)]) {
      expect((await customers.list(staff.admin, `?keyword=${keyword}`)).body.items.map((item) => item.id), keyword).toContain(created.body.id)
    }
    expect((await customers.list(staff.admin, `?keyword=${encodeURIComponent('piliang')}&limit=1`)).body.total).toBeGreaterThan(10_000)
  })
})
