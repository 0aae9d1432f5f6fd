import { Prisma } from '../generated/prisma/client.js'
import type { Gender, LifecycleStatus } from '../generated/prisma/enums.js'
import type { CustomerSummarySource } from './customers.js'

/**
 * The rows of one list page in one statement: each customer with its primary phone, email and address, level,
 * owner, tags and groups. Hand-written rather than a Prisma include so that the benchmark can run the very same
 * statement, and because it is the hottest read of the product.
 */
export const listRowsStatement = (ids: string[]): Prisma.Sql => Prisma.sql`
  SELECT c.id, c.version, c.name, c.gender, c.birthday::text AS birthday, c.company, c.lifecycle_status, c.source,
    c.order_count, c.total_spent::text AS total_spent, c.last_purchase_at, c.last_contact_at, c.last_activity_at,
    c.custom_fields, c.created_at, c.updated_at,
    (SELECT json_build_object('id', u.id, 'displayName', u.display_name) FROM users u WHERE u.id = c.owner_id) AS owner,
    (SELECT json_build_object('id', l.id, 'name', l.name, 'color', l.color, 'sortOrder', l.sort_order, 'isDefault', l.is_default)
      FROM customer_levels l WHERE l.id = c.level_id) AS level,
    (SELECT json_build_object('ciphertext', encode(p.number_encrypted, 'base64'), 'keyId', p.key_id)
      FROM customer_phones p WHERE p.customer_id = c.id AND p.is_primary LIMIT 1) AS phone,
    (SELECT json_build_object('ciphertext', encode(e.address_encrypted, 'base64'), 'keyId', e.key_id)
      FROM customer_emails e WHERE e.customer_id = c.id AND e.is_primary LIMIT 1) AS email,
    (SELECT json_build_object('provinceName', a.province_name, 'cityName', a.city_name)
      FROM customer_addresses a WHERE a.customer_id = c.id AND a.is_primary LIMIT 1) AS address,
    (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) ORDER BY t.name), '[]')
      FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id) AS tags,
    (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'parentId', g.parent_id) ORDER BY g.name), '[]')
      FROM customer_groups cg JOIN groups g ON g.id = cg.group_id WHERE cg.customer_id = c.id) AS groups
  FROM customers c WHERE c.id = ANY(${ids}::uuid[])`

interface Sealed {
  ciphertext: string
  keyId: string
}

/** A row of listRowsStatement as the pg driver gives it. */
export interface ListRowColumns {
  id: string
  version: number
  name: string
  gender: Gender
  birthday: string | null
  company: string | null
  lifecycle_status: LifecycleStatus
  source: string | null
  order_count: number
  total_spent: string
  last_purchase_at: Date | null
  last_contact_at: Date | null
  last_activity_at: Date
  custom_fields: Prisma.JsonValue
  created_at: Date
  updated_at: Date
  owner: { id: string; displayName: string } | null
  level: { id: string; name: string; color: string; sortOrder: number; isDefault: boolean } | null
  phone: Sealed | null
  email: Sealed | null
  address: { provinceName: string | null; cityName: string | null } | null
  tags: { id: string; name: string; color: string }[]
  groups: { id: string; name: string; parentId: string | null }[]
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))

export const listRowToSource = (row: ListRowColumns): CustomerSummarySource => ({
  id: row.id,
  version: row.version,
  name: row.name,
  gender: row.gender,
  // Calendar days are kept as UTC midnight, as Prisma reads them, whatever the server's time zone.
  birthday: row.birthday === null ? null : new Date(`${row.birthday}T00:00:00Z`),
  company: row.company,
  level: row.level,
  lifecycleStatus: row.lifecycle_status,
  source: row.source,
  owner: row.owner,
  orderCount: row.order_count,
  totalSpent: new Prisma.Decimal(row.total_spent),
  lastPurchaseAt: row.last_purchase_at,
  lastContactAt: row.last_contact_at,
  lastActivityAt: row.last_activity_at,
  customFields: row.custom_fields,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  phones: row.phone === null ? [] : [{ isPrimary: true, numberEncrypted: bytes(row.phone.ciphertext), keyId: row.phone.keyId }],
  emails: row.email === null ? [] : [{ isPrimary: true, addressEncrypted: bytes(row.email.ciphertext), keyId: row.email.keyId }],
  addresses: row.address === null ? [] : [{ isPrimary: true, ...row.address }],
  tags: row.tags.map((tag) => ({ tag })),
  groups: row.groups.map((group) => ({ group })),
})
