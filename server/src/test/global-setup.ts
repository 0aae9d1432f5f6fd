import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import type { TestProject } from 'vitest/node'
import { repoPaths } from '../config.js'
import { startEmbeddedPostgres } from '../db/embedded-postgres.js'
import { migrate } from '../db/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to a maintenance database on the test PostgreSQL server. */
    adminDatabaseUrl: string
    /** A migrated database that test databases are copied from. */
    templateDatabase: string
    /** Prefix of every database this run creates. */
    databasePrefix: string
  }
}

const withClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

const databaseUrl = (base: string, database: string) => {
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set, otherwise an embedded cluster in a temporary
 * directory. The migrations are applied once to a template database; each test file copies it.
 */
export default async function setup(project: TestProject) {
  const logger = pino({ level: 'silent' })
  const prefix = `kezhi_test_${randomBytes(4).toString('hex')}`
  let adminUrl = process.env.DATABASE_URL
  let stopCluster = async () => undefined
  if (adminUrl === undefined || adminUrl === '') {
    const dataDir = await mkdtemp(join(tmpdir(), 'kezhi-test-pg-'))
    await chmod(dataDir, 0o755)
    const cluster = await startEmbeddedPostgres({
      dataDir,
      logger,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    })
    adminUrl = cluster.url('postgres')
    stopCluster = async () => {
      await cluster.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  }

  const template = `${prefix}_template`
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${template}"`))
  await migrate({ databaseUrl: databaseUrl(adminUrl, template), migrationsDir: repoPaths.migrationsDir, logger })

  project.provide('adminDatabaseUrl', adminUrl)
  project.provide('templateDatabase', template)
  project.provide('databasePrefix', prefix)

  return async () => {
    const admin = adminUrl
    await withClient(admin, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`${prefix}%`],
      )
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    })
    await stopCluster()
  }
}
