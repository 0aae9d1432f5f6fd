import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

export interface NormalisedPhone {
  /** '+8613800138000' */
  e164: string
  /** National form for Chinese numbers ('138 0013 8000'), international form for others. */
  display: string
  /** Last four digits of the number, for lookup by tail. */
  last4: string
}

/**
 * Turns a phone number in any common form (138-0013-8000, +86 138…, 0086 138…, full-width digits, spaces)
 * into E.164, with China as the default region. Returns null for anything that is not a valid number.
 */
export const normalisePhone = (input: string): NormalisedPhone | null => {
  // NFKC turns full-width digits, plus signs and brackets into their ASCII forms.
  const text = input.normalize('NFKC').trim()
  // Letters would be dropped silently by the parser ('138…x'); a number with them is more likely a typo.
  if (text === '' || text.length > 40 || !/^[\d\s\-().+]+$/.test(text)) return null
  const parsed = parsePhoneNumberFromString(text, 'CN')
  if (parsed === undefined || !parsed.isValid()) return null
  const e164 = parsed.number
  return { e164, display: displayPhone(e164), last4: e164.slice(-4) }
}

export const displayPhone = (e164: string): string => {
  const parsed = parsePhoneNumberFromString(e164)
  if (parsed === undefined) return e164
  return parsed.countryCallingCode === '86' ? parsed.formatNational() : parsed.formatInternational()
}

/** '138****8000': what the history shows of a number, enough to recognise it, not enough to call it. */
export const maskPhone = (e164: string): string => {
  const parsed = parsePhoneNumberFromString(e164)
  const national = parsed?.nationalNumber ?? e164.replace(/\D/g, '')
  if (national.length <= 7) return `${'*'.repeat(Math.max(national.length - 4, 0))}${national.slice(-4)}`
  return `${national.slice(0, 3)}****${national.slice(-4)}`
}

/** 'c***@example.com' */
export const maskEmail = (address: string): string => {
  const at = address.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${address.slice(0, 1)}***${address.slice(at)}`
}

/** Digits a keyword would have if it were (part of) a phone number: '138-0013' → '1380013'. */
export const phoneDigits = (text: string): string => text.normalize('NFKC').replace(/[\s\-()+]/g, '')
