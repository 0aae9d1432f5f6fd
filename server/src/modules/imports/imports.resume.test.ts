import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createApi,
  createTestDatabase,
  dropDatabase,
  makeTempDir,
  testAdminPassword,
  testJwtSecret,
  withDatabaseClient,
  type Api,
} from '../../test/support.js'
import type { ImportJobDto } from './imports.schemas.js'
import { freePort } from '../../test/free-port.js'

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const rows = 12_000
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A customer list where every row is valid and names its own position: 续传客户-<row number>. */
const bigCsv = () =>
  ['姓名,手机', ...Array.from({ length: rows }, (_, index) => `续传客户-${index + 2},139${String(index + 1).padStart(8, '0')}`)].join('\n')

describe('an import survives its server being killed', () => {
  let database: { name: string; url: string }
  let dataDir: { path: string; remove: () => Promise<void> }
  let port = 0
  let child: ChildProcess | null = null

  /** The real server as a process of its own (as `pnpm start` runs it), on the test database. */
  const startProcess = async (): Promise<Api> => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        DATA_DIR: dataDir.path,
        HOST: '127.0.0.1',
        PORT: String(port),
        ADMIN_PASSWORD: testAdminPassword,
        JWT_SECRET: testJwtSecret,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    child = started
    const api = createApi(`http://127.0.0.1:${port}`)
    for (;;) {
      if (started.exitCode !== null) throw new Error(`the server exited with ${started.exitCode}`)
      const health = await api.get('/api/health').catch(() => null)
      if (health?.status === 200) return api
      await pause(200)
    }
  }

  const signIn = async (api: Api) =>
    (await api.post<{ accessToken: string }>('/api/auth/login', { body: { username: 'admin', password: testAdminPassword } })).body.accessToken

  const stored = () =>
    withDatabaseClient(database.url, async (client) => {
      const job = (await client.query<{ status: string; processed_rows: number; total_rows: number }>('SELECT status, processed_rows, total_rows FROM import_jobs')).rows[0]
      const customers = (await client.query<{ name: string }>(`SELECT name FROM customers WHERE name LIKE '续传客户-%'`)).rows.map((row) => row.name)
      const results = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM import_row_results')).rows[0]?.n)
      return { job, customers, results }
    })

  beforeAll(async () => {
    database = await createTestDatabase()
    dataDir = await makeTempDir('import-resume')
    port = await freePort()
  })
  afterAll(async () => {
    child?.kill('SIGKILL')
    await dropDatabase(database.name)
    await dataDir.remove()
  })

  it('killed mid-import, the database holds exactly the committed batches; restarted, the server finishes it with every row exactly once', async () => {
    let api = await startProcess()
    let token = await signIn(api)
    const form = new FormData()
    form.append('file', new Blob([bigCsv()]), '续传.csv')
    const uploaded = await api.post<ImportJobDto>('/api/imports', { token, body: form })
    expect(uploaded.body.totalRows).toBe(rows)
    const columns = uploaded.body.headers.map((header, index) => ({ index, header, target: header === '姓名' ? 'name' : 'phone' }))
    await api.put(`/api/imports/${uploaded.body.id}/mapping`, { token, body: { mapping: { columns } } })
    for (;;) {
      const job = await api.get<ImportJobDto>(`/api/imports/${uploaded.body.id}`, { token })
      if (job.body.status === 'validated') break
      expect(job.body.status).toBe('validating')
      await pause(100)
    }
    expect((await api.post(`/api/imports/${uploaded.body.id}/run`, { token, body: { duplicateStrategy: 'skip' } })).status).toBe(202)

    // Killed as soon as some batches committed and others are still to come.
    for (;;) {
      const { job } = await stored()
      if (job !== undefined && job.processed_rows > 0) break
      await pause(10)
    }
    const running = child as ChildProcess | null
    running?.kill('SIGKILL')
    if (running !== null) await once(running, 'exit')

    const afterKill = await stored()
    expect(afterKill.job?.status).toBe('running')
    const committed = afterKill.job?.processed_rows ?? 0
    expect(committed).toBeGreaterThan(0)
    expect(committed).toBeLessThan(rows)
    expect(committed % 500).toBe(0)
    // Exactly the rows of the committed batches: the first `committed` rows of the file, each once.
    expect(afterKill.customers.length).toBe(committed)
    expect(new Set(afterKill.customers).size).toBe(committed)
    const lastRow = Math.max(...afterKill.customers.map((name) => Number(name.split('-')[1])))
    expect(lastRow).toBe(committed + 1)
    expect(afterKill.results).toBe(committed)

    // A new server hands the quiet job to a worker again (its heartbeat is older than 30 s by then).
    api = await startProcess()
    token = await signIn(api)
    let finished: ImportJobDto
    for (;;) {
      const job = await api.get<ImportJobDto>(`/api/imports/${uploaded.body.id}`, { token })
      if (job.body.status !== 'running') {
        finished = job.body
        break
      }
      await pause(500)
    }
    expect(finished).toMatchObject({ status: 'completed', counts: { created: rows, updated: 0, skipped: 0, failed: 0 }, progress: { processed: rows, total: rows } })
    const afterRestart = await stored()
    expect(afterRestart.customers.length).toBe(rows)
    expect(new Set(afterRestart.customers).size).toBe(rows)
    expect(afterRestart.results).toBe(rows)
    const phones = await withDatabaseClient(database.url, async (client) =>
      (await client.query<{ n: string; distinct: string }>('SELECT count(*) AS n, count(DISTINCT number_hash) AS distinct FROM customer_phones')).rows[0],
    )
    expect(phones).toEqual({ n: String(rows), distinct: String(rows) })
  }, 240_000)
})
