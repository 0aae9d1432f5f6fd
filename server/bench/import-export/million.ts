import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { DataCipher } from '../../src/lib/crypto.js'
import { phoneBlindIndexes, pinyinColumns } from '../../src/lib/search-terms.js'
import { tagNames } from '../search/vocabulary.js'
import { createPeople } from './people.js'

/**
 * Fills the export benchmark's database with customers fast: rows made in Node (phones, emails and streets sealed
 * with the server's DataCipher, blind indexes and pinyin computed as the server does) and loaded with COPY, a chunk at
 * a time, with triggers held back (session_replication_role = replica). The search-term triggers would rewrite every
 * customer once per child table; on a shared two-core machine that alone took about 5 ms per customer, over an hour
 * for a million. An export without a keyword never reads `search_terms`, so the benchmark leaves them empty, and sets
 * what the other trigger would have (`last_activity_at`) itself.
 */

export interface MillionFacts {
  customers: number
  phones: number
  emails: number
  addresses: number
  tags: number
  seconds: number
}

const chunkSize = 50_000

const text = (value: string | null): string =>
  value === null ? '\\N' : value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
const bytes = (value: Uint8Array) => `\\\\x${Buffer.from(value).toString('hex')}`
const array = (values: string[]) => text(`{${values.map((one) => `"${one.replace(/["\\]/g, (mark) => `\\${mark}`)}"`).join(',')}}`)
const line = (cells: string[]) => `${cells.join('\t')}\n`

const copy = async (client: pg.Client, table: string, columns: string[], lines: string[]) => {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`))
  for (let start = 0; start < lines.length; start += 2000) {
    if (!stream.write(lines.slice(start, start + 2000).join(''))) await once(stream, 'drain')
  }
  stream.end()
  await once(stream, 'finish')
}

export const buildMillion = async (options: {
  databaseUrl: string
  cipher: DataCipher
  customers: number
  seed: number
  log: (message: string) => void
}): Promise<MillionFacts> => {
  const started = performance.now()
  const { cipher } = options
  const client = new pg.Client({ connectionString: options.databaseUrl })
  await client.connect()
  try {
    const admin = (await client.query<{ id: string; password_hash: string }>("SELECT id, password_hash FROM users WHERE username = 'admin'")).rows[0]
    if (admin === undefined) throw new Error('no admin: start the server on this database once first')
    const salesRole = (await client.query<{ id: string }>("SELECT id FROM roles WHERE key = 'sales'")).rows[0]?.id
    const rootTeam = (await client.query<{ id: string }>('SELECT id FROM teams WHERE parent_id IS NULL')).rows[0]?.id
    const levels = (await client.query<{ id: string }>('SELECT id FROM customer_levels ORDER BY sort_order')).rows.map((row) => row.id)
    const owners: string[] = [admin.id]
    for (let index = 1; index <= 20; index += 1) {
      const id = randomUUID()
      owners.push(id)
      await client.query(
        `INSERT INTO users (id, username, password_hash, display_name, role_id, team_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [id, `bench_sales${index}`, admin.password_hash, `销售${index}号`, salesRole, rootTeam],
      )
    }
    const tagIds = new Map<string, string>()
    for (const name of tagNames) {
      const id = randomUUID()
      tagIds.set(name, id)
      await client.query('INSERT INTO tags (id, name, color, updated_at) VALUES ($1, $2, $3, now())', [id, name, 'blue'])
    }
    await client.query(
      `INSERT INTO custom_field_definitions (id, key, label, type, updated_at) VALUES (gen_random_uuid(), 'member_no', '会员卡号', 'text', now())`,
    )

    const people = createPeople(options.seed)
    const { random, pick, between, digits } = people.dice
    const namePinyin = new Map<string, ReturnType<typeof pinyinColumns>>()
    const companyPinyin = new Map<string, ReturnType<typeof pinyinColumns>>()
    const lifecycle = ['prospect', 'new', 'active', 'active', 'active', 'dormant', 'churned']
    const facts: MillionFacts = { customers: 0, phones: 0, emails: 0, addresses: 0, tags: 0, seconds: 0 }

    for (let done = 0; done < options.customers; done += chunkSize) {
      const size = Math.min(chunkSize, options.customers - done)
      const customers: string[] = []
      const phones: string[] = []
      const emails: string[] = []
      const addresses: string[] = []
      const links: string[] = []
      for (let index = 0; index < size; index += 1) {
        const person = people.next()
        const id = randomUUID()
        const ofName = namePinyin.get(person.name) ?? pinyinColumns(person.name, null)
        namePinyin.set(person.name, ofName)
        const ofCompany = person.company === null ? null : (companyPinyin.get(person.company) ?? pinyinColumns('', person.company))
        if (person.company !== null && ofCompany !== null) companyPinyin.set(person.company, ofCompany)
        const orders = random() < 0.6 ? between(1, 20) : 0
        const created = person.createdAt.toISOString()
        const lastPurchase = orders === 0 ? null : new Date(person.createdAt.getTime() + between(1, 600) * 86_400_000).toISOString()
        customers.push(
          line([
            id, text(person.name), person.gender, text(person.birthday), text(person.occupation), text(person.company), text(person.industry),
            text(person.source), pick(levels), pick(lifecycle), pick(owners), admin.id, random() < 0.3 ? 't' : 'f',
            text(JSON.stringify(random() < 0.5 ? { member_no: `M${digits(8)}` } : {})), String(orders),
            (orders * between(50, 2000)).toFixed(2), text(lastPurchase),
            created, created, lastPurchase ?? created,
            array([...new Set([...ofName.pinyinTerms, ...(ofCompany?.pinyinTerms ?? [])])].sort()), text(ofName.pinyinName),
            text(ofCompany?.pinyinCompany ?? null), String(ofName.searchVersion),
          ]),
        )
        for (const [order, mobile] of [person.mobile, person.secondMobile].entries()) {
          if (mobile === null) continue
          const sealed = cipher.seal(mobile)
          const indexes = phoneBlindIndexes(cipher, mobile)
          phones.push(
            line([randomUUID(), id, 'mobile', bytes(sealed.ciphertext), sealed.keyId, indexes.numberHash, indexes.last4Hash, array(indexes.tailTerms), order === 0 ? 't' : 'f', String(order), created]),
          )
        }
        if (person.email !== null) {
          const sealed = cipher.seal(person.email)
          emails.push(line([randomUUID(), id, bytes(sealed.ciphertext), sealed.keyId, cipher.blindIndex('email', person.email), 't', '0', created]))
        }
        if (random() < 0.7) {
          const street = cipher.seal(person.street)
          const place = person.district
          addresses.push(
            line([
              randomUUID(), id, 'home', place.provinceCode, text(place.provinceName), place.cityCode, text(place.cityName), place.districtCode,
              text(place.districtName), bytes(street.ciphertext), street.keyId, 't', '0', created,
            ]),
          )
        }
        for (const tag of person.tags) links.push(line([id, tagIds.get(tag) as string, created]))
      }
      await client.query('BEGIN')
      await client.query('SET LOCAL session_replication_role = replica')
      await copy(client, 'customers', [
        'id', 'name', 'gender', 'birthday', 'occupation', 'company', 'industry', 'source', 'level_id', 'lifecycle_status', 'owner_id',
        'created_by_id', 'consent_marketing', 'custom_fields', 'order_count', 'total_spent', 'last_purchase_at', 'created_at', 'updated_at',
        'last_activity_at', 'pinyin_terms', 'pinyin_name', 'pinyin_company', 'search_version',
      ], customers)
      await copy(client, 'customer_phones', [
        'id', 'customer_id', 'type', 'number_encrypted', 'key_id', 'number_hash', 'last4_hash', 'tail_terms', 'is_primary', 'sort_order', 'created_at',
      ], phones)
      await copy(client, 'customer_emails', ['id', 'customer_id', 'address_encrypted', 'key_id', 'address_hash', 'is_primary', 'sort_order', 'created_at'], emails)
      await copy(client, 'customer_addresses', [
        'id', 'customer_id', 'type', 'province_code', 'province_name', 'city_code', 'city_name', 'district_code', 'district_name',
        'street_encrypted', 'key_id', 'is_primary', 'sort_order', 'created_at',
      ], addresses)
      await copy(client, 'customer_tags', ['customer_id', 'tag_id', 'created_at'], links)
      await client.query('COMMIT')
      facts.customers += size
      facts.phones += phones.length
      facts.emails += emails.length
      facts.addresses += addresses.length
      facts.tags += links.length
      options.log(`  ${facts.customers} customers loaded (${((performance.now() - started) / 1000).toFixed(0)} s)`)
    }
    options.log('  VACUUM ANALYZE')
    await client.query('VACUUM ANALYZE')
    facts.seconds = (performance.now() - started) / 1000
    return facts
  } finally {
    await client.end()
  }
}
