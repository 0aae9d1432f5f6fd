import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams'
import { hashPassword } from '../../src/auth/passwords.js'
import { defaultLevels, defaultRelationshipTypes } from '../../src/seed/defaults.js'
import { demoDice } from '../../src/seed/random.js'
import { startPartitionWorker, type WorkerMessage } from './generate-worker.js'
import {
  copyColumns,
  loadedTables,
  uuidFrom,
  type LoadedTable,
  type Reference,
  type SampledCustomer,
} from './generate.js'
import { groupTree, staffCount, tagColors, tagNames } from './vocabulary.js'

/**
 * Builds the benchmark database on a freshly migrated cluster: reference rows (staff, levels, tags, groups) by
 * plain INSERT, then every customer and what belongs to it by COPY with triggers and foreign keys off
 * (session_replication_role = replica) and the secondary indexes dropped, then the indexes again from their
 * saved definitions, a check that the generated search terms are what the triggers would have written, and
 * VACUUM ANALYZE.
 */

export interface BuildOptions {
  databaseUrl: string
  dataKeyHex: string
  /** Worker threads generating customers. */
  partitions: number
  customers: number
  orders: number
  staffPassword: string
  log: (message: string) => void
}

export interface BuildResult {
  seconds: { total: number; load: number; indexes: number; verify: number; vacuum: number }
  rowCounts: Record<string, number>
  sampled: SampledCustomer[]
  reference: Reference
  verifiedCustomers: number
}

// The build session only: room to sort for index builds, and both cores for each build.
const buildSessionSettings = ["SET maintenance_work_mem = '2GB'", 'SET max_parallel_maintenance_workers = 1']

const connect = async (databaseUrl: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  return client
}

const seconds = (since: number) => (performance.now() - since) / 1000

const insertReference = async (client: pg.Client, staffPassword: string): Promise<Reference> => {
  const { random } = demoDice(4_000_000_004)
  const id = () => uuidFrom(random)
  const passwordHash = await hashPassword(staffPassword)
  const now = new Date('2026-11-01T00:00:00+08:00')

  const adminId = id()
  const managerIds = Array.from({ length: staffCount.managers }, id)
  const salesIds = Array.from({ length: staffCount.sales }, id)
  const managerNames = ['王经理', '陈经理', '刘经理']
  const staffRows: [string, string, string, string][] = [
    [adminId, 'admin', '系统管理员', 'admin'],
    ...managerIds.map((userId, index): [string, string, string, string] => [userId, `manager${index + 1}`, managerNames[index] ?? `经理${index + 1}`, 'manager']),
    ...salesIds.map((userId, index): [string, string, string, string] => [userId, `sales${String(index + 1).padStart(2, '0')}`, `销售${index + 1}号`, 'sales']),
  ]
  for (const [userId, username, displayName, role] of staffRows) {
    await client.query(
      'INSERT INTO users (id, username, password_hash, display_name, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
      [userId, username, passwordHash, displayName, role, now],
    )
  }

  // The same defaults ensureDefaultSettings puts in place, recorded as done so the server leaves them alone.
  await client.query("INSERT INTO seed_runs (name, outcome) VALUES ('settings-defaults-v1', 'seeded')")
  const levelIds: string[] = []
  for (const level of defaultLevels) {
    const levelId = id()
    levelIds.push(levelId)
    await client.query(
      'INSERT INTO customer_levels (id, name, color, sort_order, is_default, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)',
      [levelId, level.name, level.color, level.sortOrder, level.isDefault, now],
    )
  }
  const relationshipTypeIds: string[] = []
  for (const [index, name] of defaultRelationshipTypes.entries()) {
    const typeId = id()
    relationshipTypeIds.push(typeId)
    await client.query('INSERT INTO relationship_types (id, name, sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [
      typeId, name, (index + 1) * 10, now,
    ])
  }
  const tagIds: string[] = []
  for (const [index, name] of tagNames.entries()) {
    const tagId = id()
    tagIds.push(tagId)
    await client.query('INSERT INTO tags (id, name, color, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [
      tagId, name, tagColors[index % tagColors.length], now,
    ])
  }
  const groupIds = new Map<string, string>()
  for (const [index, group] of groupTree.entries()) {
    const groupId = id()
    groupIds.set(group.name, groupId)
    await client.query('INSERT INTO groups (id, name, parent_id, sort_order, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)', [
      groupId, group.name, group.parent === null ? null : groupIds.get(group.parent), (index + 1) * 10, now,
    ])
  }
  const [ordinary, important, vip] = levelIds as [string, string, string]
  return { adminId, managerIds, salesIds, levelIds: { ordinary, important, vip }, relationshipTypeIds, tagIds, groupIds: [...groupIds.values()] }
}

interface SavedIndex {
  table: string
  name: string
  definition: string
}

/** Indexes of the loaded tables that no constraint owns (primary keys stay: foreign keys lean on them). */
const secondaryIndexes = async (client: pg.Client): Promise<SavedIndex[]> => {
  const { rows } = await client.query<{ tablename: string; indexname: string; indexdef: string }>(
    `SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.conindid <> 0)
     ORDER BY i.tablename, i.indexname`,
    [loadedTables],
  )
  return rows.map((row) => ({ table: row.tablename, name: row.indexname, definition: row.indexdef }))
}

/** COPY into every loaded table at once, one connection each, fed by the partition workers. */
const copyAll = async (options: BuildOptions, reference: Reference) => {
  const streams = new Map<LoadedTable, { client: pg.Client; stream: CopyStreamQuery }>()
  for (const table of loadedTables) {
    const client = await connect(options.databaseUrl)
    // Replica mode skips triggers and foreign key checks: the generator writes what they would have.
    await client.query('SET session_replication_role = replica')
    const stream = client.query(copyFrom(`COPY ${table} (${copyColumns[table].join(', ')}) FROM STDIN`))
    streams.set(table, { client, stream })
  }
  const started = performance.now()
  let generated = 0
  let reported = 0
  const sampled: SampledCustomer[] = []
  let pinyinChecked = 0
  const partitionSize = Math.ceil(options.customers / options.partitions)
  const partitions = Array.from({ length: options.partitions }, (_, index) => ({
    index,
    first: index * partitionSize,
    count: Math.max(0, Math.min(partitionSize, options.customers - index * partitionSize)),
  }))
  await Promise.all(
    partitions.map(
      (partition) =>
        new Promise<void>((resolve, reject) => {
          const worker = startPartitionWorker({
            customers: options.customers,
            orders: options.orders,
            reference,
            sampleEvery: Math.max(1, Math.floor(options.customers / 2_000)),
            partition,
            dataKeyHex: options.dataKeyHex,
          })
          // Batches of one worker are written one after the other; the acknowledgement lets it send another.
          let writing = Promise.resolve()
          worker.on('message', (message: WorkerMessage) => {
            writing = writing
              .then(async () => {
                if (message.kind === 'done') {
                  sampled.push(...message.sampled)
                  pinyinChecked += message.pinyinChecked
                  return
                }
                const waits: Promise<unknown>[] = []
                for (const table of loadedTables) {
                  const { stream } = streams.get(table) as { stream: CopyStreamQuery }
                  if (message.rows[table] !== '' && !stream.write(message.rows[table])) waits.push(once(stream, 'drain'))
                }
                await Promise.all(waits)
                worker.postMessage('written')
                generated += message.generated
                if (generated - reported >= 100_000) {
                  reported = generated
                  options.log(`  ${generated} customers written (${seconds(started).toFixed(0)} s)`)
                }
              })
              .catch(reject)
          })
          worker.on('error', reject)
          worker.on('exit', (code) => {
            void writing.then(() => (code === 0 ? resolve() : reject(new Error(`generator worker ${partition.index} exited with ${code}`))))
          })
        }),
    ),
  )
  const rowCounts: Record<string, number> = {}
  for (const [table, { client, stream }] of streams) {
    stream.end()
    await finished(stream)
    rowCounts[table] = stream.rowCount
    await client.end()
  }
  if (generated !== options.customers) throw new Error(`${generated} customers were generated, ${options.customers} expected`)
  options.log(`  pinyin of ${pinyinChecked} sampled customers equals pinyinColumns(name, company)`)
  sampled.sort((a, b) => a.id.localeCompare(b.id))
  return { rowCounts, sampled }
}

/** Runs statements over `lanes` connections, each taking the next one when it is free. */
const runInLanes = async (databaseUrl: string, statements: string[], lanes: number, log: (message: string) => void) => {
  const queue = [...statements]
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      const client = await connect(databaseUrl)
      try {
        for (const setting of buildSessionSettings) await client.query(setting)
        for (let statement = queue.shift(); statement !== undefined; statement = queue.shift()) {
          const started = performance.now()
          await client.query(statement)
          log(`  ${statement.slice(0, 90)} (${seconds(started).toFixed(1)} s)`)
        }
      } finally {
        await client.end()
      }
    }),
  )
}

/**
 * The check the loader owes the triggers it bypassed: on a sample of customers the stored search terms and
 * activity time must equal what kezhi_customer_search_terms and the before-write trigger compute now, and the
 * metrics what the orders module would derive.
 */
const verifySample = async (client: pg.Client, sampled: SampledCustomer[]): Promise<number> => {
  const ids = sampled.map((customer) => customer.id)
  const { rows } = await client.query<{ id: string; problem: string }>(
    `SELECT c.id, CASE
        WHEN c.search_terms IS DISTINCT FROM kezhi_customer_search_terms(c.id, c.name, c.company, c.pinyin_terms) THEN 'search_terms'
        WHEN c.last_activity_at IS DISTINCT FROM GREATEST(c.created_at, c.last_contact_at, c.last_purchase_at) THEN 'last_activity_at'
        WHEN c.order_count IS DISTINCT FROM m.order_count OR c.total_spent IS DISTINCT FROM m.total_spent
          OR c.average_order_value IS DISTINCT FROM m.average_order_value OR c.first_purchase_at IS DISTINCT FROM m.first_purchase_at
          OR c.last_purchase_at IS DISTINCT FROM m.last_purchase_at OR c.purchase_frequency_days IS DISTINCT FROM m.purchase_frequency_days
          THEN 'order metrics'
        WHEN c.last_contact_at IS DISTINCT FROM (SELECT max(a.occurred_at) FROM activities a WHERE a.customer_id = c.id AND a.deleted_at IS NULL)
          THEN 'last_contact_at'
      END AS problem
     FROM customers c
     CROSS JOIN LATERAL (
       SELECT count(*)::int AS order_count, coalesce(sum(o.amount), 0) AS total_spent, round(avg(o.amount), 2) AS average_order_value,
         min(o.ordered_at) AS first_purchase_at, max(o.ordered_at) AS last_purchase_at,
         CASE WHEN count(*) >= 2
           THEN round((extract(epoch FROM max(o.ordered_at) - min(o.ordered_at)) / 86400 / (count(*) - 1))::numeric, 1)::float8
         END AS purchase_frequency_days
       FROM orders o WHERE o.customer_id = c.id AND o.deleted_at IS NULL AND o.status IN ('paid', 'completed')
     ) m
     WHERE c.id = ANY($1::uuid[])`,
    [ids],
  )
  const wrong = rows.filter((row) => row.problem !== null)
  if (rows.length !== ids.length || wrong.length > 0) {
    const first = wrong[0]
    const detail =
      first === undefined
        ? `${ids.length - rows.length} sampled customers are missing`
        : `${wrong.length} of ${ids.length} sampled customers differ, e.g. ${first.id} in ${first.problem}`
    throw new Error(`the generated data is not what the product would hold: ${detail}`)
  }
  return rows.length
}

export const buildDatabase = async (options: BuildOptions): Promise<BuildResult> => {
  const { log } = options
  const started = performance.now()
  const client = await connect(options.databaseUrl)
  try {
    const reference = await insertReference(client, options.staffPassword)
    const indexes = await secondaryIndexes(client)
    for (const index of indexes) await client.query(`DROP INDEX ${client.escapeIdentifier(index.name)}`)
    log(`dropped ${indexes.length} secondary indexes; loading ${options.customers} customers and ${options.orders} orders by COPY`)

    const loadStarted = performance.now()
    const { rowCounts, sampled } = await copyAll(options, reference)
    const loadSeconds = seconds(loadStarted)
    log(`loaded in ${loadSeconds.toFixed(0)} s: ${JSON.stringify(rowCounts)}`)

    const indexStarted = performance.now()
    // Two lanes: the GIN index on search_terms takes one for most of the time, the other builds every other
    // index (biggest first) and then vacuums the tables it has finished with. customers is vacuumed last, once
    // the GIN build no longer holds its lock.
    const bySize = [...indexes].sort((a, b) => weightOf(b) - weightOf(a))
    const otherTables = [...loadedTables, 'users', 'tags', 'groups', 'customer_levels', 'relationship_types']
      .filter((table) => table !== 'customers')
      .sort((a, b) => tableWeight(b) - tableWeight(a))
    await runInLanes(
      options.databaseUrl,
      [...bySize.map((index) => index.definition), ...otherTables.map((table) => `VACUUM (ANALYZE) ${table}`)],
      2,
      log,
    )
    const indexSeconds = seconds(indexStarted)
    const recreated = await secondaryIndexes(client)
    const missing = indexes.filter((index) => !recreated.some((again) => again.name === index.name && again.definition === index.definition))
    if (missing.length > 0 || recreated.length !== indexes.length) {
      throw new Error(`indexes differ from the migration's after the rebuild: ${missing.map((index) => index.name).join(', ')}`)
    }

    const vacuumStarted = performance.now()
    await runInLanes(options.databaseUrl, ['VACUUM (ANALYZE) customers'], 1, log)
    const vacuumSeconds = seconds(vacuumStarted)

    // After ANALYZE: without statistics the check's join to orders gets a plan that takes minutes.
    const verifyStarted = performance.now()
    const verifiedCustomers = await verifySample(client, sampled)
    const verifySeconds = seconds(verifyStarted)
    log(`verified search terms, activity time and metrics of ${verifiedCustomers} sampled customers (${verifySeconds.toFixed(1)} s)`)

    return {
      seconds: { total: seconds(started), load: loadSeconds, indexes: indexSeconds, verify: verifySeconds, vacuum: vacuumSeconds },
      rowCounts: { ...rowCounts, users: 1 + staffCount.managers + staffCount.sales, tags: reference.tagIds.length, groups: reference.groupIds.length },
      sampled,
      reference,
      verifiedCustomers,
    }
  } finally {
    await client.end()
  }
}

const tableWeights: Record<string, number> = { customers: 100, orders: 60, customer_events: 20, customer_phones: 20, customer_tags: 10, activities: 10 }
const tableWeight = (table: string) => tableWeights[table] ?? 1
const weightOf = (index: SavedIndex) => (index.definition.includes('USING gin (search_terms)') ? 1_000 : tableWeight(index.table))
