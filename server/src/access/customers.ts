import type { Db } from '../db/prisma.js'
import { Prisma } from '../generated/prisma/client.js'
import type { LifecycleStatus } from '../generated/prisma/enums.js'
import { customerScopeOfRole } from '../auth/permissions.js'
import type { AuthenticatedContext, AuthUser } from '../http/context.js'
import { AppError } from '../http/errors.js'
import type { DataCipher } from '../lib/crypto.js'
import { normalisePhone } from '../lib/phone.js'

/**
 * The only way to reach customer rows. Every read and write is limited to the caller's data scope
 * (admins and managers: all customers; sales: the ones they own) and never sees trashed rows unless it asks
 * for the trash explicitly. A row outside the scope is reported exactly like a missing one, so ids of others'
 * customers leak nothing. Modules holding rows that belong to a customer (contacts, orders, activities,
 * timeline) resolve the customer here first with `requireInScope`.
 */

/** The client or the transaction a call should run in. */
export type DbClient = Db | Prisma.TransactionClient

const userRef = { select: { id: true, displayName: true } } as const
// Lists keep the order they were entered in; `isPrimary` marks the primary entry.
const listOrder = { sortOrder: 'asc' } as const

/** What list rows need: the primary phone, email and address only. */
export const customerSummaryInclude = {
  owner: userRef,
  level: true,
  phones: { where: { isPrimary: true }, take: 1 },
  emails: { where: { isPrimary: true }, take: 1 },
  addresses: { where: { isPrimary: true }, take: 1 },
  tags: { include: { tag: true }, orderBy: { tag: { name: 'asc' } } },
  groups: { include: { group: true }, orderBy: { group: { name: 'asc' } } },
  deletedBy: userRef,
} as const satisfies Prisma.CustomerInclude

/** The full record. */
export const customerDetailInclude = {
  ...customerSummaryInclude,
  phones: { orderBy: listOrder },
  emails: { orderBy: listOrder },
  addresses: { orderBy: listOrder },
  mergedFrom: { select: { id: true, name: true, deletedAt: true }, orderBy: { deletedAt: 'desc' } },
} as const satisfies Prisma.CustomerInclude

export type CustomerSummaryRow = Prisma.CustomerGetPayload<{ include: typeof customerSummaryInclude }>
export type CustomerDetailRow = Prisma.CustomerGetPayload<{ include: typeof customerDetailInclude }>

/** The few columns a scope check returns. */
export interface ScopedCustomer {
  id: string
  ownerId: string | null
  version: number
  name: string
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: string): boolean => uuidShape.test(value)

const ownsOnly = (user: AuthUser) => customerScopeOfRole[user.role] === 'own'

/**
 * A condition on one custom field value in `customers.custom_fields`, already checked against its definition
 * (see modules/customers/customers.filters.ts). Ranges are inclusive and need at least one end.
 */
export type CustomFieldCondition =
  | { kind: 'contains'; key: string; text: string }
  | { kind: 'numberRange'; key: string; min?: number | undefined; max?: number | undefined }
  | { kind: 'dayRange'; key: string; from?: string | undefined; to?: string | undefined }
  /** single_select (any of the options) and boolean (one value). */
  | { kind: 'equalsAny'; key: string; values: (string | boolean)[] }
  /** multi_select: the stored list holds any of these options. */
  | { kind: 'hasAny'; key: string; values: string[] }

export interface CustomerListFilters {
  keyword?: string | undefined
  tagIds?: string[] | undefined
  groupId?: string | undefined
  levelId?: string | undefined
  lifecycleStatus?: LifecycleStatus | undefined
  ownerId?: string | undefined
  customFields?: CustomFieldCondition[] | undefined
  skip: number
  take: number
}

export interface CustomerAccess {
  /** Prisma filter for the caller's live customers (add it to any customer query). */
  scopeWhere(ctx: AuthenticatedContext): Prisma.CustomerWhereInput
  /** Prisma filter for the caller's trashed customers. */
  trashWhere(ctx: AuthenticatedContext): Prisma.CustomerWhereInput
  /** Whether a customer with this owner is in the caller's scope (for rows found by other means). */
  ownsScope(ctx: AuthenticatedContext, ownerId: string | null): boolean
  /**
   * The live customer with this id in the caller's scope, or CUSTOMER_NOT_FOUND. With `lock`, the row is
   * locked until the transaction `tx` ends, so concurrent writes to one customer run one by one. The lock is
   * FOR NO KEY UPDATE (as in recomputeCustomerMetrics): it does not wait for the KEY SHARE locks that inserting
   * child rows (orders, phones) takes, so it cannot deadlock with those writers.
   */
  requireInScope(ctx: AuthenticatedContext, id: string, tx?: DbClient, options?: { lock?: boolean }): Promise<ScopedCustomer>
  /** The same for a customer in the trash (restore, purge). */
  requireInTrash(ctx: AuthenticatedContext, id: string, tx?: DbClient, options?: { lock?: boolean }): Promise<ScopedCustomer>
  /** All these live customers, locked, or CUSTOMER_NOT_FOUND when any is missing or out of scope. */
  requireAllInScope(ctx: AuthenticatedContext, ids: string[], tx: DbClient): Promise<ScopedCustomer[]>
  /** Names of those of these live customers that are in the caller's scope (others are left out). */
  namesInScope(ctx: AuthenticatedContext, ids: string[]): Promise<Map<string, string>>
  findDetail(ctx: AuthenticatedContext, id: string, tx?: DbClient): Promise<CustomerDetailRow>
  findTrashedDetail(ctx: AuthenticatedContext, id: string, tx?: DbClient): Promise<CustomerDetailRow>
  list(ctx: AuthenticatedContext, filters: CustomerListFilters): Promise<{ rows: CustomerSummaryRow[]; total: number }>
  listTrash(ctx: AuthenticatedContext, page: { skip: number; take: number }): Promise<{ rows: CustomerSummaryRow[]; total: number }>
}

export const createCustomerAccess = (db: Db, cipher: DataCipher): CustomerAccess => {
  const scopeWhere = (ctx: AuthenticatedContext): Prisma.CustomerWhereInput =>
    ownsOnly(ctx.user) ? { deletedAt: null, ownerId: ctx.user.id } : { deletedAt: null }
  const trashWhere = (ctx: AuthenticatedContext): Prisma.CustomerWhereInput =>
    ownsOnly(ctx.user) ? { deletedAt: { not: null }, ownerId: ctx.user.id } : { deletedAt: { not: null } }

  const scopeSql = (ctx: AuthenticatedContext, trashed: boolean): Prisma.Sql => {
    const state = trashed ? Prisma.sql`c.deleted_at IS NOT NULL` : Prisma.sql`c.deleted_at IS NULL`
    return ownsOnly(ctx.user) ? Prisma.sql`${state} AND c.owner_id = ${ctx.user.id}::uuid` : state
  }

  const requireOne = async (
    ctx: AuthenticatedContext,
    id: string,
    trashed: boolean,
    tx: DbClient,
    lock: boolean,
  ): Promise<ScopedCustomer> => {
    if (!isUuid(id)) throw new AppError('CUSTOMER_NOT_FOUND')
    const rows = await tx.$queryRaw<ScopedCustomer[]>`
      SELECT c.id, c.owner_id AS "ownerId", c.version, c.name FROM customers c
      WHERE c.id = ${id}::uuid AND ${scopeSql(ctx, trashed)} ${lock ? Prisma.sql`FOR NO KEY UPDATE` : Prisma.empty}`
    const row = rows[0]
    if (row === undefined) throw new AppError('CUSTOMER_NOT_FOUND')
    return row
  }

  /** Keyword: substring of name, company or a tag name; or exactly a phone (whole or last four digits) or email. */
  const keywordSql = (keyword: string | undefined): Prisma.Sql => {
    if (keyword === undefined || keyword === '') return Prisma.sql`TRUE`
    const pattern = `%${keyword.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
    const alternatives = [
      Prisma.sql`c.name ILIKE ${pattern}`,
      Prisma.sql`c.company ILIKE ${pattern}`,
      Prisma.sql`EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
        WHERE ct.customer_id = c.id AND t.name ILIKE ${pattern})`,
    ]
    // Phones and emails are encrypted, so only exact values can be found, through their blind indexes.
    const digits = keyword.normalize('NFKC').replace(/[\s\-()]/g, '')
    if (/^\d{4}$/.test(digits)) {
      alternatives.push(Prisma.sql`EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id
        AND p.last4_hash = ${cipher.blindIndex('phone_last4', digits)})`)
    }
    const phone = /^\+?\d{5,}$/.test(digits) ? normalisePhone(keyword) : null
    if (phone !== null) {
      alternatives.push(Prisma.sql`EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id
        AND p.number_hash = ${cipher.blindIndex('phone', phone.e164)})`)
    }
    if (keyword.includes('@')) {
      alternatives.push(Prisma.sql`EXISTS (SELECT 1 FROM customer_emails e WHERE e.customer_id = c.id
        AND e.address_hash = ${cipher.blindIndex('email', keyword.trim().toLowerCase())})`)
    }
    return Prisma.sql`(${Prisma.join(alternatives, ' OR ')})`
  }

  /**
   * Equality and membership use containment (`@>`), which the GIN jsonb_path_ops index on custom_fields
   * serves. Substrings and ranges read the value itself; the CASE keeps a value of another JSON type (left
   * from before a type change would be refused, but hand-edited rows exist) from failing the cast.
   */
  const customFieldSql = (condition: CustomFieldCondition): Prisma.Sql => {
    const value = Prisma.sql`(c.custom_fields -> ${condition.key}::text)`
    const containsAny = (values: unknown[]) =>
      Prisma.sql`(${Prisma.join(
        values.map((one) => Prisma.sql`c.custom_fields @> ${JSON.stringify({ [condition.key]: one })}::jsonb`),
        ' OR ',
      )})`
    switch (condition.kind) {
      case 'contains': {
        const pattern = `%${condition.text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
        return Prisma.sql`(c.custom_fields ->> ${condition.key}::text) ILIKE ${pattern}`
      }
      case 'numberRange': {
        const number = Prisma.sql`(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric END)`
        const bounds = [Prisma.sql`${number} IS NOT NULL`]
        if (condition.min !== undefined) bounds.push(Prisma.sql`${number} >= ${condition.min}::numeric`)
        if (condition.max !== undefined) bounds.push(Prisma.sql`${number} <= ${condition.max}::numeric`)
        return Prisma.sql`(${Prisma.join(bounds, ' AND ')})`
      }
      case 'dayRange': {
        // YYYY-MM-DD sorts by date as plain bytes, whatever the database's collation.
        const day = Prisma.sql`(CASE WHEN jsonb_typeof(${value}) = 'string' THEN (${value} #>> '{}') END) COLLATE "C"`
        const bounds = [Prisma.sql`${day} IS NOT NULL`]
        if (condition.from !== undefined) bounds.push(Prisma.sql`${day} >= ${condition.from}::text`)
        if (condition.to !== undefined) bounds.push(Prisma.sql`${day} <= ${condition.to}::text`)
        return Prisma.sql`(${Prisma.join(bounds, ' AND ')})`
      }
      case 'equalsAny':
        return containsAny(condition.values)
      case 'hasAny':
        return containsAny(condition.values.map((option) => [option]))
    }
  }

  const filtersSql = (filters: CustomerListFilters): Prisma.Sql[] => {
    const conditions = [keywordSql(filters.keyword)]
    if (filters.tagIds !== undefined && filters.tagIds.length > 0) {
      conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.customer_id = c.id
        AND ct.tag_id = ANY(${filters.tagIds}::uuid[]))`)
    }
    if (filters.groupId !== undefined) {
      // A group stands for its whole subtree.
      conditions.push(Prisma.sql`EXISTS (
        WITH RECURSIVE subtree AS (
          SELECT id FROM groups WHERE id = ${filters.groupId}::uuid
          UNION ALL SELECT g.id FROM groups g JOIN subtree s ON g.parent_id = s.id
        )
        SELECT 1 FROM customer_groups cg WHERE cg.customer_id = c.id AND cg.group_id IN (SELECT id FROM subtree))`)
    }
    if (filters.levelId !== undefined) conditions.push(Prisma.sql`c.level_id = ${filters.levelId}::uuid`)
    if (filters.lifecycleStatus !== undefined) {
      conditions.push(Prisma.sql`c.lifecycle_status = ${filters.lifecycleStatus}::lifecycle_status`)
    }
    if (filters.ownerId !== undefined) conditions.push(Prisma.sql`c.owner_id = ${filters.ownerId}::uuid`)
    for (const condition of filters.customFields ?? []) conditions.push(customFieldSql(condition))
    return conditions
  }

  /** A page of ids from SQL (filters Prisma cannot express), then the rows from Prisma, in the page's order. */
  const page = async (where: Prisma.Sql, order: Prisma.Sql, skip: number, take: number) => {
    const [ids, counted] = await Promise.all([
      db.$queryRaw<{ id: string }[]>`SELECT c.id FROM customers c WHERE ${where} ORDER BY ${order} LIMIT ${take} OFFSET ${skip}`,
      db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM customers c WHERE ${where}`,
    ])
    const rows = await db.customer.findMany({
      where: { id: { in: ids.map((row) => row.id) } },
      include: customerSummaryInclude,
    })
    const position = new Map(ids.map((row, index) => [row.id, index]))
    rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0))
    return { rows, total: counted[0]?.total ?? 0 }
  }

  const findDetail = async (ctx: AuthenticatedContext, id: string, trashed: boolean, tx: DbClient) => {
    if (!isUuid(id)) throw new AppError('CUSTOMER_NOT_FOUND')
    const row = await tx.customer.findFirst({
      where: { id, ...(trashed ? trashWhere(ctx) : scopeWhere(ctx)) },
      include: customerDetailInclude,
    })
    if (row === null) throw new AppError('CUSTOMER_NOT_FOUND')
    return row
  }

  return {
    scopeWhere,
    trashWhere,
    ownsScope: (ctx, ownerId) => !ownsOnly(ctx.user) || ownerId === ctx.user.id,
    requireInScope: (ctx, id, tx = db, options = {}) => requireOne(ctx, id, false, tx, options.lock ?? false),
    requireInTrash: (ctx, id, tx = db, options = {}) => requireOne(ctx, id, true, tx, options.lock ?? false),
    requireAllInScope: async (ctx, ids, tx) => {
      const unique = [...new Set(ids)]
      if (!unique.every(isUuid)) throw new AppError('CUSTOMER_NOT_FOUND')
      const rows = await tx.$queryRaw<ScopedCustomer[]>`
        SELECT c.id, c.owner_id AS "ownerId", c.version, c.name FROM customers c
        WHERE c.id = ANY(${unique}::uuid[]) AND ${scopeSql(ctx, false)} ORDER BY c.id FOR NO KEY UPDATE`
      if (rows.length !== unique.length) throw new AppError('CUSTOMER_NOT_FOUND')
      return rows
    },
    namesInScope: async (ctx, ids) => {
      if (ids.length === 0) return new Map()
      const rows = await db.customer.findMany({ where: { id: { in: ids }, ...scopeWhere(ctx) }, select: { id: true, name: true } })
      return new Map(rows.map((row) => [row.id, row.name]))
    },
    findDetail: (ctx, id, tx = db) => findDetail(ctx, id, false, tx),
    findTrashedDetail: (ctx, id, tx = db) => findDetail(ctx, id, true, tx),
    list: (ctx, filters) =>
      page(
        Prisma.join([scopeSql(ctx, false), ...filtersSql(filters)], ' AND '),
        Prisma.sql`c.created_at DESC, c.id DESC`,
        filters.skip,
        filters.take,
      ),
    listTrash: (ctx, { skip, take }) =>
      page(scopeSql(ctx, true), Prisma.sql`c.deleted_at DESC, c.id DESC`, skip, take),
  }
}
