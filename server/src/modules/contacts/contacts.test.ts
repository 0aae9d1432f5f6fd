import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer, type ErrorBody } from '../../test/support.js'
import type { ContactDto } from './contacts.schemas.js'


describe('contacts of a customer', () => {
  let server: TestServer
  let adminToken: string
  let sales1: string
  let sales2: string
  let decisionMakerId: string

  beforeAll(async () => {
    server = await startTestServer()
    ;[adminToken, sales1, sales2] = await Promise.all([server.login('admin'), server.login('sales1'), server.login('sales2')])
    const types = await server.api.get<{ items: { id: string; name: string }[] }>('/api/relationship-types', { token: sales1 })
    decisionMakerId = types.body.items.find((type) => type.name === '决策人')?.id ?? ''
  })
  afterAll(() => server.close())

  const newCustomer = async (token: string, name: string) => {
    const response = await server.api.post<{ id: string }>('/api/customers', { token, body: { name } })
    expect(response.status).toBe(201)
    return response.body.id
  }
  const contacts = (customerId: string) => `/api/customers/${customerId}/contacts`
  const add = (customerId: string, body: unknown) => server.api.post<ContactDto & ErrorBody>(contacts(customerId), { token: adminToken, body })

  it('adds a contact with phones in any common form, stored encrypted as E.164, shown masked with their ids', async () => {
    const customerId = await newCustomer(adminToken, '联系人客户')
    const created = await add(customerId, {
      name: ' 王芳 ',
      title: '采购经理',
      phones: [
        { number: '+86 139-1234-5678' },
        { type: 'work', number: '０５７１－８８８８６６６６', primary: true },
        { number: '0086 13912345678' },
      ],
      emails: [{ address: 'Wang.Fang@Example.com' }],
      relationshipTypeId: decisionMakerId,
      notes: '负责年度采购',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: '王芳',
      title: '采购经理',
      // The marked one is primary and comes first; the duplicate number is dropped.
      phones: [
        { id: expect.any(String), type: 'work', number: '571****6666', display: '571****6666', primary: true, masked: true },
        { id: expect.any(String), type: 'mobile', number: '139****5678', display: '139****5678', primary: false, masked: true },
      ],
      emails: [{ id: expect.any(String), address: 'W***@Example.com', primary: true, masked: true }],
      relationshipType: { id: decisionMakerId, name: '决策人' },
      reportsToId: null,
      notes: '负责年度采购',
    })

    const stored = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ number_encrypted: Buffer; number_hash: string }>(
        'SELECT number_encrypted, number_hash FROM contact_phones WHERE contact_id = $1', [created.body.id],
      )).rows,
    )
    expect(stored).toHaveLength(2)
    for (const row of stored) {
      expect(row.number_encrypted.toString('latin1')).not.toContain('13912345678')
      expect(row.number_hash).toMatch(/^[0-9a-f]{64}$/)
    }

    const listed = await server.api.get<{ items: ContactDto[] }>(contacts(customerId), { token: adminToken })
    expect(listed.body.items).toEqual([created.body])

    // The customer's reveal gives the contact's numbers in full, by the same ids.
    const revealed = await server.api.post<{ contacts: { id: string; phones: { id: string; number: string; display: string }[]; emails: { id: string; address: string }[] }[] }>(
      `/api/customers/${customerId}/reveal`, { token: adminToken },
    )
    expect(revealed.body.contacts).toEqual([{
      id: created.body.id,
      phones: [
        { id: created.body.phones[0]!.id, number: '+8657188886666', display: '0571 8888 6666' },
        { id: created.body.phones[1]!.id, number: '+8613912345678', display: '139 1234 5678' },
      ],
      emails: [{ id: created.body.emails[0]!.id, address: 'Wang.Fang@Example.com' }],
    }])
  })

  it('an edit keeps stored numbers by id without ever sending them, and refuses an id the contact does not have', async () => {
    const customerId = await newCustomer(adminToken, '保留号码客户')
    const contact = (await add(customerId, { name: '韩梅梅', phones: [{ number: '13600136000' }, { number: '13500135000' }], emails: [{ address: 'hmm@example.com' }] })).body
    const [first, second] = contact.phones
    const url = `${contacts(customerId)}/${contact.id}`
    const kept = await server.api.patch<ContactDto & ErrorBody>(url, {
      token: adminToken,
      body: { phones: [{ id: second!.id, type: 'work', primary: true }, { number: '13300133000' }], emails: [{ id: contact.emails[0]!.id }] },
    })
    expect(kept.status).toBe(200)
    expect(kept.body.phones.map((phone) => [phone.id === second!.id, phone.type, phone.number, phone.primary])).toEqual([
      [true, 'work', '135****5000', true],
      [false, 'mobile', '133****3000', false],
    ])
    expect(kept.body.emails).toEqual(contact.emails)
    const revealed = await server.api.post<{ contacts: { phones: { number: string }[] }[] }>(`/api/customers/${customerId}/reveal`, { token: adminToken })
    expect(revealed.body.contacts[0]?.phones.map((phone) => phone.number)).toEqual(['+8613500135000', '+8613300133000'])

    const foreign = await server.api.patch<ErrorBody>(url, { token: adminToken, body: { phones: [{ id: first!.id }] } })
    expect(foreign.status).toBe(422)
    expect(foreign.body.details).toEqual([{ field: 'phones.0.id', message: expect.any(String) }])
    const both = await server.api.patch<ErrorBody>(url, { token: adminToken, body: { phones: [{ id: second!.id, number: '13300133000' }] } })
    expect(both.status).toBe(422)
    expect(both.body.details).toEqual([{ field: 'phones.0.id', message: expect.any(String) }])
    const unknownField = await server.api.patch<ErrorBody>(url, { token: adminToken, body: { nickname: '梅梅' } })
    expect(unknownField.status).toBe(422)
    expect(unknownField.body.details).toEqual([{ field: expect.any(String), message: expect.stringContaining('nickname') }])
  })

  it('builds a reporting tree, refuses managers from elsewhere and loops, and keeps the tree connected on delete', async () => {
    const customerId = await newCustomer(adminToken, '树形客户')
    const boss = (await add(customerId, { name: '总经理' })).body
    const head = (await add(customerId, { name: '采购经理', reportsToId: boss.id })).body
    const clerk = (await add(customerId, { name: '采购专员', reportsToId: head.id })).body
    expect(clerk.reportsToId).toBe(head.id)

    const patch = (id: string, body: unknown) => server.api.patch<ContactDto & ErrorBody>(`${contacts(customerId)}/${id}`, { token: adminToken, body })
    for (const [id, reportsToId] of [[boss.id, clerk.id], [boss.id, boss.id], [head.id, clerk.id]] as const) {
      const loop = await patch(id, { reportsToId })
      expect(loop.status).toBe(422)
      expect(loop.body.details).toEqual([{ field: 'reportsToId', message: '汇报关系不能形成循环' }])
    }

    const otherCustomer = await newCustomer(adminToken, '别家客户')
    const stranger = (await add(otherCustomer, { name: '外人' })).body
    const foreign = await add(customerId, { name: '新人', reportsToId: stranger.id })
    expect(foreign.status).toBe(422)
    expect(foreign.body.details).toEqual([{ field: 'reportsToId', message: '上级必须是该客户的另一位联系人' }])

    // Moving a branch elsewhere in the tree is fine.
    expect((await patch(clerk.id, { reportsToId: boss.id })).body.reportsToId).toBe(boss.id)
    expect((await patch(clerk.id, { reportsToId: head.id })).body.reportsToId).toBe(head.id)

    expect((await server.api.delete(`${contacts(customerId)}/${head.id}`, { token: adminToken })).status).toBe(204)
    const listed = await server.api.get<{ items: ContactDto[] }>(contacts(customerId), { token: adminToken })
    expect(listed.body.items.map((contact) => [contact.name, contact.reportsToId])).toEqual([
      ['总经理', null],
      ['采购专员', boss.id],
    ])
    const gone = await patch(head.id, { title: 'x' })
    expect(gone.status).toBe(404)
    expect(gone.body.code).toBe('CONTACT_NOT_FOUND')
    const deletedManager = await add(customerId, { name: '找已删', reportsToId: head.id })
    expect(deletedManager.status).toBe(422)
  })

  it('edits replace phone and email lists, and the history records the change masked', async () => {
    const customerId = await newCustomer(adminToken, '历史客户')
    const contact = (await add(customerId, { name: '李雷', phones: [{ number: '13800138000' }] })).body
    const patched = await server.api.patch<ContactDto>(`${contacts(customerId)}/${contact.id}`, {
      token: adminToken,
      body: { title: '店长', phones: [{ number: '13700137000' }], emails: [] },
    })
    expect(patched.status).toBe(200)
    expect(patched.body.phones).toEqual([{ id: expect.any(String), type: 'mobile', number: '137****7000', display: '137****7000', primary: true, masked: true }])

    const events = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ kind: string; payload: { action: string; changes: unknown[] } }>(
        'SELECT kind, payload FROM customer_events WHERE customer_id = $1 AND payload ? \'action\' ORDER BY occurred_at', [customerId],
      )).rows,
    )
    expect(events.map((event) => event.payload.action)).toEqual(['contact_created', 'contact_updated'])
    expect(events[1]?.payload.changes).toEqual([
      { field: 'contact.title', from: null, to: '店长' },
      { field: 'contact.phones', from: ['138****8000'], to: ['137****7000'] },
    ])
    expect(JSON.stringify(events)).not.toContain('13700137000')

    // The audit log has the same change, field by field, masked, for the contact and its customer.
    const audit = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ action: string; resource: string; resource_id: string; customer_id: string; changes: unknown }>(
        "SELECT action, resource, resource_id, customer_id, changes FROM audit_logs WHERE resource = 'contact' AND customer_id = $1 ORDER BY at", [customerId],
      )).rows,
    )
    expect(audit.map((row) => [row.action, row.resource_id])).toEqual([['create', contact.id], ['update', contact.id]])
    expect(audit[1]?.changes).toEqual({ title: { before: null, after: '店长' }, phones: { before: ['138****8000'], after: ['137****7000'] } })
    expect(JSON.stringify(audit)).not.toContain('13700137000')
    expect((await server.api.delete(`${contacts(customerId)}/${contact.id}`, { token: adminToken })).status).toBe(204)
    const deleted = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query("SELECT 1 FROM audit_logs WHERE resource = 'contact' AND action = 'delete' AND resource_id = $1", [contact.id])).rowCount,
    )
    expect(deleted).toBe(1)
  })

  it("a sales rep cannot reach a colleague's customer's contacts", async () => {
    const colleagues = await newCustomer(sales2, '同事客户')
    const contact = (await server.api.post<ContactDto>(contacts(colleagues), { token: sales2, body: { name: '对方联系人' } })).body
    for (const response of [
      await server.api.get<ErrorBody>(contacts(colleagues), { token: sales1 }),
      await server.api.post<ErrorBody>(contacts(colleagues), { token: sales1, body: { name: 'x' } }),
      await server.api.patch<ErrorBody>(`${contacts(colleagues)}/${contact.id}`, { token: sales1, body: { name: 'x' } }),
      await server.api.delete<ErrorBody>(`${contacts(colleagues)}/${contact.id}`, { token: sales1 }),
    ]) {
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('CUSTOMER_NOT_FOUND')
    }
    const own = await newCustomer(sales1, '自己客户')
    const crossed = await server.api.patch<ErrorBody>(`${contacts(own)}/${contact.id}`, { token: sales1, body: { name: 'x' } })
    expect(crossed.body.code).toBe('CONTACT_NOT_FOUND')
    expect((await server.api.get(contacts(own))).status).toBe(401)
  })

  it('refuses bad contacts with 422 on the field', async () => {
    const customerId = await newCustomer(adminToken, '校验客户')
    const probes: [unknown, string][] = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x', phones: [{ number: '12345' }] }, 'phones.0.number'],
      [{ name: 'x', phones: [{ number: '13800138000', type: 'fax' }] }, 'phones.0.type'],
      [{ name: 'x', emails: [{ address: 'nope' }] }, 'emails.0.address'],
      [{ name: 'x', relationshipTypeId: '00000000-0000-4000-8000-000000000000' }, 'relationshipTypeId'],
      [{ name: 'x', reportsToId: 'abc' }, 'reportsToId'],
    ]
    for (const [body, field] of probes) {
      const response = await add(customerId, body)
      expect(response.status, JSON.stringify(body)).toBe(422)
      expect(response.body.details.map((detail) => detail.field), JSON.stringify(body)).toContain(field)
    }
  })
})
