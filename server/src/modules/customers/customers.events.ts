import type { CustomerDetailRow, DbClient } from '../../access/customers.js'
import { recordAudit, type AuditAction, type FieldChanges } from '../../audit/audit.js'
import type { AuthenticatedContext } from '../../http/context.js'
import type { CustomerEventKind } from '../../generated/prisma/enums.js'
import type { Prisma } from '../../generated/prisma/client.js'
import type { DataCipher } from '../../lib/crypto.js'
import { maskEmail, maskPhone } from '../../lib/phone.js'
import { customFieldsOf, isoDay } from './customers.dto.js'

/** One changed field, as the timeline shows it. Personal data (phones, emails, address lines) is masked. */
export interface CustomerChange {
  field: string
  from: unknown
  to: unknown
}

/**
 * What `customer_events.payload` holds (the timeline reads it):
 * - created: `{ reason?, duplicates? }`: reason and duplicates when saved with `force`;
 * - change: `{ changes, reason?, duplicates?, bulk? }`: `bulk` names the bulk action that made the change;
 * - merge: `{ role: 'survivor' | 'merged', otherCustomerId, otherCustomerName, changes? }`: on both customers;
 * - deleted / restored: `{ bulk? }`.
 */
export interface CustomerEventPayload {
  changes?: CustomerChange[]
  reason?: string
  duplicates?: { field: string; existingCustomerId: string }[]
  role?: 'survivor' | 'merged'
  otherCustomerId?: string
  otherCustomerName?: string
  bulk?: string
}

export const appendCustomerEvent = (
  tx: DbClient,
  event: { customerId: string; kind: CustomerEventKind; actorId: string; payload?: CustomerEventPayload; occurredAt?: Date },
) =>
  tx.customerEvent.create({
    data: {
      customerId: event.customerId,
      kind: event.kind,
      actorId: event.actorId,
      occurredAt: event.occurredAt ?? new Date(),
      payload: (event.payload ?? {}) as Prisma.InputJsonObject,
    },
  })

/** The history's change list as the audit log keeps it: `{ field: { before, after } }` (already masked). */
export const auditChanges = (changes: readonly CustomerChange[]): FieldChanges =>
  Object.fromEntries(changes.map(({ field, from, to }) => [field, { before: from, after: to }]))

/**
 * Writes a customer's history event and its audit entry together, in the same transaction: the timeline tells
 * the story, the audit log proves who did it from where. A change of owner is also recorded as `assign`, so
 * reassignments can be found by action; the other changed fields stay an `update`.
 */
export const recordCustomerChange = async (
  tx: DbClient,
  ctx: AuthenticatedContext,
  event: { customerId: string; kind: CustomerEventKind; payload?: CustomerEventPayload; occurredAt?: Date },
  audit: { action: AuditAction; label: string; meta?: Record<string, unknown> },
): Promise<void> => {
  await appendCustomerEvent(tx, { ...event, actorId: ctx.user.id })
  const changes = event.payload?.changes ?? []
  const base = { resource: 'customer' as const, resourceId: event.customerId, customerId: event.customerId, label: audit.label }
  const meta = {
    ...audit.meta,
    ...(event.payload?.reason === undefined ? {} : { reason: event.payload.reason, duplicates: event.payload.duplicates }),
  }
  const metaOrNull = Object.keys(meta).length === 0 ? null : meta
  if (audit.action === 'update') {
    const owner = changes.filter((change) => change.field === 'owner')
    const rest = changes.filter((change) => change.field !== 'owner')
    if (owner.length > 0) await recordAudit(tx, ctx, { ...base, action: 'assign', changes: auditChanges(owner), meta: metaOrNull })
    if (rest.length > 0 || (owner.length === 0 && metaOrNull !== null)) {
      await recordAudit(tx, ctx, { ...base, action: 'update', changes: auditChanges(rest), meta: metaOrNull })
    }
    return
  }
  await recordAudit(tx, ctx, { ...base, action: audit.action, changes: changes.length === 0 ? null : auditChanges(changes), meta: metaOrNull })
}

type HistoryValue = string | number | boolean | string[] | null

/**
 * A flat view of a customer for the history: one entry per field a person would name, with encrypted values
 * masked (138****8000) and references shown by name, so a recorded change reads without lookups and leaks
 * nothing the database should not hold.
 */
export const historyView = (row: CustomerDetailRow, cipher: DataCipher): Record<string, HistoryValue> => {
  const view: Record<string, HistoryValue> = {
    name: row.name,
    gender: row.gender,
    birthday: isoDay(row.birthday),
    occupation: row.occupation,
    company: row.company,
    industry: row.industry,
    source: row.source,
    level: row.level?.name ?? null,
    lifecycleStatus: row.lifecycleStatus,
    owner: row.owner?.displayName ?? null,
    notes: row.notes,
    'consent.marketing': row.consentMarketing,
    'consent.channel': row.consentChannel,
    'consent.note': row.consentNote,
    phones: row.phones.map((phone) => {
      const masked = maskPhone(cipher.open(phone.numberEncrypted, phone.keyId))
      return phone.isPrimary ? `${masked} (${phone.type}, primary)` : `${masked} (${phone.type})`
    }),
    emails: row.emails.map((email) => {
      const masked = maskEmail(cipher.open(email.addressEncrypted, email.keyId))
      return email.isPrimary ? `${masked} (primary)` : masked
    }),
    addresses: row.addresses.map((address) => {
      const region = [address.provinceName, address.cityName, address.districtName].filter(Boolean).join('')
      const lines = address.streetEncrypted !== null || address.houseNumberEncrypted !== null ? ' ***' : ''
      const postcode = address.postcode === null ? '' : ` ${address.postcode}`
      return `${address.type}: ${region}${lines}${postcode}${address.isPrimary ? ' (primary)' : ''}`
    }),
    tags: row.tags.map(({ tag }) => tag.name).sort(),
    groups: row.groups.map(({ group }) => group.name).sort(),
  }
  for (const [key, value] of Object.entries(customFieldsOf(row.customFields))) view[`customFields.${key}`] = value
  return view
}

/** The fields whose history value differs, in a stable order. */
export const diffViews = (
  before: Record<string, HistoryValue>,
  after: Record<string, HistoryValue>,
): CustomerChange[] => {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  return fields.flatMap((field) => {
    const from = before[field] ?? null
    const to = after[field] ?? null
    return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ field, from, to }]
  })
}
