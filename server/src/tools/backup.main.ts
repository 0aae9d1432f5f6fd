import { embeddedDatabaseName } from '../config.js'
import { startEmbeddedPostgres } from '../db/embedded-postgres.js'
import { applyBackupRetention, createBackup } from '../lib/backup.js'
import { formatBytes, hasEmbeddedCluster, print, runningEmbeddedUrl, toolConfig } from './backup-env.js'

/**
 * `pnpm backup`: one archive of the database in DATA_DIR/backups (see lib/backup.ts), then the retention. The
 * database is DATABASE_URL, or the embedded cluster of DATA_DIR: the running server's, or, when none runs, one
 * started for the backup and stopped afterwards. The last line printed is the archive's path.
 */

const { config, logger } = toolConfig()

const main = async () => {
  let databaseUrl = config.databaseUrl
  let stopCluster: () => Promise<void> = async () => undefined
  if (databaseUrl === undefined) {
    databaseUrl = (await runningEmbeddedUrl(config.dataDir)) ?? undefined
    if (databaseUrl === undefined) {
      if (!(await hasEmbeddedCluster(config.dataDir))) {
        throw new Error(`${config.dataDir} holds no database (no embedded PostgreSQL in ${config.dataDir}/pg, DATABASE_URL unset): nothing to back up`)
      }
      print(`no server is running on ${config.dataDir}: starting its embedded PostgreSQL for the backup`)
      const cluster = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, database: embeddedDatabaseName })
      stopCluster = cluster.stop
      databaseUrl = cluster.url(embeddedDatabaseName)
    }
  }
  try {
    const outcome = await createBackup({
      databaseUrl,
      dataDir: config.dataDir,
      configuredKey: config.dataEncryptionKey,
      timeZone: config.dataTransfer.backupTimezone,
      onWaiting: () => print('another backup is running; waiting for it to finish'),
    })
    const rows = outcome.manifest.tables.reduce((sum, table) => sum + table.rows, 0)
    print(`backed up ${outcome.manifest.tables.length} tables, ${rows} rows (${formatBytes(outcome.size)}), snapshot of ${outcome.manifest.created}`)
    const removed = await applyBackupRetention(config.dataDir, config.dataTransfer.backupRetentionDays)
    if (removed.length > 0) print(`removed ${removed.length} archives older than ${config.dataTransfer.backupRetentionDays} days: ${removed.join(', ')}`)
    print('the archive holds the data keys: keep it as secret as the database')
    print(outcome.path)
  } finally {
    await stopCluster()
  }
}

main().catch((error: unknown) => {
  // Exit explicitly: embedded-postgres's exit hook ends the process with 0 on 'beforeExit', whatever exitCode says.
  process.stderr.write(`backup failed: ${error instanceof Error ? error.message : String(error)}\n`, () => process.exit(1))
})
