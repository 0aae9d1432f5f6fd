import type { CustomerAccess } from '../../access/customers.js'
import type { Db } from '../../db/prisma.js'
import { Prisma } from '../../generated/prisma/client.js'
import { recordAudit, type AuditAction } from '../../audit/audit.js'
import { authenticated, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { AppError, type FieldProblem } from '../../http/errors.js'
import type { DataCipher } from '../../lib/crypto.js'
import { maskEmail, maskPhone, normalisePhone } from '../../lib/phone.js'
import { phoneBlindIndexes } from '../../lib/search-terms.js'
import type { ContactDto, ContactInputData, ContactPatchData } from './contacts.schemas.js'

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const contactInclude = {
  phones: { orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }] },
  emails: { orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }] },
  relationshipType: { select: { id: true, name: true } },
} as const satisfies Prisma.ContactInclude
type ContactRow = Prisma.ContactGetPayload<{ include: typeof contactInclude }>

type Tx = Prisma.TransactionClient

const invalid = (fieldProblems: FieldProblem[]) => new AppError('VALIDATION_FAILED', { fieldProblems })

/** Which entry of a list is primary: the first one marked, else the first one. */
const primaryIndex = (entries: { primary: boolean }[]): number => Math.max(entries.findIndex((entry) => entry.primary), 0)

/** A change of one contact, as the customer's history records it (personal data masked). */
interface ContactChange {
  field: string
  from: Prisma.InputJsonValue | null
  to: Prisma.InputJsonValue | null
}

export interface ContactsService {
  list(ctx: RequestContext, customerId: string): Promise<{ items: ContactDto[] }>
  create(ctx: RequestContext, customerId: string, input: ContactInputData): Promise<ContactDto>
  update(ctx: RequestContext, customerId: string, contactId: string, input: ContactPatchData): Promise<ContactDto>
  remove(ctx: RequestContext, customerId: string, contactId: string): Promise<void>
}

export const createContactsService = ({
  db,
  access,
  cipher,
}: {
  db: Db
  access: Pick<CustomerAccess, 'requireInScope'>
  cipher: DataCipher
}): ContactsService => {
  const toDto = (row: ContactRow): ContactDto => ({
    id: row.id,
    name: row.name,
    title: row.title,
    // Masked for every role; the customer's reveal gives the full values (audited).
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
    relationshipType: row.relationshipType,
    reportsToId: row.reportsToId,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  })

  /**
   * Normalises, de-duplicates and seals the phones; a number that is not one is a 422 on its position. An entry
   * naming a stored phone of the contact by id keeps it (its sealed value is copied, never opened), so forms
   * need no full numbers; an id the contact does not have is a 422 on that entry.
   */
  const sealPhones = (phones: ContactInputData['phones'], stored: ContactRow['phones'] = []) => {
    const problems: FieldProblem[] = []
    const seen = new Set<string>()
    const prepared = phones.flatMap((phone, index) => {
      let row: { id?: string; numberEncrypted: Uint8Array<ArrayBuffer>; keyId: string; numberHash: string; last4Hash: string; tailTerms: string[] }
      if (phone.id !== undefined) {
        const kept = stored.find((entry) => entry.id === phone.id)
        if (kept === undefined) {
          problems.push({ field: `phones.${index}.id`, messageKey: 'validation.entry_unknown' })
          return []
        }
        row = { id: kept.id, numberEncrypted: kept.numberEncrypted, keyId: kept.keyId, numberHash: kept.numberHash, last4Hash: kept.last4Hash, tailTerms: kept.tailTerms }
      } else {
        const parsed = normalisePhone(phone.number ?? '')
        if (parsed === null) {
          problems.push({ field: `phones.${index}.number`, messageKey: 'validation.contact_phone' })
          return []
        }
        const sealed = cipher.seal(parsed.e164)
        row = { numberEncrypted: sealed.ciphertext, keyId: sealed.keyId, ...phoneBlindIndexes(cipher, parsed.e164) }
      }
      if (seen.has(row.numberHash)) return []
      seen.add(row.numberHash)
      return [{ type: phone.type, primary: phone.primary, row }]
    })
    if (problems.length > 0) throw invalid(problems)
    const primary = primaryIndex(prepared)
    return prepared.map(({ type, row }, index) => ({ ...row, type, isPrimary: index === primary, sortOrder: index }))
  }

  const sealEmails = (emails: ContactInputData['emails'], stored: ContactRow['emails'] = []) => {
    const problems: FieldProblem[] = []
    const seen = new Set<string>()
    const prepared = emails.flatMap((email, index) => {
      let row: { id?: string; addressEncrypted: Uint8Array<ArrayBuffer>; keyId: string; addressHash: string }
      if (email.id !== undefined) {
        const kept = stored.find((entry) => entry.id === email.id)
        if (kept === undefined) {
          problems.push({ field: `emails.${index}.id`, messageKey: 'validation.entry_unknown' })
          return []
        }
        row = { id: kept.id, addressEncrypted: kept.addressEncrypted, keyId: kept.keyId, addressHash: kept.addressHash }
      } else {
        const address = email.address ?? ''
        const sealed = cipher.seal(address)
        row = { addressEncrypted: sealed.ciphertext, keyId: sealed.keyId, addressHash: cipher.blindIndex('email', address.toLowerCase()) }
      }
      if (seen.has(row.addressHash)) return []
      seen.add(row.addressHash)
      return [{ primary: email.primary, row }]
    })
    if (problems.length > 0) throw invalid(problems)
    const primary = primaryIndex(prepared)
    return prepared.map(({ row }, index) => ({ ...row, isPrimary: index === primary, sortOrder: index }))
  }

  const findContact = async (tx: Tx, customerId: string, contactId: string): Promise<ContactRow> => {
    if (!uuidShape.test(contactId)) throw new AppError('CONTACT_NOT_FOUND')
    const row = await tx.contact.findFirst({ where: { id: contactId, customerId, deletedAt: null }, include: contactInclude })
    if (row === null) throw new AppError('CONTACT_NOT_FOUND')
    return row
  }

  const checkRelationshipType = async (tx: Tx, id: string | null | undefined) => {
    if (id === undefined || id === null) return
    if ((await tx.relationshipType.count({ where: { id } })) === 0) {
      throw invalid([{ field: 'relationshipTypeId', messageKey: 'validation.relationship_type_not_found' }])
    }
  }

  /**
   * The manager must be a live contact of the same customer, and the line of managers above it must not reach
   * the contact itself (which would close a loop). Runs under the customer's row lock, so two edits cannot
   * each close half of a loop.
   */
  const checkReportsTo = async (tx: Tx, customerId: string, reportsToId: string | null | undefined, selfId?: string) => {
    if (reportsToId === undefined || reportsToId === null) return
    if (reportsToId === selfId) throw invalid([{ field: 'reportsToId', messageKey: 'validation.reports_to_cycle' }])
    const manager = await tx.contact.count({ where: { id: reportsToId, customerId, deletedAt: null } })
    if (manager === 0) throw invalid([{ field: 'reportsToId', messageKey: 'validation.reports_to_not_found' }])
    if (selfId === undefined) return
    const loop = await tx.$queryRaw<{ found: number }[]>`
      WITH RECURSIVE chain(id, reports_to_id, depth) AS (
        SELECT id, reports_to_id, 1 FROM contacts WHERE id = ${reportsToId}::uuid
        UNION ALL
        SELECT c.id, c.reports_to_id, chain.depth + 1
        FROM contacts c JOIN chain ON c.id = chain.reports_to_id
        WHERE chain.depth < 10000
      )
      SELECT 1 AS found FROM chain WHERE id = ${selfId}::uuid LIMIT 1`
    if (loop.length > 0) throw invalid([{ field: 'reportsToId', messageKey: 'validation.reports_to_cycle' }])
  }

  const contactNames = async (tx: Tx, ids: (string | null)[]) => {
    const wanted = ids.filter((id): id is string => id !== null)
    const rows = wanted.length === 0 ? [] : await tx.contact.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
    return (id: string | null) => (id === null ? null : (rows.find((row) => row.id === id)?.name ?? null))
  }

  /** What the history shows of a contact's phones and emails: masked, in their stored order. */
  const maskedPhones = (row: ContactRow) => row.phones.map((phone) => maskPhone(cipher.open(phone.numberEncrypted, phone.keyId)))
  const maskedEmails = (row: ContactRow) => row.emails.map((email) => maskEmail(cipher.open(email.addressEncrypted, email.keyId)))

  const diff = async (tx: Tx, before: ContactRow, after: ContactRow): Promise<ContactChange[]> => {
    const nameOf = await contactNames(tx, [before.reportsToId, after.reportsToId])
    const pairs: [string, ContactChange['from'], ContactChange['to']][] = [
      ['name', before.name, after.name],
      ['title', before.title, after.title],
      ['relationshipType', before.relationshipType?.name ?? null, after.relationshipType?.name ?? null],
      ['reportsTo', nameOf(before.reportsToId), nameOf(after.reportsToId)],
      ['notes', before.notes, after.notes],
      ['phones', maskedPhones(before), maskedPhones(after)],
      ['emails', maskedEmails(before), maskedEmails(after)],
    ]
    return pairs
      .filter(([, from, to]) => JSON.stringify(from) !== JSON.stringify(to))
      .map(([field, from, to]) => ({ field: `contact.${field}`, from, to }))
  }

  const auditActions = { contact_created: 'create', contact_updated: 'update', contact_deleted: 'delete' } as const satisfies Record<string, AuditAction>

  /** The customer's history event and the audit entry of the same change, in the same transaction. */
  const recordEvent = async (
    tx: Tx,
    ctx: AuthenticatedContext,
    customerId: string,
    action: 'contact_created' | 'contact_updated' | 'contact_deleted',
    contact: { id: string; name: string },
    changes: ContactChange[],
  ) => {
    await tx.customerEvent.create({
      data: {
        customerId,
        actorId: ctx.user.id,
        kind: 'change',
        payload: { action, contact: { id: contact.id, name: contact.name }, changes: changes.map((change) => ({ ...change })) },
      },
    })
    await recordAudit(tx, ctx, {
      action: auditActions[action],
      resource: 'contact',
      resourceId: contact.id,
      customerId,
      label: contact.name,
      changes: Object.fromEntries(changes.map(({ field, from, to }) => [field.replace(/^contact\./, ''), { before: from, after: to }])),
    })
  }

  return {
    list: async (ctx, customerId) => {
      const customer = await access.requireInScope(authenticated(ctx), customerId)
      const rows = await db.contact.findMany({
        where: { customerId: customer.id, deletedAt: null },
        include: contactInclude,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      })
      return { items: rows.map(toDto) }
    },

    create: async (ctx, customerId, input) => {
      const caller = authenticated(ctx)
      const phones = sealPhones(input.phones)
      const emails = sealEmails(input.emails)
      return db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        await checkRelationshipType(tx, input.relationshipTypeId)
        await checkReportsTo(tx, customer.id, input.reportsToId)
        const row = await tx.contact.create({
          data: {
            customerId: customer.id,
            name: input.name,
            title: input.title ?? null,
            relationshipTypeId: input.relationshipTypeId ?? null,
            reportsToId: input.reportsToId ?? null,
            notes: input.notes ?? null,
            createdById: caller.user.id,
            phones: { createMany: { data: phones } },
            emails: { createMany: { data: emails } },
          },
          include: contactInclude,
        })
        const nameOf = await contactNames(tx, [row.reportsToId])
        const changes: ContactChange[] = [
          { field: 'contact.name', from: null, to: row.name },
          ...(row.title === null ? [] : [{ field: 'contact.title', from: null, to: row.title }]),
          ...(row.relationshipType === null ? [] : [{ field: 'contact.relationshipType', from: null, to: row.relationshipType.name }]),
          ...(row.reportsToId === null ? [] : [{ field: 'contact.reportsTo', from: null, to: nameOf(row.reportsToId) }]),
          ...(row.phones.length === 0 ? [] : [{ field: 'contact.phones', from: [], to: maskedPhones(row) }]),
          ...(row.emails.length === 0 ? [] : [{ field: 'contact.emails', from: [], to: maskedEmails(row) }]),
        ]
        await recordEvent(tx, caller, customer.id, 'contact_created', row, changes)
        return toDto(row)
      })
    },

    update: async (ctx, customerId, contactId, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        const before = await findContact(tx, customer.id, contactId)
        const phones = input.phones === undefined ? undefined : sealPhones(input.phones, before.phones)
        const emails = input.emails === undefined ? undefined : sealEmails(input.emails, before.emails)
        await checkRelationshipType(tx, input.relationshipTypeId)
        await checkReportsTo(tx, customer.id, input.reportsToId, before.id)
        if (phones !== undefined) await tx.contactPhone.deleteMany({ where: { contactId: before.id } })
        if (emails !== undefined) await tx.contactEmail.deleteMany({ where: { contactId: before.id } })
        const after = await tx.contact.update({
          where: { id: before.id },
          data: {
            name: input.name,
            title: input.title,
            relationshipTypeId: input.relationshipTypeId,
            reportsToId: input.reportsToId,
            notes: input.notes,
            ...(phones === undefined ? {} : { phones: { createMany: { data: phones } } }),
            ...(emails === undefined ? {} : { emails: { createMany: { data: emails } } }),
          },
          include: contactInclude,
        })
        const changes = await diff(tx, before, after)
        if (changes.length > 0) await recordEvent(tx, caller, customer.id, 'contact_updated', after, changes)
        return toDto(after)
      })
    },

    remove: async (ctx, customerId, contactId) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        const contact = await findContact(tx, customer.id, contactId)
        // Whoever reported to the removed contact now reports to its manager, so the tree stays connected.
        await tx.contact.updateMany({
          where: { reportsToId: contact.id, deletedAt: null },
          data: { reportsToId: contact.reportsToId },
        })
        await tx.contact.update({ where: { id: contact.id }, data: { deletedAt: new Date() } })
        await recordEvent(tx, caller, customer.id, 'contact_deleted', contact, [
          { field: 'contact.name', from: contact.name, to: null },
        ])
      })
    },
  }
}
