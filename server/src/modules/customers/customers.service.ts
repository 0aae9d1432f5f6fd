import { customerDetailInclude, type CustomerAccess, type CustomerDetailRow, type DbClient } from '../../access/customers.js'
import type { Db } from '../../db/prisma.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { authenticated, can, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { claimIdempotencyKey } from '../../http/idempotency.js'
import { AppError } from '../../http/errors.js'
import { pinyinColumns } from '../../lib/search-terms.js'
import { refreshPinyin } from './customers.search-upkeep.js'
import type { DataCipher } from '../../lib/crypto.js'
import { normalisePhone } from '../../lib/phone.js'
import { recomputeCustomerMetrics } from '../orders/orders.metrics.js'
import { recordCustomerEvents } from '../webhooks/webhook-events.js'
import { createCustomerMapper, customFieldsOf } from './customers.dto.js'
import { resolveCustomerFilter } from './customers.filters.js'
import { recordAudit, recordAuditMany, type AuditEntry } from '../../audit/audit.js'
import { recordBulkView } from '../../audit/bulk-view.js'
import { auditChanges, diffViews, historyView, recordCustomerChange, type CustomerEventPayload } from './customers.events.js'
import {
  applyCustomFields,
  checkReferences,
  checkUniqueCustomFields,
  createInputPreparer,
  ensureTags,
  findDuplicates,
  Problems,
  type DuplicateHit,
  type PreparedAddress,
  type PreparedEmail,
  type PreparedPhone,
} from './customers.input.js'
import type {
  BulkInputData,
  CustomerDto,
  CustomerInputData,
  CustomerListDto,
  CustomerListQueryData,
  CustomerPatchData,
  CustomerSummaryDto,
  DuplicateMatchesDto,
  RevealedContactsDto,
  DuplicatesQueryData,
  MergeInputData,
  TrashedCustomerDto,
} from './customers.schemas.js'

/** Bulk actions by filter touch at most this many customers in one transaction. */
const bulkFilterLimit = 10_000

export interface CustomersService {
  list(ctx: RequestContext, query: CustomerListQueryData): Promise<CustomerListDto>
  sources(ctx: RequestContext): Promise<{ items: { source: string; count: number }[] }>
  get(ctx: RequestContext, id: string): Promise<CustomerDto>
  /**
   * With an idempotency key, a retry of a create that already committed answers with that customer (`replayed`)
   * instead of creating a second one.
   */
  create(ctx: RequestContext, input: CustomerInputData, idempotencyKey?: string): Promise<CustomerDto & { replayed?: true }>
  /** The same creation inside a transaction the caller already holds (a public form claims its key in it). */
  createInTransaction(tx: Prisma.TransactionClient, ctx: RequestContext, input: CustomerInputData): Promise<{ id: string }>
  update(ctx: RequestContext, id: string, input: CustomerPatchData): Promise<CustomerDto>
  remove(ctx: RequestContext, id: string): Promise<void>
  duplicates(ctx: RequestContext, query: DuplicatesQueryData): Promise<DuplicateMatchesDto>
  listTrash(ctx: RequestContext, page: { page: number; pageSize: number }): Promise<{ items: TrashedCustomerDto[]; total: number }>
  restore(ctx: RequestContext, id: string): Promise<CustomerDto>
  purge(ctx: RequestContext, id: string): Promise<void>
  merge(ctx: RequestContext, input: MergeInputData): Promise<CustomerDto>
  bulk(ctx: RequestContext, input: BulkInputData): Promise<{ affected: number }>
  /** The full phones and emails of the customer and its contacts; audited. */
  reveal(ctx: RequestContext, id: string): Promise<RevealedContactsDto>
}

// Merging a big customer moves many rows; the default five seconds is too tight on a small server.
const transactionOptions = { timeout: 30_000, maxWait: 10_000 } as const

export const createCustomersService = ({
  db,
  access,
  cipher,
}: {
  db: Db
  access: CustomerAccess
  cipher: DataCipher
}): CustomersService => {
  const mapper = createCustomerMapper(cipher)
  const prepare = createInputPreparer(cipher)

  /** Only assigners may pick an owner other than themselves, and the owner must be an active user. */
  const checkOwner = async (tx: DbClient, ctx: AuthenticatedContext, ownerId: string | null | undefined, currentOwnerId?: string | null) => {
    if (ownerId === undefined || ownerId === ctx.user.id || ownerId === currentOwnerId) return
    if (!can(ctx.user, 'customer:assign')) throw new AppError('FORBIDDEN')
    if (ownerId === null) {
      if (ctx.user.scopes.customer !== 'all') {
        throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'ownerId', messageKey: 'validation.owner_out_of_scope' }] })
      }
      return
    }
    const owner = await tx.user.findUnique({ where: { id: ownerId } })
    if (owner === null || owner.disabled) {
      throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'ownerId', messageKey: 'validation.owner_not_found' }] })
    }
    // A manager hands customers only to their own team: a customer given away leaves their scope for good.
    if (!(await access.ownerInScope(ctx, ownerId, tx))) {
      throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'ownerId', messageKey: 'validation.owner_out_of_scope' }] })
    }
  }

  /**
   * Refuses values another live customer already has (409 CUSTOMER_DUPLICATE naming the field and that
   * customer), unless the caller forces the save and may do so. Returns what the history should keep.
   */
  const guardDuplicates = async (
    tx: DbClient,
    ctx: AuthenticatedContext,
    candidates: { phones: PreparedPhone[]; emails: PreparedEmail[]; excludeId: string | null },
    force: { reason: string } | undefined,
  ): Promise<Pick<CustomerEventPayload, 'reason' | 'duplicates'>> => {
    if (force !== undefined && !can(ctx.user, 'customer:force_duplicate')) throw new AppError('FORBIDDEN')
    const hits: DuplicateHit[] = await findDuplicates(tx, candidates)
    if (hits.length === 0) return {}
    if (force === undefined) {
      throw new AppError('CUSTOMER_DUPLICATE', {
        fieldProblems: hits.map((hit) => ({
          field: hit.field,
          messageKey: hit.kind === 'phone' ? 'validation.duplicate_phone' : 'validation.duplicate_email',
          extra: { existingCustomerId: hit.existingCustomerId },
        })),
      })
    }
    return { reason: force.reason, duplicates: hits.map(({ field, existingCustomerId }) => ({ field, existingCustomerId })) }
  }

  /** Re-reads a row already resolved through the access layer in this transaction. */
  const detailById = (tx: DbClient, id: string): Promise<CustomerDetailRow> =>
    tx.customer.findUniqueOrThrow({ where: { id }, include: customerDetailInclude })

  const replaceLists = async (
    tx: DbClient,
    customerId: string,
    lists: {
      phones?: PreparedPhone[] | undefined
      emails?: PreparedEmail[] | undefined
      addresses?: PreparedAddress[] | undefined
      tagIds?: string[] | undefined
      groupIds?: string[] | undefined
    },
  ) => {
    if (lists.phones !== undefined) {
      await tx.customerPhone.deleteMany({ where: { customerId } })
      await tx.customerPhone.createMany({ data: lists.phones.map(({ row }) => ({ ...row, customerId })) })
    }
    if (lists.emails !== undefined) {
      await tx.customerEmail.deleteMany({ where: { customerId } })
      await tx.customerEmail.createMany({ data: lists.emails.map(({ row }) => ({ ...row, customerId })) })
    }
    if (lists.addresses !== undefined) {
      await tx.customerAddress.deleteMany({ where: { customerId } })
      await tx.customerAddress.createMany({ data: lists.addresses.map((address) => ({ ...address, customerId })) })
    }
    if (lists.tagIds !== undefined) {
      await tx.customerTag.deleteMany({ where: { customerId, tagId: { notIn: lists.tagIds } } })
      await tx.customerTag.createMany({ data: lists.tagIds.map((tagId) => ({ customerId, tagId })), skipDuplicates: true })
    }
    if (lists.groupIds !== undefined) {
      await tx.customerGroup.deleteMany({ where: { customerId, groupId: { notIn: lists.groupIds } } })
      await tx.customerGroup.createMany({ data: lists.groupIds.map((groupId) => ({ customerId, groupId })), skipDuplicates: true })
    }
  }

  /** The scalar columns a create or patch sets; undefined leaves a column alone. */
  const scalarData = (input: CustomerInputData | CustomerPatchData) => ({
    name: input.name,
    gender: input.gender,
    birthday: input.birthday === undefined ? undefined : input.birthday === null ? null : new Date(`${input.birthday}T00:00:00Z`),
    occupation: input.occupation,
    company: input.company,
    industry: input.industry,
    source: input.source,
    lifecycleStatus: input.lifecycleStatus,
    notes: input.notes,
  })

  /** Consent columns: givenAt is the server's clock at the moment marketing consent turns on. */
  const consentData = (
    consent: CustomerInputData['consent'],
    before: { consentMarketing: boolean; consentGivenAt: Date | null } | null,
  ) => {
    if (consent === undefined) return {}
    const wasGiven = before?.consentMarketing ?? false
    return {
      consentMarketing: consent.marketing,
      consentGivenAt: consent.marketing ? (wasGiven ? (before?.consentGivenAt ?? new Date()) : new Date()) : null,
      ...(consent.channel === undefined ? {} : { consentChannel: consent.channel }),
      ...(consent.note === undefined ? {} : { consentNote: consent.note }),
    }
  }

  /** The prepared lists of the input, with every problem of the body collected into one 422. */
  const prepareLists = async (
    tx: DbClient,
    input: CustomerInputData | CustomerPatchData,
    problems: Problems,
    stored: Pick<CustomerDetailRow, 'phones' | 'emails'> = { phones: [], emails: [] },
  ) => {
    const phones = input.phones === undefined ? undefined : prepare.phones(input.phones, problems, stored.phones)
    const emails = input.emails === undefined ? undefined : prepare.emails(input.emails, problems, stored.emails)
    const addresses = input.addresses === undefined ? undefined : prepare.addresses(input.addresses, problems)
    await checkReferences(tx, input, problems)
    return { phones, emails, addresses }
  }

  const withTags = async (tx: DbClient, input: CustomerInputData | CustomerPatchData): Promise<string[] | undefined> => {
    if (input.tagIds === undefined && input.newTags === undefined) return undefined
    return [...new Set([...(input.tagIds ?? []), ...(await ensureTags(tx, input.newTags))])]
  }

  const bulkEvents = async (
    tx: DbClient,
    ctx: AuthenticatedContext,
    names: ReadonlyMap<string, string>,
    action: string,
    changes: Map<string, { from: string[] | string | null; to: string[] | string | null; field: string }>,
  ) => {
    const ids = [...changes.keys()]
    if (ids.length === 0) return 0
    await tx.customer.updateMany({ where: { id: { in: ids } }, data: { version: { increment: 1 } } })
    if (action !== 'assignOwner') await recordCustomerEvents(tx, 'customer.updated', ids.map((customerId) => ({ customerId })))
    const occurredAt = new Date()
    await tx.customerEvent.createMany({
      data: ids.map((customerId) => {
        const change = changes.get(customerId)
        const payload: CustomerEventPayload = { bulk: action, changes: change === undefined ? [] : [change] }
        return { customerId, kind: 'change' as const, actorId: ctx.user.id, occurredAt, payload: payload as Prisma.InputJsonObject }
      }),
    })
    // One audit entry per customer changed, so each one's trail is complete on its own.
    await recordAuditMany(
      tx,
      ctx,
      ids.map((customerId): AuditEntry => {
        const change = changes.get(customerId)
        return {
          action: action === 'assignOwner' ? 'assign' : 'update',
          resource: 'customer',
          resourceId: customerId,
          customerId,
          label: names.get(customerId) ?? null,
          changes: change === undefined ? null : auditChanges([change]),
          meta: { bulk: action },
        }
      }),
    )
    return ids.length
  }

  /** Everything creating a customer does, inside the caller's transaction (the API's own, or a public form's). */
  const insertCustomer = async (tx: Prisma.TransactionClient, caller: AuthenticatedContext, input: CustomerInputData) => {
    await checkOwner(tx, caller, input.ownerId)
    const problems = new Problems()
    const lists = await prepareLists(tx, input, problems)
    const custom = await applyCustomFields(tx, input.customFields, {}, 'create', problems)
    problems.throwIfAny()
    await checkUniqueCustomFields(tx, custom.values, custom.changedUniqueKeys, null)
    const forced = await guardDuplicates(tx, caller, { phones: lists.phones ?? [], emails: lists.emails ?? [], excludeId: null }, input.force)

    const levelId =
      input.levelId === undefined
        ? ((await tx.customerLevel.findFirst({ where: { isDefault: true }, orderBy: { sortOrder: 'asc' } }))?.id ?? null)
        : input.levelId
    const created = await tx.customer.create({
      data: {
        ...scalarData(input),
        name: input.name,
        ...pinyinColumns(input.name, input.company ?? null),
        levelId,
        ownerId: input.ownerId === undefined ? caller.user.id : input.ownerId,
        createdById: caller.user.id,
        customFields: custom.values as Prisma.InputJsonObject,
        ...consentData(input.consent, null),
      },
    })
    await replaceLists(tx, created.id, {
      phones: lists.phones,
      emails: lists.emails,
      addresses: lists.addresses,
      tagIds: await withTags(tx, input),
      groupIds: input.groupIds,
    })
    const row = await detailById(tx, created.id)
    // The initial values, as changes from nothing, so the history alone tells what the record started as.
    const changes = diffViews({}, historyView(row, cipher)).filter(
      ({ to }) => to !== null && to !== false && !(Array.isArray(to) && to.length === 0),
    )
    await recordCustomerChange(tx, caller, { customerId: created.id, kind: 'created', payload: { changes, ...forced } }, { action: 'create', label: row.name })
    return row
  }

  return {
    list: async (ctx, query) => {
      const caller = authenticated(ctx)
      const { sort, order, limit, cursor, ...filter } = query
      const result = await access.search(caller, {
        filter: await resolveCustomerFilter(db, caller, filter),
        sort,
        order,
        cursor,
        limit,
      })
      // Paging through many customers within a minute is a sensitive read of its own (bulk_view).
      await recordBulkView(db, caller, result.rows.length)
      return {
        items: result.rows.map(({ row, match }) => ({ ...mapper.summary(row), match })),
        total: result.total,
        totalIsEstimate: result.totalIsEstimate,
        nextCursor: result.nextCursor,
      }
    },

    sources: async (ctx) => ({ items: await access.sources(authenticated(ctx)) }),

    get: async (ctx, id) => mapper.detail(await access.findDetail(authenticated(ctx), id)),

    create: async (ctx, input, idempotencyKey) => {
      const caller = authenticated(ctx)
      const outcome = await db.$transaction(async (tx) => {
        const claim =
          idempotencyKey === undefined
            ? undefined
            : await claimIdempotencyKey(tx, { scope: `user:${caller.user.id}`, key: idempotencyKey, operation: 'customers.create', body: input })
        const replayOf = claim?.replayOf ?? null
        if (replayOf !== null) return { replayOf, row: undefined }
        const row = await insertCustomer(tx, caller, input)
        await recordCustomerEvents(tx, 'customer.created', [{ customerId: row.id }])
        await claim?.complete(row.id)
        return { replayOf: null, row }
      }, transactionOptions)
      if (outcome.replayOf !== null) return { ...mapper.detail(await access.findDetail(caller, outcome.replayOf)), replayed: true }
      return mapper.detail(outcome.row)
    },

    createInTransaction: async (tx, ctx, input) => {
      const row = await insertCustomer(tx, authenticated(ctx), input)
      return { id: row.id }
    },

    update: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      const row = await db.$transaction(async (tx) => {
        const scoped = await access.requireInScope(caller, id, tx, { lock: true })
        if (scoped.version !== input.version) {
          throw new AppError('CUSTOMER_VERSION_CONFLICT', { extra: { current: mapper.detail(await detailById(tx, id)) } })
        }
        const before = await detailById(tx, id)
        await checkOwner(tx, caller, input.ownerId, before.ownerId)
        const problems = new Problems()
        const lists = await prepareLists(tx, input, problems, before)
        const custom = await applyCustomFields(tx, input.customFields, customFieldsOf(before.customFields), 'update', problems)
        problems.throwIfAny()
        await checkUniqueCustomFields(tx, custom.values, custom.changedUniqueKeys, id)
        // Only numbers and emails this customer does not have yet are checked: keeping a duplicate that was
        // forced before must not need forcing again.
        const knownPhones = new Set(before.phones.map((phone) => phone.numberHash))
        const knownEmails = new Set(before.emails.map((email) => email.addressHash))
        const forced = await guardDuplicates(
          tx,
          caller,
          {
            phones: (lists.phones ?? []).filter((phone) => !knownPhones.has(phone.numberHash)),
            emails: (lists.emails ?? []).filter((email) => !knownEmails.has(email.addressHash)),
            excludeId: id,
          },
          input.force,
        )

        const renamed = input.name !== undefined || input.company !== undefined
        await tx.customer.update({
          where: { id },
          data: {
            ...scalarData(input),
            ...(renamed ? pinyinColumns(input.name ?? before.name, input.company === undefined ? before.company : input.company) : {}),
            levelId: input.levelId,
            ownerId: input.ownerId,
            customFields: input.customFields === undefined ? undefined : (custom.values as Prisma.InputJsonObject),
            ...consentData(input.consent, before),
            version: { increment: 1 },
          },
        })
        await replaceLists(tx, id, {
          phones: lists.phones,
          emails: lists.emails,
          addresses: lists.addresses,
          tagIds: await withTags(tx, input),
          groupIds: input.groupIds,
        })
        const after = await detailById(tx, id)
        const changes = diffViews(historyView(before, cipher), historyView(after, cipher))
        if (changes.length > 0 || forced.reason !== undefined) {
          await recordCustomerChange(tx, caller, { customerId: id, kind: 'change', payload: { changes, ...forced } }, { action: 'update', label: after.name })
        }
        if (changes.length > 0) await recordCustomerEvents(tx, 'customer.updated', [{ customerId: id }])
        if (after.ownerId !== before.ownerId) {
          await recordCustomerEvents(tx, 'customer.assigned', [{ customerId: id, extra: { previousOwnerId: before.ownerId } }])
        }
        return after
      }, transactionOptions)
      return mapper.detail(row)
    },

    remove: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, id, tx, { lock: true })
        await tx.customer.update({
          where: { id },
          data: { deletedAt: new Date(), deletedById: caller.user.id, version: { increment: 1 } },
        })
        await recordCustomerChange(tx, caller, { customerId: id, kind: 'deleted' }, { action: 'delete', label: customer.name })
        await recordCustomerEvents(tx, 'customer.deleted', [{ customerId: id }])
      })
    },

    duplicates: async (ctx, { phone, email, excludeId }) => {
      const caller = authenticated(ctx)
      const problems = new Problems()
      const parsed = phone === undefined ? undefined : normalisePhone(phone)
      if (parsed === null) problems.add({ field: 'phone', messageKey: 'validation.phone_number' })
      if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.add({ field: 'email', messageKey: 'validation.invalid_email' })
      problems.throwIfAny()
      const hits = await findDuplicates(db, {
        phones: parsed == null ? [] : [{ field: 'phone', numberHash: cipher.blindIndex('phone', parsed.e164) }],
        emails: email === undefined ? [] : [{ field: 'email', addressHash: cipher.blindIndex('email', email.toLowerCase()) }],
        excludeId: excludeId ?? null,
        lock: false,
      })
      // Others' customers are named only to those who could open them; the id is still given so a manager
      // can be asked to merge or reassign.
      const names = await access.namesInScope(caller, hits.map((hit) => hit.existingCustomerId))
      return {
        matches: hits.map((hit) => ({ customerId: hit.existingCustomerId, name: names.get(hit.existingCustomerId) ?? null, field: hit.kind })),
      }
    },

    listTrash: async (ctx, { page, pageSize }) => {
      const caller = authenticated(ctx)
      const { rows, total } = await access.listTrash(caller, { skip: (page - 1) * pageSize, take: pageSize })
      await recordBulkView(db, caller, rows.length)
      return { items: rows.map(mapper.trashed), total }
    },

    restore: async (ctx, id) => {
      const caller = authenticated(ctx)
      const row = await db.$transaction(async (tx) => {
        const customer = await access.requireInTrash(caller, id, tx, { lock: true })
        await tx.customer.update({
          where: { id },
          data: { deletedAt: null, deletedById: null, mergedIntoId: null, version: { increment: 1 } },
        })
        await recordCustomerChange(tx, caller, { customerId: id, kind: 'restored' }, { action: 'restore', label: customer.name })
        await recordCustomerEvents(tx, 'customer.restored', [{ customerId: id }])
        return detailById(tx, id)
      })
      return mapper.detail(row)
    },

    purge: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const customer = await access.requireInTrash(caller, id, tx, { lock: true })
        // Phones, emails, addresses, contacts, orders, activities and history go with it (ON DELETE CASCADE);
        // the audit log keeps the trace (it has no foreign key to customers).
        await tx.customer.delete({ where: { id } })
        await recordAudit(tx, caller, { action: 'purge', resource: 'customer', resourceId: id, customerId: id, label: customer.name })
      }, transactionOptions)
    },

    merge: async (ctx, { survivorId, mergedId, fields }) => {
      const caller = authenticated(ctx)
      if (survivorId === mergedId) {
        throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'mergedId', messageKey: 'validation.merge_same_customer' }] })
      }
      const row = await db.$transaction(async (tx) => {
        await access.requireAllInScope(caller, [survivorId, mergedId], tx)
        const survivor = await detailById(tx, survivorId)
        const merged = await detailById(tx, mergedId)
        const pick = <K extends keyof MergeInputData['fields'] & keyof CustomerDetailRow>(field: K) =>
          fields[field] === 'merged' ? { [field]: merged[field] } : {}
        const chosen = {
          ...pick('name'), ...pick('gender'), ...pick('birthday'), ...pick('occupation'), ...pick('company'), ...pick('industry'),
          ...pick('source'), ...pick('levelId'), ...pick('lifecycleStatus'), ...pick('notes'),
        }
        if (fields.ownerId === 'merged') await checkOwner(tx, caller, merged.ownerId, survivor.ownerId)

        // Phones and emails the survivor already has stay behind with the merged customer, in the trash.
        const survivorPhones = new Set(survivor.phones.map((phone) => phone.numberHash))
        const movingPhones = merged.phones.filter((phone) => !survivorPhones.has(phone.numberHash))
        await tx.customerPhone.updateMany({
          where: { id: { in: movingPhones.map((phone) => phone.id) } },
          data: { customerId: survivorId, isPrimary: false },
        })
        const survivorEmails = new Set(survivor.emails.map((email) => email.addressHash))
        const movingEmails = merged.emails.filter((email) => !survivorEmails.has(email.addressHash))
        await tx.customerEmail.updateMany({
          where: { id: { in: movingEmails.map((email) => email.id) } },
          data: { customerId: survivorId, isPrimary: false },
        })
        // Addresses have no blind index; equal ones are recognised by their opened contents.
        const addressKey = (address: CustomerDetailRow['addresses'][number]) =>
          JSON.stringify([
            address.provinceCode, address.cityCode, address.districtCode, address.postcode,
            address.streetEncrypted === null || address.keyId === null ? null : cipher.open(address.streetEncrypted, address.keyId),
            address.houseNumberEncrypted === null || address.keyId === null ? null : cipher.open(address.houseNumberEncrypted, address.keyId),
          ])
        const survivorAddresses = new Set(survivor.addresses.map(addressKey))
        const movingAddresses = merged.addresses.filter((address) => !survivorAddresses.has(addressKey(address)))
        await tx.customerAddress.updateMany({
          where: { id: { in: movingAddresses.map((address) => address.id) } },
          data: { customerId: survivorId, isPrimary: false },
        })
        // Moved entries go after the survivor's own, in their order; the survivor's primary entries stay primary.
        const sortAfter = async (
          table: 'customerPhone' | 'customerEmail' | 'customerAddress',
          ids: string[],
          offset: number,
          hadNone: boolean,
        ) => {
          for (const [index, entryId] of ids.entries()) {
            const data = { sortOrder: offset + index, ...(hadNone && index === 0 ? { isPrimary: true } : {}) }
            if (table === 'customerPhone') await tx.customerPhone.update({ where: { id: entryId }, data })
            else if (table === 'customerEmail') await tx.customerEmail.update({ where: { id: entryId }, data })
            else await tx.customerAddress.update({ where: { id: entryId }, data })
          }
        }
        await sortAfter('customerPhone', movingPhones.map((phone) => phone.id), survivor.phones.length, survivor.phones.length === 0)
        await sortAfter('customerEmail', movingEmails.map((email) => email.id), survivor.emails.length, survivor.emails.length === 0)
        await sortAfter('customerAddress', movingAddresses.map((address) => address.id), survivor.addresses.length, survivor.addresses.length === 0)

        await tx.contact.updateMany({ where: { customerId: mergedId }, data: { customerId: survivorId } })
        await tx.order.updateMany({ where: { customerId: mergedId }, data: { customerId: survivorId } })
        await tx.activity.updateMany({ where: { customerId: mergedId }, data: { customerId: survivorId } })
        await tx.customerTag.createMany({
          data: merged.tags.map(({ tagId }) => ({ customerId: survivorId, tagId })),
          skipDuplicates: true,
        })
        await tx.customerGroup.createMany({
          data: merged.groups.map(({ groupId }) => ({ customerId: survivorId, groupId })),
          skipDuplicates: true,
        })

        // Custom values the survivor lacks are taken from the merged customer.
        const customFields = { ...customFieldsOf(merged.customFields), ...customFieldsOf(survivor.customFields) }
        // Marketing consent is kept when either customer gave it, with the earlier time.
        const consent =
          !survivor.consentMarketing && merged.consentMarketing
            ? {
                consentMarketing: true,
                consentGivenAt: merged.consentGivenAt,
                consentChannel: merged.consentChannel,
                consentNote: merged.consentNote,
              }
            : {}
        await tx.customer.update({
          where: { id: survivorId },
          data: {
            ...chosen,
            ...(fields.ownerId === 'merged' ? { ownerId: merged.ownerId } : {}),
            ...consent,
            customFields: customFields as Prisma.InputJsonObject,
            version: { increment: 1 },
          },
        })
        await refreshPinyin(tx, [survivorId])
        const now = new Date()
        await tx.customer.update({
          where: { id: mergedId },
          data: { deletedAt: now, deletedById: caller.user.id, mergedIntoId: survivorId, version: { increment: 1 } },
        })
        await recomputeCustomerMetrics(tx, survivorId)
        await recomputeCustomerMetrics(tx, mergedId)

        const after = await detailById(tx, survivorId)
        await recordCustomerChange(
          tx,
          caller,
          {
            customerId: survivorId,
            kind: 'merge',
            occurredAt: now,
            payload: {
              role: 'survivor',
              otherCustomerId: mergedId,
              otherCustomerName: merged.name,
              changes: diffViews(historyView(survivor, cipher), historyView(after, cipher)),
            },
          },
          { action: 'merge', label: after.name, meta: { role: 'survivor', mergedId, mergedName: merged.name } },
        )
        await recordCustomerChange(
          tx,
          caller,
          { customerId: mergedId, kind: 'merge', occurredAt: now, payload: { role: 'merged', otherCustomerId: survivorId, otherCustomerName: after.name } },
          { action: 'merge', label: merged.name, meta: { role: 'merged', survivorId, survivorName: after.name } },
        )
        await recordCustomerEvents(tx, 'customer.merged', [{ customerId: survivorId, related: { merged: mergedId } }])
        return after
      }, transactionOptions)
      return mapper.detail(row)
    },

    reveal: async (ctx, id) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, id, tx)
        const [phones, emails, contacts] = await Promise.all([
          tx.customerPhone.findMany({ where: { customerId: customer.id }, orderBy: { sortOrder: 'asc' } }),
          tx.customerEmail.findMany({ where: { customerId: customer.id }, orderBy: { sortOrder: 'asc' } }),
          tx.contact.findMany({
            where: { customerId: customer.id, deletedAt: null },
            include: {
              phones: { orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }] },
              emails: { orderBy: [{ isPrimary: 'desc' }, { sortOrder: 'asc' }] },
            },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          }),
        ])
        // The trace says how much was seen, never the values themselves.
        await recordAudit(tx, caller, {
          action: 'reveal',
          resource: 'customer',
          resourceId: customer.id,
          customerId: customer.id,
          label: customer.name,
          meta: {
            phones: phones.length,
            emails: emails.length,
            contactPhones: contacts.reduce((sum, contact) => sum + contact.phones.length, 0),
            contactEmails: contacts.reduce((sum, contact) => sum + contact.emails.length, 0),
          },
        })
        return {
          phones: mapper.revealPhones(phones),
          emails: mapper.revealEmails(emails),
          contacts: contacts.map((contact) => ({
            id: contact.id,
            phones: mapper.revealPhones(contact.phones),
            emails: mapper.revealEmails(contact.emails),
          })),
        }
      })
    },

    bulk: async (ctx, input) => {
      const caller = authenticated(ctx)
      if (input.action === 'delete' && !can(caller.user, 'customer:delete')) throw new AppError('FORBIDDEN')
      if (input.action === 'assignOwner' && !can(caller.user, 'customer:assign')) throw new AppError('FORBIDDEN')
      const filter = input.filter === undefined ? undefined : await resolveCustomerFilter(db, caller, input.filter)
      return db.$transaction(async (tx) => {
        let targetIds = input.ids ?? []
        if (filter !== undefined) {
          targetIds = await access.matchingIds(caller, filter, bulkFilterLimit, tx)
          if (targetIds.length > bulkFilterLimit) {
            throw new AppError('BULK_TOO_LARGE', { fieldProblems: [{ field: 'filter', messageKey: 'validation.too_many' }] })
          }
          if (targetIds.length === 0) return { affected: 0 }
        }
        const customers = await access.requireAllInScope(caller, targetIds, tx)
        const ids = customers.map((customer) => customer.id)
        const names = new Map(customers.map((customer) => [customer.id, customer.name]))
        const problems = new Problems()
        await checkReferences(tx, { tagIds: input.tagIds, groupIds: input.groupIds }, problems)
        problems.throwIfAny()

        switch (input.action) {
          case 'addTags':
          case 'removeTags': {
            const tagIds = input.tagIds ?? []
            const links = await tx.customerTag.findMany({ where: { customerId: { in: ids } }, include: { tag: true } })
            const chosen = await tx.tag.findMany({ where: { id: { in: tagIds } } })
            if (input.action === 'addTags') {
              await tx.customerTag.createMany({ data: ids.flatMap((customerId) => tagIds.map((tagId) => ({ customerId, tagId }))), skipDuplicates: true })
            } else {
              await tx.customerTag.deleteMany({ where: { customerId: { in: ids }, tagId: { in: tagIds } } })
            }
            const changes = new Map<string, { field: string; from: string[]; to: string[] }>()
            for (const customerId of ids) {
              const own = links.filter((link) => link.customerId === customerId).map((link) => link.tag)
              const next = input.action === 'addTags'
                ? [...own, ...chosen.filter((tag) => !own.some((mine) => mine.id === tag.id))]
                : own.filter((tag) => !tagIds.includes(tag.id))
              if (next.length !== own.length) {
                changes.set(customerId, { field: 'tags', from: own.map((tag) => tag.name).sort(), to: next.map((tag) => tag.name).sort() })
              }
            }
            return { affected: await bulkEvents(tx, caller, names, input.action, changes) }
          }
          case 'addGroups':
          case 'removeGroups': {
            const groupIds = input.groupIds ?? []
            const links = await tx.customerGroup.findMany({ where: { customerId: { in: ids } }, include: { group: true } })
            const chosen = await tx.group.findMany({ where: { id: { in: groupIds } } })
            if (input.action === 'addGroups') {
              await tx.customerGroup.createMany({ data: ids.flatMap((customerId) => groupIds.map((groupId) => ({ customerId, groupId }))), skipDuplicates: true })
            } else {
              await tx.customerGroup.deleteMany({ where: { customerId: { in: ids }, groupId: { in: groupIds } } })
            }
            const changes = new Map<string, { field: string; from: string[]; to: string[] }>()
            for (const customerId of ids) {
              const own = links.filter((link) => link.customerId === customerId).map((link) => link.group)
              const next = input.action === 'addGroups'
                ? [...own, ...chosen.filter((group) => !own.some((mine) => mine.id === group.id))]
                : own.filter((group) => !groupIds.includes(group.id))
              if (next.length !== own.length) {
                changes.set(customerId, { field: 'groups', from: own.map((group) => group.name).sort(), to: next.map((group) => group.name).sort() })
              }
            }
            return { affected: await bulkEvents(tx, caller, names, input.action, changes) }
          }
          case 'assignOwner': {
            const ownerId = input.ownerId ?? null
            await checkOwner(tx, caller, ownerId)
            const moving = customers.filter((customer) => customer.ownerId !== ownerId)
            const owners = await tx.user.findMany({
              where: { id: { in: [...moving.flatMap((customer) => (customer.ownerId === null ? [] : [customer.ownerId])), ...(ownerId === null ? [] : [ownerId])] } },
              select: { id: true, displayName: true },
            })
            const nameOf = (userId: string | null) => owners.find((owner) => owner.id === userId)?.displayName ?? null
            await tx.customer.updateMany({ where: { id: { in: moving.map((customer) => customer.id) } }, data: { ownerId } })
            const changes = new Map(
              moving.map((customer) => [customer.id, { field: 'owner', from: nameOf(customer.ownerId), to: nameOf(ownerId) }]),
            )
            const affected = await bulkEvents(tx, caller, names, input.action, changes)
            await recordCustomerEvents(tx, 'customer.assigned', moving.map((customer) => ({ customerId: customer.id, extra: { previousOwnerId: customer.ownerId } })))
            return { affected }
          }
          case 'delete': {
            const now = new Date()
            await tx.customer.updateMany({
              where: { id: { in: ids } },
              data: { deletedAt: now, deletedById: caller.user.id, version: { increment: 1 } },
            })
            await tx.customerEvent.createMany({
              data: ids.map((customerId) => ({ customerId, kind: 'deleted' as const, actorId: caller.user.id, occurredAt: now, payload: { bulk: 'delete' } })),
            })
            await recordAuditMany(
              tx,
              caller,
              ids.map((customerId): AuditEntry => ({
                action: 'delete', resource: 'customer', resourceId: customerId, customerId, label: names.get(customerId) ?? null, meta: { bulk: 'delete' },
              })),
            )
            await recordCustomerEvents(tx, 'customer.deleted', ids.map((customerId) => ({ customerId })))
            return { affected: ids.length }
          }
        }
      }, transactionOptions)
    },
  }
}
