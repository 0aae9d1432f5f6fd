import { describe, expect, it } from 'vitest'
import type { CustomerDetail } from '../src/api/types'
import { formFromCustomer, toCustomerPatch } from '../src/register/customer-edit'
import { toCustomerPayload, validateCustomerForm } from '../src/register/customer-form'
import { translate } from '../src/i18n/strings'

// The parts of a stored customer the edit page reads (the rest of Customer is not used by it).
const stored = {
  id: 'customer-1',
  version: 4,
  name: '陈晓明',
  gender: 'male',
  birthday: null,
  occupation: '教师',
  company: null,
  industry: null,
  source: '杭州西湖店',
  consent: { marketing: false, givenAt: null, channel: null, note: null },
  phones: [
    { id: 'phone-work', type: 'work', number: '0571****8888', display: '0571****8888', primary: false, masked: true },
    { id: 'phone-mobile', type: 'mobile', number: '138****8000', display: '138****8000', primary: true, masked: true },
  ],
  emails: [
    { id: 'email-main', address: 'c***@example.com', primary: true, masked: true },
    { id: 'email-old', address: 'o***@example.com', primary: false, masked: true },
  ],
  addresses: [
    {
      id: 'address-home', type: 'home', provinceCode: '330000', provinceName: '浙江省', cityCode: '330100', cityName: '杭州市',
      districtCode: '330106', districtName: '西湖区', street: '文三路 90 号', houseNumber: '3 幢', postcode: '310012', primary: true,
    },
    {
      id: 'address-work', type: 'work', provinceCode: '310000', provinceName: '上海市', cityCode: '310100', cityName: '上海市',
      districtCode: null, districtName: null, street: '南京西路 1 号', houseNumber: null, postcode: null, primary: false,
    },
  ],
  tags: [{ id: 'tag-vip', name: 'VIP', color: 'gold' }],
  groups: [{ id: 'group-a', name: '华东' }, { id: 'group-b', name: '杭州' }],
} as unknown as CustomerDetail

const t = (key: Parameters<typeof translate>[1]) => translate('zh-CN', key)

describe('editing a registered customer', () => {
  it('shows the stored phones masked, primary first, kept by id', () => {
    const form = formFromCustomer(stored)
    expect(form.phones).toEqual([
      { id: 'phone-mobile', type: 'mobile', number: '138****8000' },
      { id: 'phone-work', type: 'work', number: '0571****8888' },
    ])
    expect(form).toMatchObject({ email: 'c***@example.com', emailId: 'email-main', groupId: 'group-a', source: '杭州西湖店' })
    expect(form.region).toMatchObject({ provinceCode: '330000', cityCode: '330100', districtCode: '330106' })
  })

  it('does not flag the masked phones and email as invalid, and sends them back by id only', () => {
    const form = formFromCustomer(stored)
    expect(validateCustomerForm(form, t)).toEqual({})
    const { body } = toCustomerPayload(form)
    expect(body.phones).toEqual([
      { id: 'phone-mobile', type: 'mobile', primary: true },
      { id: 'phone-work', type: 'work', primary: false },
    ])
    expect(body.emails).toEqual([{ id: 'email-main', primary: true }])
  })

  it('sends only what changed, with the version it was read at', () => {
    const original = formFromCustomer(stored)
    const { patch, changed } = toCustomerPatch(stored, original, { ...original, name: '陈晓东', occupation: '' })

    expect(changed).toBe(true)
    expect(patch).toEqual({ version: 4, name: '陈晓东', occupation: null })
  })

  it('reports nothing to save when nothing changed', () => {
    const original = formFromCustomer(stored)
    expect(toCustomerPatch(stored, original, { ...original }).changed).toBe(false)
  })

  it('keeps the stored phones by id and adds a typed one in full', () => {
    const original = formFromCustomer(stored)
    const edited = { ...original, phones: [...original.phones, { type: 'mobile' as const, number: '139 0013 9000' }] }

    const { patch, phoneRows } = toCustomerPatch(stored, original, edited)

    expect(patch.phones).toEqual([
      { id: 'phone-mobile', type: 'mobile', primary: true },
      { id: 'phone-work', type: 'work', primary: false },
      { type: 'mobile', number: '13900139000', primary: false },
    ])
    expect(phoneRows).toEqual([0, 1, 2])
  })

  it('keeps the emails and addresses the form does not show when one of them changes', () => {
    const original = formFromCustomer(stored)
    const edited = { ...original, email: 'new@example.com', emailId: undefined, street: '文一路 1 号' }

    const { patch } = toCustomerPatch(stored, original, edited)

    expect(patch.emails).toEqual([{ address: 'new@example.com', primary: true }, { id: 'email-old', primary: false }])
    expect(patch.addresses).toEqual([
      { type: 'home', primary: true, provinceCode: '330000', cityCode: '330100', districtCode: '330106', street: '文一路 1 号', houseNumber: '3 幢', postcode: '310012' },
      { type: 'work', provinceCode: '310000', cityCode: '310100', districtCode: null, street: '南京西路 1 号', houseNumber: null, postcode: null, primary: false },
    ])
  })

  it('replaces the shown group and keeps the others', () => {
    const original = formFromCustomer(stored)
    expect(toCustomerPatch(stored, original, { ...original, groupId: 'group-c' }).patch.groupIds).toEqual(['group-c', 'group-b'])
    expect(toCustomerPatch(stored, original, { ...original, groupId: undefined }).patch.groupIds).toEqual(['group-b'])
  })

  it('records a changed marketing consent as given in the mini-program', () => {
    const original = formFromCustomer(stored)
    expect(toCustomerPatch(stored, original, { ...original, marketingConsent: true }).patch.consent).toEqual({ marketing: true, channel: 'miniapp' })
  })
})
