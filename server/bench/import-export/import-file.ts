import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { createPeople } from './people.js'

/**
 * The customers file a shop would bring from its old system: Chinese headers, phones typed every way people type
 * them, dates in several shapes (text, date cells, Excel day numbers), tags split by different marks, and some mess
 * (blank names, broken numbers, the same phone twice, stray spaces). Written as XLSX with ExcelJS's streaming writer,
 * and the same cells as CSV for the raw COPY comparison.
 */

export const importHeaders = ['姓名', '性别', '手机号码', '电子邮箱', '生日', '公司名称', '职业', '客户来源', '客户标签', '联系地址', '注册日期', '备注']

export interface ImportFileFacts {
  rows: number
  /** Rows the import must refuse: no name, a broken number, or a phone an earlier row already has. */
  expectedInvalid: { blankName: number; badPhone: number; duplicatePhone: number }
}

const fullWidth = (text: string) => text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0))

export const writeImportFile = async (options: { xlsxPath: string; csvPath: string; rows: number; seed: number }): Promise<ImportFileFacts> => {
  const people = createPeople(options.seed)
  const { random, pick, between } = people.dice
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: options.xlsxPath, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet('客户资料')
  sheet.addRow(importHeaders).commit()
  const csv = createWriteStream(options.csvPath)
  const facts: ImportFileFacts = { rows: options.rows, expectedInvalid: { blankName: 0, badPhone: 0, duplicatePhone: 0 } }
  const earlierPhones: string[] = []
  let csvChunk: string[][] = []

  for (let row = 0; row < options.rows; row += 1) {
    const person = people.next()
    const national = person.mobile.slice(3)
    const mess = random()
    let name: string = person.name
    let phone: string | number
    if (mess < 0.005) {
      name = '  '
      facts.expectedInvalid.blankName += 1
    }
    if (mess >= 0.005 && mess < 0.008) {
      phone = `${national.slice(0, 5)}`
      facts.expectedInvalid.badPhone += 1
    } else if (mess >= 0.008 && mess < 0.013 && earlierPhones.length > 0) {
      phone = pick(earlierPhones)
      facts.expectedInvalid.duplicatePhone += 1
    } else {
      const shapes: (() => string | number)[] = [
        () => national,
        () => `${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`,
        () => `+86 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
        () => `0086${national}`,
        () => `(+86)${national}`,
        () => fullWidth(national),
        () => Number(national),
        () => ` ${national} `,
      ]
      phone = (shapes[Math.floor(random() * shapes.length)] as () => string | number)()
      if (person.secondMobile !== null) phone = `${String(phone)} / ${person.secondMobile.slice(3)}`
      if (earlierPhones.length < 5000) earlierPhones.push(national)
    }
    const [year, month, day] = (person.birthday ?? '').split('-').map(Number) as [number, number, number]
    const birthdayShapes: (() => string | number | Date | null)[] = [
      () => person.birthday,
      () => `${year}/${month}/${day}`,
      () => `${year}.${month}.${day}`,
      () => `${year}年${month}月${day}日`,
      () => new Date(Date.UTC(year, month - 1, day)),
      () => Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000),
    ]
    const birthday = person.birthday === null ? null : (birthdayShapes[Math.floor(random() * birthdayShapes.length)] as () => string | number | Date | null)()
    const tagMark = pick([';', '、', ',', '；', ' '])
    const created = new Date(person.createdAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
    const cells: (string | number | Date | null)[] = [
      name,
      person.gender === 'male' ? pick(['男', '男', 'M', 'male']) : pick(['女', '女', 'F', 'female']),
      phone,
      person.email,
      birthday,
      person.company,
      person.occupation,
      person.source,
      person.tags.join(tagMark),
      `${person.district.provinceName}${person.district.cityName}${person.district.districtName}${person.street}`,
      created,
      random() < 0.1 ? pick(['周末来店', '喜欢新品，价格敏感', '老客户介绍来的', '需要发票', '电话不方便，加微信联系']) : null,
    ]
    sheet.addRow(cells).commit()
    csvChunk.push(cells.map((cell) => (cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell))))
    if (csvChunk.length === 5000) {
      if (!csv.write(stringify(csvChunk))) await once(csv, 'drain')
      csvChunk = []
    }
    if (between(0, 1999) === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  csv.write(stringify(csvChunk))
  csv.end()
  await once(csv, 'close')
  sheet.commit()
  await workbook.commit()
  return facts
}
