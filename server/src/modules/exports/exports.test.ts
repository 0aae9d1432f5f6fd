import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, freshMobile, insertStaff, signInStaff, type Staff } from '../customers/customers.test-support.js'
import type { ExportJobDto } from './exports.schemas.js'

type ExportBody = ExportJobDto & { code?: string; details?: { field: string; message: string }[] }

describe('exports: customers to CSV, Excel and JSON', () => {
  let server: TestServer
  let staff: Staff
  let customers: ReturnType<typeof customerClient>
  let tagId: string
  const marker = `导出${process.pid}`

  const startExport = async (token: string, body: unknown, language?: string) =>
    server.api.post<ExportBody>('/api/exports', { token, body, ...(language === undefined ? {} : { language }) })

  /** Polls the export until its job has finished, as the console's progress bar does. */
  const finished = async (token: string, id: string): Promise<ExportJobDto> => {
    for (;;) {
      const current = await server.api.get<ExportBody>(`/api/exports/${id}`, { token })
      expect(current.status).toBe(200)
      if (current.body.status === 'completed' || current.body.status === 'failed') return current.body
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  const exported = async (token: string, body: unknown, language?: string) => {
    const started = await startExport(token, body, language)
    expect(started.status, JSON.stringify(started.body)).toBe(202)
    const done = await finished(token, started.body.id)
    expect(done.status, JSON.stringify(done)).toBe('completed')
    expect(done.downloadUrl).not.toBeNull()
    // The link works without a bearer header, as a browser follows it.
    const file = await fetch(new URL(done.downloadUrl ?? '', server.url))
    expect(file.status).toBe(200)
    return { job: done, file, bytes: Buffer.from(await file.arrayBuffer()) }
  }

  const csvRows = (bytes: Buffer) => {
    const text = bytes.toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    return text
  }

  beforeAll(async () => {
    server = await startTestServer()
    staff = await signInStaff(server)
    customers = customerClient(server)
    tagId = (await server.api.post<{ id: string }>('/api/tags', { token: staff.admin, body: { name: `${marker}标签` } })).body.id
    expect((await server.api.post('/api/custom-fields', { token: staff.admin, body: { key: 'wechat_id', label: '微信号', type: 'text' } })).status).toBe(201)
    const seed: [string, Record<string, unknown>][] = [
      [staff.sales1, { name: `${marker}甲`, phones: [{ number: '13800138000' }, { number: '13900139000' }], emails: [{ address: 'jia@example.com' }], tagIds: [tagId], customFields: { wechat_id: 'jia_wx' } }],
      [staff.sales1, { name: `${marker}乙, "老客户"`, phones: [{ number: freshMobile() }], notes: '第一行\n第二行', tagIds: [tagId] }],
      [staff.sales2, { name: `${marker}丙`, phones: [{ number: freshMobile() }], company: '=HYPERLINK("http://evil.example")', tagIds: [tagId] }],
      [staff.sales2, { name: `${marker}丁`, company: '+86 贸易', notes: '@所有人', tagIds: [tagId] }],
    ]
    for (const [token, body] of seed) {
      const created = await customers.create(token, body)
      expect(created.status, JSON.stringify(created.body)).toBe(201)
    }
  })
  afterAll(() => server?.close())

  it('a manager exports the filtered list to CSV with a BOM, CRLF, quoting, full phones and the formula guard', async () => {
    const { job, file, bytes } = await exported(staff.admin, { format: 'csv', filter: { tagIds: [tagId] }, sort: { field: 'name', order: 'asc' } })
    expect(job.total).toBe(4)
    expect(job.fullContacts).toBe(true)
    expect(file.headers.get('content-type')).toContain('text/csv')
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''%E5%AE%A2%E6%88%B7%E5%AF%BC%E5%87%BA-\d{8}-\d{4}\.csv$/)
    const text = csvRows(bytes)
    const lines = text.slice(1).split('\r\n')
    expect(lines[0]).toBe(
      '客户编号,姓名,性别,生日,职业,公司,行业,来源,等级,生命周期,负责人,手机,邮箱,地址,省,市,区,标签,分组,营销同意,订单数,累计消费,最近购买,最近联系,创建时间,备注,微信号',
    )
    expect(text).toContain('138 0013 8000;139 0013 9000')
    expect(text).toContain('jia@example.com')
    expect(text).toContain(`"${marker}乙, ""老客户"""`)
    expect(text).toContain('"第一行\n第二行"')
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(text).toContain("'+86 贸易")
    expect(text).toContain("'@所有人")
    expect(text).toContain('jia_wx')
    expect(text.endsWith('\r\n')).toBe(true)
  })
})
