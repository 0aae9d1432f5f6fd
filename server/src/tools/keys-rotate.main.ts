import { join } from 'node:path'
import { embeddedDatabaseName, repoPaths } from '../config.js'
import { startEmbeddedPostgres } from '../db/embedded-postgres.js'
import { migrate } from '../db/migrate.js'
import { print, runningEmbeddedUrl, toolConfig } from './backup-env.js'
import { rotateDataKeys } from './keys-rotate.js'

/**
 * `pnpm keys:rotate`: the same environment as the server (DATA_DIR, DATABASE_URL, DATA_ENCRYPTION_KEY). Without
 * DATABASE_URL it reaches the embedded cluster of DATA_DIR: the one a running server started (port and password in
 * DATA_DIR/embedded-postgres.json), or, when no server runs, one it starts for itself and stops afterwards.
 */

const { config, logger } = toolConfig()

const main = async () => {
  let databaseUrl = config.databaseUrl
  let stopCluster: () => Promise<void> = async () => undefined
  // Only a server sharing the database may still seal with the previous key for a few seconds.
  let serverMayRun = true
  if (databaseUrl === undefined) {
    databaseUrl = (await runningEmbeddedUrl(config.dataDir)) ?? undefined
    if (databaseUrl === undefined) {
      print(`no server is running on ${config.dataDir}: starting its embedded PostgreSQL for the rotation`)
      const cluster = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, database: embeddedDatabaseName })
      stopCluster = cluster.stop
      serverMayRun = false
      databaseUrl = cluster.url(embeddedDatabaseName)
      // A cluster no server has used yet has no tables; the migrations give it the ones the rotation reads.
      await migrate({ databaseUrl, migrationsDir: repoPaths.migrationsDir, logger })
    } else {
      print('reaching the embedded PostgreSQL of the running server')
    }
  }
  try {
    const outcome = await rotateDataKeys({
      databaseUrl,
      dataDir: config.dataDir,
      configuredKey: config.dataEncryptionKey,
      ...(serverMayRun ? {} : { settleMs: 0 }),
      onProgress: ({ table, done, remaining }) => print(`${table}: ${done} re-encrypted, ${remaining} left`),
    })
    print(`data key ${outcome.keyId} is current (previous ${outcome.previousKeyId}, kept readable in ${join(config.dataDir, 'data-keys.json')})`)
    for (const [table, count] of Object.entries(outcome.resealed)) print(`  ${table}: ${count} values re-encrypted`)
    print('back up data-keys.json together with the database; every key in it is still needed for older backups')
  } finally {
    await stopCluster()
  }
}

main().catch((error: unknown) => {
  // process.exit, not exitCode: embedded-postgres's exit hook ends the process with 0 otherwise.
  process.stderr.write(`keys:rotate failed: ${error instanceof Error ? error.message : String(error)}\n`, () => process.exit(1))
})
