import { isUuid } from '../../access/customers.js'
import { Prisma } from '../../generated/prisma/client.js'
import type { ImportJob as ImportJobRow } from '../../generated/prisma/client.js'
import { authenticated, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { AppError, messageOfCode, type FieldProblem } from '../../http/errors.js'
import { keysetCursor } from '../../lib/keyset-cursor.js'
import type { MessageKey, Translate } from '../../http/i18n.js'
import type { BackgroundWork, DataTransferDeps } from '../data-transfer.js'
import { applyTemplate, guessMapping, labelOf, targetsOf, type ImportEntityName, type MappingColumn, type TargetDefinition } from './imports.fields.js'
import { createImportJobs } from './imports.jobs.js'
import { inspectFile, type FileInspection } from './imports.parse.js'
import { issueMessage, issueParams as paramsOf } from './imports.messages.js'
import { buildReport } from './imports.report.js'
import type {
  DuplicateStrategyData,
  ImportFieldListDto,
  ImportIssueListDto,
  ImportJobDto,
  ImportJobListDto,
  ImportListQueryData,
  ImportMappingData,
  ImportRowListDto,
  ImportTemplateDto,
  IssuesQueryData,
  MappingInputData,
  RowsQueryData,
  RunInputData,
  SheetInputData,
  TemplateInputData,
  UploadFieldsData,
} from './imports.schemas.js'

export interface UploadedFile {
  buffer: Buffer
  originalName: string
}

export interface ImportsService extends BackgroundWork {
  /** IMPORT_MAX_FILE_MB in bytes: the upload is cut off past it. */
  readonly maxFileBytes: number
  upload(ctx: RequestContext, file: UploadedFile | undefined, fields: UploadFieldsData): Promise<ImportJobDto>
  list(ctx: RequestContext, query: ImportListQueryData): Promise<ImportJobListDto>
  get(ctx: RequestContext, id: string): Promise<ImportJobDto>
  fields(ctx: RequestContext, entity: ImportEntityName): Promise<ImportFieldListDto>
  /** Reads another sheet of the stored workbook; only before validation has moved on to a run. */
  chooseSheet(ctx: RequestContext, id: string, input: SheetInputData): Promise<ImportJobDto>
  setMapping(ctx: RequestContext, id: string, input: MappingInputData): Promise<ImportJobDto>
  issues(ctx: RequestContext, id: string, query: IssuesQueryData): Promise<ImportIssueListDto>
  report(ctx: RequestContext, id: string): Promise<{ fileName: string; body: Buffer }>
  run(ctx: RequestContext, id: string, input: RunInputData): Promise<ImportJobDto>
  rows(ctx: RequestContext, id: string, query: RowsQueryData): Promise<ImportRowListDto>
  cancel(ctx: RequestContext, id: string): Promise<void>
  templates(ctx: RequestContext, entity: ImportEntityName | undefined): Promise<{ items: ImportTemplateDto[] }>
  createTemplate(ctx: RequestContext, input: TemplateInputData): Promise<ImportTemplateDto>
  deleteTemplate(ctx: RequestContext, id: string): Promise<void>
}

export type StoredJob = Omit<ImportJobRow, 'fileData'>
type JobWithCreator = StoredJob & { creatorName: string }

const endedStatuses = ['completed', 'failed', 'cancelled']

/** What the list and the wizard show of a file: kept in memory after reading (the file itself is in the database). */
interface FileView {
  sheets: string[]
  preview: string[][]
}
const fileViewCacheSize = 50

const importListCursor = keysetCursor('createdAt')
const cursorOf = (value: string) => Buffer.from(value).toString('base64url')
const badCursor = () => new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'cursor', messageKey: 'validation.cursor' }] })

export const mappingOf = (value: Prisma.JsonValue | null): ImportMappingData | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const columns = (value as { columns?: unknown }).columns
  return Array.isArray(columns) ? { columns: columns as MappingColumn[] } : null
}

export const headersOf = (value: Prisma.JsonValue): string[] => (Array.isArray(value) ? value.map((header) => String(header ?? '')) : [])

export const createImportsService = (deps: DataTransferDeps): ImportsService => {
  const { db, config } = deps
  const fileViews = new Map<string, FileView>()
  const remember = (id: string, view: FileView) => {
    fileViews.delete(id)
    fileViews.set(id, view)
    if (fileViews.size > fileViewCacheSize) fileViews.delete(fileViews.keys().next().value ?? '')
  }
  const jobs = createImportJobs(deps, (id) => fileViews.delete(id))

  const customFieldRows = async () =>
    (await db.customFieldDefinition.findMany({ orderBy: { sortOrder: 'asc' } })).map((definition) => ({
      key: definition.key, label: definition.label, type: definition.type, options: definition.options, required: definition.required,
    }))

  /** The job if the caller may see it (their own; administrators see everyone's), else IMPORT_NOT_FOUND. */
  const findJob = async (ctx: AuthenticatedContext, id: string): Promise<JobWithCreator> => {
    if (!isUuid(id)) throw new AppError('IMPORT_NOT_FOUND')
    const job = await db.importJob.findUnique({ where: { id }, omit: { fileData: true } })
    if (job === null || (job.createdById !== ctx.user.id && ctx.user.role.key !== 'admin')) throw new AppError('IMPORT_NOT_FOUND')
    const creator = await db.user.findUnique({ where: { id: job.createdById }, select: { displayName: true } })
    return { ...job, creatorName: creator?.displayName ?? '' }
  }

  /** The guess for a file: header words and custom field labels, then the creator's template that fits these headers. */
  const suggest = async (job: StoredJob, targets: TargetDefinition[]): Promise<ImportMappingData> => {
    const headers = headersOf(job.headers)
    const guess = guessMapping(headers, targets)
    const templates = await db.importTemplate.findMany({ where: { createdById: job.createdById, entity: job.entity }, orderBy: { updatedAt: 'desc' } })
    const present = new Set(headers)
    let best: { mapping: Record<string, string | null>; score: number } | null = null
    for (const template of templates) {
      const mapping = template.mapping as Record<string, string | null>
      const keys = Object.keys(mapping)
      const score = keys.filter((key) => present.has(key)).length
      // A template fits when it was made for this layout: all its headers are here, or all of these are in it.
      if (score > 0 && (score === keys.length || score === present.size) && (best === null || score > best.score)) best = { mapping, score }
    }
    return { columns: best === null ? guess : applyTemplate(guess, best.mapping, targets) }
  }

  const fileView = async (job: StoredJob): Promise<FileView> => {
    const cached = fileViews.get(job.id)
    if (cached !== undefined) return cached
    const stored = endedStatuses.includes(job.status) ? null : await db.importJob.findUnique({ where: { id: job.id }, select: { fileData: true } })
    if (stored === null || stored.fileData.length === 0) return { sheets: job.sheetName === null ? [] : [job.sheetName], preview: [] }
    const inspection = await inspectFile(Buffer.from(stored.fileData), { sheet: job.sheetName ?? undefined, maxRows: Number.MAX_SAFE_INTEGER })
    const view = { sheets: inspection.sheets, preview: inspection.preview }
    remember(job.id, view)
    return view
  }

  const toDto = async (job: JobWithCreator, options: { t: Translate; readFile: boolean; targets?: TargetDefinition[] }): Promise<ImportJobDto> => {
    const targets = options.targets ?? targetsOf(job.entity, job.entity === 'customers' ? await customFieldRows() : [])
    const view = options.readFile ? await fileView(job) : (fileViews.get(job.id) ?? { sheets: job.sheetName === null ? [] : [job.sheetName], preview: [] })
    const total = job.totalRows
    return {
      id: job.id,
      entity: job.entity,
      status: job.status,
      fileName: job.fileName,
      fileFormat: job.fileFormat as ImportJobDto['fileFormat'],
      encoding: job.encoding as ImportJobDto['encoding'],
      sheetName: job.sheetName,
      sheets: view.sheets,
      headers: headersOf(job.headers),
      totalRows: total,
      preview: view.preview,
      mapping: mappingOf(job.mapping),
      suggestedMapping: await suggest(job, targets),
      duplicateStrategy: job.duplicateStrategy,
      validRows: job.validRows,
      invalidRows: job.invalidRows,
      progress: { processed: job.processedRows, total, percent: total === 0 ? 0 : Math.min(100, Math.floor((job.processedRows * 100) / total)) },
      counts: { created: job.createdCount, updated: job.updatedCount, skipped: job.skippedCount, failed: job.failedCount },
      errorCode: job.errorCode,
      errorMessage: messageOfCode(job.errorCode, options.t),
      createdBy: { id: job.createdById, displayName: job.creatorName },
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
    }
  }

  const reload = async (ctx: AuthenticatedContext, id: string) => toDto(await findJob(ctx, id), { t: ctx.t, readFile: true })

  /** The mapping checked against the file and the targets; every problem named in one 422. */
  const checkMapping = (mapping: ImportMappingData, headers: string[], targets: TargetDefinition[], entity: ImportEntityName, t: Translate): ImportMappingData => {
    const problems: FieldProblem[] = []
    const byTarget = new Map(targets.map((target) => [target.target, target]))
    const used = new Map<string, number>()
    const chosen = new Map<number, string | null>()
    mapping.columns.forEach((column, position) => {
      if (column.index >= headers.length) {
        problems.push({ field: `mapping.columns.${position}.index`, messageKey: 'imports.mapping.column', params: { index: column.index + 1 } })
        return
      }
      if (column.header !== headers[column.index]) {
        problems.push({ field: `mapping.columns.${position}.header`, messageKey: 'imports.mapping.header', params: { index: column.index + 1, header: headers[column.index] ?? '' } })
        return
      }
      if (column.target === null) {
        chosen.set(column.index, null)
        return
      }
      const definition = byTarget.get(column.target)
      if (definition === undefined) {
        problems.push({ field: `mapping.columns.${position}.target`, messageKey: 'imports.mapping.unknown_target', params: { target: column.target } })
        return
      }
      if (!definition.multiple && used.has(column.target)) {
        problems.push({ field: `mapping.columns.${position}.target`, messageKey: 'imports.mapping.twice', params: { target: labelOf(definition, t) } })
        return
      }
      used.set(column.target, column.index)
      chosen.set(column.index, column.target)
    })
    for (const target of targets) {
      if (target.required && !used.has(target.target)) {
        problems.push({ field: 'mapping', messageKey: 'imports.mapping.required', params: { target: labelOf(target, t) } })
      }
    }
    if (entity !== 'customers' && !used.has('customerPhone') && !used.has('customerName')) problems.push({ field: 'mapping', messageKey: 'imports.mapping.customer_ref' })
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fieldProblems: problems })
    return { columns: headers.map((header, index) => ({ index, header, target: chosen.get(index) ?? null })) }
  }

  /** An uploaded or validated import takes a new sheet or mapping: its report goes, in one transaction. */
  const startOver = async (id: string, data: Prisma.ImportJobUpdateManyMutationInput) => {
    const moved = await db.$transaction(async (tx) => {
      await tx.importIssue.deleteMany({ where: { importId: id } })
      return tx.importJob.updateMany({ where: { id, status: { in: ['uploaded', 'validated'] } }, data: { ...data, validRows: null, invalidRows: null } })
    })
    // Another request moved it on meanwhile (a run started).
    if (moved.count === 0) throw new AppError('IMPORT_STATE_CONFLICT')
  }

  const ownTemplate = async (ctx: AuthenticatedContext, id: string) => {
    if (!isUuid(id)) throw new AppError('IMPORT_TEMPLATE_NOT_FOUND')
    const template = await db.importTemplate.findFirst({ where: { id, createdById: ctx.user.id } })
    if (template === null) throw new AppError('IMPORT_TEMPLATE_NOT_FOUND')
    return template
  }

  const templateDto = (template: { id: string; name: string; entity: ImportEntityName; mapping: Prisma.JsonValue; createdAt: Date }): ImportTemplateDto => ({
    id: template.id,
    name: template.name,
    entity: template.entity,
    mapping: template.mapping as Record<string, string | null>,
    createdAt: template.createdAt.toISOString(),
  })

  return {
    maxFileBytes: config.importMaxFileBytes,
    start: () => jobs.start(),
    stop: () => jobs.stop(),

    upload: async (ctx, file, fields) => {
      const caller = authenticated(ctx)
      if (file === undefined) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'file', messageKey: 'validation.required' }] })
      const inspection: FileInspection = await inspectFile(file.buffer, { sheet: fields.sheet, maxRows: config.importMaxRows })
      const job = await db.importJob.create({
        data: {
          entity: fields.entity,
          fileName: file.originalName.slice(0, 255) || 'import',
          fileFormat: inspection.format,
          fileSize: file.buffer.length,
          fileData: new Uint8Array(file.buffer),
          encoding: inspection.encoding,
          sheetName: inspection.sheetName,
          headers: inspection.headers,
          headerRow: inspection.headerRow,
          totalRows: inspection.totalRows,
          createdById: caller.user.id,
        },
        omit: { fileData: true },
      })
      remember(job.id, { sheets: inspection.sheets, preview: inspection.preview })
      return toDto({ ...job, creatorName: caller.user.displayName }, { t: caller.t, readFile: false })
    },

    list: async (ctx, query) => {
      const caller = authenticated(ctx)
      const after = query.cursor === undefined ? undefined : importListCursor.decode(query.cursor)
      const rows = await db.importJob.findMany({
        where: {
          ...(caller.user.role.key === 'admin' ? {} : { createdById: caller.user.id }),
          ...(after === undefined ? {} : { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
        // The stored files stay in the database: a list never carries them.
        omit: { fileData: true },
      })
      const page = rows.slice(0, query.limit)
      const creators = new Map(
        (await db.user.findMany({ where: { id: { in: [...new Set(page.map((row) => row.createdById))] } }, select: { id: true, displayName: true } })).map((user) => [user.id, user.displayName]),
      )
      const customFields = await customFieldRows()
      const items = await Promise.all(
        page.map((row) =>
          toDto({ ...row, creatorName: creators.get(row.createdById) ?? '' }, { t: caller.t, readFile: false, targets: targetsOf(row.entity, row.entity === 'customers' ? customFields : []) }),
        ),
      )
      const last = page[page.length - 1]
      return { items, nextCursor: rows.length > query.limit && last !== undefined ? importListCursor.encode(last) : null }
    },

    get: async (ctx, id) => reload(authenticated(ctx), id),

    fields: async (ctx, entity) => ({
      items: targetsOf(entity, entity === 'customers' ? await customFieldRows() : []).map((target) => ({
        target: target.target,
        label: labelOf(target, ctx.t),
        required: target.required,
        multiple: target.multiple,
        type: target.type,
        example: target.example,
      })),
    }),

    chooseSheet: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      const job = await findJob(caller, id)
      if (job.fileFormat !== 'xlsx' || (job.status !== 'uploaded' && job.status !== 'validated')) throw new AppError('IMPORT_STATE_CONFLICT')
      const stored = await db.importJob.findUniqueOrThrow({ where: { id: job.id }, select: { fileData: true } })
      const inspection = await inspectFile(Buffer.from(stored.fileData), { sheet: input.sheet, maxRows: config.importMaxRows })
      await startOver(job.id, {
        status: 'uploaded',
        sheetName: inspection.sheetName,
        headers: inspection.headers,
        headerRow: inspection.headerRow,
        totalRows: inspection.totalRows,
        mapping: Prisma.DbNull,
        templateId: null,
      })
      remember(job.id, { sheets: inspection.sheets, preview: inspection.preview })
      return reload(caller, id)
    },

    setMapping: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      const job = await findJob(caller, id)
      if (job.status !== 'uploaded' && job.status !== 'validated') throw new AppError('IMPORT_STATE_CONFLICT')
      const targets = targetsOf(job.entity, job.entity === 'customers' ? await customFieldRows() : [])
      const headers = headersOf(job.headers)
      let mapping: ImportMappingData
      if (input.templateId !== undefined) {
        const template = await ownTemplate(caller, input.templateId)
        if (template.entity !== job.entity) throw new AppError('IMPORT_TEMPLATE_NOT_FOUND')
        mapping = { columns: applyTemplate(guessMapping(headers, targets).map((column) => ({ ...column, target: null })), template.mapping as Record<string, string | null>, targets) }
      } else {
        mapping = input.mapping ?? { columns: [] }
      }
      const checked = checkMapping(mapping, headers, targets, job.entity, ctx.t)
      await startOver(job.id, {
        status: 'validating',
        mapping: checked,
        templateId: input.templateId ?? null,
        ...(input.duplicateStrategy === undefined ? {} : { duplicateStrategy: input.duplicateStrategy }),
        heartbeatAt: null,
      })
      await jobs.enqueueValidation(job.id)
      return reload(caller, id)
    },

    issues: async (ctx, id, query) => {
      const caller = authenticated(ctx)
      const job = await findJob(caller, id)
      let after: bigint | undefined
      if (query.cursor !== undefined) {
        const text = Buffer.from(query.cursor, 'base64url').toString('utf8')
        if (!/^\d{1,19}$/.test(text)) throw badCursor()
        after = BigInt(text)
      }
      const where = { importId: job.id, ...(query.severity === undefined ? {} : { severity: query.severity }) }
      const [rows, total] = await Promise.all([
        db.importIssue.findMany({
          where: { ...where, ...(after === undefined ? {} : { id: { gt: after } }) },
          orderBy: { id: 'asc' },
          take: query.limit + 1,
        }),
        db.importIssue.count({ where }),
      ])
      const page = rows.slice(0, query.limit)
      const last = page[page.length - 1]
      return {
        items: page.map((issue) => ({
          rowNumber: issue.rowNumber,
          column: issue.column,
          value: issue.value,
          code: issue.code as ImportIssueListDto['items'][number]['code'],
          message: issueMessage(ctx.t, issue.code, paramsOf(issue.params)),
          severity: issue.severity === 'warning' ? 'warning' : 'error',
        })),
        nextCursor: rows.length > query.limit && last !== undefined ? cursorOf(String(last.id)) : null,
        total,
      }
    },

    report: async (ctx, id) => {
      const caller = authenticated(ctx)
      const job = await findJob(caller, id)
      return buildReport(db, deps.access, caller, job)
    },

    run: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      const job = await findJob(caller, id)
      if (job.status !== 'validated') throw new AppError('IMPORT_STATE_CONFLICT')
      const strategy: DuplicateStrategyData = input.duplicateStrategy ?? job.duplicateStrategy ?? 'skip'
      const moved = await db.importJob.updateMany({
        where: { id: job.id, status: 'validated' },
        data: {
          status: 'queued', duplicateStrategy: strategy, processedRows: 0, createdCount: 0, updatedCount: 0, skippedCount: 0, failedCount: 0,
          heartbeatAt: null, errorCode: null,
        },
      })
      if (moved.count === 0) throw new AppError('IMPORT_STATE_CONFLICT')
      await jobs.enqueueRun(job.id)
      return reload(caller, id)
    },

    rows: async (ctx, id, query) => {
      const caller = authenticated(ctx)
      const job = await findJob(caller, id)
      let after: number | undefined
      if (query.cursor !== undefined) {
        const text = Buffer.from(query.cursor, 'base64url').toString('utf8')
        if (!/^\d{1,9}$/.test(text)) throw badCursor()
        after = Number(text)
      }
      const where = { importId: job.id, ...(query.outcome === undefined ? {} : { outcome: query.outcome }) }
      const [rows, total] = await Promise.all([
        db.importRowResult.findMany({
          where: { ...where, ...(after === undefined ? {} : { rowNumber: { gt: after } }) },
          orderBy: { rowNumber: 'asc' },
          take: query.limit + 1,
        }),
        db.importRowResult.count({ where }),
      ])
      const page = rows.slice(0, query.limit)
      const names = await deps.access.namesInScope(caller, [...new Set(page.flatMap((row) => (row.customerId === null ? [] : [row.customerId])))])
      const failed = page.filter((row) => row.outcome === 'failed').map((row) => row.rowNumber)
      const issues = failed.length === 0 ? [] : await db.importIssue.findMany({
        where: { importId: job.id, rowNumber: { in: failed }, severity: 'error' },
        orderBy: { id: 'asc' },
      })
      const skippedKey: Record<ImportEntityName, MessageKey> = { customers: 'imports.outcomes.skipped_duplicate', contacts: 'imports.outcomes.skipped_contact', orders: 'imports.outcomes.skipped_order' }
      const updatedKey: Record<ImportEntityName, MessageKey> = { customers: 'imports.outcomes.updated_duplicate', contacts: 'imports.outcomes.updated_contact', orders: 'imports.outcomes.updated_duplicate' }
      const last = page[page.length - 1]
      return {
        items: page.map((row) => {
          const name = row.customerId === null ? undefined : names.get(row.customerId)
          const issue = issues.find((candidate) => candidate.rowNumber === row.rowNumber)
          const message =
            row.outcome === 'failed' ? (issue === undefined ? null : `${issue.column === null ? '' : `${issue.column}: `}${issueMessage(ctx.t, issue.code, paramsOf(issue.params))}`)
              : row.outcome === 'skipped' ? ctx.t(skippedKey[job.entity])
                : row.outcome === 'updated' ? ctx.t(updatedKey[job.entity])
                  : null
          return { rowNumber: row.rowNumber, outcome: row.outcome, customer: row.customerId === null || name === undefined ? null : { id: row.customerId, name }, message }
        }),
        nextCursor: rows.length > query.limit && last !== undefined ? cursorOf(String(last.rowNumber)) : null,
        total,
      }
    },

    cancel: async (ctx, id) => {
      const caller = authenticated(ctx)
      const job = await findJob(caller, id)
      const cancelled = await db.importJob.updateMany({
        where: { id: job.id, status: { in: ['uploaded', 'validated'] } },
        data: { status: 'cancelled', finishedAt: new Date(), fileData: new Uint8Array(0) },
      })
      if (cancelled.count === 0) throw new AppError('IMPORT_STATE_CONFLICT')
      fileViews.delete(job.id)
    },

    templates: async (ctx, entity) => {
      const caller = authenticated(ctx)
      const rows = await db.importTemplate.findMany({
        where: { createdById: caller.user.id, ...(entity === undefined ? {} : { entity }) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      })
      return { items: rows.map(templateDto) }
    },

    createTemplate: async (ctx, input) => {
      const caller = authenticated(ctx)
      const targets = new Set(targetsOf(input.entity, input.entity === 'customers' ? await customFieldRows() : []).map((target) => target.target))
      const problems: FieldProblem[] = Object.entries(input.mapping).flatMap(([header, target]) =>
        target === null || targets.has(target) ? [] : [{ field: `mapping.${header}`, messageKey: 'imports.mapping.unknown_target' as const, params: { target } }],
      )
      if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fieldProblems: problems })
      try {
        return templateDto(await db.importTemplate.create({ data: { name: input.name, entity: input.entity, mapping: input.mapping, createdById: caller.user.id } }))
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw new AppError('NAME_TAKEN', { fieldProblems: [{ field: 'name', messageKey: 'validation.name_taken' }], cause: error })
        }
        throw error
      }
    },

    deleteTemplate: async (ctx, id) => {
      const caller = authenticated(ctx)
      const template = await ownTemplate(caller, id)
      await db.importTemplate.delete({ where: { id: template.id } })
    },
  }
}
