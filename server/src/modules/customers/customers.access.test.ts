import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import type { ContactDto } from '../contacts/contacts.schemas.js'
import type { TimelinePageDto } from '../timeline/timeline.schemas.js'
import { customerClient, freshMobile, insertStaff, signInStaff, type ErrorBody, type Staff } from './customers.test-support.js'

interface AuditRow {
  action: string
  resource: string
  resource_id: string | null
  customer_id: string | null
  actor_name: string | null
  ip: string | null
  user_agent: string | null
  label: string | null
  changes: Record<string, { before: unknown; after: unknown }> | null
  meta: Record<string, unknown> | null
}

describe('customers: masking, reveal, audit and data scope', () => {
  let server: TestServer
  let staff: Staff
  let service: string
  let viewer: string
  let customers: ReturnType<typeof customerClient>

  beforeAll(async () => {
    server = await startTestServer()
    await insertStaff(server, [{ username: 'viewer1', displayName: '赵敏', role: 'viewer' }])
    staff = await signInStaff(server)
    ;[service, viewer] = await Promise.all([server.login('service1'), server.login('viewer1', 'admin-password-1')])
    customers = customerClient(server)
  })
  afterAll(() => server.close())

  const auditOf = (customerId: string, resource = 'customer') =>
    withDatabaseClient(server.database.url, async (client) =>
      (await client.query<AuditRow>(
        `SELECT action, resource, resource_id, customer_id, actor_name, ip, user_agent, label, changes, meta
         FROM audit_logs WHERE customer_id = $1 AND resource = $2 ORDER BY at, action`,
        [customerId, resource],
      )).rows,
    )
  const contactsOf = (token: string, customerId: string) =>
    server.api.get<{ items: ContactDto[] } & ErrorBody>(`/api/customers/${customerId}/contacts`, { token })

  /** A customer of 李娜 (杭州西湖店, inside the manager's 华东大区) with a phone, an email and a contact. */
  let mailboxes = 0
  const customerWithContact = async (name: string, token = staff.sales1) => {
    const mobile = freshMobile()
    mailboxes += 1
    const created = await customers.create(token, { name, phones: [{ number: mobile }], emails: [{ address: `c${mailboxes}.mail@example.com` }] })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const contact = await server.api.post<ContactDto>(`/api/customers/${created.body.id}/contacts`, {
      token, body: { name: `${name}的助理`, phones: [{ number: '13912345678' }], emails: [{ address: 'assistant@example.com' }] },
    })
    expect(contact.status).toBe(201)
    return { customer: created.body, contact: contact.body, mobile }
  }

  it('phones and emails are masked for every role in the list, the record and its contacts; only the reveal shows them', async () => {
    const { customer, mobile } = await customerWithContact('遮罩客户')
    const masked = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`
    for (const token of [staff.sales1, viewer, service, staff.manager, staff.admin]) {
      const listed = await customers.list(token, `?keyword=${encodeURIComponent('遮罩客户')}`)
      expect(listed.body.items.map((item) => [item.primaryPhone, item.primaryEmail])).toEqual([[masked, 'c***@example.com']])
      const record = await customers.get(token, customer.id)
      expect(record.body.phones).toEqual([{ id: customer.phones[0]!.id, type: 'mobile', number: masked, display: masked, primary: true, masked: true }])
      expect(record.body.emails).toEqual([{ id: customer.emails[0]!.id, address: 'c***@example.com', primary: true, masked: true }])
      const contacts = await contactsOf(token, customer.id)
      expect(contacts.body.items[0]).toMatchObject({
        phones: [{ number: '139****5678', display: '139****5678', masked: true }],
        emails: [{ address: 'a***@example.com', masked: true }],
      })
      expect(JSON.stringify([listed.body, record.body, contacts.body])).not.toContain(mobile.slice(3, 7))
    }
  })

  it('the reveal is for roles with customer:reveal_phone, within their scope, and each call is audited and on the timeline', async () => {
    const { customer, contact, mobile } = await customerWithContact('揭示客户')
    for (const token of [staff.sales1, viewer]) {
      const refused = await customers.reveal(token, customer.id)
      expect(refused.status).toBe(403)
      expect(refused.body.code).toBe('FORBIDDEN')
    }
    for (const token of [service, staff.manager, staff.admin]) {
      const revealed = await customers.reveal(token, customer.id)
      expect(revealed.status).toBe(200)
      expect(revealed.body).toEqual({
        phones: [{ id: customer.phones[0]!.id, number: `+86${mobile}`, display: expect.any(String) }],
        emails: [{ id: customer.emails[0]!.id, address: expect.stringMatching(/^c\d+\.mail@example\.com$/) }],
        contacts: [{
          id: contact.id,
          phones: [{ id: contact.phones[0]!.id, number: '+8613912345678', display: '139 1234 5678' }],
          emails: [{ id: contact.emails[0]!.id, address: 'assistant@example.com' }],
        }],
      })
    }
    const reveals = (await auditOf(customer.id)).filter((row) => row.action === 'reveal')
    expect(reveals.map((row) => row.actor_name)).toEqual(['陈静', '王经理', '系统管理员'])
    expect(reveals[0]).toMatchObject({ resource_id: customer.id, label: '揭示客户', meta: { phones: 1, emails: 1, contactPhones: 1, contactEmails: 1 } })
    expect(reveals[0]?.ip).toMatch(/127\.0\.0\.1/)
    // The trace never holds what was revealed.
    expect(JSON.stringify(reveals)).not.toContain(mobile)

    const timeline = await server.api.get<TimelinePageDto>(`/api/customers/${customer.id}/timeline`, { token: staff.sales1 })
    const audits = timeline.body.items.filter((item) => item.kind === 'audit')
    expect(audits.map((item) => [item.actor?.displayName, item.summary, item.audit?.action])).toEqual([
      ['系统管理员', '查看了完整的电话和邮箱', 'reveal'],
      ['王经理', '查看了完整的电话和邮箱', 'reveal'],
      ['陈静', '查看了完整的电话和邮箱', 'reveal'],
    ])
    const english = await server.api.get<TimelinePageDto>(`/api/customers/${customer.id}/timeline`, { token: staff.sales1, language: 'en-US' })
    expect(english.body.items.find((item) => item.kind === 'audit')?.summary).toBe('Viewed the full phone numbers and emails')

    // 张伟's customer is outside the manager's region: its reveal answers as if it did not exist.
    const { customer: theirs } = await customerWithContact('华南揭示', staff.sales2)
    const outside = await customers.reveal(staff.manager, theirs.id)
    expect(outside.status).toBe(404)
    expect(outside.body.code).toBe('CUSTOMER_NOT_FOUND')
    expect((await auditOf(theirs.id)).filter((row) => row.action === 'reveal')).toEqual([])
  })

  it('a form keeps stored phones and emails by id, never sending the full values; an unknown id is refused on its field', async () => {
    const first = freshMobile()
    const second = freshMobile()
    const { body: customer } = await customers.create(staff.sales1, {
      name: '保留客户', phones: [{ number: first }, { number: second, primary: true }], emails: [{ address: 'keep@example.com' }],
    })
    // Another customer shares the first number (saved with force): keeping it needs no force again.
    const { body: other } = await customers.create(staff.manager, { name: '共用号码', phones: [{ number: first }], force: { reason: '同一家庭' } })
    expect(other.id).toBeDefined()
    const kept = await customers.patch(staff.sales1, customer.id, {
      version: 1,
      phones: [{ id: customer.phones[0]!.id, type: 'home', primary: true }, { number: freshMobile() }],
      emails: [{ id: customer.emails[0]!.id }],
    })
    expect(kept.status, JSON.stringify(kept.body)).toBe(200)
    expect(kept.body.phones.map((phone) => [phone.id === customer.phones[0]!.id, phone.type, phone.number, phone.primary])).toEqual([
      [true, 'home', `170****${first.slice(-4)}`, true],
      [false, 'mobile', expect.stringMatching(/^170\*{4}\d{4}$/), false],
    ])
    expect(kept.body.emails).toEqual(customer.emails)
    const revealed = await customers.reveal(staff.admin, customer.id)
    expect(revealed.body.phones[0]?.number).toBe(`+86${first}`)

    const stale = await customers.patch(staff.sales1, customer.id, { version: 2, phones: [{ id: customer.phones[1]!.id }] })
    expect(stale.status).toBe(422)
    expect(stale.body.details).toEqual([{ field: 'phones.0.id', message: expect.any(String) }])
    const othersEntry = await customers.patch(staff.sales1, customer.id, { version: 2, emails: [{ id: other.phones[0]!.id }] })
    expect(othersEntry.status).toBe(422)
    expect(othersEntry.body.details).toEqual([{ field: 'emails.0.id', message: expect.any(String) }])
    const neither = await customers.patch(staff.sales1, customer.id, { version: 2, phones: [{ type: 'work' }] })
    expect(neither.status).toBe(422)
    expect(neither.body.details).toEqual([{ field: 'phones.0.number', message: expect.any(String) }])
    const onCreate = await customers.create(staff.sales1, { name: '新建不能保留', phones: [{ id: customer.phones[0]!.id }] })
    expect(onCreate.status).toBe(422)
  })

  it('every customer write leaves an audit entry with actor, address, browser and the masked field diff', async () => {
    const headers = { 'user-agent': 'KezhiTest/1.0' }
    const mobile = freshMobile()
    const created = await server.api.post<{ id: string; version: number }>('/api/customers', {
      token: staff.manager, headers, body: { name: '审计客户', company: '甲公司', ownerId: staff.ids.sales1 },
    })
    const id = created.body.id
    await server.api.patch(`/api/customers/${id}`, { token: staff.manager, headers, body: { version: 1, company: '乙公司', phones: [{ number: mobile }] } })
    await server.api.patch(`/api/customers/${id}`, { token: staff.manager, headers, body: { version: 2, ownerId: staff.ids.manager, notes: '转给经理' } })
    await server.api.delete(`/api/customers/${id}`, { token: staff.manager, headers })
    await server.api.post(`/api/customers/${id}/restore`, { token: staff.manager, headers })

    const rows = await auditOf(id)
    expect(rows.map((row) => row.action)).toEqual(['create', 'update', 'assign', 'update', 'delete', 'restore'])
    for (const row of rows) {
      expect(row).toMatchObject({ resource: 'customer', resource_id: id, customer_id: id, actor_name: '王经理', user_agent: 'KezhiTest/1.0', label: '审计客户' })
      expect(row.ip).toMatch(/127\.0\.0\.1/)
    }
    expect(rows[0]?.changes).toMatchObject({ name: { before: null, after: '审计客户' }, company: { before: null, after: '甲公司' }, owner: { before: null, after: '李娜' } })
    expect(rows[1]?.changes).toEqual({
      company: { before: '甲公司', after: '乙公司' },
      phones: { before: [], after: [`170****${mobile.slice(-4)} (mobile, primary)`] },
    })
    expect(rows[2]?.changes).toEqual({ owner: { before: '李娜', after: '王经理' } })
    expect(rows[3]?.changes).toEqual({ notes: { before: null, after: '转给经理' } })
    expect(JSON.stringify(rows)).not.toContain(mobile)

    // Merge: an entry on each customer; purge: the trace outlives the record.
    const { body: twin } = await customers.create(staff.manager, { name: '审计客户二' })
    expect((await customers.merge(staff.manager, { survivorId: id, mergedId: twin.id })).status).toBe(200)
    expect((await auditOf(id)).at(-1)).toMatchObject({ action: 'merge', meta: { role: 'survivor', mergedId: twin.id, mergedName: '审计客户二' } })
    expect((await auditOf(twin.id)).at(-1)).toMatchObject({ action: 'merge', meta: { role: 'merged', survivorId: id } })
    expect((await customers.purge(staff.admin, twin.id)).status).toBe(204)
    expect((await auditOf(twin.id)).at(-1)).toMatchObject({ action: 'purge', actor_name: '系统管理员', label: '审计客户二' })
  })

  it('bulk actions write one audit entry per customer changed, marked as bulk', async () => {
    const ids = []
    for (const name of ['批量审计一', '批量审计二']) ids.push((await customers.create(staff.manager, { name })).body.id)
    const assigned = await customers.bulk(staff.manager, { ids, action: 'assignOwner', ownerId: staff.ids.sales1 })
    expect(assigned.body).toEqual({ affected: 2 })
    const tag = (await server.api.post<{ id: string }>('/api/tags', { token: staff.manager, body: { name: '批量审计标签' } })).body.id
    await customers.bulk(staff.manager, { ids, action: 'addTags', tagIds: [tag] })
    await customers.bulk(staff.manager, { ids, action: 'delete' })
    for (const [index, id] of ids.entries()) {
      const rows = (await auditOf(id)).filter((row) => row.meta?.bulk !== undefined)
      expect(rows.map((row) => [row.action, row.meta?.bulk])).toEqual([['assign', 'assignOwner'], ['update', 'addTags'], ['delete', 'delete']])
      expect(rows[0]).toMatchObject({ label: index === 0 ? '批量审计一' : '批量审计二', changes: { owner: { before: '王经理', after: '李娜' } } })
      expect(rows[1]?.changes).toEqual({ tags: { before: [], after: ['批量审计标签'] } })
    }
  })

  it('a manager reaches her team’s customers on every path, and not one of another region; a rep only her own', async () => {
    const inTeam = await customerWithContact('团队内客户', staff.sales1)
    const outside = await customerWithContact('团队外客户', staff.sales2)
    const order = (id: string, token: string) => server.api.post<{ id: string }>(`/api/customers/${id}/orders`, { token, body: { amount: 100 } })
    const activity = (id: string, token: string) => server.api.post<{ id: string }>(`/api/customers/${id}/activities`, { token, body: { type: 'call', content: '回访' } })
    const theirOrder = (await order(outside.customer.id, staff.sales2)).body.id
    const theirActivity = (await activity(outside.customer.id, staff.sales2)).body.id

    const paths = (id: string, contactId: string, orderId: string, activityId: string, version: number) => [
      server.api.get<ErrorBody>(`/api/customers/${id}`, { token: staff.manager }),
      server.api.patch<ErrorBody>(`/api/customers/${id}`, { token: staff.manager, body: { version, notes: 'x' } }),
      server.api.get<ErrorBody>(`/api/customers/${id}/contacts`, { token: staff.manager }),
      server.api.post<ErrorBody>(`/api/customers/${id}/contacts`, { token: staff.manager, body: { name: 'x' } }),
      server.api.patch<ErrorBody>(`/api/customers/${id}/contacts/${contactId}`, { token: staff.manager, body: { title: 'x' } }),
      server.api.get<ErrorBody>(`/api/customers/${id}/orders`, { token: staff.manager }),
      server.api.patch<ErrorBody>(`/api/customers/${id}/orders/${orderId}`, { token: staff.manager, body: { notes: 'x' } }),
      server.api.get<ErrorBody>(`/api/customers/${id}/activities`, { token: staff.manager }),
      server.api.patch<ErrorBody>(`/api/customers/${id}/activities/${activityId}`, { token: staff.manager, body: { outcome: 'x' } }),
      server.api.get<ErrorBody>(`/api/customers/${id}/timeline`, { token: staff.manager }),
      server.api.post<ErrorBody>(`/api/customers/${id}/reveal`, { token: staff.manager }),
    ]
    for (const response of await Promise.all(paths(outside.customer.id, outside.contact.id, theirOrder, theirActivity, 1))) {
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('CUSTOMER_NOT_FOUND')
    }
    const tag = (await server.api.post<{ id: string }>('/api/tags', { token: staff.manager, body: { name: '范围标签' } })).body.id
    const bulkOutside = await customers.bulk(staff.manager, { ids: [inTeam.customer.id, outside.customer.id], action: 'addTags', tagIds: [tag] })
    expect(bulkOutside.status).toBe(404)
    expect((await customers.list(staff.manager, `?keyword=${encodeURIComponent('团队')}`)).body.items.map((item) => item.name)).toEqual(['团队内客户'])
    expect((await customers.duplicates(staff.manager, `?phone=${outside.mobile}`)).body.matches).toEqual([
      { customerId: outside.customer.id, name: null, field: 'phone' },
    ])

    // Inside the team every path answers.
    const ownOrder = (await order(inTeam.customer.id, staff.manager)).body.id
    const ownActivity = (await activity(inTeam.customer.id, staff.manager)).body.id
    const version = (await customers.get(staff.manager, inTeam.customer.id)).body.version
    const inside = await Promise.all(paths(inTeam.customer.id, inTeam.contact.id, ownOrder, ownActivity, version))
    expect(inside.map((response) => response.status)).toEqual([200, 200, 200, 201, 200, 200, 200, 200, 200, 200, 200])

    // 李娜 sees her own customer only: the manager's own customers are out of her reach.
    const { body: managers } = await customers.create(staff.manager, { name: '经理自己的客户' })
    expect((await customers.get(staff.sales1, managers.id)).status).toBe(404)
    expect((await contactsOf(staff.sales1, managers.id)).status).toBe(404)
    expect((await server.api.get(`/api/customers/${managers.id}/timeline`, { token: staff.sales1 })).status).toBe(404)
    expect((await customers.get(staff.sales1, inTeam.customer.id)).status).toBe(200)
    // Service and viewer read every customer.
    expect((await customers.get(service, outside.customer.id)).status).toBe(200)
    expect((await customers.get(viewer, outside.customer.id)).status).toBe(200)
    expect((await customers.patch(viewer, outside.customer.id, { version: 1, notes: 'x' })).status).toBe(403)
  })

  it('unknown fields in bodies and query strings are refused with 422, naming the field', async () => {
    const { customer } = await customerWithContact('严格客户')
    const probes = [
      await customers.create(staff.sales1, { name: '多字段', nickname: '小明' }),
      await customers.patch(staff.sales1, customer.id, { version: 1, nickname: '小明' }),
      await customers.create(staff.sales1, { name: '多字段', phones: [{ number: freshMobile(), nickname: '小明' }] }),
      await customers.list(staff.sales1, '?nickname=小明'),
      await customers.bulk(staff.manager, { ids: [customer.id], action: 'delete', nickname: '小明' }),
      await customers.merge(staff.manager, { survivorId: customer.id, mergedId: customer.id, nickname: '小明' }),
      await server.api.post<ErrorBody>(`/api/customers/${customer.id}/activities`, { token: staff.sales1, body: { type: 'call', content: 'x', nickname: '小明' } }),
      await server.api.get<ErrorBody>(`/api/customers/${customer.id}/timeline?nickname=x`, { token: staff.sales1 }),
      await server.api.post<ErrorBody>('/api/customer-views', { token: staff.sales1, body: { name: '视图', nickname: '小明' } }),
    ]
    for (const response of probes) {
      expect(response.status).toBe(422)
      expect(response.body.details.some((detail) => detail.message.includes('nickname')), JSON.stringify(response.body)).toBe(true)
    }
    // What the console sends still passes.
    expect((await customers.list(staff.sales1, '?keyword=严格&tagMode=any&sort=createdAt&order=desc&limit=20')).status).toBe(200)
  })

  it('listing more than 200 customers within a minute leaves one bulk_view entry', async () => {
    const bulkViews = () =>
      withDatabaseClient(server.database.url, async (client) =>
        (await client.query<{ meta: { count: number } }>("SELECT meta FROM audit_logs WHERE action = 'bulk_view' AND actor_name = '系统管理员'")).rows,
      )
    expect(await bulkViews()).toEqual([])
    // Rows shown count, whether or not they were shown before.
    for (let page = 0; page < 3; page += 1) expect((await customers.list(staff.admin, '?limit=100')).body.items).toHaveLength(100)
    // Written once, when the minute's count went past 200 (earlier tests listed a few rows as well).
    const [entry, ...more] = await bulkViews()
    expect(more).toEqual([])
    expect(entry?.meta.count).toBeGreaterThan(200)
    expect(entry?.meta.count).toBeLessThanOrEqual(300)
    expect((await customers.list(staff.admin, '?limit=100')).status).toBe(200)
    expect(await bulkViews()).toHaveLength(1)
  })
})
