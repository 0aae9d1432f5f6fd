import { readdir, stat } from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { repoPaths } from '../../config.js'
import { createBackup, type BackupOutcome } from '../../lib/backup.js'
import { restoreBackup } from '../../lib/backup-restore.js'
import { startServer, type RunningServer } from '../../server.js'
import {
  createApi,
  databaseUrlFor,
  dropDatabase,
  makeTempDir,
  silentLogger,
  startTestServer,
  testAdminPassword,
  testServerOptions,
  withDatabaseClient,
  type Api,
  type TestServer,
} from '../../test/support.js'
import { freshMobile } from '../customers/customers.test-support.js'
import {
  customersThroughApi,
  exportEverything,
  fillEveryTable,
  jpegWithEveryByte,
  leaveFeedbackWithPhoto,
  publicTableNames,
  sequenceStates,
  tableContents,
} from './backups.test-support.js'

const adminUrl = () => inject('adminDatabaseUrl')

/** Drops a database and creates it again, empty (template0), under the same name. */
const recreateEmpty = async (name: string, owner?: string) => {
  await dropDatabase(name)
  await withDatabaseClient(adminUrl(), (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE template0${owner === undefined ? '' : ` OWNER "${owner}"`}`),
  )
}

const signIn = async (api: Api): Promise<string> => {
  const response = await api.post<{ accessToken: string }>('/api/auth/login', { body: { username: 'admin', password: testAdminPassword } })
  if (response.status !== 200) throw new Error(`admin sign-in answered ${response.status}`)
  return response.body.accessToken
}

describe('the restore drill: back up a busy installation, lose everything, restore, and find it all again', () => {
  const cleanups: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  })

  let original: TestServer
  let archive: BackupOutcome
  let before: Record<string, string[]>
  let sequencesBefore: Record<string, string | null>

  it('every table, every byte and every API answer come back on a new database and a new DATA_DIR', async () => {
    const originalDir = await makeTempDir('drill-original')
    cleanups.push(originalDir.remove)
    original = await startTestServer({ dataDir: originalDir.path })
    cleanups.push(() => dropDatabase(original.database.name))
    const admin = await original.login('admin')
    await fillEveryTable(original, admin, freshMobile)

    const tables = await publicTableNames(original.database.url)
    const emptyTables = []
    for (const [table, rows] of Object.entries(await tableContents(original.database.url))) if (rows.length === 0) emptyTables.push(table)
    expect(emptyTables).toEqual([])
    expect(tables.length).toBeGreaterThan(40)

    const apiBefore = await customersThroughApi(original.api, admin)
    const exportBefore = await exportEverything(original.api, admin)
    expect(Array.isArray(exportBefore) ? exportBefore.length : null).toBe(apiBefore.list.length)
    // Nothing writes once the server is gone: what is compared is exactly what was backed up.
    await original.close()
    before = await tableContents(original.database.url)
    sequencesBefore = await sequenceStates(original.database.url)
    const photoBefore = await withDatabaseClient(original.database.url, async (client) =>
      (await client.query<{ data: Buffer }>('SELECT data FROM feedback_photos WHERE byte_size = $1', [jpegWithEveryByte.length])).rows[0]?.data,
    )
    expect(photoBefore).toEqual(jpegWithEveryByte)

    archive = await createBackup({ databaseUrl: original.database.url, dataDir: originalDir.path, configuredKey: undefined, timeZone: 'Asia/Shanghai' })
    expect(archive.name).toMatch(/^kezhi-backup-\d{8}-\d{6}\.tar\.gz$/)
    expect((await stat(archive.path)).mode & 0o777).toBe(0o600)
    expect(archive.manifest.tables.map((table) => table.name).sort()).toEqual(tables)
    expect(archive.manifest.tables.find((table) => table.name === 'customers')?.rows).toBe(before.customers?.length)

    // The disaster: the database and the data directory are gone.
    await recreateEmpty(original.database.name)
    const restoredDir = await makeTempDir('drill-restored')
    cleanups.push(restoredDir.remove)
    const summary = await restoreBackup({
      archivePath: archive.path,
      databaseUrl: original.database.url,
      dataDir: restoredDir.path,
      configuredKey: undefined,
      migrationsDir: repoPaths.migrationsDir,
      logger: silentLogger,
    })
    expect(summary).toMatchObject({ tables: tables.length, triggers: 'replica', keyRing: 'written', newerMigrations: [] })
    expect(await readdir(restoredDir.path)).toEqual(['data-keys.json'])
    expect((await stat(`${restoredDir.path}/data-keys.json`)).mode & 0o777).toBe(0o600)

    const after = await tableContents(original.database.url)
    for (const table of tables) expect(after[table], table).toEqual(before[table])
    expect(await sequenceStates(original.database.url)).toEqual(sequencesBefore)

    // The server starts on what the restore left and answers exactly as before.
    const restored: RunningServer = await startServer(testServerOptions({ dataDir: restoredDir.path, databaseUrl: original.database.url }))
    cleanups.push(restored.close)
    const api = createApi(restored.url)
    const token = await signIn(api)
    expect(await customersThroughApi(api, token)).toEqual(apiBefore)
    expect(await exportEverything(api, token)).toEqual(exportBefore)

    // Numbering goes on where it stopped: the next feedback takes the next number.
    const number = await leaveFeedbackWithPhoto({ api, url: restored.url }, token, freshMobile())
    expect(number).toBe(Number(sequencesBefore.feedback_number_seq) + 1)
  }, 300_000)

  it('a database owned by an ordinary role (no superuser) is restored too, its triggers switched off table by table', async () => {
    const role = `kezhi_owner_${Math.random().toString(36).slice(2, 8)}`
    await withDatabaseClient(adminUrl(), (client) => client.query(`CREATE ROLE "${role}" LOGIN PASSWORD 'owner-password-1'`))
    const name = `${inject('databasePrefix')}_${role}`
    await recreateEmpty(name, role)
    cleanups.push(async () => {
      await dropDatabase(name)
      await withDatabaseClient(adminUrl(), (client) => client.query(`DROP ROLE IF EXISTS "${role}"`))
    })
    const url = new URL(databaseUrlFor(name))
    url.username = role
    url.password = 'owner-password-1'
    const dataDir = await makeTempDir('drill-owner')
    cleanups.push(dataDir.remove)

    const summary = await restoreBackup({
      archivePath: archive.path,
      databaseUrl: url.toString(),
      dataDir: dataDir.path,
      configuredKey: undefined,
      migrationsDir: repoPaths.migrationsDir,
      logger: silentLogger,
    })
    expect(summary.triggers).toBe('disabled')
    const after = await tableContents(url.toString())
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table])
    expect(await sequenceStates(url.toString())).toEqual(sequencesBefore)
    // The triggers are back on afterwards: the audit log refuses changes again.
    await expect(withDatabaseClient(url.toString(), (client) => client.query('DELETE FROM audit_logs'))).rejects.toThrow()
  }, 120_000)
})
