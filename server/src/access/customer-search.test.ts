import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtInPrincipal } from '../auth/principal.js'
import { createDb, type Db } from '../db/prisma.js'
import { Prisma } from '../generated/prisma/client.js'
import type { AuthenticatedContext } from '../http/context.js'
import { translator } from '../http/i18n.js'
import { createDataCipher } from '../lib/crypto.js'
import { silentLogger, startTestServer, type TestServer } from '../test/support.js'
import { cappedCountStatement, customerSortFields, segmentStatement, type ResolvedCustomerFilter } from './customer-search.js'
import { createCustomerAccess, type CustomerAccess } from './customers.js'

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  Plans?: PlanNode[]
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

/**
 * Each query shape of the customer search must be servable by an index. On a small test database the planner
 * rightly prefers reading the whole table, so sequential scans are switched off: where no index can serve a
 * condition PostgreSQL still has to scan, and the test sees it.
 */
describe('customer search: every match path and filter is served by an index', () => {
  let server: TestServer
  let db: Db
  let client: pg.Client
  let access: CustomerAccess
  const cipher = createDataCipher(randomBytes(32))

  const contextOf = (role: 'admin' | 'sales'): AuthenticatedContext => ({
    requestId: 'explain',
    language: 'zh-CN',
    t: translator('zh-CN'),
    logger: silentLogger,
    user: builtInPrincipal(role, { id: randomUUID(), username: role, displayName: role }),
    ip: null,
    userAgent: null,
  })

  /** Sequential scans of the plan, and the indexes it reads. */
  const scansOf = async (statement: Prisma.Sql): Promise<{ sequential: string[]; indexes: string[] }> => {
    await client.query('BEGIN')
    try {
      await client.query('SET LOCAL enable_seqscan = off')
      // On a table this small the trash index (deleted_at IS NULL) would stand in for a full scan of any query;
      // without it, the plan shows which index serves the condition itself. DDL rolls back with the transaction.
      await client.query('DROP INDEX customers_deleted_at_idx')
      const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values)
      const plan = result.rows[0]?.['QUERY PLAN'][0].Plan
      if (plan === undefined) throw new Error('no plan')
      const nodes = nodesOf(plan)
      return {
        sequential: nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name'] ?? '?'),
        indexes: nodes.flatMap((node) => (node['Index Name'] === undefined ? [] : [node['Index Name']])),
      }
    } finally {
      await client.query('ROLLBACK')
    }
  }

  /** The statements one request runs: the capped count and the first page of each sort segment. */
  const statementsOf = (filter: ResolvedCustomerFilter, role: 'admin' | 'sales' = 'admin', sort?: (typeof customerSortFields)[number]) => {
    const plan = access.planSearch(contextOf(role), { filter, sort, order: 'desc', limit: 20 })
    return {
      count: cappedCountStatement(plan.where),
      pages: plan.segments.map((segment) => segmentStatement(plan.pageWhere, segment, null, 21, Prisma.empty)),
    }
  }

  beforeAll(async () => {
    server = await startTestServer()
    db = createDb(server.databaseUrl, silentLogger)
    access = createCustomerAccess(db, cipher)
    client = new pg.Client({ connectionString: server.databaseUrl })
    await client.connect()
    await client.query('ANALYZE')
  })
  afterAll(async () => {
    await client.end()
    await db.$disconnect()
    await server.close()
  })

  const terms = 'customers_search_terms_idx'
  const shapes: [string, ResolvedCustomerFilter, string | string[]][] = [
    ['one Chinese character', { keyword: '张' }, terms],
    ['two Chinese characters', { keyword: '张伟' }, terms],
    ['three Chinese characters', { keyword: '欧阳娜' }, terms],
    ['pinyin initials', { keyword: 'zs' }, terms],
    ['whole pinyin', { keyword: 'zhang san' }, terms],
    ['phone tail', { keyword: '5678' }, terms],
    ['whole phone', { keyword: '13800138000' }, terms],
    ['email', { keyword: 'chen@example.com' }, terms],
    ['contact name (Chinese, also a customer name)', { keyword: '王芳' }, terms],
    ['one letter', { keyword: 'a' }, terms],
    ['tags, any', { tags: { mode: 'any', ids: [randomUUID(), randomUUID()] } }, terms],
    ['tags, all', { tags: { mode: 'all', ids: [randomUUID(), randomUUID()] } }, terms],
    ['tags, none, with a keyword', { keyword: '王', tags: { mode: 'none', ids: [randomUUID()] } }, terms],
    ['groups', { groupIds: [randomUUID()] }, terms],
    ['region', { regionCodes: ['440000'] }, terms],
    ['tag + region + spend range', { tags: { mode: 'any', ids: [randomUUID()] }, regionCodes: ['440300'], totalSpent: { min: 1000, max: 5000 } },
      [terms, 'customers_total_spent_id_idx']],
    ['spend range', { totalSpent: { min: 1000, max: 5000 } }, 'customers_total_spent_id_idx'],
    ['order count range', { orderCount: { min: 3 } }, 'customers_order_count_id_idx'],
    ['created range', { createdAt: { from: new Date('2025-01-01T00:00:00+08:00'), before: new Date('2025-02-01T00:00:00+08:00') } }, 'customers_created_at_id_idx'],
    ['last activity range', { lastActivityAt: { from: new Date('2025-01-01T00:00:00+08:00') } }, 'customers_last_activity_at_id_idx'],
    ['last purchase range', { lastPurchaseAt: { from: new Date('2025-01-01T00:00:00+08:00') } }, 'customers_last_purchase_at_id_idx'],
    ['owner', { owners: { ids: [randomUUID()], none: false } }, 'customers_owner_id_created_at_idx'],
    ['level', { levelIds: [randomUUID()] }, 'customers_level_id_idx'],
    ['status', { lifecycleStatuses: ['dormant'] }, 'customers_lifecycle_status_idx'],
    ['source', { sources: ['门店到访'] }, 'customers_source_idx'],
    ['custom field option', { customFields: [{ kind: 'equalsAny', key: 'channel', values: ['门店'] }] }, 'customers_custom_fields_idx'],
  ]

  it.each(shapes)('%s', async (_label, filter, expected) => {
    const { count, pages } = statementsOf(filter)
    // Counting reads every match, so it shows which index serves the condition.
    const counted = await scansOf(count)
    expect(counted.sequential, count.text).toEqual([])
    const acceptable = typeof expected === 'string' ? [expected] : expected
    expect(counted.indexes.some((index) => acceptable.includes(index)), `${count.text}: ${counted.indexes.join(', ')}`).toBe(true)
    for (const page of pages) expect((await scansOf(page)).sequential, page.text).toEqual([])
  })

  it.each(['createdAt', 'updatedAt', 'totalSpent', 'orderCount', 'lastPurchaseAt', 'lastContactAt', 'lastActivityAt', 'name', 'company'] as const)(
    'sorted by %s, also for a sales rep',
    async (sort) => {
      for (const role of ['admin', 'sales'] as const) {
        for (const page of statementsOf({}, role, sort).pages) {
          expect((await scansOf(page)).sequential, `${role}: ${page.text}`).toEqual([])
        }
      }
    },
  )

  it('the check can fail: a condition no index serves shows up as a sequential scan', async () => {
    const plan = access.planSearch(contextOf('admin'), { filter: {}, order: 'desc', limit: 20 })
    const unindexed = Prisma.sql`SELECT c.notes FROM customers c WHERE c.notes LIKE '%x%' AND c.occupation IS NULL`
    expect((await scansOf(unindexed)).sequential).toEqual(['customers'])
    const counted = await scansOf(cappedCountStatement(Prisma.sql`${plan.where} AND c.notes LIKE '%x%'`))
    expect(counted.indexes).not.toContain('customers_search_terms_idx')
  })
})
