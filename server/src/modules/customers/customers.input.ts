import type { DbClient } from '../../access/customers.js'
import { Prisma } from '../../generated/prisma/client.js'
import type { PhoneType, AddressType } from '../../generated/prisma/enums.js'
import { AppError, type FieldProblem } from '../../http/errors.js'
import { multiLine } from '../../http/schemas.js'
import type { DataCipher } from '../../lib/crypto.js'
import { normalisePhone } from '../../lib/phone.js'
import { phoneTailTerms } from '../../lib/search-terms.js'
import { resolveRegion } from '../../lib/regions.js'
import type { CustomerInputData, CustomFieldValueData } from './customers.schemas.js'

/**
 * Turns validated request bodies into rows: phones to E.164, emails and address lines sealed with blind
 * indexes, region codes named, references and custom field values checked. Problems are collected so one
 * answer names every offending field.
 */

export class Problems {
  readonly list: FieldProblem[] = []
  add(problem: FieldProblem): void {
    this.list.push(problem)
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new AppError('VALIDATION_FAILED', { fieldProblems: this.list })
  }
}

export interface PreparedPhone {
  field: string
  numberHash: string
  row: {
    /** Set for a kept entry: it is written back under its own id. */
    id?: string
    type: PhoneType
    numberEncrypted: Uint8Array<ArrayBuffer>
    keyId: string
    numberHash: string
    last4Hash: string
    tailTerms: string[]
    isPrimary: boolean
    sortOrder: number
  }
}

export interface PreparedEmail {
  field: string
  addressHash: string
  row: { id?: string; addressEncrypted: Uint8Array<ArrayBuffer>; keyId: string; addressHash: string; isPrimary: boolean; sortOrder: number }
}

/** The stored columns a kept phone or email is written back with (sealed values are copied, never opened). */
export interface StoredPhone {
  id: string
  numberEncrypted: Uint8Array<ArrayBuffer>
  keyId: string
  numberHash: string
  last4Hash: string
  tailTerms: string[]
}
export interface StoredEmail {
  id: string
  addressEncrypted: Uint8Array<ArrayBuffer>
  keyId: string
  addressHash: string
}

export interface PreparedAddress {
  type: AddressType
  provinceCode: string | null
  provinceName: string | null
  cityCode: string | null
  cityName: string | null
  districtCode: string | null
  districtName: string | null
  streetEncrypted: Uint8Array<ArrayBuffer> | null
  houseNumberEncrypted: Uint8Array<ArrayBuffer> | null
  keyId: string | null
  postcode: string | null
  isPrimary: boolean
  sortOrder: number
}

/** Index of the primary entry: the one marked, else the first; two marked is a problem on the second. */
const primaryIndex = (items: { primary: boolean }[], field: string, problems: Problems): number => {
  const marked = items.flatMap((item, index) => (item.primary ? [index] : []))
  if (marked.length > 1) problems.add({ field: `${field}.${marked[1]}.primary`, messageKey: 'validation.one_primary' })
  return marked[0] ?? 0
}

export const createInputPreparer = (cipher: DataCipher) => {
  /**
   * `stored` are the record's current entries: an input naming one of them by id keeps it as it is (type and
   * primary may change), so a form can save without ever holding the full number.
   */
  const phones = (input: NonNullable<CustomerInputData['phones']>, problems: Problems, stored: readonly StoredPhone[] = []): PreparedPhone[] => {
    const primary = primaryIndex(input, 'phones', problems)
    const seen = new Map<string, PreparedPhone>()
    input.forEach((phone, index) => {
      if (phone.id !== undefined) {
        const kept = stored.find((entry) => entry.id === phone.id)
        if (kept === undefined) {
          problems.add({ field: `phones.${index}.id`, messageKey: 'validation.entry_unknown' })
          return
        }
        const already = seen.get(kept.numberHash)
        if (already !== undefined) {
          already.row.isPrimary ||= index === primary
          return
        }
        seen.set(kept.numberHash, {
          field: `phones.${index}.id`,
          numberHash: kept.numberHash,
          row: {
            id: kept.id,
            type: phone.type,
            numberEncrypted: kept.numberEncrypted,
            keyId: kept.keyId,
            numberHash: kept.numberHash,
            last4Hash: kept.last4Hash,
            tailTerms: kept.tailTerms,
            isPrimary: index === primary,
            sortOrder: seen.size,
          },
        })
        return
      }
      const parsed = normalisePhone(phone.number ?? '')
      if (parsed === null) {
        problems.add({ field: `phones.${index}.number`, messageKey: 'validation.phone_number' })
        return
      }
      const numberHash = cipher.blindIndex('phone', parsed.e164)
      const already = seen.get(numberHash)
      // The same number twice in one form is one number; it stays primary if either entry was.
      if (already !== undefined) {
        already.row.isPrimary ||= index === primary
        return
      }
      const sealed = cipher.seal(parsed.e164)
      seen.set(numberHash, {
        field: `phones.${index}.number`,
        numberHash,
        row: {
          type: phone.type,
          numberEncrypted: sealed.ciphertext,
          keyId: sealed.keyId,
          numberHash,
          last4Hash: cipher.blindIndex('phone_last4', parsed.last4),
          tailTerms: phoneTailTerms(cipher, parsed.e164),
          isPrimary: index === primary,
          sortOrder: seen.size,
        },
      })
    })
    return ensureOnePrimary([...seen.values()])
  }

  const emails = (input: NonNullable<CustomerInputData['emails']>, problems: Problems, stored: readonly StoredEmail[] = []): PreparedEmail[] => {
    const primary = primaryIndex(input, 'emails', problems)
    const seen = new Map<string, PreparedEmail>()
    input.forEach((email, index) => {
      if (email.id !== undefined) {
        const kept = stored.find((entry) => entry.id === email.id)
        if (kept === undefined) {
          problems.add({ field: `emails.${index}.id`, messageKey: 'validation.entry_unknown' })
          return
        }
        const already = seen.get(kept.addressHash)
        if (already !== undefined) {
          already.row.isPrimary ||= index === primary
          return
        }
        seen.set(kept.addressHash, {
          field: `emails.${index}.id`,
          addressHash: kept.addressHash,
          row: {
            id: kept.id,
            addressEncrypted: kept.addressEncrypted,
            keyId: kept.keyId,
            addressHash: kept.addressHash,
            isPrimary: index === primary,
            sortOrder: seen.size,
          },
        })
        return
      }
      const address = email.address ?? ''
      const addressHash = cipher.blindIndex('email', address.toLowerCase())
      const already = seen.get(addressHash)
      if (already !== undefined) {
        already.row.isPrimary ||= index === primary
        return
      }
      const sealed = cipher.seal(address)
      seen.set(addressHash, {
        field: `emails.${index}.address`,
        addressHash,
        row: { addressEncrypted: sealed.ciphertext, keyId: sealed.keyId, addressHash, isPrimary: index === primary, sortOrder: seen.size },
      })
    })
    return ensureOnePrimary([...seen.values()])
  }

  const addresses = (input: NonNullable<CustomerInputData['addresses']>, problems: Problems): PreparedAddress[] => {
    const primary = primaryIndex(input, 'addresses', problems)
    return input.flatMap((address, index) => {
      const region = resolveRegion(address)
      if ('problem' in region) {
        problems.add({ field: `addresses.${index}.${region.problem}`, messageKey: 'validation.region_unknown' })
        return []
      }
      const street = cipher.sealOptional(address.street)
      const houseNumber = cipher.sealOptional(address.houseNumber)
      return [
        {
          type: address.type,
          ...region,
          streetEncrypted: street?.ciphertext ?? null,
          houseNumberEncrypted: houseNumber?.ciphertext ?? null,
          keyId: street?.keyId ?? houseNumber?.keyId ?? null,
          postcode: address.postcode ?? null,
          isPrimary: index === primary,
          sortOrder: index,
        },
      ]
    })
  }

  return { phones, emails, addresses }
}

const ensureOnePrimary = <T extends { row: { isPrimary: boolean } }>(items: T[]): T[] => {
  const first = items[0]
  if (first !== undefined && !items.some((item) => item.row.isPrimary)) first.row.isPrimary = true
  return items
}

/** Checks that tags, groups and the level exist; problems are named by their position in the input. */
export const checkReferences = async (
  tx: DbClient,
  input: { tagIds?: string[] | undefined; groupIds?: string[] | undefined; levelId?: string | null | undefined },
  problems: Problems,
): Promise<void> => {
  const [tags, groups, level] = await Promise.all([
    input.tagIds === undefined || input.tagIds.length === 0
      ? []
      : tx.tag.findMany({ where: { id: { in: input.tagIds } }, select: { id: true } }),
    input.groupIds === undefined || input.groupIds.length === 0
      ? []
      : tx.group.findMany({ where: { id: { in: input.groupIds } }, select: { id: true } }),
    input.levelId === undefined || input.levelId === null ? null : tx.customerLevel.findUnique({ where: { id: input.levelId } }),
  ])
  const tagIds = new Set(tags.map((tag) => tag.id))
  input.tagIds?.forEach((id, index) => {
    if (!tagIds.has(id)) problems.add({ field: `tagIds.${index}`, messageKey: 'validation.tag_not_found' })
  })
  const groupIds = new Set(groups.map((group) => group.id))
  input.groupIds?.forEach((id, index) => {
    if (!groupIds.has(id)) problems.add({ field: `groupIds.${index}`, messageKey: 'validation.group_not_found' })
  })
  if (input.levelId !== undefined && input.levelId !== null && level === null) {
    problems.add({ field: 'levelId', messageKey: 'validation.level_not_found' })
  }
}

/** Ids of the tags with these names, creating the missing ones (concurrent creators end up with the same tag). */
export const ensureTags = async (tx: DbClient, names: string[] | undefined): Promise<string[]> => {
  if (names === undefined || names.length === 0) return []
  const unique = [...new Set(names)]
  await tx.tag.createMany({ data: unique.map((name) => ({ name })), skipDuplicates: true })
  const tags = await tx.tag.findMany({ where: { name: { in: unique } }, select: { id: true } })
  return tags.map((tag) => tag.id)
}

const text = multiLine(2000)
const dayPattern = /^\d{4}-\d{2}-\d{2}$/
const isDay = (value: string) => dayPattern.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)

const isEmpty = (value: CustomFieldValueData | undefined) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)

/**
 * Validates custom field values against their definitions and returns the values to store: the stored ones
 * with the sent ones applied (null or empty clears a value). On create every required field must have a value;
 * on update a required value can be changed but not cleared, so adding a required field later does not make
 * every older customer uneditable.
 */
export const applyCustomFields = async (
  tx: DbClient,
  sent: Record<string, CustomFieldValueData> | undefined,
  stored: Record<string, CustomFieldValueData>,
  mode: 'create' | 'update',
  problems: Problems,
): Promise<{ values: Record<string, CustomFieldValueData>; changedUniqueKeys: string[] }> => {
  const definitions = await tx.customFieldDefinition.findMany()
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const values: Record<string, CustomFieldValueData> = { ...stored }
  for (const [key, value] of Object.entries(sent ?? {})) {
    const definition = byKey.get(key)
    const field = `customFields.${key}`
    if (definition === undefined) {
      problems.add({ field, messageKey: 'validation.custom_field_unknown' })
      continue
    }
    if (isEmpty(value)) {
      if (definition.required) problems.add({ field, messageKey: 'validation.required' })
      delete values[key]
      continue
    }
    const options = definition.options.join(', ')
    switch (definition.type) {
      case 'text': {
        if (typeof value !== 'string') {
          problems.add({ field, messageKey: 'validation.not_text' })
          break
        }
        const parsed = text.safeParse(value)
        if (parsed.success) values[key] = parsed.data
        else if (value.length > 2000) problems.add({ field, messageKey: 'validation.too_big_string', params: { maximum: 2000 } })
        else problems.add({ field, messageKey: 'validation.no_control_characters' })
        break
      }
      case 'number':
        if (typeof value === 'number' && Number.isFinite(value)) values[key] = value
        else problems.add({ field, messageKey: 'validation.not_a_number' })
        break
      case 'date':
        if (typeof value === 'string' && isDay(value)) values[key] = value
        else problems.add({ field, messageKey: 'validation.date' })
        break
      case 'boolean':
        if (typeof value === 'boolean') values[key] = value
        else problems.add({ field, messageKey: 'validation.not_a_boolean' })
        break
      case 'single_select':
        if (typeof value === 'string' && definition.options.includes(value)) values[key] = value
        else problems.add({ field, messageKey: 'validation.custom_field_option', params: { options } })
        break
      case 'multi_select':
        if (Array.isArray(value) && value.every((item) => definition.options.includes(item))) {
          // Kept in the definition's order, so equal choices are stored equally.
          values[key] = definition.options.filter((option) => value.includes(option))
        } else {
          problems.add({ field, messageKey: 'validation.custom_field_option', params: { options } })
        }
        break
    }
  }
  if (mode === 'create') {
    for (const definition of definitions) {
      if (definition.required && isEmpty(values[definition.key]) && sent?.[definition.key] === undefined) {
        problems.add({ field: `customFields.${definition.key}`, messageKey: 'validation.required' })
      }
    }
  }
  const changedUniqueKeys = definitions
    .filter((definition) => definition.unique && values[definition.key] !== undefined)
    .filter((definition) => mode === 'create' || JSON.stringify(values[definition.key]) !== JSON.stringify(stored[definition.key]))
    .map((definition) => definition.key)
  return { values, changedUniqueKeys }
}

/** 409 CUSTOM_FIELD_NOT_UNIQUE when another live customer holds the same value of a unique field. */
export const checkUniqueCustomFields = async (
  tx: DbClient,
  values: Record<string, CustomFieldValueData>,
  keys: string[],
  excludeId: string | null,
): Promise<void> => {
  const problems: FieldProblem[] = []
  for (const key of keys) {
    const value = JSON.stringify(values[key])
    // Serialises writers of the same value, so two concurrent saves cannot both see it as free.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`custom-field:${key}:${value}`}, 0))`
    // Containment uses the GIN index; the equality then rules out a multi-select that merely includes the value.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM customers
      WHERE deleted_at IS NULL AND custom_fields @> ${JSON.stringify({ [key]: values[key] })}::jsonb
        AND custom_fields -> ${key} = ${value}::jsonb
        ${excludeId === null ? Prisma.empty : Prisma.sql`AND id <> ${excludeId}::uuid`}
      LIMIT 1`
    const existing = rows[0]
    if (existing !== undefined) {
      problems.push({
        field: `customFields.${key}`,
        messageKey: 'validation.custom_field_not_unique',
        extra: { existingCustomerId: existing.id },
      })
    }
  }
  if (problems.length > 0) throw new AppError('CUSTOM_FIELD_NOT_UNIQUE', { fieldProblems: problems })
}

export interface DuplicateHit {
  field: string
  kind: 'phone' | 'email'
  existingCustomerId: string
}

/**
 * Other live customers holding one of these phone numbers or emails (by blind index). Takes a transaction
 * lock per value first, so two saves of the same new number cannot both find it free.
 */
export const findDuplicates = async (
  tx: DbClient,
  {
    phones,
    emails,
    excludeId,
    lock = true,
  }: {
    phones: { field: string; numberHash: string }[]
    emails: { field: string; addressHash: string }[]
    excludeId: string | null
    /** False for a mere look-up outside a write. */
    lock?: boolean
  },
): Promise<DuplicateHit[]> => {
  const keys = [...phones.map((phone) => `phone:${phone.numberHash}`), ...emails.map((email) => `email:${email.addressHash}`)].sort()
  if (lock) for (const key of keys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`
  const exclude = excludeId === null ? Prisma.empty : Prisma.sql`AND c.id <> ${excludeId}::uuid`
  const [phoneRows, emailRows] = await Promise.all([
    phones.length === 0
      ? []
      : tx.$queryRaw<{ hash: string; id: string }[]>`
          SELECT DISTINCT ON (p.number_hash) p.number_hash AS hash, c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
          WHERE p.number_hash = ANY(${phones.map((phone) => phone.numberHash)}) AND c.deleted_at IS NULL ${exclude}
          ORDER BY p.number_hash, c.created_at`,
    emails.length === 0
      ? []
      : tx.$queryRaw<{ hash: string; id: string }[]>`
          SELECT DISTINCT ON (e.address_hash) e.address_hash AS hash, c.id FROM customer_emails e JOIN customers c ON c.id = e.customer_id
          WHERE e.address_hash = ANY(${emails.map((email) => email.addressHash)}) AND c.deleted_at IS NULL ${exclude}
          ORDER BY e.address_hash, c.created_at`,
  ])
  const phoneOwners = new Map(phoneRows.map((row) => [row.hash, row.id]))
  const emailOwners = new Map(emailRows.map((row) => [row.hash, row.id]))
  return [
    ...phones.flatMap((phone) => {
      const id = phoneOwners.get(phone.numberHash)
      return id === undefined ? [] : [{ field: phone.field, kind: 'phone' as const, existingCustomerId: id }]
    }),
    ...emails.flatMap((email) => {
      const id = emailOwners.get(email.addressHash)
      return id === undefined ? [] : [{ field: email.field, kind: 'email' as const, existingCustomerId: id }]
    }),
  ]
}
