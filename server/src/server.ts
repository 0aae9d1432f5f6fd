import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import type { Logger } from 'pino'
import { createAccess } from './access/index.js'
import { createAccessTokens } from './auth/access-tokens.js'
import { ensureAdmin } from './auth/bootstrap.js'
import { resolveJwtSecret } from './auth/jwt-secret.js'
import { createRefreshTokens } from './auth/refresh-tokens.js'
import { embeddedDatabaseName, repoPaths, type Config } from './config.js'
import { startEmbeddedPostgres } from './db/embedded-postgres.js'
import { migrate } from './db/migrate.js'
import { createDatabase } from './db/prisma.js'
import { createApp } from './http/app.js'
import { keyRingRefreshMs, openDataCipher } from './lib/crypto.js'
import { createLogger } from './logger.js'
import { startJobs } from './jobs/boss.js'
import { createAuthService } from './modules/auth/auth.service.js'
import { createCustomersService } from './modules/customers/customers.service.js'
import { createHealthService } from './modules/health/health.service.js'
import { createMfa } from './auth/mfa.js'
import type { RateLimitOptions } from './http/rate-limit.js'
import { createAccountService } from './modules/account/account.service.js'
import { createWechat } from './lib/wechat.js'
import { createChannelTokens } from './lib/channel-tokens.js'
import { scheduleHousekeeping } from './jobs/housekeeping.js'
import { createChannelsService } from './modules/channels/channels.service.js'
import { createPublicIntakeService } from './modules/public-intake/public-intake.service.js'
import { createMeService } from './modules/me/me.service.js'
import { createWechatService } from './modules/wechat/wechat.service.js'
import { createApiKeysService } from './modules/api-keys/api-keys.service.js'
import { createSecuritySettingsService } from './modules/security-settings/security-settings.service.js'
import { createRelatedServices } from './modules/related.js'
import { createFeedbackService } from './modules/feedback/feedback.service.js'
import { ensureDefaultSettings } from './seed/defaults.js'
import { seedDemoData, type SeedOutcome } from './seed/demo.js'
import { createDataTransferServices } from './modules/data-transfer.js'
import { catchUpSearchTerms } from './modules/customers/customers.search-upkeep.js'
import { collectGarbage } from './lib/memory.js'

export interface ServerOptions extends Config {
  logger?: Logger
  /** Where the built front ends are; defaults to their places in this repository. */
  frontEnds?: { adminWebDist: string; intakeH5Dist: string }
  migrationsDir?: string
  /** Extra settings for an embedded PostgreSQL (tests turn fsync off). */
  embeddedPostgresSettings?: Record<string, string>
  /** Per-IP request limits of the sign-in steps and public endpoints (tests change them). */
  rateLimits?: Partial<RateLimitOptions>
}

export interface RunningServer {
  url: string
  port: number
  databaseUrl: string
  appliedMigrations: string[]
  seed: SeedOutcome | 'disabled'
  close(): Promise<void>
}

const urlFor = (host: string, port: number) => {
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${port}`
}

/**
 * Starts everything the CRM needs, in order: database (embedded unless DATABASE_URL is given), migrations,
 * administrator, demo data, job queue, HTTP. `close()` stops them in reverse order.
 */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const logger = options.logger ?? createLogger(options.logLevel)
  // Stops what has started so far, newest first; also used when start-up fails halfway.
  const stoppers: { name: string; stop: () => Promise<void> }[] = []
  const stopAll = async () => {
    for (const { name, stop } of stoppers.splice(0).reverse()) {
      await stop().catch((error: unknown) => logger.error({ err: error }, `failed to stop ${name}`))
    }
  }

  try {
    let databaseUrl = options.databaseUrl
    if (databaseUrl === undefined) {
      const embedded = await startEmbeddedPostgres({
        dataDir: options.dataDir,
        logger,
        database: embeddedDatabaseName,
        settings: options.embeddedPostgresSettings,
      })
      stoppers.push({ name: 'embedded PostgreSQL', stop: embedded.stop })
      databaseUrl = embedded.url(embeddedDatabaseName)
    }

    const appliedMigrations = await migrate({
      databaseUrl,
      migrationsDir: options.migrationsDir ?? repoPaths.migrationsDir,
      logger,
    })
    if (appliedMigrations.length > 0) logger.info({ migrations: appliedMigrations }, 'database migrated')

    // Resolved before anything touches personal data, so a bad key stops the start instead of a request.
    const cipher = await openDataCipher(options.dataEncryptionKey, options.dataDir)
    // `pnpm keys:rotate` adds a key in another process; new values must be sealed with it within seconds.
    const keyRingRefresh = setInterval(() => {
      cipher.refresh().catch((error: unknown) => logger.error({ err: error }, 'could not re-read the data key ring'))
    }, keyRingRefreshMs)
    keyRingRefresh.unref()
    stoppers.push({ name: 'key ring refresh', stop: async () => clearInterval(keyRingRefresh) })
    const database = createDatabase(databaseUrl, logger)
    const { db } = database
    stoppers.push({ name: 'database client', stop: database.close })

    await ensureAdmin(db, { username: options.adminUsername, password: options.adminPassword }, logger)
    await ensureDefaultSettings(db)
    const seed = options.seedDemo ? await seedDemoData(db, cipher, { demoPassword: options.demoPassword }, logger) : 'disabled'
    const caughtUp = await catchUpSearchTerms(db, cipher)
    if (caughtUp.customers + caughtUp.phones > 0) logger.info(caughtUp, 'search terms brought up to date')

    const jobs = await startJobs(databaseUrl, logger)
    stoppers.push({ name: 'job queue', stop: jobs.stop })


    const jwtSecret = await resolveJwtSecret(options.jwtSecret, options.dataDir)
    const accessTokens = createAccessTokens(jwtSecret)
    // Channel and form tokens are signed with keys derived from the same secret (each with its own purpose).
    const channelTokens = createChannelTokens(jwtSecret, options.formTokenTtlSeconds)
    const refreshTokens = createRefreshTokens(db)
    const access = createAccess(db, cipher, database.run)
    const mfa = createMfa({ db, cipher })
    // One client for the whole server, so WeChat's access token is fetched once and shared until it expires.
    const wechat = options.wechat === undefined ? undefined : createWechat(options.wechat)
    const auth = createAuthService({ db, accessTokens, refreshTokens, mfa })
    const customers = createCustomersService({ db, access: access.customers, cipher })
    const dataTransfer = createDataTransferServices({
      db, cipher, access: access.customers, customers, boss: jobs.boss, logger, dataDir: options.dataDir, databaseUrl,
      dataEncryptionKey: options.dataEncryptionKey,
      config: options.dataTransfer,
    })
    for (const [name, work] of Object.entries(dataTransfer)) {
      await work.start()
      // Stopped before the job queue (pushed later, so stopped earlier).
      stoppers.push({ name, stop: () => work.stop() })
    }
    await scheduleHousekeeping(jobs.boss, db, logger, [{ name: 'exportFiles', run: () => dataTransfer.exports.purgeExpiredFiles() }])
    const app = createApp({
      db,
      logger,
      accessTokens,
      rateLimits: {
        auth: { limit: options.authRateLimitPerMinute, windowSeconds: 60 },
        public: { limit: options.publicRateLimitPerMinute, windowSeconds: 60 },
        device: { limit: options.deviceRateLimitPerMinute, windowSeconds: 60 },
        ...options.rateLimits,
      },
      corsOrigins: options.corsOrigins,
      trustProxy: options.trustProxy,
      services: {
        auth,
        wechat: createWechatService({ db, auth, wechat }),
        me: createMeService({ access: access.customers, cipher }),
        account: createAccountService({ db, mfa, refreshTokens }),
        securitySettings: createSecuritySettingsService({ db }),
        apiKeys: createApiKeysService({ db }),
        customers,
        health: createHealthService(db),
        ...createRelatedServices({ db, access: access.customers, cipher }),
        feedback: createFeedbackService({ db, cipher, customers: access.customers }),
        channels: createChannelsService({ db, tokens: channelTokens, wechat, publicBaseUrl: options.publicBaseUrl }),
        publicIntake: createPublicIntakeService({ db, cipher, tokens: channelTokens, customers }),
        ...dataTransfer,
      },
      frontEnds: options.frontEnds ?? { adminWebDist: repoPaths.adminWebDist, intakeH5Dist: repoPaths.intakeH5Dist },
    })

    const httpServer = createServer(app)
    httpServer.listen(options.port, options.host)
    await once(httpServer, 'listening')
    stoppers.push({
      name: 'HTTP server',
      stop: async () => {
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()))
        httpServer.closeIdleConnections()
        // Requests still running after a grace period are cut so shutdown cannot hang on a slow client.
        const force = setTimeout(() => httpServer.closeAllConnections(), 5_000)
        await closed
        clearTimeout(force)
      },
    })

    const { port } = httpServer.address() as AddressInfo
    const url = urlFor(options.host, port)
    logger.info({ url }, `Kezhi CRM is running at ${url}`)
    // Migrations, seeding and building the API document leave tens of MiB of garbage V8 would keep for a long time.
    collectGarbage()

    let closing: Promise<void> | undefined
    return {
      url,
      port,
      databaseUrl,
      appliedMigrations,
      seed,
      close: () => (closing ??= stopAll().then(() => logger.info('Kezhi CRM stopped'))),
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}
