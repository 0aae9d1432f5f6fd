import { pinyin } from 'pinyin-pro'
import type { DataCipher } from './crypto.js'

/**
 * The search terms the server computes (the database derives the others; see the `search` migration). Bump
 * `searchVersion` whenever what is computed here changes: rows below it are computed again at start-up.
 */
export const searchVersion = 3

/** The form both stored text and keywords are matched in (kezhi_search_key in SQL does the same). */
export const searchKey = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()

// Longest pinyin prefixes kept as terms: any name whole; the head of a company name, which is what people type.
const longestNamePinyin = 24
const longestNameInitials = 12
const longestCompanyPinyin = 16
const longestCompanyInitials = 8
// Hex characters of a blind index kept in a term: 64 bits, unique enough at any CRM's size.
const blindTermLength = 16

const hanCharacter = /\p{Script=Han}/u
const latinSyllable = /^[a-z0-9]+$/

const prefixes = (text: string, shortest: number, longest: number): string[] => {
  const result: string[] = []
  for (let length = shortest; length <= Math.min(text.length, longest); length += 1) result.push(text.slice(0, length))
  return result
}

/** Syllables of a text; characters that are not Chinese stay as they are (letters and digits only). ü stays. */
const syllablesOf = (text: string, surname: boolean): string[] =>
  pinyin(text.normalize('NFKC'), { toneType: 'none', type: 'array', nonZh: 'consecutive', surname: surname ? 'head' : 'off' })
    .map((syllable) => syllable.toLowerCase().replace(/\s+/g, ''))
    .filter((syllable) => latinSyllable.test(syllable.replace(/ü/g, 'v')))

// Keyboards have no ü: pinyin input methods type it as v, people often type u; both find 吕 (lü).
const withoutUmlaut = (syllables: string[]): string[][] => {
  if (!syllables.some((syllable) => syllable.includes('ü'))) return [syllables]
  return [syllables.map((syllable) => syllable.replace(/ü/g, 'v')), syllables.map((syllable) => syllable.replace(/ü/g, 'u'))]
}

export interface PinyinColumns {
  /** p + prefixes of the whole pinyin, i + prefixes of the initials (names and companies). */
  pinyinTerms: string[]
  /** Sort keys: syllables separated by spaces (so 李娜 sorts before 李南 before 林). */
  pinyinName: string
  pinyinCompany: string | null
  searchVersion: number
}

const readingTerms = (longest: { pinyin: number; initials: number }) => (syllables: string[]): string[] => {
  if (syllables.length === 0) return []
  const whole = syllables.join('')
  const initials = syllables.map((syllable) => syllable[0]).join('')
  return [
    ...prefixes(whole, 2, longest.pinyin).map((prefix) => `p${prefix}`),
    ...prefixes(initials, 2, longest.initials).map((prefix) => `i${prefix}`),
  ]
}
const nameTerms = readingTerms({ pinyin: longestNamePinyin, initials: longestNameInitials })
const companyTerms = readingTerms({ pinyin: longestCompanyPinyin, initials: longestCompanyInitials })

/**
 * Pinyin of a name reads its first characters as a surname (曾 zeng, 单 shan, 尉迟 yuchi); the everyday reading
 * is kept too when it differs, for people who type what they hear. Companies get the everyday reading (银行 yinhang).
 */
export const pinyinColumns = (name: string, company: string | null): PinyinColumns => {
  const hasHan = (text: string) => hanCharacter.test(text)
  const nameReadings = hasHan(name) ? [syllablesOf(name, true), syllablesOf(name, false)] : []
  const companyReading = company !== null && hasHan(company) ? syllablesOf(company, false) : []
  const terms = new Set([...nameReadings.flatMap(withoutUmlaut).flatMap(nameTerms), ...withoutUmlaut(companyReading).flatMap(companyTerms)])
  const sortKey = (text: string, reading: string[] | undefined) =>
    reading !== undefined && reading.length > 0 ? reading.join(' ').replace(/ü/g, 'v') : searchKey(text)
  return {
    pinyinTerms: [...terms].sort(),
    pinyinName: sortKey(name, nameReadings[0]),
    pinyinCompany: company === null ? null : sortKey(company, companyReading),
    searchVersion,
  }
}

/** Whether a keyword can be pinyin (letters only, two or more). */
export const pinyinKeywordTerms = (key: string): string[] =>
  /^[a-z]{2,}$/.test(key) ? [`p${key}`, `i${key}`] : []

// ---- phones and emails: blind indexes only, the database never sees the digits ----

const blindTerm = (kind: 'n' | 't' | 'e', hash: string) => `${kind}${hash.slice(0, blindTermLength)}`

/**
 * Tails a phone can be found by: its last 4 to 8 digits. Eight digits already single out one number among
 * millions, so a longer tail is looked up by its last eight (terms per phone are what the index pays for).
 */
export const shortestTail = 4
export const longestTail = 8

export const phoneTailTerms = (cipher: DataCipher, e164: string): string[] => {
  const digits = e164.replace(/\D/g, '')
  const terms: string[] = []
  for (let length = shortestTail; length <= Math.min(longestTail, digits.length - 1); length += 1) {
    terms.push(phoneTailTerm(cipher, digits.slice(-length)))
  }
  return terms
}

/** The term of the last digits a person typed (4 or more; past 8, its last 8). */
export const phoneTailTerm = (cipher: DataCipher, digits: string): string =>
  blindTerm('t', cipher.blindIndex('phone_tail', digits.slice(-longestTail)))
/** The term of a whole number, from its stored blind index (the database derives the same from number_hash). */
export const phoneNumberTerm = (numberHash: string): string => blindTerm('n', numberHash)
export const emailTerm = (addressHash: string): string => blindTerm('e', addressHash)

/** Filter terms (the database derives the same from the link tables). */
export const tagTerm = (tagId: string): string => `T${tagId.replaceAll('-', '')}`
export const groupTerm = (groupId: string): string => `G${groupId.replaceAll('-', '')}`
export const regionTerm = (code: string): string => `R${code}`

/** Every blind index a stored phone carries: the whole number, its last four digits, its tails as terms. */
export const phoneBlindIndexes = (cipher: DataCipher, e164: string) => ({
  numberHash: cipher.blindIndex('phone', e164),
  last4Hash: cipher.blindIndex('phone_last4', e164.slice(-4)),
  tailTerms: phoneTailTerms(cipher, e164),
})
