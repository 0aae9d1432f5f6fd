import { z } from 'zod'
import 'zod-openapi'
import { customerSortFields } from '../../access/customer-search.js'
import { ErrorResponse, FieldError, IsoDateTime, multiLine, singleLine } from '../../http/schemas.js'

// ---- shared pieces ----

export const Gender = z.enum(['male', 'female', 'unknown']).meta({ id: 'Gender' })
export const LifecycleStatus = z
  .enum(['prospect', 'new', 'active', 'dormant', 'churned'])
  .meta({ id: 'LifecycleStatus', description: '潜在 / 新客户 / 活跃 / 沉睡 / 流失' })
export const PhoneType = z.enum(['mobile', 'work', 'home', 'other']).meta({ id: 'PhoneType' })
export const AddressType = z.enum(['home', 'work', 'shipping', 'billing', 'other']).meta({ id: 'AddressType' })
export const ConsentChannel = z
  .enum(['in_store', 'miniapp', 'web', 'phone', 'import'])
  .meta({ id: 'ConsentChannel', description: 'Where marketing consent was given' })

const amount = z.string().meta({ description: 'Decimal string with two places', example: '1280.00' })
const isoDate = z.string().meta({ description: 'Date without time', format: 'date', example: '1988-06-15' })

export const CustomerOwner = z
  .object({ id: z.uuid(), displayName: z.string().meta({ example: '李娜' }) })
  .meta({ id: 'CustomerOwner' })

export const Tag = z
  .object({ id: z.uuid(), name: z.string().meta({ example: '老客户' }), color: z.string().meta({ example: 'blue' }) })
  .meta({ id: 'Tag' })

export const Level = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: 'VIP' }),
    color: z.string().meta({ example: 'gold' }),
    sortOrder: z.number().int(),
    isDefault: z.boolean(),
  })
  .meta({ id: 'Level' })

export const GroupRef = z
  .object({ id: z.uuid(), name: z.string().meta({ example: '华东区' }), parentId: z.uuid().nullable() })
  .meta({ id: 'GroupRef' })

export const CustomFieldValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()])
  .meta({ id: 'CustomFieldValue', description: 'text, date (YYYY-MM-DD) and single_select: string; number; boolean; multi_select: string[]' })

export const CustomFieldValues = z
  .record(z.string(), CustomFieldValue)
  .meta({ id: 'CustomFieldValues', description: "Keyed by the custom field definition's `key`", example: { wechat_id: 'chen_xm', vip_since: '2023-05-01' } })

// ---- records ----

const summaryFields = {
  id: z.uuid(),
  version: z.number().int().min(1).meta({ description: 'Send it back with PATCH (optimistic locking)', example: 3 }),
  name: z.string().meta({ example: '陈晓明' }),
  gender: Gender,
  age: z.number().int().nullable().meta({ description: 'Whole years, from the birthday', example: 36 }),
  company: z.string().nullable().meta({ example: '杭州清源科技有限公司' }),
  primaryPhone: z.string().nullable().meta({ description: 'Masked (reveal shows it in full)', example: '138****8000' }),
  primaryEmail: z.string().nullable().meta({ description: 'Masked', example: 'c***@example.com' }),
  provinceName: z.string().nullable().meta({ description: 'Of the primary address', example: '浙江省' }),
  cityName: z.string().nullable().meta({ example: '杭州市' }),
  level: Level.nullable(),
  lifecycleStatus: LifecycleStatus,
  source: z.string().nullable().meta({ example: '门店到访' }),
  tags: z.array(Tag),
  groups: z.array(GroupRef),
  owner: CustomerOwner.nullable(),
  orderCount: z.number().int().min(0),
  totalSpent: amount,
  lastPurchaseAt: IsoDateTime.nullable(),
  lastContactAt: IsoDateTime.nullable(),
  lastActivityAt: IsoDateTime.meta({ description: 'The latest of creation, last contact and last purchase' }),
  customFields: CustomFieldValues,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}

export const CustomerSummary = z.object(summaryFields).meta({ id: 'CustomerSummary' })

export const CustomerPhone = z
  .object({
    id: z.uuid().meta({ description: 'Send `{ id }` back in PhoneInput to keep this number without knowing it' }),
    type: PhoneType,
    number: z.string().meta({ description: 'Masked for every role; POST /api/customers/{id}/reveal gives it in full', example: '138****8000' }),
    display: z.string().meta({ description: 'Masked as well', example: '138****8000' }),
    primary: z.boolean(),
    masked: z.literal(true),
  })
  .meta({ id: 'CustomerPhone' })

export const CustomerEmail = z
  .object({
    id: z.uuid().meta({ description: 'Send `{ id }` back in EmailInput to keep this address without knowing it' }),
    address: z.string().meta({ description: 'Masked for every role', example: 'c***@example.com' }),
    primary: z.boolean(),
    masked: z.literal(true),
  })
  .meta({ id: 'CustomerEmail' })

export const RevealedPhone = z
  .object({
    id: z.uuid(),
    number: z.string().meta({ description: 'E.164', example: '+8613800138000' }),
    display: z.string().meta({ description: 'National form for Chinese numbers', example: '138 0013 8000' }),
  })
  .meta({ id: 'RevealedPhone' })

export const RevealedEmail = z
  .object({ id: z.uuid(), address: z.string().meta({ example: 'chen@example.com' }) })
  .meta({ id: 'RevealedEmail' })

export const RevealedContacts = z
  .object({
    phones: z.array(RevealedPhone),
    emails: z.array(RevealedEmail),
    contacts: z.array(z.object({ id: z.uuid(), phones: z.array(RevealedPhone), emails: z.array(RevealedEmail) })),
  })
  .meta({ id: 'RevealedContacts', description: "The customer's and its contacts' phones and emails in full; every call is audited" })

export const CustomerAddress = z
  .object({
    id: z.uuid(),
    type: AddressType,
    provinceCode: z.string().nullable().meta({ example: '330000' }),
    provinceName: z.string().nullable().meta({ example: '浙江省' }),
    cityCode: z.string().nullable().meta({ example: '330100' }),
    cityName: z.string().nullable().meta({ example: '杭州市' }),
    districtCode: z.string().nullable().meta({ example: '330106' }),
    districtName: z.string().nullable().meta({ example: '西湖区' }),
    street: z.string().nullable().meta({ example: '文三路 90 号' }),
    houseNumber: z.string().nullable().meta({ example: '3 幢 1201 室' }),
    postcode: z.string().nullable().meta({ example: '310012' }),
    primary: z.boolean(),
  })
  .meta({ id: 'CustomerAddress' })

export const Consent = z
  .object({
    marketing: z.boolean(),
    givenAt: IsoDateTime.nullable().meta({ description: 'Set by the server when marketing consent is given' }),
    channel: ConsentChannel.nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Consent' })

export const CustomerMetrics = z
  .object({
    orderCount: z.number().int().min(0),
    totalSpent: amount,
    averageOrderValue: amount.nullable(),
    firstPurchaseAt: IsoDateTime.nullable(),
    lastPurchaseAt: IsoDateTime.nullable(),
    purchaseFrequencyDays: z.number().nullable().meta({ description: 'Average days between purchases; null under two', example: 42.5 }),
  })
  .meta({ id: 'CustomerMetrics', description: 'From paid and completed orders' })

export const MergedFrom = z
  .object({ id: z.uuid(), name: z.string(), mergedAt: IsoDateTime })
  .meta({ id: 'MergedFrom', description: 'A customer merged into this one (it sits in the trash)' })

export const Customer = z
  .object({
    ...summaryFields,
    birthday: isoDate.nullable(),
    occupation: z.string().nullable().meta({ example: '工程师' }),
    industry: z.string().nullable().meta({ example: '软件' }),
    notes: z.string().nullable(),
    consent: Consent,
    phones: z.array(CustomerPhone),
    emails: z.array(CustomerEmail),
    addresses: z.array(CustomerAddress),
    metrics: CustomerMetrics,
    mergedFrom: z.array(MergedFrom),
  })
  .meta({ id: 'Customer' })

export const TrashedCustomer = z
  .object({ ...summaryFields, deletedAt: IsoDateTime, deletedBy: CustomerOwner.nullable() })
  .meta({ id: 'TrashedCustomer' })

export const CustomerMatch = z
  .object({
    field: z.enum(['name', 'company', 'contact', 'pinyin', 'phone', 'email']),
    contactName: z.string().optional().meta({ description: 'The matching contact, when field is contact' }),
  })
  .meta({ id: 'CustomerMatch', description: 'Why the customer matched the keyword' })

// One closed object: an intersection of two closed objects (summary & match) would accept no item at all.
export const CustomerListItem = CustomerSummary.extend({ match: CustomerMatch.nullable() }).meta({ id: 'CustomerListItem' })

export const CustomerList = z
  .object({
    items: z.array(CustomerListItem),
    total: z.number().int().min(0).meta({ description: 'Exact up to 10,000; past that the database estimate' }),
    totalIsEstimate: z.boolean(),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'CustomerList' })

export const CustomerSources = z
  .object({ items: z.array(z.object({ source: z.string(), count: z.number().int().min(1) })) })
  .meta({ id: 'CustomerSources' })

export const TrashedCustomerList = z
  .object({ items: z.array(TrashedCustomer), total: z.number().int().min(0) })
  .meta({ id: 'TrashedCustomerList', description: 'Most recently deleted first' })

// ---- inputs ----

const nullableText = (max: number, example?: string) => singleLine(1, max).nullable().meta(example === undefined ? {} : { example })

const dateInput = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    error: 'validation.date',
  })

/** Either a new value or the id of a stored entry ("keep this one"), never both: forms need no full values. */
const valueOrId = (field: 'number' | 'address') => (entry: { id?: string | undefined } & Record<string, unknown>, ctx: z.RefinementCtx) => {
  if ((entry.id === undefined) === (entry[field] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [entry.id === undefined ? field : 'id'], message: 'validation.value_or_id' })
  }
}

export const PhoneInput = z
  .strictObject({
    id: z.uuid().optional().meta({ description: 'Keep this stored number (instead of `number`); type and primary may change' }),
    type: PhoneType.default('mobile'),
    number: singleLine(1, 40).optional().meta({
      description: 'Any common form (138-0013-8000, +86 138…, 0086…, full-width digits); stored as E.164 (CN by default)',
      example: '138-0013-8000',
    }),
    primary: z.boolean().default(false),
  })
  .superRefine(valueOrId('number'))
  .meta({ id: 'PhoneInput', description: 'A new `number`, or the `id` of one the record already has' })

export const EmailInput = z
  .strictObject({
    id: z.uuid().optional().meta({ description: 'Keep this stored address (instead of `address`)' }),
    address: z.email({ error: 'validation.invalid_email' }).trim().max(254).optional().meta({ example: 'chen@example.com' }),
    primary: z.boolean().default(false),
  })
  .superRefine(valueOrId('address'))
  .meta({ id: 'EmailInput', description: 'A new `address`, or the `id` of one the record already has' })

const regionCode = z.string().regex(/^\d{6}$/, { error: 'validation.region_unknown' }).nullable()

export const AddressInput = z
  .strictObject({
    type: AddressType.default('home'),
    provinceCode: regionCode.optional().meta({ description: 'GB/T 2260 (@vant/area-data); implied by a city', example: '330000' }),
    cityCode: regionCode.optional().meta({ example: '330100' }),
    districtCode: regionCode.optional().meta({ example: '330106' }),
    street: nullableText(100, '文三路 90 号').optional(),
    houseNumber: nullableText(50, '3 幢 1201 室').optional(),
    postcode: z.string().trim().regex(/^\d{6}$/, { error: 'validation.postcode' }).nullable().optional().meta({ example: '310012' }),
    primary: z.boolean().default(false),
  })
  .meta({ id: 'AddressInput' })

export const ConsentInput = z
  .strictObject({
    marketing: z.boolean(),
    channel: ConsentChannel.nullable().optional(),
    note: multiLine(500).nullable().optional(),
  })
  .meta({ id: 'ConsentInput', description: 'givenAt is set by the server when marketing becomes true' })

export const CustomFieldValuesInput = z
  .record(singleLine(1, 50), CustomFieldValue)
  .refine((values) => Object.keys(values).length <= 100, { error: 'validation.invalid' })
  .meta({ id: 'CustomFieldValuesInput', description: 'Validated against the definitions; null clears a value' })

const customerFields = {
  name: singleLine(1, 50).meta({ example: '陈晓明' }),
  gender: Gender,
  birthday: dateInput
    .refine((value) => value >= '1900-01-01' && value <= new Date().toISOString().slice(0, 10), { error: 'validation.date_range' })
    .nullable()
    .meta({ description: 'YYYY-MM-DD', example: '1988-06-15' }),
  occupation: nullableText(50, '工程师'),
  company: nullableText(100, '杭州清源科技有限公司'),
  industry: nullableText(50, '软件'),
  source: nullableText(50, '门店到访'),
  levelId: z.uuid().nullable().meta({ description: 'Defaults to the default level' }),
  lifecycleStatus: LifecycleStatus,
  ownerId: z.uuid().nullable().meta({
    description: 'Owner (a staff user). Defaults to the caller; only admins and managers may choose someone else or none.',
  }),
  notes: multiLine(2000).nullable(),
  consent: ConsentInput,
  phones: z.array(PhoneInput).max(10),
  emails: z.array(EmailInput).max(10),
  addresses: z.array(AddressInput).max(10),
  tagIds: z.array(z.uuid()).max(50),
  newTags: z.array(singleLine(1, 20)).max(20).meta({ description: 'Tag names; missing ones are created', example: ['团购'] }),
  groupIds: z.array(z.uuid()).max(50),
  customFields: CustomFieldValuesInput,
  force: z
    .strictObject({ reason: singleLine(1, 200).meta({ example: '同一家庭共用座机' }) })
    .meta({ description: 'Save despite duplicates (permission customer:force_duplicate); the reason is kept in the history' }),
}

export const CustomerInput = z
  .strictObject(customerFields)
  .partial()
  .required({ name: true })
  .meta({ id: 'CustomerInput' })

export const CustomerPatch = z
  .strictObject({
    ...customerFields,
    version: z.number().int().min(1).meta({ description: 'The version the record was read at', example: 3 }),
  })
  .partial()
  .required({ version: true })
  .meta({
    id: 'CustomerPatch',
    description: 'Any subset of CustomerInput plus the version; `null` clears a field; lists sent replace the stored ones.',
  })

const numberBound = z.number().refine(Number.isFinite, { error: 'validation.not_a_number' })
const dayBound = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' })
const atLeastOneEnd = (ends: unknown[]) => ends.some((end) => end !== undefined)
export const NumberRangeFilter = z
  .strictObject({ min: numberBound.optional(), max: numberBound.optional() })
  .refine((range) => atLeastOneEnd([range.min, range.max]), { error: 'validation.number_range' })
export const DayRangeFilter = z
  .strictObject({ from: dayBound.optional(), to: dayBound.optional() })
  .refine((range) => atLeastOneEnd([range.from, range.to]), { error: 'validation.day_range' })

/**
 * One custom field's condition before its definition is known. The shape is checked here; whether it suits
 * the field's type (and the options exist) is checked against the definitions when the list runs.
 */
export const CustomFieldFilterValue = z
  .union([
    z.string().trim().min(1).max(100),
    z.boolean(),
    z.array(singleLine(1, 100)).min(1).max(50),
    NumberRangeFilter,
    DayRangeFilter,
  ])
  .meta({ id: 'CustomFieldFilterValue' })

export const CustomFieldFilters = z
  .record(singleLine(1, 50), CustomFieldFilterValue)
  .refine((filters) => Object.keys(filters).length <= 20, { error: 'validation.invalid' })
  .meta({
    id: 'CustomFieldFilters',
    description:
      'Keyed by the definition key. text: a string (case-insensitive substring); number: { min?, max? } (inclusive); ' +
      'date: { from?, to? } (YYYY-MM-DD, inclusive); single_select: options (any of them); multi_select: options ' +
      '(has any of them); boolean: true or false. All conditions must hold.',
    example: { wechat_id: 'chen', points: { min: 100 }, vip_since: { from: '2024-01-01' }, channel: ['门店', '抖音'], vip: true },
  })

export type CustomFieldFiltersData = z.output<typeof CustomFieldFilters>

// ---- the filter model (list, saved views, bulk actions; later exports and campaigns) ----

// In a query string a list is comma-separated or repeated; in JSON it is an array.
const listOf = <Output>(item: z.ZodType<Output, string>, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(item).max(max))

const filterDay = dayBound
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), {
    error: 'validation.date',
  })
  .meta({ description: 'YYYY-MM-DD, a day in China time (UTC+8), inclusive', example: '2025-01-31' })
const amountBound = z.coerce.number({ error: 'validation.not_a_number' }).min(0).max(1e12).meta({ description: 'Yuan', example: 1000 })
const countBound = z.coerce.number({ error: 'validation.not_a_number' }).int().min(0).max(1e9)

const ownerRef = z.union([z.literal('me'), z.literal('none'), z.uuid()], { error: 'validation.owner_ref' })
export const TagMode = z.enum(['any', 'all', 'none']).meta({ id: 'TagMode', description: 'any: has one of the tags; all: has every one; none: has none of them' })


const filterShape = {
  keyword: singleLine(0, 100).optional().meta({
    description:
      'Name or company by any substring (also one or two Chinese characters); pinyin or initials of names and companies ' +
      'from their start (zs, zhangsan, zhang san); a whole phone number or its last 4–11 digits; a whole email; a contact name',
  }),
  tagIds: listOf(z.uuid(), 50).optional().meta({ description: 'Comma-separated or repeated tag ids' }),
  tagMode: TagMode.optional(),
  groupIds: listOf(z.uuid(), 50).optional().meta({ description: 'In any of these groups or their sub-groups' }),
  regionCodes: listOf(z.string().regex(/^\d{6}$/, { error: 'validation.region_code' }), 50)
    .optional()
    .meta({ description: 'Province, city or district codes (GB/T 2260); an address in any of them' }),
  ownerIds: listOf(ownerRef, 50).optional().meta({ description: 'User ids, `me` (the caller) or `none` (no owner)' }),
  levelIds: listOf(z.uuid(), 50).optional(),
  lifecycleStatuses: listOf(LifecycleStatus, 5).optional(),
  sources: listOf(singleLine(1, 100), 50).optional().meta({ description: 'Exact source texts' }),
  createdFrom: filterDay.optional(),
  createdTo: filterDay.optional(),
  lastActivityFrom: filterDay.optional(),
  lastActivityTo: filterDay.optional(),
  lastPurchaseFrom: filterDay.optional(),
  lastPurchaseTo: filterDay.optional(),
  totalSpentMin: amountBound.optional(),
  totalSpentMax: amountBound.optional(),
  orderCountMin: countBound.optional(),
  orderCountMax: countBound.optional(),
  customFields: CustomFieldFilters.optional().meta({
    description:
      'Custom field conditions (see CustomFieldFilters). Unknown keys or values unfit for the field type answer 422 ' +
      'naming `customFields.<key>`.',
  }),
}

type FilterRanges = Partial<Record<'createdFrom' | 'createdTo' | 'lastActivityFrom' | 'lastActivityTo' | 'lastPurchaseFrom' | 'lastPurchaseTo', string>> &
  Partial<Record<'totalSpentMin' | 'totalSpentMax' | 'orderCountMin' | 'orderCountMax', number>>

/** A range whose end lies before its start names the end. */
const checkRanges = (filter: FilterRanges, ctx: z.RefinementCtx) => {
  const pairs = [
    ['createdFrom', 'createdTo'],
    ['lastActivityFrom', 'lastActivityTo'],
    ['lastPurchaseFrom', 'lastPurchaseTo'],
    ['totalSpentMin', 'totalSpentMax'],
    ['orderCountMin', 'orderCountMax'],
  ] as const
  for (const [start, end] of pairs) {
    const from = filter[start]
    const to = filter[end]
    if (from !== undefined && to !== undefined && from > to) ctx.addIssue({ code: 'custom', path: [end], message: 'validation.range_order' })
  }
}

export const CustomerFilter = z
  .strictObject(filterShape)
  .superRefine(checkRanges)
  .meta({ id: 'CustomerFilter', description: 'The filter model of lists, saved views and bulk actions (JSON form)' })

export const CustomerSortField = z.enum(customerSortFields).meta({ id: 'CustomerSortField' })
export const SortOrder = z.enum(['asc', 'desc']).meta({ id: 'SortOrder' })

// In a query string custom field conditions are ONE parameter holding JSON text.
const customFieldFiltersParam = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'validation.invalid_json', input: text })
      return z.NEVER
    }
  })
  .pipe(CustomFieldFilters)

export const CustomerListQuery = z
  .strictObject({
    ...filterShape,
    customFields: customFieldFiltersParam.optional().meta({
      description:
        'ONE URL-encoded JSON parameter of custom field conditions (see CustomFieldFilters), e.g. ' +
        '`{"points":{"min":100},"channel":["门店"]}`. Unknown keys or values unfit for the field type answer 422 naming ' +
        '`customFields.<key>`.',
    }),
    sort: CustomerSortField.optional().meta({ description: 'Default: relevance with a keyword, otherwise createdAt' }),
    order: SortOrder.default('desc'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(1000).optional().meta({ description: 'nextCursor of the previous page' }),
  })
  .superRefine(checkRanges)

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})

export const CustomerIdParams = z.object({
  id: z.string().meta({ description: 'Customer id (uuid)', format: 'uuid' }),
})

export const DuplicatesQuery = z.strictObject({
  phone: singleLine(1, 40).optional().meta({ description: 'Any common form', example: '138 0013 8000' }),
  email: singleLine(1, 254).optional().meta({ example: 'chen@example.com' }),
  excludeId: z.uuid().optional().meta({ description: 'The customer being edited' }),
})

export const DuplicateMatches = z
  .object({
    matches: z.array(
      z.object({
        customerId: z.uuid(),
        name: z.string().nullable().meta({ description: "null when the customer is outside the caller's scope" }),
        field: z.enum(['phone', 'email']),
      }),
    ),
  })
  .meta({ id: 'DuplicateMatches' })

const mergeChoice = z.enum(['survivor', 'merged'])
export const MergeInput = z
  .strictObject({
    survivorId: z.uuid(),
    mergedId: z.uuid(),
    fields: z
      .strictObject({
        name: mergeChoice,
        gender: mergeChoice,
        birthday: mergeChoice,
        occupation: mergeChoice,
        company: mergeChoice,
        industry: mergeChoice,
        source: mergeChoice,
        levelId: mergeChoice,
        lifecycleStatus: mergeChoice,
        ownerId: mergeChoice,
        notes: mergeChoice,
      })
      .partial()
      .default({})
      .meta({ description: "Whose value each field keeps; 'survivor' when not given" }),
  })
  .meta({ id: 'MergeInput' })

export const BulkAction = z
  .enum(['addTags', 'removeTags', 'addGroups', 'removeGroups', 'assignOwner', 'delete'])
  .meta({ id: 'BulkAction' })

export const BulkInput = z
  .strictObject({
    ids: z.array(z.uuid()).min(1).max(500).optional().meta({ description: 'These customers; or give `filter`' }),
    filter: CustomerFilter.optional().meta({ description: 'Every customer matching it in the caller\'s scope (at most 10,000)' }),
    action: BulkAction,
    tagIds: z.array(z.uuid()).min(1).max(50).optional().meta({ description: 'For addTags and removeTags' }),
    groupIds: z.array(z.uuid()).min(1).max(50).optional().meta({ description: 'For addGroups and removeGroups' }),
    ownerId: z.uuid().nullable().optional().meta({ description: 'For assignOwner; null leaves them without owner' }),
  })
  .superRefine((input, ctx) => {
    const needs = { addTags: 'tagIds', removeTags: 'tagIds', addGroups: 'groupIds', removeGroups: 'groupIds', assignOwner: 'ownerId', delete: null } as const
    const field = needs[input.action]
    if (field !== null && input[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.required' })
    if ((input.ids === undefined) === (input.filter === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'validation.one_of_ids_filter' })
    }
  })
  .meta({ id: 'BulkInput', description: 'One transaction: all or nothing. Ids outside the scope fail the whole request with 404.' })

export const BulkResult = z.object({ affected: z.number().int().min(0) }).meta({ id: 'BulkResult' })

// ---- errors specific to customers ----

export const CustomerConflictError = ErrorResponse.extend({
  details: z.array(FieldError),
  current: z.lazy(() => Customer).optional().meta({ description: 'On CUSTOMER_VERSION_CONFLICT: the record as it is now' }),
}).meta({
  id: 'CustomerConflictError',
  description: 'CUSTOMER_VERSION_CONFLICT (with `current`), CUSTOMER_DUPLICATE or CUSTOM_FIELD_NOT_UNIQUE (details name the field and `existingCustomerId`)',
})

export type CustomerDto = z.infer<typeof Customer>
export type RevealedContactsDto = z.infer<typeof RevealedContacts>
export type PhoneInputData = z.output<typeof PhoneInput>
export type EmailInputData = z.output<typeof EmailInput>
export type CustomerSummaryDto = z.infer<typeof CustomerSummary>
export type TrashedCustomerDto = z.infer<typeof TrashedCustomer>
export type CustomFieldValueData = z.infer<typeof CustomFieldValue>
export type CustomerInputData = z.output<typeof CustomerInput>
export type CustomerPatchData = z.output<typeof CustomerPatch>
export type CustomerListQueryData = z.output<typeof CustomerListQuery>
export type CustomerFilterData = z.output<typeof CustomerFilter>
export type CustomerListItemDto = z.infer<typeof CustomerListItem>
export type CustomerListDto = z.infer<typeof CustomerList>
export type DuplicatesQueryData = z.output<typeof DuplicatesQuery>
export type DuplicateMatchesDto = z.infer<typeof DuplicateMatches>
export type MergeInputData = z.output<typeof MergeInput>
export type BulkInputData = z.output<typeof BulkInput>
