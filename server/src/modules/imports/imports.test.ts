import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type ErrorBody, type TestServer } from '../../test/support.js'
import type { CustomerDto, RevealedContactsDto } from '../customers/customers.schemas.js'
import type { ImportFieldListDto, ImportIssueListDto, ImportJobDto } from './imports.schemas.js'
import { readConfig } from '../../config.js'
import { fixture, importClient, messTargets } from './imports.test-support.js'

type Customer = CustomerDto & ErrorBody

/** The problems of the messy list (fixtures/make-fixtures.ts), the same in the GBK CSV and the XLSX. */
const messErrors = [
  { rowNumber: 7, column: '手机号', value: '138-0013-8000', code: 'duplicate_in_file' },
  { rowNumber: 8, column: '手机号', value: '12345', code: 'invalid_phone' },
  { rowNumber: 9, column: '邮箱', value: 'not-an-email', code: 'invalid_email' },
  { rowNumber: 10, column: '生日', value: '1990-02-30', code: 'invalid_date' },
  { rowNumber: 11, column: '客户状态', value: '未知状态', code: 'invalid_option' },
  { rowNumber: 12, column: '负责人', value: 'sales2', code: 'owner_out_of_scope' },
  { rowNumber: 13, column: '姓名', value: null, code: 'required' },
  { rowNumber: 14, column: '分组', value: '不存在的分组', code: 'unknown_group' },
  { rowNumber: 15, column: '等级', value: '钻石卡', code: 'unknown_level' },
  { rowNumber: 16, column: '邮箱', value: 'ZHANG.WEI@example.com', code: 'duplicate_in_file' },
  { rowNumber: 17, column: '负责人', value: 'nobody', code: 'unknown_owner' },
]

const errorsOf = (issues: ImportIssueListDto) =>
  issues.items.filter((issue) => issue.severity === 'error').map(({ rowNumber, column, value, code }) => ({ rowNumber, column, value, code }))

describe('importing customers, contacts and orders from files', () => {
  let server: TestServer
  let admin = ''
  let manager = ''
  let sales = ''
  let imports: ReturnType<typeof importClient>
  /** The customers the messy list created, by name. */
  const created = new Map<string, string>()

  beforeAll(async () => {
    server = await startTestServer({ dataTransfer: { ...readConfig({}).dataTransfer, importMaxFileBytes: 1024 * 1024 } })
    ;[admin, manager, sales] = await Promise.all([server.login('admin'), server.login('manager'), server.login('sales1')])
    imports = importClient(server)
  })
  afterAll(() => server?.close())

  const customer = async (id: string) => {
    const answer = await server.api.get<Customer>(`/api/customers/${id}`, { token: admin })
    expect(answer.status).toBe(200)
    return answer.body
  }
  const revealed = async (id: string) => (await server.api.post<RevealedContactsDto>(`/api/customers/${id}/reveal`, { token: admin })).body
  const customerCount = () =>
    withDatabaseClient(server.database.url, async (client) => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM customers')).rows[0]?.n))

  it('a manager imports a GBK file with full-width phone numbers, serial dates and a repeated phone: the report names row, column, value and problem', async () => {
    const uploaded = await imports.upload(manager, '客户名单.csv', await fixture('customers-mess-gbk.csv'))
    expect(uploaded.status).toBe(201)
    expect(uploaded.body).toMatchObject({
      entity: 'customers',
      status: 'uploaded',
      fileName: '客户名单.csv',
      fileFormat: 'csv',
      encoding: 'gb18030',
      totalRows: 15,
      headers: ['姓名', '手机号', '邮箱', '生日', '地址', '地址 (2)', '地址 (3)', '客户状态', '标签', '分组', '等级', '营销同意', '负责人', '注册时间', '备注'],
      mapping: null,
      createdBy: { displayName: '王经理' },
    })
    expect(uploaded.body.preview[0]?.slice(0, 2)).toEqual(['张伟', '１３８　００１３　８０００'])
    expect(uploaded.body.preview).toHaveLength(15)
    // The guess: header words; the merged address's copies are left for a person to map.
    const guessed = Object.fromEntries(uploaded.body.suggestedMapping.columns.map((column) => [column.header, column.target]))
    expect(guessed).toEqual({
      姓名: 'name', 手机号: 'phone', 邮箱: 'email', 生日: 'birthday', 地址: 'address', '地址 (2)': null, '地址 (3)': null,
      客户状态: 'lifecycleStatus', 标签: 'tags', 分组: 'groups', 等级: 'level', 营销同意: 'consentMarketing', 负责人: 'owner',
      注册时间: 'createdAt', 备注: 'notes',
    })

    const validated = await imports.validate(manager, uploaded.body, messTargets)
    expect(validated).toMatchObject({ status: 'validated', validRows: 4, invalidRows: 11 })
    const issues = await imports.issues(manager, uploaded.body.id)
    expect(errorsOf(issues)).toEqual(messErrors)
    expect(issues.items.find((issue) => issue.code === 'duplicate_in_file' && issue.rowNumber === 7)?.message).toBe('与第 3 行重复（手机号），以前面的行为准')
    expect(issues.items.find((issue) => issue.code === 'invalid_phone')?.message).toBe('不是有效的电话号码')
    // Normalised values are kept and said: full-width digits, an Excel day number typed as text.
    expect(issues.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ rowNumber: 3, column: '手机号', code: 'adjusted', severity: 'warning', message: '已规范为 +8613800138000' }),
      expect.objectContaining({ rowNumber: 4, column: '生日', value: '32874', code: 'adjusted', message: '已规范为 1990-01-01' }),
      expect.objectContaining({ rowNumber: 6, column: '注册时间', value: '45000', code: 'adjusted', message: '已规范为 2023-03-15' }),
    ]))
    const english = await imports.issues(manager, uploaded.body.id, '&severity=error', 'en-US')
    expect(english.total).toBe(11)
    expect(english.items.find((issue) => issue.code === 'unknown_level')?.message).toBe('No such customer level: 钻石卡')

    const done = await imports.run(manager, uploaded.body.id, 'skip')
    expect(done).toMatchObject({ status: 'completed', counts: { created: 4, updated: 0, skipped: 0, failed: 11 }, progress: { processed: 15, total: 15, percent: 100 } })
    const rows = await imports.rows(manager, uploaded.body.id)
    expect(rows.total).toBe(15)
    expect(rows.items.filter((row) => row.outcome === 'created').map((row) => [row.rowNumber, row.customer?.name])).toEqual([[3, '张伟'], [4, '李娜'], [5, '王芳'], [6, '赵磊']])
    expect(rows.items.find((row) => row.rowNumber === 8)).toEqual({ rowNumber: 8, outcome: 'failed', customer: null, message: '手机号: 不是有效的电话号码' })
    for (const row of rows.items) if (row.customer !== null) created.set(row.customer.name, row.customer.id)
    const failed = await imports.rows(manager, uploaded.body.id, '&outcome=failed')
    expect(failed.items.map((row) => row.rowNumber)).toEqual(messErrors.map((error) => error.rowNumber))
  })

  it('the imported customers hold the normalised values: E.164 phones, days from serial numbers, regions, tags, groups, level, owner and consent', async () => {
    const zhang = await customer(created.get('张伟') ?? '')
    expect(zhang).toMatchObject({
      name: '张伟',
      birthday: '1990-03-08',
      lifecycleStatus: 'active',
      level: { name: 'VIP' },
      owner: { displayName: '李娜' },
      consent: { marketing: true, channel: 'import' },
      notes: '全角 空格备注',
      createdAt: '2021-04-30T16:00:00.000Z',
      addresses: [expect.objectContaining({ provinceName: '浙江省', cityName: '杭州市', street: '文三路 90 号', primary: true })],
    })
    expect(zhang.tags.map((tag) => tag.name).sort()).toEqual(['VIP', '团购'])
    expect(zhang.groups.map((group) => group.name)).toEqual(['杭州客户'])
    expect(zhang.phones[0]?.number).toBe('138****8000')
    const zhangContacts = await revealed(zhang.id)
    expect(zhangContacts.phones.map((phone) => phone.number)).toEqual(['+8613800138000'])
    expect(zhangContacts.emails.map((email) => email.address)).toEqual(['zhang.wei@example.com'])

    const li = await customer(created.get('李娜') ?? '')
    expect(li).toMatchObject({
      name: '李娜', birthday: '1990-01-01', lifecycleStatus: 'prospect', level: { name: '重要' }, owner: { displayName: '王经理' },
      consent: { marketing: true }, createdAt: '2020-01-01T16:00:00.000Z',
      addresses: [expect.objectContaining({ provinceName: '上海市', cityName: '上海市', street: '世纪大道 100 号' })],
    })
    expect(li.groups.map((group) => group.name)).toEqual(['上海客户'])
    expect((await revealed(li.id)).phones.map((phone) => phone.number)).toEqual(['+8613900139000'])

    const wang = await customer(created.get('王芳') ?? '')
    expect(wang).toMatchObject({ birthday: '1988-06-15', lifecycleStatus: 'new', consent: { marketing: false }, owner: { displayName: '王经理' }, createdAt: '2019-07-02T16:00:00.000Z' })
    expect((await revealed(wang.id)).phones.map((phone) => phone.number)).toEqual(['+8613700137000'])

    const zhao = await customer(created.get('赵磊') ?? '')
    expect(zhao).toMatchObject({ birthday: '1985-12-01', lifecycleStatus: 'dormant', createdAt: '2023-03-14T16:00:00.000Z' })
    expect((await revealed(zhao.id)).phones.map((phone) => phone.number)).toEqual(['+861065529988', '+8613600136000'])

    // Found by the search like any customer (terms kept by the triggers, pinyin by the import).
    const found = await server.api.get<{ items: { id: string }[] }>(`/api/customers?keyword=${encodeURIComponent('13600136000')}`, { token: admin })
    expect(found.body.items.map((item) => item.id)).toEqual([zhao.id])
    const byPinyin = await server.api.get<{ items: { id: string }[] }>('/api/customers?keyword=zhaolei', { token: admin })
    expect(byPinyin.body.items.map((item) => item.id)).toContain(zhao.id)

    // The search terms written with the new customers are the ones the database's own function derives.
    const drifted = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query(`
        SELECT c.name FROM customers c
        WHERE c.id = ANY($1::uuid[])
          AND ARRAY(SELECT unnest(c.search_terms) ORDER BY 1) <> ARRAY(SELECT unnest(kezhi_customer_search_terms(c.id, c.name, c.company, c.pinyin_terms)) ORDER BY 1)`,
      [[...created.values()]])).rows,
    )
    expect(drifted).toEqual([])

    // One audit entry and one history event per customer, each naming the import.
    const traces = await withDatabaseClient(server.database.url, async (client) => ({
      audits: (await client.query(`SELECT customer_id FROM audit_logs WHERE action = 'create' AND resource = 'customer' AND meta ? 'importId'`)).rows.length,
      events: (await client.query(`SELECT customer_id FROM customer_events WHERE kind = 'created' AND payload ? 'importId'`)).rows.length,
    }))
    expect(traces).toEqual({ audits: 4, events: 4 })
    const zhangTrail = await withDatabaseClient(server.database.url, async (client) => ({
      audit: (await client.query<{ changes: Record<string, unknown>; meta: Record<string, unknown>; label: string; actor_name: string }>(
        `SELECT changes, meta, label, actor_name FROM audit_logs WHERE action = 'create' AND customer_id = $1`, [zhang.id])).rows[0],
      event: (await client.query<{ payload: { changes: { field: string; from: unknown; to: unknown }[] } }>(
        `SELECT payload FROM customer_events WHERE kind = 'created' AND customer_id = $1`, [zhang.id])).rows[0],
    }))
    expect(zhangTrail.audit).toMatchObject({
      label: '张伟',
      actor_name: '王经理',
      meta: { rowNumber: 3 },
      changes: { name: { before: null, after: '张伟' }, phones: { before: null, after: ['138****8000 (mobile, primary)'] }, tags: { before: null, after: ['VIP', '团购'] } },
    })
    expect(zhangTrail.event?.payload.changes).toEqual(expect.arrayContaining([{ field: 'owner', from: null, to: '李娜' }, { field: 'level', from: null, to: 'VIP' }]))
  })

  it('the validation report downloads as a workbook in the reader\'s language, with the row results after the run', async () => {
    const list = await server.api.get<{ items: ImportJobDto[] }>('/api/imports', { token: manager })
    const job = list.body.items[0] as ImportJobDto
    const response = await fetch(new URL(`/api/imports/${job.id}/report.xlsx`, server.url), { headers: { authorization: `Bearer ${manager}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.getWorksheet('校验问题')
    expect(sheet?.getRow(1).values).toEqual([undefined, '行号', '列', '值', '问题', '级别'])
    const lines: unknown[][] = []
    sheet?.eachRow((row, number) => {
      if (number > 1) lines.push((row.values as unknown[]).slice(1, 5))
    })
    expect(lines).toContainEqual([8, '手机号', '12345', '不是有效的电话号码'])
    expect(lines).toContainEqual([12, '负责人', 'sales2', '负责人不在你的数据范围内'])
    const results = workbook.getWorksheet('导入结果')
    expect(results?.getRow(2).values).toEqual([undefined, 3, '新建', '张伟'])
    expect(results?.rowCount).toBe(16)
  })

  it('running the same file again with skip adds nothing', async () => {
    const before = await customerCount()
    const again = await imports.upload(manager, '客户名单.csv', await fixture('customers-mess-gbk.csv'))
    await imports.validate(manager, again.body, messTargets)
    const done = await imports.run(manager, again.body.id, 'skip')
    expect(done.counts).toEqual({ created: 0, updated: 0, skipped: 4, failed: 11 })
    expect(await customerCount()).toBe(before)
    const skipped = await imports.rows(manager, again.body.id, '&outcome=skipped')
    expect(skipped.items[0]).toMatchObject({ rowNumber: 3, customer: { id: created.get('张伟'), name: '张伟' }, message: '已有相同电话或邮箱的客户，已跳过' })
  })

  it('the same mess as an XLSX: the merged header spreads over its columns, date cells, number cells and rich text read like the CSV, trailing rows and columns are ignored', async () => {
    const before = await customerCount()
    const uploaded = await imports.upload(manager, '客户名单.xlsx', await fixture('customers-mess.xlsx'))
    expect(uploaded.status).toBe(201)
    expect(uploaded.body).toMatchObject({ fileFormat: 'xlsx', encoding: null, sheets: ['客户', '说明'], sheetName: '客户', totalRows: 15 })
    expect(uploaded.body.headers).toEqual(['姓名', '手机号', '邮箱', '生日', '地址', '地址 (2)', '地址 (3)', '客户状态', '标签', '分组', '等级', '营销同意', '负责人', '注册时间', '备注'])
    expect(uploaded.body.preview[0]?.[0]).toBe('张伟')
    expect(uploaded.body.preview[2]?.[3]).toBe('1988-06-15')
    const validated = await imports.validate(manager, uploaded.body, messTargets)
    expect(validated).toMatchObject({ validRows: 4, invalidRows: 11 })
    expect(errorsOf(await imports.issues(manager, uploaded.body.id))).toEqual(messErrors)
    const done = await imports.run(manager, uploaded.body.id)
    expect(done.counts).toEqual({ created: 0, updated: 0, skipped: 4, failed: 11 })
    expect(await customerCount()).toBe(before)
  })

  it('a named sheet is read instead of the first one, and an unknown sheet is refused naming the sheets', async () => {
    const notes = await imports.upload(manager, '客户名单.xlsx', await fixture('customers-mess.xlsx'), { sheet: '说明' })
    expect(notes.status).toBe(422)
    expect(notes.body.code).toBe('IMPORT_FILE_EMPTY')
    const missing = await imports.upload(manager, '客户名单.xlsx', await fixture('customers-mess.xlsx'), { sheet: '不存在' })
    expect(missing.status).toBe(422)
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'sheet' })])
    expect(missing.body.details[0]?.message).toContain('客户')
  })

  it('a workbook whose first sheet is a note: the importer switches to the customers sheet, the preview and mapping follow, and the switch is closed once the run starts', async () => {
    const uploaded = await imports.upload(manager, '门店客户.xlsx', await fixture('notes-first.xlsx'))
    expect(uploaded.status).toBe(201)
    // The first sheet with data is read by default: here the note.
    expect(uploaded.body).toMatchObject({ sheetName: '填写说明', sheets: ['填写说明', '客户'], headers: ['请按“客户”表填写'], totalRows: 2 })

    const choose = (id: string, sheet: string) => server.api.put<ImportJobDto & ErrorBody>(`/api/imports/${id}/sheet`, { token: manager, body: { sheet } })
    const switched = await choose(uploaded.body.id, '客户')
    expect(switched.status).toBe(200)
    expect(switched.body).toMatchObject({ status: 'uploaded', sheetName: '客户', sheets: ['填写说明', '客户'], headers: ['姓名', '手机号'], totalRows: 2, mapping: null })
    expect(switched.body.preview).toEqual([['换表客户甲', '139 0000 7101'], ['换表客户乙', '+86 139-0000-7102']])
    expect(switched.body.suggestedMapping.columns.map((column) => column.target)).toEqual(['name', 'phone'])
    // The same after a reload: the job remembers its sheet.
    expect((await imports.get(manager, uploaded.body.id)).body).toMatchObject({ sheetName: '客户', headers: ['姓名', '手机号'] })

    const validated = await imports.validate(manager, switched.body, { 姓名: 'name', 手机号: 'phone' })
    expect(validated).toMatchObject({ status: 'validated', validRows: 2, invalidRows: 0 })
    // Still possible after validation: back to uploaded, the report is gone.
    const back = await choose(uploaded.body.id, '填写说明')
    expect(back.body).toMatchObject({ status: 'uploaded', sheetName: '填写说明', validRows: null, invalidRows: null, mapping: null })
    expect((await choose(uploaded.body.id, '不存在')).body.details).toEqual([expect.objectContaining({ field: 'sheet' })])

    const again = await choose(uploaded.body.id, '客户')
    expect(await imports.validate(manager, again.body, { 姓名: 'name', 手机号: 'phone' })).toMatchObject({ status: 'validated', sheetName: '客户', validRows: 2 })
    const done = await imports.run(manager, uploaded.body.id)
    expect(done).toMatchObject({ status: 'completed', counts: { created: 2, failed: 0 } })
    const closed = await choose(uploaded.body.id, '填写说明')
    expect(closed.status).toBe(409)
    expect(closed.body.code).toBe('IMPORT_STATE_CONFLICT')

    // A CSV has no sheets to choose from.
    const csv = await imports.upload(manager, '客户.csv', '姓名\n换表客户丙\n')
    expect((await choose(csv.body.id, '客户')).status).toBe(409)
  })

  it('update fills the mapped fields of the existing customer and adds tags instead of replacing them', async () => {
    const file = '姓名,手机,标签,职业\n张伟,+86 138 0013 8000,新标签,医生\n'
    const updated = await imports.importFile(manager, '更新.csv', file, { 姓名: 'name', 手机: 'phone', 标签: 'tags', 职业: 'occupation' }, { duplicateStrategy: 'update' })
    expect(updated.counts).toEqual({ created: 0, updated: 1, skipped: 0, failed: 0 })
    const zhang = await customer(created.get('张伟') ?? '')
    expect(zhang.occupation).toBe('医生')
    expect(zhang.tags.map((tag) => tag.name).sort()).toEqual(['VIP', '团购', '新标签'])
    expect(zhang.lifecycleStatus).toBe('active')
    expect((await revealed(zhang.id)).phones).toHaveLength(1)
    const audit = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ changes: Record<string, unknown> }>(`SELECT changes FROM audit_logs WHERE action = 'update' AND customer_id = $1 AND meta->>'importId' = $2`, [zhang.id, updated.id])).rows,
    )
    expect(audit).toHaveLength(1)
    expect(audit[0]?.changes).toMatchObject({ occupation: { before: null, after: '医生' } })
  })

  it('contacts join the customers named by phone (any form) or by name; unknown customers are reported', async () => {
    const uploaded = await imports.upload(manager, '联系人.csv', await fixture('contacts.csv'), { entity: 'contacts' })
    expect(uploaded.status).toBe(201)
    const guessed = Object.fromEntries(uploaded.body.suggestedMapping.columns.map((column) => [column.header, column.target]))
    expect(guessed).toEqual({ 客户手机号: 'customerPhone', 客户名称: 'customerName', 联系人: 'name', 关系: 'relationship', 手机: 'phone', 邮箱: 'email', 备注: 'notes' })
    const validated = await imports.validate(manager, uploaded.body, guessed as Record<string, string>)
    expect(validated).toMatchObject({ validRows: 2, invalidRows: 2 })
    expect(errorsOf(await imports.issues(manager, uploaded.body.id))).toEqual([
      { rowNumber: 4, column: '客户手机号', value: '17000000000', code: 'unknown_customer' },
      { rowNumber: 5, column: '客户手机号', value: null, code: 'required' },
    ])
    const done = await imports.run(manager, uploaded.body.id)
    expect(done.counts).toEqual({ created: 2, updated: 0, skipped: 0, failed: 2 })
    const contacts = await server.api.get<{ items: { name: string; relationshipType: { name: string } | null; notes: string | null }[] }>(`/api/customers/${created.get('张伟')}/contacts`, { token: admin })
    expect(contacts.body.items).toEqual([expect.objectContaining({ name: '张太太', relationshipType: expect.objectContaining({ name: '配偶' }), notes: '周末联系' })])
    const wang = await revealed(created.get('王芳') ?? '')
    expect(wang.contacts[0]?.phones.map((phone) => phone.number)).toEqual(['+862161234567'])
    const again = await imports.importFile(manager, '联系人.csv', await fixture('contacts.csv'), guessed as Record<string, string>, { entity: 'contacts', duplicateStrategy: 'skip' })
    expect(again.counts).toEqual({ created: 0, updated: 0, skipped: 2, failed: 2 })
  })

  it('orders: amounts with ¥ , and 元, rows of one order number become its items, a repeated order number later on is an error, metrics follow', async () => {
    const uploaded = await imports.upload(manager, '订单.xlsx', await fixture('orders.xlsx'), { entity: 'orders' })
    const guessed = Object.fromEntries(uploaded.body.suggestedMapping.columns.map((column) => [column.header, column.target]))
    expect(guessed).toEqual({ 客户手机: 'customerPhone', 订单号: 'orderNo', 下单时间: 'orderedAt', 订单状态: 'status', 金额: 'amount', 商品: 'product', 数量: 'quantity', 单价: 'unitPrice' })
    const validated = await imports.validate(manager, uploaded.body, guessed as Record<string, string>)
    expect(validated).toMatchObject({ validRows: 4, invalidRows: 2 })
    expect(errorsOf(await imports.issues(manager, uploaded.body.id))).toEqual([
      { rowNumber: 6, column: '订单号', value: 'IMP-1001', code: 'duplicate_in_file' },
      { rowNumber: 7, column: '金额', value: 'abc', code: 'invalid_number' },
    ])
    const done = await imports.run(manager, uploaded.body.id)
    expect(done.counts).toEqual({ created: 4, updated: 0, skipped: 0, failed: 2 })
    const orders = await server.api.get<{ items: { orderNo: string; amount: string; status: string; orderedAt: string; items: { product: string; quantity: number; unitPrice: string }[] }[] }>(
      `/api/customers/${created.get('张伟')}/orders`, { token: admin },
    )
    expect(orders.body.items.map(({ orderNo, amount, status, orderedAt }) => ({ orderNo, amount, status, orderedAt }))).toEqual([
      { orderNo: 'IMP-1002', amount: '300.00', status: 'paid', orderedAt: '2024-03-08T16:00:00.000Z' },
      { orderNo: 'IMP-1001', amount: '1280.00', status: 'completed', orderedAt: '2024-03-08T06:30:00.000Z' },
    ])
    expect(orders.body.items[0]?.items.map(({ product, quantity, unitPrice }) => ({ product, quantity, unitPrice }))).toEqual([
      { product: '滤芯', quantity: 2, unitPrice: '100.00' },
      { product: '安装服务', quantity: 1, unitPrice: '100.00' },
    ])
    const zhang = await customer(created.get('张伟') ?? '')
    expect(zhang.metrics).toMatchObject({ orderCount: 2, totalSpent: '1580.00' })
    const li = await server.api.get<{ items: { orderNo: string; status: string; orderedAt: string }[] }>(`/api/customers/${created.get('李娜')}/orders`, { token: admin })
    expect(li.body.items).toEqual([expect.objectContaining({ orderNo: 'IMP-1003', status: 'pending', orderedAt: '2024-03-09T16:00:00.000Z' })])
    const again = await imports.importFile(manager, '订单.xlsx', await fixture('orders.xlsx'), guessed as Record<string, string>, { entity: 'orders' })
    expect(again.counts).toEqual({ created: 0, updated: 0, skipped: 4, failed: 2 })
  })

  it('create makes a new customer even when one with the same phone exists', async () => {
    const before = await customerCount()
    const done = await imports.importFile(manager, '新建.csv', '姓名,手机\n张伟,13800138000\n', { 姓名: 'name', 手机: 'phone' }, { duplicateStrategy: 'create' })
    expect(done.counts).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 })
    expect(await customerCount()).toBe(before + 1)
  })

  it('a JSON array of objects (nested objects flattened, arrays joined) and a UTF-8 CSV with BOM and semicolons import with the automatic mapping; webhooks hear of each customer and of the import', async () => {
    const hook = await server.api.post<{ id: string } & ErrorBody>('/api/webhooks', {
      token: admin,
      body: { name: '导入通知', url: 'http://127.0.0.1:9/hook', events: ['customer.created', 'import.completed'] },
    })
    expect(hook.status).toBe(201)
    const json = await imports.upload(admin, 'customers.json', await fixture('customers.json'))
    expect(json.body).toMatchObject({ fileFormat: 'json', headers: ['姓名', '联系方式.手机', '联系方式.邮箱', '标签', '地址', '生日'], totalRows: 2 })
    const jsonTargets = Object.fromEntries(json.body.suggestedMapping.columns.map((column) => [column.header, column.target]))
    expect(jsonTargets).toEqual({ 姓名: 'name', '联系方式.手机': 'phone', '联系方式.邮箱': 'email', 标签: 'tags', 地址: 'address', 生日: 'birthday' })
    await imports.validate(admin, json.body, jsonTargets as Record<string, string>)
    const jsonDone = await imports.run(admin, json.body.id)
    expect(jsonDone.counts).toMatchObject({ created: 2, failed: 0 })
    const rows = await imports.rows(admin, json.body.id)
    const zhuge = await customer(rows.items[0]?.customer?.id ?? '')
    expect(zhuge).toMatchObject({
      name: '诸葛亮', birthday: '1981-04-05',
      addresses: [expect.objectContaining({ provinceName: '广东省', cityName: '广州市', districtName: '天河区', street: '体育西路 1 号' })],
    })
    expect(zhuge.tags.map((tag) => tag.name).sort()).toEqual(['VIP', '高意向'])
    expect((await revealed(zhuge.id)).phones.map((phone) => phone.number)).toEqual(['+8618900189000'])
    expect((await revealed(rows.items[1]?.customer?.id ?? '')).phones.map((phone) => phone.number)).toEqual(['+8618900189001'])

    const bom = await imports.upload(admin, 'customers.csv', await fixture('customers-bom.csv'))
    expect(bom.body).toMatchObject({ encoding: 'utf-8-bom', headers: ['Name', 'Mobile', 'Email', 'Tags'], totalRows: 2 })
    const bomTargets = Object.fromEntries(bom.body.suggestedMapping.columns.map((column) => [column.header, column.target]))
    expect(bomTargets).toEqual({ Name: 'name', Mobile: 'phone', Email: 'email', Tags: 'tags' })
    await imports.validate(admin, bom.body, bomTargets as Record<string, string>)
    const bomDone = await imports.run(admin, bom.body.id)
    expect(bomDone.counts).toMatchObject({ created: 2, failed: 0 })
    const ouyang = await customer((await imports.rows(admin, bom.body.id)).items[0]?.customer?.id ?? '')
    expect(ouyang.tags.map((tag) => tag.name).sort()).toEqual(['VIP', '会员'])

    const deliveries = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ event_type: string; payload: { data: Record<string, unknown> } }>(
        'SELECT event_type, payload FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at', [hook.body.id],
      )).rows,
    )
    expect(deliveries.filter((delivery) => delivery.event_type === 'customer.created')).toHaveLength(4)
    const heard = deliveries.filter((delivery) => delivery.event_type === 'customer.created').map((delivery) => delivery.payload.data)
    expect(heard).toContainEqual(expect.objectContaining({ customer: expect.objectContaining({ name: '诸葛亮', id: zhuge.id }), importId: json.body.id }))
    const completions = deliveries.filter((delivery) => delivery.event_type === 'import.completed').map((delivery) => delivery.payload.data)
    expect(completions).toHaveLength(2)
    expect(completions).toContainEqual({ import: expect.objectContaining({ id: json.body.id, entity: 'customers', counts: { created: 2, updated: 0, skipped: 0, failed: 0 } }) })
    expect(completions).toContainEqual({ import: expect.objectContaining({ id: bom.body.id }) })
  })

  it('templates: saved mappings by header text are suggested for the next file with those headers and can be chosen instead of a mapping', async () => {
    const templateMapping = { ...messTargets, 备注: null }
    const saved = await server.api.post<{ id: string; name: string } & ErrorBody>('/api/imports/templates', { token: manager, body: { name: '门店会员表', entity: 'customers', mapping: templateMapping } })
    expect(saved.status).toBe(201)
    const taken = await server.api.post<ErrorBody>('/api/imports/templates', { token: manager, body: { name: '门店会员表', entity: 'customers', mapping: {} } })
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('NAME_TAKEN')
    const listed = await server.api.get<{ items: { id: string }[] }>('/api/imports/templates?entity=customers', { token: manager })
    expect(listed.body.items.map((item) => item.id)).toEqual([saved.body.id])
    expect((await server.api.get<{ items: unknown[] }>('/api/imports/templates', { token: admin })).body.items).toEqual([])

    const uploaded = await imports.upload(manager, '客户名单.csv', await fixture('customers-mess-gbk.csv'))
    expect(Object.fromEntries(uploaded.body.suggestedMapping.columns.map((column) => [column.header, column.target]))).toEqual(templateMapping)
    const chosen = await imports.mapping(manager, uploaded.body.id, { templateId: saved.body.id })
    expect(chosen.status).toBe(200)
    expect(chosen.body.mapping?.columns.find((column) => column.header === '地址 (2)')?.target).toBe('city')
    await imports.waitWhile(manager, uploaded.body.id, ['validating'])

    expect((await server.api.delete(`/api/imports/templates/${saved.body.id}`, { token: admin })).status).toBe(404)
    expect((await server.api.delete(`/api/imports/templates/${saved.body.id}`, { token: manager })).status).toBe(204)
    expect((await server.api.get<{ items: unknown[] }>('/api/imports/templates', { token: manager })).body.items).toEqual([])
  })

  it('the import fields come in the request\'s language, custom fields included', async () => {
    const zh = await server.api.get<ImportFieldListDto>('/api/imports/fields?entity=customers', { token: manager })
    expect(zh.body.items.find((item) => item.target === 'name')).toEqual({ target: 'name', label: '姓名', required: true, multiple: false, type: 'text', example: '陈晓明' })
    expect(zh.body.items.find((item) => item.target === 'phone')).toMatchObject({ multiple: true, type: 'phone' })
    const en = await server.api.get<ImportFieldListDto>('/api/imports/fields?entity=orders', { token: manager, language: 'en-US' })
    expect(en.body.items.filter((item) => item.required).map((item) => item.label)).toEqual(['Order number', 'Ordered at', 'Amount'])
  })

  it('a sales rep without customer:import is refused, and a manager does not see the administrator\'s imports', async () => {
    const refused = await imports.upload(sales, '客户名单.csv', await fixture('customers-mess-gbk.csv'))
    expect(refused.status).toBe(403)
    expect((await server.api.get<ErrorBody>('/api/imports', { token: sales })).status).toBe(403)
    const adminsOwn = (await server.api.get<{ items: ImportJobDto[] }>('/api/imports', { token: admin })).body.items.find((item) => item.createdBy.displayName !== '王经理')
    expect(adminsOwn).toBeDefined()
    const hidden = await imports.get(manager, adminsOwn?.id ?? '')
    expect(hidden.status).toBe(404)
    expect(hidden.body.code).toBe('IMPORT_NOT_FOUND')
    const managersList = await server.api.get<{ items: ImportJobDto[] }>('/api/imports?limit=100', { token: manager })
    expect(managersList.body.items.every((item) => item.createdBy.displayName === '王经理')).toBe(true)
  })

  it('bad input is refused with a 4xx naming the field', async () => {
    const form = new FormData()
    form.append('entity', 'customers')
    const noFile = await server.api.post<ErrorBody>('/api/imports', { token: manager, body: form })
    expect(noFile.status).toBe(422)
    expect(noFile.body.details).toEqual([{ field: 'file', message: '必填' }])

    const badEntity = await imports.upload(manager, 'a.csv', '姓名\n张三\n', { entity: 'pets' })
    expect(badEntity.status).toBe(422)
    expect(badEntity.body.details.map((detail) => detail.field)).toEqual(['entity'])

    const xls = await imports.upload(manager, 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))
    expect(xls.status).toBe(415)
    expect(xls.body.code).toBe('IMPORT_FILE_UNSUPPORTED')

    const object = await imports.upload(manager, 'a.json', '{"name":"张三"}')
    expect(object.status).toBe(422)
    expect(object.body.code).toBe('IMPORT_FILE_UNREADABLE')

    const headerOnly = await imports.upload(manager, 'a.csv', '姓名,手机\n\n')
    expect(headerOnly.status).toBe(422)
    expect(headerOnly.body.code).toBe('IMPORT_FILE_EMPTY')

    const huge = await imports.upload(manager, 'big.csv', `姓名\n${'张三\n'.repeat(300_000)}`)
    expect(huge.status).toBe(413)
    expect(huge.body.code).toBe('IMPORT_FILE_TOO_LARGE')

    const uploaded = await imports.upload(manager, 'a.csv', '姓名,手机\n张三,13900000001\n')
    const noName = await imports.mapping(manager, uploaded.body.id, { mapping: { columns: [{ index: 1, header: '手机', target: 'phone' }] } })
    expect(noName.status).toBe(422)
    expect(noName.body.details).toEqual([{ field: 'mapping', message: '缺少必填的导入字段：姓名' }])
    const noNameEn = await imports.mapping(manager, uploaded.body.id, { mapping: { columns: [] } }, 'en-US')
    expect(noNameEn.body.details).toEqual([{ field: 'mapping', message: 'A required import field is not mapped: Name' }])
    const twice = await imports.mapping(manager, uploaded.body.id, {
      mapping: { columns: [{ index: 0, header: '姓名', target: 'name' }, { index: 1, header: '手机', target: 'name' }] },
    })
    expect(twice.body.details).toEqual([{ field: 'mapping.columns.1.target', message: '“姓名”只能对应一列' }])
    const wrongHeader = await imports.mapping(manager, uploaded.body.id, { mapping: { columns: [{ index: 0, header: '名字', target: 'name' }] } })
    expect(wrongHeader.body.details[0]?.field).toBe('mapping.columns.0.header')
    const unknownKey = await imports.mapping(manager, uploaded.body.id, { mapping: { columns: [] }, extra: true })
    expect(unknownKey.status).toBe(422)
    const both = await imports.mapping(manager, uploaded.body.id, {})
    expect(both.body.details.map((detail) => detail.field)).toEqual(['mapping'])

    const early = await server.api.post<ErrorBody>(`/api/imports/${uploaded.body.id}/run`, { token: manager, body: {} })
    expect(early.status).toBe(409)
    expect(early.body.code).toBe('IMPORT_STATE_CONFLICT')
    const badStrategy = await server.api.post<ErrorBody>(`/api/imports/${uploaded.body.id}/run`, { token: manager, body: { duplicateStrategy: 'merge' } })
    expect(badStrategy.status).toBe(422)
    expect(badStrategy.body.details.map((detail) => detail.field)).toEqual(['duplicateStrategy'])
    const badCursor = await server.api.get<ErrorBody>(`/api/imports/${uploaded.body.id}/issues?cursor=@@`, { token: manager })
    expect(badCursor.status).toBe(422)
    expect((await imports.get(manager, 'not-a-uuid')).status).toBe(404)
  })

  it('an uploaded import is cancelled and its file cleared; a cancelled one cannot be cancelled again', async () => {
    const uploaded = await imports.upload(manager, 'a.csv', '姓名\n张三\n')
    expect((await server.api.delete(`/api/imports/${uploaded.body.id}`, { token: manager })).status).toBe(204)
    const cancelled = await imports.get(manager, uploaded.body.id)
    expect(cancelled.body).toMatchObject({ status: 'cancelled', preview: [] })
    const stored = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ size: number }>('SELECT length(file_data) AS size FROM import_jobs WHERE id = $1', [uploaded.body.id])).rows[0]?.size,
    )
    expect(stored).toBe(0)
    const again = await server.api.delete<ErrorBody>(`/api/imports/${uploaded.body.id}`, { token: manager })
    expect(again.status).toBe(409)
  })

  it('a failed import says why in the reader\'s language, beside its code', async () => {
    const uploaded = await imports.upload(manager, 'b.csv', '姓名\n李四\n')
    // A job that failed in the background (its worker met an error): stored as the worker stores it.
    await withDatabaseClient(server.database.url, (client) =>
      client.query(`UPDATE import_jobs SET status = 'failed', error_code = 'INTERNAL_ERROR', finished_at = now(), file_data = '' WHERE id = $1`, [uploaded.body.id]),
    )
    expect((await imports.get(manager, uploaded.body.id)).body).toMatchObject({ status: 'failed', errorCode: 'INTERNAL_ERROR', errorMessage: '服务器内部错误，请稍后重试' })
    const english = await server.api.get<ImportJobDto>(`/api/imports/${uploaded.body.id}`, { token: manager, language: 'en-US' })
    expect(english.body.errorMessage).toBe('Internal server error. Please try again later')
    const listed = await server.api.get<{ items: ImportJobDto[] }>('/api/imports?limit=100', { token: manager })
    expect(listed.body.items.find((job) => job.id === uploaded.body.id)?.errorMessage).toBe('服务器内部错误，请稍后重试')
    expect(uploaded.body.errorMessage).toBeNull()
  })

  it('every finished import cleared its stored file', async () => {
    const files = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ status: string; size: number }>(`SELECT status, length(file_data) AS size FROM import_jobs WHERE status IN ('completed', 'failed', 'cancelled')`)).rows,
    )
    expect(files.length).toBeGreaterThan(5)
    expect(files.every((file) => file.size === 0)).toBe(true)
  })
})

