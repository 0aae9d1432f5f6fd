// Every text the intake app shows, in both supported languages. Pages read them through `useStrings()`.

export const SUPPORTED_LANGUAGES = ['zh-CN', 'en-US'] as const
export type Language = (typeof SUPPORTED_LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'zh-CN'

const zhCN = {
  appName: '客知',
  switchLanguage: 'English',

  loginTitle: '员工登录',
  loginSubtitle: '登录后为客户登记信息',
  usernameLabel: '用户名',
  usernamePlaceholder: '请输入用户名',
  usernameRequired: '用户名不能为空',
  passwordLabel: '密码',
  passwordPlaceholder: '请输入密码',
  passwordRequired: '密码不能为空',
  loginButton: '登录',
  loginInProgress: '登录中…',
  invalidCredentials: '用户名或密码错误',
  sessionExpired: '登录已过期，请重新登录',

  registerTitle: '登记客户',
  signedInAs: '当前账号：{name}',
  logout: '退出登录',
  nameLabel: '姓名',
  namePlaceholder: '请输入客户姓名',
  nameRequired: '请填写姓名',
  nameTooLong: '姓名不能超过 {max} 个字',
  genderLabel: '性别',
  genderMale: '男',
  genderFemale: '女',
  genderUnknown: '未知',
  phoneLabel: '手机号',
  phonePlaceholder: '请输入 11 位手机号',
  phoneInvalid: '请输入正确的手机号',
  regionLabel: '省市',
  regionPlaceholder: '请选择省份和城市',
  regionLoading: '正在加载地区…',
  pickerConfirm: '确定',
  pickerCancel: '取消',
  tagsLabel: '标签',
  tagPresetVip: 'VIP',
  tagPresetNew: '新客户',
  tagPresetReturning: '老客户',
  tagPresetInterested: '意向强',
  tagPresetFollowUp: '待回访',
  tagPresetReferral: '转介绍',
  tagInputPlaceholder: '输入自定义标签',
  tagAdd: '添加',
  tagRemove: '移除标签 {tag}',
  tagTooLong: '标签不能超过 {max} 个字',
  tagLimitReached: '最多 {max} 个标签',
  submitButton: '提交登记',
  submitInProgress: '提交中…',
  fixHighlightedFields: '请修正标出的内容',

  successTitle: '登记成功',
  successMessage: '已登记客户：{name}',
  registerAnother: '继续登记',

  networkError: '网络异常，请稍后重试',
  unexpectedError: '出错了，请稍后重试',
}

export type StringKey = keyof typeof zhCN

const enUS: Record<StringKey, string> = {
  appName: 'Kezhi',
  switchLanguage: '中文',

  loginTitle: 'Staff sign-in',
  loginSubtitle: 'Sign in to register customers',
  usernameLabel: 'Username',
  usernamePlaceholder: 'Enter your username',
  usernameRequired: 'Username is required',
  passwordLabel: 'Password',
  passwordPlaceholder: 'Enter your password',
  passwordRequired: 'Password is required',
  loginButton: 'Sign in',
  loginInProgress: 'Signing in…',
  invalidCredentials: 'Wrong username or password',
  sessionExpired: 'Your session has expired, please sign in again',

  registerTitle: 'Register a customer',
  signedInAs: 'Signed in as {name}',
  logout: 'Sign out',
  nameLabel: 'Name',
  namePlaceholder: "Customer's name",
  nameRequired: 'Name is required',
  nameTooLong: 'Name must be at most {max} characters',
  genderLabel: 'Gender',
  genderMale: 'Male',
  genderFemale: 'Female',
  genderUnknown: 'Unknown',
  phoneLabel: 'Mobile',
  phonePlaceholder: '11-digit mobile number',
  phoneInvalid: 'Enter a valid mainland China mobile number',
  regionLabel: 'Province / city',
  regionPlaceholder: 'Choose province and city',
  regionLoading: 'Loading regions…',
  pickerConfirm: 'Confirm',
  pickerCancel: 'Cancel',
  tagsLabel: 'Tags',
  tagPresetVip: 'VIP',
  tagPresetNew: 'New',
  tagPresetReturning: 'Returning',
  tagPresetInterested: 'Interested',
  tagPresetFollowUp: 'Follow up',
  tagPresetReferral: 'Referral',
  tagInputPlaceholder: 'Add your own tag',
  tagAdd: 'Add',
  tagRemove: 'Remove tag {tag}',
  tagTooLong: 'A tag must be at most {max} characters',
  tagLimitReached: 'At most {max} tags',
  submitButton: 'Register',
  submitInProgress: 'Submitting…',
  fixHighlightedFields: 'Please correct the highlighted fields',

  successTitle: 'Registered',
  successMessage: 'Customer registered: {name}',
  registerAnother: 'Register another',

  networkError: 'Network error, please try again',
  unexpectedError: 'Something went wrong, please try again',
}

export const STRINGS: Record<Language, Record<StringKey, string>> = {
  'zh-CN': zhCN,
  'en-US': enUS,
}

export type StringParams = Record<string, string | number>

/** Looks a text up and fills its `{placeholders}`; a placeholder without a value is left as written. */
export function translate(language: Language, key: StringKey, params?: StringParams): string {
  const template = STRINGS[language][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  )
}
