import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import { inject } from 'vitest'
import { readConfig } from '../config.js'
import { startServer, type RunningServer, type ServerOptions } from '../server.js'

export const testAdminPassword = 'admin-password-1'
export const testDemoPassword = 'demo-password-1'
export const testJwtSecret = 'test-jwt-secret-not-for-production'
export const silentLogger = pino({ level: 'silent' })

export const databaseUrlFor = (database: string): string => {
  const url = new URL(inject('adminDatabaseUrl'))
  url.pathname = `/${database}`
  return url.toString()
}

export const withDatabaseClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A fresh database for one test file: a copy of the migrated template, or an empty one. */
export const createTestDatabase = async ({ empty = false } = {}): Promise<{ name: string; url: string }> => {
  const name = `${inject('databasePrefix')}_${randomBytes(4).toString('hex')}`
  const source = empty ? 'template0' : inject('templateDatabase')
  await withDatabaseClient(inject('adminDatabaseUrl'), (client) =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE "${source}"`),
  )
  return { name, url: databaseUrlFor(name) }
}

export const dropDatabase = (name: string): Promise<unknown> =>
  withDatabaseClient(inject('adminDatabaseUrl'), (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  )

export const makeTempDir = async (label: string): Promise<{ path: string; remove: () => Promise<void> }> => {
  const path = await mkdtemp(join(tmpdir(), `kezhi-${label}-`))
  // An embedded PostgreSQL run as root works as the `postgres` user, which must be able to enter it.
  await chmod(path, 0o755)
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}

export const testServerOptions = (overrides: Partial<ServerOptions> & Pick<ServerOptions, 'dataDir'>): ServerOptions => ({
  ...readConfig({}),
  host: '127.0.0.1',
  port: 0,
  adminPassword: testAdminPassword,
  demoPassword: testDemoPassword,
  jwtSecret: testJwtSecret,
  seedDemo: true,
  logLevel: 'silent',
  logger: silentLogger,
  // Every test signs in from 127.0.0.1, many times a minute; tests of the limits themselves set lower ones.
  rateLimits: {
    auth: { limit: 1_000_000, windowSeconds: 60 },
    public: { limit: 1_000_000, windowSeconds: 60 },
    device: { limit: 1_000_000, windowSeconds: 60 },
  },
  ...overrides,
})

export interface TestServer extends RunningServer {
  database: { name: string; url: string }
  api: Api
  login(username: string, password?: string): Promise<string>
  /**
   * What a new colleague does with the password an administrator gave them: signs in and replaces it (here with
   * a stand-in and back again through the real API), so the account ends up usable with `password`.
   */
  completeFirstSignIn(username: string, password: string): Promise<void>
}

/** The real server on a fresh copy of the migrated database, with demo data seeded. */
export const startTestServer = async (overrides: Partial<ServerOptions> = {}): Promise<TestServer> => {
  const database = await createTestDatabase()
  const dataDir = await makeTempDir('data')
  const server = await startServer(testServerOptions({ dataDir: dataDir.path, databaseUrl: database.url, ...overrides }))
  const api = createApi(server.url)
  return {
    ...server,
    database,
    api,
    login: async (username, password = username === 'admin' ? testAdminPassword : testDemoPassword) => {
      const response = await api.post<{ accessToken: string }>('/api/auth/login', { body: { username, password } })
      if (response.status !== 200) throw new Error(`login of ${username} failed with ${response.status}`)
      return response.body.accessToken
    },
    completeFirstSignIn: async (username, password) => {
      const interim = `${password}-interim`
      for (const [currentPassword, newPassword] of [[password, interim], [interim, password]] as const) {
        const signedIn = await api.post<{ accessToken: string }>('/api/auth/login', { body: { username, password: currentPassword } })
        const changed = await api.post('/api/me/password', { token: signedIn.body.accessToken, body: { currentPassword, newPassword } })
        if (changed.status !== 204) throw new Error(`password change of ${username} failed with ${changed.status}`)
      }
    },
    close: async () => {
      await server.close()
      await dataDir.remove()
    },
  }
}

/** The error body every 4xx answers with (see the error map in http/errors.ts). */
export interface ErrorBody {
  code: string
  message: string
  details: { field: string; message: string; existingCustomerId?: string }[]
}

export interface ApiResponse<T> {
  status: number
  headers: Headers
  body: T
}

export interface RequestOptions {
  token?: string
  language?: string
  /** Sent as JSON unless it is already a string (used to send malformed JSON) or a multipart form (FormData). */
  body?: unknown
  headers?: Record<string, string>
}

type TypedMethod = <T = unknown>(path: string, options?: RequestOptions) => Promise<ApiResponse<T>>

export interface Api {
  get: TypedMethod
  post: TypedMethod
  patch: TypedMethod
  put: TypedMethod
  delete: TypedMethod
}

export const createApi = (baseUrl: string): Api => {
  const send = async <T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
    if (options.language !== undefined) headers['accept-language'] = options.language
    let body: string | FormData | undefined
    // fetch writes a multipart form's own content type (with its boundary).
    if (options.body instanceof FormData) body = options.body
    else if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
      headers['content-type'] ??= 'application/json'
    }
    const response = await fetch(new URL(path, baseUrl), { method, headers, body })
    const text = await response.text()
    const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== ''
    return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : text) as T }
  }
  return {
    get: (path, options) => send('GET', path, options),
    post: (path, options) => send('POST', path, options),
    patch: (path, options) => send('PATCH', path, options),
    put: (path, options) => send('PUT', path, options),
    delete: (path, options) => send('DELETE', path, options),
  }
}
