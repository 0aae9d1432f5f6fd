import { ApiError } from '../api/client'
import { messageForError } from '../api/error-message'
import type { StringKey, StringParams } from '../i18n/strings'
import { photoProblemParams } from './photos'
import type { PublicLimits } from './public-api'

type Translate = (key: StringKey, params?: StringParams) => string

/** The sentence a customer sees for a failed public call. */
export function publicErrorMessage(error: unknown, t: Translate, limits?: PublicLimits): string {
  if (!(error instanceof ApiError)) return messageForError(error, t)
  const params = limits ? photoProblemParams(limits) : undefined
  switch (error.code) {
    case 'NETWORK_ERROR':
      return t('publicNetworkError')
    case 'RATE_LIMITED':
      return t('publicRateLimited')
    case 'PHOTO_TOO_LARGE':
      return params ? t('photoTooLarge', params) : error.message
    case 'PHOTO_TYPE_NOT_ALLOWED':
      return t('photoTypeNotAllowed')
    case 'TOO_MANY_PHOTOS':
      return params ? t('tooManyPhotos', params) : error.message
    default:
      return messageForError(error, t)
  }
}
