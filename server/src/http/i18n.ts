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
