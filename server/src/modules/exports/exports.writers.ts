import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import ExcelJS from 'exceljs'
import type { Cell } from './exports.columns.js'

/**
 * The three file formats, each written as a stream to disk: rows go out one by one as they are built, and the
 * next page is read only once the file has taken them (backpressure), so memory stays flat whatever the size of
 * the export and no page-sized text or array is built on the way.
 */

export type ExportFileFormat = 'csv' | 'xlsx' | 'json'

export interface ExportWriter {
  /** Rows, each with a cell per column (in the order of the header), taken one at a time. */
  write(rows: Iterable<Cell[]>): Promise<void>
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
  // The byte order mark makes Excel read UTF-8 (Chinese) correctly.
  await writeChunk(file, '\uFEFF')
  // RFC 4180 with CRLF.
  const lines = stringify({ record_delimiter: '\r\n', quoted_match: /[\r\n]/ })
  const written = pipeline(lines, file)
  // Awaited by finish or abort; a failure on the way also rejects the `drain` wait below.
  written.catch(() => undefined)
  const put = async (record: string[]) => {
    if (!lines.write(record)) await once(lines, 'drain')
  }
  await put(options.headers.map(guardFormula))
  return {
    write: async (rows) => {
      for (const row of rows) await put(row.map((cell) => guardFormula(textOf(cell, options.yesNo))))
    },
    finish: async () => {
      lines.end()
      await written
    },
    abort: async () => {
      lines.destroy()
      await written.catch(() => undefined)
    },
  }
}

/** Text gathered up to a chunk's size before it goes to the file: one write per row would cost more than the row. */
const textSink = (file: WriteStream) => {
  const chunkSize = 64 * 1024
  let pending = ''
  return {
    add: async (text: string) => {
      pending += text
      if (pending.length < chunkSize) return
      const chunk = pending
      pending = ''
      await writeChunk(file, chunk)
    },
    flush: async () => {
      if (pending === '') return
      const chunk = pending
      pending = ''
      await writeChunk(file, chunk)
    },
  }
}

const jsonValue = (cell: Cell): unknown => (cell instanceof Date ? cell.toISOString() : cell)

const jsonWriter = async (options: WriterOptions): Promise<ExportWriter> => {
  const file = await openFile(options.path)
  const sink = textSink(file)
  let first = true
  await sink.add('[')
  return {
    write: async (rows) => {
      for (const row of rows) {
        const object: Record<string, unknown> = {}
        options.keys.forEach((key, index) => {
          object[key] = jsonValue(row[index] ?? null)
        })
        await sink.add(`${first ? '\n' : ',\n'}${JSON.stringify(object)}`)
        first = false
      }
    },
    finish: async () => {
      await sink.add(first ? ']\n' : '\n]\n')
      await sink.flush()
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
