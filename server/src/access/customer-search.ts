import { createHash } from 'node:crypto'
import { Prisma } from '../generated/prisma/client.js'
import type { LifecycleStatus } from '../generated/prisma/enums.js'
import type { StatementRunner } from '../db/prisma.js'
import { AppError } from '../http/errors.js'
import type { DataCipher } from '../lib/crypto.js'
import { normalisePhone, phoneDigits } from '../lib/phone.js'
import {
  emailTerm,
  phoneNumberTerm,
  phoneTailTerm,
  pinyinKeywordTerms,
  searchKey,
  shortestTail,
} from '../lib/search-terms.js'
import type { CustomFieldCondition } from './customers.js'

/**
 * How customer lists are searched, filtered, sorted and paged. Everything here builds SQL over `customers c`;
 * the access layer (customers.ts) adds the caller's scope and runs it. The benchmark runs the same statements
 * directly, so nothing in here may depend on Prisma's query engine.
 *
 * Every match path is a lookup of `search_terms` (one GIN index); see the `search` migration for the terms.
 * Relevance is served as a sequence of tiers, each its own index-friendly query ordered by recent activity, so a
 * one-character surname matching 70,000 customers still reads only the first page of its tier.
 */

export type TagMode = 'any' | 'all' | 'none'

/** Half-open time range [from, before). */
export interface TimeRange {
  from?: Date | undefined
  before?: Date | undefined
}

export interface NumberRange {
  min?: number | undefined
  max?: number | undefined
}

/** A filter with names resolved: sub-groups expanded, `me` replaced, custom fields checked. */
export interface ResolvedCustomerFilter {
  keyword?: string | undefined
  tags?: { mode: TagMode; ids: string[] } | undefined
  groupIds?: string[] | undefined
  regionCodes?: string[] | undefined
  owners?: { ids: string[]; none: boolean } | undefined
  levelIds?: string[] | undefined
  lifecycleStatuses?: LifecycleStatus[] | undefined
  sources?: string[] | undefined
  createdAt?: TimeRange | undefined
  lastActivityAt?: TimeRange | undefined
  lastPurchaseAt?: TimeRange | undefined
  totalSpent?: NumberRange | undefined
  orderCount?: NumberRange | undefined
  customFields?: CustomFieldCondition[] | undefined
}

export const customerSortFields = [
  'relevance',
  'createdAt',
  'updatedAt',
  'name',
  'company',
  'lifecycleStatus',
  'level',
  'owner',
  'totalSpent',
  'orderCount',
  'lastPurchaseAt',
  'lastContactAt',
  'lastActivityAt',
] as const
export type CustomerSortField = (typeof customerSortFields)[number]
export type SortOrder = 'asc' | 'desc'
export type MatchField = 'name' | 'company' | 'contact' | 'pinyin' | 'phone' | 'email'

// A mainland mobile has 11 digits; anything longer is a whole number with a country code, not a tail.
const maximumTypedTail = 11

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`)
const termArray = (terms: string[]) => Prisma.sql`${terms}::text[]`
const hasAll = (terms: string[]) => Prisma.sql`c.search_terms @> ${termArray(terms)}`
const hasAny = (terms: string[]) => Prisma.sql`c.search_terms && ${termArray(terms)}`
const anyOf = (conditions: Prisma.Sql[]) =>
  conditions.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`(${Prisma.join(conditions, ' OR ')})`
const allOf = (conditions: Prisma.Sql[]) =>
  conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.sql`(${Prisma.join(conditions, ' AND ')})`

// ---- keyword ----

/** What a keyword matches, as SQL over `c`. */
export interface KeywordPlan {
  /** Any match at all (counting, and lists sorted by a column). */
  matches: Prisma.Sql
  /** Disjoint relevance tiers, best first. */
  tiers: Prisma.Sql[]
  /** Per tier, the terms its index lookup starts from: `all` must all be present, `any` one of them. */
  tierTerms: { all?: string[]; any?: string[] }[]
  /** Why a row matched: a MatchField, or NULL. */
  matchField: Prisma.Sql
  /** The first matching contact's name, when a contact is why. */
  matchedContact: Prisma.Sql
}

export const planKeyword = (cipher: DataCipher, keyword: string | undefined): KeywordPlan | null => {
  const key = searchKey(keyword ?? '')
  if (key === '') return null
  const characters = [...key]
  const contains = `%${likeEscape(key)}%`
  const nameKey = Prisma.sql`kezhi_search_key(c.name)`

  // Text terms name their field: u/b of the name, c/C of the company, k/K of contact names (one and two
  // characters). One character is a unigram; longer keywords need all their bigrams, and from three characters on
  // the bigrams may lie apart, so the text itself is checked too.
  const termsOf = (unigram: string, bigram: string) =>
    characters.length === 1
      ? [`${unigram}${key}`]
      : characters.slice(1).map((character, index) => `${bigram}${characters[index]}${character}`)
  const nameTerms = termsOf('u', 'b')
  const companyTerms = termsOf('c', 'C')
  const contactTerms = termsOf('k', 'K')
  const checkText = characters.length >= 3
  const nameHas = Prisma.sql`${nameKey} LIKE ${contains}`
  const companyHas = Prisma.sql`kezhi_search_key(c.company) LIKE ${contains}`
  const contactWhere = Prisma.sql`ct.customer_id = c.id AND ct.deleted_at IS NULL AND kezhi_search_key(ct.name) LIKE ${contains}`
  // A scalar subquery rather than EXISTS: the planner could turn an EXISTS under OR into one hashed scan of every
  // contact; this stays a per-candidate lookup through the contacts' customer index.
  const contactHas = Prisma.sql`coalesce((SELECT bool_or(kezhi_search_key(ct.name) LIKE ${contains}) FROM contacts ct
    WHERE ct.customer_id = c.id AND ct.deleted_at IS NULL), FALSE)`
  const inName = checkText ? Prisma.sql`(${hasAll(nameTerms)} AND ${nameHas})` : hasAll(nameTerms)
  const inCompany = checkText ? Prisma.sql`(${hasAll(companyTerms)} AND ${companyHas})` : hasAll(companyTerms)
  const inContact = checkText ? Prisma.sql`(${hasAll(contactTerms)} AND ${contactHas})` : hasAll(contactTerms)

  // Phones and emails: only their blind indexes are stored, so only whole values and tails can be found.
  const digits = phoneDigits(keyword ?? '')
  const phoneTerms: string[] = []
  if (/^\d+$/.test(digits) && digits.length >= shortestTail && digits.length <= maximumTypedTail) {
    phoneTerms.push(phoneTailTerm(cipher, digits))
  }
  const phone = /^\+?\d{5,}$/.test(digits) ? normalisePhone(keyword ?? '') : null
  if (phone !== null) phoneTerms.push(phoneNumberTerm(cipher.blindIndex('phone', phone.e164)))
  const emailTerms = key.includes('@') ? [emailTerm(cipher.blindIndex('email', key))] : []
  const exactName = characters.length <= 40 ? [`=${key}`] : []
  const pinyinTerms = pinyinKeywordTerms(key)

  const prefix =
    characters.length <= 2
      ? hasAll([`^${key}`])
      : Prisma.sql`(${hasAll([`^${characters.slice(0, 2).join('')}`])} AND ${nameKey} LIKE ${`${likeEscape(key)}%`})`
  const identity = hasAny([...exactName, ...phoneTerms, ...emailTerms])
  const tiers = [
    identity,
    prefix,
    inName,
    inCompany,
    inContact,
    ...(pinyinTerms.length > 0 ? [hasAny(pinyinTerms)] : []),
  ]
  const tierTerms = [
    { any: [...exactName, ...phoneTerms, ...emailTerms] },
    { all: [`^${characters.slice(0, 2).join('')}`] },
    { all: nameTerms },
    { all: companyTerms },
    { all: contactTerms },
    ...(pinyinTerms.length > 0 ? [{ any: pinyinTerms }] : []),
  ]

  // One GIN lookup when every path is a term; otherwise an OR the planner turns into a BitmapOr.
  const lookupTerms = [...exactName, ...phoneTerms, ...emailTerms, ...pinyinTerms]
  const matches = checkText
    ? anyOf([inName, inCompany, inContact, hasAny(lookupTerms)])
    : hasAny([...nameTerms, ...companyTerms, ...contactTerms, ...lookupTerms])

  const matchField = Prisma.sql`CASE
    WHEN ${phoneTerms.length > 0 ? hasAny(phoneTerms) : Prisma.sql`FALSE`} THEN 'phone'
    WHEN ${emailTerms.length > 0 ? hasAny(emailTerms) : Prisma.sql`FALSE`} THEN 'email'
    WHEN ${nameHas} THEN 'name'
    WHEN ${companyHas} THEN 'company'
    WHEN ${contactHas} THEN 'contact'
    WHEN ${pinyinTerms.length > 0 ? hasAny(pinyinTerms) : Prisma.sql`FALSE`} THEN 'pinyin'
  END`
  const matchedContact = Prisma.sql`(SELECT ct.name FROM contacts ct WHERE ${contactWhere} ORDER BY ct.created_at LIMIT 1)`
  return { matches, tiers, tierTerms, matchField, matchedContact }
}

// ---- filters ----

const timeRangeSql = (column: Prisma.Sql, range: TimeRange | undefined): Prisma.Sql[] => {
  if (range === undefined) return []
  const bounds: Prisma.Sql[] = []
  if (range.from !== undefined) bounds.push(Prisma.sql`${column} >= ${range.from}`)
  if (range.before !== undefined) bounds.push(Prisma.sql`${column} < ${range.before}`)
  return bounds
}

const numberRangeSql = (column: Prisma.Sql, range: NumberRange | undefined, cast: Prisma.Sql): Prisma.Sql[] => {
  if (range === undefined) return []
  const bounds: Prisma.Sql[] = []
  if (range.min !== undefined) bounds.push(Prisma.sql`${column} >= ${range.min}::${cast}`)
  if (range.max !== undefined) bounds.push(Prisma.sql`${column} <= ${range.max}::${cast}`)
  return bounds
}

const termOfId = (kind: 'T' | 'G', id: string) => `${kind}${id.replaceAll('-', '')}`

/** Conditions of a filter other than the keyword and the caller's scope. */
export const filterConditions = (
  filter: ResolvedCustomerFilter,
  customFieldSql: (condition: CustomFieldCondition) => Prisma.Sql,
): Prisma.Sql[] => {
  const conditions: Prisma.Sql[] = []
  const { tags } = filter
  if (tags !== undefined && tags.ids.length > 0) {
    const terms = tags.ids.map((id) => termOfId('T', id))
    if (tags.mode === 'all') conditions.push(hasAll(terms))
    else if (tags.mode === 'any') conditions.push(hasAny(terms))
    else conditions.push(Prisma.sql`NOT coalesce(${hasAny(terms)}, FALSE)`)
  }
  if (filter.groupIds !== undefined) conditions.push(hasAny(filter.groupIds.map((id) => termOfId('G', id))))
  if (filter.regionCodes !== undefined && filter.regionCodes.length > 0) {
    conditions.push(hasAny(filter.regionCodes.map((code) => `R${code}`)))
  }
  if (filter.owners !== undefined) {
    const either: Prisma.Sql[] = []
    if (filter.owners.ids.length > 0) either.push(Prisma.sql`c.owner_id = ANY(${filter.owners.ids}::uuid[])`)
    if (filter.owners.none) either.push(Prisma.sql`c.owner_id IS NULL`)
    conditions.push(anyOf(either))
  }
  if (filter.levelIds !== undefined && filter.levelIds.length > 0) {
    conditions.push(Prisma.sql`c.level_id = ANY(${filter.levelIds}::uuid[])`)
  }
  if (filter.lifecycleStatuses !== undefined && filter.lifecycleStatuses.length > 0) {
    conditions.push(Prisma.sql`c.lifecycle_status = ANY(${filter.lifecycleStatuses}::lifecycle_status[])`)
  }
  if (filter.sources !== undefined && filter.sources.length > 0) {
    conditions.push(Prisma.sql`c.source = ANY(${filter.sources}::text[])`)
  }
  // Beside another condition (tags, groups, regions, owner, level, status, source, keyword), a range is checked on
  // the rows that condition found: written as an expression, it cannot draw the planner into ANDing in a bitmap of
  // half the table. Alone, a range keeps its index.
  const byTerms = conditions.length > 0 || filter.keyword !== undefined
  const time = (column: string) => (byTerms ? Prisma.sql`(${Prisma.raw(column)} + interval '0 seconds')` : Prisma.raw(column))
  const number = (column: string) => (byTerms ? Prisma.sql`(${Prisma.raw(column)} + 0)` : Prisma.raw(column))
  conditions.push(...timeRangeSql(time('c.created_at'), filter.createdAt))
  conditions.push(...timeRangeSql(time('c.last_activity_at'), filter.lastActivityAt))
  conditions.push(...timeRangeSql(time('c.last_purchase_at'), filter.lastPurchaseAt))
  conditions.push(...numberRangeSql(number('c.total_spent'), filter.totalSpent, Prisma.sql`numeric`))
  conditions.push(...numberRangeSql(number('c.order_count'), filter.orderCount, Prisma.sql`int`))
  for (const condition of filter.customFields ?? []) conditions.push(customFieldSql(condition))
  return conditions
}

// ---- sorting and keyset paging ----

type KeyCast = 'timestamptz' | 'numeric' | 'int' | 'text' | 'lifecycle_status'

/** A run of rows with one ordering; a sort is one or more segments read one after the other. */
export interface Segment {
  where: Prisma.Sql
  /** null: ordered by id only (the empty values of a nullable column). */
  key: { expr: Prisma.Sql; cast: KeyCast } | null
  order: SortOrder
  /** Relevance tiers: the terms their lookup starts from, which decide how the tier is read (see runSearch). */
  terms?: { all?: string[]; any?: string[] }
}

const sortKeys: Record<Exclude<CustomerSortField, 'relevance'>, { expr: Prisma.Sql; cast: KeyCast; nullable: boolean }> = {
  createdAt: { expr: Prisma.sql`c.created_at`, cast: 'timestamptz', nullable: false },
  updatedAt: { expr: Prisma.sql`c.updated_at`, cast: 'timestamptz', nullable: false },
  lastActivityAt: { expr: Prisma.sql`c.last_activity_at`, cast: 'timestamptz', nullable: false },
  lastPurchaseAt: { expr: Prisma.sql`c.last_purchase_at`, cast: 'timestamptz', nullable: true },
  lastContactAt: { expr: Prisma.sql`c.last_contact_at`, cast: 'timestamptz', nullable: true },
  totalSpent: { expr: Prisma.sql`c.total_spent`, cast: 'numeric', nullable: false },
  orderCount: { expr: Prisma.sql`c.order_count`, cast: 'int', nullable: false },
  name: { expr: Prisma.sql`c.pinyin_name`, cast: 'text', nullable: false },
  company: { expr: Prisma.sql`c.pinyin_company`, cast: 'text', nullable: true },
  lifecycleStatus: { expr: Prisma.sql`c.lifecycle_status`, cast: 'lifecycle_status', nullable: false },
  level: { expr: Prisma.sql`(SELECT l.sort_order FROM customer_levels l WHERE l.id = c.level_id)`, cast: 'int', nullable: true },
  owner: { expr: Prisma.sql`(SELECT u.display_name FROM users u WHERE u.id = c.owner_id)`, cast: 'text', nullable: true },
}

/** The sort actually used: relevance needs a keyword; without one the list is newest first. */
export const effectiveSort = (
  requested: CustomerSortField | undefined,
  order: SortOrder,
  keyword: KeywordPlan | null,
): { field: CustomerSortField; order: SortOrder } => {
  const field = requested ?? (keyword === null ? 'createdAt' : 'relevance')
  if (field === 'relevance') return keyword === null ? { field: 'createdAt', order: 'desc' } : { field, order: 'desc' }
  return { field, order }
}

export const sortSegments = (field: CustomerSortField, order: SortOrder, keyword: KeywordPlan | null): Segment[] => {
  if (field === 'relevance' && keyword !== null) {
    const activity = { expr: Prisma.sql`c.last_activity_at`, cast: 'timestamptz' as const }
    return keyword.tiers.map((tier, index) => ({
      where:
        index === 0 ? tier : Prisma.sql`(${tier} AND NOT coalesce(${anyOf(keyword.tiers.slice(0, index))}, FALSE))`,
      key: activity,
      order: 'desc',
      terms: keyword.tierTerms[index],
    }))
  }
  const key = sortKeys[field === 'relevance' ? 'createdAt' : field]
  const present: Segment = {
    where: key.nullable ? Prisma.sql`${key.expr} IS NOT NULL` : Prisma.sql`TRUE`,
    key: { expr: key.expr, cast: key.cast },
    order,
  }
  // Empty values come last in both directions.
  return key.nullable ? [present, { where: Prisma.sql`${key.expr} IS NULL`, key: null, order }] : [present]
}

// ---- cursors ----

export interface Cursor {
  /** Fingerprint of the query (filters and sort) the cursor belongs to. */
  query: string
  segment: number
  value: string | number | null
  id: string
}

export const queryFingerprint = (query: unknown): string =>
  createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 12)

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.query, cursor.segment, cursor.value, cursor.id])).toString('base64url')

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The cursor, or 422 on `cursor` when it was not made by the server for this very query. */
export const decodeCursor = (text: string, fingerprint: string, segments: number): Cursor => {
  const refuse = () => new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'cursor', messageKey: 'validation.cursor' }] })
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    throw refuse()
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw refuse()
  const [query, segment, value, id] = parsed as unknown[]
  const valueOk = value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
  if (query !== fingerprint || typeof segment !== 'number' || !Number.isInteger(segment) || segment < 0 || segment >= segments) {
    throw refuse()
  }
  if (!valueOk || typeof id !== 'string' || !uuidShape.test(id)) throw refuse()
  return { query, segment, value: value as string | number | null, id }
}

const castSql = (cast: KeyCast) => Prisma.raw(cast)

/**
 * How a segment is read. `index`: in the order of its sort index, stopping at the page's end (column sorts, and
 * relevance tiers whose terms are common). `bitmap`: every row of the tier through the terms' GIN index, then the
 * best ones sorted out (tiers with uncommon terms: few rows, and walking the index would read it to the end).
 * `walk`: the most recent `walkLimit` rows of the scope in index order, filtered by the tier; reaching the limit
 * without filling the page falls back to `bitmap`.
 */
export type ReadingStrategy = 'index' | 'bitmap' | 'walk'

/** Rows a walk reads at most before it gives up on a sparse tier. */
export const walkLimit = 4000

/** Rows of one segment after the cursor (or from its start). */
export const segmentStatement = (
  where: Prisma.Sql,
  segment: Segment,
  after: Cursor | null,
  take: number,
  extraColumns: Prisma.Sql,
  strategy: ReadingStrategy = 'index',
): Prisma.Sql => {
  const direction = Prisma.raw(segment.order === 'asc' ? 'ASC' : 'DESC')
  const comparison = Prisma.raw(segment.order === 'asc' ? '>' : '<')
  let keyset = Prisma.sql`TRUE`
  if (after !== null) {
    keyset =
      segment.key === null
        ? Prisma.sql`c.id ${comparison} ${after.id}::uuid`
        : Prisma.sql`(${segment.key.expr}, c.id) ${comparison} (${after.value}::${castSql(segment.key.cast)}, ${after.id}::uuid)`
  }
  const keyColumn = segment.key === null ? Prisma.sql`NULL::text` : Prisma.sql`${segment.key.expr}::text`
  // Sorting by the key plus nothing keeps the planner from walking the key's index (the bitmap strategy).
  const sortKey = (key: Prisma.Sql) => (strategy === 'bitmap' ? Prisma.sql`(${key} + interval '0 seconds')` : key)
  const order =
    segment.key === null
      ? Prisma.sql`c.id ${direction}`
      : Prisma.sql`${sortKey(segment.key.expr)} ${direction}, c.id ${direction}`
  if (strategy === 'walk' && segment.key !== null) {
    const keyOrder = Prisma.sql`${segment.key.expr} ${direction}, c.id ${direction}`
    return Prisma.sql`SELECT c.id, ${keyColumn} AS sort_value${extraColumns}
      FROM (SELECT c.id, c.name, c.company, c.search_terms, c.last_activity_at FROM customers c
        WHERE ${where} AND ${keyset} ORDER BY ${keyOrder} LIMIT ${walkLimit}) AS c
      WHERE ${segment.where} ORDER BY ${keyOrder} LIMIT ${take}`
  }
  return Prisma.sql`SELECT c.id, ${keyColumn} AS sort_value${extraColumns} FROM customers c
    WHERE ${where} AND ${segment.where} AND ${keyset} ORDER BY ${order} LIMIT ${take}`
}

/** Fraction of customers carrying a term, for the terms PostgreSQL counts as common (the rest are rarer). */
export type TermFrequencies = ReadonlyMap<string, number>

export const termFrequenciesStatement = Prisma.sql`
  SELECT stats.term, stats.frequency FROM pg_stats s,
    unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs[1:array_length(s.most_common_elems, 1)])
      AS stats(term, frequency)
  WHERE s.schemaname = current_schema() AND s.tablename = 'customers' AND s.attname = 'search_terms'`

// Statistics change slowly (ANALYZE); re-reading them every few minutes is plenty.
const frequencyLifetimeMs = 5 * 60_000
const frequencyCache = new WeakMap<StatementRunner, { readAt: number; frequencies: Promise<TermFrequencies> }>()

export const termFrequencies = (run: StatementRunner): Promise<TermFrequencies> => {
  const cached = frequencyCache.get(run)
  if (cached !== undefined && Date.now() - cached.readAt < frequencyLifetimeMs) return cached.frequencies
  const frequencies = run<{ term: string; frequency: number }>(termFrequenciesStatement).then(
    (rows) => new Map(rows.map((row) => [row.term, Number(row.frequency)])),
  )
  frequencyCache.set(run, { readAt: Date.now(), frequencies })
  return frequencies
}

// PostgreSQL keeps the frequencies of terms carried by about 1% of customers or more; a walk of walkLimit rows
// meets ~40 such rows, enough for a page. Rarer terms are read whole: at most about 1% of the customers.
const commonTermFrequency = 0.005

export const strategyOf = (segment: Segment, frequencies: TermFrequencies): ReadingStrategy => {
  if (segment.terms === undefined) return 'index'
  const { all, any } = segment.terms
  const frequency =
    all !== undefined
      ? Math.min(...all.map((term) => frequencies.get(term) ?? 0))
      : (any ?? []).reduce((sum, term) => sum + (frequencies.get(term) ?? 0), 0)
  return frequency >= commonTermFrequency ? 'walk' : 'bitmap'
}

export const exactCountLimit = 10_000
/** Estimates this far past the exact range are trusted without counting (a margin of five times). */
export const countlessEstimate = 5 * exactCountLimit

export const cappedCountStatement = (where: Prisma.Sql): Prisma.Sql =>
  Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM customers c WHERE ${where} LIMIT ${exactCountLimit + 1}) AS capped`

export const estimateStatement = (where: Prisma.Sql): Prisma.Sql =>
  Prisma.sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM customers c WHERE ${where}`

/** Plan Rows of an EXPLAIN (FORMAT JSON) result row. */
export const estimatedRows = (row: Record<string, unknown> | undefined): number => {
  const plan = row?.['QUERY PLAN']
  const parsed: unknown = typeof plan === 'string' ? JSON.parse(plan) : plan
  const top = Array.isArray(parsed) ? (parsed[0] as { Plan?: { 'Plan Rows'?: number } } | undefined) : undefined
  return Math.round(top?.Plan?.['Plan Rows'] ?? 0)
}

/** Everything one list request reads: conditions, sort segments, and where to start. */
export interface PlannedSearch {
  /** Scope, filters and the keyword's match: what is counted. */
  where: Prisma.Sql
  /**
   * What the page segments add their own condition to. Relevance tiers each imply the keyword's match, so they
   * leave it out: the planner would otherwise multiply the two selectivities as if independent, expect a handful of
   * rows for a common surname, and read every match instead of walking the activity index.
   */
  pageWhere: Prisma.Sql
  segments: Segment[]
  keyword: KeywordPlan | null
  fingerprint: string
  cursor: Cursor | null
  limit: number
}

/** One row a segment statement returns. */
export interface SegmentRow {
  id: string
  sort_value: string | null
  match_field?: MatchField | null
  matched_contact?: string | null
}

export type { StatementRunner }

export interface SearchPage {
  rows: SegmentRow[]
  total: number
  totalIsEstimate: boolean
  next: Cursor | null
}

/**
 * A page: the capped count (and the planner's estimate past it) alongside the segments read in order until the
 * page is full. One more row than needed is read to know whether another page exists.
 */
export const runSearch = async (run: StatementRunner, input: PlannedSearch): Promise<SearchPage> => {
  const { where, pageWhere, segments, keyword, fingerprint, cursor, limit } = input
  const extraColumns =
    keyword === null
      ? Prisma.empty
      : Prisma.sql`, ${keyword.matchField} AS match_field,
          CASE WHEN ${keyword.matchField} = 'contact' THEN ${keyword.matchedContact} END AS matched_contact`

  const counting = async () => {
    const [plan] = await run<Record<string, unknown>>(estimateStatement(where))
    const estimate = estimatedRows(plan)
    // Far past the exact range, counting up to the cap would only confirm what the estimate says.
    if (estimate >= countlessEstimate) return { total: estimate, totalIsEstimate: true }
    const [counted] = await run<{ total: number }>(cappedCountStatement(where))
    const total = counted?.total ?? 0
    if (total <= exactCountLimit) return { total, totalIsEstimate: false }
    return { total: Math.max(estimate, exactCountLimit + 1), totalIsEstimate: true }
  }

  const paging = async () => {
    const rows: (SegmentRow & { segment: number })[] = []
    let more = false
    for (let index = cursor?.segment ?? 0; index < segments.length; index += 1) {
      const segment = segments[index] as Segment
      const wanted = limit - rows.length
      const after = cursor !== null && index === cursor.segment ? cursor : null
      const strategy = segment.terms === undefined ? 'index' : strategyOf(segment, await termFrequencies(run))
      let found = await run<SegmentRow>(segmentStatement(pageWhere, segment, after, wanted + 1, extraColumns, strategy))
      // A walk that did not fill the page may have stopped at its limit: read the whole tier instead.
      if (strategy === 'walk' && found.length <= wanted) {
        found = await run<SegmentRow>(segmentStatement(pageWhere, segment, after, wanted + 1, extraColumns, 'bitmap'))
      }
      rows.push(...found.slice(0, wanted).map((row) => ({ ...row, segment: index })))
      if (found.length > wanted) {
        more = true
        break
      }
      if (rows.length === limit) {
        // The page ends with this segment; a later one may still hold rows.
        more = index < segments.length - 1
        break
      }
    }
    const last = rows[rows.length - 1]
    const next: Cursor | null =
      more && last !== undefined ? { query: fingerprint, segment: last.segment, value: last.sort_value, id: last.id } : null
    return { rows, next }
  }

  const [page, count] = await Promise.all([paging(), counting()])
  return { ...page, ...count }
}
