import { describe, expect, it } from 'vitest'
import { duplicateSlotsFromConflict, noticeFromMatches } from '../src/register/duplicates'

describe('duplicate lookups', () => {
  it('points at the first match, with its name or null when out of scope', () => {
    expect(noticeFromMatches([])).toBeUndefined()
    expect(noticeFromMatches([{ customerId: 'c-1', name: '陈晓明', field: 'phone' }])).toEqual({ customerId: 'c-1', name: '陈晓明' })
    expect(noticeFromMatches([{ customerId: 'c-2', name: null, field: 'phone' }])).toEqual({ customerId: 'c-2', name: null })
  })

  it('reads a 409 CUSTOMER_DUPLICATE onto the rows the phones were sent from', () => {
    const details = [
      { field: 'phones.1.number', message: '该手机号已被其他客户使用', existingCustomerId: 'c-1' },
      { field: 'emails.0.address', message: '该邮箱已被其他客户使用', existingCustomerId: 'c-2' },
      { field: 'phones.1.number', message: 'same place again', existingCustomerId: 'c-3' },
      { field: 'name', message: 'not a duplicate detail' },
    ]
    expect(duplicateSlotsFromConflict(details, [0, 2])).toEqual([
      { slot: 'phones.2', customerId: 'c-1', message: '该手机号已被其他客户使用' },
      { slot: 'email', customerId: 'c-2', message: '该邮箱已被其他客户使用' },
    ])
  })
})
