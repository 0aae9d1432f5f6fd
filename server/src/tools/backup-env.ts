import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { pino, type Logger } from 'pino'
import { embeddedDatabaseName, readConfig, type Config } from '../config.js'

/**
 * The environment of `pnpm backup`, `pnpm restore` and `pnpm keys:rotate`: the server's (DATA_DIR, DATABASE_URL,
 * DATA_ENCRYPTION_KEY, BACKUP_*). pnpm runs package scripts in the package's folder; relative paths the operator
 * typed (DATA_DIR, the archive) mean the folder they typed them in (INIT_CWD).
 */
export const operatorFolder = (): string => process.env.INIT_CWD ?? process.cwd()

export const toolConfig = (): { config: Config; logger: Logger } => {
  const env = { ...process.env }
  if (env.DATA_DIR !== undefined && env.DATA_DIR.trim() !== '') env.DATA_DIR = resolve(operatorFolder(), env.DATA_DIR)
  const config = readConfig(env)
  return { config, logger: pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }) }
}

/** The embedded cluster of a server running on DATA_DIR (its port and password are in embedded-postgres.json), if any. */
export const runningEmbeddedUrl = async (dataDir: string): Promise<string | null> => {
  const text = await readFile(join(dataDir, 'embedded-postgres.json'), 'utf8').catch(() => null)
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

export const hasEmbeddedCluster = (dataDir: string): Promise<boolean> =>
  stat(join(dataDir, 'pg', 'PG_VERSION')).then(
    () => true,
    () => false,
  )

export const print = (message: string): void => {
  process.stdout.write(`${message}\n`)
}

export const formatBytes = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
