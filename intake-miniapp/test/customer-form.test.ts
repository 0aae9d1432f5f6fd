import { describe, expect, it } from 'vitest'
import type { Tag } from '../src/api/types'
import { translate } from '../src/i18n/strings'
import {
  addTypedTag,
  emptyCustomerForm,
  errorsFromServerDetails,
  formSlotForServerPath,
  localDateString,
  toCustomerPayload,
  toggleTagId,
  validateCustomerForm,
  withoutPhoneRow,
  type CustomerFormState,
} from '../src/register/customer-form'

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('zh-CN', key, params)

const blank = emptyCustomerForm('门店登记')

const shenzhenNanshan = {
  provinceCode: '440000',
  provinceName: '广东省',
  cityCode: '440300',
  cityName: '深圳市',
  districtCode: '440305',
  districtName: '南山区',
}

const filledForm: CustomerFormState = {
  name: ' 陈晓明 ',
  gender: 'male',
  birthday: '1988-06-01',
  occupation: '设计师',
  company: ' 晓明设计工作室 ',
  industry: '互联网',
  phones: [
    { type: 'mobile', number: '+86 138-0013-8000' },
    { type: 'work', number: ' 0755-86013388 ' },
  ],
  email: ' chen@example.com ',
  region: shenzhenNanshan,
  street: '科技园南路',
  houseNumber: '3 栋 1201 室',
  tagIds: ['tag-vip'],
  newTags: ['周末到店'],
  groupId: 'group-hz',
  source: '门店登记',
  marketingConsent: true,
}

describe('validation', () => {
  it('requires a name and checks its length', () => {
    expect(validateCustomerForm(blank, t)).toEqual({ name: '请填写姓名' })
    expect(validateCustomerForm({ ...blank, name: '  ' }, t).name).toBe('请填写姓名')
    expect(validateCustomerForm({ ...blank, name: '名'.repeat(51) }, t).name).toBe('姓名不能超过 50 个字')
  })

  it('checks every phone row by its type and ignores empty rows', () => {
    const form: CustomerFormState = {
      ...blank,
      name: '陈晓明',
      phones: [
        { type: 'mobile', number: '12345' },
        { type: 'mobile', number: '' },
        { type: 'work', number: '0571-88886666' },
        { type: 'home', number: '12' },
        { type: 'mobile', number: '１３８００１３８０００' },
      ],
    }
    expect(validateCustomerForm(form, t)).toEqual({ 'phones.0': '请输入正确的手机号', 'phones.3': '请输入正确的电话号码' })
  })

  it('checks the email shape', () => {
    expect(validateCustomerForm({ ...blank, name: '陈', email: 'chen@' }, t)).toEqual({ email: '请输入正确的邮箱地址' })
    expect(validateCustomerForm({ ...blank, name: '陈', email: ' chen@example.com ' }, t)).toEqual({})
  })

  it('accepts a complete form', () => {
    expect(validateCustomerForm(filledForm, t)).toEqual({})
  })
})

describe('form → POST /api/customers body', () => {
  it('sends only the name, gender and consent for a blank form', () => {
    const { body, phoneRows } = toCustomerPayload({ ...blank, name: ' 陈晓明 ', source: '' })
    expect(body).toEqual({ name: '陈晓明', gender: 'unknown', consent: { marketing: false, channel: 'miniapp' } })
    expect(phoneRows).toEqual([])
  })

  it('maps every field of a complete form', () => {
    expect(toCustomerPayload(filledForm).body).toEqual({
      name: '陈晓明',
      gender: 'male',
      birthday: '1988-06-01',
      occupation: '设计师',
      company: '晓明设计工作室',
      industry: '互联网',
      source: '门店登记',
      phones: [
        { type: 'mobile', number: '13800138000', primary: true },
        { type: 'work', number: '0755-86013388', primary: false },
      ],
      emails: [{ address: 'chen@example.com', primary: true }],
      addresses: [
        {
          type: 'home',
          primary: true,
          provinceCode: '440000',
          cityCode: '440300',
          districtCode: '440305',
          street: '科技园南路',
          houseNumber: '3 栋 1201 室',
        },
      ],
      tagIds: ['tag-vip'],
      newTags: ['周末到店'],
      groupIds: ['group-hz'],
      consent: { marketing: true, channel: 'miniapp' },
    })
  })

  it('skips empty phone rows, makes the first filled one primary and remembers which row each came from', () => {
    const { body, phoneRows } = toCustomerPayload({
      ...blank,
      name: '陈',
      phones: [
        { type: 'mobile', number: ' ' },
        { type: 'home', number: '021-55556666' },
        { type: 'mobile', number: '13900139000' },
      ],
    })
    expect(body.phones).toEqual([
      { type: 'home', number: '021-55556666', primary: true },
      { type: 'mobile', number: '13900139000', primary: false },
    ])
    expect(phoneRows).toEqual([1, 2])
  })

  it('sends an address with a street but no region, and a region without a district', () => {
    expect(toCustomerPayload({ ...blank, name: '陈', street: '人民路 1 号' }).body.addresses).toEqual([
      { type: 'home', primary: true, street: '人民路 1 号' },
    ])
    const region = { provinceCode: '110000', provinceName: '北京市', cityCode: '110100', cityName: '北京市' }
    expect(toCustomerPayload({ ...blank, name: '陈', region }).body.addresses).toEqual([
      { type: 'home', primary: true, provinceCode: '110000', cityCode: '110100' },
    ])
  })
})

describe('server error details → form', () => {
  const phoneRows = [0, 2]

  it.each([
    ['name', 'name'],
    ['birthday', 'birthday'],
    ['phones.0.number', 'phones.0'],
    ['phones.1.number', 'phones.2'],
    ['phones[1].type', 'phones.2'],
    ['phones', 'phones.0'],
    ['emails.0.address', 'email'],
    ['addresses.0.cityCode', 'region'],
    ['addresses.0.districtCode', 'region'],
    ['addresses.0.street', 'street'],
    ['addresses.0.houseNumber', 'houseNumber'],
    ['tagIds.3', 'tags'],
    ['newTags.0', 'tags'],
    ['groupIds.0', 'group'],
    ['consent.channel', 'consent'],
    ['source', 'source'],
  ])('puts %s on %s', (path, slot) => {
    expect(formSlotForServerPath(path, phoneRows)).toBe(slot)
  })

  it('leaves unknown paths to the form', () => {
    expect(formSlotForServerPath('', phoneRows)).toBeUndefined()
    expect(formSlotForServerPath('customFields.vip', phoneRows)).toBeUndefined()
  })

  it('keeps the first message per place and the rest for the form', () => {
    expect(
      errorsFromServerDetails(
        [
          { field: 'phones.1.number', message: '请输入有效的电话号码' },
          { field: 'phones.1.number', message: 'second message' },
          { field: 'addresses.0.cityCode', message: '未知的地区编码' },
          { field: 'customFields.vip', message: '未知字段' },
        ],
        phoneRows,
        'fallback',
      ),
    ).toEqual({ 'phones.2': '请输入有效的电话号码', region: '未知的地区编码', form: '未知字段' })
    expect(errorsFromServerDetails([], phoneRows, '请修正标出的内容')).toEqual({ form: '请修正标出的内容' })
  })
})

describe('removing a phone row', () => {
  it('drops its entry and moves the later rows up', () => {
    expect(withoutPhoneRow({ name: 'n', 'phones.0': 'a', 'phones.1': 'b', 'phones.2': 'c' }, 1)).toEqual({
      name: 'n',
      'phones.0': 'a',
      'phones.1': 'c',
    })
  })
})

describe('tags', () => {
  const existing: Tag[] = [
    { id: 'tag-vip', name: 'VIP', color: 'gold', customerCount: 3 },
    { id: 'tag-old', name: '老客户', color: 'blue', customerCount: 9 },
  ]
  const none = { tagIds: [], newTags: [] }

  it('selects an existing tag by name and keeps other names as new tags', () => {
    expect(addTypedTag(none, ' 老客户 ', existing)).toEqual({ tagIds: ['tag-old'], newTags: [] })
    expect(addTypedTag(none, '周末到店', existing)).toEqual({ tagIds: [], newTags: ['周末到店'] })
    expect(addTypedTag({ tagIds: [], newTags: ['周末到店'] }, '周末到店', existing)).toEqual({ tagIds: [], newTags: ['周末到店'] })
    expect(addTypedTag(none, '  ', existing)).toEqual(none)
  })

  it('refuses a too long tag and more than 20', () => {
    expect(addTypedTag(none, '长'.repeat(21), existing)).toEqual({ error: 'tagTooLong' })
    const full = { tagIds: [], newTags: Array.from({ length: 20 }, (_, index) => `t${index}`) }
    expect(addTypedTag(full, 'one more', existing)).toEqual({ error: 'tagLimitReached' })
    expect(toggleTagId(full, 'tag-vip')).toEqual({ error: 'tagLimitReached' })
  })

  it('toggles existing tags', () => {
    expect(toggleTagId(none, 'tag-vip')).toEqual({ tagIds: ['tag-vip'], newTags: [] })
    expect(toggleTagId({ tagIds: ['tag-vip'], newTags: [] }, 'tag-vip')).toEqual({ tagIds: [], newTags: [] })
  })
})

describe('localDateString', () => {
  it('formats the local calendar day', () => {
    expect(localDateString(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
  })
})
