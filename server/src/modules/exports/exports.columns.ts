import type { Gender, LifecycleStatus, OrderStatus } from '../../generated/prisma/enums.js'
import type { Language } from '../../http/i18n.js'
import { displayPhone, maskEmail, maskPhone } from '../../lib/phone.js'

/**
 * What an export writes: the columns of each entity, their headers in both languages and how a record becomes
 * cells. Headers are the names the import's automatic mapping knows (docs/contract.md, "Import"), so an exported
 * file imports again without mapping by hand; values are written the way the import reads them.
 */

/** A cell before it is written: each format turns it into its own text or value (see exports.writers.ts). */
export type Cell = string | number | boolean | Date | string[] | null

export type ExportEntityName = 'customers' | 'contacts' | 'orders'

export interface CustomFieldColumn {
  key: string
  label: string
}

/** A decoded customer: phones and emails already opened and, unless `fullContacts`, masked. */
export interface CustomerRecord {
  id: string
  name: string
  gender: Gender
  birthday: string | null
  occupation: string | null
  company: string | null
  industry: string | null
  source: string | null
  level: string | null
  lifecycleStatus: LifecycleStatus
  owner: string | null
  phones: string[]
  emails: string[]
  address: string | null
  province: string | null
  city: string | null
  district: string | null
  tags: string[]
  groups: string[]
  consentMarketing: boolean
  orderCount: number
  totalSpent: string
  lastPurchaseAt: Date | null
  lastContactAt: Date | null
  createdAt: Date
  notes: string | null
  customFields: Record<string, unknown>
}

/** The customer a contact or order row belongs to, as those rows show it. */
export interface OwningCustomer {
  customerId: string
  customerName: string
  customerPhone: string | null
}

export interface ContactRecord extends OwningCustomer {
  name: string
  title: string | null
  relationship: string | null
  phones: string[]
  emails: string[]
  notes: string | null
  createdAt: Date
}

/** One item of an order (or the order alone when it has no items): the import reads orders this way. */
export interface OrderLineRecord extends OwningCustomer {
  orderNo: string
  orderedAt: Date
  status: OrderStatus
  channel: string | null
  amount: string
  product: string | null
  quantity: number | null
  unitPrice: string | null
  notes: string | null
}

export interface RecordOf {
  customers: CustomerRecord
  contacts: ContactRecord
  orders: OrderLineRecord
}

/** How values that depend on the reader are written: labels in the request's language, or codes (JSON). */
export interface CellStyle {
  language: Language
  /** JSON keeps codes and types; CSV and Excel show labels. */
  codes: boolean
}

export interface ExportColumn<R> {
  id: string
  header: Record<Language, string>
  cell(record: R, style: CellStyle): Cell
}

const genderLabels: Record<Language, Record<Gender, string>> = {
  // An unknown gender is left empty: "未知" is no value the import would take back.
  'zh-CN': { male: '男', female: '女', unknown: '' },
  'en-US': { male: 'male', female: 'female', unknown: '' },
}
// English files keep the codes, which the import reads as well as the Chinese labels.
const lifecycleLabels: Record<LifecycleStatus, string> = { prospect: '潜在', new: '新客户', active: '活跃', dormant: '沉睡', churned: '流失' }
const orderStatusLabels: Record<OrderStatus, string> = {
  pending: '待支付',
  paid: '已支付',
  completed: '已完成',
  cancelled: '已取消',
  refunded: '已退款',
}

const column = <R>(id: string, zh: string, en: string, cell: (record: R, style: CellStyle) => Cell): ExportColumn<R> => ({
  id,
  header: { 'zh-CN': zh, 'en-US': en },
  cell,
})

const customerColumns: ExportColumn<CustomerRecord>[] = [
  column('id', '客户编号', 'Customer ID', (r) => r.id),
  column('name', '姓名', 'Name', (r) => r.name),
  column('gender', '性别', 'Gender', (r, s) => (s.codes ? r.gender : genderLabels[s.language][r.gender])),
  column('birthday', '生日', 'Birthday', (r) => r.birthday),
  column('occupation', '职业', 'Occupation', (r) => r.occupation),
  column('company', '公司', 'Company', (r) => r.company),
  column('industry', '行业', 'Industry', (r) => r.industry),
  column('source', '来源', 'Source', (r) => r.source),
  column('level', '等级', 'Level', (r) => r.level),
  column('lifecycleStatus', '生命周期', 'Lifecycle Status', (r, s) =>
    s.codes || s.language === 'en-US' ? r.lifecycleStatus : lifecycleLabels[r.lifecycleStatus],
  ),
  column('owner', '负责人', 'Owner', (r) => r.owner),
  column('phone', '手机', 'Phone', (r) => r.phones),
  column('email', '邮箱', 'Email', (r) => r.emails),
  column('address', '地址', 'Address', (r) => r.address),
  column('province', '省', 'Province', (r) => r.province),
  column('city', '市', 'City', (r) => r.city),
  column('district', '区', 'District', (r) => r.district),
  column('tags', '标签', 'Tags', (r) => r.tags),
  column('groups', '分组', 'Groups', (r) => r.groups),
  column('consentMarketing', '营销同意', 'Consent Marketing', (r) => r.consentMarketing),
  column('orderCount', '订单数', 'Order Count', (r) => r.orderCount),
  column('totalSpent', '累计消费', 'Total Spent', (r, s) => (s.codes ? r.totalSpent : Number(r.totalSpent))),
  column('lastPurchaseAt', '最近购买', 'Last Purchase At', (r) => r.lastPurchaseAt),
  column('lastContactAt', '最近联系', 'Last Contact At', (r) => r.lastContactAt),
  column('createdAt', '创建时间', 'Created At', (r) => r.createdAt),
  column('notes', '备注', 'Notes', (r) => r.notes),
]

const owningColumns = <R extends OwningCustomer>(): ExportColumn<R>[] => [
  column('customerId', '客户编号', 'Customer ID', (r) => r.customerId),
  column('customerName', '客户姓名', 'Customer Name', (r) => r.customerName),
  column('customerPhone', '客户手机', 'Customer Phone', (r) => r.customerPhone),
]

const contactColumns: ExportColumn<ContactRecord>[] = [
  ...owningColumns<ContactRecord>(),
  column('name', '姓名', 'Name', (r) => r.name),
  column('title', '职务', 'Title', (r) => r.title),
  column('relationship', '关系', 'Relationship', (r) => r.relationship),
  column('phone', '手机', 'Phone', (r) => r.phones),
  column('email', '邮箱', 'Email', (r) => r.emails),
  column('notes', '备注', 'Notes', (r) => r.notes),
  column('createdAt', '创建时间', 'Created At', (r) => r.createdAt),
]

const orderColumns: ExportColumn<OrderLineRecord>[] = [
  ...owningColumns<OrderLineRecord>(),
  column('orderNo', '订单号', 'Order No', (r) => r.orderNo),
  column('orderedAt', '下单时间', 'Ordered At', (r) => r.orderedAt),
  column('status', '状态', 'Status', (r, s) => (s.codes || s.language === 'en-US' ? r.status : orderStatusLabels[r.status])),
  column('channel', '渠道', 'Channel', (r) => r.channel),
  column('amount', '金额', 'Amount', (r, s) => (s.codes ? r.amount : Number(r.amount))),
  column('product', '商品', 'Product', (r) => r.product),
  column('quantity', '数量', 'Quantity', (r) => r.quantity),
  column('unitPrice', '单价', 'Unit Price', (r, s) => (r.unitPrice === null || s.codes ? r.unitPrice : Number(r.unitPrice))),
  column('notes', '备注', 'Notes', (r) => r.notes),
]

const customFieldColumn = (field: CustomFieldColumn): ExportColumn<CustomerRecord> => ({
  id: `customFields.${field.key}`,
  // Labels are typed by people in one language; the import maps them back by label or key.
  header: { 'zh-CN': field.label, 'en-US': field.label },
  cell: (record) => {
    const value = record.customFields[field.key]
    if (value === undefined || value === null) return null
    if (Array.isArray(value)) return value.map(String)
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
    return JSON.stringify(value)
  },
})

/** Every column of an entity, in the default order; customers end with their custom fields. */
export const columnsOf = <E extends ExportEntityName>(entity: E, customFields: CustomFieldColumn[]): ExportColumn<RecordOf[E]>[] => {
  const all = {
    customers: [...customerColumns, ...customFields.map(customFieldColumn)],
    contacts: contactColumns,
    orders: orderColumns,
  }
  return all[entity] as ExportColumn<RecordOf[E]>[]
}

/** The columns asked for, in the order asked; null when one is unknown (its index is reported). */
export const chooseColumns = <R>(all: ExportColumn<R>[], wanted: string[] | undefined): { columns: ExportColumn<R>[]; unknown: number[] } => {
  if (wanted === undefined || wanted.length === 0) return { columns: all, unknown: [] }
  const byId = new Map(all.map((one) => [one.id, one]))
  const unknown: number[] = []
  const columns: ExportColumn<R>[] = []
  wanted.forEach((id, index) => {
    const found = byId.get(id)
    if (found === undefined) unknown.push(index)
    else if (!columns.includes(found)) columns.push(found)
  })
  return { columns, unknown }
}

const mainlandMobile = /^\+861\d{10}$/

/**
 * A stored phone (E.164) as the export shows it: in full (national form, as the console shows it) or masked as in
 * the list. Mainland mobiles, nearly every number, are formatted directly: parsing each one with
 * libphonenumber would cost more than the rest of a large export.
 */
export const phoneForExport = (e164: string, full: boolean): string => {
  if (mainlandMobile.test(e164)) {
    const national = e164.slice(3)
    return full ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}` : `${national.slice(0, 3)}****${national.slice(7)}`
  }
  return full ? displayPhone(e164) : maskPhone(e164)
}

export const emailForExport = (address: string, full: boolean): string => (full ? address : maskEmail(address))
