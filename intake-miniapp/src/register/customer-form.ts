import type { CustomerInput, FieldError, Gender } from '../api/types'
import type { StringKey, StringParams } from '../i18n/strings'
import type { RegionSelection } from '../regions/region-tree'
import { isMainlandMobile, normalizeMobile } from '../validation/phone'

// Limits of CustomerInput in the API contract, checked here too so that mistakes show before sending.
export const NAME_MAX_LENGTH = 50
export const TAG_MAX_LENGTH = 20
export const TAG_MAX_COUNT = 20

export interface CustomerFormState {
  name: string
  gender: Gender
  phone: string
  region?: RegionSelection
  tags: string[]
}

export type CustomerField = 'name' | 'gender' | 'phone' | 'region' | 'tags'

/** Error texts by form field; `form` holds what belongs to no single field. */
export type CustomerFormErrors = Partial<Record<CustomerField | 'form', string>>

export const EMPTY_CUSTOMER_FORM: CustomerFormState = {
  name: '',
  gender: 'unknown',
  phone: '',
  region: undefined,
  tags: [],
}

type Translate = (key: StringKey, params?: StringParams) => string

const characterCount = (text: string): number => Array.from(text).length

export function validateCustomerForm(form: CustomerFormState, t: Translate): CustomerFormErrors {
  const errors: CustomerFormErrors = {}
  const name = form.name.trim()
  if (!name) errors.name = t('nameRequired')
  else if (characterCount(name) > NAME_MAX_LENGTH) errors.name = t('nameTooLong', { max: NAME_MAX_LENGTH })
  if (form.phone.trim() && !isMainlandMobile(form.phone)) errors.phone = t('phoneInvalid')
  return errors
}

/** The request body for POST /api/customers; empty optional fields are left out. */
export function toCustomerInput(form: CustomerFormState): CustomerInput {
  const input: CustomerInput = { name: form.name.trim(), gender: form.gender, tags: form.tags }
  if (form.phone.trim()) input.phone = normalizeMobile(form.phone)
  if (form.region) {
    input.province = form.region.province
    input.city = form.region.city
  }
  return input
}

/** Which form field a server error path such as `phone` or `tags.2` belongs to. */
export function formFieldForServerPath(path: string): CustomerField | undefined {
  const head = path.split(/[.[]/)[0]
  switch (head) {
    case 'name':
    case 'gender':
    case 'phone':
    case 'tags':
      return head
    case 'province':
    case 'city':
      return 'region'
    default:
      return undefined
  }
}

/** Spreads a 422's `details` over the fields, keeping the first message for each. */
export function errorsFromServerDetails(details: FieldError[], fallbackMessage: string): CustomerFormErrors {
  const errors: CustomerFormErrors = {}
  for (const detail of details) {
    const key = formFieldForServerPath(detail.field) ?? 'form'
    errors[key] ??= detail.message
  }
  if (Object.keys(errors).length === 0) errors.form = fallbackMessage
  return errors
}

export type AddTagResult = { tags: string[] } | { error: 'tagTooLong' | 'tagLimitReached' }

/** Adds a typed tag unless it is empty, already there, too long, or one too many. */
export function addTag(tags: string[], typed: string): AddTagResult {
  const tag = typed.trim()
  if (!tag || tags.includes(tag)) return { tags }
  if (characterCount(tag) > TAG_MAX_LENGTH) return { error: 'tagTooLong' }
  if (tags.length >= TAG_MAX_COUNT) return { error: 'tagLimitReached' }
  return { tags: [...tags, tag] }
}

export function toggleTag(tags: string[], tag: string): AddTagResult {
  return tags.includes(tag) ? { tags: tags.filter((existing) => existing !== tag) } : addTag(tags, tag)
}
