import { spawn } from 'node:child_process'
import { readdir, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../config.js'
import { customersThroughApi } from '../modules/backups/backups.test-support.js'
import { startServer, type RunningServer } from '../server.js'
import { createApi, makeTempDir, testAdminPassword, testServerOptions } from '../test/support.js'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** `pnpm <args>` as an operator types it in the repository's root, with the server's environment. */
const pnpm = (args: string[], env: Record<string, string>): Promise<Run> =>
  new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env }
    // pnpm sets INIT_CWD to the folder it was started in, unless one is inherited.
    delete childEnv.INIT_CWD
    const child = spawn('pnpm', ['--silent', ...args], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? ''

const adminView = async (server: RunningServer) => {
  const api = createApi(server.url)
  const login = await api.post<{ accessToken: string }>('/api/auth/login', { body: { username: 'admin', password: testAdminPassword } })
  expect(login.status).toBe(200)
  return customersThroughApi(api, login.body.accessToken)
}

describe('pnpm backup and pnpm restore on the embedded PostgreSQL of a DATA_DIR', () => {
  const cleanups: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
  })

  it('an operator backs up a running installation, restores it into a new DATA_DIR, and the server there serves the same data', async () => {
    const originalDir = await makeTempDir('cli-original')
    cleanups.push(originalDir.remove)
    const original = await startServer(testServerOptions({ dataDir: originalDir.path }))
    let originalRunning = true
    cleanups.push(async () => originalRunning && original.close())
    const before = await adminView(original)

    // While the server runs, the backup reaches its cluster; DATA_DIR relative to where pnpm was started.
    const whileRunning = await pnpm(['backup'], { DATA_DIR: relative(repoRoot, originalDir.path) })
    expect(whileRunning.code, whileRunning.stderr).toBe(0)
    const firstArchive = lastLine(whileRunning.stdout)
    expect(firstArchive).toMatch(new RegExp(`^${originalDir.path}/backups/kezhi-backup-\\d{8}-\\d{6}\\.tar\\.gz$`))
    expect(whileRunning.stdout).toMatch(/backed up \d+ tables, \d+ rows/)
    expect((await stat(firstArchive)).mode & 0o777).toBe(0o600)
    await original.close()
    originalRunning = false

    // With no server running, the tool starts the cluster itself (and stops it again).
    const stopped = await pnpm(['backup'], { DATA_DIR: originalDir.path })
    expect(stopped.code, stopped.stderr).toBe(0)
    expect(stopped.stdout).toContain(`no server is running on ${originalDir.path}`)
    const archive = lastLine(stopped.stdout)
    expect(archive).not.toBe(firstArchive)
    expect((await readdir(join(originalDir.path, 'backups'))).sort()).toEqual([firstArchive, archive].map((path) => path.split('/').at(-1)).sort())

    // A new machine: an empty DATA_DIR; the archive named relative to where pnpm is started.
    const restoredDir = await makeTempDir('cli-restored')
    cleanups.push(restoredDir.remove)
    const restored = await pnpm(['restore', relative(repoRoot, archive)], { DATA_DIR: restoredDir.path })
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stdout).toMatch(/restored \d+ tables, \d+ rows .*every row count verified/)
    expect(restored.stdout).toContain(`data key ring written to ${restoredDir.path}/data-keys.json`)
    expect((await readdir(restoredDir.path)).sort()).toEqual(['data-keys.json', 'embedded-postgres.json', 'pg'])

    const server = await startServer(testServerOptions({ dataDir: restoredDir.path }))
    try {
      expect(await adminView(server)).toEqual(before)
    } finally {
      await server.close()
    }

    // That database is no longer empty: a second restore into it is refused, and says why.
    const again = await pnpm(['restore', archive], { DATA_DIR: restoredDir.path })
    expect(again.code, again.stdout + again.stderr).toBe(1)
    expect(again.stderr).toContain('restore failed: the database already holds customers')

    const withoutFile = await pnpm(['restore'], { DATA_DIR: restoredDir.path })
    expect(withoutFile.code).not.toBe(0)
    expect(withoutFile.stderr).toContain('usage: pnpm restore <kezhi-backup-….tar.gz> [--force]')
  }, 300_000)
})
