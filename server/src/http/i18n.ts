import i18next, { type TFunction } from 'i18next'

const zhCN = {
  errors: {
    VALIDATION_FAILED: '提交的数据有误，请检查后重试',
    BAD_REQUEST: '请求格式不正确（例如不是有效的 JSON）',
    PAYLOAD_TOO_LARGE: '请求内容过大',
    UNSUPPORTED_CHARSET: '不支持的字符编码',
    UNAUTHENTICATED: '请先登录',
    INVALID_CREDENTIALS: '用户名或密码错误',
    FORBIDDEN: '没有权限执行此操作',
    NOT_FOUND: '请求的资源不存在',
    CUSTOMER_NOT_FOUND: '客户不存在或已被删除',
    CONFLICT: '数据已存在或与现有数据冲突',
    CUSTOMER_DUPLICATE: '已有客户使用相同的电话或邮箱',
    CUSTOMER_VERSION_CONFLICT: '该客户已被其他人修改，请查看最新内容后再保存',
    CUSTOM_FIELD_NOT_UNIQUE: '自定义字段的值已被其他客户使用',
    CONTACT_NOT_FOUND: '联系人不存在或已被删除',
    ORDER_NOT_FOUND: '订单不存在或已被删除',
    ACTIVITY_NOT_FOUND: '跟进记录不存在或已被删除',
    TAG_NOT_FOUND: '标签不存在',
    GROUP_NOT_FOUND: '分组不存在',
    LEVEL_NOT_FOUND: '客户等级不存在',
    RELATIONSHIP_TYPE_NOT_FOUND: '关系类型不存在',
    CUSTOM_FIELD_NOT_FOUND: '自定义字段不存在',
    NAME_TAKEN: '名称已被使用，请换一个',
    ORDER_NO_TAKEN: '订单号已存在',
    GROUP_NOT_EMPTY: '该分组下还有子分组，请先移走或删除子分组',
    LEVEL_IN_USE: '仍有客户使用该等级，请先为这些客户更换等级',
    CUSTOM_FIELD_KEY_TAKEN: '字段标识已被使用',
    CUSTOM_FIELD_IN_USE: '已有客户填写了该字段，不能更改字段类型或删除正在使用的选项',
    INTERNAL_ERROR: '服务器内部错误，请稍后重试',
  },
  validation: {
    required: '必填',
    invalid_type: '类型不正确，应为{{expected}}',
    too_small_string: '至少 {{minimum}} 个字符',
    too_big_string: '最多 {{maximum}} 个字符',
    too_small_number: '不能小于 {{minimum}}',
    too_big_number: '不能大于 {{maximum}}',
    too_small_array: '至少 {{minimum}} 项',
    too_big_array: '最多 {{maximum}} 项',
    invalid_email: '邮箱格式不正确',
    invalid_uuid: 'ID 格式不正确',
    invalid_format: '格式不正确',
    invalid_value: '取值无效，可选值：{{values}}',
    unrecognized_keys: '包含不支持的字段：{{keys}}',
    not_integer: '必须是整数',
    invalid: '取值无效',
    phone: '请输入有效的中国大陆手机号',
    no_control_characters: '不能包含控制字符',
    owner_not_found: '负责人不存在或已停用',
    phone_number: '请输入有效的电话号码',
    duplicate_phone: '该电话号码已属于另一位客户',
    duplicate_email: '该邮箱已属于另一位客户',
    one_primary: '只能有一项设为首选',
    region_unknown: '地区代码无效，或不属于所选的上级地区',
    postcode: '邮编应为 6 位数字',
    date: '日期格式应为 YYYY-MM-DD',
    date_range: '日期超出允许范围',
    tag_not_found: '标签不存在',
    group_not_found: '分组不存在',
    level_not_found: '客户等级不存在',
    custom_field_unknown: '没有这个自定义字段',
    custom_field_option: '不是可选项之一：{{options}}',
    custom_field_not_unique: '该值已被其他客户使用',
    merge_same_customer: '不能与自身合并',
    not_a_number: '必须是数字',
    not_a_boolean: '必须是“是”或“否”（true / false）',
    not_text: '必须是文本',
    money: '请输入不小于 0、最多两位小数的金额',
    amount_too_large: '金额过大',
    order_no: '订单号只能包含字母、数字、- 和 _',
    order_needs_lines: '请至少添加一个商品，或填写订单金额',
    not_in_future: '不能晚于当前时间',
    contact_phone: '请输入有效的电话号码',
    relationship_type_not_found: '关系类型不存在',
    reports_to_not_found: '上级必须是该客户的另一位联系人',
    reports_to_cycle: '汇报关系不能形成循环',
    parent_group_not_found: '上级分组不存在',
    parent_group_cycle: '分组不能移到自身或其子分组之下',
    color: '颜色应为预设颜色名或 #rrggbb',
    slug: '只能包含小写字母、数字和下划线，并以字母开头（最多 40 个字符）',
    key_immutable: '字段标识创建后不能修改',
    duplicate_options: '选项不能重复',
    options_required: '选择类字段至少需要一个选项',
    unique_not_supported: '该字段类型不支持唯一性校验',
    preference_key: '只能包含字母、数字、点、下划线和连字符（最多 100 个字符）',
    preference_too_large: '内容不能超过 16 KB',
    name_taken: '名称已被使用',
    key_taken: '字段标识已被使用',
  },
  timeline: {
    created: '创建了客户',
    change: '修改了 {{count}} 项客户资料',
    merge: '合并了客户「{{name}}」的资料',
    merged_into: '已合并到客户「{{name}}」',
    deleted: '移入回收站',
    restored: '从回收站恢复',
    feedback: '提交了反馈',
    contact_created: '新增联系人：{{name}}',
    contact_updated: '修改联系人：{{name}}',
    contact_deleted: '删除联系人：{{name}}',
    tag_deleted: '标签「{{name}}」已删除',
    group_deleted: '分组「{{name}}」已删除',
    activity: '{{type}}：{{content}}',
    order: '订单 {{orderNo}}，金额 ¥{{amount}}（{{status}}）',
  },
  activityTypes: {
    call: '电话',
    visit: '拜访',
    wechat: '微信',
    email: '邮件',
    sms: '短信',
    note: '备注',
  },
  orderStatuses: {
    pending: '待付款',
    paid: '已付款',
    completed: '已完成',
    cancelled: '已取消',
    refunded: '已退款',
  },
  types: {
    string: '文本',
    number: '数字',
    int: '整数',
    boolean: '布尔值',
    array: '数组',
    object: '对象',
    other: '其他类型',
  },
} as const

type Messages<T> = { readonly [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }

const enUS: Messages<typeof zhCN> = {
  errors: {
    VALIDATION_FAILED: 'Some fields are invalid. Please check and try again',
    BAD_REQUEST: 'Malformed request (for example, invalid JSON)',
    PAYLOAD_TOO_LARGE: 'The request body is too large',
    UNSUPPORTED_CHARSET: 'Unsupported character set',
    UNAUTHENTICATED: 'Please sign in first',
    INVALID_CREDENTIALS: 'Incorrect username or password',
    FORBIDDEN: 'You are not allowed to do this',
    NOT_FOUND: 'The requested resource does not exist',
    CUSTOMER_NOT_FOUND: 'The customer does not exist or has been deleted',
    CONFLICT: 'This conflicts with existing data',
    CUSTOMER_DUPLICATE: 'Another customer already has this phone number or email',
    CUSTOMER_VERSION_CONFLICT: 'Someone else changed this customer. Review the latest version before saving',
    CUSTOM_FIELD_NOT_UNIQUE: 'Another customer already has this custom field value',
    CONTACT_NOT_FOUND: 'The contact does not exist or has been deleted',
    ORDER_NOT_FOUND: 'The order does not exist or has been deleted',
    ACTIVITY_NOT_FOUND: 'The activity does not exist or has been deleted',
    TAG_NOT_FOUND: 'The tag does not exist',
    GROUP_NOT_FOUND: 'The group does not exist',
    LEVEL_NOT_FOUND: 'The customer level does not exist',
    RELATIONSHIP_TYPE_NOT_FOUND: 'The relationship type does not exist',
    CUSTOM_FIELD_NOT_FOUND: 'The custom field does not exist',
    NAME_TAKEN: 'This name is already in use. Please choose another',
    ORDER_NO_TAKEN: 'This order number already exists',
    GROUP_NOT_EMPTY: 'The group still has sub-groups. Move or delete them first',
    LEVEL_IN_USE: 'Customers still have this level. Give them another level first',
    CUSTOM_FIELD_KEY_TAKEN: 'This field key is already in use',
    CUSTOM_FIELD_IN_USE: 'Customers already have values for this field, so its type or the options in use cannot change',
    INTERNAL_ERROR: 'Internal server error. Please try again later',
  },
  validation: {
    required: 'Required',
    invalid_type: 'Wrong type, expected {{expected}}',
    too_small_string: 'At least {{minimum}} characters',
    too_big_string: 'At most {{maximum}} characters',
    too_small_number: 'Must be at least {{minimum}}',
    too_big_number: 'Must be at most {{maximum}}',
    too_small_array: 'At least {{minimum}} items',
    too_big_array: 'At most {{maximum}} items',
    invalid_email: 'Invalid email address',
    invalid_uuid: 'Invalid ID',
    invalid_format: 'Invalid format',
    invalid_value: 'Invalid value, expected one of: {{values}}',
    unrecognized_keys: 'Unsupported fields: {{keys}}',
    not_integer: 'Must be a whole number',
    invalid: 'Invalid value',
    phone: 'Enter a valid mainland China mobile number',
    no_control_characters: 'Must not contain control characters',
    owner_not_found: 'The owner does not exist or is disabled',
    phone_number: 'Enter a valid phone number',
    duplicate_phone: 'This phone number belongs to another customer',
    duplicate_email: 'This email address belongs to another customer',
    one_primary: 'Only one entry can be primary',
    region_unknown: 'Unknown region code, or not inside the chosen higher-level region',
    postcode: 'A postcode has 6 digits',
    date: 'Dates are written YYYY-MM-DD',
    date_range: 'The date is out of range',
    tag_not_found: 'The tag does not exist',
    group_not_found: 'The group does not exist',
    level_not_found: 'The customer level does not exist',
    custom_field_unknown: 'There is no such custom field',
    custom_field_option: 'Not one of the options: {{options}}',
    custom_field_not_unique: 'Another customer already has this value',
    merge_same_customer: 'A customer cannot be merged with itself',
    not_a_number: 'Must be a number',
    not_a_boolean: 'Must be true or false',
    not_text: 'Must be text',
    money: 'Enter an amount of at least 0 with at most two decimal places',
    amount_too_large: 'The amount is too large',
    order_no: 'Order numbers may contain only letters, digits, - and _',
    order_needs_lines: 'Add at least one line or enter the order amount',
    not_in_future: 'Must not be in the future',
    contact_phone: 'Enter a valid phone number',
    relationship_type_not_found: 'The relationship type does not exist',
    reports_to_not_found: "Must be another contact of the same customer",
    reports_to_cycle: 'Reporting lines must not form a loop',
    parent_group_not_found: 'The parent group does not exist',
    parent_group_cycle: 'A group cannot move under itself or one of its sub-groups',
    color: 'Use a preset colour name or #rrggbb',
    slug: 'Lowercase letters, digits and underscores, starting with a letter (at most 40 characters)',
    key_immutable: 'The field key cannot change once created',
    duplicate_options: 'Options must be unique',
    options_required: 'Select fields need at least one option',
    unique_not_supported: 'This field type cannot be unique',
    preference_key: 'Letters, digits, dots, underscores and hyphens only (at most 100 characters)',
    preference_too_large: 'Must not exceed 16 KB',
    name_taken: 'This name is already in use',
    key_taken: 'This key is already in use',
  },
  timeline: {
    created: 'Created the customer',
    change: 'Changed {{count}} field(s)',
    merge: 'Merged customer "{{name}}" into this one',
    merged_into: 'Merged into customer "{{name}}"',
    deleted: 'Moved to the trash',
    restored: 'Restored from the trash',
    feedback: 'Left feedback',
    contact_created: 'Added contact {{name}}',
    contact_updated: 'Changed contact {{name}}',
    contact_deleted: 'Removed contact {{name}}',
    tag_deleted: 'Tag "{{name}}" was deleted',
    group_deleted: 'Group "{{name}}" was deleted',
    activity: '{{type}}: {{content}}',
    order: 'Order {{orderNo}}, ¥{{amount}} ({{status}})',
  },
  activityTypes: {
    call: 'Call',
    visit: 'Visit',
    wechat: 'WeChat',
    email: 'Email',
    sms: 'SMS',
    note: 'Note',
  },
  orderStatuses: {
    pending: 'Pending',
    paid: 'Paid',
    completed: 'Completed',
    cancelled: 'Cancelled',
    refunded: 'Refunded',
  },
  types: {
    string: 'text',
    number: 'number',
    int: 'integer',
    boolean: 'boolean',
    array: 'list',
    object: 'object',
    other: 'another type',
  },
}

export const languages = ['zh-CN', 'en-US'] as const
export type Language = (typeof languages)[number]
export const defaultLanguage: Language = 'zh-CN'

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** Every server message key; both languages are checked against the same structure at compile time. */
export type MessageKey = Leaves<typeof zhCN>

const i18n = i18next.createInstance()
void i18n.init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: defaultLanguage,
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  initAsync: false,
})

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export const translator = (language: Language): Translate => {
  const t: TFunction = i18n.getFixedT(language)
  return (key, params) => t(key, params ?? {})
}

/** Picks the best supported language from an Accept-Language header, by quality then order. */
export const negotiateLanguage = (acceptLanguage: string | undefined): Language => {
  if (!acceptLanguage) return defaultLanguage
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const quality = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean)
      return { tag: tag.trim().toLowerCase(), quality: quality === undefined ? 1 : Number(quality), index }
    })
    .filter((entry) => entry.tag !== '' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN'
    if (tag.startsWith('en')) return 'en-US'
  }
  return defaultLanguage
}
