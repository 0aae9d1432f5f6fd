import { randomUUID } from 'node:crypto'
import type { Prisma } from '../../generated/prisma/client.js'
import { loadUserPrincipal } from '../../auth/principal.js'
import type { AuthenticatedContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { defaultLanguage, translator } from '../../http/i18n.js'
import { collectGarbage } from '../../lib/memory.js'
import type { DataTransferDeps } from '../data-transfer.js'
import { recordEvents } from '../webhooks/webhook-events.js'
import { targetsOf, type ImportEntityName } from './imports.fields.js'
import { readDataRows, type DataRow, type FileLayout, type FileFormat } from './imports.parse.js'
import { loadReferences, type ImportReferences } from './imports.references.js'
import {
  applyCustomerMatch,
  checkContactRow,
  checkCustomerRow,
  checkOrderRow,
  FileMemory,
  resolveCustomers,
  type CheckedRow,
  type ContactRecord,
  type CustomerRecord,
  type Issue,
  type MappedColumn,
  type OrderRecord,
} from './imports.rows.js'
import { prepareCustomers, writeContacts, writeCustomers, writeOrders, type BatchWriter, type PreparedCustomer, type RowResult } from './imports.write.js'

/**
 * The two background steps of an import, as pg-boss jobs: validation (every row checked, issues stored) and the
 * run (batches of 500 rows, each in one transaction with its row results and the `processed_rows` checkpoint).
 * A run heartbeats; a watchdog (at start-up and every few seconds after) hands a job whose heartbeat went quiet
 * for 30 s to a worker again, which resumes after the last committed batch.
 */

const validateQueue = 'import-validate'
const runQueue = 'import-run'
export const importBatchSize = 500
const staleAfterSeconds = 30
const heartbeatMs = 5_000
const watchdogMs = 10_000
// A big file's batch can take a while on a small server; the default five seconds would cut it.
const batchTransaction = { timeout: 120_000, maxWait: 30_000 } as const
const issueChunk = 2_000
/** Rows between two garbage collections while a file is checked or written (see collectGarbage). */
const collectEveryRows = 20_000

interface JobMessage {
  importId: string
}

type AnyRecord = CustomerRecord | ContactRecord | OrderRecord
type Checked = CheckedRow<AnyRecord>

/** The importer as the jobs act: their current role, permissions and scope (a changed role counts at once). */
const loadImporter = async (deps: DataTransferDeps, userId: string): Promise<AuthenticatedContext | null> => {
  const user = await loadUserPrincipal(deps.db, userId)
  if (user === null) return null
  return {
    requestId: `import-${randomUUID()}`,
    language: defaultLanguage,
    t: translator(defaultLanguage),
    logger: deps.logger,
    user,
    ip: null,
    userAgent: null,
  }
}

const mappedColumns = (mapping: Prisma.JsonValue | null, entity: ImportEntityName, refs: ImportReferences): MappedColumn[] => {
  const targets = new Map(targetsOf(entity, refs.customFields).map((target) => [target.target, target]))
  const columns = typeof mapping === 'object' && mapping !== null && !Array.isArray(mapping) ? (mapping as { columns?: unknown }).columns : undefined
  if (!Array.isArray(columns)) return []
  return (columns as { index: number; header: string; target: string | null }[]).flatMap((column) => {
    const definition = column.target === null ? undefined : targets.get(column.target)
    return definition === undefined ? [] : [{ index: column.index, header: column.header, definition }]
  })
}

/** The stored bytes as a Buffer over the same memory (a copy would double a big file). */
const storedFile = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

const issueRows = (importId: string, issues: readonly Issue[]): Prisma.ImportIssueCreateManyInput[] =>
  issues.map((issue) => ({
    importId,
    rowNumber: issue.rowNumber,
    column: issue.column,
    value: issue.value === null ? null : issue.value.slice(0, 500),
    code: issue.code,
    params: issue.params,
    severity: issue.severity,
  }))

export interface ImportJobs {
  start(): Promise<void>
  stop(): Promise<void>
  enqueueValidation(importId: string): Promise<void>
  enqueueRun(importId: string): Promise<void>
}

export const createImportJobs = (deps: DataTransferDeps, forgetFile: (importId: string) => void): ImportJobs => {
  const { db, boss, logger, cipher, access } = deps
  const log = logger.child({ component: 'imports' })
  const workerIds: string[] = []
  let watchdog: NodeJS.Timeout | undefined
  let stopping = false

  /** Whether this database login may set session_replication_role (superuser, or granted SET on it). */
  const mayHoldBackTriggers = async (): Promise<boolean> => {
    try {
      const rows = await db.$queryRaw<{ allowed: boolean }[]>`SELECT has_parameter_privilege('session_replication_role', 'SET') AS allowed`
      return rows[0]?.allowed === true
    } catch {
      return false
    }
  }

  const send = async (queue: string, importId: string) => {
    await boss.send(queue, { importId } satisfies JobMessage, { retryLimit: 0, expireInSeconds: 6 * 3600 })
    for (const workerId of workerIds) boss.notifyWorker(workerId)
  }

  /** Keeps the job's heartbeat fresh while `work` runs (parsing a big file takes a while before the first batch). */
  const withHeartbeat = async <T>(importId: string, work: () => Promise<T>): Promise<T> => {
    const timer = setInterval(() => {
      db.importJob.updateMany({ where: { id: importId, status: { in: ['validating', 'running'] } }, data: { heartbeatAt: new Date() } }).catch((error: unknown) =>
        log.warn({ err: error, importId }, 'import heartbeat failed'),
      )
    }, heartbeatMs)
    try {
      return await work()
    } finally {
      clearInterval(timer)
    }
  }

  const fail = async (importId: string, error: unknown) => {
    const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR'
    if (!(error instanceof AppError)) log.error({ err: error, importId }, 'import failed')
    await db.importJob.updateMany({
      where: { id: importId, status: { in: ['validating', 'queued', 'running'] } },
      data: { status: 'failed', errorCode: code, finishedAt: new Date(), heartbeatAt: null, fileData: new Uint8Array(0) },
    })
    forgetFile(importId)
  }

  const layoutOf = (job: { fileFormat: string; sheetName: string | null; headerRow: number; headers: Prisma.JsonValue }): FileLayout => ({
    format: job.fileFormat as FileFormat,
    sheetName: job.sheetName,
    headerRow: job.headerRow,
    width: Array.isArray(job.headers) ? job.headers.length : 0,
  })

  const checkRow = async (entity: ImportEntityName, row: DataRow, columns: MappedColumn[], refs: ImportReferences): Promise<Checked> => {
    switch (entity) {
      case 'customers':
        return checkCustomerRow(row, columns, refs)
      case 'contacts':
        return checkContactRow(row, columns, refs)
      case 'orders':
        return checkOrderRow(row, columns)
    }
  }

  /** Contacts and orders name their customer: resolved for a whole batch at once, within the importer's scope. */
  const matchCustomers = async (
    tx: Prisma.TransactionClient | DataTransferDeps['db'],
    ctx: AuthenticatedContext,
    entity: ImportEntityName,
    batch: Checked[],
  ): Promise<Map<number, { id: string; name: string }>> => {
    const matched = new Map<number, { id: string; name: string }>()
    if (entity === 'customers') return matched
    const refs = batch.flatMap((checked) => (checked.record === null ? [] : [(checked.record as ContactRecord | OrderRecord).customer]))
    const matches = await resolveCustomers(tx, access, ctx, cipher, refs)
    for (const checked of batch) {
      const match = applyCustomerMatch(checked as CheckedRow<ContactRecord | OrderRecord>, matches)
      if (match !== null) matched.set(checked.rowNumber, match)
    }
    return matched
  }

  // ---- validation ----

  const validate = async (importId: string) => {
    const claimed = await db.importJob.updateMany({
      where: {
        id: importId,
        status: 'validating',
        OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(Date.now() - staleAfterSeconds * 1000) } }],
      },
      data: { heartbeatAt: new Date() },
    })
    if (claimed.count === 0) return
    const job = await db.importJob.findUniqueOrThrow({ where: { id: importId } })
    const ctx = await loadImporter(deps, job.createdById)
    if (ctx === null || !ctx.user.permissions.has('customer:import')) throw new AppError('FORBIDDEN')
    await db.importIssue.deleteMany({ where: { importId } })
    const refs = await loadReferences(db, access, ctx)
    const columns = mappedColumns(job.mapping, job.entity, refs)
    const memory = new FileMemory()
    let valid = 0
    let pending: Checked[] = []
    let issues: Issue[] = []
    const flushIssues = async (force: boolean) => {
      if (issues.length === 0 || (!force && issues.length < issueChunk)) return
      await db.importIssue.createMany({ data: issueRows(importId, issues) })
      issues = []
    }
    const settle = async () => {
      await matchCustomers(db, ctx, job.entity, pending)
      for (const checked of pending) {
        if (checked.record !== null) valid += 1
        issues.push(...checked.issues)
      }
      pending = []
      await flushIssues(false)
    }
    let seen = 0
    for await (const row of readDataRows(storedFile(job.fileData), layoutOf(job))) {
      const checked = await checkRow(job.entity, row, columns, refs)
      if (job.entity === 'customers') memory.customer(checked as CheckedRow<CustomerRecord>, columns, row)
      if (job.entity === 'orders') memory.order(checked as CheckedRow<OrderRecord>, columns, row)
      pending.push(checked)
      if (pending.length >= importBatchSize) await settle()
      seen += 1
      if (seen % collectEveryRows === 0) collectGarbage()
    }
    await settle()
    await flushIssues(true)
    await db.importJob.updateMany({
      where: { id: importId, status: 'validating' },
      data: { status: 'validated', validRows: valid, invalidRows: job.totalRows - valid, heartbeatAt: null },
    })
  }

  // ---- run ----

  const run = async (importId: string) => {
    const claimed = await db.importJob.updateMany({
      where: {
        id: importId,
        OR: [{ status: 'queued' }, { status: 'running', OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(Date.now() - staleAfterSeconds * 1000) } }] }],
      },
      data: { status: 'running', heartbeatAt: new Date() },
    })
    if (claimed.count === 0) return
    await db.importJob.updateMany({ where: { id: importId, startedAt: null }, data: { startedAt: new Date() } })
    const job = await db.importJob.findUniqueOrThrow({ where: { id: importId } })
    const ctx = await loadImporter(deps, job.createdById)
    if (ctx === null || !ctx.user.permissions.has('customer:import')) throw new AppError('FORBIDDEN')
    const refs = await loadReferences(db, access, ctx)
    const columns = mappedColumns(job.mapping, job.entity, refs)
    // Rows validation found in error are never written; the run does not look at them again.
    const errorRows = new Set(
      (await db.importIssue.findMany({ where: { importId, severity: 'error' }, select: { rowNumber: true }, distinct: ['rowNumber'] })).map((issue) => issue.rowNumber),
    )
    const strategy = job.entity === 'orders' ? 'skip' : (job.duplicateStrategy ?? 'skip')
    const holdBackTriggers = await mayHoldBackTriggers()
    const processed = job.processedRows

    /** The costly per-row work of new customers, done before the batch's transaction (see prepareCustomers). */
    const prepare = (batch: Checked[]): PreparedCustomer[] =>
      job.entity !== 'customers'
        ? []
        : prepareCustomers(cipher, refs, ctx, batch.flatMap((checked) => (checked.record === null || errorRows.has(checked.rowNumber) ? [] : [checked.record as CustomerRecord])))

    /**
     * One batch in one transaction. `prior` is the batch before it: its bookkeeping waits for that one to commit,
     * so `processed_rows` only ever counts a prefix of the file, whatever overlaps in the writes.
     */
    const commit = async (batch: Checked[], prepared: PreparedCustomer[], prior: Promise<void>, expected: number) => {
      if (batch.length === 0) return prior
      await db.$transaction(async (tx) => {
        // The batch and its checkpoint commit together, so a commit lost to a database crash is redone on resume:
        // no need to wait for the disk on each of them.
        await tx.$executeRaw`SET LOCAL synchronous_commit = off`
        const writer: BatchWriter = { tx, ctx, cipher, access, importId, strategy, refs, holdBackTriggers }
        const fresh = batch.filter((checked) => !errorRows.has(checked.rowNumber))
        const matched = await matchCustomers(tx, ctx, job.entity, fresh)
        // Problems that appeared since validation (a group deleted, an owner disabled) are reported the same way.
        const newIssues = fresh.filter((checked) => checked.record === null).flatMap((checked) => checked.issues.filter((issue) => issue.severity === 'error'))
        if (newIssues.length > 0) await tx.importIssue.createMany({ data: issueRows(importId, newIssues) })
        const valid = fresh.filter((checked) => checked.record !== null)
        let written: RowResult[]
        switch (job.entity) {
          case 'customers':
            written = await writeCustomers(writer, prepared)
            break
          case 'contacts':
            written = await writeContacts(writer, valid.flatMap((checked) => {
              const customer = matched.get(checked.rowNumber)
              return customer === undefined ? [] : [{ record: checked.record as ContactRecord, customer }]
            }))
            break
          case 'orders':
            written = await writeOrders(writer, valid.flatMap((checked) => {
              const customer = matched.get(checked.rowNumber)
              return customer === undefined ? [] : [{ record: checked.record as OrderRecord, customer }]
            }))
            break
        }
        const byRow = new Map(written.map((result) => [result.rowNumber, result]))
        const results = batch.map((checked): RowResult => byRow.get(checked.rowNumber) ?? { rowNumber: checked.rowNumber, outcome: 'failed', recordId: null, customerId: null })
        await tx.$executeRaw`
          INSERT INTO import_row_results (import_id, row_number, outcome, record_id, customer_id)
          SELECT ${importId}::uuid, v.row_number, v.outcome::"ImportRowOutcome", v.record_id, v.customer_id
          FROM jsonb_to_recordset(${JSON.stringify(results.map((result) => ({
            row_number: result.rowNumber, outcome: result.outcome, record_id: result.recordId, customer_id: result.customerId,
          })))}::jsonb) AS v(row_number int, outcome text, record_id uuid, customer_id uuid)`
        const count = (outcome: RowResult['outcome']) => results.filter((result) => result.outcome === outcome).length
        // A failed batch before this one fails this one too (it rolls back); otherwise this one commits after it.
        await prior
        // The checkpoint moves only from where this worker found it: a second worker on the same job rolls back.
        const advanced = await tx.importJob.updateMany({
          where: { id: importId, status: 'running', processedRows: expected },
          data: {
            processedRows: { increment: batch.length },
            createdCount: { increment: count('created') },
            updatedCount: { increment: count('updated') },
            skippedCount: { increment: count('skipped') },
            failedCount: { increment: count('failed') },
            heartbeatAt: new Date(),
          },
        })
        if (advanced.count === 0) throw new AppError('IMPORT_STATE_CONFLICT')
      }, batchTransaction)
    }

    /**
     * The file is streamed once: each batch is read, checked and prepared while the database writes the one
     * before, so memory holds a few batches whatever the file's size. New customers (skip or create) are written
     * two batches at a time on two connections: their rows touch disjoint values (repeats in the file were
     * errors at validation), and their tags are created before the batch's transaction, so neither waits for the
     * other inside the database. Updates lock existing customers and go one batch at a time.
     */
    const inParallel = job.entity === 'customers' && strategy !== 'update' ? 2 : 1
    const createTagsOf = async (batch: Checked[]) => {
      const names = new Set<string>()
      for (const checked of batch) {
        if (checked.record === null || errorRows.has(checked.rowNumber)) continue
        for (const name of (checked.record as CustomerRecord).tags) names.add(name)
      }
      if (names.size > 0) await db.tag.createMany({ data: [...names].map((name) => ({ name })), skipDuplicates: true })
    }
    const writing: Promise<void>[] = []
    let offset = processed
    const flush = async (batch: Checked[]) => {
      const prepared = prepare(batch)
      if (inParallel > 1) await createTagsOf(batch)
      while (writing.length >= inParallel) await writing.shift()
      const next = commit(batch, prepared, writing[writing.length - 1] ?? Promise.resolve(), offset)
      offset += batch.length
      // Awaited before a later batch or at the end; a failure surfaces there.
      next.catch(() => undefined)
      writing.push(next)
    }
    const rows = async function* (): AsyncGenerator<Checked> {
      for await (const row of readDataRows(storedFile(job.fileData), layoutOf(job), processed)) yield await checkRow(job.entity, row, columns, refs)
    }
    let batch: Checked[] = []
    let lastOrderNo: string | null = null
    for await (const checked of rows()) {
      if (stopping) break
      const orderNo = job.entity === 'orders' && checked.record !== null ? (checked.record as OrderRecord).orderNo : null
      // An order's item rows stay in one batch: a batch ends at 500 rows, or later at the next order number.
      const full = batch.length >= importBatchSize && (job.entity !== 'orders' || orderNo === null || orderNo !== lastOrderNo || batch.length >= importBatchSize * 4)
      if (full) {
        await flush(batch)
        if (Math.floor(offset / collectEveryRows) !== Math.floor((offset - batch.length) / collectEveryRows)) collectGarbage()
        batch = []
      }
      batch.push(checked)
      lastOrderNo = orderNo
    }
    if (!stopping) await flush(batch)
    for (const pending of writing) await pending
    if (stopping) return

    await db.$transaction(async (tx) => {
      const done = await tx.importJob.update({
        where: { id: importId },
        data: { status: 'completed', finishedAt: new Date(), heartbeatAt: null, fileData: new Uint8Array(0) },
        omit: { fileData: true },
      })
      await recordEvents(tx, [{
        type: 'import.completed',
        data: {
          import: {
            id: done.id, entity: done.entity, fileName: done.fileName, totalRows: done.totalRows,
            counts: { created: done.createdCount, updated: done.updatedCount, skipped: done.skippedCount, failed: done.failedCount },
            createdById: done.createdById, finishedAt: done.finishedAt?.toISOString() ?? null,
          },
        },
      }])
    })
    forgetFile(importId)
  }

  const handle = (step: (importId: string) => Promise<void>) => async (jobs: { data: JobMessage }[]) => {
    for (const job of jobs) {
      const importId = job.data.importId
      try {
        await withHeartbeat(importId, () => step(importId))
      } catch (error) {
        if (stopping) return
        await fail(importId, error)
      }
    }
  }

  /** Jobs whose worker went quiet (a killed server, a lost queue message) are handed out again. */
  const resumeStale = async () => {
    const stale = new Date(Date.now() - staleAfterSeconds * 1000)
    const quiet = await db.importJob.findMany({
      where: {
        OR: [
          { status: { in: ['validating', 'running'] }, OR: [{ heartbeatAt: { lt: stale } }, { heartbeatAt: null, updatedAt: { lt: stale } }] },
          { status: 'queued', updatedAt: { lt: stale } },
        ],
      },
      select: { id: true, status: true },
    })
    for (const job of quiet) {
      log.info({ importId: job.id, status: job.status }, 'resuming an import whose worker went quiet')
      await send(job.status === 'validating' ? validateQueue : runQueue, job.id)
    }
  }

  return {
    start: async () => {
      stopping = false
      await boss.createQueue(validateQueue)
      await boss.createQueue(runQueue)
      workerIds.push(await boss.work<JobMessage>(validateQueue, { pollingIntervalSeconds: 1, batchSize: 1 }, handle(validate)))
      workerIds.push(await boss.work<JobMessage>(runQueue, { pollingIntervalSeconds: 1, batchSize: 1 }, handle(run)))
      await resumeStale()
      watchdog = setInterval(() => {
        resumeStale().catch((error: unknown) => log.warn({ err: error }, 'import watchdog failed'))
      }, watchdogMs)
      watchdog.unref()
    },
    stop: async () => {
      stopping = true
      if (watchdog !== undefined) clearInterval(watchdog)
      await boss.offWork(validateQueue)
      await boss.offWork(runQueue)
      workerIds.length = 0
    },
    enqueueValidation: (importId) => send(validateQueue, importId),
    enqueueRun: (importId) => send(runQueue, importId),
  }
}
