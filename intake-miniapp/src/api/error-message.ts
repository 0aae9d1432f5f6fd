import type { StringKey, StringParams } from '../i18n/strings'
import { ApiError } from './client'

type Translate = (key: StringKey, params?: StringParams) => string

/** The sentence to show for a failed call: our own wording for the cases the UI knows, otherwise the
 * server's message, which already comes in the requested language. */
export function messageForError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('unexpectedError')
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return t('invalidCredentials')
    case 'NETWORK_ERROR':
      return t('networkError')
    case 'UNEXPECTED_RESPONSE':
    case 'INTERNAL_ERROR':
      return t('unexpectedError')
    default:
      return error.message || t('unexpectedError')
  }
}
