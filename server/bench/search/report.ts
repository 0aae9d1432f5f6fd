import { existsSync, readFileSync } from 'node:fs'
import { cpus, release, totalmem } from 'node:os'
import pg from 'pg'
import type { BuildResult } from './build.js'
import { queryKindLabels, targets, type KindFigures } from './measure.js'

/** Machine and database facts, and benchmarks/search.md. */

export interface MachineFacts {
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  postgres: string
}

const firstMatch = (text: string, pattern: RegExp) => pattern.exec(text)?.[1]?.trim()

export const machineFacts = async (databaseUrl: string): Promise<MachineFacts> => {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : ''
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : ''
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ version: string }>('SELECT version()')
    return {
      cpu: firstMatch(cpuinfo, /^model name\s*:(.*)$/m) ?? cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: totalmem() / 1024 ** 3,
      os: `${firstMatch(osRelease, /^PRETTY_NAME="?([^"\n]*)"?$/m) ?? process.platform}, Linux ${release()}`,
      node: process.version,
      postgres: rows[0]?.version.split(' on ')[0] ?? 'unknown',
    }
  } finally {
    await client.end()
  }
}

export interface DatabaseFacts {
  tables: { name: string; rows: number; table: string; indexes: string }[]
  customerIndexes: { name: string; size: string }[]
  settings: { name: string; setting: string }[]
}

export const databaseFacts = async (databaseUrl: string): Promise<DatabaseFacts> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const tables = await client.query<{ name: string; rows: string; table: string; indexes: string }>(
      `SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_size_pretty(pg_table_size(c.oid)) AS table,
         pg_size_pretty(pg_indexes_size(c.oid)) AS indexes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.reltuples > 1000
       ORDER BY pg_total_relation_size(c.oid) DESC`,
    )
    const indexes = await client.query<{ name: string; size: string }>(
      `SELECT i.relname AS name, pg_size_pretty(pg_relation_size(i.oid)) AS size
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       WHERE t.relname = 'customers' ORDER BY pg_relation_size(i.oid) DESC`,
    )
    const settings = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting || coalesce(unit, '') AS setting FROM pg_settings
       WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_parallel_workers_per_gather', 'jit')
       ORDER BY name`,
    )
    return {
      tables: tables.rows.map((row) => ({ ...row, rows: Number(row.rows) })),
      customerIndexes: indexes.rows,
      settings: settings.rows,
    }
  } finally {
    await client.end()
  }
}

const ms = (value: number) => value.toFixed(1)
const ratio = (api: number, sql: number) => (api / sql).toFixed(2)
const meetsTargets = (figures: KindFigures) => ({
  latency: figures.api.p95 < targets.apiP95Ms,
  overhead: figures.api.p50 / figures.sql.p50 <= targets.apiOverSql && figures.api.p95 / figures.sql.p95 <= targets.apiOverSql,
})

/** Hand-written reading of the figures and plans, kept next to the code and copied into the report. */

export const renderReport = (input: {
  machine: MachineFacts
  database: DatabaseFacts
  build: BuildResult
  buildSeconds: number
  figures: KindFigures[]
  scale: { customers: number; orders: number; warmup: number; measured: number }
  runSeconds: number
  /** 1-minute load averages when the build began, when measuring began and at the end (others share the machine). */
  load: { build: number; measure: number; end: number }
}): { markdown: string; table: string } => {
  const { machine, database, build, figures, scale } = input
  const header = '| query | API p50 | API p95 | SQL p50 | SQL p95 | API/SQL p50 | API/SQL p95 | rows | p95 < 100 ms | ≤ 1.5× |'
  const rule = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :-: | :-: |'
  const lines = figures.map((one) => {
    const met = meetsTargets(one)
    return `| ${queryKindLabels[one.kind]} | ${ms(one.api.p50)} | ${ms(one.api.p95)} | ${ms(one.sql.p50)} | ${ms(one.sql.p95)} | ${ratio(one.api.p50, one.sql.p50)} | ${ratio(one.api.p95, one.sql.p95)} | ${one.averageRows.toFixed(1)} | ${met.latency ? 'yes' : '**no**'} | ${met.overhead ? 'yes' : '**no**'} |`
  })
  const table = [header, rule, ...lines].join('\n')
  const shrunk = scale.customers !== 1_000_000 || scale.orders !== 3_000_000
  const failing = figures.filter((one) => {
    const met = meetsTargets(one)
    return !met.latency || !met.overhead
  })

  const markdown = `# Customer search benchmark

\`pnpm bench:search\` (server/bench/search.ts) builds ${scale.customers.toLocaleString('en-US')} customers and ${scale.orders.toLocaleString('en-US')} orders
with a deterministic generator, starts the real server on them and runs a fixed query mix through the HTTP API and, in
the same run, the same SQL directly on a plain \`pg\` pool (the statements \`planSearch\` + \`runSearch\` produce, then the
page-rows statement \`listRowsStatement\` for the page's ids, exactly as the server runs them). Times are milliseconds,
from sending the request to the last byte of the answer (API) or of the last statement's rows (SQL).
${shrunk ? '\n**This run used a reduced scale; the targets apply to 1,000,000 customers.**\n' : ''}
Targets (issue 4): every query's API p95 under ${targets.apiP95Ms} ms, and API at most ${targets.apiOverSql}× the raw SQL.

## Machine

| | |
| --- | --- |
| CPU | ${machine.cpu} |
| cores | ${machine.cores} |
| memory | ${machine.memoryGiB.toFixed(1)} GiB |
| OS | ${machine.os} |
| Node | ${machine.node} |
| PostgreSQL | ${machine.postgres} (embedded, from npm) |
| load average (1 min) | ${input.load.build.toFixed(1)} at the build's start, ${input.load.measure.toFixed(1)} when measuring began, ${input.load.end.toFixed(1)} at the end |

## Figures

${scale.warmup} warm-up and ${scale.measured} measured requests per query, one at a time, as the admin (all customers in
scope), each with other parameters drawn from the data. "rows" is the average page size returned.

${table}

Queries (first measured examples):

${figures.map((one) => `- **${queryKindLabels[one.kind]}**: ${one.examples.map((example) => `\`${example}\``).join(', ')}`).join('\n')}

Each statement of the direct run on its own, p50 / p95 ms (the capped count runs alongside the page segments, so the
direct total is less than their sum):

| query | ${'statement'} | runs | p50 | p95 |
| --- | --- | ---: | ---: | ---: |
${figures.flatMap((one) => one.statements.map((statement) => `| ${queryKindLabels[one.kind]} | ${statement.label} | ${statement.runs} | ${ms(statement.spread.p50)} | ${ms(statement.spread.p95)} |`)).join('\n')}

## Targets

${figures
  .map((one) => {
    const met = meetsTargets(one)
    return `- ${queryKindLabels[one.kind]}: p95 ${ms(one.api.p95)} ms ${met.latency ? 'meets' : '**misses**'} the ${targets.apiP95Ms} ms target; API/SQL ${ratio(one.api.p50, one.sql.p50)}× (p50), ${ratio(one.api.p95, one.sql.p95)}× (p95) ${met.overhead ? 'within' : '**over**'} ${targets.apiOverSql}×.`
  })
  .join('\n')}

## Database

Built in ${input.buildSeconds.toFixed(0)} s: cluster and migrations, generation and COPY load ${build.seconds.load.toFixed(0)} s (two generator threads),
indexes with VACUUM ANALYZE of the other tables ${build.seconds.indexes.toFixed(0)} s (two connections), VACUUM ANALYZE of customers
${build.seconds.vacuum.toFixed(0)} s, check ${build.seconds.verify.toFixed(1)} s. The whole run took ${input.runSeconds.toFixed(0)} s.
Rows were written by COPY with triggers and foreign keys off and the secondary indexes dropped, then the migration's
indexes were built again from their saved definitions. Search terms, activity times and order metrics were computed by
the generator and checked on ${build.verifiedCustomers.toLocaleString('en-US')} sampled customers against
\`kezhi_customer_search_terms(...)\`, \`GREATEST(created_at, last_contact_at, last_purchase_at)\` and the orders module's
aggregate. Phones, emails and street lines are sealed with the product's DataCipher; pinyin comes from \`pinyinColumns\`.

The build ran with fsync, full-page writes and autovacuum off and 2 GB of shared buffers; the cluster was then restarted
with the product's own settings for the measurements:
${database.settings.map((setting) => `\`${setting.name}=${setting.setting}\``).join(', ')}.

| table | rows | table size | index size |
| --- | ---: | ---: | ---: |
${database.tables.map((table) => `| ${table.name} | ${table.rows.toLocaleString('en-US')} | ${table.table} | ${table.indexes} |`).join('\n')}

Indexes of \`customers\`:

| index | size |
| --- | ---: |
${database.customerIndexes.map((index) => `| ${index.name} | ${index.size} |`).join('\n')}
${
  failing.length === 0
    ? ''
    : `
## Plans of the slowest request of each query over target

${failing
  .map(
    (one) => `### ${queryKindLabels[one.kind]}: \`${one.slowest.query}\` (API ${ms(one.slowest.apiMs)} ms)

${one.slowest.plans.map((plan) => `${plan.label}:\n\n\`\`\`sql\n${plan.text.replace(/\s+/g, ' ').trim()}\n\`\`\`\n\n\`\`\`\n${plan.plan}\n\`\`\``).join('\n\n')}`,
  )
  .join('\n\n')}
`
}`
  return { markdown, table }
}
