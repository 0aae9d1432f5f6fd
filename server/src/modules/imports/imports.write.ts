import { randomUUID } from 'node:crypto'
import { customerDetailInclude, type CustomerAccess } from '../../access/customers.js'
import { diffSnapshots, recordAuditMany, type AuditEntry } from '../../audit/audit.js'
import type { Prisma } from '../../generated/prisma/client.js'
import type { AuthenticatedContext } from '../../http/context.js'
import type { DataCipher } from '../../lib/crypto.js'
import { maskEmail, maskPhone, type NormalisedPhone } from '../../lib/phone.js'
import { phoneBlindIndexes, pinyinColumns } from '../../lib/search-terms.js'
import { refreshPinyin } from '../customers/customers.search-upkeep.js'
import { auditChanges, diffViews, historyView, type CustomerChange } from '../customers/customers.events.js'
import { findDuplicates } from '../customers/customers.input.js'
import { recordCustomerEvents, recordEvents } from '../webhooks/webhook-events.js'
import type { ImportReferences } from './imports.references.js'
import type { ContactRecord, CustomerRecord, OrderRecord } from './imports.rows.js'

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
}

const json = (value: unknown) => JSON.stringify(value)
/** A value as Prisma stores JSON (history payloads hold plain values only). */
const jsonObject = (value: Record<string, unknown>) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonObject
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

// ---- customers ----

/** The history of a new customer: its initial values as changes from nothing (as the customer service records). */
const createdChanges = (record: CustomerRecord, refs: ImportReferences, ownerId: string, levelId: string | null): CustomerChange[] => {
  const phones = record.phones.map((phone, index) => `${maskPhone(phone.e164)} (${isMobile(phone.e164) ? 'mobile' : 'other'}${index === 0 ? ', primary' : ''})`)
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

/** Two rows of one batch matching the same customer update it once, with both rows' values. */
const mergeRecords = (into: CustomerRecord, from: CustomerRecord): CustomerRecord => ({
  ...into,
  ...Object.fromEntries(Object.entries(from).filter(([, value]) => value !== undefined && !Array.isArray(value) && typeof value !== 'object')),
  phones: [...into.phones, ...from.phones.filter((phone) => !into.phones.some((mine) => mine.e164 === phone.e164))],
  emails: [...into.emails, ...from.emails.filter((email) => !into.emails.some((mine) => mine.toLowerCase() === email.toLowerCase()))],
  tags: [...new Set([...into.tags, ...from.tags])],
  groupIds: [...new Set([...into.groupIds, ...from.groupIds])],
  address: into.address ?? from.address,
  customFields: { ...into.customFields, ...from.customFields },
  ...(from.createdAt === undefined ? {} : { createdAt: from.createdAt }),
})

export const writeCustomers = async (writer: BatchWriter, records: readonly CustomerRecord[]): Promise<RowResult[]> => {
  const { tx, ctx, cipher, refs, strategy, importId } = writer
  if (records.length === 0) return []
  const phoneHashes = new Map<string, string>()
  const keyed = records.map((record) => {
    const phones = record.phones.map((phone) => {
      const hash = phoneHashes.get(phone.e164) ?? cipher.blindIndex('phone', phone.e164)
      phoneHashes.set(phone.e164, hash)
      return { field: String(record.rowNumber), numberHash: hash }
    })
    const emails = record.emails.map((email) => ({ field: String(record.rowNumber), addressHash: cipher.blindIndex('email', email.toLowerCase()) }))
    return { record, phones, emails }
  })
  await lockValues(tx, keyed.flatMap(({ phones, emails }) => [...phones.map((phone) => `phone:${phone.numberHash}`), ...emails.map((email) => `email:${email.addressHash}`)]))
  const hits = await findDuplicates(tx, {
    phones: keyed.flatMap((entry) => entry.phones),
    emails: keyed.flatMap((entry) => entry.emails),
    excludeId: null,
    lock: false,
  })
  // Only customers in the importer's scope count as duplicates (the access layer decides).
  const inScope = await writer.access.namesInScope(ctx, [...new Set(hits.map((hit) => hit.existingCustomerId))])
  const matchOf = new Map<number, string>()
  for (const hit of hits) {
    const rowNumber = Number(hit.field)
    if (!matchOf.has(rowNumber) && inScope.has(hit.existingCustomerId)) matchOf.set(rowNumber, hit.existingCustomerId)
  }

  const results: RowResult[] = []
  const creates: { id: string; record: CustomerRecord }[] = []
  const updates = new Map<string, CustomerRecord>()
  for (const { record } of keyed) {
    const existing = matchOf.get(record.rowNumber)
    if (existing !== undefined && strategy === 'skip') {
      results.push({ rowNumber: record.rowNumber, outcome: 'skipped', recordId: existing, customerId: existing, note: 'skipped_duplicate' })
    } else if (existing !== undefined && strategy === 'update') {
      const already = updates.get(existing)
      updates.set(existing, already === undefined ? record : mergeRecords(already, record))
      results.push({ rowNumber: record.rowNumber, outcome: 'updated', recordId: existing, customerId: existing, note: 'updated_duplicate' })
    } else {
      const id = randomUUID()
      creates.push({ id, record })
      results.push({
        rowNumber: record.rowNumber, outcome: 'created', recordId: id, customerId: id,
        ...(existing === undefined ? {} : { note: 'created_duplicate' }),
      })
    }
  }

  const updateIds = [...updates.keys()]
  // Rows updated here are locked first, and read as they were for the history.
  if (updateIds.length > 0) await writer.access.requireAllInScope(ctx, updateIds, tx)
  const before = updateIds.length === 0 ? [] : await tx.customer.findMany({ where: { id: { in: updateIds } }, include: customerDetailInclude })

  const tagIds = await tagIdsByName(tx, [...creates.flatMap(({ record }) => record.tags), ...[...updates.values()].flatMap((record) => record.tags)])

  if (creates.length > 0) {
    const rows = creates.map(({ id, record }) => {
      const pinyin = pinyinColumns(record.name ?? '', record.company ?? null)
      return {
        id,
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
      }
    })
    await tx.$executeRaw`
      INSERT INTO customers (id, name, gender, birthday, occupation, company, industry, source, level_id, lifecycle_status, notes, owner_id,
        created_by_id, consent_marketing, consent_given_at, consent_channel, custom_fields, pinyin_terms, pinyin_name, pinyin_company,
        search_version, created_at, updated_at)
      SELECT v.id, v.name, v.gender::gender, v.birthday, v.occupation, v.company, v.industry, v.source, v.level_id,
        v.lifecycle_status::lifecycle_status, v.notes, v.owner_id, ${ctx.user.id}::uuid, v.consent_marketing,
        CASE WHEN v.consent_marketing THEN now() END, CASE WHEN v.consent_marketing THEN 'import'::consent_channel END,
        v.custom_fields, v.pinyin_terms, v.pinyin_name, v.pinyin_company, v.search_version, coalesce(v.created_at, now()), now()
      FROM jsonb_to_recordset(${json(rows)}::jsonb) AS v(id uuid, name text, gender text, birthday date, occupation text, company text,
        industry text, source text, level_id uuid, lifecycle_status text, notes text, owner_id uuid, consent_marketing boolean,
        custom_fields jsonb, pinyin_terms text[], pinyin_name text, pinyin_company text, search_version smallint, created_at timestamptz)`
  }

  if (updates.size > 0) {
    const rows = [...updates.entries()].map(([id, record]) => ({
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
  }

  const written: [string, CustomerRecord][] = [...creates.map(({ id, record }) => [id, record] as [string, CustomerRecord]), ...updates.entries()]
  await insertCustomerPhones(tx, written.flatMap(([id, record]) => sealPhones(cipher, id, record.phones)))
  await insertCustomerEmails(tx, written.flatMap(([id, record]) => sealEmails(cipher, id, record.emails)))
  const updatedWithAddress = new Set(
    before.filter((row) => row.addresses.length > 0).map((row) => row.id),
  )
  const addresses = written.flatMap(([id, record]) => {
    // An update adds the row's address only to a customer without any (addresses have no blind index to compare).
    if (record.address === null || updatedWithAddress.has(id)) return []
    const street = cipher.sealOptional(record.address.street)
    return [{
      customer_id: id,
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
  if (addresses.length > 0) {
    await tx.$executeRaw`
      INSERT INTO customer_addresses (id, customer_id, type, province_code, province_name, city_code, city_name, district_code, district_name,
        street_encrypted, key_id, is_primary, sort_order)
      SELECT gen_random_uuid(), v.customer_id, 'home'::address_type, v.province_code, v.province_name, v.city_code, v.city_name,
        v.district_code, v.district_name, decode(v.street, 'base64'), v.key_id, true, 0
      FROM jsonb_to_recordset(${json(addresses)}::jsonb) AS v(customer_id uuid, province_code text, province_name text, city_code text,
        city_name text, district_code text, district_name text, street text, key_id text)`
  }
  await linkTags(tx, written.flatMap(([id, record]) => record.tags.flatMap((name) => {
    const tagId = tagIds.get(name)
    return tagId === undefined ? [] : [{ customer_id: id, tag_id: tagId }]
  })))
  await linkGroups(tx, written.flatMap(([id, record]) => record.groupIds.map((groupId) => ({ customer_id: id, group_id: groupId }))))

  // History, audit and webhooks: one of each per customer written.
  const occurredAt = new Date()
  const events: Prisma.CustomerEventCreateManyInput[] = []
  const audits: AuditEntry[] = []
  for (const { id, record } of creates) {
    const changes = createdChanges(record, refs, record.ownerId ?? ctx.user.id, record.levelId ?? refs.defaultLevelId)
    events.push({ customerId: id, kind: 'created', actorId: ctx.user.id, occurredAt, payload: jsonObject({ changes, importId }) })
    audits.push({ action: 'create', resource: 'customer', resourceId: id, customerId: id, label: record.name ?? null, changes: auditChanges(changes), meta: { importId, rowNumber: record.rowNumber } })
  }
  if (updates.size > 0) {
    const after = await tx.customer.findMany({ where: { id: { in: updateIds } }, include: customerDetailInclude })
    for (const row of after) {
      const previous = before.find((candidate) => candidate.id === row.id)
      if (previous === undefined) continue
      const changes = diffViews(historyView(previous, cipher), historyView(row, cipher))
      const rowNumber = updates.get(row.id)?.rowNumber ?? null
      events.push({ customerId: row.id, kind: 'change', actorId: ctx.user.id, occurredAt, payload: jsonObject({ changes, importId }) })
      const base = { resource: 'customer' as const, resourceId: row.id, customerId: row.id, label: row.name, meta: { importId, rowNumber } }
      const owner = changes.filter((change) => change.field === 'owner')
      if (owner.length > 0) audits.push({ ...base, action: 'assign', changes: auditChanges(owner) })
      audits.push({ ...base, action: 'update', changes: auditChanges(changes.filter((change) => change.field !== 'owner')) })
    }
  }
  if (events.length > 0) await tx.customerEvent.createMany({ data: events })
  await recordAuditMany(tx, ctx, audits)
  await recordCustomerEvents(tx, 'customer.created', creates.map(({ id }) => ({ customerId: id, extra: { importId } })))
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
  const events: Prisma.CustomerEventCreateManyInput[] = []
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
    events.push({ customerId, kind: 'change', actorId: ctx.user.id, occurredAt, payload: jsonObject({ action, contact: { id, name: record.name }, changes, importId }) })
    audits.push({
      action: action === 'contact_created' ? 'create' : 'update', resource: 'contact', resourceId: id, customerId, label: record.name,
      changes: Object.fromEntries(changes.map(({ field, from, to }) => [field.replace(/^contact\./, ''), { before: from, after: to }])),
      meta: { importId, rowNumber: record.rowNumber },
    })
  }
  if (events.length > 0) await tx.customerEvent.createMany({ data: events })
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
