import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import type { CustomerDto } from './customers.schemas.js'

interface ErrorBody {
  code: string
  message: string
  details: { field: string; message: string }[]
}
interface CustomerList {
  items: CustomerDto[]
  total: number
}

describe('customers', () => {
  let server: TestServer
  let adminToken: string
  let managerToken: string
  let sales1Token: string
  let sales2Token: string

  beforeAll(async () => {
    server = await startTestServer()
    ;[adminToken, managerToken, sales1Token, sales2Token] = await Promise.all([
      server.login('admin'),
      server.login('manager'),
      server.login('sales1'),
      server.login('sales2'),
    ])
  })
  afterAll(() => server.close())

  const create = (token: string, body: unknown) => server.api.post<CustomerDto & ErrorBody>('/api/customers', { token, body })
  const list = (token: string, query = '') => server.api.get<CustomerList & ErrorBody>(`/api/customers${query}`, { token })

  it('a sales rep records a customer, who is then hers, and reads it back', async () => {
    const created = await create(sales1Token, {
      name: '  周慧敏  ',
      gender: 'female',
      phone: '13912345678',
      email: 'zhou@example.com',
      province: '浙江省',
      city: '杭州市',
      tags: ['高意向', '会员', '高意向'],
      notes: '想了解年度会员卡\n周末方便',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: '周慧敏',
      gender: 'female',
      phone: '13912345678',
      email: 'zhou@example.com',
      province: '浙江省',
      city: '杭州市',
      tags: ['高意向', '会员'],
      notes: '想了解年度会员卡\n周末方便',
      owner: { displayName: '李娜' },
    })
    expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt)

    const fetched = await server.api.get<CustomerDto>(`/api/customers/${created.body.id}`, { token: sales1Token })
    expect(fetched.status).toBe(200)
    expect(fetched.body).toEqual(created.body)
  })

  it('only the name is required; other fields take sensible defaults', async () => {
    const created = await create(sales2Token, { name: '吴小明' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      gender: 'unknown', phone: null, email: null, province: null, city: null, tags: [], notes: null,
      owner: { displayName: '张伟' },
    })
  })

  it('editing changes only the fields sent, and null clears a field', async () => {
    const { body: customer } = await create(sales1Token, { name: '郑凯', phone: '13700001111', notes: '旧备注' })
    const patched = await server.api.patch<CustomerDto>(`/api/customers/${customer.id}`, {
      token: sales1Token,
      body: { notes: null, tags: ['VIP'] },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: '郑凯', phone: '13700001111', notes: null, tags: ['VIP'] })
    expect(patched.body.updatedAt >= customer.updatedAt).toBe(true)
  })

  it('a deleted customer disappears from the list and by id, but the row stays in the database', async () => {
    const { body: customer } = await create(managerToken, { name: '冯删除', notes: 'soft-delete-marker-1' })
    expect((await list(managerToken, '?keyword=soft-delete-marker-1')).body.total).toBe(1)

    expect((await server.api.delete(`/api/customers/${customer.id}`, { token: managerToken })).status).toBe(204)

    expect((await list(managerToken, '?keyword=soft-delete-marker-1')).body).toEqual({ items: [], total: 0 })
    const byId = await server.api.get<ErrorBody>(`/api/customers/${customer.id}`, { token: managerToken })
    expect(byId.status).toBe(404)
    expect(byId.body.code).toBe('CUSTOMER_NOT_FOUND')
    expect((await server.api.patch(`/api/customers/${customer.id}`, { token: managerToken, body: { name: 'x' } })).status).toBe(404)
    expect((await server.api.delete(`/api/customers/${customer.id}`, { token: managerToken })).status).toBe(404)

    const rows = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query('SELECT name, deleted_at FROM customers WHERE id = $1', [customer.id])).rows,
    )
    expect(rows).toEqual([{ name: '冯删除', deleted_at: expect.any(Date) }])
  })

  it("sales rep cannot open a colleague's customer: it looks like it does not exist", async () => {
    const { body: customer } = await create(sales2Token, { name: '钱同事', notes: 'colleague-marker' })
    const opened = await server.api.get<ErrorBody>(`/api/customers/${customer.id}`, { token: sales1Token })
    expect(opened.status).toBe(404)
    expect(opened.body.code).toBe('CUSTOMER_NOT_FOUND')
    const edited = await server.api.patch<ErrorBody>(`/api/customers/${customer.id}`, { token: sales1Token, body: { name: '改名' } })
    expect(edited.status).toBe(404)
    expect((await list(sales1Token, '?keyword=colleague-marker')).body.total).toBe(0)

    // The manager sees everyone's customers.
    expect((await server.api.get(`/api/customers/${customer.id}`, { token: managerToken })).status).toBe(200)
    expect((await list(managerToken, '?keyword=colleague-marker')).body.total).toBe(1)
  })

  it("a sales rep's list holds only her own customers", async () => {
    const { body } = await list(sales1Token, '?pageSize=100')
    expect(body.total).toBeGreaterThan(0)
    expect(body.items.every((customer) => customer.owner?.displayName === '李娜')).toBe(true)
    const everyone = await list(adminToken, '?pageSize=1')
    expect(everyone.body.total).toBeGreaterThan(body.total)
  })

  it('sales reps may not delete customers or give them to someone else; managers may', async () => {
    const { body: own } = await create(sales1Token, { name: '孙自有' })
    const deleted = await server.api.delete<ErrorBody>(`/api/customers/${own.id}`, { token: sales1Token })
    expect(deleted.status).toBe(403)
    expect(deleted.body.code).toBe('FORBIDDEN')

    const manager = await server.api.get<{ id: string }>('/api/me', { token: managerToken })
    const sales2 = await server.api.get<{ id: string }>('/api/me', { token: sales2Token })
    const handedOver = await server.api.patch<ErrorBody>(`/api/customers/${own.id}`, { token: sales1Token, body: { ownerId: sales2.body.id } })
    expect(handedOver.status).toBe(403)
    expect((await create(sales1Token, { name: '越权', ownerId: manager.body.id })).status).toBe(403)

    const reassigned = await server.api.patch<CustomerDto>(`/api/customers/${own.id}`, { token: managerToken, body: { ownerId: sales2.body.id } })
    expect(reassigned.status).toBe(200)
    expect(reassigned.body.owner?.displayName).toBe('张伟')
    expect((await server.api.get(`/api/customers/${own.id}`, { token: sales1Token })).status).toBe(404)

    const missingOwner = await server.api.patch<ErrorBody>(`/api/customers/${own.id}`, {
      token: managerToken,
      body: { ownerId: '00000000-0000-4000-8000-000000000000' },
    })
    expect(missingOwner.status).toBe(422)
    expect(missingOwner.body.details).toEqual([{ field: 'ownerId', message: '负责人不存在或已停用' }])
  })

  it('keyword search matches name, phone, email, notes and tags, ignoring case', async () => {
    const { body: target } = await create(managerToken, {
      name: '欧阳娜娜',
      phone: '18611112222',
      email: 'OuYang.Nana@Example.COM',
      tags: ['SuperVIP客户'],
      notes: '偏好 WeChat 沟通',
    })
    for (const keyword of ['欧阳', '阳娜', '86111122', 'ouyang.nana@example', 'supervip', 'vip客', 'wechat']) {
      const { body } = await list(managerToken, `?keyword=${encodeURIComponent(keyword)}`)
      expect(body.items.map((customer) => customer.id), keyword).toContain(target.id)
    }
    const none = await list(managerToken, `?keyword=${encodeURIComponent('不存在的关键词xyz')}`)
    expect(none.body).toEqual({ items: [], total: 0 })
  })

  it('search treats % and _ literally', async () => {
    const { body: target } = await create(managerToken, { name: '百分号', notes: 'discount 50%_off' })
    const literal = await list(managerToken, `?keyword=${encodeURIComponent('50%_off')}`)
    expect(literal.body.items.map((customer) => customer.id)).toEqual([target.id])
    const percentOnly = await list(managerToken, `?keyword=${encodeURIComponent('%')}`)
    expect(percentOnly.body.total).toBe(1)
  })

  it('lists page through customers newest first, with the total', async () => {
    const all = await list(adminToken, '?pageSize=100')
    expect(all.status).toBe(200)
    expect(all.body.total).toBeGreaterThanOrEqual(200)
    const createdTimes = all.body.items.map((customer) => customer.createdAt)
    expect(createdTimes).toEqual([...createdTimes].sort().reverse())

    const page1 = await list(adminToken, '?page=1&pageSize=7')
    const page2 = await list(adminToken, '?page=2&pageSize=7')
    expect(page1.body.items).toHaveLength(7)
    expect(page2.body.items).toHaveLength(7)
    expect(page1.body.total).toBe(all.body.total)
    expect([...page1.body.items, ...page2.body.items].map((customer) => customer.id)).toEqual(
      all.body.items.slice(0, 14).map((customer) => customer.id),
    )

    const defaults = await list(adminToken)
    expect(defaults.body.items).toHaveLength(20)

    const beyond = await list(adminToken, '?page=99999&pageSize=100')
    expect(beyond.body).toEqual({ items: [], total: all.body.total })
  })

  it('validation errors name the fields, in Chinese by default and in English on request', async () => {
    const body = { name: '', phone: '12345', email: 'not-an-email', gender: 'other', tags: ['x'.repeat(21)] }
    const inChinese = await server.api.post<ErrorBody>('/api/customers', { token: sales1Token, body })
    expect(inChinese.status).toBe(422)
    expect(inChinese.body.code).toBe('VALIDATION_FAILED')
    expect(inChinese.body.message).toBe('提交的数据有误，请检查后重试')
    expect(inChinese.body.details).toEqual([
      { field: 'name', message: '必填' },
      { field: 'gender', message: '取值无效，可选值：male, female, unknown' },
      { field: 'phone', message: '请输入有效的中国大陆手机号' },
      { field: 'email', message: '邮箱格式不正确' },
      { field: 'tags.0', message: '最多 20 个字符' },
    ])

    const inEnglish = await server.api.post<ErrorBody>('/api/customers', { token: sales1Token, body, language: 'en-US' })
    expect(inEnglish.body.message).toBe('Some fields are invalid. Please check and try again')
    expect(inEnglish.body.details).toEqual([
      { field: 'name', message: 'Required' },
      { field: 'gender', message: 'Invalid value, expected one of: male, female, unknown' },
      { field: 'phone', message: 'Enter a valid mainland China mobile number' },
      { field: 'email', message: 'Invalid email address' },
      { field: 'tags.0', message: 'At most 20 characters' },
    ])
  })

  it('nothing a client sends makes the server fail: bad input gets a 4xx with the error shape', async () => {
    const token = adminToken
    const probes: [string, Promise<{ status: number; body: unknown }>, number][] = [
      ['malformed uuid', server.api.get('/api/customers/not-a-uuid', { token }), 404],
      ['sql-looking id', server.api.get(`/api/customers/${encodeURIComponent("1' OR '1'='1")}`, { token }), 404],
      ['bad percent-encoding', server.api.get('/api/customers/%E0%A4%A', { token }), 400],
      ['unknown uuid', server.api.get('/api/customers/3f2b8c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', { token }), 404],
      ['huge page', list(token, '?page=1e308'), 422],
      ['page not a number', list(token, '?page=abc'), 422],
      ['fractional page size', list(token, '?pageSize=2.5'), 422],
      ['page size too big', list(token, '?pageSize=101'), 422],
      ['NUL in keyword', list(token, '?keyword=%00'), 422],
      ['NUL in username', server.api.post('/api/auth/login', { body: { username: 'a\u0000', password: 'x' } }), 422],
      ['keyword twice', list(token, '?keyword=a&keyword=b'), 422],
      ['very long keyword', list(token, `?keyword=${'长'.repeat(101)}`), 422],
      ['array body', create(token, [{ name: '数组' }]), 422],
      ['string body', create(token, '"just a string"'), 400],
      ['null body', create(token, 'null'), 400],
      ['malformed json', create(token, '{"name":'), 400],
      ['no body', server.api.post('/api/customers', { token }), 422],
      ['form body', server.api.post('/api/customers', { token, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 422],
      ['wrong types', create(token, { name: 123, tags: 'VIP', notes: {} }), 422],
      ['NUL character', create(token, { name: 'a\u0000b' }), 422],
      ['name too long', create(token, { name: '名'.repeat(51) }), 422],
      ['too many tags', create(token, { name: '标签', tags: Array.from({ length: 21 }, (_, index) => `t${index}`) }), 422],
      ['owner id not a uuid', create(token, { name: '负责人', ownerId: 'nobody' }), 422],
      ['huge body', create(token, { name: 'big', notes: 'x'.repeat(300_000) }), 413],
      ['unknown charset', server.api.post('/api/customers', { token, body: '{}', headers: { 'content-type': 'application/json; charset=klingon' } }), 415],
      ['patch with array', server.api.patch('/api/customers/3f2b8c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f', { token, body: [] }), 422],
      ['unknown api route', server.api.get('/api/nothing-here', { token }), 404],
    ]
    for (const [label, response, status] of probes) {
      const { status: actual, body } = await response
      expect(actual, label).toBe(status)
      expect(body, label).toMatchObject({ code: expect.any(String), message: expect.any(String), details: expect.any(Array) })
    }
  })
})
