import type { AddressInput, CustomerInput, FieldError, Gender, PhoneInput, PhoneType, Tag } from '../api/types'
import type { StringKey, StringParams } from '../i18n/strings'
import type { RegionSelection } from '../regions/region-tree'
import { isMainlandMobile, isPlausiblePhone, normalizeMobile } from '../validation/phone'

// Limits of CustomerInput in the API contract, checked here too so that mistakes show before sending.
export const NAME_MAX_LENGTH = 50
export const EMAIL_MAX_LENGTH = 254
export const TAG_MAX_LENGTH = 20
export const TAG_MAX_COUNT = 20
export const PHONE_NUMBER_MAX_LENGTH = 40
// The API takes ten; more than five phones for one walk-in customer is a typing slip.
export const PHONE_MAX_COUNT = 5

/** The free-text fields and their longest accepted value. */
export const TEXT_MAX_LENGTHS = {
  occupation: 50,
  company: 100,
  industry: 50,
  source: 50,
  street: 100,
  houseNumber: 50,
} as const

export type FreeTextField = keyof typeof TEXT_MAX_LENGTHS

export interface PhoneRow {
  type: PhoneType
  number: string
  /** Set on the edit page for a stored phone that is kept: `number` is then its masked text, shown only,
   * and the save sends `{ id }` (the full number never reaches the phone). */
  id?: string
}

export interface CustomerFormState {
  name: string
  gender: Gender
  /** `YYYY-MM-DD`, or empty when not given. */
  birthday: string
  occupation: string
  company: string
  industry: string
  /** In the order shown; the first filled one is the primary number. */
  phones: PhoneRow[]
  email: string
  /** Like PhoneRow.id: the stored email kept as it is, `email` holding its masked text. */
  emailId?: string
  region?: RegionSelection
  street: string
  houseNumber: string
  /** Existing tags, by id. */
  tagIds: string[]
  /** Tags typed in that do not exist yet; the server creates them with the customer. */
  newTags: string[]
  groupId?: string
  source: string
  marketingConsent: boolean
}

/** The single-valued fields of the form. */
export type CustomerField =
  | 'name'
  | 'gender'
  | 'birthday'
  | 'occupation'
  | 'company'
  | 'industry'
  | 'email'
  | 'region'
  | 'street'
  | 'houseNumber'
  | 'tags'
  | 'group'
  | 'source'
  | 'consent'

/** A phone row, by its position in the form. */
export type PhoneRowKey = `phones.${number}`

/** Where an error or a duplicate notice is shown: a field, a phone row, or the form as a whole. */
export type FormSlot = CustomerField | PhoneRowKey | 'form'

export type CustomerFormErrors = Partial<Record<FormSlot, string>>

export const phoneRowKey = (row: number): PhoneRowKey => `phones.${row}`

export const emptyPhoneRow = (): PhoneRow => ({ type: 'mobile', number: '' })

/** A blank form; the source starts with the default of the staff member's language (see the README). */
export function emptyCustomerForm(defaultSource: string): CustomerFormState {
  return {
    name: '',
    gender: 'unknown',
    birthday: '',
    occupation: '',
    company: '',
    industry: '',
    phones: [emptyPhoneRow()],
    email: '',
    region: undefined,
    street: '',
    houseNumber: '',
    tagIds: [],
    newTags: [],
    groupId: undefined,
    source: defaultSource,
    marketingConsent: false,
  }
}

type Translate = (key: StringKey, params?: StringParams) => string

export const characterCount = (text: string): number => Array.from(text).length

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Checks a phone row as typed; an empty row is fine (it is left out). */
export function phoneRowError(row: PhoneRow, t: Translate): string | undefined {
  if (row.id || !row.number.trim()) return undefined
  if (row.type === 'mobile') return isMainlandMobile(row.number) ? undefined : t('phoneInvalid')
  return isPlausiblePhone(row.number) ? undefined : t('landlineInvalid')
}

/** Checks the email as typed; empty is fine. */
export function emailError(email: string, t: Translate): string | undefined {
  const trimmed = email.trim()
  if (!trimmed) return undefined
  return EMAIL_SHAPE.test(trimmed) && trimmed.length <= EMAIL_MAX_LENGTH ? undefined : t('emailInvalid')
}

export function validateCustomerForm(form: CustomerFormState, t: Translate): CustomerFormErrors {
  const errors: CustomerFormErrors = {}
  const name = form.name.trim()
  if (!name) errors.name = t('nameRequired')
  else if (characterCount(name) > NAME_MAX_LENGTH) errors.name = t('nameTooLong', { max: NAME_MAX_LENGTH })
  form.phones.forEach((row, index) => {
    const message = phoneRowError(row, t)
    if (message) errors[phoneRowKey(index)] = message
  })
  const invalidEmail = form.emailId ? undefined : emailError(form.email, t)
  if (invalidEmail) errors.email = invalidEmail
  for (const [field, max] of Object.entries(TEXT_MAX_LENGTHS) as Array<[FreeTextField, number]>) {
    if (characterCount(form[field].trim()) > max) errors[field] = t('textTooLong', { max })
  }
  return errors
}

/** The number as sent: mobiles without separators or country prefix; other numbers as typed (the server
 * parses them). */
export function phoneForRequest(row: PhoneRow): string {
  return row.type === 'mobile' ? normalizeMobile(row.number) : row.number.trim()
}

/** The request body, and for each phone it sends the form row it came from (empty rows are skipped, so a
 * server error on `phones.1` may belong to the third row). */
export interface CustomerPayload {
  body: CustomerInput
  phoneRows: number[]
}

const filled = (text: string): string | undefined => text.trim() || undefined

/** The body of POST /api/customers; empty optional fields are left out. */
export function toCustomerPayload(form: CustomerFormState): CustomerPayload {
  const body: CustomerInput = { name: form.name.trim(), gender: form.gender }
  if (form.birthday) body.birthday = form.birthday
  const texts = { occupation: form.occupation, company: form.company, industry: form.industry, source: form.source }
  for (const [field, text] of Object.entries(texts) as Array<[keyof typeof texts, string]>) {
    const value = filled(text)
    if (value) body[field] = value
  }

  const phoneRows: number[] = []
  const phones: PhoneInput[] = []
  form.phones.forEach((row, index) => {
    if (!row.id && !row.number.trim()) return
    const primary = phones.length === 0
    phones.push(row.id ? { id: row.id, type: row.type, primary } : { type: row.type, number: phoneForRequest(row), primary })
    phoneRows.push(index)
  })
  if (phones.length) body.phones = phones

  const email = filled(form.email)
  if (form.emailId) body.emails = [{ id: form.emailId, primary: true }]
  else if (email) body.emails = [{ address: email, primary: true }]

  const street = filled(form.street)
  const houseNumber = filled(form.houseNumber)
  if (form.region || street || houseNumber) {
    const address: AddressInput = { type: 'home', primary: true }
    if (form.region) {
      address.provinceCode = form.region.provinceCode
      address.cityCode = form.region.cityCode
      if (form.region.districtCode) address.districtCode = form.region.districtCode
    }
    if (street) address.street = street
    if (houseNumber) address.houseNumber = houseNumber
    body.addresses = [address]
  }

  if (form.tagIds.length) body.tagIds = form.tagIds
  if (form.newTags.length) body.newTags = form.newTags
  if (form.groupId) body.groupIds = [form.groupId]
  // Recorded either way, so the customer's answer and where it was given are on file.
  body.consent = { marketing: form.marketingConsent, channel: 'miniapp' }
  return { body, phoneRows }
}

const SAME_NAMED_FIELDS: ReadonlySet<string> = new Set<CustomerField>([
  'name',
  'gender',
  'birthday',
  'occupation',
  'company',
  'industry',
  'source',
  'consent',
])

/**
 * Where a server error path belongs on the form: `phones.1.number` on the phone row it was sent from,
 * `emails.0.address` on the email, `addresses.0.cityCode` on the region, `addresses.0.street` on the street,
 * `tagIds.2` / `newTags.0` on the tags, `groupIds.0` on the group. Unknown paths belong to no field.
 */
export function formSlotForServerPath(path: string, phoneRows: readonly number[]): FormSlot | undefined {
  const [head, index, leaf] = path.split(/[.[\]]+/).filter(Boolean)
  if (SAME_NAMED_FIELDS.has(head)) return head as CustomerField
  switch (head) {
    case 'phones': {
      const sentIndex = Number(index ?? 0)
      return phoneRowKey(Number.isInteger(sentIndex) ? (phoneRows[sentIndex] ?? sentIndex) : 0)
    }
    case 'emails':
      return 'email'
    case 'addresses':
      if (leaf === 'street') return 'street'
      if (leaf === 'houseNumber') return 'houseNumber'
      return 'region'
    case 'tagIds':
    case 'newTags':
      return 'tags'
    case 'groupIds':
      return 'group'
    default:
      return undefined
  }
}

/** Spreads a 422's `details` over the form, keeping the first message for each place. */
export function errorsFromServerDetails(
  details: readonly FieldError[],
  phoneRows: readonly number[],
  fallbackMessage: string,
): CustomerFormErrors {
  const errors: CustomerFormErrors = {}
  for (const detail of details) {
    const slot = formSlotForServerPath(detail.field, phoneRows) ?? 'form'
    errors[slot] ??= detail.message
  }
  if (Object.keys(errors).length === 0) errors.form = fallbackMessage
  return errors
}

/**
 * Things keyed by phone row (errors, duplicate notices) after row `removed` is deleted: its own entry goes,
 * later rows move up one.
 */
export function withoutPhoneRow<Value>(
  bySlot: Partial<Record<FormSlot, Value>>,
  removed: number,
): Partial<Record<FormSlot, Value>> {
  const result: Partial<Record<FormSlot, Value>> = {}
  for (const [slot, value] of Object.entries(bySlot) as Array<[FormSlot, Value]>) {
    const match = /^phones\.(\d+)$/.exec(slot)
    if (!match) result[slot] = value
    else if (Number(match[1]) < removed) result[slot] = value
    else if (Number(match[1]) > removed) result[phoneRowKey(Number(match[1]) - 1)] = value
  }
  return result
}

export type TagChange = { tagIds: string[]; newTags: string[] } | { error: 'tagTooLong' | 'tagLimitReached' }

/**
 * Adds a typed tag: an existing tag of that name is selected, anything else becomes a new tag. Nothing
 * changes for an empty or already chosen name; too long or one too many is refused.
 */
export function addTypedTag(form: Pick<CustomerFormState, 'tagIds' | 'newTags'>, typed: string, existing: readonly Tag[]): TagChange {
  const name = typed.trim()
  const unchanged = { tagIds: form.tagIds, newTags: form.newTags }
  if (!name) return unchanged
  const known = existing.find((tag) => tag.name === name)
  if ((known && form.tagIds.includes(known.id)) || form.newTags.includes(name)) return unchanged
  if (form.tagIds.length + form.newTags.length >= TAG_MAX_COUNT) return { error: 'tagLimitReached' }
  if (known) return { tagIds: [...form.tagIds, known.id], newTags: form.newTags }
  if (characterCount(name) > TAG_MAX_LENGTH) return { error: 'tagTooLong' }
  return { tagIds: form.tagIds, newTags: [...form.newTags, name] }
}

/** Selects or unselects an existing tag. */
export function toggleTagId(form: Pick<CustomerFormState, 'tagIds' | 'newTags'>, tagId: string): TagChange {
  if (form.tagIds.includes(tagId)) return { tagIds: form.tagIds.filter((id) => id !== tagId), newTags: form.newTags }
  if (form.tagIds.length + form.newTags.length >= TAG_MAX_COUNT) return { error: 'tagLimitReached' }
  return { tagIds: [...form.tagIds, tagId], newTags: form.newTags }
}

/** A date as `YYYY-MM-DD` in the phone's own time zone (the birthday picker's latest day). */
export function localDateString(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
