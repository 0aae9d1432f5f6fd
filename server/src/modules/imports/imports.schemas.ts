import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, singleLine } from '../../http/schemas.js'
import { importEntities, targetTypes } from './imports.fields.js'
import { fileFormats, textEncodings } from './imports.parse.js'

export const ImportEntity = z.enum(importEntities).meta({ id: 'ImportEntity', description: 'What the rows are' })
export const ImportStatus = z
  .enum(['uploaded', 'validating', 'validated', 'queued', 'running', 'completed', 'failed', 'cancelled'])
  .meta({
    id: 'ImportStatus',
    description: 'uploaded → (validating → validated) → queued → running → completed | failed; cancelled from uploaded or validated',
  })
export const DuplicateStrategy = z.enum(['skip', 'update', 'create']).meta({
  id: 'ImportDuplicateStrategy',
  description:
    'What a row matching an existing customer in scope (same phone or email; contacts: same customer and name; orders: same order number) does: skip leaves it, update fills the mapped fields (phones, emails, tags and groups are added), create makes a new one anyway (orders: always skip)',
})
export const ImportOutcome = z.enum(['created', 'updated', 'skipped', 'failed']).meta({ id: 'ImportRowOutcome' })
export const IssueSeverity = z.enum(['error', 'warning']).meta({ id: 'ImportIssueSeverity' })
export const issueCodes = [
  'required', 'invalid_phone', 'invalid_email', 'invalid_date', 'invalid_number', 'invalid_option', 'unknown_owner',
  'owner_out_of_scope', 'unknown_group', 'unknown_level', 'unknown_customer', 'ambiguous_customer', 'duplicate_in_file',
  'too_long', 'adjusted', 'ignored',
] as const
export type IssueCode = (typeof issueCodes)[number]
export const IssueCode = z.enum(issueCodes).meta({ id: 'ImportIssueCode' })

// A target: a field of the entity, or `customFields.<key>` (see GET /api/imports/fields).
const Target = z.string().min(1).max(80).regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)?$/, { error: 'validation.invalid' })

export const ImportMapping = z
  .object({
    columns: z
      .array(
        z.strictObject({
          index: z.number().int().min(0).max(999).meta({ description: '0-based column position in the file' }),
          header: z.string().max(500).meta({ description: 'The column\'s header text (as in `headers`)', example: '手机号' }),
          target: Target.nullable().meta({ description: 'The import field, or null to leave the column out', example: 'phone' }),
        }),
      )
      .max(1000),
  })
  .strict()
  .meta({ id: 'ImportMapping', description: 'Which column goes into which field; columns not listed are left out' })

const mappingExample = {
  columns: [
    { index: 0, header: '姓名', target: 'name' },
    { index: 1, header: '手机号', target: 'phone' },
    { index: 2, header: '地址', target: 'address' },
    { index: 3, header: '备注', target: null },
  ],
}

export const ImportJob = z
  .object({
    id: z.uuid(),
    entity: ImportEntity,
    status: ImportStatus,
    fileName: z.string().meta({ example: '客户名单.xlsx' }),
    fileFormat: z.enum(fileFormats).meta({ description: 'Detected from the content' }),
    encoding: z.enum(textEncodings).nullable().meta({ description: 'Detected encoding of a CSV; null for XLSX and JSON' }),
    sheetName: z.string().nullable().meta({ description: 'The sheet read (XLSX)' }),
    sheets: z.array(z.string()).meta({ description: 'Every sheet of the workbook (XLSX); empty otherwise' }),
    headers: z.array(z.string()).meta({ description: 'The header row; merged header cells repeat as `地址 (2)`, `地址 (3)`' }),
    totalRows: z.number().int().min(0).meta({ description: 'Data rows (empty rows are not counted)' }),
    preview: z.array(z.array(z.string())).meta({ description: 'The first 20 data rows, cells as shown' }),
    mapping: ImportMapping.nullable().meta({ description: 'The mapping chosen (PUT /mapping); null before' }),
    suggestedMapping: ImportMapping.meta({ description: 'The automatic guess (header words, custom field labels, a matching saved template)' }),
    duplicateStrategy: DuplicateStrategy.nullable(),
    validRows: z.number().int().min(0).nullable().meta({ description: 'Rows without errors, once validated' }),
    invalidRows: z.number().int().min(0).nullable(),
    progress: z.object({
      processed: z.number().int().min(0),
      total: z.number().int().min(0),
      percent: z.number().int().min(0).max(100),
    }),
    counts: z.object({
      created: z.number().int().min(0),
      updated: z.number().int().min(0),
      skipped: z.number().int().min(0),
      failed: z.number().int().min(0),
    }),
    errorCode: z.string().nullable().meta({ description: 'Why a failed import failed (an error code)' }),
    errorMessage: z.string().nullable().meta({ description: "That reason as a sentence in the request's language" }),
    createdBy: z.object({ id: z.uuid(), displayName: z.string() }),
    createdAt: IsoDateTime,
    startedAt: IsoDateTime.nullable(),
    finishedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ImportJob' })

export const ImportJobList = z
  .object({ items: z.array(ImportJob), nextCursor: z.string().nullable() })
  .meta({ id: 'ImportJobList', description: 'Newest first' })

const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback)
const cursor = z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' })

export const ImportListQuery = z.strictObject({ limit: limit(20, 100), cursor })

export const UploadFields = z.strictObject({
  entity: ImportEntity.default('customers'),
  sheet: singleLine(1, 100).optional().meta({ description: 'XLSX sheet name; default the first sheet with data' }),
})

export const UploadBody = z
  .object({
    file: z.string().meta({ description: 'The file: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), XLSX or JSON (an array of objects)', format: 'binary' }),
    entity: ImportEntity.optional().meta({ description: 'Default customers' }),
    sheet: z.string().optional().meta({ description: 'XLSX sheet name; default the first sheet with data' }),
  })
  .meta({ id: 'ImportUpload' })

export const SheetInput = z
  .strictObject({ sheet: singleLine(1, 100).meta({ description: 'One of the workbook\'s `sheets`', example: '客户' }) })
  .meta({ id: 'ImportSheetInput', description: 'Read another sheet of the uploaded workbook (before the run): its headers and rows replace the current ones and the mapping starts again' })

export const FieldsQuery = z.strictObject({ entity: ImportEntity.default('customers') })

export const ImportField = z
  .object({
    target: z.string().meta({ example: 'phone' }),
    label: z.string().meta({ description: "In the request's language", example: '手机' }),
    required: z.boolean(),
    multiple: z.boolean().meta({ description: 'Several columns may map to it' }),
    type: z.enum(targetTypes),
    example: z.string().meta({ example: '138-0013-8000' }),
  })
  .meta({ id: 'ImportField' })

export const ImportFieldList = z.object({ items: z.array(ImportField) }).meta({ id: 'ImportFieldList' })

export const MappingInput = z
  .strictObject({
    mapping: ImportMapping.optional(),
    templateId: z.uuid().optional().meta({ description: 'Use a saved template instead of `mapping`' }),
    duplicateStrategy: DuplicateStrategy.optional(),
  })
  .refine((input) => (input.mapping === undefined) !== (input.templateId === undefined), {
    error: 'validation.invalid',
    path: ['mapping'],
  })
  .meta({ id: 'ImportMappingInput', description: 'Exactly one of `mapping` and `templateId`' })

export const RunInput = z
  .strictObject({ duplicateStrategy: DuplicateStrategy.optional().meta({ description: 'Default: the one given with the mapping, else skip' }) })
  .meta({ id: 'ImportRunInput' })

export const ImportIssue = z
  .object({
    rowNumber: z.number().int().min(0).meta({ description: 'The row as numbered in the file' }),
    column: z.string().nullable().meta({ description: 'The column\'s header text', example: '手机号' }),
    value: z.string().nullable().meta({ example: '138-0013-80' }),
    code: IssueCode,
    message: z.string().meta({ description: "In the request's language", example: '不是有效的电话号码' }),
    severity: IssueSeverity,
  })
  .meta({ id: 'ImportIssue' })

export const ImportIssueList = z
  .object({ items: z.array(ImportIssue), nextCursor: z.string().nullable(), total: z.number().int().min(0) })
  .meta({ id: 'ImportIssueList', description: 'By row, then column' })

export const IssuesQuery = z.strictObject({ limit: limit(50, 500), cursor, severity: IssueSeverity.optional() })

export const ImportRow = z
  .object({
    rowNumber: z.number().int().min(0),
    outcome: ImportOutcome,
    customer: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: 'The customer written or matched (for contacts and orders: theirs)' }),
    message: z.string().nullable().meta({ description: "Why it failed or was skipped, in the request's language" }),
  })
  .meta({ id: 'ImportRowResult' })

export const ImportRowList = z
  .object({ items: z.array(ImportRow), nextCursor: z.string().nullable(), total: z.number().int().min(0) })
  .meta({ id: 'ImportRowList', description: 'By row number' })

export const RowsQuery = z.strictObject({ outcome: ImportOutcome.optional(), limit: limit(50, 500), cursor })

export const TemplateMapping = z
  .record(z.string().min(1).max(500), Target.nullable())
  .refine((mapping) => Object.keys(mapping).length <= 1000, { error: 'validation.invalid' })
  .meta({ id: 'ImportTemplateMapping', description: 'Header text → target (null = leave out)' })

export const ImportTemplate = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: '门店会员表' }),
    entity: ImportEntity,
    mapping: TemplateMapping,
    createdAt: IsoDateTime,
  })
  .meta({ id: 'ImportTemplate' })

export const ImportTemplateList = z.object({ items: z.array(ImportTemplate) }).meta({ id: 'ImportTemplateList' })

export const TemplateInput = z
  .strictObject({ name: singleLine(1, 40), entity: ImportEntity, mapping: TemplateMapping })
  .meta({ id: 'ImportTemplateInput' })

export const TemplatesQuery = z.strictObject({ entity: ImportEntity.optional() })

export type ImportEntityData = z.infer<typeof ImportEntity>
export type ImportStatusData = z.infer<typeof ImportStatus>
export type DuplicateStrategyData = z.infer<typeof DuplicateStrategy>
export type ImportMappingData = z.infer<typeof ImportMapping>
export type ImportJobDto = z.infer<typeof ImportJob>
export type ImportJobListDto = z.infer<typeof ImportJobList>
export type ImportListQueryData = z.output<typeof ImportListQuery>
export type UploadFieldsData = z.output<typeof UploadFields>
export type ImportFieldListDto = z.infer<typeof ImportFieldList>
export type MappingInputData = z.output<typeof MappingInput>
export type SheetInputData = z.output<typeof SheetInput>
export type RunInputData = z.output<typeof RunInput>
export type ImportIssueListDto = z.infer<typeof ImportIssueList>
export type IssuesQueryData = z.output<typeof IssuesQuery>
export type ImportRowListDto = z.infer<typeof ImportRowList>
export type RowsQueryData = z.output<typeof RowsQuery>
export type ImportTemplateDto = z.infer<typeof ImportTemplate>
export type TemplateInputData = z.output<typeof TemplateInput>

/** Examples of the OpenAPI document (valid against the schemas above). */
export const importExamples = {
  mapping: mappingExample,
  job: {
    id: '6f1c2b9e-4d3a-4b8e-9a57-0c1d2e3f4a5b',
    entity: 'customers',
    status: 'validated',
    fileName: '客户名单.xlsx',
    fileFormat: 'xlsx',
    encoding: null,
    sheetName: '客户',
    sheets: ['客户', '说明'],
    headers: ['姓名', '手机号', '地址', '备注'],
    totalRows: 2,
    preview: [
      ['陈晓明', '138-0013-8000', '浙江省杭州市西湖区文三路 90 号', ''],
      ['王芳', '+86 139 0013 9000', '上海市浦东新区世纪大道 100 号', '老客户'],
    ],
    mapping: mappingExample,
    suggestedMapping: mappingExample,
    duplicateStrategy: 'skip',
    validRows: 2,
    invalidRows: 0,
    progress: { processed: 0, total: 2, percent: 0 },
    counts: { created: 0, updated: 0, skipped: 0, failed: 0 },
    errorCode: null,
    errorMessage: null,
    createdBy: { id: '0b7e1c2d-3f4a-4b5c-8d6e-7f8091a2b3c4', displayName: '李经理' },
    createdAt: '2026-11-23T08:00:00.000Z',
    startedAt: null,
    finishedAt: null,
  } satisfies ImportJobDto,
  template: {
    id: '2c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f',
    name: '门店会员表',
    entity: 'customers',
    mapping: { 姓名: 'name', 手机号: 'phone', 地址: 'address', 备注: null },
    createdAt: '2026-11-23T08:00:00.000Z',
  } satisfies ImportTemplateDto,
}
