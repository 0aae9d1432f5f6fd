import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { freePort } from '../../src/test/free-port.js'

/**
 * The server as a child process, so its memory is its own: VmHWM of /proc/<pid>/status is the peak resident set
 * since it started, and a sampler reads VmRSS a few times a second to show how memory moved during a phase.
 */

export interface ServerProcess {
  url: string
  pid: number
  /** Peak resident memory since start (VmHWM), in MiB. */
  peakRssMiB(): Promise<number>
  /** Resident memory now (VmRSS), in MiB. */
  rssMiB(): Promise<number>
  /** Samples VmRSS every `everyMs` until the returned function is called; it answers the highest sample in MiB. */
  sampleRss(everyMs?: number): () => number
  stop(): Promise<void>
}

const statusField = async (pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]
  return kib === undefined ? Number.NaN : Number(kib) / 1024
}

export const startServerProcess = async (options: {
  serverDir: string
  env: Record<string, string>
  logFile: string
  /** Flags for node itself, before the entry point (V8 flags such as --trace-gc are refused in NODE_OPTIONS). */
  nodeArgs?: string[]
}): Promise<ServerProcess> => {
  const port = await freePort()
  const log = await open(options.logFile, 'a')
  // The compiled server, run by node itself as in production (`node dist/main.js`): this pid is the server's, and
  // no TypeScript loader adds to its memory.
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), join('dist', 'main.js')], {
    cwd: options.serverDir,
    env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', log.fd, log.fd],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('the server did not start')
  const exited = once(child, 'exit')
  const url = `http://127.0.0.1:${port}`
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${options.logFile}`)
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    )
    if (healthy) break
    if (attempt > 1200) throw new Error(`the server did not answer within two minutes; see ${options.logFile}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    url,
    pid,
    peakRssMiB: () => statusField(pid, 'VmHWM'),
    rssMiB: () => statusField(pid, 'VmRSS'),
    sampleRss: (everyMs = 200) => {
      let highest = 0
      const timer = setInterval(() => {
        statusField(pid, 'VmRSS').then(
          (rss) => {
            if (rss > highest) highest = rss
          },
          () => undefined,
        )
      }, everyMs)
      return () => {
        clearInterval(timer)
        return highest
      }
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await exited
      }
      await log.close()
    },
  }
}
