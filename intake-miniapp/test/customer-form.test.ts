import { describe, expect, it } from 'vitest'
import { translate } from '../src/i18n/strings'
import {
  EMPTY_CUSTOMER_FORM,
  addTag,
  errorsFromServerDetails,
  formFieldForServerPath,
  toCustomerInput,
  toggleTag,
  validateCustomerForm,
} from '../src/register/customer-form'

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('zh-CN', key, params)

describe('customer form', () => {
  it('requires a name and checks the mobile format', () => {
    expect(validateCustomerForm(EMPTY_CUSTOMER_FORM, t)).toEqual({ name: '请填写姓名' })
    expect(validateCustomerForm({ ...EMPTY_CUSTOMER_FORM, name: '  ' }, t).name).toBe('请填写姓名')
    expect(validateCustomerForm({ ...EMPTY_CUSTOMER_FORM, name: '陈晓明', phone: '12345' }, t)).toEqual({
      phone: '请输入正确的手机号',
    })
    expect(validateCustomerForm({ ...EMPTY_CUSTOMER_FORM, name: '陈晓明', phone: '13800138000' }, t)).toEqual({})
    expect(validateCustomerForm({ ...EMPTY_CUSTOMER_FORM, name: '名'.repeat(51) }, t).name).toBe('姓名不能超过 50 个字')
  })

  it('builds the request body without empty optional fields', () => {
    expect(toCustomerInput({ ...EMPTY_CUSTOMER_FORM, name: ' 陈晓明 ' })).toEqual({ name: '陈晓明', gender: 'unknown', tags: [] })
    expect(
      toCustomerInput({
        name: '陈晓明',
        gender: 'male',
        phone: '+86 138 0013 8000',
        region: { province: '浙江省', city: '杭州市' },
        tags: ['VIP'],
      }),
    ).toEqual({ name: '陈晓明', gender: 'male', phone: '13800138000', province: '浙江省', city: '杭州市', tags: ['VIP'] })
  })

  it('puts server field errors beside the fields', () => {
    expect(formFieldForServerPath('phone')).toBe('phone')
    expect(formFieldForServerPath('tags.2')).toBe('tags')
    expect(formFieldForServerPath('city')).toBe('region')
    expect(formFieldForServerPath('')).toBeUndefined()
    expect(
      errorsFromServerDetails(
        [
          { field: 'phone', message: '请输入有效的中国大陆手机号' },
          { field: 'phone', message: 'second message' },
          { field: 'email', message: '邮箱格式不正确' },
        ],
        'fallback',
      ),
    ).toEqual({ phone: '请输入有效的中国大陆手机号', form: '邮箱格式不正确' })
    expect(errorsFromServerDetails([], '请修正标出的内容')).toEqual({ form: '请修正标出的内容' })
  })

  it('adds, toggles and limits tags', () => {
    expect(addTag([], '  VIP ')).toEqual({ tags: ['VIP'] })
    expect(addTag(['VIP'], 'VIP')).toEqual({ tags: ['VIP'] })
    expect(addTag([], '')).toEqual({ tags: [] })
    expect(addTag([], '长'.repeat(21))).toEqual({ error: 'tagTooLong' })
    expect(addTag(Array.from({ length: 20 }, (_, index) => `t${index}`), 'one more')).toEqual({ error: 'tagLimitReached' })
    expect(toggleTag(['VIP'], 'VIP')).toEqual({ tags: [] })
    expect(toggleTag([], 'VIP')).toEqual({ tags: ['VIP'] })
  })
})
