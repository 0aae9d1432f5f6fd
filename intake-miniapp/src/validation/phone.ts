// Mainland China mobile numbers: 11 digits, starting with 1 and a second digit from 3 to 9.
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/
// Any other number, loosely: an optional + and 7 to 15 digits. The server parses it properly (E.164, CN as
// the default region) and its 422 lands on the same row; this only catches obvious slips before sending.
const OTHER_PHONE = /^\+?\d{7,15}$/

/** Full-width digits and plus sign, as Chinese input methods may type them, as ASCII. */
function toHalfWidth(input: string): string {
  return input.replace(/[０-９＋]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
}

/**
 * Removes what people commonly type around a number (spaces, dashes, brackets, a +86 or 0086 country prefix)
 * so that "+86 138-0013-8000" and "13800138000" are stored alike.
 */
export function normalizeMobile(input: string): string {
  const compact = toHalfWidth(input).replace(/[\s\-()（）]/g, '')
  return compact.replace(/^(\+86|0086)/, '')
}

export function isMainlandMobile(input: string): boolean {
  return MAINLAND_MOBILE.test(normalizeMobile(input))
}

/** A work or home number: a landline with its area code (0571-88886666), a mobile, or an international number. */
export function isPlausiblePhone(input: string): boolean {
  const compact = toHalfWidth(input).replace(/[\s\-()（）]/g, '')
  return MAINLAND_MOBILE.test(normalizeMobile(input)) || OTHER_PHONE.test(compact)
}
