import type { MessageKey, Translate } from './i18n.js'

/**
 * The single map from error codes to HTTP statuses and messages. Code that fails throws a code;
 * only this table decides what the client sees.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 422, messageKey: 'errors.VALIDATION_FAILED' },
  BAD_REQUEST: { status: 400, messageKey: 'errors.BAD_REQUEST' },
  PAYLOAD_TOO_LARGE: { status: 413, messageKey: 'errors.PAYLOAD_TOO_LARGE' },
  UNSUPPORTED_CHARSET: { status: 415, messageKey: 'errors.UNSUPPORTED_CHARSET' },
  UNAUTHENTICATED: { status: 401, messageKey: 'errors.UNAUTHENTICATED' },
  INVALID_CREDENTIALS: { status: 401, messageKey: 'errors.INVALID_CREDENTIALS' },
  FORBIDDEN: { status: 403, messageKey: 'errors.FORBIDDEN' },
  NOT_FOUND: { status: 404, messageKey: 'errors.NOT_FOUND' },
  CUSTOMER_NOT_FOUND: { status: 404, messageKey: 'errors.CUSTOMER_NOT_FOUND' },
  CONFLICT: { status: 409, messageKey: 'errors.CONFLICT' },
  CUSTOMER_DUPLICATE: { status: 409, messageKey: 'errors.CUSTOMER_DUPLICATE' },
  CUSTOMER_VERSION_CONFLICT: { status: 409, messageKey: 'errors.CUSTOMER_VERSION_CONFLICT' },
  CUSTOM_FIELD_NOT_UNIQUE: { status: 409, messageKey: 'errors.CUSTOM_FIELD_NOT_UNIQUE' },
  CONTACT_NOT_FOUND: { status: 404, messageKey: 'errors.CONTACT_NOT_FOUND' },
  ORDER_NOT_FOUND: { status: 404, messageKey: 'errors.ORDER_NOT_FOUND' },
  ACTIVITY_NOT_FOUND: { status: 404, messageKey: 'errors.ACTIVITY_NOT_FOUND' },
  TAG_NOT_FOUND: { status: 404, messageKey: 'errors.TAG_NOT_FOUND' },
  GROUP_NOT_FOUND: { status: 404, messageKey: 'errors.GROUP_NOT_FOUND' },
  LEVEL_NOT_FOUND: { status: 404, messageKey: 'errors.LEVEL_NOT_FOUND' },
  RELATIONSHIP_TYPE_NOT_FOUND: { status: 404, messageKey: 'errors.RELATIONSHIP_TYPE_NOT_FOUND' },
  CUSTOM_FIELD_NOT_FOUND: { status: 404, messageKey: 'errors.CUSTOM_FIELD_NOT_FOUND' },
  NAME_TAKEN: { status: 409, messageKey: 'errors.NAME_TAKEN' },
  ORDER_NO_TAKEN: { status: 409, messageKey: 'errors.ORDER_NO_TAKEN' },
  GROUP_NOT_EMPTY: { status: 409, messageKey: 'errors.GROUP_NOT_EMPTY' },
  LEVEL_IN_USE: { status: 409, messageKey: 'errors.LEVEL_IN_USE' },
  CUSTOM_FIELD_KEY_TAKEN: { status: 409, messageKey: 'errors.CUSTOM_FIELD_KEY_TAKEN' },
  CUSTOM_FIELD_IN_USE: { status: 409, messageKey: 'errors.CUSTOM_FIELD_IN_USE' },
  VIEW_NOT_FOUND: { status: 404, messageKey: 'errors.VIEW_NOT_FOUND' },
  VIEW_NOT_OWNED: { status: 403, messageKey: 'errors.VIEW_NOT_OWNED' },
  BULK_TOO_LARGE: { status: 422, messageKey: 'errors.BULK_TOO_LARGE' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, messageKey: 'errors.PASSWORD_CHANGE_REQUIRED' },
  MFA_CODE_INVALID: { status: 401, messageKey: 'errors.MFA_CODE_INVALID' },
  MFA_ALREADY_ENABLED: { status: 409, messageKey: 'errors.MFA_ALREADY_ENABLED' },
  MFA_NOT_ENABLED: { status: 409, messageKey: 'errors.MFA_NOT_ENABLED' },
  MFA_CHALLENGE_EXPIRED: { status: 401, messageKey: 'errors.MFA_CHALLENGE_EXPIRED' },
  ACCOUNT_LOCKED: { status: 423, messageKey: 'errors.ACCOUNT_LOCKED' },
  RATE_LIMITED: { status: 429, messageKey: 'errors.RATE_LIMITED' },
  USER_NOT_FOUND: { status: 404, messageKey: 'errors.USER_NOT_FOUND' },
  USERNAME_TAKEN: { status: 409, messageKey: 'errors.USERNAME_TAKEN' },
  ROLE_NOT_FOUND: { status: 404, messageKey: 'errors.ROLE_NOT_FOUND' },
  ROLE_IN_USE: { status: 409, messageKey: 'errors.ROLE_IN_USE' },
  ROLE_BUILT_IN: { status: 409, messageKey: 'errors.ROLE_BUILT_IN' },
  TEAM_NOT_FOUND: { status: 404, messageKey: 'errors.TEAM_NOT_FOUND' },
  TEAM_NOT_EMPTY: { status: 409, messageKey: 'errors.TEAM_NOT_EMPTY' },
  SESSION_NOT_FOUND: { status: 404, messageKey: 'errors.SESSION_NOT_FOUND' },
  API_KEY_NOT_FOUND: { status: 404, messageKey: 'errors.API_KEY_NOT_FOUND' },
  CANNOT_CHANGE_SELF: { status: 409, messageKey: 'errors.CANNOT_CHANGE_SELF' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, messageKey: 'errors.IDEMPOTENCY_KEY_REUSED' },
  CHANNEL_NOT_FOUND: { status: 404, messageKey: 'errors.CHANNEL_NOT_FOUND' },
  CHANNEL_TOKEN_INVALID: { status: 403, messageKey: 'errors.CHANNEL_TOKEN_INVALID' },
  CHANNEL_EXPIRED: { status: 410, messageKey: 'errors.CHANNEL_EXPIRED' },
  FORM_TOKEN_INVALID: { status: 403, messageKey: 'errors.FORM_TOKEN_INVALID' },
  FORM_TOKEN_EXPIRED: { status: 410, messageKey: 'errors.FORM_TOKEN_EXPIRED' },
  FEEDBACK_NOT_FOUND: { status: 404, messageKey: 'errors.FEEDBACK_NOT_FOUND' },
  PHOTO_NOT_FOUND: { status: 404, messageKey: 'errors.PHOTO_NOT_FOUND' },
  PHOTO_TOO_LARGE: { status: 413, messageKey: 'errors.PHOTO_TOO_LARGE' },
  PHOTO_TYPE_NOT_ALLOWED: { status: 415, messageKey: 'errors.PHOTO_TYPE_NOT_ALLOWED' },
  TOO_MANY_PHOTOS: { status: 422, messageKey: 'errors.TOO_MANY_PHOTOS' },
  WECHAT_NOT_CONFIGURED: { status: 404, messageKey: 'errors.WECHAT_NOT_CONFIGURED' },
  WECHAT_CODE_INVALID: { status: 401, messageKey: 'errors.WECHAT_CODE_INVALID' },
  WECHAT_NOT_BOUND: { status: 401, messageKey: 'errors.WECHAT_NOT_BOUND' },
  WECHAT_ALREADY_BOUND: { status: 409, messageKey: 'errors.WECHAT_ALREADY_BOUND' },
  WECHAT_UNAVAILABLE: { status: 502, messageKey: 'errors.WECHAT_UNAVAILABLE' },
  SERVICE_BUSY: { status: 503, messageKey: 'errors.SERVICE_BUSY' },
  IMPORT_NOT_FOUND: { status: 404, messageKey: 'errors.IMPORT_NOT_FOUND' },
  IMPORT_FILE_TOO_LARGE: { status: 413, messageKey: 'errors.IMPORT_FILE_TOO_LARGE' },
  IMPORT_FILE_UNSUPPORTED: { status: 415, messageKey: 'errors.IMPORT_FILE_UNSUPPORTED' },
  IMPORT_FILE_UNREADABLE: { status: 422, messageKey: 'errors.IMPORT_FILE_UNREADABLE' },
  IMPORT_FILE_EMPTY: { status: 422, messageKey: 'errors.IMPORT_FILE_EMPTY' },
  IMPORT_TOO_MANY_ROWS: { status: 422, messageKey: 'errors.IMPORT_TOO_MANY_ROWS' },
  IMPORT_STATE_CONFLICT: { status: 409, messageKey: 'errors.IMPORT_STATE_CONFLICT' },
  IMPORT_TEMPLATE_NOT_FOUND: { status: 404, messageKey: 'errors.IMPORT_TEMPLATE_NOT_FOUND' },
  EXPORT_NOT_FOUND: { status: 404, messageKey: 'errors.EXPORT_NOT_FOUND' },
  EXPORT_NOT_READY: { status: 409, messageKey: 'errors.EXPORT_NOT_READY' },
  EXPORT_EXPIRED: { status: 410, messageKey: 'errors.EXPORT_EXPIRED' },
  EXPORT_TOO_LARGE: { status: 422, messageKey: 'errors.EXPORT_TOO_LARGE' },
  BACKUP_NOT_FOUND: { status: 404, messageKey: 'errors.BACKUP_NOT_FOUND' },
  BACKUP_IN_PROGRESS: { status: 409, messageKey: 'errors.BACKUP_IN_PROGRESS' },
  WEBHOOK_NOT_FOUND: { status: 404, messageKey: 'errors.WEBHOOK_NOT_FOUND' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, messageKey: 'errors.WEBHOOK_DELIVERY_NOT_FOUND' },
  INTERNAL_ERROR: { status: 500, messageKey: 'errors.INTERNAL_ERROR' },
} as const satisfies Record<string, { status: number; messageKey: MessageKey }>

export type ErrorCode = keyof typeof errorCatalog
export const errorCodes = Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]

export interface FieldProblem {
  field: string
  messageKey: MessageKey
  params?: Record<string, string | number>
  /** More properties of the detail the client can act on, e.g. `existingCustomerId` of a duplicate. */
  extra?: Record<string, string>
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly fieldProblems: readonly FieldProblem[]
  /** More top-level properties of the response body, e.g. `current` of a version conflict. */
  readonly extra: Readonly<Record<string, unknown>>

  constructor(
    code: ErrorCode,
    options: { fieldProblems?: FieldProblem[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.fieldProblems = options.fieldProblems ?? []
    this.extra = options.extra ?? {}
  }
}

/** The sentence for an error code a background job stored (a failed import or export), in the reader's language. */
export const messageOfCode = (code: string | null, t: Translate): string | null =>
  code !== null && Object.hasOwn(errorCatalog, code) ? t(errorCatalog[code as ErrorCode].messageKey) : null
