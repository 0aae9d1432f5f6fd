import { z } from 'zod'
import 'zod-openapi'
import { errorCodes } from './errors.js'

// PostgreSQL refuses NUL in text and other control characters have no place in a CRM field,
// so they are rejected here instead of failing in the database.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const lineBreaks = /[\r\n\t]/

/** A trimmed single-line string; limits are in characters. */
export const singleLine = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !controlCharacters.test(value) && !lineBreaks.test(value), {
      error: 'validation.no_control_characters',
    })

/** A trimmed multi-line string (tabs and line breaks allowed). */
export const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !controlCharacters.test(value), { error: 'validation.no_control_characters' })

export const IsoDateTime = z.iso.datetime().meta({ description: 'ISO 8601 timestamp (UTC)', example: '2025-01-31T08:00:00.000Z' })

export const FieldError = z
  .object({
    field: z.string().meta({ description: 'Dotted path of the offending field, e.g. `phone` or `tags.2`; empty for the whole body', example: 'phone' }),
    message: z.string().meta({ description: "Message in the request's language", example: '请输入有效的中国大陆手机号' }),
    existingCustomerId: z.uuid().optional().meta({
      description: 'On CUSTOMER_DUPLICATE and CUSTOM_FIELD_NOT_UNIQUE: the customer that already has the value',
    }),
  })
  .meta({ id: 'FieldError' })

export const ErrorResponse = z
  .object({
    code: z.enum(errorCodes).meta({ id: 'ErrorCode' }),
    message: z.string().meta({ description: "Message in the request's language (Accept-Language: zh-CN default, en-US)" }),
    details: z.array(FieldError),
    retryAfterSeconds: z.number().int().optional().meta({ description: 'On ACCOUNT_LOCKED: seconds until the account unlocks' }),
  })
  .meta({ id: 'ErrorResponse', description: 'Every error response has this shape.' })

const errorStatusText = {
  400: 'Malformed request',
  401: 'Not signed in, or the token is invalid or expired (`UNAUTHENTICATED`, `INVALID_CREDENTIALS`)',
  403: 'The signed-in user lacks the permission (`FORBIDDEN`)',
  404: 'Not found, or outside the caller\'s data scope',
  409: 'Conflicts with existing data (`CONFLICT`, or a more specific code)',
  422: 'Validation failed (`VALIDATION_FAILED`); `details` lists the fields',
  423: 'The account is locked after repeated failed sign-ins (`ACCOUNT_LOCKED`, with `retryAfterSeconds`)',
  429: 'Too many requests from this address (`RATE_LIMITED`); the `Retry-After` header says when to try again',
} as const

export type ErrorStatus = keyof typeof errorStatusText

// What the API answers in zh-CN (the default language), so readers of the docs see real messages.
const errorExamples: Record<ErrorStatus, z.input<typeof ErrorResponse>> = {
  400: { code: 'BAD_REQUEST', message: '请求格式不正确（例如不是有效的 JSON）', details: [] },
  401: { code: 'UNAUTHENTICATED', message: '请先登录', details: [] },
  403: { code: 'FORBIDDEN', message: '没有权限执行此操作', details: [] },
  404: { code: 'NOT_FOUND', message: '请求的资源不存在', details: [] },
  409: { code: 'CONFLICT', message: '数据已存在或与现有数据冲突', details: [] },
  422: { code: 'VALIDATION_FAILED', message: '提交的数据有误，请检查后重试', details: [{ field: 'name', message: '至少 1 个字符' }] },
  423: { code: 'ACCOUNT_LOCKED', message: '登录失败次数过多，账号已临时锁定，请 300 秒后再试', details: [], retryAfterSeconds: 300 },
  429: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', details: [] },
}

/** OpenAPI response entries for the given error statuses, all sharing the ErrorResponse schema. */
export const errorResponses = (...statuses: ErrorStatus[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: errorStatusText[status], content: jsonContent(ErrorResponse, errorExamples[status]) },
    ]),
  )

/**
 * A JSON media type object. Give every request body and success answer an `example` (the plain OpenAPI field
 * beside the schema): the docs show it and a test checks it against the schema.
 */
export const jsonContent = <T extends z.ZodType>(schema: T, example?: z.input<T>) => ({
  'application/json': example === undefined ? { schema } : { schema, example },
})
