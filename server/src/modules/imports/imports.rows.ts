import type { CustomerAccess, DbClient } from '../../access/customers.js'
import type { Gender, LifecycleStatus, OrderStatus } from '../../generated/prisma/enums.js'
import type { AuthenticatedContext } from '../../http/context.js'
import type { DataCipher } from '../../lib/crypto.js'
import type { NormalisedPhone } from '../../lib/phone.js'
import type { DataRow } from './imports.parse.js'
import type { TargetDefinition } from './imports.fields.js'
import {
  cellText,
  comparable,
  halfWidth,
  parseAmount,
  parseBoolean,
  parseEmail,
  parseImportPhone,
  parseMoment,
  splitEmails,
  splitList,
  splitPhones,
  splitTags,
  textOf,
  type CellValue,
} from './imports.normalize.js'
import { regionFromAddress, regionFromParts, type ImportReferences, type RegionCodes } from './imports.references.js'
import type { IssueCode } from './imports.schemas.js'

/**
 * Checking one row against the mapping: every cell of a mapped column read into a value, or an issue naming
 * the row, the column and the value. A row with an error is never written. Duplicates inside the file are found
 * by a `FileMemory` that sees the rows in file order.
 */

export interface Issue {
  rowNumber: number
  column: string | null
  value: string | null
  code: IssueCode
  params: Record<string, string | number>
  severity: 'error' | 'warning'
}

export interface MappedColumn {
  index: number
  header: string
  definition: TargetDefinition
}

export type CustomValue = string | number | boolean | string[]

export interface AddressValue extends RegionCodes {
  street: string | null
}

export interface CustomerRecord {
  rowNumber: number
  name?: string
  gender?: Gender
  birthday?: string
  occupation?: string
  company?: string
  industry?: string
  source?: string
  levelId?: string
  lifecycleStatus?: LifecycleStatus
  notes?: string
  ownerId?: string
  consentMarketing?: boolean
  createdAt?: Date
  phones: NormalisedPhone[]
  emails: string[]
  address: AddressValue | null
  tags: string[]
  groupIds: string[]
  customFields: Record<string, CustomValue>
}

export interface CustomerRef {
  phone?: NormalisedPhone
  name?: string
  /** The column and value to name in an issue about the reference. */
  column: string
  value: string
}

export interface ContactRecord {
  rowNumber: number
  customer: CustomerRef
  name: string
  title?: string
  relationshipTypeId?: string
  phones: NormalisedPhone[]
  emails: string[]
  notes?: string
}

export interface OrderRecord {
  rowNumber: number
  customer: CustomerRef
  orderNo: string
  orderedAt: Date
  status: OrderStatus
  channel?: string
  amount: number | null
  notes?: string
  item: { product: string; quantity: number; unitPrice: number | null } | null
}

export type ImportRecord = CustomerRecord | ContactRecord | OrderRecord

export interface CheckedRow<R> {
  rowNumber: number
  issues: Issue[]
  /** Null when the row has an error. */
  record: R | null
}

const maxPhones = 10
const maxEmails = 10
const maxTags = 50
const maxTagLength = 20
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

const genders: Record<string, Gender> = {
  男: 'male', 男性: 'male', 先生: 'male', m: 'male', male: 'male', 女: 'female', 女性: 'female', 女士: 'female', f: 'female', female: 'female',
  未知: 'unknown', 保密: 'unknown', 不详: 'unknown', unknown: 'unknown',
}
const lifecycles: Record<string, LifecycleStatus> = {
  prospect: 'prospect', 潜在: 'prospect', 潜在客户: 'prospect', new: 'new', 新客户: 'new', 新: 'new', 新客: 'new',
  active: 'active', 活跃: 'active', 活跃客户: 'active', dormant: 'dormant', 沉睡: 'dormant', 沉睡客户: 'dormant', 休眠: 'dormant',
  churned: 'churned', 流失: 'churned', 流失客户: 'churned', 已流失: 'churned',
}
const orderStatuses: Record<string, OrderStatus> = {
  pending: 'pending', 待付款: 'pending', 待支付: 'pending', 未付款: 'pending', paid: 'paid', 已付款: 'paid', 已支付: 'paid',
  completed: 'completed', 已完成: 'completed', 完成: 'completed', 已收货: 'completed', cancelled: 'cancelled', canceled: 'cancelled',
  已取消: 'cancelled', 取消: 'cancelled', refunded: 'refunded', 已退款: 'refunded', 退款: 'refunded',
}
const optionList = (table: Record<string, string>) => Object.keys(table).filter((key) => /[^\x00-\x7f]/.test(key)).join('、')
const lookup = <T>(table: Record<string, T>, value: string): T | undefined => table[comparable(value)]
// The tables are keyed by the comparable form.
for (const table of [genders, lifecycles, orderStatuses] as Record<string, string>[]) {
  for (const key of Object.keys(table)) {
    const value = table[key]
    if (value !== undefined) table[comparable(key)] = value
  }
}

/** One row's cells by target, and the issues found while reading them. */
class RowReader {
  readonly issues: Issue[] = []
  constructor(
    readonly row: DataRow,
    private readonly columns: readonly MappedColumn[],
  ) {}

  /** The mapped cells of a target that hold something. */
  cells(target: string): { column: MappedColumn; raw: CellValue; text: string }[] {
    return this.columns
      .filter((column) => column.definition.target === target)
      .map((column) => {
        const raw = this.row.cells[column.index] ?? null
        return { column, raw, text: textOf(raw).replace(controlCharacters, ' ').trim() }
      })
      .filter((cell) => cell.text !== '')
  }

  first(target: string) {
    return this.cells(target)[0]
  }

  mapped(target: string): MappedColumn | undefined {
    return this.columns.find((column) => column.definition.target === target)
  }

  add(code: IssueCode, column: MappedColumn | null, raw: CellValue, params: Record<string, string | number> = {}, severity: 'error' | 'warning' = 'error') {
    this.issues.push({ rowNumber: this.row.rowNumber, column: column?.header ?? null, value: raw === null ? null : cellText(raw), code, params, severity })
  }

  get failed(): boolean {
    return this.issues.some((issue) => issue.severity === 'error')
  }

  /** A full-width or otherwise normalised value is kept, with a warning saying what it became. */
  adjusted(column: MappedColumn, raw: CellValue, value: string) {
    if (typeof raw === 'string' && raw.trim() !== halfWidth(raw)) this.add('adjusted', column, raw, { value }, 'warning')
  }

  /** A required text target: missing → `required`, too long → `too_long`. */
  requiredText(target: string): string | undefined {
    const cell = this.first(target)
    if (cell === undefined) {
      this.add('required', this.mapped(target) ?? null, null)
      return undefined
    }
    return this.checkedText(cell)
  }

  text(target: string): string | undefined {
    const cell = this.first(target)
    return cell === undefined ? undefined : this.checkedText(cell)
  }

  private checkedText(cell: { column: MappedColumn; raw: CellValue; text: string }): string | undefined {
    const max = cell.column.definition.maxLength ?? 2000
    if (cell.text.length > max) {
      this.add('too_long', cell.column, cell.raw, { maximum: max })
      return undefined
    }
    this.adjusted(cell.column, cell.raw, cell.text)
    return cell.text
  }

  option<T>(target: string, table: Record<string, T>): T | undefined {
    const cell = this.first(target)
    if (cell === undefined) return undefined
    const value = lookup(table, cell.text)
    if (value === undefined) this.add('invalid_option', cell.column, cell.raw, { options: optionList(table as Record<string, string>) })
    return value
  }

  phones(target: string): NormalisedPhone[] {
    const found = new Map<string, NormalisedPhone>()
    for (const cell of this.cells(target)) {
      for (const part of splitPhones(cell.text)) {
        const phone = parseImportPhone(part)
        if (phone === null) {
          this.add('invalid_phone', cell.column, cell.raw)
          continue
        }
        if (found.size >= maxPhones) {
          this.add('ignored', cell.column, cell.raw, { reason: phone.display }, 'warning')
          continue
        }
        found.set(phone.e164, phone)
      }
      this.adjusted(cell.column, cell.raw, [...found.values()].map((phone) => phone.e164).join(';'))
    }
    return [...found.values()]
  }

  emails(target: string): string[] {
    const found = new Map<string, string>()
    for (const cell of this.cells(target)) {
      for (const part of splitEmails(cell.text)) {
        const email = parseEmail(part)
        if (email === null) this.add('invalid_email', cell.column, cell.raw)
        else if (found.size < maxEmails) found.set(email.toLowerCase(), email)
      }
      this.adjusted(cell.column, cell.raw, [...found.values()].join(';'))
    }
    return [...found.values()]
  }

  moment(target: string, required = false) {
    const cell = this.first(target)
    if (cell === undefined) {
      if (required) this.add('required', this.mapped(target) ?? null, null)
      return undefined
    }
    const moment = parseMoment(cell.raw)
    if (moment === null) {
      this.add('invalid_date', cell.column, cell.raw)
      return undefined
    }
    // Numeric text read as an Excel day number is worth saying, so a wrong column shows up in the report.
    if (typeof cell.raw === 'string' && /^\d+(\.\d+)?$/.test(halfWidth(cell.raw))) this.add('adjusted', cell.column, cell.raw, { value: moment.day }, 'warning')
    else this.adjusted(cell.column, cell.raw, moment.day)
    return moment
  }

  number(target: string, options: { required?: boolean; min?: number; integer?: boolean } = {}): number | undefined {
    const cell = this.first(target)
    if (cell === undefined) {
      if (options.required === true) this.add('required', this.mapped(target) ?? null, null)
      return undefined
    }
    const number = parseAmount(cell.raw)
    if (number === null || (options.min !== undefined && number < options.min) || (options.integer === true && !Number.isInteger(number)) || Math.abs(number) >= 1e12) {
      this.add('invalid_number', cell.column, cell.raw)
      return undefined
    }
    this.adjusted(cell.column, cell.raw, String(number))
    return number
  }
}

const customValue = (reader: RowReader, column: MappedColumn, raw: CellValue, text: string): CustomValue | undefined => {
  const custom = column.definition.custom
  if (custom === undefined) return undefined
  switch (custom.type) {
    case 'text':
      if (text.length > 2000) {
        reader.add('too_long', column, raw, { maximum: 2000 })
        return undefined
      }
      return text
    case 'number': {
      const number = parseAmount(raw)
      if (number === null) reader.add('invalid_number', column, raw)
      return number ?? undefined
    }
    case 'date': {
      const moment = parseMoment(raw)
      if (moment === null) reader.add('invalid_date', column, raw)
      return moment?.day
    }
    case 'boolean': {
      const value = parseBoolean(raw)
      if (value === null) reader.add('invalid_option', column, raw, { options: '是、否' })
      return value ?? undefined
    }
    case 'single_select': {
      const option = custom.options.find((candidate) => comparable(candidate) === comparable(text))
      if (option === undefined) reader.add('invalid_option', column, raw, { options: custom.options.join('、') })
      return option
    }
    case 'multi_select': {
      const chosen = splitList(text).map((part) => custom.options.find((candidate) => comparable(candidate) === comparable(part)))
      if (chosen.some((option) => option === undefined)) {
        reader.add('invalid_option', column, raw, { options: custom.options.join('、') })
        return undefined
      }
      return custom.options.filter((option) => chosen.includes(option))
    }
  }
}

export const checkCustomerRow = async (row: DataRow, columns: readonly MappedColumn[], refs: ImportReferences): Promise<CheckedRow<CustomerRecord>> => {
  const reader = new RowReader(row, columns)
  const record: CustomerRecord = { rowNumber: row.rowNumber, phones: [], emails: [], address: null, tags: [], groupIds: [], customFields: {} }
  const name = reader.requiredText('name')
  if (name !== undefined) record.name = name
  const gender = reader.option('gender', genders)
  if (gender !== undefined) record.gender = gender
  const birthday = reader.moment('birthday')
  if (birthday !== undefined) {
    if (birthday.day > new Date().toISOString().slice(0, 10)) reader.add('invalid_date', reader.mapped('birthday') ?? null, reader.first('birthday')?.raw ?? null)
    else record.birthday = birthday.day
  }
  for (const target of ['occupation', 'company', 'industry', 'source', 'notes'] as const) {
    const value = reader.text(target)
    if (value !== undefined) record[target] = value
  }
  const level = reader.first('level')
  if (level !== undefined) {
    const levelId = refs.level(level.text)
    if (levelId === null) reader.add('unknown_level', level.column, level.raw, { name: level.text })
    else record.levelId = levelId
  }
  const lifecycle = reader.option('lifecycleStatus', lifecycles)
  if (lifecycle !== undefined) record.lifecycleStatus = lifecycle
  const owner = reader.first('owner')
  if (owner !== undefined) {
    const verdict = await refs.owner(owner.text)
    if ('problem' in verdict) reader.add(verdict.problem, owner.column, owner.raw)
    else record.ownerId = verdict.id
  }
  const consent = reader.first('consentMarketing')
  if (consent !== undefined) {
    const value = parseBoolean(consent.raw)
    if (value === null) reader.add('invalid_option', consent.column, consent.raw, { options: '是、否、yes、no、true、false、1、0、✓' })
    else record.consentMarketing = value
  }
  const createdAt = reader.moment('createdAt')
  if (createdAt !== undefined) record.createdAt = createdAt.at
  record.phones = reader.phones('phone')
  record.emails = reader.emails('email')

  const addressCell = reader.first('address')
  const parts = { province: reader.first('province'), city: reader.first('city'), district: reader.first('district') }
  const street = reader.text('street')
  if (addressCell !== undefined || parts.province !== undefined || parts.city !== undefined || parts.district !== undefined || street !== undefined) {
    let region: RegionCodes | null = null
    let streetText = street ?? null
    if (parts.province !== undefined || parts.city !== undefined || parts.district !== undefined) {
      region = regionFromParts({ province: parts.province?.text, city: parts.city?.text, district: parts.district?.text })
      if (region === null) {
        const cell = parts.district ?? parts.city ?? parts.province
        if (cell !== undefined) reader.add('ignored', cell.column, cell.raw, { reason: 'unknown_region' }, 'warning')
      }
    }
    if (addressCell !== undefined) {
      const parsed = regionFromAddress(addressCell.text)
      region ??= parsed.region
      streetText = [parsed.street, streetText].filter((part) => part !== null && part !== '').join(' ') || null
    }
    if (streetText !== null && streetText.length > 100) {
      const cell = addressCell ?? reader.first('street')
      reader.add('too_long', cell?.column ?? null, cell?.raw ?? null, { maximum: 100 })
    } else {
      const codes = region ?? { provinceCode: null, provinceName: null, cityCode: null, cityName: null, districtCode: null, districtName: null }
      if (codes.provinceCode !== null || streetText !== null) record.address = { ...codes, street: streetText }
    }
  }

  for (const cell of reader.cells('tags')) {
    for (const tag of splitTags(cell.text)) {
      if (tag.length > maxTagLength) reader.add('too_long', cell.column, cell.raw, { maximum: maxTagLength })
      else if (record.tags.length < maxTags && !record.tags.includes(tag)) record.tags.push(tag)
    }
  }
  for (const cell of reader.cells('groups')) {
    for (const name of splitList(cell.text)) {
      const groupId = refs.group(name)
      if (groupId === null) reader.add('unknown_group', cell.column, cell.raw, { name })
      else if (!record.groupIds.includes(groupId)) record.groupIds.push(groupId)
    }
  }
  for (const column of columns) {
    const custom = column.definition.custom
    if (custom === undefined) continue
    const raw = row.cells[column.index] ?? null
    const text = textOf(raw)
    if (text === '') {
      if (column.definition.required) reader.add('required', column, null)
      continue
    }
    const value = customValue(reader, column, raw, text)
    if (value !== undefined) record.customFields[custom.key] = value
  }
  return { rowNumber: row.rowNumber, issues: reader.issues, record: reader.failed ? null : record }
}

const customerRefOf = (reader: RowReader): CustomerRef | undefined => {
  const phoneCell = reader.first('customerPhone')
  const nameCell = reader.first('customerName')
  if (phoneCell !== undefined) {
    const phone = parseImportPhone(splitPhones(phoneCell.text)[0] ?? '')
    if (phone === null) {
      reader.add('invalid_phone', phoneCell.column, phoneCell.raw)
      return undefined
    }
    return { phone, column: phoneCell.column.header, value: phoneCell.text }
  }
  if (nameCell !== undefined) return { name: nameCell.text, column: nameCell.column.header, value: nameCell.text }
  reader.add('required', reader.mapped('customerPhone') ?? reader.mapped('customerName') ?? null, null)
  return undefined
}

export const checkContactRow = (row: DataRow, columns: readonly MappedColumn[], refs: ImportReferences): CheckedRow<ContactRecord> => {
  const reader = new RowReader(row, columns)
  const customer = customerRefOf(reader)
  const name = reader.requiredText('name')
  const title = reader.text('title')
  const relationship = reader.first('relationship')
  let relationshipTypeId: string | undefined
  if (relationship !== undefined) {
    const id = refs.relationship(relationship.text)
    if (id === null) reader.add('invalid_option', relationship.column, relationship.raw, { options: refs.relationshipNames.join('、') })
    else relationshipTypeId = id
  }
  const phones = reader.phones('phone')
  const emails = reader.emails('email')
  const notes = reader.text('notes')
  if (reader.failed || customer === undefined || name === undefined) return { rowNumber: row.rowNumber, issues: reader.issues, record: null }
  return {
    rowNumber: row.rowNumber,
    issues: reader.issues,
    record: {
      rowNumber: row.rowNumber, customer, name, phones, emails,
      ...(title === undefined ? {} : { title }),
      ...(relationshipTypeId === undefined ? {} : { relationshipTypeId }),
      ...(notes === undefined ? {} : { notes }),
    },
  }
}

const orderNoShape = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

export const checkOrderRow = (row: DataRow, columns: readonly MappedColumn[]): CheckedRow<OrderRecord> => {
  const reader = new RowReader(row, columns)
  const customer = customerRefOf(reader)
  const orderNoCell = reader.first('orderNo')
  let orderNo: string | undefined
  if (orderNoCell === undefined) reader.add('required', reader.mapped('orderNo') ?? null, null)
  else if (orderNoCell.text.length > 40) reader.add('too_long', orderNoCell.column, orderNoCell.raw, { maximum: 40 })
  else if (!orderNoShape.test(orderNoCell.text)) reader.add('invalid_option', orderNoCell.column, orderNoCell.raw, { options: 'A-Z a-z 0-9 - _' })
  else {
    orderNo = orderNoCell.text
    reader.adjusted(orderNoCell.column, orderNoCell.raw, orderNo)
  }
  const orderedAt = reader.moment('orderedAt', true)
  if (orderedAt !== undefined && orderedAt.at.getTime() > Date.now() + 60_000) reader.add('invalid_date', reader.mapped('orderedAt') ?? null, reader.first('orderedAt')?.raw ?? null)
  const status = reader.option('status', orderStatuses) ?? 'completed'
  const channel = reader.text('channel')
  const notes = reader.text('notes')
  const amount = reader.number('amount', { min: 0 })
  const product = reader.text('product')
  const quantity = reader.number('quantity', { min: 1, integer: true })
  const unitPrice = reader.number('unitPrice', { min: 0 })
  // An item row of an order may leave the amount to the order's first row; a row with neither says nothing at all.
  if (reader.first('amount') === undefined && product === undefined) reader.add('required', reader.mapped('amount') ?? null, null)
  if (reader.failed || customer === undefined || orderNo === undefined || orderedAt === undefined) {
    return { rowNumber: row.rowNumber, issues: reader.issues, record: null }
  }
  return {
    rowNumber: row.rowNumber,
    issues: reader.issues,
    record: {
      rowNumber: row.rowNumber, customer, orderNo, orderedAt: orderedAt.at, status, amount: amount ?? null,
      item: product === undefined ? null : { product, quantity: quantity ?? 1, unitPrice: unitPrice ?? null },
      ...(channel === undefined ? {} : { channel }),
      ...(notes === undefined ? {} : { notes }),
    },
  }
}

/**
 * What the file said before: the first row of each phone, email and order number. A later row repeating one
 * is an error (`duplicate_in_file`); rows of one order (the same order number on consecutive rows, same
 * customer and time) are its items, not repeats.
 */
export class FileMemory {
  private readonly firstRows = new Map<string, number>()
  private previousOrder: { orderNo: string; key: string } | null = null

  customer(checked: CheckedRow<CustomerRecord>, columns: readonly MappedColumn[], row: DataRow): void {
    const record = checked.record
    if (record === null) return
    const header = (target: string) => columns.find((column) => column.definition.target === target)
    const repeats = [
      ...record.phones.map((phone) => ({ key: `phone:${phone.e164}`, target: 'phone', shown: phone.display })),
      ...record.emails.map((email) => ({ key: `email:${email.toLowerCase()}`, target: 'email', shown: email })),
    ].filter((entry) => this.firstRows.has(entry.key))
    const repeat = repeats[0]
    if (repeat !== undefined) {
      const column = columns.find((candidate) => candidate.definition.target === repeat.target && textOf(row.cells[candidate.index] ?? null).includes(repeat.shown.replace(/\D/g, '').slice(-4)))
        ?? header(repeat.target)
      checked.issues.push({
        rowNumber: record.rowNumber,
        column: column?.header ?? null,
        value: column === undefined ? repeat.shown : cellText(row.cells[column.index] ?? null),
        code: 'duplicate_in_file',
        params: { row: this.firstRows.get(repeat.key) ?? 0, field: column?.header ?? repeat.target },
        severity: 'error',
      })
      checked.record = null
      return
    }
    for (const phone of record.phones) this.firstRows.set(`phone:${phone.e164}`, record.rowNumber)
    for (const email of record.emails) this.firstRows.set(`email:${email.toLowerCase()}`, record.rowNumber)
  }

  order(checked: CheckedRow<OrderRecord>, columns: readonly MappedColumn[], row: DataRow): void {
    const record = checked.record
    if (record === null) {
      this.previousOrder = null
      return
    }
    const key = `${record.customer.phone?.e164 ?? `name:${record.customer.name ?? ''}`}|${record.orderedAt.toISOString()}`
    const sameOrder = this.previousOrder !== null && this.previousOrder.orderNo === record.orderNo && this.previousOrder.key === key
    const first = this.firstRows.get(`order:${record.orderNo}`)
    if (!sameOrder && first !== undefined) {
      const column = columns.find((candidate) => candidate.definition.target === 'orderNo')
      checked.issues.push({
        rowNumber: record.rowNumber,
        column: column?.header ?? null,
        value: column === undefined ? record.orderNo : cellText(row.cells[column.index] ?? null),
        code: 'duplicate_in_file',
        params: { row: first, field: column?.header ?? 'orderNo' },
        severity: 'error',
      })
      checked.record = null
      this.previousOrder = null
      return
    }
    if (first === undefined) this.firstRows.set(`order:${record.orderNo}`, record.rowNumber)
    this.previousOrder = { orderNo: record.orderNo, key }
  }
}

// ---- customers named by contacts and orders ----

export type CustomerMatch = { id: string; name: string } | { problem: 'unknown_customer' | 'ambiguous_customer' }

const refKey = (ref: CustomerRef) => (ref.phone !== undefined ? `phone:${ref.phone.e164}` : `name:${ref.name ?? ''}`)
export const customerRefKey = refKey

/**
 * The customers these references name, within the caller's scope: by phone (blind index) or by exact name.
 * Candidates are found by index, then kept only when the access layer says they are in scope.
 */
export const resolveCustomers = async (
  tx: DbClient,
  access: CustomerAccess,
  ctx: AuthenticatedContext,
  cipher: DataCipher,
  refs: readonly CustomerRef[],
): Promise<Map<string, CustomerMatch>> => {
  const phones = [...new Map(refs.flatMap((ref) => (ref.phone === undefined ? [] : [[ref.phone.e164, ref.phone] as const]))).values()]
  const names = [...new Set(refs.flatMap((ref) => (ref.phone === undefined && ref.name !== undefined ? [ref.name] : [])))]
  const hashOf = new Map(phones.map((phone) => [phone.e164, cipher.blindIndex('phone', phone.e164)]))
  const [byPhone, byName] = await Promise.all([
    phones.length === 0
      ? []
      : tx.$queryRaw<{ hash: string; id: string }[]>`
          SELECT DISTINCT p.number_hash AS hash, c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
          WHERE p.number_hash = ANY(${[...hashOf.values()]}::text[]) AND c.deleted_at IS NULL`,
    names.length === 0
      ? []
      : tx.$queryRaw<{ name: string; id: string }[]>`
          SELECT c.name, c.id FROM customers c WHERE c.name = ANY(${names}::text[]) AND c.deleted_at IS NULL`,
  ])
  const inScope = await access.namesInScope(ctx, [...new Set([...byPhone, ...byName].map((row) => row.id))])
  const verdict = (ids: string[]): CustomerMatch => {
    const visible = [...new Set(ids)].filter((id) => inScope.has(id))
    const only = visible[0]
    if (only === undefined) return { problem: 'unknown_customer' }
    if (visible.length > 1) return { problem: 'ambiguous_customer' }
    return { id: only, name: inScope.get(only) ?? '' }
  }
  const result = new Map<string, CustomerMatch>()
  for (const phone of phones) {
    const hash = hashOf.get(phone.e164)
    result.set(`phone:${phone.e164}`, verdict(byPhone.filter((row) => row.hash === hash).map((row) => row.id)))
  }
  for (const name of names) result.set(`name:${name}`, verdict(byName.filter((row) => row.name === name).map((row) => row.id)))
  return result
}

/** Adds the reference's problem to a checked row (and drops its record); returns the match otherwise. */
export const applyCustomerMatch = <R extends ContactRecord | OrderRecord>(checked: CheckedRow<R>, matches: Map<string, CustomerMatch>): { id: string; name: string } | null => {
  const record = checked.record
  if (record === null) return null
  const match = matches.get(refKey(record.customer)) ?? { problem: 'unknown_customer' as const }
  if ('problem' in match) {
    checked.issues.push({ rowNumber: record.rowNumber, column: record.customer.column, value: record.customer.value, code: match.problem, params: {}, severity: 'error' })
    checked.record = null
    return null
  }
  return match
}
