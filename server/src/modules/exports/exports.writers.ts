import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Cell } from './exports.columns.js'

/**
 * The three file formats, each written as a stream to disk: a batch of rows goes out, and the next is read only
 * once the file has taken it (backpressure), so memory stays flat whatever the size of the export.
 */

export type ExportFileFormat = 'csv' | 'xlsx' | 'json'

export interface ExportWriter {
  /** One batch of rows, each with a cell per column (in the order of the header). */
  write(rows: Cell[][]): Promise<void>
  /** Ends the file; resolves once every byte is on disk. */
  finish(): Promise<void>
  /** Stops writing (the export failed); the caller removes the file. */
  abort(): Promise<void>
}

export interface WriterOptions {
  path: string
  /** Column headers in the request's language (CSV, Excel). */
  headers: string[]
  /** Column ids, the keys of JSON objects. */
  keys: string[]
  /** Yes and no in the request's language (CSV, Excel). */
  yesNo: [string, string]
  sheetName: string
}

const pad = (value: number) => String(value).padStart(2, '0')

/** A moment as people read it in mainland China (UTC+8), which is also a form the import takes back. */
export const chinaTime = (date: Date): string => {
  const shifted = new Date(date.getTime() + 8 * 60 * 60 * 1000)
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())} ` +
    `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
  )
}

const textOf = (cell: Cell, yesNo: [string, string]): string => {
  if (cell === null) return ''
  if (typeof cell === 'string') return cell
  if (typeof cell === 'number') return String(cell)
  if (typeof cell === 'boolean') return cell ? yesNo[0] : yesNo[1]
  if (cell instanceof Date) return chinaTime(cell)
  return cell.join(';')
}

// A spreadsheet runs a cell starting with one of these as a formula; the quote makes it plain text.
const formulaStart = /^[=+\-@]/
export const guardFormula = (text: string): string => (formulaStart.test(text) ? `'${text}` : text)

const openFile = async (path: string): Promise<WriteStream> => {
  // Exports hold personal data: readable by the server's user only.
  const file = createWriteStream(path, { mode: 0o600 })
  await once(file, 'open')
  return file
}

const writeChunk = async (file: WriteStream, chunk: string): Promise<void> => {
  if (!file.write(chunk)) await once(file, 'drain')
}

const endFile = async (file: WriteStream): Promise<void> => {
  file.end()
  await once(file, 'close')
}

const csvWriter = async (options: WriterOptions): Promise<ExportWriter> => {
  const file = await openFile(options.path)
  // RFC 4180 with CRLF; the byte order mark makes Excel read UTF-8 (Chinese) correctly.
  const lines = (rows: string[][]) => stringify(rows, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })
  await writeChunk(file, `\uFEFF${lines([options.headers.map(guardFormula)])}`)
  return {
    write: (rows) => writeChunk(file, lines(rows.map((row) => row.map((cell) => guardFormula(textOf(cell, options.yesNo)))))),
    finish: () => endFile(file),
    abort: () => endFile(file),
  }
}

const jsonValue = (cell: Cell): unknown => (cell instanceof Date ? cell.toISOString() : cell)

const jsonWriter = async (options: WriterOptions): Promise<ExportWriter> => {
  const file = await openFile(options.path)
  let first = true
  await writeChunk(file, '[')
  return {
    write: async (rows) => {
      if (rows.length === 0) return
      const text = rows
        .map((row) => {
          const object: Record<string, unknown> = {}
          options.keys.forEach((key, index) => {
            object[key] = jsonValue(row[index] ?? null)
          })
          return JSON.stringify(object)
        })
        .join(',\n')
      await writeChunk(file, `${first ? '\n' : ',\n'}${text}`)
      first = false
    },
    finish: async () => {
      await writeChunk(file, first ? ']\n' : '\n]\n')
      await endFile(file)
    },
    abort: () => endFile(file),
  }
}

/** Excel keeps numbers as numbers; everything else is text, written as people read it. */
const excelValue = (cell: Cell, yesNo: [string, string]): string | number | null =>
  typeof cell === 'number' ? cell : cell === null ? null : textOf(cell, yesNo)

const xlsxWriter = async (options: WriterOptions): Promise<ExportWriter> => {
  const file = await openFile(options.path)
  const closed = once(file, 'close')
  // Inline strings rather than a shared table: the table would hold every distinct text in memory until the end.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  const header = sheet.addRow(options.headers)
  header.font = { bold: true }
  header.commit()
  return {
    write: async (rows) => {
      for (const row of rows) sheet.addRow(row.map((cell) => excelValue(cell, options.yesNo))).commit()
      if (file.writableNeedDrain) await once(file, 'drain')
    },
    finish: async () => {
      sheet.commit()
      await workbook.commit()
      await closed
    },
    abort: async () => {
      file.destroy()
      await closed
    },
  }
}

export const openExportWriter = (format: ExportFileFormat, options: WriterOptions): Promise<ExportWriter> => {
  switch (format) {
    case 'csv':
      return csvWriter(options)
    case 'json':
      return jsonWriter(options)
    case 'xlsx':
      return xlsxWriter(options)
  }
}

export const contentTypes: Record<ExportFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}
