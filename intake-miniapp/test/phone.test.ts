import { describe, expect, it } from 'vitest'
import { isMainlandMobile, normalizeMobile } from '../src/validation/phone'

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
