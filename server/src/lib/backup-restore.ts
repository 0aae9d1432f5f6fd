import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Logger } from 'pino'
import { migrate, readMigrations } from '../db/migrate.js'
import {
  archiveEntries,
  checkTableData,
  copySessionSettings,
  CopyMeter,
  keyRingEntry,
  manifestEntry,
  migrationsTable,
  publicTables,
  verifyArchive,
  type BackupManifest,
} from './backup.js'
import { keyIdOf, keyRingFile, readKeyRingFile, type KeyRing } from './crypto.js'

/**
 * Restores an archive of backup.ts into an empty database: the archive's migrations, then every table loaded with
 * COPY FROM in one transaction (triggers held back, so derived tables and the append-only audit log come back
 * byte for byte), sequences set, newer migrations, then the key ring into DATA_DIR.
 */

/** A restore that must not go ahead (non-empty database, another key ring, an archive of a newer version). */
export class RestoreRefused extends Error {}

export interface RestoreOptions {
  archivePath: string
  databaseUrl: string
  dataDir: string
  /** DATA_ENCRYPTION_KEY, when the server takes its key from the environment. */
  configuredKey: string | undefined
  migrationsDir: string
  logger: Logger
  /** Also into a database a server has used but that holds no customers (an installation started once, never used). */
  force?: boolean
  onStep?: (message: string) => void
}

export interface RestoreSummary {
  created: string
  tables: number
  rows: number
  /** The migrations the archive was made with (applied before its data). */
  archiveMigrations: number
  /** Migrations of this version newer than the archive (applied after its data). */
  newerMigrations: string[]
  /** How triggers were held back while loading. */
  triggers: 'replica' | 'disabled'
  keyRing: 'written' | 'unchanged'
  /** Row counts per table as found after the load (equal to the archive's). */
  counts: Record<string, number>
}

const ringOf = (text: string): KeyRing => {
  const parsed = JSON.parse(text) as { current: string; keys: { id: string; key: string; createdAt: string }[] }
  return { current: parsed.current, keys: parsed.keys.map((entry) => ({ id: entry.id, key: Buffer.from(entry.key, 'hex'), createdAt: entry.createdAt })) }
}

const sameRing = (a: KeyRing, b: KeyRing) =>
  a.current === b.current &&
  a.keys.length === b.keys.length &&
  a.keys.every((entry, index) => entry.id === b.keys[index]?.id && entry.key.equals(b.keys[index]?.key ?? Buffer.alloc(0)))

/** Whether the archive's ring can go into DATA_DIR: refused when another ring (or key) is there. */
const planKeyRing = async (dataDir: string, configuredKey: string | undefined, ring: KeyRing): Promise<'write' | 'unchanged'> => {
  const ids = ring.keys.map((entry) => entry.id)
  if (configuredKey !== undefined && !ids.includes(keyIdOf(Buffer.from(configuredKey.trim(), 'hex')))) {
    throw new RestoreRefused('DATA_ENCRYPTION_KEY is not one of the archive\'s data keys: the restored phones could not be read; unset it or set it to the archive\'s key')
  }
  const stored = await readKeyRingFile(dataDir)
  if (stored !== null) {
    if (sameRing(stored, ring)) return 'unchanged'
    throw new RestoreRefused(`${keyRingFile(dataDir)} holds another key ring than the archive; restore into a DATA_DIR without one (or move it away)`)
  }
  const legacy = (await readFile(join(dataDir, 'data-key'), 'utf8').catch(() => '')).trim()
  if (legacy !== '' && (!/^[0-9a-f]{64}$/i.test(legacy) || keyIdOf(Buffer.from(legacy, 'hex')) !== ids[0])) {
    throw new RestoreRefused(`${join(dataDir, 'data-key')} holds another data key than the archive's; restore into a DATA_DIR without one (or move it away)`)
  }
  return 'write'
}

const writeKeyRing = async (dataDir: string, text: string): Promise<void> => {
  await mkdir(dataDir, { recursive: true })
  const file = keyRingFile(dataDir)
  const temporary = `${file}.${process.pid}.restore`
  await writeFile(temporary, text, { mode: 0o600 })
  await rename(temporary, file)
  // Read back through the server's own parser: a ring it could not load must not be left behind silently.
  await readKeyRingFile(dataDir)
}

/** The archive's migrations must be exactly this version's migrations up to the archive's last one. */
const checkMigrations = async (manifest: BackupManifest, migrationsDir: string): Promise<string> => {
  const local = await readMigrations(migrationsDir)
  const known = new Set(local.map((migration) => migration.name))
  const unknown = manifest.migrations.filter((migration) => !known.has(migration.name))
  if (unknown.length > 0) {
    throw new RestoreRefused(`the archive was made by a newer Kezhi (migration ${unknown[0]?.name} is unknown here); restore it with that version or a later one`)
  }
  const last = manifest.migrations.at(-1)?.name
  if (last === undefined) throw new RestoreRefused('the archive lists no migrations: it was not made from a Kezhi database')
  const expected = local.filter((migration) => migration.name <= last).map((migration) => migration.name)
  const archived = manifest.migrations.map((migration) => migration.name)
  if (expected.join('\n') !== archived.join('\n')) {
    throw new RestoreRefused(`the archive's migrations (${archived.length}) differ from this version's up to ${last} (${expected.length})`)
  }
  return last
}

const tableNames = async (client: pg.Client): Promise<string[]> =>
  (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    )
  ).rows.map((row) => row.name)

const hasRows = async (client: pg.Client, table: string): Promise<boolean> =>
  (await client.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${client.escapeIdentifier(table)}) AS found`)).rows[0]?.found === true

/**
 * Refuses a database holding customers; one a server has used (it has users, no customers yet) only with `force`.
 * A schema nobody used (only the migrations' own rows, e.g. left by a restore that stopped half-way) is replaced
 * by a fresh one without asking.
 */
const prepareEmptySchema = async (client: pg.Client, force: boolean): Promise<void> => {
  const tables = await tableNames(client)
  if (tables.length === 0) return
  if (tables.includes('customers') && (await hasRows(client, 'customers'))) {
    throw new RestoreRefused('the database already holds customers: a restore goes into an empty database (create a new one, or a new DATA_DIR)')
  }
  if (!force) {
    if (!tables.includes(migrationsTable)) {
      throw new RestoreRefused(`the database holds tables of another application (${tables.slice(0, 5).join(', ')}); restore into an empty database, or pass --force to replace them`)
    }
    if (tables.includes('users') && (await hasRows(client, 'users'))) {
      throw new RestoreRefused('a server has already used this database (it has users, no customers yet); restore into an empty database, or pass --force to replace its contents')
    }
  }
  await client.query('DROP SCHEMA public CASCADE')
  await client.query('CREATE SCHEMA public')
  await client.query('GRANT USAGE ON SCHEMA public TO PUBLIC')
}

/** After the archive's migrations the schema must have exactly the archive's tables and columns. */
const checkSchemaMatches = async (client: pg.Client, manifest: BackupManifest): Promise<void> => {
  const shapes = new Map((await publicTables(client)).map((shape) => [shape.name, shape.columns]))
  for (const table of manifest.tables) {
    const columns = shapes.get(table.name)
    if (columns === undefined) throw new RestoreRefused(`the archive holds table ${table.name}, which its migrations did not create here`)
    if ([...columns].sort().join(',') !== [...table.columns].sort().join(',')) {
      throw new RestoreRefused(`table ${table.name} has other columns here (${columns.join(', ')}) than in the archive (${table.columns.join(', ')})`)
    }
    shapes.delete(table.name)
  }
  if (shapes.size > 0) throw new RestoreRefused(`the archive lacks table ${[...shapes.keys()].join(', ')}`)
}

/** Triggers stay silent while loading: replica mode when allowed (superuser), else each table's own triggers off. */
const holdTriggersBack = async (client: pg.Client, tables: readonly string[]): Promise<'replica' | 'disabled'> => {
  await client.query('SAVEPOINT hold_triggers')
  try {
    await client.query('SET LOCAL session_replication_role = replica')
    await client.query('RELEASE SAVEPOINT hold_triggers')
    return 'replica'
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT hold_triggers')
    for (const table of tables) await client.query(`ALTER TABLE ${client.escapeIdentifier(table)} DISABLE TRIGGER USER`)
    return 'disabled'
  }
}

/** Each sequence continues after the archive's value, and after the highest number its column holds. */
const setSequences = async (client: pg.Client, manifest: BackupManifest): Promise<void> => {
  for (const sequence of manifest.sequences) {
    const name = `public.${client.escapeIdentifier(sequence.name)}`
    let value = BigInt(sequence.lastValue)
    let isCalled = sequence.isCalled
    if (sequence.table !== null && sequence.column !== null) {
      const { rows } = await client.query<{ highest: string | null }>(
        `SELECT max(${client.escapeIdentifier(sequence.column)})::text AS highest FROM ${client.escapeIdentifier(sequence.table)}`,
      )
      const highest = rows[0]?.highest
      if (highest !== null && highest !== undefined && BigInt(highest) > (isCalled ? value : value - 1n)) {
        value = BigInt(highest)
        isCalled = true
      }
    }
    await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [name, value.toString(), isCalled])
  }
}

/** Loads every table of the archive in one transaction; any mismatch rolls all of it back. */
const loadTables = async (client: pg.Client, options: RestoreOptions, manifest: BackupManifest): Promise<{ triggers: 'replica' | 'disabled'; counts: Record<string, number> }> => {
  const tables = manifest.tables.map((table) => table.name)
  await client.query('BEGIN')
  try {
    for (const statement of copySessionSettings) await client.query(statement)
    const triggers = await holdTriggersBack(client, tables)
    // Migrations insert rows of their own (built-in roles, settings, their own records): the archive's replace them.
    await client.query(`TRUNCATE ${tables.map((table) => client.escapeIdentifier(table)).join(', ')}`)
    for await (const entry of archiveEntries(options.archivePath)) {
      const table = manifest.tables.find((candidate) => candidate.file === entry.name)
      if (table === undefined) {
        if (entry.name !== manifestEntry && entry.name !== keyRingEntry) throw new RestoreRefused(`the archive changed while being restored (${entry.name})`)
        for await (const _chunk of entry.stream) void _chunk
        continue
      }
      const columnList = table.columns.map((column) => client.escapeIdentifier(column)).join(', ')
      const meter = new CopyMeter()
      const copy = client.query(copyFrom(`COPY ${client.escapeIdentifier(table.name)} (${columnList}) FROM STDIN`))
      await pipeline(entry.stream, meter, copy)
      checkTableData(options.archivePath, table, meter)
      options.onStep?.(`${table.name}: ${copy.rowCount} rows`)
    }
    await setSequences(client, manifest)
    const counts: Record<string, number> = {}
    for (const table of manifest.tables) {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${client.escapeIdentifier(table.name)}`)
      counts[table.name] = Number(rows[0]?.count ?? -1)
      if (counts[table.name] !== table.rows) {
        throw new Error(`${table.name} holds ${counts[table.name]} rows after loading, the archive ${table.rows}; nothing was restored`)
      }
    }
    if (triggers === 'disabled') {
      for (const table of tables) await client.query(`ALTER TABLE ${client.escapeIdentifier(table)} ENABLE TRIGGER USER`)
    }
    await client.query('COMMIT')
    return { triggers, counts }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/**
 * Checks the whole archive first (checksums, migrations, key ring, an empty database), so a refused restore leaves
 * everything as it was; then recreates the archive's schema, loads the data in one transaction and applies the
 * migrations of this version that are newer than the archive.
 */
export const restoreBackup = async (options: RestoreOptions): Promise<RestoreSummary> => {
  const step = options.onStep ?? (() => undefined)
  step(`checking ${options.archivePath}`)
  const { manifest, keyRing } = await verifyArchive(options.archivePath)
  const lastMigration = await checkMigrations(manifest, options.migrationsDir)
  const ringPlan = await planKeyRing(options.dataDir, options.configuredKey, ringOf(keyRing))

  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'kezhi-restore' })
  await client.connect()
  try {
    await prepareEmptySchema(client, options.force === true)
    step(`applying the archive's ${manifest.migrations.length} migrations`)
    await migrate({ databaseUrl: options.databaseUrl, migrationsDir: options.migrationsDir, logger: options.logger, until: lastMigration })
    await checkSchemaMatches(client, manifest)
    step(`loading ${manifest.tables.length} tables`)
    const { triggers, counts } = await loadTables(client, options, manifest)
    const newerMigrations = await migrate({ databaseUrl: options.databaseUrl, migrationsDir: options.migrationsDir, logger: options.logger })
    if (newerMigrations.length > 0) step(`applied ${newerMigrations.length} newer migrations: ${newerMigrations.join(', ')}`)
    if (ringPlan === 'write') await writeKeyRing(options.dataDir, keyRing)
    return {
      created: manifest.created,
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
      archiveMigrations: manifest.migrations.length,
      newerMigrations,
      triggers,
      keyRing: ringPlan === 'write' ? 'written' : 'unchanged',
      counts,
    }
  } finally {
    await client.end().catch(() => undefined)
  }
}
