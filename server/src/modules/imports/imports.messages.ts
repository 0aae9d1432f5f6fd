import type { Prisma } from '../../generated/prisma/client.js'
import type { MessageKey, Translate } from '../../http/i18n.js'

const reasonKeys = ['no_header', 'unknown_region', 'not_mapped']

/** An issue's stored parameters (strings and numbers only). */
export const issueParams = (value: Prisma.JsonValue | unknown): Record<string, string | number> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'))
    : {}

/** An issue's message in the reader's language; a `reason` that is a reason key is translated too. */
export const issueMessage = (t: Translate, code: string, params: Record<string, string | number>): string => {
  const reason = params.reason
  const withReason = typeof reason === 'string' && reasonKeys.includes(reason) ? { ...params, reason: t(`imports.reasons.${reason}` as MessageKey) } : params
  return t(`imports.issues.${code}` as MessageKey, withReason)
}
