import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { noFilters, openSchemaEngine, readSchema } from '@kezhi/prisma/schema-engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoPaths } from '../config.js'
import { createTestDatabase, dropDatabase, silentLogger, withDatabaseClient } from '../test/support.js'
import { migrate, readMigrations } from './migrate.js'

describe('database migrations', () => {
  let database: { name: string; url: string }
  let firstRun: string[]

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true })
    firstRun = await migrate({ databaseUrl: database.url, migrationsDir: repoPaths.migrationsDir, logger: silentLogger })
  })
  afterAll(() => dropDatabase(database.name))

  it('applied to an empty database, they build exactly the schema in schema.prisma', async () => {
    // The engine reaches the live database through the driver adapter it was opened with: `schemaDatasource`
    // means "the database the schema's datasource points at", here the freshly migrated one.
    const engine = await openSchemaEngine(database.url)
    const schema = await readSchema()
    const { stdout } = await engine.diff({
      from: { tag: 'schemaDatasource', files: [schema], configDir: repoPaths.migrationsDir },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    })
    expect(stdout?.replace(/^-- This is an empty migration\.\s*$/, '').trim()).toBe('')

    // The same comparison against a database without migrations is not empty: the live database is what
    // was read, so the empty result above means something.
    const unmigrated = await createTestDatabase({ empty: true })
    try {
      const control = await (await openSchemaEngine(unmigrated.url)).diff({
        from: { tag: 'schemaDatasource', files: [schema], configDir: repoPaths.migrationsDir },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: null,
        filters: noFilters,
      })
      expect(control.stdout).toContain('CREATE TABLE "customers"')
    } finally {
      await dropDatabase(unmigrated.name)
    }
  })

  it('are recorded in _prisma_migrations the way prisma migrate deploy records them', async () => {
    const migrations = await readMigrations(repoPaths.migrationsDir)
    expect(firstRun).toEqual(migrations.map((migration) => migration.name))
    const rows = await withDatabaseClient(database.url, async (client) =>
      (await client.query('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows,
    )
    for (const [index, migration] of migrations.entries()) {
      const sql = await readFile(join(repoPaths.migrationsDir, migration.name, 'migration.sql'))
      expect(rows[index]).toMatchObject({
        migration_name: migration.name,
        checksum: createHash('sha256').update(sql).digest('hex'),
        applied_steps_count: 1,
        rolled_back_at: null,
        logs: null,
      })
      expect(rows[index].id).toMatch(/^[0-9a-f-]{36}$/)
      expect(rows[index].finished_at).toBeInstanceOf(Date)
    }
  })

  it('are never applied twice, even when two servers start at the same moment', async () => {
    const run = () => migrate({ databaseUrl: database.url, migrationsDir: repoPaths.migrationsDir, logger: silentLogger })
    expect(await Promise.all([run(), run()])).toEqual([[], []])

    const fresh = await createTestDatabase({ empty: true })
    try {
      const runFresh = () => migrate({ databaseUrl: fresh.url, migrationsDir: repoPaths.migrationsDir, logger: silentLogger })
      const results = await Promise.all([runFresh(), runFresh()])
      expect(results.flat()).toEqual(firstRun)
      const count = await withDatabaseClient(fresh.url, async (client) =>
        Number((await client.query('SELECT count(*) FROM "_prisma_migrations"')).rows[0].count),
      )
      expect(count).toBe(firstRun.length)
    } finally {
      await dropDatabase(fresh.name)
    }
  })
})
