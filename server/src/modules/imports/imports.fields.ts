import type { CustomFieldType } from '../../generated/prisma/enums.js'
import type { MessageKey, Translate } from '../../http/i18n.js'
import { comparable } from './imports.normalize.js'

/**
 * The fields a column can be imported into (targets), per entity, with the header words that suggest them.
 * Custom fields join the customers' targets as `customFields.<key>`, suggested by their label and key.
 */

export const importEntities = ['customers', 'contacts', 'orders'] as const
export type ImportEntityName = (typeof importEntities)[number]

/** How a target's cells are read (also what the console shows next to the field). */
export const targetTypes = ['text', 'phone', 'email', 'date', 'datetime', 'number', 'boolean', 'option', 'list', 'user', 'address'] as const
export type TargetType = (typeof targetTypes)[number]

export interface TargetDefinition {
  target: string
  /** The label's message key, or the custom field's own label. */
  label: { key: MessageKey } | { text: string }
  required: boolean
  /** Several columns may map to it (phones, emails, tags, groups). */
  multiple: boolean
  type: TargetType
  example: string
  /** Header words that suggest it, compared after `comparable`. */
  synonyms: string[]
  /** For texts: the longest value stored. */
  maxLength?: number
  /** For custom fields: the definition's type and options. */
  custom?: { key: string; type: CustomFieldType; options: string[] }
}

const field = (
  target: string,
  type: TargetType,
  example: string,
  synonyms: string[],
  extra: Partial<Pick<TargetDefinition, 'required' | 'multiple' | 'maxLength' | 'label'>> = {},
): TargetDefinition => ({
  target,
  label: extra.label ?? { key: `imports.fields.${target}` as MessageKey },
  required: extra.required ?? false,
  multiple: extra.multiple ?? false,
  type,
  example,
  synonyms,
  ...(extra.maxLength === undefined ? {} : { maxLength: extra.maxLength }),
})

const phoneWords = ['手机', '手机号', '手机号码', '电话', '联系电话', '电话号码', '移动电话', '联系方式', '联系手机', 'mobile', 'phone', 'phones', 'phone number', 'mobile phone', 'tel', 'telephone', 'cell']
const emailWords = ['邮箱', '电子邮箱', '电子邮件', '邮件', '邮箱地址', 'email', 'e-mail', 'emails', 'mail', 'email address']
const notesWords = ['备注', '说明', '附注', '备注信息', 'notes', 'note', 'remark', 'remarks', 'comment', 'comments']

const customerTargets: TargetDefinition[] = [
  field('name', 'text', '陈晓明', ['姓名', '客户名称', '客户姓名', '名字', '客户', '名称', 'name', 'customer name', 'customer', 'full name'], { required: true, maxLength: 50 }),
  field('gender', 'option', '男', ['性别', 'gender', 'sex']),
  field('birthday', 'date', '1988-06-15', ['生日', '出生日期', '出生年月日', 'birthday', 'birth date', 'date of birth', 'dob']),
  field('occupation', 'text', '工程师', ['职业', '工作', 'occupation', 'job'], { maxLength: 50 }),
  field('company', 'text', '杭州清源科技有限公司', ['公司', '公司名称', '单位', '工作单位', '企业', 'company', 'organization', 'employer'], { maxLength: 100 }),
  field('industry', 'text', '软件', ['行业', '所属行业', 'industry'], { maxLength: 50 }),
  field('source', 'text', '门店到访', ['来源', '客户来源', '渠道来源', 'source', 'lead source'], { maxLength: 50 }),
  field('level', 'option', '金卡', ['等级', '客户等级', '会员等级', '级别', 'level', 'customer level', 'tier']),
  field('lifecycleStatus', 'option', '活跃', ['生命周期', '生命周期状态', '客户状态', '状态', 'lifecycle', 'lifecycle status', 'lifecyclestatus', 'status']),
  field('notes', 'text', '周末来店', notesWords, { maxLength: 2000 }),
  field('owner', 'user', 'sales1', ['负责人', '跟进人', '销售', '归属', '所属销售', '客户经理', '负责人用户名', 'owner', 'owner name', 'sales rep', 'account manager']),
  field('phone', 'phone', '138-0013-8000', phoneWords, { multiple: true }),
  field('email', 'email', 'chen@example.com', emailWords, { multiple: true }),
  field('address', 'address', '浙江省杭州市西湖区文三路 90 号', ['地址', '联系地址', '详细地址', '家庭地址', '住址', '通讯地址', 'address']),
  field('province', 'text', '浙江省', ['省', '省份', '所在省', '所在省份', 'province']),
  field('city', 'text', '杭州市', ['市', '城市', '所在城市', '所在市', 'city']),
  field('district', 'text', '西湖区', ['区', '区县', '县区', '区/县', '所在区', 'district', 'county']),
  field('street', 'text', '文三路 90 号', ['街道', '街道地址', '门牌', 'street', 'street address'], { maxLength: 100 }),
  field('tags', 'list', 'VIP;团购', ['标签', '客户标签', 'tags', 'tag', 'labels'], { multiple: true }),
  field('groups', 'list', '华东/杭州', ['分组', '客户分组', '组', 'groups', 'group'], { multiple: true }),
  field('consentMarketing', 'boolean', '是', ['营销同意', '同意营销', '接受营销', '营销许可', '营销授权', 'marketing consent', 'consent', 'consentmarketing']),
  field('createdAt', 'date', '2021-05-01', ['创建时间', '注册时间', '注册日期', '建档时间', '建档日期', '创建日期', '录入时间', 'created at', 'created', 'registered at', 'registration date', 'createdat']),
]

const customerRefTargets = (extraPhoneWords: string[], extraNameWords: string[]): TargetDefinition[] => [
  field('customerPhone', 'phone', '138-0013-8000', ['客户手机号', '客户手机', '客户电话', '客户手机号码', 'customer phone', 'customer mobile', 'customerphone', ...extraPhoneWords]),
  field('customerName', 'text', '陈晓明', ['客户名称', '客户姓名', '客户', 'customer name', 'customer', 'customername', ...extraNameWords]),
]

const contactTargets: TargetDefinition[] = [
  ...customerRefTargets([], []),
  field('name', 'text', '王芳', ['联系人', '联系人姓名', '姓名', '名字', 'name', 'contact name', 'contact'], { required: true, maxLength: 50, label: { key: 'imports.fields.contactName' } }),
  field('title', 'text', '采购经理', ['职务', '职位', '头衔', 'title', 'job title', 'position'], { maxLength: 50 }),
  field('relationship', 'option', '同事', ['关系', '关系类型', 'relationship', 'relation']),
  field('phone', 'phone', '139-0013-9000', phoneWords, { multiple: true }),
  field('email', 'email', 'wang.fang@example.com', emailWords, { multiple: true }),
  field('notes', 'text', '周一到周五联系', notesWords, { maxLength: 2000 }),
]

const orderTargets: TargetDefinition[] = [
  ...customerRefTargets(phoneWords, ['姓名', '名字', 'name']),
  field('orderNo', 'text', 'KZ20261123-000123', ['订单号', '订单编号', '单号', '订单', 'order no', 'order number', 'orderno', 'order id'], { required: true, maxLength: 40 }),
  field('orderedAt', 'datetime', '2026-11-23 14:30', ['下单时间', '下单日期', '订单时间', '订单日期', '购买时间', '购买日期', '日期', '时间', 'ordered at', 'order date', 'date', 'orderedat'], { required: true }),
  field('status', 'option', '已完成', ['订单状态', '状态', 'status', 'order status']),
  field('channel', 'text', '门店', ['渠道', '销售渠道', '购买渠道', 'channel'], { maxLength: 30 }),
  field('amount', 'number', '¥1,280.00', ['金额', '订单金额', '总金额', '实付金额', '总价', '合计', 'amount', 'total', 'order amount'], { required: true }),
  field('notes', 'text', '送货上门', notesWords, { maxLength: 2000 }),
  field('product', 'text', '家用净水器 RO-600', ['商品', '商品名称', '产品', '产品名称', '品名', 'product', 'item', 'product name'], { maxLength: 100 }),
  field('quantity', 'number', '2', ['数量', '件数', 'quantity', 'qty']),
  field('unitPrice', 'number', '640', ['单价', '价格', 'unit price', 'price', 'unitprice']),
]

export interface CustomFieldDefinitionRow {
  key: string
  label: string
  type: CustomFieldType
  options: string[]
  required: boolean
}

const customTypes: Record<CustomFieldType, TargetType> = {
  text: 'text',
  number: 'number',
  date: 'date',
  single_select: 'option',
  multi_select: 'list',
  boolean: 'boolean',
}

const customExample = (definition: CustomFieldDefinitionRow): string => {
  switch (definition.type) {
    case 'number':
      return '12'
    case 'date':
      return '2024-03-08'
    case 'boolean':
      return '是'
    case 'single_select':
      return definition.options[0] ?? ''
    case 'multi_select':
      return definition.options.slice(0, 2).join(';')
    case 'text':
      return definition.label
  }
}

/** The targets of an entity; customers' include every custom field definition. */
export const targetsOf = (entity: ImportEntityName, customFields: readonly CustomFieldDefinitionRow[]): TargetDefinition[] => {
  switch (entity) {
    case 'customers':
      return [
        ...customerTargets,
        ...customFields.map((definition): TargetDefinition => ({
          target: `customFields.${definition.key}`,
          label: { text: definition.label },
          required: definition.required,
          multiple: false,
          type: customTypes[definition.type],
          example: customExample(definition),
          synonyms: [definition.label, definition.key],
          ...(definition.type === 'text' ? { maxLength: 2000 } : {}),
          custom: { key: definition.key, type: definition.type, options: definition.options },
        })),
      ]
    case 'contacts':
      return contactTargets
    case 'orders':
      return orderTargets
  }
}

export const labelOf = (definition: TargetDefinition, t: Translate): string =>
  'key' in definition.label ? t(definition.label.key) : definition.label.text

export interface MappingColumn {
  index: number
  header: string
  target: string | null
}

/**
 * The automatic guess: each header compared (full-width folded, case-insensitive, without spaces and `*`)
 * with the targets' words; a single-column target goes to the first column that names it. A merged header's
 * copies ('地址 (2)') are left for the person to map.
 */
export const guessMapping = (headers: readonly string[], targets: readonly TargetDefinition[]): MappingColumn[] => {
  const words = new Map<string, TargetDefinition>()
  // Custom field labels first: a custom field called 来源渠道 beats nothing, but a built-in word stays built-in.
  for (const definition of [...targets.filter((target) => target.custom === undefined), ...targets.filter((target) => target.custom !== undefined)]) {
    for (const word of [...definition.synonyms, definition.target]) {
      const key = comparable(word)
      if (key !== '' && !words.has(key)) words.set(key, definition)
    }
  }
  const taken = new Set<string>()
  return headers.map((header, index) => {
    // JSON keys of nested objects read `联系方式.手机`: the last part names the field.
    const definition = words.get(comparable(header)) ?? words.get(comparable(header.split('.').pop() ?? ''))
    if (definition === undefined || (!definition.multiple && taken.has(definition.target))) return { index, header, target: null }
    taken.add(definition.target)
    return { index, header, target: definition.target }
  })
}

/** A template (header text → target) applied over a guess: its headers decide, the guess fills the rest. */
export const applyTemplate = (guess: MappingColumn[], template: Record<string, string | null>, targets: readonly TargetDefinition[]): MappingColumn[] => {
  const known = new Set(targets.map((target) => target.target))
  const fromTemplate = guess.map((column) => {
    if (!(column.header in template)) return column
    const target = template[column.header] ?? null
    return { ...column, target: target !== null && known.has(target) ? target : null }
  })
  // A guessed single-column target the template gave to another column is dropped from the guessed one.
  const byTemplate = new Set(fromTemplate.filter((column) => column.header in template && column.target !== null).map((column) => column.target))
  return fromTemplate.map((column) =>
    !(column.header in template) && column.target !== null && byTemplate.has(column.target) && !(targets.find((target) => target.target === column.target)?.multiple ?? false)
      ? { ...column, target: null }
      : column,
  )
}
