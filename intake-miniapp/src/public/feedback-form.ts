import type { FieldError } from '../api/types'
import type { StringKey, StringParams } from '../i18n/strings'
import { isMainlandMobile, normalizeMobile } from '../validation/phone'
import type { FeedbackPayload, PublicLimits } from './public-api'

type Translate = (key: StringKey, params?: StringParams) => string

export type FeedbackCategory = FeedbackPayload['category']
export const FEEDBACK_CATEGORIES: ReadonlyArray<{ value: FeedbackCategory; label: StringKey }> = [
  { value: 'product', label: 'feedbackCategoryProduct' },
  { value: 'service', label: 'feedbackCategoryService' },
  { value: 'complaint', label: 'feedbackCategoryComplaint' },
  { value: 'suggestion', label: 'feedbackCategorySuggestion' },
]
export const RATINGS = [1, 2, 3, 4, 5] as const
export const NPS_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const

export interface FeedbackFormState {
  rating: number | undefined
  nps: number | undefined
  category: FeedbackCategory | undefined
  text: string
  phone: string
  contactConsent: boolean
}

export type FeedbackField = 'rating' | 'nps' | 'category' | 'text' | 'photos' | 'phone' | 'contactConsent'
export type FeedbackFormErrors = Partial<Record<FeedbackField | 'form', string>>

export const emptyFeedbackForm = (): FeedbackFormState => ({
  rating: undefined,
  nps: undefined,
  category: undefined,
  text: '',
  phone: '',
  contactConsent: false,
})

/** What the customer must fix before the form is sent; empty when nothing. */
export function validateFeedbackForm(form: FeedbackFormState, limits: PublicLimits, t: Translate): FeedbackFormErrors {
  const errors: FeedbackFormErrors = {}
  if (form.rating === undefined) errors.rating = t('feedbackRatingRequired')
  if (!form.category) errors.category = t('feedbackCategoryRequired')
  if (form.text.trim().length > limits.maxTextLength) errors.text = t('textTooLong', { max: limits.maxTextLength })
  const phone = form.phone.trim()
  if (phone && !isMainlandMobile(phone)) errors.phone = t('phoneInvalid')
  // Consent to be called back is only asked for together with a number to call.
  if (phone && !form.contactConsent) errors.contactConsent = t('feedbackContactConsentRequired')
  return errors
}

/** The request body; a form that passed validateFeedbackForm. Empty optional answers are left out. */
export function toFeedbackPayload(form: FeedbackFormState, photoIds: readonly string[]): FeedbackPayload {
  if (form.rating === undefined || !form.category) throw new Error('The form has not been validated')
  const payload: FeedbackPayload = { rating: form.rating, category: form.category }
  if (form.nps !== undefined) payload.nps = form.nps
  const text = form.text.trim()
  if (text) payload.text = text
  if (photoIds.length) payload.photoIds = [...photoIds]
  const phone = form.phone.trim()
  if (phone) {
    payload.phone = normalizeMobile(phone)
    payload.contactConsent = form.contactConsent
  }
  return payload
}

const FIELD_BY_PATH: Record<string, FeedbackField> = {
  rating: 'rating',
  nps: 'nps',
  category: 'category',
  text: 'text',
  photoIds: 'photos',
  phone: 'phone',
  contactConsent: 'contactConsent',
}

/** Server validation details on the fields they concern (`photoIds.1` on the photos); the rest on the form. */
export function feedbackErrorsFromDetails(details: readonly FieldError[], fallback: string): FeedbackFormErrors {
  const errors: FeedbackFormErrors = {}
  for (const detail of details) {
    const field = FIELD_BY_PATH[detail.field.split('.')[0] ?? '']
    if (field) errors[field] ??= detail.message
    else errors.form ??= detail.message
  }
  errors.form ??= fallback
  return errors
}
