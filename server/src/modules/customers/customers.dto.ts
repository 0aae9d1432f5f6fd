import type { CustomerDetailRow, CustomerSummaryRow, CustomerSummarySource } from '../../access/customers.js'
import type { Prisma } from '../../generated/prisma/client.js'
import type { DataCipher } from '../../lib/crypto.js'
import { displayPhone, maskEmail, maskPhone } from '../../lib/phone.js'
import type {
  CustomerDto,
  CustomerSummaryDto,
  CustomFieldValueData,
  TrashedCustomerDto,
} from './customers.schemas.js'

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString())
const money = (value: Prisma.Decimal | null): string | null => (value === null ? null : value.toFixed(2))
export const isoDay = (date: Date | null): string | null => (date === null ? null : date.toISOString().slice(0, 10))

/** Whole years between the birthday and today (dates are kept as calendar days, compared in UTC). */
export const ageOn = (birthday: Date | null, today = new Date()): number | null => {
  if (birthday === null) return null
  let age = today.getUTCFullYear() - birthday.getUTCFullYear()
  const beforeBirthday =
    today.getUTCMonth() < birthday.getUTCMonth() ||
    (today.getUTCMonth() === birthday.getUTCMonth() && today.getUTCDate() < birthday.getUTCDate())
  if (beforeBirthday) age -= 1
  return Math.max(age, 0)
}

export const customFieldsOf = (value: Prisma.JsonValue): Record<string, CustomFieldValueData> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, CustomFieldValueData>)
    : {}

/**
 * Row → API shapes. Encrypted values are opened here, on the way out, and nowhere else in this module. Phones
 * and emails leave masked for every role: the full values come only from the audited reveal.
 */
export const createCustomerMapper = (cipher: DataCipher) => {
  const summary = (row: CustomerSummarySource): CustomerSummaryDto => {
    const primaryPhone = row.phones.find((phone) => phone.isPrimary) ?? row.phones[0]
    const primaryEmail = row.emails.find((email) => email.isPrimary) ?? row.emails[0]
    const primaryAddress = row.addresses.find((address) => address.isPrimary) ?? row.addresses[0]
    return {
      id: row.id,
      version: row.version,
      name: row.name,
      gender: row.gender,
      age: ageOn(row.birthday),
      company: row.company,
      primaryPhone: primaryPhone === undefined ? null : maskPhone(cipher.open(primaryPhone.numberEncrypted, primaryPhone.keyId)),
      primaryEmail: primaryEmail === undefined ? null : maskEmail(cipher.open(primaryEmail.addressEncrypted, primaryEmail.keyId)),
      provinceName: primaryAddress?.provinceName ?? null,
      cityName: primaryAddress?.cityName ?? null,
      level:
        row.level === null
          ? null
          : { id: row.level.id, name: row.level.name, color: row.level.color, sortOrder: row.level.sortOrder, isDefault: row.level.isDefault },
      lifecycleStatus: row.lifecycleStatus,
      source: row.source,
      tags: row.tags.map(({ tag }) => ({ id: tag.id, name: tag.name, color: tag.color })),
      groups: row.groups.map(({ group }) => ({ id: group.id, name: group.name, parentId: group.parentId })),
      owner: row.owner,
      orderCount: row.orderCount,
      totalSpent: row.totalSpent.toFixed(2),
      lastPurchaseAt: iso(row.lastPurchaseAt),
      lastContactAt: iso(row.lastContactAt),
      lastActivityAt: row.lastActivityAt.toISOString(),
      customFields: customFieldsOf(row.customFields),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }
  }

  const detail = (row: CustomerDetailRow): CustomerDto => ({
    ...summary(row),
    birthday: isoDay(row.birthday),
    occupation: row.occupation,
    industry: row.industry,
    notes: row.notes,
    consent: {
      marketing: row.consentMarketing,
      givenAt: iso(row.consentGivenAt),
      channel: row.consentChannel,
      note: row.consentNote,
    },
    phones: row.phones.map((phone) => {
      const masked = maskPhone(cipher.open(phone.numberEncrypted, phone.keyId))
      return { id: phone.id, type: phone.type, number: masked, display: masked, primary: phone.isPrimary, masked: true as const }
    }),
    emails: row.emails.map((email) => ({
      id: email.id,
      address: maskEmail(cipher.open(email.addressEncrypted, email.keyId)),
      primary: email.isPrimary,
      masked: true as const,
    })),
    addresses: row.addresses.map((address) => ({
      id: address.id,
      type: address.type,
      provinceCode: address.provinceCode,
      provinceName: address.provinceName,
      cityCode: address.cityCode,
      cityName: address.cityName,
      districtCode: address.districtCode,
      districtName: address.districtName,
      street: address.streetEncrypted === null || address.keyId === null ? null : cipher.open(address.streetEncrypted, address.keyId),
      houseNumber:
        address.houseNumberEncrypted === null || address.keyId === null ? null : cipher.open(address.houseNumberEncrypted, address.keyId),
      postcode: address.postcode,
      primary: address.isPrimary,
    })),
    metrics: {
      orderCount: row.orderCount,
      totalSpent: row.totalSpent.toFixed(2),
      averageOrderValue: money(row.averageOrderValue),
      firstPurchaseAt: iso(row.firstPurchaseAt),
      lastPurchaseAt: iso(row.lastPurchaseAt),
      purchaseFrequencyDays: row.purchaseFrequencyDays,
    },
    mergedFrom: row.mergedFrom.map((merged) => ({
      id: merged.id,
      name: merged.name,
      // A merged customer is trashed by the merge itself; it keeps that time unless restored and trashed again.
      mergedAt: (merged.deletedAt ?? row.updatedAt).toISOString(),
    })),
  })

  const trashed = (row: CustomerSummaryRow): TrashedCustomerDto => ({
    ...summary(row),
    deletedAt: (row.deletedAt ?? row.updatedAt).toISOString(),
    deletedBy: row.deletedBy,
  })

  /** The full values, for the audited reveal only. */
  const revealPhones = (phones: readonly { id: string; numberEncrypted: Uint8Array; keyId: string }[]) =>
    phones.map((phone) => {
      const number = cipher.open(phone.numberEncrypted, phone.keyId)
      return { id: phone.id, number, display: displayPhone(number) }
    })
  const revealEmails = (emails: readonly { id: string; addressEncrypted: Uint8Array; keyId: string }[]) =>
    emails.map((email) => ({ id: email.id, address: cipher.open(email.addressEncrypted, email.keyId) }))

  return { summary, detail, trashed, revealPhones, revealEmails }
}

export type CustomerMapper = ReturnType<typeof createCustomerMapper>
