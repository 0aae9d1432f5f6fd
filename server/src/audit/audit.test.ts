import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtInPrincipal } from '../auth/principal.js'
import { createDatabase, type Database } from '../db/prisma.js'
import { silentLogger, startTestServer, withDatabaseClient, type TestServer } from '../test/support.js'
import { bulkViewThreshold, recordBulkView } from './bulk-view.js'

interface Row {
  id: string
  action: string
  label: string | null
}

describe('the audit log is append-only in the database', () => {
  let server: TestServer
  let database: Database
  let entry: Row

  const rowsOf = (id: string) =>
    withDatabaseClient(server.databaseUrl, async (client) => (await client.query<Row>('SELECT id, action, label FROM audit_logs WHERE id = $1', [id])).rows)

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false })
    // The connection the application itself uses: the server's DATABASE_URL, through Prisma as the services do.
    database = createDatabase(server.databaseUrl, silentLogger)
    const admin = await server.login('admin')
    const root = (await server.api.get<{ items: { id: string }[] }>('/api/teams', { token: admin })).body.items[0]
    await server.api.post('/api/teams', { token: admin, body: { name: '审计测试组', parentId: root?.id } })
    const [written] = await withDatabaseClient(server.databaseUrl, async (client) =>
      (await client.query<Row>(`SELECT id, action, label FROM audit_logs WHERE resource = 'team' ORDER BY at DESC LIMIT 1`)).rows,
    )
    if (written === undefined) throw new Error('creating a team wrote no audit entry')
    entry = written
  })
  afterAll(async () => {
    await database.close()
    await server.close()
  })

  it('refuses UPDATE, DELETE and TRUNCATE through Prisma, and the row stays as written', async () => {
    const { db } = database
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { label: 'forged' } })).rejects.toThrow(/append-only/)
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/)
    await expect(db.auditLog.deleteMany({})).rejects.toThrow(/append-only/)
    await expect(db.$executeRawUnsafe(`UPDATE audit_logs SET action = 'forged' WHERE id = $1::uuid`, entry.id)).rejects.toThrow(/append-only/)
    await expect(db.$executeRawUnsafe('TRUNCATE audit_logs')).rejects.toThrow(/append-only/)
    expect(await rowsOf(entry.id)).toEqual([entry])
    expect(entry).toMatchObject({ action: 'create', label: '审计测试组' })
  })

  it('refuses UPDATE, DELETE and TRUNCATE through a plain pg connection too', async () => {
    await withDatabaseClient(server.databaseUrl, async (client) => {
      await expect(client.query(`UPDATE audit_logs SET label = 'forged' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only: UPDATE/)
      await expect(client.query(`DELETE FROM audit_logs WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only: DELETE/)
      await expect(client.query('TRUNCATE audit_logs')).rejects.toThrow(/append-only: TRUNCATE/)
      await expect(client.query('TRUNCATE audit_logs CASCADE')).rejects.toThrow(/append-only/)
    })
    expect(await rowsOf(entry.id)).toEqual([entry])
  })
})

describe('viewing more than 200 customers within a minute', () => {
  let server: TestServer
  let database: Database

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false })
    database = createDatabase(server.databaseUrl, silentLogger)
  })
  afterAll(async () => {
    await database.close()
    await server.close()
  })

  const entriesOf = (actorId: string) =>
    withDatabaseClient(server.databaseUrl, async (client) =>
      (await client.query<{ action: string; resource: string; meta: { count: number } }>(
        `SELECT action, resource, meta FROM audit_logs WHERE actor_id = $1 AND action = 'bulk_view' ORDER BY at`, [actorId],
      )).rows,
    )

  it('writes one bulk_view entry when the count of the last minute passes the threshold, not one per page', async () => {
    const user = builtInPrincipal('sales', { id: '6a0f1a52-7a51-4a0e-9f3e-3c1f6f0a0001', username: 'reader', displayName: '读者' })
    const ctx = { user, ip: '203.0.113.9', userAgent: 'test' }
    const t0 = 1_000_000
    await recordBulkView(database.db, ctx, 100, t0)
    await recordBulkView(database.db, ctx, 100, t0 + 10_000)
    expect(await entriesOf(user.id)).toEqual([])
    await recordBulkView(database.db, ctx, 20, t0 + 20_000)
    await recordBulkView(database.db, ctx, 100, t0 + 30_000)
    await recordBulkView(database.db, ctx, 100, t0 + 40_000)
    expect(await entriesOf(user.id)).toEqual([{ action: 'bulk_view', resource: 'customer', meta: { count: bulkViewThreshold + 20, windowSeconds: 60 } }])
  })

  it('counts a rolling minute: pages spread over longer do not add up', async () => {
    const user = builtInPrincipal('sales', { id: '6a0f1a52-7a51-4a0e-9f3e-3c1f6f0a0002', username: 'slow', displayName: '慢读者' })
    const ctx = { user, ip: null, userAgent: null }
    const t0 = 5_000_000
    for (let minute = 0; minute < 5; minute += 1) await recordBulkView(database.db, ctx, 150, t0 + minute * 61_000)
    expect(await entriesOf(user.id)).toEqual([])
    await recordBulkView(database.db, ctx, 51, t0 + 4 * 61_000 + 1_000)
    expect(await entriesOf(user.id)).toHaveLength(1)
  })
})
