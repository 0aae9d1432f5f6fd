import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { chmod, link, mkdir, mkdtemp, readFile, readdir, rm, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import tar from 'tar-stream'
import { z } from 'zod'
import { repoRoot } from '../config.js'
import { sealedColumns } from '../tools/keys-rotate.js'
import { keyIdOf, loadKeyRing, readKeyRingFile, type KeyRing } from './crypto.js'

/**
 * Backups without pg_dump (the embedded PostgreSQL ships only initdb, pg_ctl and postgres): every table of schema
 * `public` copied in PostgreSQL's COPY text format inside one REPEATABLE READ READ ONLY transaction (one consistent
 * snapshot), packed with a manifest and the data key ring into `DATA_DIR/backups/kezhi-backup-YYYYMMDD-HHmmss.tar.gz`.
 * See docs/contract.md, "Backup and restore"; the restore is in backup-restore.ts.
 */

export const archiveFormat = 1
export const backupNamePattern = /^kezhi-backup-\d{8}-\d{6}\.tar\.gz$/
export const manifestEntry = 'manifest.json'
export const keyRingEntry = 'keys/data-keys.json'
/** The table `prisma migrate deploy` and our migrator keep; restored row for row, after the migrations ran. */
export const migrationsTable = '_prisma_migrations'

export const backupsDirOf = (dataDir: string): string => join(dataDir, 'backups')

// One backup at a time per database (the server's job and `pnpm backup` alike).
const backupLockSql = `SELECT pg_advisory_lock(hashtext('kezhi:backup'))`
const backupTryLockSql = `SELECT pg_try_advisory_lock(hashtext('kezhi:backup')) AS locked`
const backupUnlockSql = `SELECT pg_advisory_unlock(hashtext('kezhi:backup'))`

/**
 * Session settings both the backup and the restore use, so every value's text reads back to the same value
 * (timestamps in UTC with their offset, ISO dates, shortest exact floats, hex bytea).
 */
export const copySessionSettings = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL extra_float_digits = 1`,
  `SET LOCAL bytea_output = 'hex'`,
]

const BackupTable = z.object({
  name: z.string().min(1),
  file: z.string().regex(/^data\/[^/]+\.copy$/),
  columns: z.array(z.string().min(1)).min(1),
  rows: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

const BackupSequence = z.object({
  name: z.string().min(1),
  table: z.string().nullable(),
  column: z.string().nullable(),
  lastValue: z.string().regex(/^-?\d+$/),
  isCalled: z.boolean(),
})

export const BackupManifest = z.object({
  format: z.literal(archiveFormat),
  created: z.string(),
  serverVersion: z.string(),
  postgresVersion: z.string(),
  migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
  /** In loading order: a table comes after the tables its foreign keys point to. */
  tables: z.array(BackupTable),
  sequences: z.array(BackupSequence),
  keys: z.object({ file: z.literal(keyRingEntry), current: z.string(), ids: z.array(z.string()).min(1) }),
})
export type BackupManifest = z.infer<typeof BackupManifest>
export type BackupTable = z.infer<typeof BackupTable>

/** Hashes, counts rows (COPY text format: one line per row) and bytes of what passes through. */
export class CopyMeter extends Transform {
  private readonly hash = createHash('sha256')
  rows = 0
  bytes = 0

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk)
    this.bytes += chunk.length
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) this.rows += 1
    callback(null, chunk)
  }

  digest(): string {
    return this.hash.digest('hex')
  }
}

/** `kezhi-backup-YYYYMMDD-HHmmss.tar.gz` of a moment as the clock reads in `timeZone`. */
export const backupNameAt = (moment: Date, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(moment)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '00'
  return `kezhi-backup-${part('year')}${part('month')}${part('day')}-${part('hour')}${part('minute')}${part('second')}.tar.gz`
}

/**
 * The key ring the database's sealed values need: DATA_DIR/data-keys.json, else the single key of
 * DATA_ENCRYPTION_KEY or DATA_DIR/data-key. Never generates a key (a backup of data sealed with a key nobody has
 * would be worthless).
 */
export const readBackupKeyRing = async (dataDir: string, configuredKey: string | undefined): Promise<KeyRing> => {
  const stored = await readKeyRingFile(dataDir)
  if (stored === null && configuredKey === undefined) {
    const legacy = await stat(join(dataDir, 'data-key')).catch(() => null)
    if (legacy === null) throw new Error(`no data key in ${dataDir} (data-keys.json or data-key) and DATA_ENCRYPTION_KEY is not set`)
  }
  return loadKeyRing(configuredKey, dataDir)
}

/** The ring as DATA_DIR/data-keys.json holds it. */
export const serialiseKeyRing = (ring: KeyRing): string =>
  `${JSON.stringify(
    { current: ring.current, keys: ring.keys.map((entry) => ({ id: entry.id, key: entry.key.toString('hex'), createdAt: entry.createdAt })) },
    null,
    2,
  )}\n`

interface TableShape {
  name: string
  columns: string[]
}

interface SequenceShape {
  name: string
  table: string | null
  column: string | null
}

/** Tables of schema public with their stored (not generated) columns, parents before the tables referring to them. */
export const publicTables = async (client: pg.ClientBase): Promise<TableShape[]> => {
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
  )
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
     FROM pg_constraint k
     JOIN pg_class child ON child.oid = k.conrelid
     JOIN pg_class parent ON parent.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = child.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND child.oid <> parent.oid`,
  )
  const shapes = new Map<string, string[]>()
  for (const row of columns) shapes.set(row.table, [...(shapes.get(row.table) ?? []), row.column])
  const parentsOf = new Map<string, Set<string>>([...shapes.keys()].map((name) => [name, new Set<string>()]))
  for (const { child, parent } of references) parentsOf.get(child)?.add(parent)
  const ordered: string[] = []
  const placed = new Set<string>()
  // Repeatedly place (by name) every table whose parents are all placed; a cycle, should one appear, goes last.
  while (placed.size < shapes.size) {
    const ready = [...shapes.keys()].filter((name) => !placed.has(name) && [...(parentsOf.get(name) ?? [])].every((parent) => placed.has(parent)))
    const next = ready.length > 0 ? ready : [...shapes.keys()].filter((name) => !placed.has(name))
    for (const name of next.sort()) {
      ordered.push(name)
      placed.add(name)
    }
  }
  return ordered.map((name) => ({ name, columns: shapes.get(name) ?? [] }))
}

/** Sequences of schema public and the column each one numbers (serial, bigserial, identity), if any. */
export const publicSequences = async (client: pg.ClientBase): Promise<SequenceShape[]> =>
  (
    await client.query<SequenceShape>(
      `SELECT s.relname AS name, t.relname AS table, a.attname AS column
       FROM pg_class s
       JOIN pg_namespace n ON n.oid = s.relnamespace
       LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
         AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class t ON t.oid = d.refobjid
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
       WHERE s.relkind = 'S' AND n.nspname = 'public'
       ORDER BY s.relname`,
    )
  ).rows

const serverVersion = async (): Promise<string> => {
  const text = await readFile(join(repoRoot, 'server', 'package.json'), 'utf8').catch(() => '{}')
  const { version } = JSON.parse(text) as { version?: unknown }
  return typeof version === 'string' ? version : 'unknown'
}

export interface BackupOptions {
  databaseUrl: string
  dataDir: string
  /** DATA_ENCRYPTION_KEY, when the key comes from the environment. */
  configuredKey: string | undefined
  /** Time zone of the archive's name (BACKUP_TIMEZONE). */
  timeZone: string
  /** The name to write (the server names a backup when it is asked for); default: from the snapshot's time. */
  name?: string
  /** Called when another backup holds the lock and this one waits for it. */
  onWaiting?: () => void
  onTable?: (table: { name: string; rows: number }) => void
}

export interface BackupOutcome {
  name: string
  path: string
  size: number
  manifest: BackupManifest
}

interface SpooledTable extends BackupTable {
  spool: string
}

/** Copies every table of the snapshot into files of `workDir` (disk, not memory, whatever the size). */
const copySnapshot = async (client: pg.Client, workDir: string, onTable: BackupOptions['onTable']) => {
  const tables = await publicTables(client)
  const spooled: SpooledTable[] = []
  for (const [index, table] of tables.entries()) {
    const columnList = table.columns.map((column) => client.escapeIdentifier(column)).join(', ')
    const meter = new CopyMeter()
    const spool = join(workDir, `${index}.copy`)
    await pipeline(
      client.query(copyTo(`COPY ${client.escapeIdentifier(table.name)} (${columnList}) TO STDOUT`)),
      meter,
      createWriteStream(spool, { mode: 0o600 }),
    )
    spooled.push({ name: table.name, file: `data/${table.name}.copy`, columns: table.columns, rows: meter.rows, bytes: meter.bytes, sha256: meter.digest(), spool })
    onTable?.({ name: table.name, rows: meter.rows })
  }
  const sequences = []
  for (const sequence of await publicSequences(client)) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${client.escapeIdentifier(sequence.name)}`,
    )
    sequences.push({ ...sequence, lastValue: rows[0]?.last_value ?? '1', isCalled: rows[0]?.is_called ?? false })
  }
  const hasMigrations = tables.some((table) => table.name === migrationsTable)
  const migrations = hasMigrations
    ? (
        await client.query<{ name: string; checksum: string }>(
          `SELECT migration_name AS name, checksum FROM "${migrationsTable}"
           WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
        )
      ).rows
    : []
  return { spooled, sequences, migrations }
}

/** Every key id the database's sealed values name must be in the ring, or the archive could not be read back. */
const checkKeysCoverData = async (client: pg.Client, ring: KeyRing): Promise<void> => {
  const known = new Set(ring.keys.map((entry) => entry.id))
  for (const { table, keyColumn } of sealedColumns) {
    const exists = await client.query(`SELECT to_regclass($1) AS found`, [`public.${table}`])
    if (exists.rows[0]?.found === null) continue
    const column = client.escapeIdentifier(keyColumn)
    const { rows } = await client.query<{ key_id: string }>(
      `SELECT DISTINCT ${column} AS key_id FROM ${client.escapeIdentifier(table)} WHERE ${column} IS NOT NULL`,
    )
    const missing = rows.map((row) => row.key_id).filter((id) => !known.has(id))
    if (missing.length > 0) {
      throw new Error(`${table} holds values sealed with data key ${missing.join(', ')}, which the key ring of DATA_DIR lacks; the backup would be unreadable`)
    }
  }
}

const packArchive = async (file: string, manifest: BackupManifest, spooled: SpooledTable[], ring: KeyRing, mtime: Date): Promise<void> => {
  const pack = tar.pack()
  const written = pipeline(pack, createGzip(), createWriteStream(file, { mode: 0o600, flags: 'wx' }))
  const add = async (name: string, body: Buffer | Readable, size: number) => {
    const header = { name, size, mode: 0o600, mtime, type: 'file' as const }
    if (Buffer.isBuffer(body)) {
      await new Promise<void>((resolve, reject) => pack.entry(header, body, (error) => (error ? reject(error) : resolve())))
    } else {
      await pipeline(body, pack.entry(header))
    }
  }
  try {
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)
    await add(manifestEntry, manifestBytes, manifestBytes.length)
    for (const table of spooled) await add(table.file, createReadStream(table.spool), table.bytes)
    const ringBytes = Buffer.from(serialiseKeyRing(ring))
    await add(keyRingEntry, ringBytes, ringBytes.length)
    pack.finalize()
  } catch (error) {
    pack.destroy(error as Error)
  }
  await written
}

/**
 * Writes one archive of the database into DATA_DIR/backups: a temporary name first, the final name only once it is
 * complete (so a listed archive is never half-written). Memory stays flat: tables go to spool files, then through
 * gzip to disk.
 */
export const createBackup = async (options: BackupOptions): Promise<BackupOutcome> => {
  const dir = backupsDirOf(options.dataDir)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const ring = await readBackupKeyRing(options.dataDir, options.configuredKey)
  const workDir = await mkdtemp(join(dir, '.work-'))
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'kezhi-backup' })
  await client.connect()
  try {
    const { rows: lock } = await client.query<{ locked: boolean }>(backupTryLockSql)
    if (lock[0]?.locked !== true) {
      options.onWaiting?.()
      await client.query(backupLockSql)
    }
    let snapshot: Awaited<ReturnType<typeof copySnapshot>>
    let created: Date
    let postgresVersion: string
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      for (const statement of copySessionSettings) await client.query(statement)
      const { rows } = await client.query<{ now: Date; version: string }>(`SELECT now() AS now, current_setting('server_version') AS version`)
      created = rows[0]?.now ?? new Date()
      postgresVersion = rows[0]?.version ?? 'unknown'
      await checkKeysCoverData(client, ring)
      snapshot = await copySnapshot(client, workDir, options.onTable)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      await client.query(backupUnlockSql).catch(() => undefined)
    }

    const manifest: BackupManifest = {
      format: archiveFormat,
      created: created.toISOString(),
      serverVersion: await serverVersion(),
      postgresVersion,
      migrations: snapshot.migrations,
      tables: snapshot.spooled.map(({ spool: _spool, ...table }) => table),
      sequences: snapshot.sequences,
      keys: { file: keyRingEntry, current: ring.current, ids: ring.keys.map((entry) => entry.id) },
    }
    const temporary = join(dir, `.${randomBytes(6).toString('hex')}.tar.gz.partial`)
    try {
      await packArchive(temporary, manifest, snapshot.spooled, ring, created)
      await chmod(temporary, 0o600)
      const name = await claimName(temporary, dir, options.name ?? backupNameAt(created, options.timeZone), options.name === undefined)
      const path = join(dir, name)
      return { name, path, size: (await stat(path)).size, manifest }
    } finally {
      await unlink(temporary).catch(() => undefined)
    }
  } finally {
    await client.end().catch(() => undefined)
    await rm(workDir, { recursive: true, force: true })
  }
}

/**
 * Gives the finished archive its name without ever replacing another archive (a hard link fails when the name is
 * taken). A name taken by a backup of the same second moves on to the next second when the name was not imposed.
 */
const claimName = async (temporary: string, dir: string, wanted: string, mayMove: boolean): Promise<string> => {
  let name = wanted
  for (let attempt = 0; ; attempt += 1) {
    try {
      await link(temporary, join(dir, name))
      return name
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !mayMove || attempt >= 60) throw error
      const match = /^kezhi-backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.tar\.gz$/.exec(name)
      if (match === null) throw error
      const [, year, month, day, hour, minute, second] = match.map(Number) as number[]
      const next = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second! + 1))
      name = backupNameAt(next, 'UTC')
    }
  }
}

/** The entries of an archive in order; each entry's stream must be read to its end before the next one comes. */
export async function* archiveEntries(file: string): AsyncGenerator<{ name: string; size: number; stream: AsyncIterable<Buffer> }> {
  const extract = tar.extract()
  const feeding = pipeline(createReadStream(file), createGunzip(), extract).catch((error: unknown) => {
    extract.destroy(error as Error)
  })
  try {
    for await (const entry of extract) yield { name: entry.header.name, size: entry.header.size ?? 0, stream: entry as AsyncIterable<Buffer> }
  } catch (error) {
    throw unreadable(file, error)
  } finally {
    extract.destroy()
    await feeding
  }
}

const unreadable = (file: string, error: unknown): Error => {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'EACCES') return error as Error
  if (error instanceof ArchiveError) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new ArchiveError(`${file} is not a readable Kezhi backup (.tar.gz): ${reason}`)
}

/** A damaged, altered or foreign archive. */
export class ArchiveError extends Error {}

const discard = () => new Writable({ write: (_chunk, _encoding, callback) => callback() })

const readAll = async (stream: AsyncIterable<Buffer>): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export const parseManifest = (file: string, bytes: Buffer): BackupManifest => {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new ArchiveError(`${file}: manifest.json is not JSON`)
  }
  if (typeof json === 'object' && json !== null && 'format' in json && json.format !== archiveFormat) {
    throw new ArchiveError(`${file} has archive format ${String(json.format)}; this version reads format ${archiveFormat}`)
  }
  const parsed = BackupManifest.safeParse(json)
  if (!parsed.success) throw new ArchiveError(`${file}: manifest.json is not a Kezhi backup manifest (${parsed.error.issues[0]?.path.join('.')})`)
  return parsed.data
}

/** The manifest alone (the archive's first entry), without reading the rest. */
export const readManifest = async (file: string): Promise<BackupManifest> => {
  for await (const entry of archiveEntries(file)) {
    if (entry.name !== manifestEntry) break
    return parseManifest(file, await readAll(entry.stream))
  }
  throw new ArchiveError(`${file} does not start with manifest.json: it is not a Kezhi backup`)
}

export interface VerifiedArchive {
  manifest: BackupManifest
  /** The text of keys/data-keys.json. */
  keyRing: string
}

/**
 * Reads the whole archive once and checks every table's file against the manifest (sha256, rows, bytes) and the
 * key ring against the ids the manifest names, before anything is written anywhere.
 */
export const verifyArchive = (file: string): Promise<VerifiedArchive> =>
  readWholeArchive(file).catch((error: unknown) => {
    throw unreadable(file, error)
  })

const readWholeArchive = async (file: string): Promise<VerifiedArchive> => {
  let manifest: BackupManifest | undefined
  let keyRing: string | undefined
  const seen = new Set<string>()
  for await (const entry of archiveEntries(file)) {
    if (manifest === undefined) {
      if (entry.name !== manifestEntry) throw new ArchiveError(`${file} does not start with manifest.json: it is not a Kezhi backup`)
      manifest = parseManifest(file, await readAll(entry.stream))
      continue
    }
    if (entry.name === keyRingEntry) {
      keyRing = (await readAll(entry.stream)).toString('utf8')
      continue
    }
    const table = manifest.tables.find((candidate) => candidate.file === entry.name)
    if (table === undefined) throw new ArchiveError(`${file} holds ${entry.name}, which its manifest does not list`)
    const meter = new CopyMeter()
    await pipeline(entry.stream, meter, discard())
    checkTableData(file, table, meter)
    seen.add(table.file)
  }
  if (manifest === undefined) throw new ArchiveError(`${file} is empty`)
  const missing = manifest.tables.filter((table) => !seen.has(table.file)).map((table) => table.file)
  if (missing.length > 0) throw new ArchiveError(`${file} is incomplete: ${missing.join(', ')} missing`)
  if (keyRing === undefined) throw new ArchiveError(`${file} has no ${keyRingEntry}: the sealed phones could not be read`)
  checkKeyRingText(file, keyRing, manifest)
  return { manifest, keyRing }
}

export const checkTableData = (file: string, table: BackupTable, meter: CopyMeter): void => {
  const sha256 = meter.digest()
  if (sha256 !== table.sha256 || meter.rows !== table.rows || meter.bytes !== table.bytes) {
    throw new ArchiveError(
      `${file} is damaged or was altered: ${table.file} does not match its checksum in the manifest ` +
        `(sha256 ${sha256.slice(0, 12)}… instead of ${table.sha256.slice(0, 12)}…, ${meter.rows} rows instead of ${table.rows})`,
    )
  }
}

const checkKeyRingText = (file: string, text: string, manifest: BackupManifest): void => {
  let parsed: { current?: unknown; keys?: { id?: unknown; key?: unknown }[] }
  try {
    parsed = JSON.parse(text) as typeof parsed
  } catch {
    throw new ArchiveError(`${file}: ${keyRingEntry} is not JSON`)
  }
  const ids = (parsed.keys ?? []).map((entry) => {
    const key = typeof entry.key === 'string' && /^[0-9a-f]{64}$/i.test(entry.key) ? Buffer.from(entry.key, 'hex') : null
    if (key === null || keyIdOf(key) !== entry.id) throw new ArchiveError(`${file}: a key in ${keyRingEntry} does not match its id`)
    return entry.id
  })
  if (parsed.current !== manifest.keys.current || ids.join(',') !== manifest.keys.ids.join(',')) {
    throw new ArchiveError(`${file}: ${keyRingEntry} does not hold the keys its manifest names`)
  }
}

export interface BackupFile {
  name: string
  path: string
  size: number
  modifiedAt: Date
}

/** The complete archives of DATA_DIR/backups (temporary and foreign files ignored), newest first. */
export const listBackupFiles = async (dataDir: string): Promise<BackupFile[]> => {
  const dir = backupsDirOf(dataDir)
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => backupNamePattern.test(name))
  const files = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, name)
      const info = await stat(path).catch(() => null)
      return info === null || !info.isFile() ? null : { name, path, size: info.size, modifiedAt: info.mtime }
    }),
  )
  return files
    .filter((file): file is BackupFile => file !== null)
    .sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || b.name.localeCompare(a.name))
}

/**
 * Removes archives older than `retentionDays` (by the time they were written), never the newest one, so a long
 * pause of the schedule never leaves the installation without a backup.
 */
export const applyBackupRetention = async (dataDir: string, retentionDays: number, now = new Date()): Promise<string[]> => {
  const [, ...older] = await listBackupFiles(dataDir)
  const limit = now.getTime() - retentionDays * 24 * 60 * 60 * 1000
  const expired = older.filter((file) => file.modifiedAt.getTime() < limit)
  for (const file of expired) await rm(file.path, { force: true })
  return expired.map((file) => file.name)
}
