import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Writable } from 'node:stream'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { destination, pino } from 'pino'
import { repoPaths, repoRoot } from '../src/config.js'
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js'
import { migrate } from '../src/db/migrate.js'
import { createDataCipher } from '../src/lib/crypto.js'
import { serverNodeFlags } from '../src/lib/memory.js'
import { importHeaders, writeImportFile, type ImportFileFacts } from './import-export/import-file.js'
import { buildMillion, type MillionFacts } from './import-export/million.js'
import { startServerProcess, type ServerProcess } from './import-export/server-process.js'
import { machineFacts, type MachineFacts } from './search/report.js'

/**
 * `pnpm bench:import`: (a) imports a 100,000-row customers XLSX through the HTTP API (upload → mapping → validation →
 * run → completed) and (b) exports 1,000,000 customers to CSV through the export job, each against a server running
 * as a child process whose peak memory (VmHWM) is read from /proc. Beside each, the raw SQL limit on the same cluster:
 * COPY FROM of the same 100,000 rows into a scratch table, and COPY (SELECT …) TO STDOUT of the customers.
 * Writes benchmarks/import-export.md. Knobs for a quick try: BENCH_IMPORT_ROWS, BENCH_EXPORT_ROWS (or
 * BENCH_EXPORT_CUSTOMERS), BENCH_SERVER_NODE_OPTIONS (node flags for every server child, given on its
 * command line after the product's own flags, e.g. `--trace-gc`), BENCH_SKIP_PLAIN=1 (no second export on a server without
 * the product's flags), BENCH_REPORT (where the
 * report goes; a partial run never overwrites the full report), BENCH_SERVER_DIR (the server directory to build and
 * run, e.g. an older checkout's).
 */

const numberFromEnv = (name: string, fallback: number) => {
  const value = process.env[name]
  return value === undefined || value === '' ? fallback : Number.parseInt(value, 10)
}
const importRows = numberFromEnv('BENCH_IMPORT_ROWS', 100_000)
const exportCustomers = numberFromEnv('BENCH_EXPORT_ROWS', numberFromEnv('BENCH_EXPORT_CUSTOMERS', 1_000_000))
const serverNodeOptions = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').trim()
const extraNodeArgs = serverNodeOptions === '' ? [] : serverNodeOptions.split(/\s+/)
// The server runs as `pnpm start` runs it.
const serverNodeArgs = [...serverNodeFlags, ...extraNodeArgs]
// The same export again on a plain `node` (no --expose-gc): what V8 does with the export's garbage when left alone.
const skipPlain = process.env.BENCH_SKIP_PLAIN === '1'
const skipImport = process.env.BENCH_SKIP_IMPORT === '1'
const skipExport = process.env.BENCH_SKIP_EXPORT === '1'

// Fixed secrets: nothing here protects real data, and the build seals phones with the server's very key.
const dataEncryptionKey = 'c0ffee42'.repeat(8)
const adminPassword = 'bench-import-export-password'
// BENCH_SERVER_DIR: another checkout's server directory (its node_modules linked), to compare two versions on one machine.
const serverDir = process.env.BENCH_SERVER_DIR !== undefined && process.env.BENCH_SERVER_DIR !== '' ? resolve(process.env.BENCH_SERVER_DIR) : resolve(repoRoot, 'server')
const log = (message: string) => console.log(message)
const seconds = (since: number) => (performance.now() - since) / 1000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Json {
  [key: string]: unknown
}

const call = async <T = Json>(server: ServerProcess, method: string, path: string, token: string | null, body?: unknown): Promise<T> => {
  const headers: Record<string, string> = {}
  if (token !== null) headers.authorization = `Bearer ${token}`
  let payload: string | FormData | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, body: payload })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`)
  return (text === '' ? {} : JSON.parse(text)) as T
}

const signIn = async (server: ServerProcess) =>
  (await call<{ accessToken: string }>(server, 'POST', '/api/auth/login', null, { username: 'admin', password: adminPassword })).accessToken

const serverEnv = (databaseUrl: string, dataDir: string): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  DATA_DIR: dataDir,
  ADMIN_PASSWORD: adminPassword,
  SEED_DEMO: 'false',
  JWT_SECRET: 'bench-import-export-jwt-secret-0123456789',
  DATA_ENCRYPTION_KEY: dataEncryptionKey,
  AUTH_RATE_LIMIT: '10000',
  BACKUP_SCHEDULE: 'off',
  LOG_LEVEL: 'warn',
})

/** Polls a job until it leaves the given states, reporting its progress now and then. */
const waitWhile = async (server: ServerProcess, token: string, path: string, states: string[], label: string): Promise<Json> => {
  let lastReport = 0
  for (;;) {
    const job = await call(server, 'GET', path, token)
    if (!states.includes(String(job.status))) return job
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now()
      log(`  ${label}: ${String(job.status)} ${JSON.stringify(job.progress ?? {})}`)
    }
    await sleep(250)
  }
}

interface ImportFigures {
  file: ImportFileFacts & { bytes: number; generateSeconds: number }
  uploadSeconds: number
  validateSeconds: number
  runSeconds: number
  totalSeconds: number
  validRows: number
  invalidRows: number
  counts: Json
  idleRssMiB: number
  /** VmHWM once the upload answered, and once validation ended (the peak is monotonic: each includes the steps before). */
  uploadPeakMiB: number
  validatePeakMiB: number
  peakRssMiB: number
  sampledPeakMiB: number
  rawCopySeconds: number
}

const runImportPhase = async (cluster: { url(database: string): string }, workDir: string): Promise<ImportFigures> => {
  const databaseUrl = cluster.url('kezhi_import')
  const xlsxPath = join(workDir, 'customers-100k.xlsx')
  const csvPath = join(workDir, 'customers-100k.csv')
  log(`writing the ${importRows}-row customers file`)
  const generateStarted = performance.now()
  const file = await writeImportFile({ xlsxPath, csvPath, rows: importRows, seed: 7_100_007 })
  const generateSeconds = seconds(generateStarted)
  const bytes = (await stat(xlsxPath)).size
  log(`  ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${generateSeconds.toFixed(1)} s`)

  // The raw limit: the same cells as text, COPY'd into a scratch table with nothing to check or index.
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  let rawCopySeconds: number
  try {
    await client.query(`CREATE TABLE bench_import_scratch (${importHeaders.map((_header, index) => `c${index} text`).join(', ')})`)
    const copyStarted = performance.now()
    await pipeline(createReadStream(csvPath), client.query(copyFrom('COPY bench_import_scratch FROM STDIN WITH (FORMAT csv)')))
    rawCopySeconds = seconds(copyStarted)
    await client.query('DROP TABLE bench_import_scratch')
  } finally {
    await client.end()
  }
  log(`  raw COPY FROM of the same rows: ${rawCopySeconds.toFixed(2)} s`)

  const server = await startServerProcess({ serverDir, env: serverEnv(databaseUrl, join(workDir, 'server-import')), logFile: join(workDir, 'server-import.log'), nodeArgs: serverNodeArgs })
  try {
    const token = await signIn(server)
    const idleRssMiB = await server.rssMiB()
    log(`  server idle after sign-in: ${idleRssMiB.toFixed(0)} MiB RSS`)
    const sampling = server.sampleRss()
    const started = performance.now()
    const form = new FormData()
    form.append('file', new Blob([await readFile(xlsxPath)]), 'customers-100k.xlsx')
    form.append('entity', 'customers')
    const uploaded = await call(server, 'POST', '/api/imports', token, form)
    const uploadSeconds = seconds(started)
    const uploadPeakMiB = await server.peakRssMiB()
    log(`  uploaded and parsed in ${uploadSeconds.toFixed(1)} s: ${String(uploaded.totalRows)} rows (peak RSS so far ${uploadPeakMiB.toFixed(0)} MiB)`)

    const validateStarted = performance.now()
    await call(server, 'PUT', `/api/imports/${String(uploaded.id)}/mapping`, token, { mapping: uploaded.suggestedMapping, duplicateStrategy: 'skip' })
    const validated = await waitWhile(server, token, `/api/imports/${String(uploaded.id)}`, ['uploaded', 'validating'], 'validation')
    if (validated.status !== 'validated') throw new Error(`validation ended ${String(validated.status)}: ${JSON.stringify(validated)}`)
    const validateSeconds = seconds(validateStarted)
    const validatePeakMiB = await server.peakRssMiB()
    log(`  validated in ${validateSeconds.toFixed(1)} s: ${String(validated.validRows)} valid, ${String(validated.invalidRows)} invalid (peak RSS so far ${validatePeakMiB.toFixed(0)} MiB)`)

    const runStarted = performance.now()
    await call(server, 'POST', `/api/imports/${String(uploaded.id)}/run`, token, { duplicateStrategy: 'skip' })
    const completed = await waitWhile(server, token, `/api/imports/${String(uploaded.id)}`, ['queued', 'running'], 'import')
    if (completed.status !== 'completed') throw new Error(`the import ended ${String(completed.status)}: ${JSON.stringify(completed)}`)
    const runSeconds = seconds(runStarted)
    const totalSeconds = seconds(started)
    const sampledPeakMiB = sampling()
    log(`  imported in ${runSeconds.toFixed(1)} s (whole flow ${totalSeconds.toFixed(1)} s): ${JSON.stringify(completed.counts)}`)
    return {
      file: { ...file, bytes, generateSeconds },
      uploadSeconds,
      validateSeconds,
      runSeconds,
      totalSeconds,
      validRows: Number(validated.validRows),
      invalidRows: Number(validated.invalidRows),
      counts: completed.counts as Json,
      idleRssMiB,
      uploadPeakMiB,
      validatePeakMiB,
      peakRssMiB: await server.peakRssMiB(),
      sampledPeakMiB,
      rawCopySeconds,
    }
  } finally {
    await server.stop()
  }
}

interface ExportFigures {
  build: MillionFacts
  rows: number
  fileBytes: number
  jobSeconds: number
  wallSeconds: number
  downloadSeconds: number
  downloadedLines: number
  peakRssMiB: number
  idleRssMiB: number
  idlePeakRssMiB: number
  sampledPeakMiB: number
  rawCopySeconds: number
  rawCopyBytes: number
  rawJoinedSeconds: number
  rawJoinedBytes: number
  plain: { seconds: number; idleRssMiB: number; peakRssMiB: number; sampledPeakMiB: number } | null
}

/** Streams COPY … TO STDOUT and counts its bytes, as the cheapest possible reader of the same rows. */
const rawCopyOut = async (databaseUrl: string, statement: string): Promise<{ seconds: number; bytes: number }> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    let bytes = 0
    const started = performance.now()
    await pipeline(
      client.query(copyTo(`COPY (${statement}) TO STDOUT WITH (FORMAT csv, HEADER)`)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length
          done()
        },
      }),
    )
    return { seconds: seconds(started), bytes }
  } finally {
    await client.end()
  }
}

const runExportPhase = async (cluster: { url(database: string): string }, workDir: string): Promise<ExportFigures> => {
  const databaseUrl = cluster.url('kezhi_export')
  const env = serverEnv(databaseUrl, join(workDir, 'server-export'))
  // A first start seeds the administrator, roles and default settings the build refers to.
  const seeding = await startServerProcess({ serverDir, env, logFile: join(workDir, 'server-export.log') })
  await seeding.stop()
  log(`building ${exportCustomers} customers`)
  const build = await buildMillion({
    databaseUrl,
    cipher: createDataCipher(Buffer.from(dataEncryptionKey, 'hex')),
    customers: exportCustomers,
    seed: 9_100_009,
    log,
  })
  log(`  built in ${build.seconds.toFixed(0)} s`)

  /** One export of every customer to CSV as the administrator, on a server started for it. */
  const exportOnce = async (server: ServerProcess) => {
    const token = await signIn(server)
    const idlePeakRssMiB = await server.peakRssMiB()
    const idleRssMiB = await server.rssMiB()
    log(`  server idle after sign-in: ${idleRssMiB.toFixed(0)} MiB RSS (peak so far ${idlePeakRssMiB.toFixed(0)} MiB)`)
    const sampling = server.sampleRss()
    const started = performance.now()
    const queued = await call(server, 'POST', '/api/exports', token, { format: 'csv' })
    log(`  export queued: ${String(queued.total)} rows`)
    const done = await waitWhile(server, token, `/api/exports/${String(queued.id)}`, ['queued', 'running'], 'export')
    if (done.status !== 'completed') throw new Error(`the export ended ${String(done.status)}: ${JSON.stringify(done)}`)
    const wallSeconds = seconds(started)
    const sampledPeakMiB = sampling()
    const peakRssMiB = await server.peakRssMiB()
    const jobSeconds = (Date.parse(String(done.finishedAt)) - Date.parse(String(done.createdAt))) / 1000
    log(`  exported ${String(done.total)} rows in ${jobSeconds.toFixed(1)} s, peak RSS ${peakRssMiB.toFixed(0)} MiB`)
    return { done, token, idleRssMiB, idlePeakRssMiB, sampledPeakMiB, peakRssMiB, wallSeconds, jobSeconds }
  }

  let plain: ExportFigures['plain'] = null
  if (!skipPlain) {
    const plainServer = await startServerProcess({ serverDir, env, logFile: join(workDir, 'server-export.log'), nodeArgs: extraNodeArgs })
    try {
      log(`export with plain node${serverNodeOptions === '' ? '' : ` ${serverNodeOptions}`} (no garbage collections by the job)`)
      const run = await exportOnce(plainServer)
      plain = { seconds: run.jobSeconds, idleRssMiB: run.idleRssMiB, peakRssMiB: run.peakRssMiB, sampledPeakMiB: run.sampledPeakMiB }
    } finally {
      await plainServer.stop()
    }
  }

  const server = await startServerProcess({ serverDir, env, logFile: join(workDir, 'server-export.log'), nodeArgs: serverNodeArgs })
  try {
    log(`export with node ${serverNodeArgs.join(' ')}, as pnpm start runs the server`)
    const { done, idleRssMiB, idlePeakRssMiB, sampledPeakMiB, peakRssMiB, wallSeconds, jobSeconds } = await exportOnce(server)

    // The file as a browser would fetch it, counted line by line without keeping it.
    const downloadStarted = performance.now()
    const response = await fetch(`${server.url}${String(done.downloadUrl)}`)
    if (!response.ok || response.body === null) throw new Error(`download answered ${response.status}`)
    let downloadedLines = 0
    const saved = createWriteStream(join(workDir, 'export.csv'))
    for await (const chunk of response.body) {
      const buffer = Buffer.from(chunk)
      for (let at = buffer.indexOf(0x0a); at !== -1; at = buffer.indexOf(0x0a, at + 1)) downloadedLines += 1
      if (!saved.write(buffer)) await once(saved, 'drain')
    }
    saved.end()
    const downloadSeconds = seconds(downloadStarted)

    log('  raw COPY (SELECT …) TO STDOUT of the same customers')
    const raw = await rawCopyOut(
      databaseUrl,
      `SELECT c.id, c.name, c.gender, c.birthday, c.occupation, c.company, c.industry, c.source, c.level_id, c.lifecycle_status,
         c.owner_id, c.consent_marketing, c.order_count, c.total_spent, c.last_purchase_at, c.last_contact_at, c.created_at, c.notes,
         c.custom_fields
       FROM customers c WHERE c.deleted_at IS NULL ORDER BY c.created_at DESC, c.id DESC`,
    )
    const joined = await rawCopyOut(
      databaseUrl,
      `SELECT c.id, c.name, c.gender, c.birthday, c.company, c.source, l.name AS level, c.lifecycle_status, u.display_name AS owner,
         ARRAY(SELECT p.number_encrypted FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.is_primary DESC, p.sort_order) AS phones,
         ARRAY(SELECT e.address_encrypted FROM customer_emails e WHERE e.customer_id = c.id) AS emails,
         a.province_name, a.city_name, a.district_name, a.street_encrypted,
         ARRAY(SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id) AS tags,
         c.consent_marketing, c.order_count, c.total_spent, c.last_purchase_at, c.created_at, c.custom_fields
       FROM customers c LEFT JOIN customer_levels l ON l.id = c.level_id LEFT JOIN users u ON u.id = c.owner_id
       LEFT JOIN LATERAL (SELECT * FROM customer_addresses a WHERE a.customer_id = c.id ORDER BY a.is_primary DESC LIMIT 1) a ON TRUE
       WHERE c.deleted_at IS NULL ORDER BY c.created_at DESC, c.id DESC`,
    )
    return {
      build,
      rows: Number(done.total),
      fileBytes: Number(done.fileSize),
      jobSeconds,
      wallSeconds,
      downloadSeconds,
      downloadedLines,
      peakRssMiB,
      idleRssMiB,
      idlePeakRssMiB,
      sampledPeakMiB,
      rawCopySeconds: raw.seconds,
      rawCopyBytes: raw.bytes,
      rawJoinedSeconds: joined.seconds,
      rawJoinedBytes: joined.bytes,
      plain,
    }
  } finally {
    await server.stop()
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
const perSecond = (rows: number, secondsTaken: number) => `${Math.round(rows / secondsTaken).toLocaleString('en-US')} rows/s`

const render = (machine: MachineFacts, load: number[], imported: ImportFigures | null, exported: ExportFigures | null, runSeconds: number) => {
  const lines: string[] = []
  lines.push('# Import and export benchmark', '')
  lines.push(
    'Produced by `pnpm bench:import` (server/bench/import-export.ts). The server, compiled as `pnpm build` does, runs as a',
    'child process (`node dist/main.js`) on an embedded',
    'PostgreSQL cluster in `.bench/import-export`; its peak memory is VmHWM from `/proc/<pid>/status` (the highest resident',
    'set since that server process started; each phase starts a fresh server), and VmRSS is also sampled every 200 ms.',
    '',
  )
  lines.push('## Machine', '')
  lines.push(`- CPU: ${machine.cpu}, ${machine.cores} cores (shared with other work; load average ${load.map((one) => one.toFixed(1)).join(' / ')} at start, during, end)`)
  lines.push(`- Memory: ${machine.memoryGiB.toFixed(1)} GiB; ${machine.os}`)
  lines.push(`- Node ${machine.node}; ${machine.postgres} (embedded, default settings)`, '')
  if (imported !== null) {
    const { file } = imported
    lines.push(`## Import: ${file.rows.toLocaleString('en-US')} customers from XLSX through the HTTP API`, '')
    lines.push(
      `The file (${mib(file.bytes)}, made with ExcelJS in ${file.generateSeconds.toFixed(1)} s): Chinese headers (${importHeaders.join(' ')}),`,
      'phones in eight shapes (dashes, +86, 0086, (+86), full-width digits, number cells, spaces; 10 % with a second number after `/`),',
      'birthdays as text in four shapes, date cells and Excel day numbers, tags split by `;` `、` `,` `；` or spaces, genders as 男/女/M/F/male/female,',
      `and mess: ${file.expectedInvalid.blankName} blank names, ${file.expectedInvalid.badPhone} broken numbers, ${file.expectedInvalid.duplicatePhone} phones repeated from earlier rows.`,
      '',
    )
    lines.push('| Step | Time | Rate |', '|---|---:|---:|')
    lines.push(`| Upload (multipart) and parse | ${imported.uploadSeconds.toFixed(1)} s | ${perSecond(file.rows, imported.uploadSeconds)} |`)
    lines.push(`| Mapping (automatic suggestion) and validation job | ${imported.validateSeconds.toFixed(1)} s | ${perSecond(file.rows, imported.validateSeconds)} |`)
    lines.push(`| Run (batches of 500 rows, one transaction each) until \`completed\` | ${imported.runSeconds.toFixed(1)} s | ${perSecond(file.rows, imported.runSeconds)} |`)
    lines.push(`| **Whole flow** upload → completed | **${imported.totalSeconds.toFixed(1)} s** | **${perSecond(file.rows, imported.totalSeconds)}** |`)
    lines.push(`| Raw limit: COPY FROM of the same rows (as CSV text) into a scratch table | ${imported.rawCopySeconds.toFixed(2)} s | ${perSecond(file.rows, imported.rawCopySeconds)} |`)
    lines.push('')
    lines.push(
      `Validation: ${imported.validRows.toLocaleString('en-US')} valid, ${imported.invalidRows.toLocaleString('en-US')} invalid rows. Outcome: ${JSON.stringify(imported.counts)}.`,
      `Server RSS idle after sign-in, before the upload: ${imported.idleRssMiB.toFixed(0)} MiB; peak during the import: **${imported.peakRssMiB.toFixed(0)} MiB** (VmHWM; highest 200 ms sample ${imported.sampledPeakMiB.toFixed(0)} MiB;`,
      `peak by the end of the upload ${imported.uploadPeakMiB.toFixed(0)} MiB, by the end of validation ${imported.validatePeakMiB.toFixed(0)} MiB).`,
      `Target: under 60 s for 100,000 rows — ${imported.totalSeconds < 60 ? 'met' : 'NOT met'}.`,
      '',
    )
  }
  if (exported !== null) {
    const { build } = exported
    lines.push(`## Export: ${exported.rows.toLocaleString('en-US')} customers to CSV through the export job`, '')
    lines.push(
      `Database built in ${build.seconds.toFixed(0)} s with COPY (triggers held back; search terms left empty, which an export without a keyword never reads):`,
      `${build.customers.toLocaleString('en-US')} customers, ${build.phones.toLocaleString('en-US')} phones,`,
      `${build.emails.toLocaleString('en-US')} emails, ${build.addresses.toLocaleString('en-US')} addresses, ${build.tags.toLocaleString('en-US')} tag links; one custom field (会员卡号) on half of them.`,
      'Phones, emails and streets sealed with the data key (AES-256-GCM), as the server stores them.',
      '',
    )
    lines.push('| Step | Time | Rate |', '|---|---:|---:|')
    lines.push(
      `| Export job (POST → completed; every phone and email opened, all 27 columns, administrator: phones in full) | **${exported.jobSeconds.toFixed(1)} s** | **${perSecond(exported.rows, exported.jobSeconds)}** |`,
    )
    lines.push(`| Download of the file through the signed link (${mib(exported.fileBytes)}, ${exported.downloadedLines.toLocaleString('en-US')} lines) | ${exported.downloadSeconds.toFixed(1)} s | ${mib(exported.fileBytes / exported.downloadSeconds)}/s |`)
    lines.push(`| Raw limit: COPY (SELECT customer columns ORDER BY created_at DESC) TO STDOUT (${mib(exported.rawCopyBytes)}) | ${exported.rawCopySeconds.toFixed(1)} s | ${perSecond(exported.rows, exported.rawCopySeconds)} |`)
    lines.push(`| Raw limit with the joins (phones, emails as ciphertext, address, tags, level, owner) (${mib(exported.rawJoinedBytes)}) | ${exported.rawJoinedSeconds.toFixed(1)} s | ${perSecond(exported.rows, exported.rawJoinedSeconds)} |`)
    lines.push('')
    const { plain } = exported
    const productLabel = `\`node ${serverNodeArgs.join(' ')}\` (as \`pnpm start\` runs it)`
    const added = (peak: number, idle: number) => `${Math.max(0, peak - idle).toFixed(0)} MiB`
    lines.push('| Server | Export job | RSS idle after sign-in | Highest RSS while exporting (200 ms samples) | Peak RSS since start (VmHWM) | Growth during the export |', '|---|---:|---:|---:|---:|---:|')
    lines.push(
      `| ${productLabel} | ${exported.jobSeconds.toFixed(1)} s | ${exported.idleRssMiB.toFixed(0)} MiB | **${exported.sampledPeakMiB.toFixed(0)} MiB** | ${exported.peakRssMiB.toFixed(0)} MiB (before the export: ${exported.idlePeakRssMiB.toFixed(0)} MiB) | ${added(exported.sampledPeakMiB, exported.idleRssMiB)} |`,
    )
    if (plain !== null) {
      lines.push(
        `| \`node${serverNodeOptions === '' ? '' : ` ${serverNodeOptions}`}\` (no collections by the job) | ${plain.seconds.toFixed(1)} s | ${plain.idleRssMiB.toFixed(0)} MiB | ${plain.sampledPeakMiB.toFixed(0)} MiB | ${plain.peakRssMiB.toFixed(0)} MiB | ${added(plain.sampledPeakMiB, plain.idleRssMiB)} |`,
      )
    }
    lines.push('')
    const metBy = (peak: number) => (peak < 286 ? 'met' : 'not met')
    lines.push(
      `Target: export peak memory under 300 MB (286 MiB) whatever the size — ${metBy(exported.sampledPeakMiB)} while exporting (${exported.sampledPeakMiB.toFixed(0)} MiB), ` +
        `${metBy(exported.peakRssMiB)} by the process's peak since it started (${exported.peakRssMiB.toFixed(0)} MiB${exported.peakRssMiB <= exported.idlePeakRssMiB + 1 ? ', reached before the export, at start-up' : ''}).`,
      'The growth column is the export\'s own share: the highest RSS while exporting minus what the same server held just before the export was queued.',
      'The job holds one page of 500 customers at a time and writes its rows one by one; what a page leaves behind is garbage. Left alone',
      '(plain `node`), V8 sizes its heap to the machine and lets that garbage pile up in old space for hundreds of MiB before a full',
      'collection, so the process grows with the export (`BENCH_SERVER_NODE_OPTIONS=--trace-gc` shows it). The server runs with',
      '`--expose-gc`, and the export job runs a full collection every 10,000 rows (server/src/lib/memory.ts): a few milliseconds each.',
      '',
    )
  }
  lines.push('## How to run', '')
  lines.push(
    '```sh',
    'pnpm bench:import                     # both phases, about ten minutes on two cores',
    'BENCH_IMPORT_ROWS=10000 BENCH_EXPORT_ROWS=50000 pnpm bench:import   # a quick try (report in benchmarks/import-export.partial.md)',
    'BENCH_SKIP_IMPORT=1 pnpm bench:import  # only the export (or BENCH_SKIP_EXPORT=1; BENCH_SKIP_PLAIN=1 skips the comparison on plain node)',
    'BENCH_SERVER_NODE_OPTIONS=--trace-gc pnpm bench:import   # more node flags for every server child',
    'BENCH_REPORT=/tmp/import-export.md pnpm bench:import   # the report elsewhere',
    '```',
    '',
    `Whole run: ${runSeconds.toFixed(0)} s. The cluster, the generated files and the server logs stay in \`.bench/import-export\`.`,
    '',
  )
  return lines.join('\n')
}

/** The server as production runs it: compiled by the package's build (tsconfig.build.json) into server/dist. */
const buildServer = async () => {
  log('building the server (tsc -p tsconfig.build.json)')
  const tsc = spawn(process.execPath, [join(serverDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: serverDir, stdio: 'inherit' })
  const [code] = (await once(tsc, 'exit')) as [number | null]
  // Type errors still emit JavaScript; only a missing entry point stops the benchmark.
  if (code !== 0) log(`  tsc exited with ${code}; running what it emitted`)
  await stat(join(serverDir, 'dist', 'main.js'))
}

const main = async () => {
  const runStarted = performance.now()
  await buildServer()
  const workDir = process.env.BENCH_DATA_DIR === undefined ? resolve(repoRoot, '.bench', 'import-export') : resolve(process.env.BENCH_DATA_DIR)
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  const logger = pino({ level: 'info' }, destination({ dest: join(workDir, 'cluster.log'), mkdir: true, sync: false }))
  const cluster = await startEmbeddedPostgres({ dataDir: join(workDir, 'cluster'), logger, database: 'kezhi_import' })
  const load = [loadavg()[0] ?? 0]
  try {
    const admin = new pg.Client({ connectionString: cluster.url('kezhi_import') })
    await admin.connect()
    await admin.query('CREATE DATABASE kezhi_export')
    await admin.end()
    for (const database of ['kezhi_import', 'kezhi_export']) {
      await migrate({ databaseUrl: cluster.url(database), migrationsDir: repoPaths.migrationsDir, logger })
    }
    const machine = await machineFacts(cluster.url('kezhi_import'))
    const imported = skipImport ? null : await runImportPhase(cluster, workDir)
    load.push(loadavg()[0] ?? 0)
    const exported = skipExport ? null : await runExportPhase(cluster, workDir)
    load.push(loadavg()[0] ?? 0)
    const report = render(machine, load, imported, exported, seconds(runStarted))
    const partial = importRows !== 100_000 || exportCustomers !== 1_000_000 || skipImport || skipExport
    const target = process.env.BENCH_REPORT !== undefined && process.env.BENCH_REPORT !== ''
      ? resolve(process.env.BENCH_REPORT)
      : resolve(repoRoot, 'benchmarks', partial || serverNodeOptions !== '' ? 'import-export.partial.md' : 'import-export.md')
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, report)
    log('')
    log(report)
    log(`wrote ${target}`)
  } finally {
    await cluster.stop()
    logger.flush()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
