import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../config.js'
import { createDb } from '../../db/prisma.js'
import { makeTempDir, silentLogger, startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, freshMobile, signInStaff, type Staff } from '../customers/customers.test-support.js'
import type { ExportJobDto } from './exports.schemas.js'
import { purgeExpiredExportFiles } from './exports.service.js'

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

  it('a salesperson allowed to export gets only their own customers, phones and emails masked as in the list', async () => {
    const roles = await server.api.get<{ items: { id: string; key: string | null; permissions: string[] }[] }>('/api/roles', { token: staff.admin })
    const sales = roles.body.items.find((role) => role.key === 'sales')
    expect(sales).toBeDefined()
    const patched = await server.api.patch(`/api/roles/${sales?.id}`, {
      token: staff.admin,
      body: { permissions: [...(sales?.permissions ?? []), 'customer:export'] },
    })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    const sales1 = await server.login('sales1')

    const { job, bytes } = await exported(sales1, { format: 'json', filter: { tagIds: [tagId] } })
    expect(job.fullContacts).toBe(false)
    const rows = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>[]
    expect(rows.map((row) => row.name).sort()).toEqual([`${marker}乙, "老客户"`, `${marker}甲`])
    const jia = rows.find((row) => row.name === `${marker}甲`)
    expect(jia?.phone).toEqual(['138****8000', '139****9000'])
    expect(jia?.email).toEqual(['j***@example.com'])
  })

  it('a manager exports the customers of their team only, in full (they hold customer:reveal_phone)', async () => {
    const { job, bytes } = await exported(staff.manager, { format: 'csv', filter: { tagIds: [tagId] } })
    expect(job.fullContacts).toBe(true)
    expect(job.total).toBe(2)
    const text = csvRows(bytes)
    expect(text).toContain(`${marker}甲`)
    expect(text).not.toContain(`${marker}丙`)
    expect(text).not.toContain(`${marker}丁`)
    expect(text).toContain('138 0013 8000')
  })

  it('the filter is the list\'s: the same customers in the same order as GET /api/customers', async () => {
    const query = { keyword: marker, tagIds: [tagId] }
    const listed = await customers.list(staff.admin, `?keyword=${encodeURIComponent(marker)}&tagIds=${tagId}&sort=createdAt&order=asc&limit=100`)
    const { bytes } = await exported(staff.admin, { format: 'json', filter: query, sort: { field: 'createdAt', order: 'asc' } })
    const rows = JSON.parse(bytes.toString('utf8')) as { id: string }[]
    expect(rows.map((row) => row.id)).toEqual(listed.body.items.map((item) => item.id))
    const narrowed = await exported(staff.admin, { format: 'json', filter: { keyword: `${marker}丙` } })
    expect((JSON.parse(narrowed.bytes.toString('utf8')) as { name: string }[]).map((row) => row.name)).toEqual([`${marker}丙`])
  })

  it('an Excel export opens in ExcelJS with a bold, frozen header row in the request\'s language', async () => {
    const { file, bytes } = await exported(staff.admin, { format: 'xlsx', filter: { tagIds: [tagId] }, sort: { field: 'name', order: 'asc' } }, 'en-US')
    expect(file.headers.get('content-type')).toContain('spreadsheetml')
    expect(file.headers.get('content-disposition')).toContain('customers-export-')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet?.name).toBe('Customers')
    const header = sheet?.getRow(1)
    expect(header?.getCell(1).value).toBe('Customer ID')
    expect(header?.getCell(2).value).toBe('Name')
    expect(header?.getCell(12).value).toBe('Phone')
    expect(header?.getCell(27).value).toBe('微信号')
    expect(header?.font?.bold ?? header?.getCell(1).font?.bold).toBe(true)
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet?.rowCount).toBe(5)
    const names = [2, 3, 4, 5].map((row) => String(sheet?.getRow(row).getCell(2).value))
    expect(names).toContain(`${marker}甲`)
    const jia = [2, 3, 4, 5].map((row) => sheet?.getRow(row)).find((row) => row?.getCell(2).value === `${marker}甲`)
    expect(jia?.getCell(12).value).toBe('138 0013 8000;139 0013 9000')
    expect(jia?.getCell(21).value).toBe(0)
  })

  it('a JSON export is an array of objects keyed by column id, with codes, ISO times and custom fields', async () => {
    const { bytes } = await exported(staff.admin, { format: 'json', filter: { keyword: `${marker}甲` } })
    const [jia] = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>[]
    expect(jia).toMatchObject({
      name: `${marker}甲`,
      gender: 'unknown',
      lifecycleStatus: 'new',
      phone: ['138 0013 8000', '139 0013 9000'],
      email: ['jia@example.com'],
      tags: [`${marker}标签`],
      consentMarketing: false,
      orderCount: 0,
      totalSpent: '0.00',
      'customFields.wechat_id': 'jia_wx',
    })
    expect(String(jia?.createdAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('chosen columns come in the order asked; an unknown column or custom field answers 422 naming it', async () => {
    const { bytes } = await exported(staff.admin, { format: 'csv', filter: { keyword: `${marker}甲` }, columns: ['customFields.wechat_id', 'name'] })
    expect(bytes.toString('utf8')).toBe(`\uFEFF微信号,姓名\r\njia_wx,${marker}甲\r\n`)
    const unknownColumn = await startExport(staff.admin, { format: 'csv', columns: ['name', 'shoeSize'] }, 'en-US')
    expect(unknownColumn.status).toBe(422)
    expect(unknownColumn.body.details?.map((detail) => detail.field)).toEqual(['columns.1'])
    const unknownField = await startExport(staff.admin, { format: 'csv', filter: { customFields: { shoe_size: 'x' } } })
    expect(unknownField.status).toBe(422)
    expect(unknownField.body.details?.map((detail) => detail.field)).toEqual(['filter.customFields.shoe_size'])
    const unknownFormat = await startExport(staff.admin, { format: 'pdf' })
    expect(unknownFormat.status).toBe(422)
    expect(unknownFormat.body.details?.map((detail) => detail.field)).toEqual(['format'])
  })

  it('contacts and orders exports hold those of the matching customers, one row per order item', async () => {
    const listed = await customers.list(staff.admin, `?keyword=${encodeURIComponent(`${marker}甲`)}`)
    const jiaId = listed.body.items[0]?.id ?? ''
    const contact = await server.api.post(`/api/customers/${jiaId}/contacts`, {
      token: staff.admin,
      body: { name: '甲的助理', title: '助理', phones: [{ number: '13700137000' }] },
    })
    expect(contact.status, JSON.stringify(contact.body)).toBe(201)
    const order = await server.api.post(`/api/customers/${jiaId}/orders`, {
      token: staff.admin,
      body: {
        orderNo: `EX-${process.pid}`,
        orderedAt: '2026-01-02T03:04:05.000Z',
        status: 'paid',
        items: [
          { product: '净水器', quantity: 1, unitPrice: '1000.00' },
          { product: '滤芯', quantity: 2, unitPrice: '100.00' },
        ],
      },
    })
    expect(order.status, JSON.stringify(order.body)).toBe(201)

    const contacts = csvRows((await exported(staff.admin, { entity: 'contacts', format: 'csv', filter: { tagIds: [tagId] } })).bytes)
    expect(contacts.slice(1).split('\r\n')[0]).toBe('客户编号,客户姓名,客户手机,姓名,职务,关系,手机,邮箱,备注,创建时间')
    expect(contacts).toContain(`${jiaId},${marker}甲,138 0013 8000,甲的助理,助理,,137 0013 7000,,,`)
    const orders = csvRows((await exported(staff.admin, { entity: 'orders', format: 'csv', filter: { tagIds: [tagId] } })).bytes)
    const orderLines = orders.slice(1).split('\r\n').filter((line) => line !== '')
    expect(orderLines[0]).toBe('客户编号,客户姓名,客户手机,订单号,下单时间,状态,渠道,金额,商品,数量,单价,备注')
    expect(orderLines.slice(1)).toEqual([
      `${jiaId},${marker}甲,138 0013 8000,EX-${process.pid},2026-01-02 11:04:05,已支付,,1200,净水器,1,1000,`,
      `${jiaId},${marker}甲,138 0013 8000,EX-${process.pid},2026-01-02 11:04:05,已支付,,1200,滤芯,2,100,`,
    ])
  })

  it('the export is audited when it completes, and exports are each user\'s own', async () => {
    const { job } = await exported(staff.admin, { format: 'json', filter: { tagIds: [tagId] } })
    const entries = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ resource: string; meta: Record<string, unknown> }>(
        "SELECT resource, meta FROM audit_logs WHERE action = 'export' AND meta->>'exportId' = $1", [job.id],
      )).rows,
    )
    expect(entries).toEqual([
      { resource: 'customer', meta: { exportId: job.id, format: 'json', entity: 'customers', filter: { tagIds: [tagId] }, rows: 4, fullContacts: true } },
    ])
    const others = await server.api.get<ExportBody>(`/api/exports/${job.id}`, { token: staff.manager })
    expect(others.status).toBe(404)
    expect(others.body.code).toBe('EXPORT_NOT_FOUND')
    const mine = await server.api.get<{ items: ExportJobDto[] }>('/api/exports', { token: staff.manager })
    expect(mine.body.items.map((item) => item.id)).not.toContain(job.id)
    const own = await server.api.get<{ items: ExportJobDto[] }>('/api/exports?limit=1', { token: staff.admin })
    expect(own.body.items.map((item) => item.id)).toEqual([job.id])
    expect((await server.api.get('/api/exports', { token: await server.login('service1') })).status).toBe(403)
  })

  it('a failed export says why in the reader\'s language, beside its code', async () => {
    const { job } = await exported(staff.admin, { format: 'csv', filter: { tagIds: [tagId] } })
    expect(job.errorMessage).toBeNull()
    // As the job stores a failure (the list grew past Excel's limit while it waited).
    await withDatabaseClient(server.database.url, (client) =>
      client.query(`UPDATE export_jobs SET status = 'failed', error_code = 'EXPORT_TOO_LARGE', expires_at = NULL WHERE id = $1`, [job.id]),
    )
    const failed = await server.api.get<ExportBody>(`/api/exports/${job.id}`, { token: staff.admin })
    expect(failed.body).toMatchObject({ status: 'failed', errorCode: 'EXPORT_TOO_LARGE', downloadUrl: null })
    expect(failed.body.errorMessage).toBe('行数超过 Excel 的上限（1,048,575 行），请导出为 CSV 或缩小筛选范围')
    const english = await server.api.get<ExportBody>(`/api/exports/${job.id}`, { token: staff.admin, language: 'en-US' })
    expect(english.body.errorMessage).toBe('More rows than Excel holds (1,048,575): export to CSV or narrow the filter')
  })

  it('a forged or borrowed download token is refused, and no token at all is a validation error', async () => {
    const { job } = await exported(staff.admin, { format: 'csv', filter: { tagIds: [tagId] } })
    const other = await exported(staff.admin, { format: 'json', filter: { tagIds: [tagId] } })
    const token = new URL(job.downloadUrl ?? '', server.url).searchParams.get('token') ?? ''
    const [keyId, sealed] = token.split('.')
    const flipped = `${keyId}.${sealed?.slice(0, -2)}${sealed?.endsWith('AA') ? 'BA' : 'AA'}`
    for (const forged of [flipped, `${keyId}.${Buffer.from(`${job.id}|${Date.now() + 3_600_000}`).toString('base64url')}`, 'nonsense']) {
      const refused = await fetch(new URL(`/api/exports/${job.id}/download?token=${encodeURIComponent(forged)}`, server.url))
      expect(refused.status).toBe(404)
    }
    const borrowed = new URL(other.job.downloadUrl ?? '', server.url).searchParams.get('token') ?? ''
    expect((await fetch(new URL(`/api/exports/${job.id}/download?token=${encodeURIComponent(borrowed)}`, server.url))).status).toBe(404)
    expect((await fetch(new URL(`/api/exports/${job.id}/download`, server.url))).status).toBe(422)
  })
  it('an exported CSV goes back in through the import with the automatic mapping, column by column', async () => {
    const { bytes } = await exported(staff.admin, { format: 'csv', filter: { tagIds: [tagId] } })
    const form = new FormData()
    form.append('file', new Blob([bytes]), 'export.csv')
    const uploaded = await server.api.post<{ status: string; headers: string[]; totalRows: number; suggestedMapping: { columns: { header: string; target: string | null }[] } }>(
      '/api/imports',
      { token: staff.admin, body: form },
    )
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
    expect(uploaded.body.totalRows).toBe(4)
    const targets = Object.fromEntries(uploaded.body.suggestedMapping.columns.map((column) => [column.header, column.target]))
    expect(targets).toEqual({
      客户编号: null,
      姓名: 'name',
      性别: 'gender',
      生日: 'birthday',
      职业: 'occupation',
      公司: 'company',
      行业: 'industry',
      来源: 'source',
      等级: 'level',
      生命周期: 'lifecycleStatus',
      负责人: 'owner',
      手机: 'phone',
      邮箱: 'email',
      地址: 'address',
      省: 'province',
      市: 'city',
      区: 'district',
      标签: 'tags',
      分组: 'groups',
      营销同意: 'consentMarketing',
      订单数: null,
      累计消费: null,
      最近购买: null,
      最近联系: null,
      创建时间: 'createdAt',
      备注: 'notes',
      微信号: 'customFields.wechat_id',
    })
  })
})

describe('exports: expiry, housekeeping and exports larger than one batch', () => {
  let server: TestServer
  let dataDir: { path: string; remove: () => Promise<void> }
  let admin: string
  // About eleven seconds: long enough to check and download once on a loaded machine, short enough to wait for.
  const exportTtlHours = 0.003

  beforeAll(async () => {
    dataDir = await makeTempDir('exports')
    server = await startTestServer({ seedDemo: false, dataDir: dataDir.path, dataTransfer: { ...readConfig({}).dataTransfer, exportTtlHours } })
    admin = await server.login('admin')
  })
  afterAll(async () => {
    await server?.close()
    await dataDir?.remove()
  })

  const finished = async (id: string): Promise<ExportJobDto> => {
    for (;;) {
      const current = await server.api.get<ExportJobDto>(`/api/exports/${id}`, { token: admin })
      if (current.body.status === 'completed' || current.body.status === 'failed') return current.body
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  it('5,000 customers come out whole and in the list\'s order across several keyset pages', async () => {
    // Straight into the table (with its triggers): creating them one by one through the API would take minutes.
    await withDatabaseClient(server.database.url, (client) =>
      client.query(`INSERT INTO customers (id, name, created_at, updated_at)
        SELECT gen_random_uuid(), '批量客户' || g, now() - make_interval(secs => g % 1500), now() FROM generate_series(1, 5000) AS g`),
    )
    const started = await server.api.post<ExportJobDto>('/api/exports', { token: admin, body: { format: 'json', columns: ['id', 'createdAt'] } })
    expect(started.status).toBe(202)
    expect(started.body.total).toBe(5000)
    const done = await finished(started.body.id)
    expect(done).toMatchObject({ status: 'completed', total: 5000, progress: { processed: 5000, total: 5000, percent: 100 } })
    const rows = JSON.parse(await (await fetch(new URL(done.downloadUrl ?? '', server.url))).text()) as { id: string; createdAt: string }[]
    expect(rows).toHaveLength(5000)
    expect(new Set(rows.map((row) => row.id)).size).toBe(5000)
    const inListOrder = [...rows].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
    expect(rows.map((row) => row.id)).toEqual(inListOrder.map((row) => row.id))
  })

  it('after its time the link answers 410 and the hourly housekeeping removes the file', async () => {
    const started = await server.api.post<ExportJobDto>('/api/exports', { token: admin, body: { format: 'csv', filter: { keyword: '批量客户1' } } })
    const done = await finished(started.body.id)
    expect(done.status).toBe('completed')
    const url = new URL(done.downloadUrl ?? '', server.url)
    const file = join(dataDir.path, 'exports', `${done.id}.csv`)
    await stat(file)
    const db = createDb(server.database.url, silentLogger)
    try {
      // Before expiry the housekeeping keeps the file (the previous test's file may have expired already: not counted).
      await purgeExpiredExportFiles(db, dataDir.path)
      await stat(file)
      expect((await fetch(url)).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(done.expiresAt ?? '') - Date.now()) + 200))
      const expired = await fetch(url)
      expect(expired.status).toBe(410)
      expect(((await expired.json()) as { code: string }).code).toBe('EXPORT_EXPIRED')
      expect((await server.api.get<ExportJobDto>(`/api/exports/${done.id}`, { token: admin })).body.downloadUrl).toBeNull()
      expect(await purgeExpiredExportFiles(db, dataDir.path)).toBeGreaterThanOrEqual(1)
      await expect(stat(file)).rejects.toThrow()
      expect((await fetch(url)).status).toBe(410)
    } finally {
      await db.$disconnect()
    }
  })
})
