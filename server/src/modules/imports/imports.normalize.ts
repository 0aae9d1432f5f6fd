import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { normalisePhone, type NormalisedPhone } from '../../lib/phone.js'

/**
 * What people put into spreadsheets, turned into values: full-width characters, phone numbers with every kind
 * of prefix and punctuation, dates in a dozen shapes (and Excel's day numbers), amounts with currency signs.
 * Each function answers null for a value it cannot read; the caller turns that into an issue of the cell.
 */

/** A cell as read from the file: text, a number or boolean cell, a date cell, or nothing. */
export type CellValue = string | number | boolean | Date | null

const pad = (value: number, length = 2) => String(value).padStart(length, '0')

/** YYYY-MM-DD of a date cell (exceljs gives date cells as UTC midnight of the shown day). */
const isoDayOf = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`

/** A cell as a person sees it in the sheet (the preview, the report's value column). */
export const cellText = (value: CellValue): string => {
  if (value === null) return ''
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ''
    const hasTime = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0 || value.getUTCSeconds() !== 0
    return hasTime ? `${isoDayOf(value)} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : isoDayOf(value)
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)))
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  return value
}

/** Full-width letters, digits, punctuation and the ideographic space become their ASCII forms; ends trimmed. */
export const halfWidth = (text: string): string =>
  text
    .replace(/[\uff01-\uff5e]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()

/** The text of a cell for a text field: half-width, inner runs of white space collapsed to one space. */
export const textOf = (value: CellValue): string => halfWidth(cellText(value)).replace(/[ \t\u00a0]+/g, ' ')

/** Whether normalising changed more than the white space at the ends (worth an `adjusted` warning). */
export const wasAdjusted = (raw: CellValue, normalised: string): boolean =>
  typeof raw === 'string' && raw.trim() !== normalised

// ---- phones ----

/** Several numbers in one cell: split by ; , / 、 ，； or runs of spaces between numbers. */
const phoneSeparators = /[;,/、，；|\n]+/

/**
 * The numbers in a cell. Spaces separate numbers only when each part is a whole number on its own
 * ('138 0013 8000' is one number, '13800138000 13900139000' two).
 */
export const splitPhones = (text: string): string[] => {
  const parts = halfWidth(text).split(phoneSeparators).map((part) => part.trim()).filter((part) => part !== '')
  return parts.flatMap((part) => {
    const pieces = part.split(/\s+/)
    if (pieces.length > 1 && pieces.every((piece) => parseImportPhone(piece) !== null)) return pieces
    return [part]
  })
}

// Whether mainland mobiles starting with these five digits are valid: libphonenumber's mobile ranges for China
// are decided by the first five digits (1740x, 1610x, 13x…), so each prefix is asked once per process.
const mobilePrefixes = new Map<string, boolean>()

/**
 * The common case fast: an 11-digit mainland mobile, with or without +86 / 0086 / 86, checked by
 * normalisePhone once per prefix (a file of 100,000 numbers would otherwise parse each one twice).
 * Undefined when the text is no such number (the full parse decides then).
 */
const mainlandMobile = (text: string): NormalisedPhone | null | undefined => {
  if (!/^[\d\s\-()+]+$/.test(text)) return undefined
  const national = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(text.replace(/[\s\-()]/g, ''))?.[1]
  if (national === undefined) return undefined
  const prefix = national.slice(0, 5)
  let valid = mobilePrefixes.get(prefix)
  if (valid === undefined) {
    valid = normalisePhone(national) !== null
    mobilePrefixes.set(prefix, valid)
  }
  if (!valid) return null
  return { e164: `+86${national}`, display: `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`, last4: national.slice(-4) }
}

/**
 * A phone number as people write them: +86 / 0086 / 86 before a mainland mobile, dashes, dots, spaces and
 * brackets ('(010) 6552-9988', '+86 138-0013-8000', '8613800138000'); landlines need their area code.
 */
export const parseImportPhone = (input: string): NormalisedPhone | null => {
  const text = halfWidth(input).replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/[—–－.]/g, '-')
  const mobile = mainlandMobile(text)
  if (mobile !== undefined) return mobile
  const direct = normalisePhone(text)
  if (direct !== null) return direct
  const digits = text.replace(/[\s\-()]/g, '')
  // 0086… and 86… without the plus: the international prefix people type when copying from elsewhere.
  for (const prefix of ['0086', '86']) {
    if (digits.startsWith(prefix) && /^\d+$/.test(digits.slice(prefix.length))) {
      const parsed = parsePhoneNumberFromString(`+86${digits.slice(prefix.length)}`)
      if (parsed?.isValid() === true) return normalisePhone(parsed.number)
    }
  }
  return null
}

// ---- emails ----

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const splitEmails = (text: string): string[] =>
  halfWidth(text).split(/[;,，；\s、|]+/).map((part) => part.trim()).filter((part) => part !== '')

export const parseEmail = (text: string): string | null => {
  const address = halfWidth(text).replace(/^mailto:/i, '')
  return address.length <= 254 && emailShape.test(address) ? address : null
}

// ---- dates ----

// Excel's day 1 is 1900-01-01, and it counts a 29 February 1900 that never was: day 60 and later are one off.
const excelEpoch = Date.UTC(1899, 11, 30)
const dayMs = 86_400_000
const isRealDay = (year: number, month: number, day: number): boolean => {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export interface ParsedMoment {
  /** YYYY-MM-DD */
  day: string
  /** The moment (a day alone is taken as midnight in China, UTC+8, where the business is). */
  at: Date
}

const chinaOffsetMs = 8 * 3600_000

const momentOf = (year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): ParsedMoment | null => {
  if (year < 1900 || year > 2200 || !isRealDay(year, month, day)) return null
  if (hours > 23 || minutes > 59 || seconds > 59) return null
  return {
    day: `${year}-${pad(month)}-${pad(day)}`,
    at: new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds) - chinaOffsetMs),
  }
}

/** Excel serial day numbers (1900 system), with a fraction for the time of day. */
const fromSerial = (serial: number): ParsedMoment | null => {
  // 1 (1900-01-01) … 109574 (2199-12-31); anything else is a plain number, not a date.
  if (!Number.isFinite(serial) || serial < 1 || serial > 109_574) return null
  const wholeDays = Math.floor(serial)
  const seconds = Math.round((serial - wholeDays) * 86_400)
  const date = new Date(excelEpoch + wholeDays * dayMs)
  return momentOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60)
}

const datePatterns: RegExp[] = [
  // 2024-03-08, 2024/3/8, 2024.3.8, with an optional time
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/,
  // 2024年3月8日, 2024年03月08日 14:30
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:\s*(\d{1,2})[:时](\d{2})(?:[:分](\d{2}))?秒?)?$/,
  // 20240308
  /^(\d{4})(\d{2})(\d{2})$/,
]

/**
 * A date or time in any of the shapes the contract lists: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日,
 * compact YYYYMMDD, ISO timestamps, Excel serial numbers (number cells and numeric text) and date cells.
 */
export const parseMoment = (value: CellValue): ParsedMoment | null => {
  if (value === null || typeof value === 'boolean') return null
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    // Date cells hold the wall-clock time shown in the sheet, encoded as UTC.
    return momentOf(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds())
  }
  if (typeof value === 'number') return fromSerial(value)
  const text = halfWidth(value)
  if (text === '') return null
  if (/^\d+(\.\d+)?$/.test(text) && !/^\d{8}$/.test(text)) return fromSerial(Number(text))
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const at = new Date(text)
    if (Number.isNaN(at.getTime())) return null
    const local = new Date(at.getTime() + chinaOffsetMs)
    return { day: isoDayOf(local), at }
  }
  for (const pattern of datePatterns) {
    const match = pattern.exec(text)
    if (match === null) continue
    const [, year, month, day, hours, minutes, seconds] = match.map((part) => (part === undefined ? undefined : Number(part)))
    return momentOf(year ?? 0, month ?? 0, day ?? 0, hours ?? 0, minutes ?? 0, seconds ?? 0)
  }
  return null
}

// ---- numbers and amounts ----

/** A number from a number cell or text: currency signs (¥ ￥ RMB CNY), thousands separators, 元 dropped. */
export const parseAmount = (value: CellValue): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string') return null
  const text = halfWidth(value)
    .replace(/^(¥|￥|RMB|CNY)\s*/i, '')
    .replace(/\s*(元|块|RMB|CNY)$/i, '')
    .replace(/[,\s]/g, '')
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null
  const number = Number(text)
  return Number.isFinite(number) ? number : null
}

// ---- booleans and options ----

const yes = new Set(['是', '有', '同意', '已同意', 'y', 'yes', 'true', '1', '✓', '✔', '√', 'x'])
const no = new Set(['否', '无', '不同意', '未同意', 'n', 'no', 'false', '0', '✗', '✘', '×', '-'])

export const parseBoolean = (value: CellValue): boolean | null => {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null
  const text = textOf(value).toLowerCase()
  if (yes.has(text)) return true
  if (no.has(text)) return false
  return null
}

const uniqueParts = (text: string, separators: RegExp): string[] =>
  [...new Set(halfWidth(text).split(separators).map((part) => part.trim()).filter((part) => part !== ''))]

/** Tags are split like phones: ; , / 、 ，； and white space. */
export const splitTags = (text: string): string[] => uniqueParts(text, /[;,，；、/|\s]+/)

/** Groups and multi-select values: ; , 、 ，； and line breaks (a group path `父/子` keeps its slash). */
export const splitList = (text: string): string[] => uniqueParts(text, /[;,，；、|\n]+/)

/** How headers and option labels are compared: half-width, lower case, without spaces, `*`, `_` and `-`. */
export const comparable = (text: string): string => halfWidth(text.normalize('NFKC')).toLowerCase().replace(/[\s*＊_\-:：]/g, '')
