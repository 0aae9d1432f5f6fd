import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import { embeddedDatabaseName, readConfig, repoPaths } from '../config.js'
import { startEmbeddedPostgres } from '../db/embedded-postgres.js'
import { migrate } from '../db/migrate.js'
import { rotateDataKeys } from './keys-rotate.js'

/**
 * `pnpm keys:rotate`: the same environment as the server (DATA_DIR, DATABASE_URL, DATA_ENCRYPTION_KEY). Without
 * DATABASE_URL it reaches the embedded cluster of DATA_DIR: the one a running server started (port and password in
 * DATA_DIR/embedded-postgres.json), or, when no server runs, one it starts for itself and stops afterwards.
 */

const log = (message: string) => process.stdout.write(`${message}\n`)

// pnpm runs package scripts in the package's folder; a relative DATA_DIR means the folder the operator typed it in.
const env = { ...process.env }
if (env.DATA_DIR !== undefined && env.DATA_DIR.trim() !== '' && env.INIT_CWD !== undefined) env.DATA_DIR = resolve(env.INIT_CWD, env.DATA_DIR)
const config = readConfig(env)
const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel })

const runningEmbeddedUrl = async (): Promise<string | null> => {
  const text = await readFile(join(config.dataDir, 'embedded-postgres.json'), 'utf8').catch(() => null)
  if (text === null) return null
  const { port, password } = JSON.parse(text) as { port: number; password: string }
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${embeddedDatabaseName}`
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 })
  const reachable = await client.connect().then(
    () => true,
    () => false,
  )
  await client.end().catch(() => undefined)
  return reachable ? url : null
}

const main = async () => {
  let databaseUrl = config.databaseUrl
  let stopCluster: () => Promise<void> = async () => undefined
  // Only a server sharing the database may still seal with the previous key for a few seconds.
  let serverMayRun = true
  if (databaseUrl === undefined) {
    databaseUrl = (await runningEmbeddedUrl()) ?? undefined
    if (databaseUrl === undefined) {
      log(`no server is running on ${config.dataDir}: starting its embedded PostgreSQL for the rotation`)
      const cluster = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, database: embeddedDatabaseName })
      stopCluster = cluster.stop
      serverMayRun = false
      databaseUrl = cluster.url(embeddedDatabaseName)
      // A cluster no server has used yet has no tables; the migrations give it the ones the rotation reads.
      await migrate({ databaseUrl, migrationsDir: repoPaths.migrationsDir, logger })
    } else {
      log('reaching the embedded PostgreSQL of the running server')
    }
  }
  try {
    const outcome = await rotateDataKeys({
      databaseUrl,
      dataDir: config.dataDir,
      configuredKey: config.dataEncryptionKey,
      ...(serverMayRun ? {} : { settleMs: 0 }),
      onProgress: ({ table, done, remaining }) => log(`${table}: ${done} re-encrypted, ${remaining} left`),
    })
    log(`data key ${outcome.keyId} is current (previous ${outcome.previousKeyId}, kept readable in ${join(config.dataDir, 'data-keys.json')})`)
    for (const [table, count] of Object.entries(outcome.resealed)) log(`  ${table}: ${count} values re-encrypted`)
    log('back up data-keys.json together with the database; every key in it is still needed for older backups')
  } finally {
    await stopCluster()
  }
}

main().catch((error: unknown) => {
  // process.exit, not exitCode: embedded-postgres's exit hook ends the process with 0 otherwise.
  process.stderr.write(`keys:rotate failed: ${error instanceof Error ? error.message : String(error)}\n`, () => process.exit(1))
})
