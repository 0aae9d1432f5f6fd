import type { Db, StatementRunner } from '../db/prisma.js'
import { Prisma } from '../generated/prisma/client.js'
import type { AuthenticatedContext, AuthUser } from '../http/context.js'
import { AppError } from '../http/errors.js'
import type { DataCipher } from '../lib/crypto.js'
import { listRowsStatement, listRowToSource, type ListRowColumns } from './customer-list-rows.js'
import {
  decodeCursor,
  effectiveSort,
  encodeCursor,
  filterConditions,
  planKeyword,
  queryFingerprint,
  runSearch,
  sortSegments,
  type CustomerSortField,
  type KeywordPlan,
  type MatchField,
  type PlannedSearch,
  type ResolvedCustomerFilter,
  type SortOrder,
} from './customer-search.js'

/**
 * The only way to reach customer rows. Every read and write is limited to the caller's data scope (their
 * role's customer scope: `all`, `team` = owned by someone in the caller's team or below, or `own`) and never
 * sees trashed rows unless it asks
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

/** What a list row needs: the columns and relations the summary shows (list pages read just these). */
export type CustomerSummarySource = Pick<
  CustomerSummaryRow,
  | 'id' | 'version' | 'name' | 'gender' | 'birthday' | 'company' | 'lifecycleStatus' | 'source' | 'owner' | 'orderCount'
  | 'totalSpent' | 'lastPurchaseAt' | 'lastContactAt' | 'lastActivityAt' | 'customFields' | 'createdAt' | 'updatedAt'
> & {
  level: Pick<NonNullable<CustomerSummaryRow['level']>, 'id' | 'name' | 'color' | 'sortOrder' | 'isDefault'> | null
  phones: Pick<CustomerSummaryRow['phones'][number], 'isPrimary' | 'numberEncrypted' | 'keyId'>[]
  emails: Pick<CustomerSummaryRow['emails'][number], 'isPrimary' | 'addressEncrypted' | 'keyId'>[]
  addresses: Pick<CustomerSummaryRow['addresses'][number], 'isPrimary' | 'provinceName' | 'cityName'>[]
  tags: { tag: Pick<CustomerSummaryRow['tags'][number]['tag'], 'id' | 'name' | 'color'> }[]
  groups: { group: Pick<CustomerSummaryRow['groups'][number]['group'], 'id' | 'name' | 'parentId'> }[]
}


/** The few columns a scope check returns. */
export interface ScopedCustomer {
  id: string
  ownerId: string | null
  version: number
  name: string
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: string): boolean => uuidShape.test(value)


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

export interface SearchRequest {
  filter: ResolvedCustomerFilter
  sort?: CustomerSortField | undefined
  order: SortOrder
  cursor?: string | undefined
  limit: number
}

export interface SearchResult {
  rows: { row: CustomerSummarySource; match: { field: MatchField; contactName?: string } | null }[]
  total: number
  totalIsEstimate: boolean
  nextCursor: string | null
}

export interface CustomerAccess {
  /** Whether a customer with this owner would be in the caller's scope (owner choices on create and assign). */
  ownerInScope(ctx: AuthenticatedContext, ownerId: string | null, tx?: DbClient): Promise<boolean>
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
  planSearch(ctx: AuthenticatedContext, request: SearchRequest): PlannedSearch
  /** A page of the caller's customers matching a filter, in the requested order (see customer-search.ts). */
  search(ctx: AuthenticatedContext, request: SearchRequest): Promise<SearchResult>
  /** Ids of the caller's customers matching a filter, at most `max + 1` (so callers can tell "too many"). */
  matchingIds(ctx: AuthenticatedContext, filter: ResolvedCustomerFilter, max: number, tx?: DbClient): Promise<string[]>
  /** Sources in use within the caller's scope, most used first. */
  sources(ctx: AuthenticatedContext): Promise<{ source: string; count: number }[]>
  /** How many of the caller's live customers carry each tag or sit in each group (ids without any are left out). */
  linkCounts(ctx: AuthenticatedContext, kind: 'tags' | 'groups'): Promise<Map<string, number>>
  listTrash(ctx: AuthenticatedContext, page: { skip: number; take: number }): Promise<{ rows: CustomerSummaryRow[]; total: number }>
  /**
   * The live customers of the caller's scope that the caller created at or after `since`, newest first (then by
   * id), starting after the position `after`; at most `limit` rows.
   */
  registrations(ctx: AuthenticatedContext, request: RegistrationsRequest): Promise<CustomerSummarySource[]>
}

export interface RegistrationsRequest {
  since: Date
  after?: { createdAt: Date; id: string } | undefined
  limit: number
}

/** `run` executes the search's hand-written statements; by default through Prisma, the server gives a plain pool. */
export const createCustomerAccess = (
  db: Db,
  cipher: DataCipher,
  run: StatementRunner = (statement) => db.$queryRaw(statement),
): CustomerAccess => {
  const ownerWhere = (user: AuthUser): Prisma.CustomerWhereInput => {
    switch (user.scopes.customer) {
      case 'all':
        return {}
      case 'team':
        return { owner: { teamId: { in: [...user.teamIds] } } }
      case 'own':
        return { ownerId: user.id }
    }
  }
  const scopeWhere = (ctx: AuthenticatedContext): Prisma.CustomerWhereInput => ({ deletedAt: null, ...ownerWhere(ctx.user) })
  const trashWhere = (ctx: AuthenticatedContext): Prisma.CustomerWhereInput => ({ deletedAt: { not: null }, ...ownerWhere(ctx.user) })

  const ownerSql = (user: AuthUser): Prisma.Sql => {
    switch (user.scopes.customer) {
      case 'all':
        return Prisma.sql`TRUE`
      case 'team':
        return Prisma.sql`c.owner_id IN (SELECT u.id FROM users u WHERE u.team_id = ANY(${[...user.teamIds]}::uuid[]))`
      case 'own':
        return Prisma.sql`c.owner_id = ${user.id}::uuid`
    }
  }
  const scopeSql = (ctx: AuthenticatedContext, trashed: boolean): Prisma.Sql => {
    const state = trashed ? Prisma.sql`c.deleted_at IS NOT NULL` : Prisma.sql`c.deleted_at IS NULL`
    return ctx.user.scopes.customer === 'all' ? state : Prisma.sql`${state} AND ${ownerSql(ctx.user)}`
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

  /** The caller's live customers that match a filter and its keyword. */
  const matchingWhere = (ctx: AuthenticatedContext, filter: ResolvedCustomerFilter, keyword: KeywordPlan | null) =>
    Prisma.join(
      [scopeSql(ctx, false), ...filterConditions(filter, customFieldSql), ...(keyword === null ? [] : [keyword.matches])],
      ' AND ',
    )

  /** Everything a search reads, for the caller: scope, filters and keyword, sort segments and the cursor. */
  const planSearch = (ctx: AuthenticatedContext, request: SearchRequest): PlannedSearch => {
    const keyword = planKeyword(cipher, request.filter.keyword)
    const sort = effectiveSort(request.sort, request.order, keyword)
    const segments = sortSegments(sort.field, sort.order, keyword)
    const where = matchingWhere(ctx, request.filter, keyword)
    const pageWhere = sort.field === 'relevance' ? matchingWhere(ctx, request.filter, null) : where
    const fingerprint = queryFingerprint({ filter: request.filter, sort, scope: [ctx.user.id, ctx.user.scopes.customer] })
    const cursor = request.cursor === undefined ? null : decodeCursor(request.cursor, fingerprint, segments.length)
    return { where, pageWhere, segments, keyword, fingerprint, cursor, limit: request.limit }
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
    ownerInScope: async (ctx, ownerId, tx = db) => {
      switch (ctx.user.scopes.customer) {
        case 'all':
          return true
        case 'own':
          return ownerId === ctx.user.id
        case 'team': {
          if (ownerId === null) return false
          const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { teamId: true } })
          return owner !== null && ctx.user.teamIds.includes(owner.teamId)
        }
      }
    },
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
    planSearch,
    search: async (ctx, request) => {
      const page = await runSearch(run, planSearch(ctx, request))
      const rows = page.rows.length === 0 ? [] : await run<ListRowColumns>(listRowsStatement(page.rows.map((row) => row.id)))
      const byId = new Map(rows.map((row) => [row.id, listRowToSource(row)]))
      return {
        rows: page.rows.flatMap((found) => {
          const row = byId.get(found.id)
          if (row === undefined) return []
          const match =
            found.match_field === undefined || found.match_field === null
              ? null
              : { field: found.match_field, ...(found.matched_contact ? { contactName: found.matched_contact } : {}) }
          return [{ row, match }]
        }),
        total: page.total,
        totalIsEstimate: page.totalIsEstimate,
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      }
    },
    matchingIds: async (ctx, filter, max, tx = db) => {
      const where = matchingWhere(ctx, filter, planKeyword(cipher, filter.keyword))
      const rows = await tx.$queryRaw<{ id: string }[]>`SELECT c.id FROM customers c WHERE ${where} ORDER BY c.id LIMIT ${max + 1}`
      return rows.map((row) => row.id)
    },
    sources: async (ctx) =>
      db.$queryRaw<{ source: string; count: number }[]>`
        SELECT c.source, count(*)::int AS count FROM customers c
        WHERE ${scopeSql(ctx, false)} AND c.source IS NOT NULL AND c.source <> ''
        GROUP BY c.source ORDER BY count(*) DESC, c.source LIMIT 200`,
    linkCounts: async (ctx, kind) => {
      const rows =
        kind === 'tags'
          ? await db.$queryRaw<{ id: string; count: number }[]>`
              SELECT l.tag_id AS id, count(*)::int AS count FROM customer_tags l JOIN customers c ON c.id = l.customer_id
              WHERE ${scopeSql(ctx, false)} GROUP BY l.tag_id`
          : await db.$queryRaw<{ id: string; count: number }[]>`
              SELECT l.group_id AS id, count(*)::int AS count FROM customer_groups l JOIN customers c ON c.id = l.customer_id
              WHERE ${scopeSql(ctx, false)} GROUP BY l.group_id`
      return new Map(rows.map((row) => [row.id, row.count]))
    },
    listTrash: (ctx, { skip, take }) =>
      page(scopeSql(ctx, true), Prisma.sql`c.deleted_at DESC, c.id DESC`, skip, take),
    registrations: async (ctx, { since, after, limit }) => {
      const position =
        after === undefined ? Prisma.empty : Prisma.sql`AND (c.created_at, c.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
      const found = await run<{ id: string }>(Prisma.sql`
        SELECT c.id FROM customers c
        WHERE ${scopeSql(ctx, false)} AND c.created_by_id = ${ctx.user.id}::uuid AND c.created_at >= ${since}::timestamptz ${position}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}`)
      if (found.length === 0) return []
      const rows = await run<ListRowColumns>(listRowsStatement(found.map((row) => row.id)))
      const byId = new Map(rows.map((row) => [row.id, listRowToSource(row)]))
      return found.flatMap((row) => {
        const source = byId.get(row.id)
        return source === undefined ? [] : [source]
      })
    },
  }
}
