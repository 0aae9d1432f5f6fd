import type { AddressInput, CustomerDetail, CustomerInput, CustomerPatch, EmailInput, PhoneType } from '../api/types'
import { emptyPhoneRow, toCustomerPayload, type CustomerFormState, type PhoneRow } from './customer-form'

// The edit page shows one email, one address and one group, like the register form, while a customer may
// have several (added in the console). The save therefore sends only what was changed, and a changed list
// keeps the entries the form does not show. Stored phones and emails arrive masked; they are kept by `{ id }`.

const primaryFirst = <Entry extends { primary: boolean }>(entries: readonly Entry[]): Entry[] =>
  [...entries].sort((a, b) => Number(b.primary) - Number(a.primary))

/** The entries of a list the form shows: the primary one (or the first). */
const shownEmail = (customer: CustomerDetail) => primaryFirst(customer.emails)[0]
const shownAddress = (customer: CustomerDetail) => primaryFirst(customer.addresses)[0]

/** The form filled with a stored customer. */
export function formFromCustomer(customer: CustomerDetail): CustomerFormState {
  const phones: PhoneRow[] = primaryFirst(customer.phones).map((phone) => ({
    id: phone.id,
    type: phone.type as PhoneType,
    number: phone.display,
  }))
  const email = shownEmail(customer)
  const address = shownAddress(customer)
  const region =
    address?.provinceCode && address.provinceName && address.cityCode && address.cityName
      ? {
          provinceCode: address.provinceCode,
          provinceName: address.provinceName,
          cityCode: address.cityCode,
          cityName: address.cityName,
          ...(address.districtCode && address.districtName ? { districtCode: address.districtCode, districtName: address.districtName } : {}),
        }
      : undefined
  return {
    name: customer.name,
    gender: customer.gender,
    birthday: customer.birthday ?? '',
    occupation: customer.occupation ?? '',
    company: customer.company ?? '',
    industry: customer.industry ?? '',
    phones: phones.length ? phones : [emptyPhoneRow()],
    email: email?.address ?? '',
    emailId: email?.id,
    region,
    street: address?.street ?? '',
    houseNumber: address?.houseNumber ?? '',
    tagIds: customer.tags.map((tag) => tag.id),
    newTags: [],
    groupId: customer.groups[0]?.id,
    source: customer.source ?? '',
    marketingConsent: customer.consent.marketing,
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

const TEXT_FIELDS = ['name', 'gender', 'birthday', 'occupation', 'company', 'industry', 'source'] as const

export interface CustomerEdit {
  /** Fields that changed, with the version the customer was read at. */
  patch: CustomerPatch
  /** The form row of each phone sent (to place server errors). */
  phoneRows: number[]
  changed: boolean
}

/** The PATCH body for what the staff member changed between `original` and `edited` (both forms of `customer`). */
export function toCustomerPatch(customer: CustomerDetail, original: CustomerFormState, edited: CustomerFormState): CustomerEdit {
  const before: CustomerInput = toCustomerPayload(original).body
  const { body: after, phoneRows } = toCustomerPayload(edited)
  const patch: CustomerPatch = { version: customer.version }

  for (const field of TEXT_FIELDS) {
    // A field emptied in the form is cleared on the record (null); the name and gender are always there.
    if (!same(before[field], after[field])) Object.assign(patch, { [field]: after[field] ?? null })
  }
  if (!same(before.phones, after.phones)) patch.phones = after.phones ?? []
  if (!same(before.emails, after.emails)) {
    const shown = shownEmail(customer)
    const others: EmailInput[] = customer.emails.filter((email) => email.id !== shown?.id).map((email) => ({ id: email.id, primary: false }))
    patch.emails = [...(after.emails ?? []), ...others]
  }
  if (!same(before.addresses, after.addresses)) {
    const shown = shownAddress(customer)
    const edited = after.addresses?.[0]
    // The form does not show the type or the postcode: the shown address keeps its own.
    const kept: AddressInput[] = edited ? [{ ...edited, type: shown?.type ?? edited.type, ...(shown?.postcode ? { postcode: shown.postcode } : {}) }] : []
    const others: AddressInput[] = customer.addresses
      .filter((address) => address.id !== shown?.id)
      .map((address) => ({
        type: address.type,
        provinceCode: address.provinceCode,
        cityCode: address.cityCode,
        districtCode: address.districtCode,
        street: address.street,
        houseNumber: address.houseNumber,
        postcode: address.postcode,
        primary: false,
      }))
    patch.addresses = [...kept, ...others]
  }
  if (!same(before.tagIds, after.tagIds) || !same(before.newTags, after.newTags)) {
    patch.tagIds = after.tagIds ?? []
    if (after.newTags?.length) patch.newTags = after.newTags
  }
  if (original.groupId !== edited.groupId) {
    const others = customer.groups.map((group) => group.id).filter((id) => id !== original.groupId)
    patch.groupIds = edited.groupId ? [edited.groupId, ...others.filter((id) => id !== edited.groupId)] : others
  }
  if (original.marketingConsent !== edited.marketingConsent) patch.consent = { marketing: edited.marketingConsent, channel: 'miniapp' }

  return { patch, phoneRows, changed: Object.keys(patch).length > 1 }
}
