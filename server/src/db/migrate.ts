import { createHash, randomUUID } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import type { Logger } from 'pino'

// The same key `prisma migrate deploy` locks, so our migrator and the Prisma CLI never run at once.
const migrationLockKey = 72707369

// The table `prisma migrate deploy` keeps; identical so either tool can take over a database.
const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

export interface MigrationFile {
  name: string
  sql: string
  checksum: string
}

export const readMigrations = async (migrationsDir: string): Promise<MigrationFile[]> => {
  const entries = await readdir(migrationsDir, { withFileTypes: true })
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
}

interface AppliedRow {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
}

/**
 * Applies the migrations in `migrationsDir` that the database has not seen, in name order, each in its own
 * transaction. Returns the names applied now.
 */
export const migrate = async (options: {
  databaseUrl: string
  migrationsDir: string
  logger: Logger
  /** The last migration to apply (a restore recreates the schema an archive was made with, then its data). */
  until?: string
}): Promise<string[]> => {
  const { logger } = options
  const migrations = await readMigrations(options.migrationsDir)
  const client = new pg.Client({ connectionString: options.databaseUrl })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey])
    await client.query(createMigrationsTable)
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    )
    const failed = rows.filter((row) => row.finished_at === null)
    if (failed.length > 0) {
      // Left by `prisma migrate deploy` after a failure; its own tooling (`prisma migrate resolve`) must settle it.
      throw new Error(`migration ${failed.map((row) => row.migration_name).join(', ')} failed earlier and is unresolved`)
    }
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]))
    for (const migration of migrations) {
      const checksum = applied.get(migration.name)
      if (checksum !== undefined && checksum !== migration.checksum) {
        logger.warn({ migration: migration.name }, 'an applied migration was edited afterwards; it is not applied again')
      }
    }

    const { until } = options
    const pending = migrations.filter((migration) => !applied.has(migration.name) && (until === undefined || migration.name <= until))
    for (const migration of pending) {
      logger.info({ migration: migration.name }, 'applying migration')
      // A failed migration rolls back completely (PostgreSQL DDL is transactional) and leaves no row behind,
      // so fixing it and starting again is safe.
      await client.query('BEGIN')
      try {
        const id = randomUUID()
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
          [id, migration.checksum, migration.name],
        )
        await client.query(migration.sql)
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        )
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new Error(`migration ${migration.name} failed`, { cause: error })
      }
    }
    return pending.map((migration) => migration.name)
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined)
    await client.end()
  }
}
