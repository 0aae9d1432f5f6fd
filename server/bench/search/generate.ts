import type { DataCipher } from '../../src/lib/crypto.js'
import { emailTerm, phoneBlindIndexes, phoneNumberTerm, pinyinColumns, searchKey, type PinyinColumns } from '../../src/lib/search-terms.js'
import { regionData } from '../../src/lib/regions.js'
import { demoDice } from '../../src/seed/random.js'
import {
  activityContents,
  companyParts,
  contactTitles,
  emailDomains,
  femaleNameCharacters,
  industries,
  maleNameCharacters,
  mobilePrefixes,
  occupations,
  orderChannels,
  sourceWeights,
  streets,
  surnameWeights,
  weightedDistricts,
  type District,
} from './vocabulary.js'

/**
 * The deterministic generator: customers with everything that hangs off them, as rows ready for COPY. Every
 * random choice comes from one seeded dice, so every run writes the same people, phones, orders and terms (only
 * the AES-GCM ciphertexts differ, because their IVs must be random; the plaintexts and blind indexes do not).
 */

export type Dice = ReturnType<typeof demoDice>

/** The moment the generated history ends: a fixed day, so the data does not depend on when it is built. */
export const generatedUntil = Date.parse('2026-11-01T00:00:00+08:00')
const dayMs = 24 * 60 * 60 * 1000
const historyMs = 5 * 365 * dayMs

/** Draws from a long weighted list by binary search over cumulative weights (linear scans are too slow here). */
export const sampler = <T>(entries: readonly (readonly [T, number])[]) => {
  const cumulative: number[] = []
  let total = 0
  for (const [, weight] of entries) {
    total += weight
    cumulative.push(total)
  }
  return (random: () => number): T => {
    const roll = random() * total
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((cumulative[middle] as number) > roll) high = middle
      else low = middle + 1
    }
    return (entries[low] as readonly [T, number])[0]
  }
}

/** Weights 1/rank^exponent: the first items are common, the last ones rare. */
export const zipf = <T>(items: readonly T[], exponent: number): [T, number][] =>
  items.map((item, rank) => [item, 1 / (rank + 1) ** exponent])

const hexOfByte = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
const hexWord = (word: number) =>
  (hexOfByte[word >>> 24] as string) + hexOfByte[(word >>> 16) & 0xff] + hexOfByte[(word >>> 8) & 0xff] + hexOfByte[word & 0xff]

export const uuidFrom = (random: () => number): string => {
  const words = [0, 0, 0, 0].map(() => Math.floor(random() * 0x1_0000_0000) >>> 0)
  // Version 4 and variant 10xx, as randomUUID() and Prisma's uuid() produce.
  const second = ((words[1] as number) & 0xffff0fff) | 0x4000
  const third = (((words[2] as number) & 0x3fffffff) | 0x80000000) >>> 0
  const hex = hexWord(words[0] as number) + hexWord(second >>> 0) + hexWord(third) + hexWord(words[3] as number)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

// ---- COPY text format ----

/** A value in COPY's text format: backslash, tab and line breaks escaped; null is \N. */
const needsEscape = /[\\\t\n\r]/
export const copyValue = (value: string | number | boolean | null): string => {
  if (value === null) return '\\N'
  if (typeof value !== 'string') return String(value)
  if (!needsEscape.test(value)) return value
  return value.replace(/[\\\t\n\r]/g, (character) => (character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r'))
}
/** A text[] literal (before COPY escaping): every element quoted. */
export const arrayLiteral = (items: readonly string[]): string =>
  `{${items.map((item) => `"${item.replace(/["\\]/g, (character) => `\\${character}`)}"`).join(',')}}`
/** bytea as hex (COPY escaping doubles the backslash). */
export const byteaLiteral = (bytes: Uint8Array): string => `\\x${Buffer.from(bytes).toString('hex')}`
export const copyLine = (values: readonly (string | number | boolean | null)[]): string => `${values.map(copyValue).join('\t')}\n`

// ---- search terms, as the database's kezhi_customer_search_terms computes them ----

/**
 * kezhi_text_terms: every character and every two consecutive characters of the search key, with the kinds of
 * the field: u/b for the name, c/C for the company, k/K for contact names.
 */
const textTerms = (text: string | null, kinds: { unigram: string; bigram: string }, into: Set<string>) => {
  const characters = [...searchKey(text ?? '')]
  characters.forEach((character, index) => {
    into.add(`${kinds.unigram}${character}`)
    if (index > 0) into.add(`${kinds.bigram}${characters[index - 1]}${character}`)
  })
}
const nameKinds = { unigram: 'u', bigram: 'b' }
const companyKinds = { unigram: 'c', bigram: 'C' }
const contactKinds = { unigram: 'k', bigram: 'K' }

// The database sorts terms in code point order (builtin C.UTF-8 collation). JavaScript's default sort compares
// UTF-16 units, which is the same order as long as no term holds a character outside the BMP; the generator
// writes none, and the sampled check against kezhi_customer_search_terms would catch one.

export interface CustomerTermsInput {
  id: string
  name: string
  company: string | null
  pinyinTerms: string[]
  contactNames: string[]
  phones: { numberHash: string; tailTerms: string[] }[]
  emailHashes: string[]
  tagIds: string[]
  groupIds: string[]
  regionCodes: string[]
}

export const customerSearchTerms = (input: CustomerTermsInput): string[] => {
  const terms = new Set<string>()
  textTerms(input.name, nameKinds, terms)
  textTerms(input.company, companyKinds, terms)
  for (const term of input.pinyinTerms) terms.add(term)
  const key = [...searchKey(input.name)]
  terms.add(`^${key.slice(0, 1).join('')}`)
  if (key.length >= 2) terms.add(`^${key.slice(0, 2).join('')}`)
  if (key.length <= 40) terms.add(`=${key.join('')}`)
  for (const name of input.contactNames) textTerms(name, contactKinds, terms)
  for (const phone of input.phones) {
    terms.add(phoneNumberTerm(phone.numberHash))
    for (const tail of phone.tailTerms) terms.add(tail)
  }
  for (const hash of input.emailHashes) terms.add(emailTerm(hash))
  for (const id of input.tagIds) terms.add(`T${id.replaceAll('-', '')}`)
  for (const id of input.groupIds) terms.add(`G${id.replaceAll('-', '')}`)
  for (const code of input.regionCodes) terms.add(`R${code}`)
  // Every term is a kind character plus at least one character, so the database's length(term) > 1 always holds.
  return [...terms].sort()
}

// ---- people ----

export interface Reference {
  adminId: string
  managerIds: string[]
  salesIds: string[]
  levelIds: { ordinary: string; important: string; vip: string }
  relationshipTypeIds: string[]
  tagIds: string[]
  groupIds: string[]
}

/** Rows of every table that one customer adds, as COPY lines. */
export interface CustomerRows {
  customers: string
  customer_phones: string
  customer_emails: string
  customer_addresses: string
  customer_tags: string
  customer_groups: string
  contacts: string
  contact_phones: string
  orders: string
  activities: string
  customer_events: string
}
export type LoadedTable = keyof CustomerRows
export const loadedTables: LoadedTable[] = [
  'customers', 'customer_phones', 'customer_emails', 'customer_addresses', 'customer_tags', 'customer_groups',
  'contacts', 'contact_phones', 'orders', 'activities', 'customer_events',
]
export const copyColumns: Record<LoadedTable, string[]> = {
  customers: [
    'id', 'name', 'gender', 'birthday', 'occupation', 'company', 'industry', 'source', 'level_id', 'lifecycle_status',
    'owner_id', 'created_by_id', 'consent_marketing', 'consent_given_at', 'consent_channel', 'order_count', 'total_spent',
    'average_order_value', 'first_purchase_at', 'last_purchase_at', 'purchase_frequency_days', 'last_contact_at',
    'last_activity_at', 'search_terms', 'pinyin_terms', 'pinyin_name', 'pinyin_company', 'search_version', 'created_at',
    'updated_at', 'deleted_at', 'deleted_by_id',
  ],
  customer_phones: ['id', 'customer_id', 'type', 'number_encrypted', 'key_id', 'number_hash', 'last4_hash', 'tail_terms', 'is_primary', 'sort_order', 'created_at'],
  customer_emails: ['id', 'customer_id', 'address_encrypted', 'key_id', 'address_hash', 'is_primary', 'sort_order', 'created_at'],
  customer_addresses: [
    'id', 'customer_id', 'type', 'province_code', 'province_name', 'city_code', 'city_name', 'district_code', 'district_name',
    'street_encrypted', 'house_number_encrypted', 'key_id', 'is_primary', 'sort_order', 'created_at',
  ],
  customer_tags: ['customer_id', 'tag_id', 'created_at'],
  customer_groups: ['customer_id', 'group_id', 'created_at'],
  contacts: ['id', 'customer_id', 'name', 'title', 'relationship_type_id', 'created_by_id', 'created_at', 'updated_at'],
  contact_phones: ['id', 'contact_id', 'type', 'number_encrypted', 'key_id', 'number_hash', 'last4_hash', 'tail_terms', 'is_primary', 'sort_order', 'created_at'],
  orders: ['id', 'customer_id', 'order_no', 'ordered_at', 'channel', 'status', 'amount', 'created_by_id', 'created_at', 'updated_at'],
  activities: ['id', 'customer_id', 'type', 'occurred_at', 'content', 'author_id', 'created_at', 'updated_at'],
  customer_events: ['id', 'customer_id', 'kind', 'actor_id', 'occurred_at'],
}

/** What the measurement draws its parameters from: a few facts about every Nth customer. */
export interface SampledCustomer {
  id: string
  name: string
  /** Digits of the primary phone, E.164 without the plus. */
  phoneDigits: string | null
  /** Pinyin initials of the name ('zw' for 张伟). */
  initials: string
  tagIds: string[]
  provinceCode: string | null
  cityCode: string | null
}

const iso = (ms: number) => new Date(ms).toISOString()
const day = (ms: number) => iso(ms).slice(0, 10)
const cents = (value: number) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`
/** Integer division rounded half away from zero, as PostgreSQL's round(numeric) does (both operands positive). */
const roundedDivision = (dividend: number, divisor: number) => {
  const quotient = Math.floor(dividend / divisor)
  return 2 * (dividend - quotient * divisor) >= divisor ? quotient + 1 : quotient
}

/**
 * How many orders each customer has, drawn up front so that exactly `orders` exist: about a fifth of customers
 * never bought, the rest follow a geometric-like law with a long tail of regulars. Every partition computes the
 * same array from its own dice, so they agree on order numbers without talking to each other.
 */
export const drawOrderCounts = (customers: number, orders: number): Uint16Array => {
  const { random } = demoDice(20_261_124)
  const orderCounts = new Uint16Array(customers)
  let totalOrders = 0
  for (let index = 0; index < customers; index += 1) {
    const count = random() < 0.22 ? 0 : 1 + Math.min(199, Math.floor(-Math.log(1 - random()) * 3.35))
    orderCounts[index] = count
    totalOrders += count
  }
  while (totalOrders !== orders) {
    const index = Math.floor(random() * customers)
    const count = orderCounts[index] as number
    if (totalOrders < orders && count > 0 && count < 200) {
      orderCounts[index] = count + 1
      totalOrders += 1
    } else if (totalOrders > orders && count > 1) {
      orderCounts[index] = count - 1
      totalOrders -= 1
    }
  }
  return orderCounts
}

export interface GeneratorOptions {
  customers: number
  orders: number
  cipher: DataCipher
  reference: Reference
  sampleEvery: number
  /** This generator writes customers [first, first + count); partitions run in parallel worker threads. */
  partition: { index: number; first: number; count: number }
}

/** Serial numbers of different partitions never meet: each starts at its own offset. */
const partitionSerialStride = 40_000_000

export const createGenerator = (options: GeneratorOptions) => {
  const { cipher, reference, partition } = options
  const dice = demoDice(20_261_123 + partition.index)
  const { random, pick, weighted, between } = dice
  const surname = sampler(surnameWeights)
  const maleCharacter = sampler(zipf(maleNameCharacters, 1))
  const femaleCharacter = sampler(zipf(femaleNameCharacters, 1))
  const district = sampler<District>(weightedDistricts())
  const tagOf = sampler(zipf(reference.tagIds, 1.1))
  const groupOf = sampler(zipf(reference.groupIds, 0.7))
  const salesOwner = sampler(zipf(reference.salesIds, 0.4))
  const source = sampler(sourceWeights)
  const channel = sampler(orderChannels)
  const emailDomain = sampler(emailDomains)
  const brand = sampler(zipf(companyParts.brandWords, 0.8))
  const trade = sampler(zipf(companyParts.trades, 0.6))
  const companyForm = sampler(companyParts.companyForms)
  const { provinces, cities, districts } = regionData

  const orderCounts = drawOrderCounts(options.customers, options.orders)
  let orderSerial = 0
  for (let index = 0; index < partition.first; index += 1) orderSerial += orderCounts[index] as number

  // pinyin-pro is the slow part of a customer; names and companies repeat, so their readings are kept.
  const namePinyin = new Map<string, PinyinColumns>()
  const companyPinyin = new Map<string, PinyinColumns>()
  const remembered = (cache: Map<string, PinyinColumns>, key: string, compute: () => PinyinColumns) => {
    let found = cache.get(key)
    if (found === undefined) {
      found = compute()
      cache.set(key, found)
    }
    return found
  }
  /** pinyinColumns(name, company), from the readings of name and company computed apart (checked on samples). */
  const pinyinOf = (name: string, company: string | null): PinyinColumns => {
    const ofName = remembered(namePinyin, name, () => pinyinColumns(name, null))
    if (company === null) return ofName
    const ofCompany = remembered(companyPinyin, company, () => pinyinColumns('', company))
    return {
      pinyinTerms: [...new Set([...ofName.pinyinTerms, ...ofCompany.pinyinTerms])].sort(),
      pinyinName: ofName.pinyinName,
      pinyinCompany: ofCompany.pinyinCompany,
      searchVersion: ofName.searchVersion,
    }
  }

  const personName = (gender: 'male' | 'female' | 'unknown') => {
    const character = gender === 'female' ? femaleCharacter : gender === 'male' ? maleCharacter : random() < 0.5 ? femaleCharacter : maleCharacter
    const family = surname(random)
    // About a third of given names are one character (张伟), the rest two (王秀英); compound surnames take one.
    const givenLength = family.length === 2 || random() < 0.33 ? 1 : 2
    let given = character(random)
    if (givenLength === 2) given += character(random)
    return family + given
  }

  // Phone numbers are unique: the last eight digits walk a bijection of 0..10^8 (48271 is coprime to 10).
  let phoneSerial = partition.index * partitionSerialStride
  const nextMobile = () => {
    phoneSerial += 1
    const tail = ((phoneSerial * 48_271 + 13_579_246) % 100_000_000).toString().padStart(8, '0')
    return `+86${pick(mobilePrefixes)}${tail}`
  }
  let emailSerial = partition.index * partitionSerialStride

  const sealedPhoneColumns = (e164: string) => {
    const sealed = cipher.seal(e164)
    const indexes = phoneBlindIndexes(cipher, e164)
    return { sealed, indexes }
  }

  const sampled: SampledCustomer[] = []
  const pinyinChecks: { name: string; company: string | null; composed: PinyinColumns }[] = []

  /** The customer at `index` (counted over all partitions). */
  const customer = (index: number): CustomerRows => {
    const id = uuidFrom(random)
    const genderRoll = random()
    const gender = genderRoll < 0.48 ? 'male' : genderRoll < 0.96 ? 'female' : 'unknown'
    const name = personName(gender)
    const createdAt = generatedUntil - Math.floor(historyMs * random() ** 1.6) - between(0, dayMs)
    const isCompany = random() < 0.3
    const place = random() < 0.88 ? district(random) : null
    const cityName = place === null ? '' : (cities[place.cityCode] ?? '')
    const company = isCompany
      ? `${random() < 0.7 && cityName.endsWith('市') ? cityName.slice(0, -1) : ''}${brand(random)}${trade(random)}${companyForm(random)}`
      : null
    const pinyin = pinyinOf(name, company)
    const roll = random()
    const ownerId =
      roll < 0.92 ? salesOwner(random) : roll < 0.96 ? (reference.managerIds[Math.floor(random() * reference.managerIds.length)] as string) : null
    const levelRoll = random()
    const levelId = levelRoll < 0.7 ? reference.levelIds.ordinary : levelRoll < 0.9 ? reference.levelIds.important : reference.levelIds.vip
    const rows: CustomerRows = {
      customers: '', customer_phones: '', customer_emails: '', customer_addresses: '', customer_tags: '', customer_groups: '',
      contacts: '', contact_phones: '', orders: '', activities: '', customer_events: '',
    }
    const created = iso(createdAt)

    // Phones: most people leave a mobile, some a second one.
    const phones: { numberHash: string; tailTerms: string[] }[] = []
    let primaryDigits: string | null = null
    const phoneCount = random() < 0.95 ? (random() < 0.12 ? 2 : 1) : 0
    for (let position = 0; position < phoneCount; position += 1) {
      const e164 = nextMobile()
      if (position === 0) primaryDigits = e164.slice(1)
      const { sealed, indexes } = sealedPhoneColumns(e164)
      phones.push(indexes)
      rows.customer_phones += copyLine([
        uuidFrom(random), id, position === 0 ? 'mobile' : pick(['work', 'home', 'mobile']), byteaLiteral(sealed.ciphertext), sealed.keyId,
        indexes.numberHash, indexes.last4Hash, arrayLiteral(indexes.tailTerms), position === 0, position, created,
      ])
    }

    const emailHashes: string[] = []
    if (random() < 0.3) {
      emailSerial += 1
      const local = random() < 0.5 ? `${100_000 + emailSerial * 37}` : `${pinyin.pinyinName.replace(/[^a-z]/g, '')}${emailSerial % 10_000}`
      const address = `${local}@${emailDomain(random)}`
      const sealed = cipher.seal(address)
      const hash = cipher.blindIndex('email', address.toLowerCase())
      emailHashes.push(hash)
      rows.customer_emails += copyLine([uuidFrom(random), id, byteaLiteral(sealed.ciphertext), sealed.keyId, hash, true, 0, created])
    }

    const regionCodes: string[] = []
    if (place !== null) {
      regionCodes.push(place.provinceCode, place.cityCode, place.districtCode)
      const street = random() < 0.7 ? cipher.seal(`${pick(streets)}${between(1, 999)}号`) : null
      const house = street !== null && random() < 0.6 ? cipher.seal(`${between(1, 30)}栋${between(1, 30)}0${between(1, 4)}室`) : null
      rows.customer_addresses += copyLine([
        uuidFrom(random), id, isCompany ? 'work' : 'home', place.provinceCode, provinces[place.provinceCode] ?? null, place.cityCode,
        cities[place.cityCode] ?? null, place.districtCode, districts[place.districtCode] ?? null,
        street === null ? null : byteaLiteral(street.ciphertext), house === null ? null : byteaLiteral(house.ciphertext),
        street?.keyId ?? null, true, 0, created,
      ])
    }

    const tagCount = weighted<number>([[0, 30], [1, 35], [2, 20], [3, 10], [4, 5]])
    const tagIds = new Set<string>()
    while (tagIds.size < tagCount) tagIds.add(tagOf(random))
    for (const tagId of tagIds) rows.customer_tags += copyLine([id, tagId, created])
    const groupRoll = random()
    const groupIds = new Set<string>()
    const groupCount = groupRoll < 0.4 ? 0 : groupRoll < 0.95 ? 1 : 2
    while (groupIds.size < groupCount) groupIds.add(groupOf(random))
    for (const groupId of groupIds) rows.customer_groups += copyLine([id, groupId, created])

    // Contacts: people at company customers, now and then a spouse of a private one.
    const contactNames: string[] = []
    const contactCount = isCompany ? (random() < 0.6 ? between(1, 2) : 0) : random() < 0.05 ? 1 : 0
    for (let position = 0; position < contactCount; position += 1) {
      const contactId = uuidFrom(random)
      const contactName = personName(random() < 0.5 ? 'male' : 'female')
      contactNames.push(contactName)
      const contactCreated = iso(createdAt + position * 60_000)
      rows.contacts += copyLine([
        contactId, id, contactName, isCompany ? pick(contactTitles) : null, pick(reference.relationshipTypeIds), ownerId, contactCreated, contactCreated,
      ])
      if (random() < 0.7) {
        const e164 = nextMobile()
        const { sealed, indexes } = sealedPhoneColumns(e164)
        phones.push(indexes)
        rows.contact_phones += copyLine([
          uuidFrom(random), contactId, 'mobile', byteaLiteral(sealed.ciphertext), sealed.keyId, indexes.numberHash, indexes.last4Hash,
          arrayLiteral(indexes.tailTerms), true, 0, contactCreated,
        ])
      }
    }

    // Orders, and the metrics the orders module derives from the paid and completed ones.
    let paidCount = 0
    let paidCents = 0
    let firstPaid = Number.POSITIVE_INFINITY
    let lastPaid = Number.NEGATIVE_INFINITY
    const orderCount = orderCounts[index] as number
    for (let position = 0; position < orderCount; position += 1) {
      orderSerial += 1
      const orderedAt = createdAt + Math.floor(random() * (generatedUntil - createdAt))
      const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
      const amountCents = Math.max(100, Math.round(Math.exp(Math.log(260) + normal) * (isCompany ? 3 : 1) * 100))
      const status = weighted<string>([['completed', 70], ['paid', 15], ['pending', 5], ['cancelled', 6], ['refunded', 4]])
      if (status === 'paid' || status === 'completed') {
        paidCount += 1
        paidCents += amountCents
        firstPaid = Math.min(firstPaid, orderedAt)
        lastPaid = Math.max(lastPaid, orderedAt)
      }
      const ordered = iso(orderedAt)
      rows.orders += copyLine([
        uuidFrom(random), id, `KZ${day(orderedAt).replaceAll('-', '')}-${String(orderSerial).padStart(7, '0')}`, ordered, channel(random),
        status, cents(amountCents), ownerId, ordered, ordered,
      ])
    }

    let lastContact = Number.NEGATIVE_INFINITY
    if (random() < 0.35) {
      const activityCount = between(1, 3)
      for (let position = 0; position < activityCount; position += 1) {
        const occurredAt = createdAt + Math.floor(random() * (generatedUntil - createdAt))
        lastContact = Math.max(lastContact, occurredAt)
        const occurred = iso(occurredAt)
        rows.activities += copyLine([
          uuidFrom(random), id, pick(['call', 'visit', 'wechat', 'sms', 'note']), occurred, pick(activityContents),
          ownerId ?? reference.adminId, occurred, occurred,
        ])
      }
    }

    const lastActivity = Math.max(createdAt, lastContact, lastPaid)
    const sinceLastPurchase = generatedUntil - lastPaid
    const lifecycle =
      paidCount === 0
        ? random() < 0.5 ? 'prospect' : 'new'
        : generatedUntil - createdAt < 60 * dayMs ? 'new' : sinceLastPurchase < 180 * dayMs ? 'active' : sinceLastPurchase < 540 * dayMs ? 'dormant' : 'churned'
    const consent = random() < 0.45
    // About one in two hundred customers sits in the trash.
    const deleted = random() < 0.005
    const frequencyTenths = paidCount >= 2 ? roundedDivision((lastPaid - firstPaid) * 10, dayMs * (paidCount - 1)) : null
    const searchTerms = customerSearchTerms({ id, name, company, pinyinTerms: pinyin.pinyinTerms, contactNames, phones, emailHashes, tagIds: [...tagIds], groupIds: [...groupIds], regionCodes })
    rows.customers = copyLine([
      id, name, gender, random() < 0.6 ? day(Date.parse('1950-01-01') + Math.floor(random() * 55 * 365 * dayMs)) : null,
      random() < 0.5 ? pick(occupations) : null, company, isCompany ? pick(industries) : null, random() < 0.8 ? source(random) : null,
      levelId, lifecycle, ownerId, ownerId, consent, consent ? created : null, consent ? pick(['in_store', 'miniapp', 'web', 'phone']) : null,
      paidCount, cents(paidCents), paidCount === 0 ? null : cents(roundedDivision(paidCents, paidCount)),
      paidCount === 0 ? null : iso(firstPaid), paidCount === 0 ? null : iso(lastPaid),
      frequencyTenths === null ? null : frequencyTenths / 10, lastContact < 0 ? null : iso(lastContact), iso(lastActivity),
      arrayLiteral(searchTerms), arrayLiteral(pinyin.pinyinTerms), pinyin.pinyinName, pinyin.pinyinCompany, pinyin.searchVersion,
      created, iso(lastActivity), deleted ? iso(lastActivity) : null, deleted ? ownerId : null,
    ])
    rows.customer_events = copyLine([uuidFrom(random), id, 'created', ownerId, created])

    if (index % options.sampleEvery === 0) {
      sampled.push({
        id,
        name,
        phoneDigits: primaryDigits,
        initials: pinyin.pinyinName.split(' ').map((syllable) => syllable[0]).join(''),
        tagIds: [...tagIds],
        provinceCode: place?.provinceCode ?? null,
        cityCode: place?.cityCode ?? null,
      })
      pinyinChecks.push({ name, company, composed: pinyin })
    }
    return rows
  }

  /** The composed pinyin must equal what the product computes for name and company together. */
  const checkPinyin = (): number => {
    for (const check of pinyinChecks) {
      const direct = pinyinColumns(check.name, check.company)
      if (JSON.stringify(direct) !== JSON.stringify(check.composed)) {
        throw new Error(`pinyin of ${check.name} / ${check.company} differs from pinyinColumns: ${JSON.stringify(check.composed)} vs ${JSON.stringify(direct)}`)
      }
    }
    return pinyinChecks.length
  }

  return { customer, sampled, checkPinyin }
}
