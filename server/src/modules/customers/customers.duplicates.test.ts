import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, freshMobile, insertStaff, type Staff } from './customers.test-support.js'

describe('customers: duplicates and custom fields', () => {
  let server: TestServer
  let staff: Staff
  let customers: ReturnType<typeof customerClient>

  beforeAll(async () => {
    // The demo data is not needed here; an empty customer table keeps every duplicate deliberate.
    server = await startTestServer({ seedDemo: false })
    // The manager sits in the root team here, so her team scope covers everyone.
    await insertStaff(server, [
      { username: 'manager', displayName: '王经理', role: 'manager' },
      { username: 'sales1', displayName: '李娜', role: 'sales' },
      { username: 'sales2', displayName: '张伟', role: 'sales' },
    ])
    await withDatabaseClient(server.database.url, async (client) => {
      await client.query(`INSERT INTO custom_field_definitions (id, key, label, type, options, required, "unique", sort_order, updated_at) VALUES
        (gen_random_uuid(), 'member_no', '会员号', 'text', '{}', false, true, 1, now()),
        (gen_random_uuid(), 'shoe_size', '鞋码', 'number', '{}', false, false, 2, now()),
        (gen_random_uuid(), 'joined_on', '入会日期', 'date', '{}', false, false, 3, now()),
        (gen_random_uuid(), 'channel', '渠道', 'single_select', '{门店,线上,电话}', false, false, 4, now()),
        (gen_random_uuid(), 'hobbies', '爱好', 'multi_select', '{茶,咖啡,运动}', false, false, 5, now()),
        (gen_random_uuid(), 'vip', '贵宾', 'boolean', '{}', false, false, 6, now())`)
    })
    // Every staff member shares the administrator's password in this database.
    const login = async (username: string) => {
      const response = await server.api.post<{ accessToken: string }>('/api/auth/login', { body: { username, password: 'admin-password-1' } })
      return response.body.accessToken
    }
    const [admin, manager, sales1, sales2] = await Promise.all(['admin', 'manager', 'sales1', 'sales2'].map(login))
    const idOf = async (token: string | undefined) => (await server.api.get<{ id: string }>('/api/me', { token })).body.id
    staff = {
      admin: admin!, manager: manager!, sales1: sales1!, sales2: sales2!,
      ids: { admin: await idOf(admin), manager: await idOf(manager), sales1: await idOf(sales1), sales2: await idOf(sales2) },
    }
    customers = customerClient(server)
  })
  afterAll(() => server.close())

  it('a phone number or email another customer has is refused with 409, naming the field and that customer', async () => {
    const mobile = freshMobile()
    const { body: first } = await customers.create(staff.sales1, { name: '先来', phones: [{ number: mobile }], emails: [{ address: 'same@example.com' }] })
    const second = await customers.create(staff.sales2, {
      name: '后到',
      phones: [{ number: freshMobile() }, { number: `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}` }],
      emails: [{ address: 'SAME@example.COM' }],
    })
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({ code: 'CUSTOMER_DUPLICATE', message: '已有客户使用相同的电话或邮箱' })
    expect(second.body.details).toEqual([
      { field: 'phones.1.number', message: '该电话号码已属于另一位客户', existingCustomerId: first.id },
      { field: 'emails.0.address', message: '该邮箱已属于另一位客户', existingCustomerId: first.id },
    ])
    // The same on edit.
    const { body: other } = await customers.create(staff.sales1, { name: '另一位' })
    const edited = await customers.patch(staff.sales1, other.id, { version: 1, phones: [{ number: mobile }] })
    expect(edited.status).toBe(409)
    expect(edited.body.details).toEqual([{ field: 'phones.0.number', message: '该电话号码已属于另一位客户', existingCustomerId: first.id }])
    // A customer's own numbers are not duplicates of itself.
    expect((await customers.patch(staff.sales1, first.id, { version: 1, name: '先来了', phones: [{ number: mobile }] })).status).toBe(200)
  })

  it('force saves a duplicate only with permission; the reason stays in the history and is not asked again', async () => {
    const mobile = freshMobile()
    const { body: first } = await customers.create(staff.manager, { name: '家里座机甲', phones: [{ number: mobile }] })
    const body = { name: '家里座机乙', phones: [{ number: mobile }], force: { reason: '夫妻共用一个号码' } }
    const bySales = await customers.create(staff.sales1, body)
    expect(bySales.status).toBe(403)
    expect(bySales.body.code).toBe('FORBIDDEN')
    const byManager = await customers.create(staff.manager, body)
    expect(byManager.status).toBe(201)
    const event = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query("SELECT payload FROM customer_events WHERE customer_id = $1 AND kind = 'created'", [byManager.body.id])).rows[0],
    )
    expect(event.payload).toMatchObject({ reason: '夫妻共用一个号码', duplicates: [{ field: 'phones.0.number', existingCustomerId: first.id }] })
    // Saving the forced customer again with its numbers unchanged needs no force.
    expect((await customers.patch(staff.manager, byManager.body.id, { version: 1, notes: '备注', phones: [{ number: mobile }] })).status).toBe(200)
  })

  it('a trashed customer no longer blocks its numbers', async () => {
    const mobile = freshMobile()
    const { body: gone } = await customers.create(staff.manager, { name: '已删除', phones: [{ number: mobile }] })
    await customers.remove(staff.manager, gone.id)
    expect((await customers.create(staff.manager, { name: '新主人', phones: [{ number: mobile }] })).status).toBe(201)
  })

  it('GET /api/customers/duplicates answers before saving; names only customers the caller may open', async () => {
    const mobile = freshMobile()
    const { body: hers } = await customers.create(staff.sales1, { name: '她的客户', phones: [{ number: mobile }], emails: [{ address: 'hers@example.com' }] })
    const forOwner = await customers.duplicates(staff.sales1, `?phone=${encodeURIComponent(`0086 ${mobile}`)}&email=HERS@example.com`)
    expect(forOwner.status).toBe(200)
    expect(forOwner.body.matches).toEqual([
      { customerId: hers.id, name: '她的客户', field: 'phone' },
      { customerId: hers.id, name: '她的客户', field: 'email' },
    ])
    expect((await customers.duplicates(staff.sales2, `?phone=${mobile}`)).body.matches).toEqual([{ customerId: hers.id, name: null, field: 'phone' }])
    expect((await customers.duplicates(staff.manager, `?phone=${mobile}`)).body.matches[0]?.name).toBe('她的客户')
    expect((await customers.duplicates(staff.sales1, `?phone=${mobile}&excludeId=${hers.id}`)).body.matches).toEqual([])
    expect((await customers.duplicates(staff.sales1, `?phone=${freshMobile()}`)).body.matches).toEqual([])
    const invalid = await customers.duplicates(staff.sales1, '?phone=12345')
    expect(invalid.status).toBe(422)
    expect(invalid.body.details).toEqual([{ field: 'phone', message: '请输入有效的电话号码' }])
  })

  it('two people saving the same new number at the same moment: one gets it, the other a 409', async () => {
    const mobile = freshMobile()
    const results = await Promise.all(
      [staff.sales1, staff.sales2, staff.manager].map((token, index) => customers.create(token, { name: `同时 ${index}`, phones: [{ number: mobile }] })),
    )
    expect(results.map((result) => result.status).sort()).toEqual([201, 409, 409])
  })

  it('custom field values are checked against their definitions, each problem on customFields.<key>', async () => {
    const bad = await customers.create(staff.sales1, {
      name: '自定义',
      customFields: { shoe_size: '42', joined_on: '2024-02-30', channel: '地推', hobbies: ['茶', '喝酒'], vip: 'yes', nickname: '小周' },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.details).toEqual([
      { field: 'customFields.shoe_size', message: '必须是数字' },
      { field: 'customFields.joined_on', message: '日期格式应为 YYYY-MM-DD' },
      { field: 'customFields.channel', message: '不是可选项之一：门店, 线上, 电话' },
      { field: 'customFields.hobbies', message: '不是可选项之一：茶, 咖啡, 运动' },
      { field: 'customFields.vip', message: '必须是“是”或“否”（true / false）' },
      { field: 'customFields.nickname', message: '没有这个自定义字段' },
    ])
    const good = await customers.create(staff.sales1, {
      name: '自定义',
      customFields: { member_no: 'M-0001', shoe_size: 42.5, joined_on: '2024-02-29', channel: '门店', hobbies: ['运动', '茶', '茶'], vip: false },
    })
    expect(good.status).toBe(201)
    // Multi-select values are kept in the definition's order, once each.
    expect(good.body.customFields).toEqual({ member_no: 'M-0001', shoe_size: 42.5, joined_on: '2024-02-29', channel: '门店', hobbies: ['茶', '运动'], vip: false })

    // A patch touches only the keys it sends; null clears one.
    const patched = await customers.patch(staff.sales1, good.body.id, { version: 1, customFields: { shoe_size: null, channel: '电话' } })
    expect(patched.body.customFields).toEqual({ member_no: 'M-0001', joined_on: '2024-02-29', channel: '电话', hobbies: ['茶', '运动'], vip: false })
    const listed = await customers.list(staff.sales1, '?keyword=自定义')
    expect(listed.body.items.find((item) => item.id === good.body.id)?.customFields.channel).toBe('电话')
  })

  it('a unique custom field refuses a value another customer has with 409 CUSTOM_FIELD_NOT_UNIQUE', async () => {
    const { body: holder } = await customers.create(staff.manager, { name: '会员甲', customFields: { member_no: 'M-7777' } })
    const clash = await customers.create(staff.sales2, { name: '会员乙', customFields: { member_no: 'M-7777' } })
    expect(clash.status).toBe(409)
    expect(clash.body).toMatchObject({ code: 'CUSTOM_FIELD_NOT_UNIQUE' })
    expect(clash.body.details).toEqual([{ field: 'customFields.member_no', message: '该值已被其他客户使用', existingCustomerId: holder.id }])
    // Its own value is no clash, and a freed value can be taken.
    expect((await customers.patch(staff.manager, holder.id, { version: 1, customFields: { member_no: 'M-7777', vip: true } })).status).toBe(200)
    await customers.patch(staff.manager, holder.id, { version: 2, customFields: { member_no: 'M-8888' } })
    expect((await customers.create(staff.sales2, { name: '会员乙', customFields: { member_no: 'M-7777' } })).status).toBe(201)
  })

  it('a required custom field must be filled on create and cannot be cleared later', async () => {
    await withDatabaseClient(server.database.url, (client) =>
      client.query(`INSERT INTO custom_field_definitions (id, key, label, type, options, required, "unique", sort_order, updated_at)
        VALUES (gen_random_uuid(), 'id_card_tail', '证件尾号', 'text', '{}', true, false, 9, now())`),
    )
    try {
      const missing = await customers.create(staff.sales1, { name: '必填', customFields: {} })
      expect(missing.status).toBe(422)
      expect(missing.body.details).toEqual([{ field: 'customFields.id_card_tail', message: '必填' }])
      const { body: created } = await customers.create(staff.sales1, { name: '必填', customFields: { id_card_tail: '1234' } })
      const cleared = await customers.patch(staff.sales1, created.id, { version: 1, customFields: { id_card_tail: '' } })
      expect(cleared.status).toBe(422)
      expect(cleared.body.details).toEqual([{ field: 'customFields.id_card_tail', message: '必填' }])
      // Edits that leave the value alone need not send it.
      expect((await customers.patch(staff.sales1, created.id, { version: 1, notes: '改备注' })).status).toBe(200)
    } finally {
      await withDatabaseClient(server.database.url, (client) => client.query("DELETE FROM custom_field_definitions WHERE key = 'id_card_tail'"))
    }
  })
})
