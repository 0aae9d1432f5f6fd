import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import type { Logger } from 'pino'
import { encodeCursor, runSearch, type StatementRunner } from '../../src/access/customer-search.js'
import { listRowsStatement } from '../../src/access/customer-list-rows.js'
import { builtInPrincipal } from '../../src/auth/principal.js'
import { createCustomerAccess, type SearchRequest } from '../../src/access/customers.js'
import { PrismaClient, type Prisma } from '../../src/generated/prisma/client.js'
import type { AuthenticatedContext, AuthUser } from '../../src/http/context.js'
import { translator } from '../../src/http/i18n.js'
import type { DataCipher } from '../../src/lib/crypto.js'
import { resolveCustomerFilter } from '../../src/modules/customers/customers.filters.js'
import { CustomerListQuery } from '../../src/modules/customers/customers.schemas.js'
import { demoDice } from '../../src/seed/random.js'
import type { Reference, SampledCustomer } from './generate.js'

/**
 * The query mix, run twice per request: through the HTTP API of a running server, and as the very statements the
 * API ran, on a plain pg pool (runSearch with the same plan, then the same page-rows statement for the page's ids).
 */

export type QueryKind = 'name2' | 'surname1' | 'initials' | 'phone4' | 'tagRegionSpend' | 'deepCursor' | 'sortTotalSpent'

export const queryKindLabels: Record<QueryKind, string> = {
  name2: '2-character name',
  surname1: '1-character surname',
  initials: 'pinyin initials',
  phone4: 'phone last 4',
  tagRegionSpend: 'tag + region + spend range',
  deepCursor: 'deep cursor page (~100,000 rows in)',
  sortTotalSpent: 'sort by total spend',
}

export interface Spread {
  p50: number
  p95: number
}

export interface StatementPlan {
  label: string
  text: string
  plan: string
}

export interface KindFigures {
  kind: QueryKind
  requests: number
  api: Spread
  sql: Spread
  /** Each statement of the direct run on its own (the count runs alongside the page segments). */
  statements: { label: string; spread: Spread; runs: number }[]
  averageRows: number
  examples: string[]
  /** The request the API answered slowest, with EXPLAIN (ANALYZE, BUFFERS) of each of its statements. */
  slowest: { query: string; apiMs: number; plans: StatementPlan[] }
}

export const targets = { apiP95Ms: 100, apiOverSql: 1.5 }

export interface MeasureOptions {
  baseUrl: string
  databaseUrl: string
  cipher: DataCipher
  reference: Reference
  sampled: SampledCustomer[]
  username: string
  password: string
  warmup: number
  measured: number
  /** How deep into the default list the deep-cursor pages start (100,000 at full scale). */
  deepOffset: number
  logger: Logger
  log: (message: string) => void
}

const percentile = (values: number[], fraction: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  // Nearest rank: the smallest value with at least `fraction` of the values at or below it.
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN
}

/** A statement as pg takes it. */
interface CapturedStatement {
  text: string
  values: unknown[]
}

export const measureQueries = async (options: MeasureOptions) => {
  const { log } = options
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
  // An idle connection dropped at shutdown must not take the process down before the real error is reported.
  pool.on('error', (error) => log(`  pg pool: ${error.message}`))
  // The access layer plans the statements; its Prisma client is not used for them.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl, max: 2 }) })

  const login = async (): Promise<{ token: string; user: AuthUser }> => {
    const response = await fetch(`${options.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: options.username, password: options.password }),
    })
    if (!response.ok) throw new Error(`login as ${options.username} answered ${response.status}: ${await response.text()}`)
    const body = (await response.json()) as { accessToken: string; user: { id: string; username: string; displayName: string } }
    // The benchmark signs in as the administrator: every customer is in scope, as in the raw SQL it compares with.
    return { token: body.accessToken, user: builtInPrincipal('admin', body.user) }
  }

  const access = createCustomerAccess(prisma, options.cipher)
  const runner: StatementRunner = async <Row>(statement: Prisma.Sql) => (await pool.query(statement.text, statement.values)).rows as Row[]
  // The same, remembering how long each statement took.
  let statementTimes: { label: string; ms: number }[] = []
  const timedRunner: StatementRunner = async <Row>(statement: Prisma.Sql) => {
    const started = performance.now()
    const rows = (await pool.query(statement.text, statement.values)).rows as Row[]
    statementTimes.push({ label: statementLabel(statement.text), ms: performance.now() - started })
    return rows
  }
  // The same, also explaining each statement (run apart, so the plans are not slowed by each other).
  let plans: StatementPlan[] = []
  const explainingRunner: StatementRunner = async <Row>(statement: Prisma.Sql) => {
    const rows = (await pool.query(statement.text, statement.values)).rows as Row[]
    if (!statement.text.startsWith('EXPLAIN')) {
      const explained = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values)
      plans.push({ label: statementLabel(statement.text), text: statement.text, plan: explained.rows.map((row) => row['QUERY PLAN']).join('\n') })
    }
    return rows
  }

  // ---- parameters, drawn from the data ----
  const { random, pick } = demoDice(7_654_321)
  const withPhone = options.sampled.filter((customer) => customer.phoneDigits !== null)
  const twoCharacterNames = options.sampled.filter((customer) => [...customer.name].length === 2)
  const spendRanges: [number, number][] = [[0, 500], [100, 2_000], [500, 5_000], [1_000, 10_000], [2_000, 50_000]]

  const defaultOrderValue = async (offset: number) => {
    const { rows } = await pool.query<{ id: string; value: string }>(
      'SELECT c.id, c.created_at::text AS value FROM customers c WHERE c.deleted_at IS NULL ORDER BY c.created_at DESC, c.id DESC OFFSET $1 LIMIT 1',
      [offset],
    )
    return rows[0]
  }
  const spendOrderValue = async (offset: number) => {
    const { rows } = await pool.query<{ id: string; value: string }>(
      'SELECT c.id, c.total_spent::text AS value FROM customers c WHERE c.deleted_at IS NULL ORDER BY c.total_spent DESC, c.id DESC OFFSET $1 LIMIT 1',
      [offset],
    )
    return rows[0]
  }

  /** A cursor exactly as the server would have made it after the row at `offset` of this query. */
  const cursorAfter = async (ctx: AuthenticatedContext, query: Record<string, string>, row: { id: string; value: string } | undefined) => {
    if (row === undefined) throw new Error('no row to put a cursor after')
    const { fingerprint } = await plan(ctx, query)
    return encodeCursor({ query: fingerprint, segment: 0, value: row.value, id: row.id })
  }

  const plan = async (ctx: AuthenticatedContext, query: Record<string, string>) => {
    const { sort, order, limit, cursor, ...filter } = CustomerListQuery.parse(query)
    const request: SearchRequest = { filter: await resolveCustomerFilter(prisma, ctx, filter), sort, order, cursor, limit }
    return access.planSearch(ctx, request)
  }

  const parametersOf: Record<QueryKind, (ctx: AuthenticatedContext, index: number) => Promise<Record<string, string>>> = {
    name2: async () => ({ keyword: pick(twoCharacterNames).name }),
    surname1: async () => ({ keyword: [...pick(options.sampled).name][0] as string }),
    initials: async () => ({ keyword: pick(options.sampled).initials }),
    phone4: async () => ({ keyword: (pick(withPhone).phoneDigits as string).slice(-4) }),
    tagRegionSpend: async () => {
      const customer = pick(options.sampled.filter((one) => one.tagIds.length > 0 && one.cityCode !== null))
      const [min, max] = pick(spendRanges)
      return {
        tagIds: pick(customer.tagIds),
        regionCodes: random() < 0.5 ? (customer.provinceCode as string) : (customer.cityCode as string),
        totalSpentMin: String(min),
        totalSpentMax: String(max),
      }
    },
    deepCursor: async (ctx, index) => {
      const query: Record<string, string> = {}
      return { cursor: await cursorAfter(ctx, query, await defaultOrderValue(options.deepOffset + index * 97)) }
    },
    sortTotalSpent: async (ctx, index) => {
      const query = { sort: 'totalSpent', order: 'desc' }
      if (index % 5 === 0) return query
      return { ...query, cursor: await cursorAfter(ctx, query, await spendOrderValue(20 + Math.floor(random() * 10_000))) }
    },
  }

  const results: KindFigures[] = []
  for (const kind of Object.keys(queryKindLabels) as QueryKind[]) {
    const { token, user } = await login()
    const ctx: AuthenticatedContext = { requestId: 'bench', language: 'zh-CN', t: translator('zh-CN'), logger: options.logger, user, ip: null, userAgent: null }
    const apiTimes: number[] = []
    const sqlTimes: number[] = []
    const byStatement = new Map<string, number[]>()
    let rowsSeen = 0
    const examples: string[] = []
    let slowest: { query: Record<string, string>; apiMs: number; pageRows: CapturedStatement } | null = null
    for (let index = 0; index < options.warmup + options.measured; index += 1) {
      const query = await parametersOf[kind](ctx, index)
      const searchPlan = await plan(ctx, query)

      // Untimed: the page's ids, and the statement that loads those rows.
      const expected = await runSearch(runner, searchPlan)
      const rowsStatement = listRowsStatement(expected.rows.map((row) => row.id))
      const pageRows: CapturedStatement = { text: rowsStatement.text, values: rowsStatement.values }

      const apiStarted = performance.now()
      const response = await fetch(`${options.baseUrl}/api/customers?${new URLSearchParams(query).toString()}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const body = await response.text()
      const apiMs = performance.now() - apiStarted
      if (!response.ok) throw new Error(`${kind} ${JSON.stringify(query)} answered ${response.status}: ${body.slice(0, 500)}`)
      const ids = (JSON.parse(body) as { items: { id: string }[] }).items.map((item) => item.id)
      if (ids.join() !== expected.rows.map((row) => row.id).join()) {
        throw new Error(`${kind} ${JSON.stringify(query)}: the API returned other rows than the same SQL run directly`)
      }

      statementTimes = []
      const sqlStarted = performance.now()
      const page = await runSearch(timedRunner, searchPlan)
      const rowsStarted = performance.now()
      if (page.rows.length > 0) await pool.query(pageRows.text, pageRows.values)
      const sqlMs = performance.now() - sqlStarted
      statementTimes.push({ label: 'page rows', ms: performance.now() - rowsStarted })
      if (page.rows.length !== ids.length) throw new Error(`${kind}: the replayed search found ${page.rows.length} rows, the API ${ids.length}`)

      if (index >= options.warmup) {
        apiTimes.push(apiMs)
        sqlTimes.push(sqlMs)
        rowsSeen += ids.length
        if (examples.length < 3) examples.push(describe(query))
        for (const { label, ms } of statementTimes) byStatement.set(label, [...(byStatement.get(label) ?? []), ms])
        if (slowest === null || apiMs > slowest.apiMs) slowest = { query, apiMs, pageRows }
      }
    }
    if (slowest === null) throw new Error('nothing was measured')
    plans = []
    await runSearch(explainingRunner, await plan(ctx, slowest.query))
    const explainedRows = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.pageRows.text}`, slowest.pageRows.values)
    plans.push({
      label: 'page rows',
      text: slowest.pageRows.text,
      plan: explainedRows.rows.map((row) => row['QUERY PLAN']).join('\n'),
    })
    const figures: KindFigures = {
      kind,
      requests: apiTimes.length,
      api: { p50: percentile(apiTimes, 0.5), p95: percentile(apiTimes, 0.95) },
      sql: { p50: percentile(sqlTimes, 0.5), p95: percentile(sqlTimes, 0.95) },
      statements: [...byStatement].map(([label, times]) => ({
        label,
        spread: { p50: percentile(times, 0.5), p95: percentile(times, 0.95) },
        runs: times.length,
      })),
      averageRows: rowsSeen / apiTimes.length,
      examples,
      slowest: { query: describe(slowest.query), apiMs: slowest.apiMs, plans },
    }
    log(
      `  ${queryKindLabels[kind].padEnd(36)} API p50 ${figures.api.p50.toFixed(1)} ms p95 ${figures.api.p95.toFixed(1)} ms | ` +
        `SQL p50 ${figures.sql.p50.toFixed(1)} ms p95 ${figures.sql.p95.toFixed(1)} ms`,
    )
    results.push(figures)
  }
  await prisma.$disconnect()
  await pool.end()
  return results
}

/** What a statement of runSearch is, from its text. */
const statementLabel = (text: string) => {
  if (text.startsWith('SELECT count(*)')) return 'capped count'
  if (text.startsWith('EXPLAIN')) return 'row estimate (EXPLAIN)'
  return 'page segment'
}

/** A query as the report shows it: cursors shortened, ids left out. */
const describe = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([key, value]) => `${key}=${key === 'cursor' ? '…' : key === 'tagIds' ? '<tag>' : value}`)
    .join('&')
