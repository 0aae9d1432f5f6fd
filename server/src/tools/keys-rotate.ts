import pg from 'pg'
import { addDataKey, createDataCipher, keyRingRefreshMs, type DataCipher } from '../lib/crypto.js'

/** A table whose rows hold sealed values, and the column naming the key that sealed them. */
export interface SealedColumns {
  table: string
  keyColumn: string
  valueColumns: readonly string[]
}

/**
 * Every sealed value in the database. The rotation refuses to run when the database has a `*_encrypted` column
 * missing here, so a new one cannot silently stay under an old key.
 */
export const sealedColumns: readonly SealedColumns[] = [
  { table: 'customer_phones', keyColumn: 'key_id', valueColumns: ['number_encrypted'] },
  { table: 'customer_emails', keyColumn: 'key_id', valueColumns: ['address_encrypted'] },
  { table: 'customer_addresses', keyColumn: 'key_id', valueColumns: ['street_encrypted', 'house_number_encrypted'] },
  { table: 'contact_phones', keyColumn: 'key_id', valueColumns: ['number_encrypted'] },
  { table: 'contact_emails', keyColumn: 'key_id', valueColumns: ['address_encrypted'] },
  { table: 'users', keyColumn: 'mfa_key_id', valueColumns: ['mfa_secret_encrypted'] },
  { table: 'feedback', keyColumn: 'phone_key_id', valueColumns: ['phone_encrypted'] },
  { table: 'webhook_subscriptions', keyColumn: 'key_id', valueColumns: ['secret_encrypted'] },
]

export interface RotationProgress {
  table: string
  done: number
  remaining: number
}

export interface RotationOptions {
  databaseUrl: string
  dataDir: string
  /** DATA_ENCRYPTION_KEY, when the legacy key comes from the environment. */
  configuredKey: string | undefined
  batchSize?: number
  /**
   * How long after the new key is written a last sweep still runs: servers pick the key up within
   * `keyRingRefreshMs`, and until then they may seal new values with the previous one.
   */
  settleMs?: number
  onProgress?: (progress: RotationProgress) => void
}

export interface RotationOutcome {
  keyId: string
  previousKeyId: string
  resealed: Record<string, number>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const checkEveryColumnIsKnown = async (client: pg.Client): Promise<void> => {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name LIKE '%\\_encrypted'`,
  )
  const known = new Set(sealedColumns.flatMap(({ table, valueColumns }) => valueColumns.map((column) => `${table}.${column}`)))
  const unknown = rows.map((row) => `${row.table_name}.${row.column_name}`).filter((name) => !known.has(name))
  if (unknown.length > 0) {
    throw new Error(`keys:rotate does not know how to re-encrypt ${unknown.join(', ')}; add them to sealedColumns first`)
  }
}

const remainingIn = async (client: pg.Client, { table, keyColumn }: SealedColumns, current: string): Promise<number> => {
  const { rows } = await client.query<{ count: string }>(
    `SELECT count(*) AS count FROM ${client.escapeIdentifier(table)}
     WHERE ${client.escapeIdentifier(keyColumn)} IS NOT NULL AND ${client.escapeIdentifier(keyColumn)} <> $1`,
    [current],
  )
  return Number(rows[0]?.count ?? 0)
}

// Deadlocks and serialisation failures only mean "try this batch again".
const isRetryable = (error: unknown) => {
  const code = (error as { code?: unknown }).code
  return code === '40P01' || code === '40001'
}

/**
 * Re-seals the next batch (ids after `after`) under the current key, in one transaction. Rows are locked (SKIP
 * LOCKED: a row a request is writing right now is left for the next pass) and the update still checks the key id
 * it read.
 */
const resealBatch = async (
  client: pg.Client,
  columns: SealedColumns,
  cipher: DataCipher,
  batchSize: number,
  after: string | null,
): Promise<{ resealed: number; lastId: string | null }> => {
  const { table, keyColumn, valueColumns } = columns
  const id = (name: string) => client.escapeIdentifier(name)
  const current = cipher.keyId
  await client.query('BEGIN')
  try {
    // The child-row triggers recompute customers' search terms, which a new ciphertext cannot change; skipping them
    // keeps a rotation of a large database short and takes no locks on customers. Only a superuser may; elsewhere
    // the triggers just run.
    await client.query('SAVEPOINT replica')
    await client.query('SET LOCAL session_replication_role = replica').then(
      () => client.query('RELEASE SAVEPOINT replica'),
      () => client.query('ROLLBACK TO SAVEPOINT replica'),
    )
    const { rows } = await client.query<Record<string, string | Buffer | null>>(
      `SELECT id, ${id(keyColumn)} AS key_id, ${valueColumns.map(id).join(', ')} FROM ${id(table)}
       WHERE ${id(keyColumn)} IS NOT NULL AND ${id(keyColumn)} <> $1 AND ($3::uuid IS NULL OR id > $3::uuid)
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [current, batchSize, after],
    )
    let resealed = 0
    for (const row of rows) {
      const oldKeyId = row.key_id as string
      const values = valueColumns.map((column) => {
        const sealed = row[column]
        return sealed === null || sealed === undefined ? null : Buffer.from(cipher.seal(cipher.open(sealed as Buffer, oldKeyId)).ciphertext)
      })
      const assignments = valueColumns.map((column, index) => `${id(column)} = $${index + 4}`)
      const result = await client.query(
        `UPDATE ${id(table)} SET ${id(keyColumn)} = $1, ${assignments.join(', ')} WHERE id = $2::uuid AND ${id(keyColumn)} = $3`,
        [current, row.id, oldKeyId, ...values],
      )
      resealed += result.rowCount ?? 0
    }
    await client.query('COMMIT')
    return { resealed, lastId: (rows.at(-1)?.id as string | undefined) ?? null }
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}

/** Passes over the table in id order until no row is left under another key. */
const resealTable = async (
  client: pg.Client,
  columns: SealedColumns,
  cipher: DataCipher,
  batchSize: number,
  onProgress: (progress: RotationProgress) => void,
): Promise<number> => {
  let done = 0
  let total = await remainingIn(client, columns, cipher.keyId)
  let after: string | null = null
  for (;;) {
    const batch: Awaited<ReturnType<typeof resealBatch>> | 'retry' = await resealBatch(client, columns, cipher, batchSize, after).catch((error: unknown) => {
      if (isRetryable(error)) return 'retry' as const
      throw error
    })
    if (batch === 'retry') continue
    if (batch.lastId !== null) {
      after = batch.lastId
      done += batch.resealed
      onProgress({ table: columns.table, done, remaining: Math.max(0, total - done) })
      continue
    }
    // The end of a pass: rows written meanwhile under the old key, or locked by a request, take another one.
    const remaining = await remainingIn(client, columns, cipher.keyId)
    if (remaining === 0) return done
    total = done + remaining
    after = null
    await sleep(100)
  }
}

/**
 * `pnpm keys:rotate`: adds a data key, makes it current, and re-seals every value under it in small transactions
 * while the product keeps serving. Old keys stay in the ring (backups still open), blind indexes do not change.
 */
export const rotateDataKeys = async (options: RotationOptions): Promise<RotationOutcome> => {
  const { batchSize = 500, settleMs = keyRingRefreshMs + 2_000, onProgress = () => undefined } = options
  const client = new pg.Client({ connectionString: options.databaseUrl })
  await client.connect()
  try {
    await checkEveryColumnIsKnown(client)
    // Two rotations at once would each re-seal the other's values (and one key could be lost between their writes
    // of the ring); the lock ends with this connection, also when the process dies.
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext('kezhi:keys:rotate')) AS locked`)
    if (rows[0]?.locked !== true) throw new Error('another keys:rotate is running on this database; let it finish first')
    const { ring, added, previous } = await addDataKey(options.configuredKey, options.dataDir)
    const keyWrittenAt = Date.now()
    const cipher = createDataCipher(ring)
    const resealed: Record<string, number> = Object.fromEntries(sealedColumns.map(({ table }) => [table, 0]))
    for (;;) {
      // Taken before the sweep: a server that read the ring before it was written may still seal with the old key
      // until its next refresh, so the last sweep must begin after every server has seen the new key.
      const settled = Date.now() - keyWrittenAt >= settleMs
      for (const columns of sealedColumns) {
        resealed[columns.table] = (resealed[columns.table] ?? 0) + (await resealTable(client, columns, cipher, batchSize, onProgress))
      }
      if (settled) break
      await sleep(Math.max(0, settleMs - (Date.now() - keyWrittenAt)))
    }
    return { keyId: added.id, previousKeyId: previous, resealed }
  } finally {
    await client.end()
  }
}
