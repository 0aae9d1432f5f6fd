import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import { recordAudit } from '../../audit/audit.js'
import type { Permission, RoleScopes } from '../../auth/permissions.js'
import type { Db, StatementRunner } from '../../db/prisma.js'
import type { ExportJob as ExportJobRow, Prisma } from '../../generated/prisma/client.js'
import { authenticated, can, type AuthenticatedContext, type AuthUser, type RequestContext } from '../../http/context.js'
import { AppError, messageOfCode, type FieldProblem } from '../../http/errors.js'
import { translator, type Language, type Translate } from '../../http/i18n.js'
import { collectGarbage } from '../../lib/memory.js'
import { resolveCustomerFilter } from '../customers/customers.filters.js'
import { CustomerFilter, type CustomerFilterData } from '../customers/customers.schemas.js'
import type { BackgroundWork, DataTransferDeps } from '../data-transfer.js'
import { chooseColumns, columnsOf, type Cell, type ExportColumn, type ExportEntityName, type RecordOf } from './exports.columns.js'
import { createExportReader, type ExportQuery } from './exports.reader.js'
import type { ExportInputData, ExportJobDto, ExportJobListDto, ExportListQueryData } from './exports.schemas.js'
import { contentTypes, openExportWriter, type ExportFileFormat } from './exports.writers.js'

export interface ExportDownload {
  path: string
  fileName: string
  contentType: string
  size: number
}

export interface ExportsService extends BackgroundWork {
  /** Queues an export of the caller's customers (or their contacts or orders) matching the filter. */
  create(ctx: RequestContext, input: ExportInputData): Promise<ExportJobDto>
  /** The caller's own exports, newest first. */
  list(ctx: RequestContext, query: ExportListQueryData): Promise<ExportJobListDto>
  get(ctx: RequestContext, id: string): Promise<ExportJobDto>
  /** The file behind a signed download link (no bearer needed: the token is the permission). */
  openDownload(id: string, token: string): Promise<ExportDownload>
  /** Removes the files of expired exports (and leftovers of failed ones); run by the hourly housekeeping. */
  purgeExpiredFiles(): Promise<number>
}

const queue = 'export'
// Customers per page of the keyset walk: large enough that round trips do not dominate, small enough for flat memory.
// Customers per page: each page's rows are garbage once written, and a small page is collected while still young
// instead of being promoted to V8's old space, which a default-sized heap lets grow for a long time.
const batchSize = 500
// The progress bar moves in steps of this many rows at most: a row's update per page would add up on big exports.
const progressEveryRows = 10_000
// Excel's sheet holds 1,048,576 rows, one of which is the header.
const excelRowLimit = 1_048_575

/** What the job needs to act as the person who asked: their scope and permissions at the time of the request. */
interface ExportJobData {
  exportId: string
  language: Language
  ip: string | null
  userAgent: string | null
  user: {
    id: string
    username: string
    displayName: string
    role: { id: string; key: string | null; name: string }
    permissions: string[]
    scopes: RoleScopes
    teamId: string
    teamName: string
    teamIds: string[]
    sessionId: string | null
    apiKeyId: string | null
  }
}

const callerOf = (data: ExportJobData, logger: RequestContext['logger']): AuthenticatedContext => ({
  requestId: `export-${data.exportId}`,
  language: data.language,
  t: translator(data.language),
  logger,
  ip: data.ip,
  userAgent: data.userAgent,
  user: {
    ...data.user,
    permissions: new Set(data.user.permissions as Permission[]),
    passwordChangeRequired: false,
  } satisfies AuthUser,
})

const jobDataOf = (exportId: string, ctx: AuthenticatedContext): ExportJobData => ({
  exportId,
  language: ctx.language,
  ip: ctx.ip,
  userAgent: ctx.userAgent,
  user: {
    id: ctx.user.id,
    username: ctx.user.username,
    displayName: ctx.user.displayName,
    role: ctx.user.role,
    permissions: [...ctx.user.permissions],
    scopes: ctx.user.scopes,
    teamId: ctx.user.teamId,
    teamName: ctx.user.teamName,
    teamIds: [...ctx.user.teamIds],
    sessionId: ctx.user.sessionId,
    apiKeyId: ctx.user.apiKeyId,
  },
})

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const fileExtension: Record<ExportFileFormat, string> = { csv: 'csv', xlsx: 'xlsx', json: 'json' }
const fileStems: Record<Language, Record<ExportEntityName, string>> = {
  'zh-CN': { customers: '客户导出', contacts: '联系人导出', orders: '订单导出' },
  'en-US': { customers: 'customers-export', contacts: 'contacts-export', orders: 'orders-export' },
}
const sheetNames: Record<Language, Record<ExportEntityName, string>> = {
  'zh-CN': { customers: '客户', contacts: '联系人', orders: '订单' },
  'en-US': { customers: 'Customers', contacts: 'Contacts', orders: 'Orders' },
}
const yesNo: Record<Language, [string, string]> = { 'zh-CN': ['是', '否'], 'en-US': ['yes', 'no'] }

const pad = (value: number) => String(value).padStart(2, '0')
/** `客户导出-20250131-1630.csv`: the time in China, where the file's readers are. */
const downloadName = (language: Language, entity: ExportEntityName, format: ExportFileFormat, at: Date): string => {
  const china = new Date(at.getTime() + 8 * 60 * 60 * 1000)
  const stamp = `${china.getUTCFullYear()}${pad(china.getUTCMonth() + 1)}${pad(china.getUTCDate())}-${pad(china.getUTCHours())}${pad(china.getUTCMinutes())}`
  return `${fileStems[language][entity]}-${stamp}.${fileExtension[format]}`
}

/** Field problems of the filter, named as fields of the request body (`filter.customFields.<key>`). */
const underFilter = (error: unknown): unknown =>
  error instanceof AppError && error.code === 'VALIDATION_FAILED'
    ? new AppError('VALIDATION_FAILED', {
        fieldProblems: error.fieldProblems.map((problem): FieldProblem => ({ ...problem, field: `filter.${problem.field}` })),
      })
    : error

const exportsDirectory = (dataDir: string) => join(dataDir, 'exports')

const isLive = (row: Pick<ExportJobRow, 'status' | 'expiresAt'>, now = Date.now()) =>
  row.status === 'completed' && row.expiresAt !== null && row.expiresAt.getTime() > now

/**
 * Removes the files of expired exports and leftovers of failed or vanished ones from DATA_DIR/exports; the hourly
 * housekeeping runs it. Reads the folder rather than the table, so the work is bounded by the files that exist.
 */
export const purgeExpiredExportFiles = async (db: Db, dataDir: string): Promise<number> => {
  const directory = exportsDirectory(dataDir)
  const names = await readdir(directory).catch(() => [] as string[])
  const ids = [...new Set(names.map((name) => name.split('.')[0] ?? '').filter((id) => uuidShape.test(id)))]
  const rows = ids.length === 0 ? [] : await db.exportJob.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, expiresAt: true } })
  const byId = new Map(rows.map((row) => [row.id, row]))
  let removed = 0
  for (const name of names) {
    const row = byId.get(name.split('.')[0] ?? '')
    // A partial file belongs to an export being written; every other file stays only while its link is valid.
    const writing = name.endsWith('.part') && (row?.status === 'running' || row?.status === 'queued')
    if (row !== undefined && (isLive(row) || writing)) continue
    await rm(join(directory, name), { force: true })
    removed += 1
  }
  return removed
}

export const createExportsService = (deps: DataTransferDeps): ExportsService => {
  const { db, cipher, access, boss, logger: rootLogger, dataDir, databaseUrl, config } = deps
  const logger = rootLogger.child({ component: 'exports' })
  const directory = exportsDirectory(dataDir)
  const filePath = (row: Pick<ExportJobRow, 'id' | 'format'>) => join(directory, `${row.id}.${fileExtension[row.format]}`)
  let pool: pg.Pool | undefined

  /**
   * The hot reads of an export run on a small pool of their own, without Prisma's layer: they are hand-written SQL
   * already, and a long export must not hold the connections requests need.
   */
  const run: StatementRunner = async <Row>(statement: Prisma.Sql) => {
    pool ??= new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'kezhi-exports' })
    return (await pool.query(statement.text, statement.values)).rows as Row[]
  }

  // The link's token is the export's id and expiry sealed with the data key: AES-GCM authenticates what it seals, so
  // a token cannot be made or altered without the key, and keys:rotate keeps the old key to open older tokens.
  const tokenOf = (id: string, expiresAt: Date): string => {
    const sealed = cipher.seal(`${id}|${expiresAt.getTime()}`)
    return `${sealed.keyId}.${Buffer.from(sealed.ciphertext).toString('base64url')}`
  }
  const readToken = (token: string): { id: string; expiresAt: number } | null => {
    const [keyId, body, ...rest] = token.split('.')
    if (keyId === undefined || body === undefined || rest.length > 0 || !/^[0-9a-f]{12}$/.test(keyId) || !/^[\w-]+$/.test(body)) return null
    try {
      const [id, expiresAt, ...more] = cipher.open(Buffer.from(body, 'base64url'), keyId).split('|')
      if (id === undefined || expiresAt === undefined || more.length > 0) return null
      return { id, expiresAt: Number(expiresAt) }
    } catch {
      return null
    }
  }


  const toDto = (row: ExportJobRow, t: Translate): ExportJobDto => {
    const total = row.total ?? 0
    const processed = row.status === 'completed' ? total : Math.min(row.processedRows, total)
    return {
      id: row.id,
      entity: row.entity,
      format: row.format,
      status: row.status,
      total: row.total,
      progress: {
        processed,
        total,
        percent: row.status === 'completed' ? 100 : total === 0 ? 0 : Math.min(99, Math.floor((processed * 100) / total)),
      },
      fileName: row.fileName,
      fileSize: row.fileSize === null ? null : Number(row.fileSize),
      fullContacts: row.fullContacts,
      downloadUrl:
        isLive(row) && row.expiresAt !== null
          ? `/api/exports/${row.id}/download?token=${encodeURIComponent(tokenOf(row.id, row.expiresAt))}`
          : null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      errorCode: row.errorCode,
      errorMessage: messageOfCode(row.errorCode, t),
    }
  }

  const customFieldColumns = () =>
    db.customFieldDefinition.findMany({ select: { key: true, label: true }, orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }] })

  /** The columns of an export: all of the entity's, or those asked for (unknown ids answer 422 on `columns.<n>`). */
  const exportColumns = async <E extends ExportEntityName>(entity: E, wanted: string[] | undefined): Promise<ExportColumn<RecordOf[E]>[]> => {
    const all = columnsOf(entity, entity === 'customers' ? await customFieldColumns() : [])
    const chosen = chooseColumns(all, wanted)
    if (chosen.unknown.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        fieldProblems: chosen.unknown.map((index) => ({ field: `columns.${index}`, messageKey: 'validation.invalid' })),
      })
    }
    return chosen.columns
  }

  const queryOf = async (ctx: AuthenticatedContext, filter: CustomerFilterData, sort: ExportInputData['sort']): Promise<ExportQuery> => ({
    filter: await resolveCustomerFilter(db, ctx, filter).catch((error: unknown) => {
      throw underFilter(error)
    }),
    sort,
  })

  const readerFor = (ctx: AuthenticatedContext, query: ExportQuery, fullContacts: boolean) =>
    createExportReader(ctx, query, { db, run, access, cipher, fullContacts, batchSize })

  const ownExport = async (ctx: AuthenticatedContext, id: string): Promise<ExportJobRow> => {
    if (!uuidShape.test(id)) throw new AppError('EXPORT_NOT_FOUND')
    const row = await db.exportJob.findFirst({ where: { id, createdById: ctx.user.id } })
    if (row === null) throw new AppError('EXPORT_NOT_FOUND')
    return row
  }

  /** Writes the file of one export, a batch at a time, keeping the progress up to date. */
  const produce = async (row: ExportJobRow, ctx: AuthenticatedContext): Promise<{ rows: number; size: number }> => {
    const entity = row.entity
    const format = row.format
    const filter = CustomerFilter.parse(row.filter ?? {})
    const sort = (row.sort ?? undefined) as ExportInputData['sort']
    const columns = await exportColumns(entity, row.columns.length === 0 ? undefined : row.columns)
    const reader = await readerFor(ctx, await queryOf(ctx, filter, sort), row.fullContacts)
    const total = await reader.count(entity)
    if (format === 'xlsx' && total > excelRowLimit) throw new AppError('EXPORT_TOO_LARGE')
    await db.exportJob.update({ where: { id: row.id }, data: { total, processedRows: 0 } })

    await mkdir(directory, { recursive: true, mode: 0o700 })
    const partial = `${filePath(row)}.part`
    const style = { language: ctx.language, codes: format === 'json' }
    const writer = await openExportWriter(format, {
      path: partial,
      headers: columns.map((one) => one.header[ctx.language]),
      keys: columns.map((one) => one.id),
      yesNo: yesNo[ctx.language],
      sheetName: sheetNames[ctx.language][entity],
    })
    let rows = 0
    let reported = 0
    function* cellsOf(records: RecordOf[typeof entity][]): Generator<Cell[]> {
      for (const record of records) yield columns.map((one) => one.cell(record, style))
    }
    try {
      for await (const batch of reader.batches(entity)) {
        await writer.write(cellsOf(batch))
        rows += batch.length
        if (rows - reported >= progressEveryRows) {
          reported = rows
          collectGarbage()
          await db.exportJob.update({ where: { id: row.id }, data: { processedRows: rows, total: Math.max(total, rows) } })
        }
      }
      await writer.finish()
    } catch (error) {
      await writer.abort()
      await rm(partial, { force: true })
      throw error
    }
    await rename(partial, filePath(row))
    return { rows, size: (await stat(filePath(row))).size }
  }

  const runExport = async (data: ExportJobData): Promise<void> => {
    const row = await db.exportJob.findUnique({ where: { id: data.exportId } })
    // Finished already (a job delivered twice), or the row is gone.
    if (row === null || row.status === 'completed' || row.status === 'failed') return
    const ctx = callerOf(data, logger)
    await db.exportJob.update({ where: { id: row.id }, data: { status: 'running', startedAt: new Date(), processedRows: 0 } })
    try {
      const written = await produce(row, ctx)
      const finishedAt = new Date()
      await db.$transaction(async (tx) => {
        await tx.exportJob.update({
          where: { id: row.id },
          data: {
            status: 'completed',
            total: written.rows,
            processedRows: written.rows,
            fileSize: written.size,
            finishedAt,
            expiresAt: new Date(finishedAt.getTime() + config.exportTtlHours * 60 * 60 * 1000),
          },
        })
        await recordAudit(tx, ctx, {
          action: 'export',
          resource: 'customer',
          label: row.fileName,
          meta: { exportId: row.id, format: row.format, entity: row.entity, filter: row.filter, rows: written.rows, fullContacts: row.fullContacts },
        })
      })
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR'
      if (code === 'INTERNAL_ERROR') logger.error({ err: error, exportId: row.id }, 'export failed')
      await db.exportJob.update({ where: { id: row.id }, data: { status: 'failed', errorCode: code, finishedAt: new Date() } })
    }
  }

  const service: ExportsService = {
    create: async (rawCtx, input) => {
      const ctx = authenticated(rawCtx)
      const filter = input.filter ?? {}
      // Checked now, so a bad filter or column answers 422 here rather than failing the job later.
      await exportColumns(input.entity, input.columns)
      const reader = await readerFor(ctx, await queryOf(ctx, filter, input.sort), false)
      const total = await reader.count(input.entity)
      if (input.format === 'xlsx' && total > excelRowLimit) throw new AppError('EXPORT_TOO_LARGE')
      const createdAt = new Date()
      const row = await db.exportJob.create({
        data: {
          entity: input.entity,
          format: input.format,
          filter: filter as Prisma.InputJsonValue,
          sort: input.sort === undefined ? undefined : (input.sort as Prisma.InputJsonValue),
          columns: input.columns ?? [],
          fullContacts: can(ctx.user, 'customer:reveal_phone'),
          total,
          fileName: downloadName(ctx.language, input.entity, input.format, createdAt),
          createdById: ctx.user.id,
          createdAt,
        },
      })
      try {
        await boss.send(queue, jobDataOf(row.id, ctx) as unknown as object, { retryLimit: 2, expireInSeconds: 6 * 60 * 60 })
      } catch (error) {
        await db.exportJob.update({ where: { id: row.id }, data: { status: 'failed', errorCode: 'INTERNAL_ERROR', finishedAt: new Date() } })
        throw error
      }
      return toDto(row, ctx.t)
    },

    list: async (rawCtx, query) => {
      const ctx = authenticated(rawCtx)
      const after = query.cursor === undefined ? null : await ownExport(ctx, query.cursor).catch(() => null)
      if (query.cursor !== undefined && after === null) {
        throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'cursor', messageKey: 'validation.cursor' }] })
      }
      const rows = await db.exportJob.findMany({
        where: {
          createdById: ctx.user.id,
          ...(after === null
            ? {}
            : { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
      })
      const page = rows.slice(0, query.limit)
      return { items: page.map((row) => toDto(row, ctx.t)), nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null }
    },

    get: async (rawCtx, id) => {
      const ctx = authenticated(rawCtx)
      return toDto(await ownExport(ctx, id), ctx.t)
    },

    openDownload: async (id, token) => {
      const claim = readToken(token)
      if (claim === null || claim.id !== id || !uuidShape.test(id)) throw new AppError('EXPORT_NOT_FOUND')
      const row = await db.exportJob.findUnique({ where: { id } })
      if (row === null || row.expiresAt === null || row.expiresAt.getTime() !== claim.expiresAt) throw new AppError('EXPORT_NOT_FOUND')
      if (row.status !== 'completed') throw new AppError('EXPORT_NOT_READY')
      if (!isLive(row)) throw new AppError('EXPORT_EXPIRED')
      const path = filePath(row)
      const size = await stat(path).then(
        (found) => found.size,
        () => null,
      )
      // Gone from disk before its time (removed by hand): as good as expired.
      if (size === null) throw new AppError('EXPORT_EXPIRED')
      return { path, fileName: row.fileName ?? `export.${fileExtension[row.format]}`, contentType: contentTypes[row.format], size }
    },

    purgeExpiredFiles: () => purgeExpiredExportFiles(db, dataDir),

    start: async () => {
      await boss.createQueue(queue)
      // One export at a time per server: each streams a large file and must not starve requests of the database.
      await boss.work<ExportJobData>(queue, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        if (job !== undefined) await runExport(job.data)
      })
    },

    stop: async () => {
      await boss.offWork(queue).catch(() => undefined)
      await pool?.end()
      pool = undefined
    },
  }
  return service
}
