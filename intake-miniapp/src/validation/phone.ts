// Mainland China mobile numbers: 11 digits, starting with 1 and a second digit from 3 to 9.
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/

/**
 * Removes what people commonly type around a number (spaces, dashes, a +86 or 0086 country prefix)
 * so that "+86 138-0013-8000" and "13800138000" are stored alike.
 */
export function normalizeMobile(input: string): string {
  const compact = input.replace(/[\s-]/g, '')
  return compact.replace(/^(\+86|0086)/, '')
}

export function isMainlandMobile(input: string): boolean {
  return MAINLAND_MOBILE.test(normalizeMobile(input))
}
