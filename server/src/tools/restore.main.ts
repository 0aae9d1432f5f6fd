import { resolve } from 'node:path'
import { embeddedDatabaseName, repoPaths } from '../config.js'
import { startEmbeddedPostgres } from '../db/embedded-postgres.js'
import { restoreBackup } from '../lib/backup-restore.js'
import { operatorFolder, print, runningEmbeddedUrl, toolConfig } from './backup-env.js'

/**
 * `pnpm restore <file> [--force]`: restores an archive of `pnpm backup` (or of the console) into an empty
 * database: DATABASE_URL, or the embedded cluster of DATA_DIR (created when missing). Stop the server first.
 * `--force` also replaces a database whose tables hold rows but no customers (a server started on it once).
 */

const usage = 'usage: pnpm restore <kezhi-backup-….tar.gz> [--force]'
const { config, logger } = toolConfig()

const main = async () => {
  const args = process.argv.slice(2)
  const force = args.includes('--force')
  const files = args.filter((arg) => arg !== '--force')
  if (files.length !== 1 || files[0]!.startsWith('-')) {
    process.stderr.write(`${usage}\n`, () => process.exit(2))
    return
  }
  const archivePath = resolve(operatorFolder(), files[0]!)

  let databaseUrl = config.databaseUrl
  let stopCluster: () => Promise<void> = async () => undefined
  if (databaseUrl === undefined) {
    if ((await runningEmbeddedUrl(config.dataDir)) !== null) {
      throw new Error(`a server is running on ${config.dataDir}: stop it before restoring`)
    }
    print(`starting the embedded PostgreSQL of ${config.dataDir} (created when missing)`)
    const cluster = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, database: embeddedDatabaseName })
    stopCluster = cluster.stop
    databaseUrl = cluster.url(embeddedDatabaseName)
  }
  try {
    const summary = await restoreBackup({
      archivePath,
      databaseUrl,
      dataDir: config.dataDir,
      configuredKey: config.dataEncryptionKey,
      migrationsDir: repoPaths.migrationsDir,
      logger,
      force,
      onStep: (message) => print(`  ${message}`),
    })
    print(`restored ${summary.tables} tables, ${summary.rows} rows (snapshot of ${summary.created}); every row count verified`)
    if (summary.newerMigrations.length > 0) print(`brought up to date with ${summary.newerMigrations.length} newer migrations`)
    print(summary.keyRing === 'written' ? `data key ring written to ${config.dataDir}/data-keys.json` : 'the data key ring in DATA_DIR is the archive\'s')
    print('start the server on this DATA_DIR / DATABASE_URL; everyone signs in again')
  } finally {
    await stopCluster()
  }
}

main().catch((error: unknown) => {
  // Exit explicitly: embedded-postgres's exit hook ends the process with 0 on 'beforeExit', whatever exitCode says.
  process.stderr.write(`restore failed: ${error instanceof Error ? error.message : String(error)}\n`, () => process.exit(1))
})
