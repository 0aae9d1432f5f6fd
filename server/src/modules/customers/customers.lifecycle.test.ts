import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, freshMobile, signInStaff, type Staff } from './customers.test-support.js'

describe('customers: trash, merge and bulk actions', () => {
  let server: TestServer
  let staff: Staff
  let customers: ReturnType<typeof customerClient>
  let tags: Map<string, string>
  let groups: Map<string, string>

  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
    withDatabaseClient(server.database.url, async (client) => (await client.query(text, values)).rows as T[])

  beforeAll(async () => {
    server = await startTestServer()
    staff = await signInStaff(server)
    customers = customerClient(server)
    tags = new Map((await sql<{ id: string; name: string }>('SELECT id, name FROM tags')).map((row) => [row.name, row.id]))
    groups = new Map((await sql<{ id: string; name: string }>('SELECT id, name FROM groups')).map((row) => [row.name, row.id]))
  })
  afterAll(() => server.close())

  const eventsOf = (customerId: string) =>
    sql<{ kind: string; payload: Record<string, unknown>; actor_id: string }>(
      'SELECT kind, payload, actor_id FROM customer_events WHERE customer_id = $1 ORDER BY occurred_at, kind',
      [customerId],
    )

  describe('trash', () => {
    it('a deleted customer leaves the list for the trash, says who deleted it, and comes back on restore', async () => {
      const { body: customer } = await customers.create(staff.sales1, { name: '回收站客户', company: 'trash-marker-1' })
      expect((await customers.remove(staff.manager, customer.id)).status).toBe(204)

      expect((await customers.list(staff.manager, '?keyword=trash-marker-1')).body.total).toBe(0)
      expect((await customers.get(staff.manager, customer.id)).status).toBe(404)
      expect((await customers.patch(staff.manager, customer.id, { version: 2, name: 'x' })).status).toBe(404)
      expect((await customers.remove(staff.manager, customer.id)).status).toBe(404)

      const trash = await customers.trash(staff.manager, '?pageSize=5')
      expect(trash.status).toBe(200)
      expect(trash.body.items[0]).toMatchObject({ id: customer.id, name: '回收站客户', deletedAt: expect.any(String), deletedBy: { id: staff.ids.manager, displayName: '王经理' } })

      const restored = await customers.restore(staff.manager, customer.id)
      expect(restored.status).toBe(200)
      expect(restored.body).toMatchObject({ id: customer.id, version: 3 })
      expect((await customers.get(staff.sales1, customer.id)).status).toBe(200)
      expect((await customers.trash(staff.manager)).body.items.map((item) => item.id)).not.toContain(customer.id)
      expect((await customers.restore(staff.manager, customer.id)).status).toBe(404)
      expect((await eventsOf(customer.id)).map((event) => event.kind)).toEqual(['created', 'deleted', 'restored'])
    })

    it('only administrators purge, only from the trash, and a purge takes everything with it', async () => {
      const mobile = freshMobile()
      const { body: customer } = await customers.create(staff.manager, { name: '彻底删除', phones: [{ number: mobile }], newTags: ['purge-tag'] })
      expect((await customers.purge(staff.admin, customer.id)).status).toBe(404)
      await customers.remove(staff.manager, customer.id)
      for (const token of [staff.manager, staff.sales1]) {
        const refused = await customers.purge(token, customer.id)
        expect(refused.status).toBe(403)
        expect(refused.body.code).toBe('FORBIDDEN')
      }
      expect((await customers.purge(staff.admin, customer.id)).status).toBe(204)
      expect((await customers.purge(staff.admin, customer.id)).status).toBe(404)
      expect((await customers.restore(staff.admin, customer.id)).status).toBe(404)
      const left = await sql<{ rows: number }>(
        `SELECT (SELECT count(*) FROM customers WHERE id = $1) + (SELECT count(*) FROM customer_phones WHERE customer_id = $1)
          + (SELECT count(*) FROM customer_events WHERE customer_id = $1) + (SELECT count(*) FROM customer_tags WHERE customer_id = $1) AS rows`,
        [customer.id],
      )
      expect(Number(left[0]!.rows)).toBe(0)
    })

    it('the trash lists most recently deleted first, in pages', async () => {
      const ids: string[] = []
      for (const name of ['先删', '后删']) {
        const { body } = await customers.create(staff.manager, { name })
        await customers.remove(staff.manager, body.id)
        ids.push(body.id)
      }
      const first = await customers.trash(staff.admin, '?page=1&pageSize=1')
      expect(first.body.items.map((item) => item.id)).toEqual([ids[1]])
      expect(first.body.total).toBeGreaterThanOrEqual(2)
      expect((await customers.trash(staff.admin, '?page=2&pageSize=1')).body.items.map((item) => item.id)).toEqual([ids[0]])
      expect((await customers.trash(staff.admin, '?pageSize=500')).status).toBe(422)
    })
  })

  describe('merge', () => {
    it('moves phones, emails and addresses without duplicates, contacts, orders, activities, tags and groups to the survivor', async () => {
      const shared = freshMobile()
      const only = freshMobile()
      const { body: survivor } = await customers.create(staff.manager, {
        name: '陈明', company: '旧公司', phones: [{ number: shared }], emails: [{ address: 'chen@example.com' }],
        addresses: [{ cityCode: '330100', street: '文三路 1 号' }], tagIds: [tags.get('VIP')], groupIds: [groups.get('杭州客户')],
        customFields: {},
      })
      const { body: merged } = await customers.create(staff.manager, {
        name: '陈明（重复）', company: '新公司', birthday: '1985-05-05',
        phones: [{ number: only }, { number: `+86${shared}` }], emails: [{ address: 'CHEN@example.com' }, { address: 'chen.work@example.com' }],
        addresses: [{ cityCode: '330100', street: '文三路 1 号' }, { cityCode: '310100', street: '南京路 2 号' }],
        tagIds: [tags.get('VIP'), tags.get('团购')], groupIds: [groups.get('重点跟进')], consent: { marketing: true, channel: 'miniapp' },
        force: { reason: '合并前的重复录入' },
      })
      // Related records of the merged customer, written the way the orders and contacts modules store them.
      await sql(`INSERT INTO contacts (id, customer_id, name, updated_at) VALUES (gen_random_uuid(), $1, '陈太太', now())`, [merged.id])
      await sql(`INSERT INTO orders (id, customer_id, order_no, ordered_at, status, amount, updated_at) VALUES
        (gen_random_uuid(), $1, $2, now() - interval '30 days', 'completed', 100.00, now()),
        (gen_random_uuid(), $1, $3, now() - interval '10 days', 'paid', 300.00, now()),
        (gen_random_uuid(), $1, $4, now(), 'cancelled', 999.00, now())`,
      [merged.id, `T-${merged.id}-1`, `T-${merged.id}-2`, `T-${merged.id}-3`])
      await sql(`INSERT INTO activities (id, customer_id, type, occurred_at, content, author_id, updated_at) VALUES
        (gen_random_uuid(), $1, 'call', now() - interval '1 day', '电话回访', $2, now())`, [merged.id, staff.ids.manager])

      const result = await customers.merge(staff.manager, {
        survivorId: survivor.id, mergedId: merged.id, fields: { company: 'merged', birthday: 'merged' },
      })
      expect(result.status).toBe(200)
      const after = result.body
      expect(after).toMatchObject({ id: survivor.id, name: '陈明', company: '新公司', birthday: '1985-05-05', version: 2 })
      const revealed = (await customers.reveal(staff.manager, survivor.id)).body
      expect(after.phones.map((phone) => phone.id)).toEqual(revealed.phones.map((phone) => phone.id))
      expect(revealed.phones.map((phone) => phone.number)).toEqual([`+86${shared}`, `+86${only}`])
      expect(after.phones.map((phone) => [phone.number, phone.primary])).toEqual([[`170****${shared.slice(-4)}`, true], [`170****${only.slice(-4)}`, false]])
      expect(revealed.emails.map((email) => email.address)).toEqual(['chen@example.com', 'chen.work@example.com'])
      expect(after.emails.map((email) => email.address)).toEqual(['c***@example.com', 'c***@example.com'])
      expect(after.addresses.map((address) => [address.cityName, address.street])).toEqual([['杭州市', '文三路 1 号'], ['上海市', '南京路 2 号']])
      expect(after.tags.map((tag) => tag.name).sort()).toEqual(['VIP', '团购'].sort())
      expect(after.groups.map((group) => group.name).sort()).toEqual(['杭州客户', '重点跟进'].sort())
      expect(after.consent).toMatchObject({ marketing: true, channel: 'miniapp' })
      // Paid and completed orders count; the cancelled one does not.
      expect(after.metrics).toMatchObject({ orderCount: 2, totalSpent: '400.00', averageOrderValue: '200.00', purchaseFrequencyDays: 20 })
      expect(after.lastContactAt).not.toBeNull()
      expect(after.mergedFrom).toEqual([{ id: merged.id, name: '陈明（重复）', mergedAt: expect.any(String) }])

      const moved = await sql<{ contacts: number; orders: number; activities: number }>(
        `SELECT (SELECT count(*)::int FROM contacts WHERE customer_id = $1) AS contacts, (SELECT count(*)::int FROM orders WHERE customer_id = $1) AS orders,
          (SELECT count(*)::int FROM activities WHERE customer_id = $1) AS activities`,
        [survivor.id],
      )
      expect(moved[0]).toEqual({ contacts: 1, orders: 3, activities: 1 })

      // The merged customer sits in the trash, pointing at the survivor.
      expect((await customers.get(staff.manager, merged.id)).status).toBe(404)
      const [trashed] = await sql<{ merged_into_id: string; deleted_at: Date }>('SELECT merged_into_id, deleted_at FROM customers WHERE id = $1', [merged.id])
      expect(trashed).toMatchObject({ merged_into_id: survivor.id, deleted_at: expect.any(Date) })
      expect((await customers.trash(staff.manager)).body.items.map((item) => item.id)).toContain(merged.id)

      // Both histories show the merge.
      const survivorEvents = await eventsOf(survivor.id)
      expect(survivorEvents.at(-1)).toMatchObject({ kind: 'merge', actor_id: staff.ids.manager, payload: { role: 'survivor', otherCustomerId: merged.id, otherCustomerName: '陈明（重复）' } })
      expect(survivorEvents.at(-1)!.payload.changes).toEqual(expect.arrayContaining([{ field: 'company', from: '旧公司', to: '新公司' }]))
      expect((await eventsOf(merged.id)).at(-1)).toMatchObject({ kind: 'merge', payload: { role: 'merged', otherCustomerId: survivor.id, otherCustomerName: '陈明' } })

      // The survivor's phone now finds it; a second merge of the same pair is a 404.
      expect((await customers.list(staff.manager, `?keyword=${only}`)).body.items.map((item) => item.id)).toEqual([survivor.id])
      expect((await customers.merge(staff.manager, { survivorId: survivor.id, mergedId: merged.id })).status).toBe(404)
    })

    it('refuses merging a customer with itself, unknown customers, and callers without the permission', async () => {
      const { body: one } = await customers.create(staff.manager, { name: '自己' })
      const self = await customers.merge(staff.manager, { survivorId: one.id, mergedId: one.id })
      expect(self.status).toBe(422)
      expect(self.body.details).toEqual([{ field: 'mergedId', message: '不能与自身合并' }])
      const unknown = await customers.merge(staff.manager, { survivorId: one.id, mergedId: '00000000-0000-4000-8000-000000000000' })
      expect(unknown.status).toBe(404)
      expect(unknown.body.code).toBe('CUSTOMER_NOT_FOUND')
      const { body: own } = await customers.create(staff.sales1, { name: '她的' })
      expect((await customers.merge(staff.sales1, { survivorId: own.id, mergedId: one.id })).status).toBe(403)
      const badChoice = await customers.merge(staff.manager, { survivorId: one.id, mergedId: own.id, fields: { name: 'both' } })
      expect(badChoice.status).toBe(422)
      expect(badChoice.body.details[0]?.field).toBe('fields.name')
    })
  })

  describe('bulk actions', () => {
    const makeThree = async (prefix: string) => {
      const created = []
      for (const index of [1, 2, 3]) created.push((await customers.create(staff.manager, { name: `${prefix}${index}`, ownerId: staff.ids.sales1 })).body)
      return created
    }

    it('adds and removes tags and groups in one go, counting only customers that changed, each with a history entry', async () => {
      const three = await makeThree('批量标签')
      const ids = three.map((customer) => customer.id)
      await customers.patch(staff.manager, ids[0]!, { version: 1, tagIds: [tags.get('VIP')] })

      const added = await customers.bulk(staff.manager, { ids, action: 'addTags', tagIds: [tags.get('VIP'), tags.get('会员')] })
      expect(added.body).toEqual({ affected: 3 })
      for (const id of ids) expect((await customers.get(staff.manager, id)).body.tags.map((tag) => tag.name).sort()).toEqual(['VIP', '会员'].sort())
      expect((await customers.bulk(staff.manager, { ids, action: 'addTags', tagIds: [tags.get('VIP')] })).body).toEqual({ affected: 0 })

      expect((await customers.bulk(staff.manager, { ids: ids.slice(0, 2), action: 'removeTags', tagIds: [tags.get('VIP')] })).body).toEqual({ affected: 2 })
      expect((await customers.get(staff.manager, ids[0]!)).body.tags.map((tag) => tag.name)).toEqual(['会员'])
      expect((await customers.get(staff.manager, ids[2]!)).body.tags.map((tag) => tag.name).sort()).toEqual(['VIP', '会员'].sort())

      expect((await customers.bulk(staff.manager, { ids, action: 'addGroups', groupIds: [groups.get('重点跟进')] })).body).toEqual({ affected: 3 })
      expect((await customers.get(staff.manager, ids[1]!)).body.groups.map((group) => group.name)).toEqual(['重点跟进'])
      expect((await customers.bulk(staff.manager, { ids, action: 'removeGroups', groupIds: [groups.get('重点跟进')] })).body).toEqual({ affected: 3 })

      const history = await eventsOf(ids[1]!)
      expect(history.filter((event) => event.kind === 'change').map((event) => event.payload)).toEqual([
        { bulk: 'addTags', changes: [{ field: 'tags', from: [], to: ['VIP', '会员'].sort() }] },
        { bulk: 'removeTags', changes: [{ field: 'tags', from: ['VIP', '会员'].sort(), to: ['会员'] }] },
        { bulk: 'addGroups', changes: [{ field: 'groups', from: [], to: ['重点跟进'] }] },
        { bulk: 'removeGroups', changes: [{ field: 'groups', from: ['重点跟进'], to: [] }] },
      ])
      // Each change moved the version on, so forms opened before it are stale.
      expect((await customers.get(staff.manager, ids[1]!)).body.version).toBe(5)
    })

    it('assigns an owner and moves customers to the trash', async () => {
      const three = await makeThree('批量分配')
      const ids = three.map((customer) => customer.id)
      // 张伟 is outside the manager's region: she may not give him customers; she may take them herself.
      const outOfTeam = await customers.bulk(staff.manager, { ids, action: 'assignOwner', ownerId: staff.ids.sales2 })
      expect(outOfTeam.status).toBe(422)
      expect((await customers.bulk(staff.manager, { ids, action: 'assignOwner', ownerId: staff.ids.manager })).body).toEqual({ affected: 3 })
      expect((await customers.get(staff.manager, ids[0]!)).body.owner?.displayName).toBe('王经理')
      expect((await customers.get(staff.sales1, ids[0]!)).status).toBe(404)
      const missingOwner = await customers.bulk(staff.manager, { ids, action: 'assignOwner', ownerId: '00000000-0000-4000-8000-000000000000' })
      expect(missingOwner.status).toBe(422)

      expect((await customers.bulk(staff.manager, { ids, action: 'delete' })).body).toEqual({ affected: 3 })
      for (const id of ids) expect((await customers.get(staff.manager, id)).status).toBe(404)
      const trashIds = (await customers.trash(staff.manager, '?pageSize=100')).body.items.map((item) => item.id)
      expect(trashIds).toEqual(expect.arrayContaining(ids))
    })

    it('is all or nothing: one unknown or trashed id fails the whole request with 404 and changes nothing', async () => {
      const three = await makeThree('批量失败')
      const ids = three.map((customer) => customer.id)
      await customers.remove(staff.manager, ids[2]!)
      for (const badIds of [[ids[0], '00000000-0000-4000-8000-000000000000'], [ids[0], ids[1], ids[2]]]) {
        const response = await customers.bulk(staff.manager, { ids: badIds, action: 'addTags', tagIds: [tags.get('VIP')] })
        expect(response.status).toBe(404)
        expect(response.body.code).toBe('CUSTOMER_NOT_FOUND')
      }
      expect((await customers.get(staff.manager, ids[0]!)).body.tags).toEqual([])
    })

    it('checks permissions per action and validates its parameters', async () => {
      const three = await makeThree('批量权限')
      const ids = three.map((customer) => customer.id)
      expect((await customers.bulk(staff.sales1, { ids, action: 'addTags', tagIds: [tags.get('VIP')] })).status).toBe(403)
      const noTags = await customers.bulk(staff.manager, { ids, action: 'addTags' })
      expect(noTags.status).toBe(422)
      expect(noTags.body.details).toEqual([{ field: 'tagIds', message: '必填' }])
      const unknownTag = await customers.bulk(staff.manager, { ids, action: 'addTags', tagIds: ['00000000-0000-4000-8000-000000000000'] })
      expect(unknownTag.status).toBe(422)
      expect(unknownTag.body.details).toEqual([{ field: 'tagIds.0', message: '标签不存在' }])
      expect((await customers.bulk(staff.manager, { ids: [], action: 'delete' })).status).toBe(422)
    })
  })
})
