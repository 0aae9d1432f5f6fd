import { describe, expect, it } from 'vitest'
import { isMainlandMobile, isPlausiblePhone, normalizeMobile } from '../src/validation/phone'

describe('mainland mobile validation', () => {
  it.each(['13800138000', '15912345678', '19987654321', '16600000000', '17012345678'])('accepts %s', (number) => {
    expect(isMainlandMobile(number)).toBe(true)
  })

  it.each([
    ['too short', '1380013800'],
    ['too long', '138001380000'],
    ['second digit 2', '12800138000'],
    ['second digit 1', '11800138000'],
    ['not starting with 1', '23800138000'],
    ['letters', '1380013800a'],
    ['landline', '02112345678'],
    ['empty', ''],
  ])('rejects %s', (_reason, number) => {
    expect(isMainlandMobile(number)).toBe(false)
  })

  it('accepts spaces, dashes and a +86 or 0086 prefix, and normalizes them away', () => {
    expect(isMainlandMobile('+86 138-0013-8000')).toBe(true)
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000')
    expect(normalizeMobile('0086 13800138000')).toBe('13800138000')
    expect(normalizeMobile(' 138 0013 8000 ')).toBe('13800138000')
  })
})

describe('other phone numbers', () => {
  it('reads full-width digits and brackets as typed by Chinese input methods', () => {
    expect(normalizeMobile('１３８ ００１３ ８０００')).toBe('13800138000')
    expect(isMainlandMobile('＋86 138-0013-8000')).toBe(true)
  })

  it.each(['0571-88886666', '(010) 6552 9988', '+1 415 555 0100', '13800138000', '88886666'])('accepts %s as a work or home number', (number) => {
    expect(isPlausiblePhone(number)).toBe(true)
  })

  it.each(['12', '12345', 'abc-defg', '0571-8888-6666-1234-5678'])('rejects %s', (number) => {
    expect(isPlausiblePhone(number)).toBe(false)
  })
})
