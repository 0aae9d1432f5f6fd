import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import type { CustomerAccess } from '../../access/customers.js'
import type { Db } from '../../db/prisma.js'
import type { AuthenticatedContext } from '../../http/context.js'
import type { MessageKey } from '../../http/i18n.js'
import { issueMessage, issueParams as paramsOf } from './imports.messages.js'
import type { StoredJob } from './imports.service.js'

const pageSize = 5_000

/**
 * The validation report as a workbook in the reader's language: the issues (行号, 列, 值, 问题, 级别) and, after
 * a run, the result of every row. Written with exceljs' streaming writer, page by page.
 */
export const buildReport = async (db: Db, access: CustomerAccess, ctx: AuthenticatedContext, job: StoredJob): Promise<{ fileName: string; body: Buffer }> => {
  const t = ctx.t
  const output = new PassThrough()
  const chunks: Buffer[] = []
  output.on('data', (chunk: Buffer) => chunks.push(chunk))
  const finished = new Promise<void>((resolve, reject) => {
    output.on('end', resolve)
    output.on('error', reject)
  })
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false })

  const issues = workbook.addWorksheet(t('imports.report.issues_sheet'), { views: [{ state: 'frozen', ySplit: 1 }] })
  issues.columns = [
    { header: t('imports.report.row'), key: 'row', width: 8 },
    { header: t('imports.report.column'), key: 'column', width: 18 },
    { header: t('imports.report.value'), key: 'value', width: 28 },
    { header: t('imports.report.problem'), key: 'problem', width: 48 },
    { header: t('imports.report.severity'), key: 'severity', width: 8 },
  ]
  issues.getRow(1).font = { bold: true }
  issues.getRow(1).commit()
  for (let after = -1n; ; ) {
    const page = await db.importIssue.findMany({ where: { importId: job.id, id: { gt: after } }, orderBy: { id: 'asc' }, take: pageSize })
    for (const issue of page) {
      issues.addRow({
        row: issue.rowNumber,
        column: issue.column ?? '',
        value: issue.value ?? '',
        problem: issueMessage(t, issue.code, paramsOf(issue.params)),
        severity: t(issue.severity === 'warning' ? 'imports.report.warning' : 'imports.report.error'),
      }).commit()
    }
    const last = page[page.length - 1]
    if (last === undefined || page.length < pageSize) break
    after = last.id
  }
  issues.commit()

  const hasResults = (await db.importRowResult.count({ where: { importId: job.id } })) > 0
  if (hasResults) {
    const results = workbook.addWorksheet(t('imports.report.results_sheet'), { views: [{ state: 'frozen', ySplit: 1 }] })
    results.columns = [
      { header: t('imports.report.row'), key: 'row', width: 8 },
      { header: t('imports.report.outcome'), key: 'outcome', width: 10 },
      { header: t('imports.report.customer'), key: 'customer', width: 20 },
      { header: t('imports.report.message'), key: 'message', width: 48 },
    ]
    results.getRow(1).font = { bold: true }
    results.getRow(1).commit()
    for (let after = 0; ; ) {
      const page = await db.importRowResult.findMany({ where: { importId: job.id, rowNumber: { gt: after } }, orderBy: { rowNumber: 'asc' }, take: pageSize })
      const names = await access.namesInScope(ctx, [...new Set(page.flatMap((row) => (row.customerId === null ? [] : [row.customerId])))])
      const failed = page.filter((row) => row.outcome === 'failed').map((row) => row.rowNumber)
      const problems = failed.length === 0 ? [] : await db.importIssue.findMany({ where: { importId: job.id, rowNumber: { in: failed }, severity: 'error' }, orderBy: { id: 'asc' } })
      const firstProblem = new Map<number, (typeof problems)[number]>()
      for (const problem of problems) if (!firstProblem.has(problem.rowNumber)) firstProblem.set(problem.rowNumber, problem)
      for (const row of page) {
        const problem = firstProblem.get(row.rowNumber)
        results.addRow({
          row: row.rowNumber,
          outcome: t(`imports.report.${row.outcome}` as MessageKey),
          customer: row.customerId === null ? '' : (names.get(row.customerId) ?? ''),
          message: problem === undefined ? '' : `${problem.column === null ? '' : `${problem.column}: `}${issueMessage(t, problem.code, paramsOf(problem.params))}`,
        }).commit()
      }
      const last = page[page.length - 1]
      if (last === undefined || page.length < pageSize) break
      after = last.rowNumber
    }
    results.commit()
  }
  await workbook.commit()
  await finished
  const base = job.fileName.replace(/\.[^.]+$/, '')
  return { fileName: `${base}-${t('imports.report.issues_sheet')}.xlsx`, body: Buffer.concat(chunks) }
}
