import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

// This file lives in server/src (tsx) or server/dist (built); both sit two levels below the repository root,
// so assets are found relative to the code, whatever the working directory is.
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export const repoPaths = {
  migrationsDir: resolve(repoRoot, 'prisma', 'migrations'),
  adminWebDist: resolve(repoRoot, 'admin-web', 'dist'),
  intakeH5Dist: resolve(repoRoot, 'intake-miniapp', 'dist', 'h5'),
}

/** The server's database on the embedded cluster (DATA_DIR/pg); `pnpm keys:rotate` reaches it too. */
export const embeddedDatabaseName = 'kezhi'

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value))

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value))

const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: optionalText,
  DATABASE_URL: optionalText,
  ADMIN_USERNAME: z.string().trim().min(1).default('admin'),
  ADMIN_PASSWORD: optionalText,
  SEED_DEMO: booleanFlag.default(true),
  DEMO_PASSWORD: optionalText,
  JWT_SECRET: optionalText,
  DATA_ENCRYPTION_KEY: optionalText.refine((value) => value === undefined || /^[0-9a-fA-F]{64}$/.test(value.trim()), {
    message: 'must be 64 hexadecimal characters (32 bytes)',
  }),
  // Origins (scheme://host[:port]) whose pages may call the API from the browser; unset = same origin only.
  CORS_ORIGINS: optionalText.transform((value, ctx) => {
    const origins = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
    for (const origin of origins) {
      const parsed = URL.canParse(origin) ? new URL(origin) : null
      if (parsed === null || parsed.origin !== origin) ctx.addIssue({ code: 'custom', message: `${origin} is not an origin like https://crm.example.com` })
    }
    return origins
  }),
  TRUST_PROXY: optionalText,
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  PUBLIC_DEVICE_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  FORM_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(1800),
  PUBLIC_BASE_URL: optionalText.refine((value) => value === undefined || URL.canParse(value), { message: 'must be a URL like https://crm.example.com' }),
  WECHAT_APP_ID: optionalText,
  WECHAT_APP_SECRET: optionalText,
  WECHAT_API_BASE_URL: z.string().url().default('https://api.weixin.qq.com'),
  IMPORT_MAX_FILE_MB: z.coerce.number().int().min(1).max(500).default(50),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
  EXPORT_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  // Cron (five fields) in BACKUP_TIMEZONE, or `off`.
  BACKUP_SCHEDULE: z.string().trim().default('30 3 * * *'),
  BACKUP_TIMEZONE: z.string().trim().default('Asia/Shanghai'),
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).default(14),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.05).default(30),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export interface Config {
  host: string
  port: number
  dataDir: string
  databaseUrl: string | undefined
  adminUsername: string
  adminPassword: string | undefined
  seedDemo: boolean
  demoPassword: string | undefined
  jwtSecret: string | undefined
  /** Key of the personal data at rest; unset = generated into DATA_DIR/data-key on the first start. */
  dataEncryptionKey: string | undefined
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  /** Browser origins allowed to call the API across origins (CORS); empty = none. */
  corsOrigins?: string[]
  /** Express `trust proxy` (behind a reverse proxy): which X-Forwarded-For hops give the client's address. */
  trustProxy?: string | undefined
  /** Requests per minute from one IP address to /api/auth (sign-in steps, refresh). */
  authRateLimitPerMinute: number
  /** Requests per minute from one IP address to endpoints open without signing in. */
  publicRateLimitPerMinute: number
  /** Public submissions and photo uploads per minute from one device (X-Device-Id). */
  deviceRateLimitPerMinute: number
  /** How long a public form token (feedback, self-registration) stays valid. */
  formTokenTtlSeconds: number
  /** Origin of links printed in QR codes; unset = the origin of the console request. */
  publicBaseUrl: string | undefined
  /** WeChat mini-program credentials; undefined = WeChat features off. */
  wechat: WechatConfig | undefined
  dataTransfer: DataTransferConfig
}

/** Imports, exports, backups and webhooks (issue 7); see docs/contract.md. */
export interface DataTransferConfig {
  importMaxFileBytes: number
  importMaxRows: number
  exportTtlHours: number
  /** Cron of the daily backup, or undefined when switched off. */
  backupSchedule: string | undefined
  backupTimezone: string
  backupRetentionDays: number
  webhookMaxAttempts: number
  webhookRetryBaseSeconds: number
  webhookTimeoutMs: number
}

export interface WechatConfig {
  appId: string
  appSecret: string
  /** https://api.weixin.qq.com, or a stand-in in tests. */
  apiBaseUrl: string
}

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid environment: ${problems.join('; ')}`)
  }
  const vars = parsed.data
  return {
    host: vars.HOST,
    port: vars.PORT,
    // An explicit DATA_DIR is the operator's path, relative to where they run the server;
    // the default belongs to the repository so `pnpm dev` and `pnpm start` share one database.
    dataDir: vars.DATA_DIR === undefined ? resolve(repoRoot, '.data') : resolve(vars.DATA_DIR),
    databaseUrl: vars.DATABASE_URL,
    adminUsername: vars.ADMIN_USERNAME,
    adminPassword: vars.ADMIN_PASSWORD,
    seedDemo: vars.SEED_DEMO,
    demoPassword: vars.DEMO_PASSWORD,
    jwtSecret: vars.JWT_SECRET,
    dataEncryptionKey: vars.DATA_ENCRYPTION_KEY,
    logLevel: vars.LOG_LEVEL,
    corsOrigins: vars.CORS_ORIGINS,
    trustProxy: vars.TRUST_PROXY,
    authRateLimitPerMinute: vars.AUTH_RATE_LIMIT,
    publicRateLimitPerMinute: vars.PUBLIC_RATE_LIMIT,
    deviceRateLimitPerMinute: vars.PUBLIC_DEVICE_RATE_LIMIT,
    formTokenTtlSeconds: vars.FORM_TOKEN_TTL_SECONDS,
    publicBaseUrl: vars.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    wechat:
      vars.WECHAT_APP_ID !== undefined && vars.WECHAT_APP_SECRET !== undefined
        ? { appId: vars.WECHAT_APP_ID, appSecret: vars.WECHAT_APP_SECRET, apiBaseUrl: vars.WECHAT_API_BASE_URL.replace(/\/+$/, '') }
        : undefined,
    dataTransfer: {
      importMaxFileBytes: vars.IMPORT_MAX_FILE_MB * 1024 * 1024,
      importMaxRows: vars.IMPORT_MAX_ROWS,
      exportTtlHours: vars.EXPORT_TTL_HOURS,
      backupSchedule: vars.BACKUP_SCHEDULE === 'off' ? undefined : vars.BACKUP_SCHEDULE,
      backupTimezone: vars.BACKUP_TIMEZONE,
      backupRetentionDays: vars.BACKUP_RETENTION_DAYS,
      webhookMaxAttempts: vars.WEBHOOK_MAX_ATTEMPTS,
      webhookRetryBaseSeconds: vars.WEBHOOK_RETRY_BASE_SECONDS,
      webhookTimeoutMs: vars.WEBHOOK_TIMEOUT_MS,
    },
  }
}
