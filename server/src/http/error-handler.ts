import type { ErrorRequestHandler } from 'express'
import { z } from 'zod'
import { Prisma } from '../generated/prisma/client.js'
import { AppError, errorCatalog, type ErrorCode } from './errors.js'
import { negotiateLanguage, translator } from './i18n.js'
import { describeFieldProblems, describeZodError, type FieldError } from './validation.js'

interface HttpishError {
  status?: unknown
  type?: unknown
}

// body-parser and the router signal client mistakes with http-errors objects carrying a 4xx status.
const codeOfHttpError = (error: unknown): ErrorCode | undefined => {
  if (typeof error !== 'object' || error === null) return undefined
  const { status, type } = error as HttpishError
  if (type === 'entity.too.large' || status === 413) return 'PAYLOAD_TOO_LARGE'
  if (type === 'charset.unsupported' || type === 'encoding.unsupported' || status === 415) return 'UNSUPPORTED_CHARSET'
  if (status === 404) return 'NOT_FOUND'
  if (typeof status === 'number' && status >= 400 && status < 500) return 'BAD_REQUEST'
  return undefined
}

const codeOfDatabaseError = (error: unknown): ErrorCode | undefined => {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined
  if (error.code === 'P2002') return 'CONFLICT'
  if (error.code === 'P2025') return error.meta?.modelName === 'Customer' ? 'CUSTOMER_NOT_FOUND' : 'NOT_FOUND'
  return undefined
}

const messageParams = (extra: Readonly<Record<string, unknown>>): Record<string, string | number> =>
  Object.fromEntries(Object.entries(extra).filter((entry): entry is [string, string | number] => ['string', 'number'].includes(typeof entry[1])))

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error)
    return
  }
  // The context is missing when the failure happened before it was built (e.g. in the body parser's charset check).
  const t = req.ctx?.t ?? translator(negotiateLanguage(req.get('accept-language')))
  let code: ErrorCode
  let details: FieldError[] = []
  let extra: Readonly<Record<string, unknown>> = {}
  if (error instanceof AppError) {
    code = error.code
    details = describeFieldProblems(error.fieldProblems, t)
    extra = error.extra
  } else if (error instanceof z.core.$ZodError) {
    code = 'VALIDATION_FAILED'
    details = describeZodError(error, t)
  } else {
    code = codeOfDatabaseError(error) ?? codeOfHttpError(error) ?? 'INTERNAL_ERROR'
  }
  const { status, messageKey } = errorCatalog[code]
  if (status >= 500) req.log.error({ err: error }, 'request failed')
  // Extra properties double as message parameters (e.g. ACCOUNT_LOCKED's retryAfterSeconds).
  res.status(status).json({ ...extra, code, message: t(messageKey, messageParams(extra)), details })
}
