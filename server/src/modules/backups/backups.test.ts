import { createGunzip, createGzip } from 'node:zlib'
import { createReadStream, createWriteStream } from 'node:fs'
import { copyFile, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig, repoPaths } from '../../config.js'
import { migrate, readMigrations } from '../../db/migrate.js'
import { applyBackupRetention, ArchiveError, backupsDirOf, createBackup, listBackupFiles, readManifest } from '../../lib/backup.js'
import { RestoreRefused, restoreBackup } from '../../lib/backup-restore.js'
import { createTestDatabase, dropDatabase, makeTempDir, silentLogger, startTestServer, withDatabaseClient, type ErrorBody, type TestServer } from '../../test/support.js'
import type { BackupList } from './backups.schemas.js'
import { tableContents } from './backups.test-support.js'

const pgLock = `SELECT pg_advisory_lock(hashtext('kezhi:backup'))`
const pgUnlock = `SELECT pg_advisory_unlock(hashtext('kezhi:backup'))`

/** Rewrites an archive entry by entry, letting `change` alter the bytes of one of them. */
const rewriteArchive = async (from: string, to: string, change: (name: string, bytes: Buffer) => Buffer) => {
  const extract = tar.extract()
  const pack = tar.pack()
  const written = pipeline(pack, createGzip(), createWriteStream(to))
  const reading = pipeline(createReadStream(from), createGunzip(), extract)
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const chunk of entry) chunks.push(chunk as Buffer)
    const bytes = change(entry.header.name, Buffer.concat(chunks))
    await new Promise<void>((resolve, reject) => pack.entry({ ...entry.header, size: bytes.length }, bytes, (error) => (error ? reject(error) : resolve())))
  }
  await reading
  pack.finalize()
  await written
}

describe('backups in the console: an administrator backs up, lists and downloads; nobody else may', () => {
  let server: TestServer
  let dataDir: { path: string; remove: () => Promise<void> }
  let admin: string

  beforeAll(async () => {
    dataDir = await makeTempDir('backups')
    server = await startTestServer({ dataDir: dataDir.path, dataTransfer: { ...readConfig({}).dataTransfer, backupRetentionDays: 7 } })
    admin = await server.login('admin')
  })
  afterAll(async () => {
    await server.close()
    await dataDir.remove()
  })

  const list = async () => {
    const response = await server.api.get<BackupList>('/api/backups', { token: admin })
    expect(response.status).toBe(200)
    return response.body
  }
  const untilIdle = async () => {
    for (let listed = await list(); ; listed = await list()) {
      if (!listed.running) return listed
      await sleep(100)
    }
  }

  it('an administrator backs up now; a second request while it runs is refused; the archive is listed once complete', async () => {
    const initially = await list()
    expect(initially).toMatchObject({ items: [], running: false, schedule: '30 3 * * *', timezone: 'Asia/Shanghai', retentionDays: 7 })

    // Another backup (say `pnpm backup`) holds the lock, so this one waits in the queue and then at the lock.
    await withDatabaseClient(server.database.url, async (client) => {
      await client.query(pgLock)
      const started = await server.api.post<{ name: string }>('/api/backups', { token: admin })
      expect(started.status).toBe(202)
      expect(started.body.name).toMatch(/^kezhi-backup-\d{8}-\d{6}\.tar\.gz$/)
      expect((await list()).running).toBe(true)
      const second = await server.api.post<ErrorBody>('/api/backups', { token: admin, language: 'en-US' })
      expect(second.status).toBe(409)
      expect(second.body).toMatchObject({ code: 'BACKUP_IN_PROGRESS', message: 'A backup is already running; please wait' })
      expect((await list()).items).toEqual([])
      await client.query(pgUnlock)

      const done = await untilIdle()
      expect(done.items.map((item) => item.name)).toEqual([started.body.name])
      const [item] = done.items
      const manifest = await readManifest(join(backupsDirOf(dataDir.path), started.body.name))
      expect(item).toEqual({
        name: started.body.name,
        size: (await stat(join(backupsDirOf(dataDir.path), started.body.name))).size,
        createdAt: manifest.created,
        tables: manifest.tables.length,
        rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
      })
      expect(item!.rows).toBeGreaterThan(200)
    })
    // Nothing half-written is left beside it.
    expect(await readdir(backupsDirOf(dataDir.path))).toEqual([(await list()).items[0]!.name])
  })

  it('the daily backup is a pg-boss schedule in BACKUP_TIMEZONE', async () => {
    const schedules = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ cron: string; timezone: string }>(`SELECT cron, timezone FROM pgboss.schedule WHERE name = 'backup'`)).rows,
    )
    expect(schedules).toEqual([{ cron: '30 3 * * *', timezone: 'Asia/Shanghai' }])
  })

  it('the download is the archive itself, and it is audited', async () => {
    const [item] = (await untilIdle()).items
    const response = await fetch(`${server.url}/api/backups/${item!.name}/download`, { headers: { authorization: `Bearer ${admin}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/gzip')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${item!.name}"`)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.equals(await readFile(join(backupsDirOf(dataDir.path), item!.name)))).toBe(true)

    const audit = await server.api.get<{ items: { action: string; resource: string; resourceId: string }[] }>(
      '/api/audit-logs?resource=backup',
      { token: admin },
    )
    expect(audit.body.items[0]).toMatchObject({ action: 'export', resource: 'backup', resourceId: item!.name })
  })

  it('names are checked strictly: no path leaves the backups folder, unknown archives are 404', async () => {
    for (const name of ['..%2Fjwt-secret', '..%2F..%2Fetc%2Fpasswd', 'kezhi-backup-20250101-000000.tar.gz.partial', '.work-abc']) {
      const response = await server.api.get<ErrorBody>(`/api/backups/${name}/download`, { token: admin })
      expect(response.status, name).toBe(422)
      expect(response.body.details[0]?.field).toBe('name')
    }
    const missing = await server.api.get<ErrorBody>('/api/backups/kezhi-backup-19990101-000000.tar.gz/download', { token: admin })
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('BACKUP_NOT_FOUND')
  })

  it('a manager may not list, start or download backups', async () => {
    const manager = await server.login('manager')
    const [item] = (await untilIdle()).items
    expect((await server.api.get<ErrorBody>('/api/backups', { token: manager })).status).toBe(403)
    expect((await server.api.post<ErrorBody>('/api/backups', { token: manager })).status).toBe(403)
    const download = await server.api.get<ErrorBody>(`/api/backups/${item!.name}/download`, { token: manager })
    expect(download.status).toBe(403)
    expect(download.body.code).toBe('FORBIDDEN')
    expect((await list()).running).toBe(false)
  })

  it('after a backup, archives older than the retention are removed; the newest always stays', async () => {
    const dir = backupsDirOf(dataDir.path)
    const [kept] = (await untilIdle()).items
    const old = ['kezhi-backup-20240101-033000.tar.gz', 'kezhi-backup-20240102-033000.tar.gz']
    const longAgo = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000)
    for (const name of old) {
      await copyFile(join(dir, kept!.name), join(dir, name))
      await utimes(join(dir, name), longAgo, longAgo)
    }
    await writeFile(join(dir, 'notes.txt'), 'not an archive')
    expect((await list()).items.map((item) => item.name)).toEqual([kept!.name, ...old.slice().reverse()])

    const started = await server.api.post<{ name: string }>('/api/backups', { token: admin })
    expect(started.status).toBe(202)
    const after = await untilIdle()
    expect(after.items.map((item) => item.name)).toEqual([started.body.name, kept!.name])
    expect((await readdir(dir)).sort()).toEqual([started.body.name, kept!.name, 'notes.txt'].sort())

    // All of them old (the schedule stopped for weeks): the newest is kept all the same.
    for (const file of await listBackupFiles(dataDir.path)) await utimes(file.path, longAgo, longAgo)
    expect(await applyBackupRetention(dataDir.path, 7)).toEqual([kept!.name])
    expect((await listBackupFiles(dataDir.path)).map((file) => file.name)).toEqual([started.body.name])
  })

  it('a database a server has used but that holds no customers is replaced only when the operator insists (--force)', async () => {
    const [item] = (await untilIdle()).items
    const archivePath = join(backupsDirOf(dataDir.path), item!.name)
    const used = await createTestDatabase()
    const target = await makeTempDir('restore-force')
    try {
      await withDatabaseClient(used.url, (client) =>
        client.query(
          `INSERT INTO users (id, username, password_hash, display_name, role_id, team_id, updated_at)
           VALUES (gen_random_uuid(), 'admin', 'x', '管理员', (SELECT id FROM roles WHERE key = 'admin'), (SELECT id FROM teams WHERE parent_id IS NULL), now())`,
        ),
      )
      const options = { archivePath, databaseUrl: used.url, configuredKey: undefined, migrationsDir: repoPaths.migrationsDir, logger: silentLogger, dataDir: target.path }
      await expect(restoreBackup(options)).rejects.toThrow(/a server has already used this database .* pass --force/)
      const summary = await restoreBackup({ ...options, force: true })
      const manifest = await readManifest(archivePath)
      expect(summary.counts).toEqual(Object.fromEntries(manifest.tables.map((table) => [table.name, table.rows])))
      const customers = await withDatabaseClient(used.url, async (client) => Number((await client.query<{ count: string }>('SELECT count(*) AS count FROM customers')).rows[0]?.count))
      expect(customers).toBe(manifest.tables.find((table) => table.name === 'customers')?.rows)
    } finally {
      await dropDatabase(used.name)
      await target.remove()
    }
  })

  it('an archive of an older version is restored with its own schema, then brought up to date by the newer migrations', async () => {
    // The issue-7 migration (import, export and webhook tables; managers get customer:import) is the newer one here.
    const names = (await readMigrations(repoPaths.migrationsDir)).map((migration) => migration.name)
    const dataInOut = names.indexOf('20261123172556_data_in_out')
    const previous = names[dataInOut - 1]!
    const older = await createTestDatabase({ empty: true })
    const restoredInto = await createTestDatabase({ empty: true })
    const olderDir = await makeTempDir('older-version')
    try {
      await migrate({ databaseUrl: older.url, migrationsDir: repoPaths.migrationsDir, logger: silentLogger, until: previous })
      await writeFile(join(olderDir.path, 'data-key'), `${'44'.repeat(32)}\n`)
      const archive = await createBackup({ databaseUrl: older.url, dataDir: olderDir.path, configuredKey: undefined, timeZone: 'UTC' })
      expect(archive.manifest.migrations.map((migration) => migration.name)).toEqual(names.slice(0, dataInOut))
      const before = await tableContents(older.url)

      const summary = await restoreBackup({
        archivePath: archive.path,
        databaseUrl: restoredInto.url,
        dataDir: join(olderDir.path, 'restored'),
        configuredKey: undefined,
        migrationsDir: repoPaths.migrationsDir,
        logger: silentLogger,
      })
      expect(summary.newerMigrations).toEqual(names.slice(dataInOut))
      const after = await tableContents(restoredInto.url)
      // The newer migrations ran over the restored rows: they record themselves, create their tables and give
      // managers customer:import; everything else is as archived.
      for (const table of Object.keys(before).filter((name) => name !== '_prisma_migrations' && name !== 'roles')) expect(after[table], table).toEqual(before[table])
      const isNewer = (row: string) => names.slice(dataInOut).some((name) => row.includes(name))
      expect(after._prisma_migrations?.filter((row) => !isNewer(row))).toEqual(before._prisma_migrations)
      expect(after._prisma_migrations?.filter(isNewer)).toHaveLength(names.length - dataInOut)
      const manager = (rows: string[] | undefined) => rows?.find((row) => row.includes(',manager,')) ?? ''
      expect(manager(before.roles)).not.toContain('customer:import')
      expect(manager(after.roles)).toBe(manager(before.roles).replace('channel:manage}', 'channel:manage,customer:import}'))
      expect(after.roles?.filter((row) => !row.includes(',manager,'))).toEqual(before.roles?.filter((row) => !row.includes(',manager,')))
      expect(Object.keys(after).length).toBeGreaterThan(Object.keys(before).length)
    } finally {
      await dropDatabase(older.name)
      await dropDatabase(restoredInto.name)
      await olderDir.remove()
    }
  })

  it('a restore refuses a database that holds customers, and a damaged archive, saying why', async () => {
    const [item] = (await untilIdle()).items
    const archivePath = join(backupsDirOf(dataDir.path), item!.name)
    const target = await makeTempDir('restore-target')
    try {
      const options = { archivePath, configuredKey: undefined, migrationsDir: repoPaths.migrationsDir, logger: silentLogger, dataDir: target.path }
      // The live database of this server holds the demo customers.
      await expect(restoreBackup({ ...options, databaseUrl: server.database.url })).rejects.toThrow(/already holds customers/)
      await expect(restoreBackup({ ...options, databaseUrl: server.database.url, force: true })).rejects.toBeInstanceOf(RestoreRefused)

      // One row of customers altered, the manifest left as it was.
      const damaged = join(target.path, 'damaged.tar.gz')
      await rewriteArchive(archivePath, damaged, (name, bytes) => (name === 'data/customers.copy' ? Buffer.from(bytes.toString('utf8').replace('张', '王')) : bytes))
      const empty = await createTestDatabase({ empty: true })
      try {
        const refused = restoreBackup({ ...options, archivePath: damaged, databaseUrl: empty.url })
        await expect(refused).rejects.toBeInstanceOf(ArchiveError)
        await expect(refused).rejects.toThrow(/damaged or was altered: data\/customers\.copy does not match its checksum/)
        // Nothing was touched: no table, no key ring.
        expect(await withDatabaseClient(empty.url, async (client) => (await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`)).rowCount)).toBe(0)
        expect(await readdir(target.path)).toEqual(['damaged.tar.gz'])

        // Cut short (a copy that stopped half-way).
        const whole = await readFile(archivePath)
        await writeFile(join(target.path, 'truncated.tar.gz'), whole.subarray(0, Math.floor(whole.length / 2)))
        await expect(restoreBackup({ ...options, archivePath: join(target.path, 'truncated.tar.gz'), databaseUrl: empty.url })).rejects.toThrow(
          /truncated\.tar\.gz is not a readable Kezhi backup \(\.tar\.gz\): unexpected end of file/,
        )

        // Not an archive at all.
        await writeFile(join(target.path, 'garbage.tar.gz'), 'this is no archive')
        await expect(restoreBackup({ ...options, archivePath: join(target.path, 'garbage.tar.gz'), databaseUrl: empty.url })).rejects.toThrow(
          /is not a readable Kezhi backup/,
        )

        // A DATA_DIR with another key ring would leave the restored phones unreadable.
        const otherKeys = await makeTempDir('other-keys')
        try {
          await writeFile(join(otherKeys.path, 'data-key'), `${'22'.repeat(32)}\n`)
          await expect(restoreBackup({ ...options, dataDir: otherKeys.path, databaseUrl: empty.url })).rejects.toThrow(/another data key than the archive/)
          await expect(restoreBackup({ ...options, configuredKey: '33'.repeat(32), databaseUrl: empty.url })).rejects.toThrow(/DATA_ENCRYPTION_KEY is not one of/)
        } finally {
          await otherKeys.remove()
        }
      } finally {
        await dropDatabase(empty.name)
      }
    } finally {
      await target.remove()
    }
  })
})
