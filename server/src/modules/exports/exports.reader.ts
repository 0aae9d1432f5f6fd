import type { CustomerAccess } from '../../access/customers.js'
import {
  segmentStatement,
  type CustomerSortField,
  type Cursor,
  type PlannedSearch,
  type ResolvedCustomerFilter,
  type SortOrder,
  type StatementRunner,
} from '../../access/customer-search.js'
import type { Db } from '../../db/prisma.js'
import { Prisma } from '../../generated/prisma/client.js'
import type { Gender, LifecycleStatus, OrderStatus } from '../../generated/prisma/enums.js'
import type { AuthenticatedContext } from '../../http/context.js'
import type { DataCipher } from '../../lib/crypto.js'
import {
  emailForExport,
  phoneForExport,
  type ContactRecord,
  type CustomerRecord,
  type ExportEntityName,
  type OrderLineRecord,
  type OwningCustomer,
  type RecordOf,
} from './exports.columns.js'

/**
 * Reads what an export writes, batch by batch, through the access layer: the caller's plan of the customer list
 * (scope, filter and the list's order) is walked by keyset, one page of ids at a time, and each page's records
 * are read with that same plan's conditions, so nothing outside the caller's scope can slip in. Contacts and orders
 * are those of each page's customers, in the customers' order.
 */

export interface ExportQuery {
  filter: ResolvedCustomerFilter
  sort?: { field: CustomerSortField; order: SortOrder } | undefined
}

export interface ExportReaderOptions {
  db: Db
  run: StatementRunner
  access: CustomerAccess
  cipher: DataCipher
  /** Phones and emails in full; otherwise masked. */
  fullContacts: boolean
  /** Customers per page of the walk. */
  batchSize: number
}

/** Names of what rows refer to by id, read once per export (small tables). */
interface Names {
  levels: Map<string, string>
  users: Map<string, string>
  tags: Map<string, string>
  /** Groups by their path (`父/子`), as the import names them. */
  groups: Map<string, string>
  relationships: Map<string, string>
}

const loadNames = async (db: Db): Promise<Names> => {
  const [levels, users, tags, groups, relationships] = await Promise.all([
    db.customerLevel.findMany({ select: { id: true, name: true } }),
    db.user.findMany({ select: { id: true, displayName: true } }),
    db.tag.findMany({ select: { id: true, name: true } }),
    db.group.findMany({ select: { id: true, name: true, parentId: true } }),
    db.relationshipType.findMany({ select: { id: true, name: true } }),
  ])
  const groupById = new Map(groups.map((group) => [group.id, group]))
  const pathOf = (id: string, seen = new Set<string>()): string => {
    const group = groupById.get(id)
    if (group === undefined) return ''
    if (group.parentId === null || seen.has(group.parentId)) return group.name
    seen.add(id)
    return `${pathOf(group.parentId, seen)}/${group.name}`
  }
  return {
    levels: new Map(levels.map((level) => [level.id, level.name])),
    users: new Map(users.map((user) => [user.id, user.displayName])),
    tags: new Map(tags.map((tag) => [tag.id, tag.name])),
    groups: new Map(groups.map((group) => [group.id, pathOf(group.id)])),
    relationships: new Map(relationships.map((type) => [type.id, type.name])),
  }
}

interface CustomerColumns {
  id: string
  name: string
  gender: Gender
  birthday: string | null
  occupation: string | null
  company: string | null
  industry: string | null
  source: string | null
  level_id: string | null
  lifecycle_status: LifecycleStatus
  owner_id: string | null
  phones: string[]
  emails: string[]
  province_name: string | null
  city_name: string | null
  district_name: string | null
  street: Buffer | null
  house_number: Buffer | null
  address_key: string | null
  tag_ids: string[]
  group_ids: string[]
  consent_marketing: boolean
  order_count: number
  total_spent: string
  last_purchase_at: Date | null
  last_contact_at: Date | null
  created_at: Date
  notes: string | null
  custom_fields: unknown
}

/**
 * A sealed value and its key id as one text (`<keyId>.<base64>`): one array per relation instead of two parallel ones
 * halves the lookups of the hottest statement.
 */
const sealedText = (keyId: Prisma.Sql, ciphertext: Prisma.Sql) => Prisma.sql`${keyId} || '.' || encode(${ciphertext}, 'base64')`
const openSealedText = (cipher: DataCipher, value: string): string => {
  const dot = value.indexOf('.')
  return cipher.open(Buffer.from(value.slice(dot + 1), 'base64'), value.slice(0, dot))
}

// Primary entries first, then in the order they were entered (the import makes the first one primary).
const customersStatement = (ids: string[], where: Prisma.Sql): Prisma.Sql => Prisma.sql`
  SELECT c.id, c.name, c.gender, c.birthday::text AS birthday, c.occupation, c.company, c.industry, c.source,
    c.level_id::text AS level_id, c.lifecycle_status, c.owner_id::text AS owner_id,
    ARRAY(SELECT ${sealedText(Prisma.sql`p.key_id`, Prisma.sql`p.number_encrypted`)} FROM customer_phones p WHERE p.customer_id = c.id
      ORDER BY p.is_primary DESC, p.sort_order, p.created_at) AS phones,
    ARRAY(SELECT ${sealedText(Prisma.sql`e.key_id`, Prisma.sql`e.address_encrypted`)} FROM customer_emails e WHERE e.customer_id = c.id
      ORDER BY e.is_primary DESC, e.sort_order, e.created_at) AS emails,
    a.province_name, a.city_name, a.district_name, a.street_encrypted AS street, a.house_number_encrypted AS house_number,
    a.key_id AS address_key,
    ARRAY(SELECT ct.tag_id::text FROM customer_tags ct WHERE ct.customer_id = c.id) AS tag_ids,
    ARRAY(SELECT cg.group_id::text FROM customer_groups cg WHERE cg.customer_id = c.id) AS group_ids,
    c.consent_marketing, c.order_count, c.total_spent::text AS total_spent, c.last_purchase_at, c.last_contact_at,
    c.created_at, c.notes, c.custom_fields
  FROM customers c
  LEFT JOIN LATERAL (
    SELECT a.province_name, a.city_name, a.district_name, a.street_encrypted, a.house_number_encrypted, a.key_id
    FROM customer_addresses a WHERE a.customer_id = c.id ORDER BY a.is_primary DESC, a.sort_order, a.created_at LIMIT 1
  ) a ON TRUE
  WHERE c.id = ANY(${ids}::uuid[]) AND ${where}`

interface OwningColumns {
  customer_id: string
  customer_name: string
  customer_phone: Buffer | null
  customer_phone_key: string | null
}

const owningCustomerColumns = Prisma.sql`c.id::text AS customer_id, c.name AS customer_name,
  p.number_encrypted AS customer_phone, p.key_id AS customer_phone_key`
const primaryPhoneJoin = Prisma.sql`LEFT JOIN LATERAL (
    SELECT p.number_encrypted, p.key_id FROM customer_phones p WHERE p.customer_id = c.id
    ORDER BY p.is_primary DESC, p.sort_order, p.created_at LIMIT 1
  ) p ON TRUE`

interface ContactColumns extends OwningColumns {
  name: string
  title: string | null
  relationship_type_id: string | null
  phones: string[]
  emails: string[]
  notes: string | null
  created_at: Date
}

const contactsStatement = (ids: string[], where: Prisma.Sql): Prisma.Sql => Prisma.sql`
  SELECT ${owningCustomerColumns}, ct.name, ct.title, ct.relationship_type_id::text AS relationship_type_id, ct.notes, ct.created_at,
    ARRAY(SELECT ${sealedText(Prisma.sql`cp.key_id`, Prisma.sql`cp.number_encrypted`)} FROM contact_phones cp WHERE cp.contact_id = ct.id
      ORDER BY cp.is_primary DESC, cp.sort_order, cp.created_at) AS phones,
    ARRAY(SELECT ${sealedText(Prisma.sql`ce.key_id`, Prisma.sql`ce.address_encrypted`)} FROM contact_emails ce WHERE ce.contact_id = ct.id
      ORDER BY ce.is_primary DESC, ce.sort_order, ce.created_at) AS emails
  FROM contacts ct JOIN customers c ON c.id = ct.customer_id ${primaryPhoneJoin}
  WHERE ct.customer_id = ANY(${ids}::uuid[]) AND ct.deleted_at IS NULL AND ${where}
  ORDER BY array_position(${ids}::uuid[], c.id), ct.created_at, ct.id`

interface OrderLineColumns extends OwningColumns {
  order_no: string
  ordered_at: Date
  status: OrderStatus
  channel: string | null
  amount: string
  notes: string | null
  product: string | null
  quantity: number | null
  unit_price: string | null
}

// One row per item, and one for an order without items: the shape the import reads orders in.
const orderLinesStatement = (ids: string[], where: Prisma.Sql): Prisma.Sql => Prisma.sql`
  SELECT ${owningCustomerColumns}, o.order_no, o.ordered_at, o.status, o.channel, o.amount::text AS amount, o.notes,
    i.product, i.quantity, i.unit_price::text AS unit_price
  FROM orders o JOIN customers c ON c.id = o.customer_id ${primaryPhoneJoin}
  LEFT JOIN order_items i ON i.order_id = o.id
  WHERE o.customer_id = ANY(${ids}::uuid[]) AND o.deleted_at IS NULL AND ${where}
  ORDER BY array_position(${ids}::uuid[], c.id), o.ordered_at, o.id, i.sort_order, i.id`

/** How many rows the export will hold (the progress bar's end). */
const countStatement = (entity: ExportEntityName, where: Prisma.Sql): Prisma.Sql => {
  switch (entity) {
    case 'customers':
      return Prisma.sql`SELECT count(*)::int AS total FROM customers c WHERE ${where}`
    case 'contacts':
      return Prisma.sql`SELECT count(*)::int AS total FROM contacts ct JOIN customers c ON c.id = ct.customer_id
        WHERE ct.deleted_at IS NULL AND ${where}`
    case 'orders':
      return Prisma.sql`SELECT coalesce(sum(greatest((SELECT count(*) FROM order_items i WHERE i.order_id = o.id), 1)), 0)::int AS total
        FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.deleted_at IS NULL AND ${where}`
  }
}

export interface ExportReader {
  count(entity: ExportEntityName): Promise<number>
  /** The records of the export, a batch at a time, in the list's order. */
  batches<E extends ExportEntityName>(entity: E): AsyncGenerator<RecordOf[E][]>
}

export const createExportReader = async (
  ctx: AuthenticatedContext,
  query: ExportQuery,
  options: ExportReaderOptions,
): Promise<ExportReader> => {
  const { run, access, cipher, fullContacts, batchSize } = options
  const plan: PlannedSearch = access.planSearch(ctx, {
    filter: query.filter,
    sort: query.sort?.field,
    order: query.sort?.order ?? 'desc',
    limit: batchSize,
  })
  let names: Names | undefined
  const namesOf = async () => (names ??= await loadNames(options.db))

  const phone = (sealed: Buffer, keyId: string) => phoneForExport(cipher.open(sealed, keyId), fullContacts)
  const phoneOf = (sealed: string) => phoneForExport(openSealedText(cipher, sealed), fullContacts)
  const emailOf = (sealed: string) => emailForExport(openSealedText(cipher, sealed), fullContacts)
  const opened = (sealed: Buffer | null, keyId: string | null) => (sealed === null || keyId === null ? null : cipher.open(sealed, keyId))
  const owning = (row: OwningColumns): OwningCustomer => ({
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerPhone: row.customer_phone === null || row.customer_phone_key === null ? null : phone(row.customer_phone, row.customer_phone_key),
  })

  const toCustomer = (row: CustomerColumns, known: Names): CustomerRecord => {
    const street = [opened(row.street, row.address_key), opened(row.house_number, row.address_key)].filter((part) => part !== null && part !== '')
    const addressParts = [row.province_name, row.city_name, row.district_name, ...street].filter((part) => part !== null && part !== '')
    return {
      id: row.id,
      name: row.name,
      gender: row.gender,
      birthday: row.birthday,
      occupation: row.occupation,
      company: row.company,
      industry: row.industry,
      source: row.source,
      level: row.level_id === null ? null : (known.levels.get(row.level_id) ?? null),
      lifecycleStatus: row.lifecycle_status,
      owner: row.owner_id === null ? null : (known.users.get(row.owner_id) ?? null),
      phones: row.phones.map(phoneOf),
      emails: row.emails.map(emailOf),
      address: addressParts.length === 0 ? null : addressParts.join(''),
      province: row.province_name,
      city: row.city_name,
      district: row.district_name,
      tags: row.tag_ids.flatMap((id) => known.tags.get(id) ?? []).sort(),
      groups: row.group_ids.flatMap((id) => known.groups.get(id) ?? []).sort(),
      consentMarketing: row.consent_marketing,
      orderCount: row.order_count,
      totalSpent: row.total_spent,
      lastPurchaseAt: row.last_purchase_at,
      lastContactAt: row.last_contact_at,
      createdAt: row.created_at,
      notes: row.notes,
      customFields:
        typeof row.custom_fields === 'object' && row.custom_fields !== null && !Array.isArray(row.custom_fields)
          ? (row.custom_fields as Record<string, unknown>)
          : {},
    }
  }

  const toContact = (row: ContactColumns, known: Names): ContactRecord => ({
    ...owning(row),
    name: row.name,
    title: row.title,
    relationship: row.relationship_type_id === null ? null : (known.relationships.get(row.relationship_type_id) ?? null),
    phones: row.phones.map(phoneOf),
    emails: row.emails.map(emailOf),
    notes: row.notes,
    createdAt: row.created_at,
  })

  const toOrderLine = (row: OrderLineColumns): OrderLineRecord => ({
    ...owning(row),
    orderNo: row.order_no,
    orderedAt: row.ordered_at,
    status: row.status,
    channel: row.channel,
    amount: row.amount,
    product: row.product,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    notes: row.notes,
  })

  /** Pages of customer ids in the list's order: each sort segment walked from where the previous page ended. */
  async function* idPages(): AsyncGenerator<string[]> {
    for (const segment of plan.segments) {
      let after: Cursor | null = null
      // A relevance tier is read through its terms' index and sorted; a column's sort walks its own index.
      const strategy = segment.terms === undefined ? 'index' : 'bitmap'
      for (;;) {
        const rows: { id: string; sort_value: string | null }[] = await run<{ id: string; sort_value: string | null }>(
          segmentStatement(plan.pageWhere, segment, after, batchSize, Prisma.empty, strategy),
        )
        if (rows.length > 0) yield rows.map((row) => row.id)
        const last: { id: string; sort_value: string | null } | undefined = rows[rows.length - 1]
        if (last === undefined || rows.length < batchSize) break
        after = { query: plan.fingerprint, segment: 0, value: last.sort_value, id: last.id }
      }
    }
  }

  async function* batches<E extends ExportEntityName>(entity: E): AsyncGenerator<RecordOf[E][]> {
    const known = await namesOf()
    for await (const ids of idPages()) {
      if (entity === 'customers') {
        const rows = await run<CustomerColumns>(customersStatement(ids, plan.where))
        const byId = new Map(rows.map((row) => [row.id, row]))
        yield ids.flatMap((id) => {
          const row = byId.get(id)
          return row === undefined ? [] : [toCustomer(row, known)]
        }) as RecordOf[E][]
      } else if (entity === 'contacts') {
        yield (await run<ContactColumns>(contactsStatement(ids, plan.where))).map((row) => toContact(row, known)) as RecordOf[E][]
      } else {
        yield (await run<OrderLineColumns>(orderLinesStatement(ids, plan.where))).map(toOrderLine) as RecordOf[E][]
      }
    }
  }

  return {
    count: async (entity) => (await run<{ total: number }>(countStatement(entity, plan.where)))[0]?.total ?? 0,
    batches,
  }
}
