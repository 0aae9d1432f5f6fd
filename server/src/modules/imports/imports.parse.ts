import { isUtf8 } from 'node:buffer'
import { pipeline, Readable } from 'node:stream'
import { parse as parseCsv } from 'csv-parse'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import iconv from 'iconv-lite'
import { AppError } from '../../http/errors.js'
import { cellText, type CellValue } from './imports.normalize.js'

/**
 * Reading an uploaded file: which format it is (by content, not by name), its encoding, the header row and the
 * data rows. XLSX is streamed (exceljs' WorkbookReader), so a sheet of 100,000 rows never sits in memory as a
 * workbook. Empty rows are skipped everywhere, so "trailing empty rows" cost nothing and rows keep the number
 * they have in the sheet.
 */

export const fileFormats = ['csv', 'xlsx', 'json'] as const
export type FileFormat = (typeof fileFormats)[number]
export const textEncodings = ['utf-8', 'utf-8-bom', 'gb18030'] as const
export type TextEncoding = (typeof textEncodings)[number]

export interface DataRow {
  /** The row number a person sees (the sheet's row, the CSV record, the JSON array position). */
  rowNumber: number
  cells: CellValue[]
}

export interface FileInspection {
  format: FileFormat
  encoding: TextEncoding | null
  sheets: string[]
  sheetName: string | null
  headers: string[]
  /** The header's row number; data rows come after it (0 for JSON, whose objects are rows 1…n). */
  headerRow: number
  totalRows: number
  preview: string[][]
}

export interface FileLayout {
  format: FileFormat
  sheetName: string | null
  headerRow: number
  width: number
}

export const previewRows = 20

const isEmptyCell = (value: CellValue) => value === null || (typeof value === 'string' && value.trim() === '')
const isEmptyRow = (cells: readonly CellValue[]) => cells.every(isEmptyCell)
const lastFilled = (cells: readonly CellValue[]) => {
  for (let index = cells.length - 1; index >= 0; index -= 1) if (!isEmptyCell(cells[index] ?? null)) return index
  return -1
}

// ---- format and encoding ----

const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((byte, index) => buffer[index] === byte)
const utf8Bom = [0xef, 0xbb, 0xbf]

/** The format by content: a ZIP is XLSX, `[` opens JSON, readable text is CSV; anything else is refused. */
export const detectFormat = (buffer: Buffer): FileFormat => {
  if (buffer.length === 0) throw new AppError('IMPORT_FILE_EMPTY')
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx'
  // Old binary Excel (.xls), PDFs, images: nothing a person could mean as rows of text.
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0]) || buffer.subarray(0, 4096).includes(0)) throw new AppError('IMPORT_FILE_UNSUPPORTED')
  const head = buffer.subarray(startsWith(buffer, utf8Bom) ? 3 : 0, 4096).toString('latin1').trimStart()
  if (head.startsWith('[') || head.startsWith('{')) return 'json'
  return 'csv'
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK and GB2312). */
export const decodeText = (buffer: Buffer): { text: string; encoding: TextEncoding } => {
  if (startsWith(buffer, utf8Bom)) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8-bom' }
  try {
    return { text: strictUtf8.decode(buffer), encoding: 'utf-8' }
  } catch {
    return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' }
  }
}

// ---- CSV ----

/** The delimiter used most on the first line that has any: `,` `;` or tab (comma on a tie). */
const detectDelimiter = (text: string): string => {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? ''
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '')
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: outsideQuotes.split(delimiter).length - 1 }))
  const best = counts.reduce((top, entry) => (entry.count > top.count ? entry : top))
  return best.count === 0 ? ',' : best.delimiter
}

/** The same answer as decodeText without decoding: the whole file as one string would double a big file in memory. */
const csvEncoding = (buffer: Buffer): TextEncoding => (startsWith(buffer, utf8Bom) ? 'utf-8-bom' : isUtf8(buffer) ? 'utf-8' : 'gb18030')

const csvChunkBytes = 64 * 1024

/** The file's text in slices; the decoder carries a character cut by a slice's end over to the next one. */
function* textSlices(body: Buffer, encoding: TextEncoding): Generator<string> {
  const decoder = iconv.getDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf8')
  for (let at = 0; at < body.length; at += csvChunkBytes) {
    const text = decoder.write(body.subarray(at, at + csvChunkBytes))
    if (text !== '') yield text
  }
  const rest = decoder.end()
  if (rest !== undefined && rest !== '') yield rest
}

/**
 * The file's records one by one (empty lines included, so a record's position is its row number). The parser is
 * fed slice by slice and pulled by the caller, so only a slice's worth of records exists at a time.
 */
async function* csvRecords(buffer: Buffer): AsyncGenerator<string[]> {
  const encoding = csvEncoding(buffer)
  const body = encoding === 'utf-8-bom' ? buffer.subarray(utf8Bom.length) : buffer
  const head = iconv.decode(body.subarray(0, csvChunkBytes), encoding === 'gb18030' ? 'gb18030' : 'utf8')
  const parser = parseCsv({
    delimiter: detectDelimiter(head),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
  })
  // A parse error ends the pipeline and surfaces in the loop below.
  pipeline(Readable.from(textSlices(body, encoding)), parser, () => undefined)
  try {
    for await (const record of parser) yield record as string[]
  } catch (error) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { cause: error })
  }
}

// ---- JSON ----

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

const isObject = (value: JsonValue): value is { [key: string]: JsonValue } => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Nested objects flattened as `a.b`, arrays joined with `;`. */
const flatten = (value: { [key: string]: JsonValue }, prefix = '', into = new Map<string, CellValue>()): Map<string, CellValue> => {
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix === '' ? key : `${prefix}.${key}`
    if (isObject(inner)) flatten(inner, name, into)
    else if (Array.isArray(inner)) into.set(name, inner.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item ?? ''))).join(';'))
    else into.set(name, inner)
  }
  return into
}

const jsonRows = (buffer: Buffer): { headers: string[]; rows: DataRow[] } => {
  let parsed: JsonValue
  try {
    parsed = JSON.parse(decodeText(buffer).text) as JsonValue
  } catch (error) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { cause: error })
  }
  if (!Array.isArray(parsed) || !parsed.every(isObject)) throw new AppError('IMPORT_FILE_UNREADABLE')
  const flat = parsed.map((item) => flatten(item))
  const headers = [...new Set(flat.flatMap((row) => [...row.keys()]))]
  const rows = flat.map((row, index) => ({ rowNumber: index + 1, cells: headers.map((header) => row.get(header) ?? null) }))
  return { headers, rows: rows.filter((row) => !isEmptyRow(row.cells)) }
}

// ---- XLSX ----

/** The parts of exceljs' streamed worksheet this module uses (its typings leave them out). */
interface StreamedSheet extends AsyncIterable<ExcelJS.Row> {
  name: string
  iterator: AsyncIterable<Buffer | string>
}

type ExcelValue = ExcelJS.CellValue | undefined

const excelCell = (value: ExcelValue): CellValue => {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return value
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('formula' in value || 'sharedFormula' in value) return excelCell(value.result as ExcelValue)
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : excelCell(value.text as ExcelValue)
  if ('error' in value) return value.error
  return null
}

const columnNumber = (letters: string) => [...letters].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0)

export interface MergedRange {
  top: number
  left: number
  bottom: number
  right: number
}

/**
 * Passes the sheet's XML through while collecting its merged ranges. exceljs' streaming reader skips
 * `<mergeCells>` (they come after the rows), so they are read from the same bytes on their way.
 */
const collectMerges = (sheet: StreamedSheet, merges: MergedRange[]) => {
  const source = sheet.iterator
  sheet.iterator = (async function* () {
    let carry = ''
    for await (const chunk of source) {
      const text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'))
      if (text.includes('<mergeCell')) {
        for (const match of text.matchAll(/<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
          const [, left = 'A', top = '1', right = 'A', bottom = '1'] = match
          merges.push({ top: Number(top), left: columnNumber(left), bottom: Number(bottom), right: columnNumber(right) })
        }
      }
      // A tag cut in two by the chunk boundary is found whole with the next chunk.
      const cut = text.lastIndexOf('<')
      carry = cut >= 0 && !text.slice(cut).includes('>') ? text.slice(cut) : ''
      yield chunk
    }
  })()
}

const rowCells = (row: ExcelJS.Row): CellValue[] => {
  const values = row.values
  if (!Array.isArray(values)) return []
  // exceljs' row values are 1-based (index 0 is empty).
  const cells: CellValue[] = []
  for (let column = 1; column < values.length; column += 1) cells.push(excelCell(values[column] as ExcelValue))
  return cells
}

type WorkbookEvent =
  | { kind: 'sheet'; name: string }
  | { kind: 'row'; row: DataRow }
  | { kind: 'end'; name: string; merges: MergedRange[] }

/** The parts exceljs' streaming reader needs before any worksheet. */
const leadingParts = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']

/**
 * The same workbook with the parts above first, every part's compressed bytes copied as they are (tens of
 * milliseconds for a 10 MiB file). Writers that put xl/workbook.xml last, exceljs itself among them, made exceljs'
 * reader buffer the sheets in temporary files and, now and then, end before it had read that last part
 * (TypeError on the workbook's `model.sheets`): an upload failed at random.
 */
const withLeadingParts = async (buffer: Buffer): Promise<Buffer> => {
  const zip = await JSZip.loadAsync(buffer)
  const names = Object.keys(zip.files)
  const ordered = [...leadingParts.filter((name) => name in zip.files), ...names.filter((name) => !leadingParts.includes(name))]
  const files: typeof zip.files = {}
  for (const name of ordered) {
    const file = zip.files[name]
    if (file !== undefined) files[name] = file
  }
  zip.files = files
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

/**
 * The workbook's sheets in order, as a stream of events: each sheet's name, then (when `wants` it) its non-empty
 * rows and its end with the merged ranges. Rows are pulled one by one, so memory stays flat for any sheet size.
 */
async function* workbookEvents(buffer: Buffer, wants: (name: string) => boolean): AsyncGenerator<WorkbookEvent> {
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await withLeadingParts(buffer)]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    })
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as StreamedSheet
      yield { kind: 'sheet', name: sheet.name }
      if (!wants(sheet.name)) continue
      const merges: MergedRange[] = []
      collectMerges(sheet, merges)
      for await (const row of sheet) {
        const cells = rowCells(row)
        if (!isEmptyRow(cells)) yield { kind: 'row', row: { rowNumber: row.number, cells } }
      }
      yield { kind: 'end', name: sheet.name, merges }
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('IMPORT_FILE_UNREADABLE', { cause: error })
  }
}

/**
 * The header row with merged cells spread: a merged `地址` over three columns reads `地址`, `地址 (2)`,
 * `地址 (3)`.
 */
export const spreadMergedHeader = (headers: string[], headerRow: number, merges: readonly MergedRange[]): string[] => {
  const result = [...headers]
  for (const merge of merges) {
    if (merge.top > headerRow || merge.bottom < headerRow || merge.right <= merge.left) continue
    const text = result[merge.left - 1] ?? ''
    if (text === '') continue
    for (let column = merge.left + 1; column <= merge.right; column += 1) {
      while (result.length < column) result.push('')
      result[column - 1] = `${text} (${column - merge.left + 1})`
    }
  }
  return result
}

// ---- inspection ----

const headerText = (value: CellValue) => cellText(value).replace(/\s+/g, ' ').trim()

/** Rows a preview shows: the first data rows, each cell as text, as wide as the header. */
const previewOf = (rows: readonly DataRow[], width: number) =>
  rows.slice(0, previewRows).map((row) => Array.from({ length: width }, (_, index) => cellText(row.cells[index] ?? null)))

/**
 * Reads the whole file once: format, encoding, sheets, header, the number of data rows and the preview.
 * `maxRows` stops early with IMPORT_TOO_MANY_ROWS.
 */
export const inspectFile = async (buffer: Buffer, options: { sheet?: string | undefined; maxRows: number }): Promise<FileInspection> => {
  const format = detectFormat(buffer)
  const tooMany = () => new AppError('IMPORT_TOO_MANY_ROWS', { extra: { maxRows: options.maxRows } })

  if (format === 'json') {
    const { headers, rows } = jsonRows(buffer)
    if (rows.length === 0) throw new AppError('IMPORT_FILE_EMPTY')
    if (rows.length > options.maxRows) throw tooMany()
    return { format, encoding: null, sheets: [], sheetName: null, headers, headerRow: 0, totalRows: rows.length, preview: previewOf(rows, headers.length) }
  }

  if (format === 'csv') {
    let header: DataRow | null = null
    const preview: DataRow[] = []
    let count = 0
    let width = 0
    let rowNumber = 0
    for await (const cells of csvRecords(buffer)) {
      rowNumber += 1
      if (isEmptyRow(cells)) continue
      width = Math.max(width, lastFilled(cells) + 1)
      if (header === null) {
        header = { rowNumber, cells }
        continue
      }
      count += 1
      if (preview.length < previewRows) preview.push({ rowNumber, cells })
      if (count > options.maxRows) throw tooMany()
    }
    const first = header as DataRow | null
    if (first === null || count === 0) throw new AppError('IMPORT_FILE_EMPTY')
    const headers = Array.from({ length: width }, (_, index) => headerText(first.cells[index] ?? null))
    return { format, encoding: csvEncoding(buffer), sheets: [], sheetName: null, headers, headerRow: first.rowNumber, totalRows: count, preview: previewOf(preview, width) }
  }

  let chosen: { name: string; header: DataRow; preview: DataRow[]; count: number; width: number; merges: MergedRange[] } | null = null
  let current: { header: DataRow | null; preview: DataRow[]; count: number; width: number } = { header: null, preview: [], count: 0, width: 0 }
  let overflow = false
  const sheets: string[] = []
  for await (const event of workbookEvents(buffer, (name) => chosen === null && !overflow && (options.sheet === undefined || options.sheet === name))) {
    if (event.kind === 'sheet') {
      sheets.push(event.name)
    } else if (event.kind === 'row') {
      // Past the limit the rest of the sheet still streams by (its merges sit at its end) but is not kept.
      if (overflow) continue
      const { row } = event
      current.width = Math.max(current.width, lastFilled(row.cells) + 1)
      if (current.header === null) {
        current.header = row
        continue
      }
      current.count += 1
      if (current.preview.length < previewRows) current.preview.push(row)
      if (current.count > options.maxRows) overflow = true
    } else {
      const { header, preview, count, width } = current
      current = { header: null, preview: [], count: 0, width: 0 }
      if (header !== null && (count > 0 || options.sheet !== undefined)) chosen = { name: event.name, header, preview, count, width, merges: event.merges }
    }
  }
  if (overflow) throw tooMany()
  const picked = chosen as typeof chosen | null
  if (options.sheet !== undefined && !sheets.includes(options.sheet)) {
    throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'sheet', messageKey: 'validation.invalid_value', params: { values: sheets.join(', ') } }] })
  }
  if (picked === null || picked.count === 0) throw new AppError('IMPORT_FILE_EMPTY')
  const plain = Array.from({ length: picked.width }, (_, index) => headerText(picked.header.cells[index] ?? null))
  const headers = spreadMergedHeader(plain, picked.header.rowNumber, picked.merges)
  const width = headers.length
  return {
    format,
    encoding: null,
    sheets,
    sheetName: picked.name,
    headers,
    headerRow: picked.header.rowNumber,
    totalRows: picked.count,
    preview: previewOf(picked.preview, width),
  }
}

// ---- data rows ----

/** The data rows after the header, as wide as the header, skipping the first `skip` of them (a resumed run). */
export async function* readDataRows(buffer: Buffer, layout: FileLayout, skip = 0): AsyncGenerator<DataRow> {
  const fit = (row: DataRow): DataRow => ({
    rowNumber: row.rowNumber,
    cells: Array.from({ length: layout.width }, (_, index) => row.cells[index] ?? null),
  })
  if (layout.format === 'json') {
    yield* jsonRows(buffer).rows.slice(skip).map(fit)
    return
  }
  if (layout.format === 'csv') {
    let seen = 0
    let rowNumber = 0
    for await (const cells of csvRecords(buffer)) {
      rowNumber += 1
      if (rowNumber <= layout.headerRow || isEmptyRow(cells)) continue
      seen += 1
      if (seen > skip) yield fit({ rowNumber, cells })
    }
    return
  }
  let seen = 0
  for await (const event of workbookEvents(buffer, (name) => name === layout.sheetName)) {
    if (event.kind !== 'row' || event.row.rowNumber <= layout.headerRow) continue
    seen += 1
    if (seen > skip) yield fit(event.row)
  }
}
