import { z } from 'zod'
import type { FieldProblem } from './errors.js'
import type { MessageKey, Translate } from './i18n.js'

// A missing value and a wrongly typed one share zod's `invalid_type` code; only here is the input still
// visible, so the distinction is made now and carried to the error handler as a message key.
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'validation.required' : undefined,
})

const isMessageKey = (message: string): message is MessageKey & `validation.${string}` =>
  message.startsWith('validation.')

const typeNames = ['string', 'number', 'int', 'boolean', 'array', 'object'] as const
const typeName = (expected: string, t: Translate): string =>
  typeNames.includes(expected as (typeof typeNames)[number])
    ? t(`types.${expected as (typeof typeNames)[number]}`)
    : t('types.other')

const sizeKey = (
  direction: 'too_small' | 'too_big',
  origin: string,
): MessageKey & `validation.${string}` => {
  if (origin === 'string') return `validation.${direction}_string`
  if (origin === 'array' || origin === 'set') return `validation.${direction}_array`
  if (origin === 'number' || origin === 'int' || origin === 'bigint') return `validation.${direction}_number`
  return 'validation.invalid'
}

const describeIssue = (issue: z.core.$ZodIssue, t: Translate): string => {
  if (isMessageKey(issue.message)) return t(issue.message)
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? t('validation.not_integer') : t('validation.invalid_type', { expected: typeName(issue.expected, t) })
    case 'too_small':
      // An empty required text reads better as "required" than as "at least 1 character".
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return t('validation.required')
      return t(sizeKey('too_small', issue.origin), { minimum: Number(issue.minimum) })
    case 'too_big':
      return t(sizeKey('too_big', issue.origin), { maximum: Number(issue.maximum) })
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.invalid_email')
      if (issue.format === 'uuid' || issue.format === 'guid') return t('validation.invalid_uuid')
      return t('validation.invalid_format')
    case 'invalid_value':
      return t('validation.invalid_value', { values: issue.values.map(String).join(', ') })
    case 'unrecognized_keys':
      return t('validation.unrecognized_keys', { keys: issue.keys.join(', ') })
    default:
      return t('validation.invalid')
  }
}

export interface FieldError {
  field: string
  message: string
  [extra: string]: string
}

export const describeZodError = (error: z.core.$ZodError, t: Translate): FieldError[] =>
  error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: describeIssue(issue, t) }))

export const describeFieldProblems = (problems: readonly FieldProblem[], t: Translate): FieldError[] =>
  problems.map((problem) => ({ ...problem.extra, field: problem.field, message: t(problem.messageKey, problem.params) }))
