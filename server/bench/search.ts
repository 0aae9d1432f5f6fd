import { rm, mkdir, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { destination, pino } from 'pino'
import { readConfig, repoRoot, repoPaths } from '../src/config.js'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js'
import { migrate } from '../src/db/migrate.js'
import { createDataCipher } from '../src/lib/crypto.js'
import { startServer } from '../src/server.js'
import { buildDatabase } from './search/build.js'
import { measureQueries } from './search/measure.js'
import { databaseFacts, machineFacts, renderReport } from './search/report.js'

/**
 * `pnpm bench:search`: builds a database of 1,000,000 customers and 3,000,000 orders in .bench/search, then runs
 * the search mix through the HTTP API and as the same SQL directly, and writes benchmarks/search.md.
 * BENCH_CUSTOMERS, BENCH_ORDERS, BENCH_WARMUP and BENCH_REQUESTS shrink it for a quick try (the report then says so);
 * BENCH_DATA_DIR puts the database elsewhere.
 */

const numberFromEnv = (name: string, fallback: number) => {
  const value = process.env[name]
  return value === undefined || value === '' ? fallback : Number.parseInt(value, 10)
}

const customers = numberFromEnv('BENCH_CUSTOMERS', 1_000_000)
const orders = numberFromEnv('BENCH_ORDERS', customers * 3)
const warmup = numberFromEnv('BENCH_WARMUP', 20)
const measured = numberFromEnv('BENCH_REQUESTS', 120)

// Fixed secrets: the data must be the same on every run, and nothing here protects real data.
const dataEncryptionKey = 'b3e1c0de'.repeat(8)
const staffPassword = 'bench-search-password'
const databaseName = 'kezhi'

// Settings for the build only (bulk load, nothing to lose on a crash); measurements run on the product's defaults.
const buildServerSettings = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '16GB',
  checkpoint_timeout: '1h',
  autovacuum: 'off',
  shared_buffers: '2GB',
}

const log = (message: string) => console.log(message)

const main = async () => {
  const dataDir = process.env.BENCH_DATA_DIR === undefined ? resolve(repoRoot, '.bench', 'search') : resolve(process.env.BENCH_DATA_DIR)
  const logger = pino({ level: 'info' }, destination({ dest: join(resolve(repoRoot, '.bench'), 'search-server.log'), mkdir: true, sync: false }))
  const runStarted = performance.now()
  await rm(dataDir, { recursive: true, force: true })
  await mkdir(dataDir, { recursive: true })
  const cipher = createDataCipher(Buffer.from(dataEncryptionKey, 'hex'))

  log(`building ${customers} customers and ${orders} orders in ${dataDir}`)
  const buildStarted = performance.now()
  const buildLoad = loadavg()[0] ?? 0
  const building = await startEmbeddedPostgres({ dataDir, logger, database: databaseName, settings: buildServerSettings })
  let build
  try {
    await migrate({ databaseUrl: building.url(databaseName), migrationsDir: repoPaths.migrationsDir, logger })
    build = await buildDatabase({
      databaseUrl: building.url(databaseName),
      dataKeyHex: dataEncryptionKey,
      partitions: 2,
      customers,
      orders,
      staffPassword,
      log,
    })
  } finally {
    await building.stop()
  }
  const buildSeconds = (performance.now() - buildStarted) / 1000
  log(`database built in ${buildSeconds.toFixed(0)} s`)

  // Same cluster, started again the way the product starts it.
  const cluster = await startEmbeddedPostgres({ dataDir, logger, database: databaseName })
  try {
    const databaseUrl = cluster.url(databaseName)
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      databaseUrl,
      adminUsername: 'admin',
      // The benchmark signs in once per query kind; no reason to slow it down.
      authRateLimitPerMinute: 10_000,
      publicRateLimitPerMinute: 10_000,
      deviceRateLimitPerMinute: 10_000,
      formTokenTtlSeconds: 1800,
      publicBaseUrl: undefined,
      wechat: undefined,
      dataTransfer: readConfig({}).dataTransfer,
      adminPassword: staffPassword,
      seedDemo: false,
      demoPassword: undefined,
      jwtSecret: 'bench-search-jwt-secret-0123456789abcdef',
      dataEncryptionKey,
      logLevel: 'info',
      logger,
      frontEnds: { adminWebDist: join(dataDir, 'no-admin-web'), intakeH5Dist: join(dataDir, 'no-h5') },
    })
    try {
      log(`server on ${server.url}; ${warmup} warm-up and ${measured} measured requests per query, as admin`)
      const measureOptions = {
        baseUrl: server.url,
        databaseUrl,
        cipher,
        reference: build.reference,
        sampled: build.sampled,
        username: 'admin',
        password: staffPassword,
        warmup,
        measured,
        deepOffset: Math.min(100_000, Math.floor(customers / 10)),
        logger,
        log,
      }
      const measureLoad = loadavg()[0] ?? 0
      const figures = await measureQueries(measureOptions)
      const report = renderReport({
        machine: await machineFacts(databaseUrl),
        database: await databaseFacts(databaseUrl),
        build,
        buildSeconds,
        figures,
        scale: { customers, orders, warmup, measured },
        runSeconds: (performance.now() - runStarted) / 1000,
        load: { build: buildLoad, measure: measureLoad, end: loadavg()[0] ?? 0 },
      })
      await mkdir(resolve(repoRoot, 'benchmarks'), { recursive: true })
      await writeFile(resolve(repoRoot, 'benchmarks', 'search.md'), report.markdown)
      log('')
      log(report.table)
      log(`\nwrote benchmarks/search.md (whole run ${((performance.now() - runStarted) / 1000).toFixed(0)} s)`)
    } finally {
      await server.close()
    }
  } finally {
    await cluster.stop()
    logger.flush()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
