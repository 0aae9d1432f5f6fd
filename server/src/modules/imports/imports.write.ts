import { randomUUID } from 'node:crypto'
import { customerDetailInclude, type CustomerAccess } from '../../access/customers.js'
import { diffSnapshots, recordAuditMany, type AuditEntry } from '../../audit/audit.js'
import { Prisma } from '../../generated/prisma/client.js'
import type { AuthenticatedContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { DataCipher } from '../../lib/crypto.js'
import { maskEmail, maskPhone, type NormalisedPhone } from '../../lib/phone.js'
import { emailTerm, groupTerm, phoneBlindIndexes, phoneNumberTerm, pinyinColumns, regionTerm, searchKey, tagTerm, type PinyinColumns } from '../../lib/search-terms.js'
import { refreshPinyin } from '../customers/customers.search-upkeep.js'
import { auditChanges, diffViews, historyView, type CustomerChange } from '../customers/customers.events.js'
import { findDuplicates } from '../customers/customers.input.js'
import { recordCustomerEvents, recordEvents } from '../webhooks/webhook-events.js'
import type { ImportReferences } from './imports.references.js'
import type { AddressValue, ContactRecord, CustomerRecord, OrderRecord } from './imports.rows.js'

/**
 * Writing one batch of checked rows inside the batch's transaction, set-based: one statement per table for the
 * whole batch (rows travel as one JSON array, unpacked by jsonb_to_recordset), never a statement per row.
 * Sealing, blind indexes and pinyin are computed here exactly as the customer service computes them; search
 * terms follow through the database triggers (statement-level on the child tables).
 */

export type Outcome = 'created' | 'updated' | 'skipped'

export interface RowResult {
  rowNumber: number
  outcome: Outcome | 'failed'
  recordId: string | null
  customerId: string | null
  /** A message key for the rows list (why it was skipped, or what it matched). */
  note?: string
}

export interface BatchWriter {
  tx: Prisma.TransactionClient
  ctx: AuthenticatedContext
  cipher: DataCipher
  access: CustomerAccess
  importId: string
  strategy: 'skip' | 'update' | 'create'
  refs: ImportReferences
  /**
   * Whether new customers may be written with the triggers held back (session_replication_role = replica, allowed
   * to superusers or with SET on the parameter): their rows then go in child rows first, each customer once with
   * its search terms, instead of being rewritten by every child table's search trigger.
   */
  holdBackTriggers: boolean
}

const json = (value: unknown) => JSON.stringify(value)
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const isMobile = (e164: string) => /^\+861[3-9]\d{9}$/.test(e164)

/** Every value lock of these phones and emails, in one statement (the same keys the customer service takes). */
const lockValues = async (tx: Prisma.TransactionClient, keys: string[]) => {
  if (keys.length === 0) return
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${[...new Set(keys)].sort()}::text[]) AS k ORDER BY k`
}

/** The ids of these tag names, creating the missing ones. */
const tagIdsByName = async (tx: Prisma.TransactionClient, names: string[]): Promise<Map<string, string>> => {
  const unique = [...new Set(names)]
  if (unique.length === 0) return new Map()
  const existing = await tx.tag.findMany({ where: { name: { in: unique } }, select: { id: true, name: true } })
  if (existing.length === unique.length) return new Map(existing.map((tag) => [tag.name, tag.id]))
  await tx.tag.createMany({ data: unique.map((name) => ({ name })), skipDuplicates: true })
  const tags = await tx.tag.findMany({ where: { name: { in: unique } }, select: { id: true, name: true } })
  return new Map(tags.map((tag) => [tag.name, tag.id]))
}

interface PhoneRow {
  customer_id: string
  number: string
  key_id: string
  number_hash: string
  last4_hash: string
  tail_terms: string[]
  type: 'mobile' | 'other'
  ordinal: number
}

const sealPhones = (cipher: DataCipher, ownerId: string, phones: readonly NormalisedPhone[]): PhoneRow[] =>
  phones.map((phone, ordinal) => {
    const sealed = cipher.seal(phone.e164)
    const indexes = phoneBlindIndexes(cipher, phone.e164)
    return {
      customer_id: ownerId,
      number: base64(sealed.ciphertext),
      key_id: sealed.keyId,
      number_hash: indexes.numberHash,
      last4_hash: indexes.last4Hash,
      tail_terms: indexes.tailTerms,
      type: isMobile(phone.e164) ? 'mobile' : 'other',
      ordinal,
    }
  })

interface EmailRow {
  customer_id: string
  address: string
  key_id: string
  address_hash: string
  ordinal: number
}

const sealEmails = (cipher: DataCipher, ownerId: string, emails: readonly string[]): EmailRow[] =>
  emails.map((email, ordinal) => {
    const sealed = cipher.seal(email)
    return { customer_id: ownerId, address: base64(sealed.ciphertext), key_id: sealed.keyId, address_hash: cipher.blindIndex('email', email.toLowerCase()), ordinal }
  })

/**
 * Phones and emails are added after the customer's own (a customer without any gets its first as primary);
 * one it already has is left alone.
 */
const insertCustomerPhones = (tx: Prisma.TransactionClient, rows: PhoneRow[]) =>
  rows.length === 0
    ? Promise.resolve(0)
    : tx.$executeRaw`
      INSERT INTO customer_phones (id, customer_id, type, number_encrypted, key_id, number_hash, last4_hash, tail_terms, is_primary, sort_order)
      SELECT gen_random_uuid(), v.customer_id, v.type::phone_type, decode(v.number, 'base64'), v.key_id, v.number_hash, v.last4_hash, v.tail_terms,
        v.ordinal = 0 AND NOT EXISTS (SELECT 1 FROM customer_phones x WHERE x.customer_id = v.customer_id),
        coalesce((SELECT max(x.sort_order) + 1 FROM customer_phones x WHERE x.customer_id = v.customer_id), 0) + v.ordinal
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(customer_id uuid, type text, number text, key_id text, number_hash text, last4_hash text, tail_terms text[], ordinal int)
      ON CONFLICT (customer_id, number_hash) DO NOTHING`

const insertCustomerEmails = (tx: Prisma.TransactionClient, rows: EmailRow[]) =>
  rows.length === 0
    ? Promise.resolve(0)
    : tx.$executeRaw`
      INSERT INTO customer_emails (id, customer_id, address_encrypted, key_id, address_hash, is_primary, sort_order)
      SELECT gen_random_uuid(), v.customer_id, decode(v.address, 'base64'), v.key_id, v.address_hash,
        v.ordinal = 0 AND NOT EXISTS (SELECT 1 FROM customer_emails x WHERE x.customer_id = v.customer_id),
        coalesce((SELECT max(x.sort_order) + 1 FROM customer_emails x WHERE x.customer_id = v.customer_id), 0) + v.ordinal
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(customer_id uuid, address text, key_id text, address_hash text, ordinal int)
      ON CONFLICT (customer_id, address_hash) DO NOTHING`

const linkTags = (tx: Prisma.TransactionClient, links: { customer_id: string; tag_id: string }[]) =>
  links.length === 0
    ? Promise.resolve(0)
    : tx.$executeRaw`
      INSERT INTO customer_tags (customer_id, tag_id)
      SELECT v.customer_id, v.tag_id FROM jsonb_to_recordset(${json(links)}::jsonb) AS v(customer_id uuid, tag_id uuid)
      ON CONFLICT DO NOTHING`

const linkGroups = (tx: Prisma.TransactionClient, links: { customer_id: string; group_id: string }[]) =>
  links.length === 0
    ? Promise.resolve(0)
    : tx.$executeRaw`
      INSERT INTO customer_groups (customer_id, group_id)
      SELECT v.customer_id, v.group_id FROM jsonb_to_recordset(${json(links)}::jsonb) AS v(customer_id uuid, group_id uuid)
      ON CONFLICT DO NOTHING`

interface EventRow {
  customerId: string
  kind: 'created' | 'change'
  payload: Record<string, unknown>
}

/**
 * History events of a batch in one statement (Prisma's createMany binds every value separately, which costs more
 * than the insert itself at 500 rows).
 */
const eventsInsert = (ctx: AuthenticatedContext, events: readonly EventRow[], occurredAt: Date) => Prisma.sql`
  INSERT INTO customer_events (id, customer_id, kind, actor_id, occurred_at, payload)
  SELECT gen_random_uuid(), v.customer_id, v.kind::customer_event_kind, ${ctx.user.id}::uuid, ${occurredAt}::timestamptz, v.payload
  FROM jsonb_to_recordset(${json(events.map((event) => ({ customer_id: event.customerId, kind: event.kind, payload: event.payload })))}::jsonb)
    AS v(customer_id uuid, kind text, payload jsonb)`

const insertEvents = async (tx: Prisma.TransactionClient, ctx: AuthenticatedContext, events: readonly EventRow[], occurredAt: Date) => {
  if (events.length > 0) await tx.$executeRaw`${eventsInsert(ctx, events, occurredAt)}`
}

// ---- customers ----

/** '138****8000': as maskPhone shows a mainland mobile, without parsing it again. */
const maskedNumber = (e164: string) => (isMobile(e164) ? `${e164.slice(3, 6)}****${e164.slice(-4)}` : maskPhone(e164))

/** The history of a new customer: its initial values as changes from nothing (as the customer service records). */
const createdChanges = (record: CustomerRecord, refs: ImportReferences, ownerId: string, levelId: string | null): CustomerChange[] => {
  const phones = record.phones.map((phone, index) => `${maskedNumber(phone.e164)} (${isMobile(phone.e164) ? 'mobile' : 'other'}${index === 0 ? ', primary' : ''})`)
  const emails = record.emails.map((email, index) => (index === 0 ? `${maskEmail(email)} (primary)` : maskEmail(email)))
  const address = record.address
  const view: Record<string, unknown> = {
    name: record.name ?? null,
    gender: record.gender ?? null,
    birthday: record.birthday ?? null,
    occupation: record.occupation ?? null,
    company: record.company ?? null,
    industry: record.industry ?? null,
    source: record.source ?? null,
    level: levelId === null ? null : refs.levelName(levelId),
    lifecycleStatus: record.lifecycleStatus ?? 'new',
    owner: refs.userName(ownerId),
    notes: record.notes ?? null,
    'consent.marketing': record.consentMarketing ?? false,
    'consent.channel': record.consentMarketing === true ? 'import' : null,
    phones,
    emails,
    addresses:
      address === null
        ? []
        : [`home: ${[address.provinceName, address.cityName, address.districtName].filter(Boolean).join('')}${address.street === null ? '' : ' ***'} (primary)`],
    tags: [...record.tags].sort(),
    groups: record.groupIds.map((id) => refs.groupName(id) ?? id).sort(),
    ...Object.fromEntries(Object.entries(record.customFields).map(([key, value]) => [`customFields.${key}`, value])),
  }
  return Object.entries(view)
    .filter(([, to]) => to !== null && to !== false && !(Array.isArray(to) && to.length === 0))
    .map(([field, to]) => ({ field, from: null, to }))
}

/** kezhi_text_terms: each character and each pair of the search key, with their kind letters. */
const textTerms = (text: string | null, single: string, pair: string): string[] => {
  const characters = Array.from(searchKey(text ?? ''))
  return [
    ...characters.map((character) => single + character),
    ...characters.slice(0, -1).map((character, index) => pair + character + (characters[index + 1] ?? '')),
  ]
}

/**
 * The search terms of a customer being created, as kezhi_customer_search_terms (the `search` migrations) derives
 * them from the customer and its child rows, except its tags (known inside the transaction): computed here when
 * the triggers are held back, so each new customer is written once. The import tests compare them with the
 * database function's.
 */
const newCustomerTerms = (record: CustomerRecord, pinyinTerms: readonly string[], phones: readonly PhoneRow[], emails: readonly EmailRow[]): string[] => {
  const key = Array.from(searchKey(record.name ?? ''))
  const address = record.address
  return [
    ...textTerms(record.name ?? '', 'u', 'b'),
    ...textTerms(record.company ?? null, 'c', 'C'),
    ...pinyinTerms,
    `^${key.slice(0, 1).join('')}`,
    ...(key.length >= 2 ? [`^${key.slice(0, 2).join('')}`] : []),
    ...(key.length <= 40 ? [`=${key.join('')}`] : []),
    ...phones.flatMap((phone) => [phoneNumberTerm(phone.number_hash), ...phone.tail_terms]),
    ...emails.map((email) => emailTerm(email.address_hash)),
    ...record.groupIds.map(groupTerm),
    ...[address?.provinceCode, address?.cityCode, address?.districtCode].flatMap((code) => (code === null || code === undefined ? [] : [regionTerm(code)])),
  ]
}

/**
 * A checked row made ready to write, outside the batch's transaction (sealing, blind indexes, pinyin, search
 * terms and history are the costly part, and a run prepares the next batch while the database writes this one).
 * Everything is prepared as for a new customer; a row that turns out to match an existing one uses the sealed
 * phones and emails only.
 */
export interface PreparedCustomer {
  record: CustomerRecord
  newId: string
  phones: PhoneRow[]
  emails: EmailRow[]
  pinyin: PinyinColumns
  terms: string[]
  changes: CustomerChange[]
}

export const prepareCustomers = (
  cipher: DataCipher,
  refs: ImportReferences,
  ctx: AuthenticatedContext,
  records: readonly CustomerRecord[],
): PreparedCustomer[] =>
  records.map((record) => {
    const newId = randomUUID()
    const phones = sealPhones(cipher, newId, record.phones)
    const emails = sealEmails(cipher, newId, record.emails)
    const pinyin = pinyinColumns(record.name ?? '', record.company ?? null)
    return {
      record,
      newId,
      phones,
      emails,
      pinyin,
      terms: newCustomerTerms(record, pinyin.pinyinTerms, phones, emails),
      changes: createdChanges(record, refs, record.ownerId ?? ctx.user.id, record.levelId ?? refs.defaultLevelId),
    }
  })

/** Two rows of one batch matching the same customer update it once, with both rows' values. */
const mergeUpdates = (into: PreparedCustomer, from: PreparedCustomer): PreparedCustomer => ({
  ...into,
  record: {
    ...into.record,
    ...Object.fromEntries(Object.entries(from.record).filter(([, value]) => value !== undefined && !Array.isArray(value) && typeof value !== 'object')),
    tags: [...new Set([...into.record.tags, ...from.record.tags])],
    groupIds: [...new Set([...into.record.groupIds, ...from.record.groupIds])],
    address: into.record.address ?? from.record.address,
    customFields: { ...into.record.customFields, ...from.record.customFields },
  },
  phones: [...into.phones, ...from.phones.filter((phone) => !into.phones.some((mine) => mine.number_hash === phone.number_hash))],
  emails: [...into.emails, ...from.emails.filter((email) => !into.emails.some((mine) => mine.address_hash === email.address_hash))],
})

const ownedBy = <T extends { customer_id: string; ordinal: number }>(rows: readonly T[], customerId: string, from: number): T[] =>
  rows.map((row, index) => ({ ...row, customer_id: customerId, ordinal: from + index }))

/** The address rows of these customers (an update adds one only to a customer without any). */
const addressRows = (cipher: DataCipher, written: readonly { customerId: string; prepared: PreparedCustomer }[], withAddress: ReadonlySet<string>) =>
  written.flatMap(({ customerId, prepared: { record } }) => {
    // Addresses have no blind index to compare, so an existing customer's are left as they are.
    if (record.address === null || withAddress.has(customerId)) return []
    const street = cipher.sealOptional(record.address.street)
    return [{
      customer_id: customerId,
      province_code: record.address.provinceCode,
      province_name: record.address.provinceName,
      city_code: record.address.cityCode,
      city_name: record.address.cityName,
      district_code: record.address.districtCode,
      district_name: record.address.districtName,
      street: street === null ? null : base64(street.ciphertext),
      key_id: street?.keyId ?? null,
    }]
  })

const tagLinks = (written: readonly { customerId: string; prepared: PreparedCustomer }[], tagIds: ReadonlyMap<string, string>) =>
  written.flatMap(({ customerId, prepared: { record } }) => record.tags.flatMap((name) => {
    const tagId = tagIds.get(name)
    return tagId === undefined ? [] : [{ customer_id: customerId, tag_id: tagId }]
  }))

const groupLinks = (written: readonly { customerId: string; prepared: PreparedCustomer }[]) =>
  written.flatMap(({ customerId, prepared: { record } }) => record.groupIds.map((groupId) => ({ customer_id: customerId, group_id: groupId })))

/** Phones, emails, the address, tags and groups of customers just created or updated. */
const writeChildRows = async (
  writer: BatchWriter,
  written: readonly { customerId: string; prepared: PreparedCustomer }[],
  withAddress: ReadonlySet<string>,
  tagIds: ReadonlyMap<string, string>,
) => {
  const { tx, cipher } = writer
  if (written.length === 0) return
  await insertCustomerPhones(tx, written.flatMap(({ customerId, prepared }) => ownedBy(prepared.phones, customerId, 0)))
  await insertCustomerEmails(tx, written.flatMap(({ customerId, prepared }) => ownedBy(prepared.emails, customerId, 0)))
  const addresses = addressRows(cipher, written, withAddress)
  if (addresses.length > 0) {
    await tx.$executeRaw`
      INSERT INTO customer_addresses (id, customer_id, type, province_code, province_name, city_code, city_name, district_code, district_name,
        street_encrypted, key_id, is_primary, sort_order)
      SELECT gen_random_uuid(), v.customer_id, 'home'::address_type, v.province_code, v.province_name, v.city_code, v.city_name,
        v.district_code, v.district_name, decode(v.street, 'base64'), v.key_id, true, 0
      FROM jsonb_to_recordset(${json(addresses)}::jsonb) AS v(customer_id uuid, province_code text, province_name text, city_code text,
        city_name text, district_code text, district_name text, street text, key_id text)`
  }
  await linkTags(tx, tagLinks(written, tagIds))
  await linkGroups(tx, groupLinks(written))
}

/** The history event and audit entry of each new customer. */
const createdTraces = (creates: readonly PreparedCustomer[], importId: string) => ({
  events: creates.map(({ newId, changes }): EventRow => ({ customerId: newId, kind: 'created', payload: { changes, importId } })),
  audits: creates.map(({ newId, record, changes }): AuditEntry => ({
    action: 'create', resource: 'customer', resourceId: newId, customerId: newId, label: record.name ?? null, changes: auditChanges(changes),
    meta: { importId, rowNumber: record.rowNumber },
  })),
})

/**
 * New customers with their child rows, history and audit. With the triggers held back all of it is one statement
 * (data-modifying WITH queries): the child rows and each customer written once with the search terms prepared for
 * it, the rows the foreign keys would have locked (levels, owners, tags, groups) locked in the same statement, and
 * one of them gone meanwhile fails the batch as the key would. Otherwise the customers go first and the
 * triggers keep their search terms.
 */
const insertCreated = async (writer: BatchWriter, creates: readonly PreparedCustomer[], tagIds: ReadonlyMap<string, string>, occurredAt: Date) => {
  const { tx, ctx, refs, cipher, importId } = writer
  if (creates.length === 0) return
  const heldBack = writer.holdBackTriggers
  const rows = creates.map(({ newId, record, pinyin, terms }) => ({
    id: newId,
    name: record.name,
    gender: record.gender ?? 'unknown',
    birthday: record.birthday ?? null,
    occupation: record.occupation ?? null,
    company: record.company ?? null,
    industry: record.industry ?? null,
    source: record.source ?? null,
    level_id: record.levelId ?? refs.defaultLevelId,
    lifecycle_status: record.lifecycleStatus ?? 'new',
    notes: record.notes ?? null,
    owner_id: record.ownerId ?? ctx.user.id,
    consent_marketing: record.consentMarketing ?? false,
    custom_fields: record.customFields,
    pinyin_terms: pinyin.pinyinTerms,
    pinyin_name: pinyin.pinyinName,
    pinyin_company: pinyin.pinyinCompany,
    search_version: pinyin.searchVersion,
    created_at: record.createdAt?.toISOString() ?? null,
    search_terms: heldBack
      ? [...new Set([...terms, ...record.tags.flatMap((name) => {
          const tagId = tagIds.get(name)
          return tagId === undefined ? [] : [tagTerm(tagId)]
        })])].filter((term) => Array.from(term).length > 1)
      : null,
  }))
  const customerColumns = Prisma.sql`id, name, gender, birthday, occupation, company, industry, source, level_id, lifecycle_status, notes, owner_id,
    created_by_id, consent_marketing, consent_given_at, consent_channel, custom_fields, pinyin_terms, pinyin_name, pinyin_company,
    search_version, created_at, updated_at`
  const customerValues = Prisma.sql`v.id, v.name, v.gender::gender, v.birthday, v.occupation, v.company, v.industry, v.source, v.level_id,
    v.lifecycle_status::lifecycle_status, v.notes, v.owner_id, ${ctx.user.id}::uuid, v.consent_marketing,
    CASE WHEN v.consent_marketing THEN now() END, CASE WHEN v.consent_marketing THEN 'import'::consent_channel END,
    v.custom_fields, v.pinyin_terms, v.pinyin_name, v.pinyin_company, v.search_version, coalesce(v.created_at, now()), now()`
  const customerSource = Prisma.sql`jsonb_to_recordset(${json(rows)}::jsonb) AS v(id uuid, name text, gender text, birthday date, occupation text,
    company text, industry text, source text, level_id uuid, lifecycle_status text, notes text, owner_id uuid, consent_marketing boolean,
    custom_fields jsonb, pinyin_terms text[], pinyin_name text, pinyin_company text, search_version smallint, created_at timestamptz,
    search_terms text[])`
  const children = creates.map((prepared) => ({ customerId: prepared.newId, prepared }))

  if (!heldBack) {
    await tx.$executeRaw`INSERT INTO customers (${customerColumns}) SELECT ${customerValues} FROM ${customerSource}`
    await writeChildRows(writer, children, new Set(), tagIds)
    const traces = createdTraces(creates, importId)
    await insertEvents(tx, ctx, traces.events, occurredAt)
    await recordAuditMany(tx, ctx, traces.audits)
    return
  }

  const phones = children.flatMap(({ customerId, prepared }) => ownedBy(prepared.phones, customerId, 0))
  const emails = children.flatMap(({ customerId, prepared }) => ownedBy(prepared.emails, customerId, 0))
  const levelIds = [...new Set(rows.flatMap((row) => (row.level_id === null ? [] : [row.level_id])))]
  const userIds = [...new Set([ctx.user.id, ...rows.map((row) => row.owner_id)])]
  const groupIds = [...new Set(creates.flatMap(({ record }) => record.groupIds))]
  const tagList = [...new Set(tagIds.values())]
  await tx.$executeRaw`SET LOCAL session_replication_role = replica`
  const written = await tx.$queryRaw<{ customers: number; levels: number; users: number; groups: number; tags: number }[]>`
    WITH
      locked_levels AS (SELECT 1 FROM customer_levels WHERE id = ANY(${levelIds}::uuid[]) FOR KEY SHARE),
      locked_users AS (SELECT 1 FROM users WHERE id = ANY(${userIds}::uuid[]) FOR KEY SHARE),
      locked_groups AS (SELECT 1 FROM groups WHERE id = ANY(${groupIds}::uuid[]) FOR KEY SHARE),
      locked_tags AS (SELECT 1 FROM tags WHERE id = ANY(${tagList}::uuid[]) FOR KEY SHARE),
      new_phones AS (
        INSERT INTO customer_phones (id, customer_id, type, number_encrypted, key_id, number_hash, last4_hash, tail_terms, is_primary, sort_order)
        SELECT gen_random_uuid(), v.customer_id, v.type::phone_type, decode(v.number, 'base64'), v.key_id, v.number_hash, v.last4_hash,
          v.tail_terms, v.ordinal = 0, v.ordinal
        FROM jsonb_to_recordset(${json(phones)}::jsonb) AS v(customer_id uuid, type text, number text, key_id text, number_hash text,
          last4_hash text, tail_terms text[], ordinal int)),
      new_emails AS (
        INSERT INTO customer_emails (id, customer_id, address_encrypted, key_id, address_hash, is_primary, sort_order)
        SELECT gen_random_uuid(), v.customer_id, decode(v.address, 'base64'), v.key_id, v.address_hash, v.ordinal = 0, v.ordinal
        FROM jsonb_to_recordset(${json(emails)}::jsonb) AS v(customer_id uuid, address text, key_id text, address_hash text, ordinal int)),
      new_addresses AS (
        INSERT INTO customer_addresses (id, customer_id, type, province_code, province_name, city_code, city_name, district_code, district_name,
          street_encrypted, key_id, is_primary, sort_order)
        SELECT gen_random_uuid(), v.customer_id, 'home'::address_type, v.province_code, v.province_name, v.city_code, v.city_name,
          v.district_code, v.district_name, decode(v.street, 'base64'), v.key_id, true, 0
        FROM jsonb_to_recordset(${json(addressRows(cipher, children, new Set()))}::jsonb) AS v(customer_id uuid, province_code text,
          province_name text, city_code text, city_name text, district_code text, district_name text, street text, key_id text)),
      new_tags AS (
        INSERT INTO customer_tags (customer_id, tag_id)
        SELECT v.customer_id, v.tag_id FROM jsonb_to_recordset(${json(tagLinks(children, tagIds))}::jsonb) AS v(customer_id uuid, tag_id uuid)),
      new_groups AS (
        INSERT INTO customer_groups (customer_id, group_id)
        SELECT v.customer_id, v.group_id FROM jsonb_to_recordset(${json(groupLinks(children))}::jsonb) AS v(customer_id uuid, group_id uuid)),
      new_customers AS (
        INSERT INTO customers (${customerColumns}, search_terms, last_activity_at)
        SELECT ${customerValues}, v.search_terms, coalesce(v.created_at, now()) FROM ${customerSource}
        RETURNING 1),
      history AS (
        SELECT * FROM jsonb_to_recordset(${json(creates.map(({ newId, record, changes }) => ({ customer_id: newId, label: record.name ?? null, row_number: record.rowNumber, changes })))}::jsonb)
          AS v(customer_id uuid, label text, row_number int, changes jsonb)),
      new_events AS (
        INSERT INTO customer_events (id, customer_id, kind, actor_id, occurred_at, payload)
        SELECT gen_random_uuid(), h.customer_id, 'created', ${ctx.user.id}::uuid, ${occurredAt}::timestamptz,
          jsonb_build_object('changes', h.changes, 'importId', ${importId}::text)
        FROM history h),
      -- The audit entry of each new customer holds the same changes as { field: { before, after } } (auditChanges).
      new_audits AS (
        INSERT INTO audit_logs (id, at, actor_id, actor_name, api_key_id, ip, user_agent, action, resource, resource_id, customer_id, label, changes, meta)
        SELECT gen_random_uuid(), now(), ${ctx.user.id}::uuid, ${ctx.user.displayName}, ${ctx.user.apiKeyId}::uuid, ${ctx.ip}, ${ctx.userAgent},
          'create', 'customer', h.customer_id::text, h.customer_id, h.label,
          coalesce((SELECT jsonb_object_agg(c->>'field', jsonb_build_object('before', c->'from', 'after', c->'to')) FROM jsonb_array_elements(h.changes) AS c), '{}'::jsonb),
          jsonb_build_object('importId', ${importId}::text, 'rowNumber', h.row_number)
        FROM history h)
    SELECT (SELECT count(*)::int FROM new_customers) AS customers, (SELECT count(*)::int FROM locked_levels) AS levels,
      (SELECT count(*)::int FROM locked_users) AS users, (SELECT count(*)::int FROM locked_groups) AS groups,
      (SELECT count(*)::int FROM locked_tags) AS tags`
  await tx.$executeRaw`SET LOCAL session_replication_role = origin`
  const found = written[0]
  // A reference deleted since the rows were checked fails the batch (the transaction rolls back), as the key would.
  if (found === undefined || found.customers !== rows.length || found.levels !== levelIds.length || found.users !== userIds.length || found.groups !== groupIds.length || found.tags !== tagList.length) {
    throw new AppError('CONFLICT')
  }
}

export const writeCustomers = async (writer: BatchWriter, prepared: readonly PreparedCustomer[]): Promise<RowResult[]> => {
  const { tx, ctx, cipher, strategy, importId } = writer
  if (prepared.length === 0) return []
  const fieldOf = (entry: PreparedCustomer) => String(entry.record.rowNumber)
  const phones = prepared.flatMap((entry) => entry.phones.map((phone) => ({ field: fieldOf(entry), numberHash: phone.number_hash })))
  const emails = prepared.flatMap((entry) => entry.emails.map((email) => ({ field: fieldOf(entry), addressHash: email.address_hash })))
  await lockValues(tx, [...phones.map((phone) => `phone:${phone.numberHash}`), ...emails.map((email) => `email:${email.addressHash}`)])
  const hits = await findDuplicates(tx, { phones, emails, excludeId: null, lock: false })
  // Only customers in the importer's scope count as duplicates (the access layer decides).
  const inScope = await writer.access.namesInScope(ctx, [...new Set(hits.map((hit) => hit.existingCustomerId))])
  const matchOf = new Map<number, string>()
  for (const hit of hits) {
    const rowNumber = Number(hit.field)
    if (!matchOf.has(rowNumber) && inScope.has(hit.existingCustomerId)) matchOf.set(rowNumber, hit.existingCustomerId)
  }

  const results: RowResult[] = []
  const creates: PreparedCustomer[] = []
  const updates = new Map<string, PreparedCustomer>()
  for (const entry of prepared) {
    const rowNumber = entry.record.rowNumber
    const existing = matchOf.get(rowNumber)
    if (existing !== undefined && strategy === 'skip') {
      results.push({ rowNumber, outcome: 'skipped', recordId: existing, customerId: existing, note: 'skipped_duplicate' })
    } else if (existing !== undefined && strategy === 'update') {
      const already = updates.get(existing)
      updates.set(existing, already === undefined ? entry : mergeUpdates(already, entry))
      results.push({ rowNumber, outcome: 'updated', recordId: existing, customerId: existing, note: 'updated_duplicate' })
    } else {
      creates.push(entry)
      results.push({ rowNumber, outcome: 'created', recordId: entry.newId, customerId: entry.newId, ...(existing === undefined ? {} : { note: 'created_duplicate' }) })
    }
  }

  const updateIds = [...updates.keys()]
  // Rows updated here are locked first, and read as they were for the history.
  if (updateIds.length > 0) await writer.access.requireAllInScope(ctx, updateIds, tx)
  const before = updateIds.length === 0 ? [] : await tx.customer.findMany({ where: { id: { in: updateIds } }, include: customerDetailInclude })
  const tagIds = await tagIdsByName(tx, [...creates, ...updates.values()].flatMap((entry) => entry.record.tags))

  const occurredAt = new Date()
  await insertCreated(writer, creates, tagIds, occurredAt)

  if (updates.size > 0) {
    const rows = [...updates.entries()].map(([id, { record }]) => ({
      id,
      name: record.name ?? null,
      gender: record.gender ?? null,
      birthday: record.birthday ?? null,
      occupation: record.occupation ?? null,
      company: record.company ?? null,
      industry: record.industry ?? null,
      source: record.source ?? null,
      level_id: record.levelId ?? null,
      lifecycle_status: record.lifecycleStatus ?? null,
      notes: record.notes ?? null,
      owner_id: record.ownerId ?? null,
      consent_marketing: record.consentMarketing ?? null,
      custom_fields: record.customFields,
    }))
    await tx.$executeRaw`
      UPDATE customers AS c SET
        name = coalesce(v.name, c.name),
        gender = coalesce(v.gender::gender, c.gender),
        birthday = coalesce(v.birthday, c.birthday),
        occupation = coalesce(v.occupation, c.occupation),
        company = coalesce(v.company, c.company),
        industry = coalesce(v.industry, c.industry),
        source = coalesce(v.source, c.source),
        level_id = coalesce(v.level_id, c.level_id),
        lifecycle_status = coalesce(v.lifecycle_status::lifecycle_status, c.lifecycle_status),
        notes = coalesce(v.notes, c.notes),
        owner_id = coalesce(v.owner_id, c.owner_id),
        consent_marketing = coalesce(v.consent_marketing, c.consent_marketing),
        consent_given_at = CASE WHEN v.consent_marketing IS NULL THEN c.consent_given_at
          WHEN v.consent_marketing THEN CASE WHEN c.consent_marketing THEN c.consent_given_at ELSE now() END END,
        consent_channel = CASE WHEN v.consent_marketing AND NOT c.consent_marketing THEN 'import'::consent_channel ELSE c.consent_channel END,
        custom_fields = c.custom_fields || v.custom_fields,
        version = c.version + 1,
        updated_at = now()
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(id uuid, name text, gender text, birthday date, occupation text, company text,
        industry text, source text, level_id uuid, lifecycle_status text, notes text, owner_id uuid, consent_marketing boolean, custom_fields jsonb)
      WHERE c.id = v.id`
    await refreshPinyin(tx, updateIds)
    // Phones and emails are added after the customer's own (the insert numbers them on from the last one).
    await writeChildRows(
      writer,
      [...updates.entries()].map(([customerId, entry]) => ({ customerId, prepared: entry })),
      new Set(before.filter((row) => row.addresses.length > 0).map((row) => row.id)),
      tagIds,
    )
  }

  // History, audit and webhooks: one of each per customer written (those of new customers went in with them).
  const events: EventRow[] = []
  const audits: AuditEntry[] = []
  if (updates.size > 0) {
    const after = await tx.customer.findMany({ where: { id: { in: updateIds } }, include: customerDetailInclude })
    for (const row of after) {
      const previous = before.find((candidate) => candidate.id === row.id)
      if (previous === undefined) continue
      const changes = diffViews(historyView(previous, cipher), historyView(row, cipher))
      const rowNumber = updates.get(row.id)?.record.rowNumber ?? null
      events.push({ customerId: row.id, kind: 'change', payload: { changes, importId } })
      const base = { resource: 'customer' as const, resourceId: row.id, customerId: row.id, label: row.name, meta: { importId, rowNumber } }
      const owner = changes.filter((change) => change.field === 'owner')
      if (owner.length > 0) audits.push({ ...base, action: 'assign', changes: auditChanges(owner) })
      audits.push({ ...base, action: 'update', changes: auditChanges(changes.filter((change) => change.field !== 'owner')) })
    }
  }
  await insertEvents(tx, ctx, events, occurredAt)
  await recordAuditMany(tx, ctx, audits)
  await recordCustomerEvents(tx, 'customer.created', creates.map(({ newId }) => ({ customerId: newId, extra: { importId } })))
  await recordCustomerEvents(tx, 'customer.updated', updateIds.map((id) => ({ customerId: id, extra: { importId } })))
  return results
}

// ---- contacts ----

interface ContactPhoneRow {
  contact_id: string
  number: string
  key_id: string
  number_hash: string
  last4_hash: string
  tail_terms: string[]
  type: 'mobile' | 'other'
  ordinal: number
}

export const writeContacts = async (
  writer: BatchWriter,
  entries: readonly { record: ContactRecord; customer: { id: string; name: string } }[],
): Promise<RowResult[]> => {
  const { tx, ctx, cipher, strategy, importId } = writer
  if (entries.length === 0) return []
  const customerIds = [...new Set(entries.map((entry) => entry.customer.id))]
  // The customers' rows are locked, as the contacts service does for each contact it writes.
  await writer.access.requireAllInScope(ctx, customerIds, tx)
  const existing = await tx.contact.findMany({
    where: { customerId: { in: customerIds }, name: { in: [...new Set(entries.map((entry) => entry.record.name))] }, deletedAt: null },
    select: { id: true, customerId: true, name: true },
    orderBy: { createdAt: 'asc' },
  })
  const known = new Map<string, string>()
  for (const contact of existing) if (!known.has(`${contact.customerId}|${contact.name}`)) known.set(`${contact.customerId}|${contact.name}`, contact.id)

  const results: RowResult[] = []
  const creates: { id: string; record: ContactRecord; customerId: string }[] = []
  const updates = new Map<string, { record: ContactRecord; customerId: string }>()
  for (const { record, customer } of entries) {
    const key = `${customer.id}|${record.name}`
    const match = known.get(key)
    if (match !== undefined && strategy === 'skip') {
      results.push({ rowNumber: record.rowNumber, outcome: 'skipped', recordId: match, customerId: customer.id, note: 'skipped_contact' })
    } else if (match !== undefined && strategy === 'update') {
      const already = updates.get(match)
      updates.set(match, {
        customerId: customer.id,
        record: already === undefined ? record : { ...already.record, ...record, phones: [...already.record.phones, ...record.phones], emails: [...already.record.emails, ...record.emails] },
      })
      results.push({ rowNumber: record.rowNumber, outcome: 'updated', recordId: match, customerId: customer.id, note: 'updated_contact' })
    } else {
      const id = randomUUID()
      creates.push({ id, record, customerId: customer.id })
      known.set(key, id)
      results.push({ rowNumber: record.rowNumber, outcome: 'created', recordId: id, customerId: customer.id })
    }
  }

  if (creates.length > 0) {
    await tx.$executeRaw`
      INSERT INTO contacts (id, customer_id, name, title, relationship_type_id, notes, created_by_id, updated_at)
      SELECT v.id, v.customer_id, v.name, v.title, v.relationship_type_id, v.notes, ${ctx.user.id}::uuid, now()
      FROM jsonb_to_recordset(${json(creates.map(({ id, record, customerId }) => ({
        id, customer_id: customerId, name: record.name, title: record.title ?? null, relationship_type_id: record.relationshipTypeId ?? null, notes: record.notes ?? null,
      })))}::jsonb) AS v(id uuid, customer_id uuid, name text, title text, relationship_type_id uuid, notes text)`
  }
  if (updates.size > 0) {
    await tx.$executeRaw`
      UPDATE contacts AS c SET title = coalesce(v.title, c.title), relationship_type_id = coalesce(v.relationship_type_id, c.relationship_type_id),
        notes = coalesce(v.notes, c.notes), updated_at = now()
      FROM jsonb_to_recordset(${json([...updates.entries()].map(([id, { record }]) => ({
        id, title: record.title ?? null, relationship_type_id: record.relationshipTypeId ?? null, notes: record.notes ?? null,
      })))}::jsonb) AS v(id uuid, title text, relationship_type_id uuid, notes text)
      WHERE c.id = v.id`
  }
  const written: [string, ContactRecord][] = [...creates.map(({ id, record }) => [id, record] as [string, ContactRecord]), ...[...updates.entries()].map(([id, { record }]) => [id, record] as [string, ContactRecord])]
  const phones: ContactPhoneRow[] = written.flatMap(([id, record]) =>
    record.phones.map((phone, ordinal) => {
      const sealed = cipher.seal(phone.e164)
      const indexes = phoneBlindIndexes(cipher, phone.e164)
      return {
        contact_id: id, number: base64(sealed.ciphertext), key_id: sealed.keyId, number_hash: indexes.numberHash, last4_hash: indexes.last4Hash,
        tail_terms: indexes.tailTerms, type: isMobile(phone.e164) ? 'mobile' : 'other', ordinal,
      }
    }),
  )
  if (phones.length > 0) {
    await tx.$executeRaw`
      INSERT INTO contact_phones (id, contact_id, type, number_encrypted, key_id, number_hash, last4_hash, tail_terms, is_primary, sort_order)
      SELECT gen_random_uuid(), v.contact_id, v.type::phone_type, decode(v.number, 'base64'), v.key_id, v.number_hash, v.last4_hash, v.tail_terms,
        v.ordinal = 0 AND NOT EXISTS (SELECT 1 FROM contact_phones x WHERE x.contact_id = v.contact_id),
        coalesce((SELECT max(x.sort_order) + 1 FROM contact_phones x WHERE x.contact_id = v.contact_id), 0) + v.ordinal
      FROM jsonb_to_recordset(${json(phones)}::jsonb) AS v(contact_id uuid, type text, number text, key_id text, number_hash text, last4_hash text, tail_terms text[], ordinal int)
      WHERE NOT EXISTS (SELECT 1 FROM contact_phones x WHERE x.contact_id = v.contact_id AND x.number_hash = v.number_hash)`
  }
  const emails = written.flatMap(([id, record]) =>
    record.emails.map((email, ordinal) => {
      const sealed = cipher.seal(email)
      return { contact_id: id, address: base64(sealed.ciphertext), key_id: sealed.keyId, address_hash: cipher.blindIndex('email', email.toLowerCase()), ordinal }
    }),
  )
  if (emails.length > 0) {
    await tx.$executeRaw`
      INSERT INTO contact_emails (id, contact_id, address_encrypted, key_id, address_hash, is_primary, sort_order)
      SELECT gen_random_uuid(), v.contact_id, decode(v.address, 'base64'), v.key_id, v.address_hash,
        v.ordinal = 0 AND NOT EXISTS (SELECT 1 FROM contact_emails x WHERE x.contact_id = v.contact_id),
        coalesce((SELECT max(x.sort_order) + 1 FROM contact_emails x WHERE x.contact_id = v.contact_id), 0) + v.ordinal
      FROM jsonb_to_recordset(${json(emails)}::jsonb) AS v(contact_id uuid, address text, key_id text, address_hash text, ordinal int)
      WHERE NOT EXISTS (SELECT 1 FROM contact_emails x WHERE x.contact_id = v.contact_id AND x.address_hash = v.address_hash)`
  }

  // The customer's history and the audit entry of each contact, as the contacts service writes them.
  const occurredAt = new Date()
  const relationshipName = (id: string | undefined) => (id === undefined ? null : writer.refs.relationshipName(id))
  const events: EventRow[] = []
  const audits: AuditEntry[] = []
  const describe = (record: ContactRecord) =>
    [
      ['name', record.name],
      ['title', record.title ?? null],
      ['relationshipType', relationshipName(record.relationshipTypeId)],
      ['notes', record.notes ?? null],
      ['phones', record.phones.map((phone) => maskPhone(phone.e164))],
      ['emails', record.emails.map((email) => maskEmail(email))],
    ] as const
  for (const [id, record] of written) {
    const customerId = creates.find((entry) => entry.id === id)?.customerId ?? updates.get(id)?.customerId ?? ''
    const action = creates.some((entry) => entry.id === id) ? 'contact_created' : 'contact_updated'
    const changes = describe(record)
      .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0))
      .map(([field, to]) => ({ field: `contact.${field}`, from: null, to }))
    events.push({ customerId, kind: 'change', payload: { action, contact: { id, name: record.name }, changes, importId } })
    audits.push({
      action: action === 'contact_created' ? 'create' : 'update', resource: 'contact', resourceId: id, customerId, label: record.name,
      changes: Object.fromEntries(changes.map(({ field, from, to }) => [field.replace(/^contact\./, ''), { before: from, after: to }])),
      meta: { importId, rowNumber: record.rowNumber },
    })
  }
  await insertEvents(tx, ctx, events, occurredAt)
  await recordAuditMany(tx, ctx, audits)
  return results
}

// ---- orders ----

const cents = (amount: number) => Math.round(amount * 100)
const moneyText = (value: number) => (value / 100).toFixed(2)

/** Derived columns of these customers from their paid and completed orders (as recomputeCustomerMetrics, for many). */
const recomputeMetrics = async (tx: Prisma.TransactionClient, customerIds: string[]) => {
  if (customerIds.length === 0) return
  const ids = [...customerIds].sort()
  await tx.$executeRaw`SELECT 1 FROM customers WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE`
  await tx.$executeRaw`
    UPDATE customers AS c SET
      order_count = m.order_count, total_spent = m.total_spent, average_order_value = m.average_order_value,
      first_purchase_at = m.first_purchase_at, last_purchase_at = m.last_purchase_at, purchase_frequency_days = m.purchase_frequency_days
    FROM unnest(${ids}::uuid[]) AS t(id)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS order_count, coalesce(sum(o.amount), 0) AS total_spent, round(avg(o.amount), 2) AS average_order_value,
        min(o.ordered_at) AS first_purchase_at, max(o.ordered_at) AS last_purchase_at,
        CASE WHEN count(*) >= 2
          THEN round((extract(epoch FROM max(o.ordered_at) - min(o.ordered_at)) / 86400 / (count(*) - 1))::numeric, 1)::float8
        END AS purchase_frequency_days
      FROM orders AS o WHERE o.customer_id = t.id AND o.deleted_at IS NULL AND o.status IN ('paid', 'completed')
    ) AS m
    WHERE c.id = t.id`
}

export const writeOrders = async (
  writer: BatchWriter,
  entries: readonly { record: OrderRecord; customer: { id: string; name: string } }[],
): Promise<RowResult[]> => {
  const { tx, ctx, importId } = writer
  if (entries.length === 0) return []
  // Consecutive rows with the same order number are one order's items (validation refused other repeats).
  const groups: { record: OrderRecord; customer: { id: string; name: string }; rows: OrderRecord[] }[] = []
  for (const entry of entries) {
    const last = groups[groups.length - 1]
    if (last !== undefined && last.record.orderNo === entry.record.orderNo) last.rows.push(entry.record)
    else groups.push({ record: entry.record, customer: entry.customer, rows: [entry.record] })
  }
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('order:' || k, 0)) FROM unnest(${[...new Set(groups.map((group) => group.record.orderNo))].sort()}::text[]) AS k ORDER BY k`
  const taken = new Set(
    (await tx.order.findMany({ where: { orderNo: { in: groups.map((group) => group.record.orderNo) } }, select: { orderNo: true } })).map((order) => order.orderNo),
  )
  const results: RowResult[] = []
  const orders: { id: string; group: (typeof groups)[number]; amountCents: number; lines: { product: string; quantity: number; unitCents: number; totalCents: number }[] }[] = []
  for (const group of groups) {
    if (taken.has(group.record.orderNo)) {
      for (const row of group.rows) results.push({ rowNumber: row.rowNumber, outcome: 'skipped', recordId: null, customerId: group.customer.id, note: 'skipped_order' })
      continue
    }
    const lines = group.rows.flatMap((row) => {
      if (row.item === null) return []
      const unitCents = row.item.unitPrice !== null ? cents(row.item.unitPrice) : row.amount !== null ? Math.round(cents(row.amount) / row.item.quantity) : 0
      return [{ product: row.item.product, quantity: row.item.quantity, unitCents, totalCents: unitCents * row.item.quantity }]
    })
    const amounts = group.rows.flatMap((row) => (row.amount === null ? [] : [cents(row.amount)]))
    // One amount repeated on every row is the order's; different amounts per row are the lines' and add up.
    const amountCents =
      amounts.length === 0 ? lines.reduce((sum, line) => sum + line.totalCents, 0)
        : new Set(amounts).size === 1 ? (amounts[0] ?? 0)
          : amounts.reduce((sum, amount) => sum + amount, 0)
    const id = randomUUID()
    orders.push({ id, group, amountCents, lines })
    for (const row of group.rows) results.push({ rowNumber: row.rowNumber, outcome: 'created', recordId: id, customerId: group.customer.id })
  }
  if (orders.length > 0) {
    await tx.$executeRaw`
      INSERT INTO orders (id, customer_id, order_no, ordered_at, channel, status, amount, notes, created_by_id, updated_at)
      SELECT v.id, v.customer_id, v.order_no, v.ordered_at, v.channel, v.status::order_status, v.amount::numeric, v.notes, ${ctx.user.id}::uuid, now()
      FROM jsonb_to_recordset(${json(orders.map(({ id, group, amountCents }) => ({
        id, customer_id: group.customer.id, order_no: group.record.orderNo, ordered_at: group.record.orderedAt.toISOString(),
        channel: group.record.channel ?? null, status: group.record.status, amount: moneyText(amountCents), notes: group.record.notes ?? null,
      })))}::jsonb) AS v(id uuid, customer_id uuid, order_no text, ordered_at timestamptz, channel text, status text, amount text, notes text)`
    const items = orders.flatMap(({ id, lines }) => lines.map((line, index) => ({
      order_id: id, product: line.product, quantity: line.quantity, unit_price: moneyText(line.unitCents), line_total: moneyText(line.totalCents), sort_order: index,
    })))
    if (items.length > 0) {
      await tx.$executeRaw`
        INSERT INTO order_items (id, order_id, product, quantity, unit_price, line_total, sort_order)
        SELECT gen_random_uuid(), v.order_id, v.product, v.quantity, v.unit_price::numeric, v.line_total::numeric, v.sort_order
        FROM jsonb_to_recordset(${json(items)}::jsonb) AS v(order_id uuid, product text, quantity int, unit_price text, line_total text, sort_order int)`
    }
    await recomputeMetrics(tx, [...new Set(orders.map(({ group }) => group.customer.id))])
    const views = orders.map(({ id, group, amountCents, lines }) => ({
      id,
      group,
      view: {
        orderNo: group.record.orderNo,
        orderedAt: group.record.orderedAt.toISOString(),
        channel: group.record.channel ?? null,
        status: group.record.status,
        amount: moneyText(amountCents),
        items: lines.map((line) => `${line.product} × ${line.quantity} @ ${moneyText(line.unitCents)}`),
        notes: group.record.notes ?? null,
      },
      lines,
      amountCents,
    }))
    await recordAuditMany(tx, ctx, views.map(({ id, group, view }) => ({
      action: 'create', resource: 'order', resourceId: id, customerId: group.customer.id, label: group.record.orderNo,
      changes: diffSnapshots(null, view), meta: { importId, rowNumber: group.record.rowNumber },
    })))
    const now = new Date().toISOString()
    await recordEvents(tx, views.map(({ id, group, lines, amountCents }) => ({
      type: 'order.created' as const,
      data: {
        order: {
          id, customerId: group.customer.id, orderNo: group.record.orderNo, orderedAt: group.record.orderedAt.toISOString(),
          channel: group.record.channel ?? null, status: group.record.status, amount: moneyText(amountCents), notes: group.record.notes ?? null,
          items: lines.map((line) => ({ product: line.product, category: null, quantity: line.quantity, unitPrice: moneyText(line.unitCents), lineTotal: moneyText(line.totalCents) })),
          createdAt: now, updatedAt: now,
        },
        customer: group.customer,
        importId,
      },
    })))
  }
  return results
}
