import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime } from '../../http/schemas.js'
import { CustomerFilter, CustomerSortField, SortOrder } from '../customers/customers.schemas.js'

export const ExportEntity = z
  .enum(['customers', 'contacts', 'orders'])
  .meta({ id: 'ExportEntity', description: 'customers, or the contacts / orders of the customers matching the filter' })
export const ExportFormat = z.enum(['csv', 'xlsx', 'json']).meta({ id: 'ExportFormat' })
export const ExportStatus = z.enum(['queued', 'running', 'completed', 'failed']).meta({ id: 'ExportStatus' })

// Column ids: the stable English keys of JSON exports; custom fields are `customFields.<key>`.
const columnId = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, { error: 'validation.invalid' })

export const ExportInput = z
  .strictObject({
    entity: ExportEntity.default('customers'),
    format: ExportFormat,
    filter: CustomerFilter.optional().meta({ description: 'The list\'s filter (JSON form, as in saved views); none = every customer in scope' }),
    sort: z
      .strictObject({ field: CustomerSortField, order: SortOrder })
      .optional()
      .meta({ description: "The list's order (customers); default: relevance with a keyword, otherwise newest first" }),
    columns: z
      .array(columnId)
      .min(1)
      .max(200)
      .optional()
      .meta({ description: 'Column ids in the order wanted (see the JSON keys); default: all of the entity\'s columns' }),
  })
  .meta({ id: 'ExportInput' })

export const ExportJob = z
  .object({
    id: z.uuid(),
    entity: ExportEntity,
    format: ExportFormat,
    status: ExportStatus,
    total: z.number().int().min(0).nullable().meta({ description: 'Rows to write (known once counted)' }),
    progress: z.object({
      processed: z.number().int().min(0),
      total: z.number().int().min(0),
      percent: z.number().int().min(0).max(100),
    }),
    fileName: z.string().nullable().meta({ description: 'The download\'s file name' }),
    fileSize: z.number().int().min(0).nullable().meta({ description: 'Bytes, once completed' }),
    fullContacts: z.boolean().meta({ description: 'Phones and emails in full (the caller holds customer:reveal_phone); otherwise masked' }),
    downloadUrl: z
      .string()
      .nullable()
      .meta({ description: 'Signed link, valid until expiresAt, usable without a bearer header; null unless completed and not expired' }),
    expiresAt: IsoDateTime.nullable(),
    createdAt: IsoDateTime,
    finishedAt: IsoDateTime.nullable(),
    errorCode: z.string().nullable().meta({ description: 'Why a failed export failed (an error code)' }),
    errorMessage: z.string().nullable().meta({ description: "That reason as a sentence in the request's language" }),
  })
  .meta({ id: 'ExportJob' })

export const ExportJobList = z
  .object({ items: z.array(ExportJob), nextCursor: z.string().nullable() })
  .meta({ id: 'ExportJobList' })

export const ExportListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
})

export const ExportDownloadQuery = z.strictObject({
  token: z.string().min(1).max(1000).meta({ description: 'The token of downloadUrl' }),
})

export type ExportInputData = z.output<typeof ExportInput>
export type ExportJobDto = z.infer<typeof ExportJob>
export type ExportJobListDto = z.infer<typeof ExportJobList>
export type ExportListQueryData = z.output<typeof ExportListQuery>
