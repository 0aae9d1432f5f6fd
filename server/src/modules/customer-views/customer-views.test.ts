import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, signInStaff, type Staff } from '../customers/customers.test-support.js'
import type { CustomerViewDto } from './customer-views.schemas.js'

interface ViewBody extends CustomerViewDto {
  code: string
  message: string
  details: { field: string; message: string }[]
}

describe('saved customer views', () => {
  let server: TestServer
  let staff: Staff

  const views = {
    list: (token: string) => server.api.get<{ items: CustomerViewDto[] }>('/api/customer-views', { token }),
    create: (token: string, body: unknown) => server.api.post<ViewBody>('/api/customer-views', { token, body }),
    patch: (token: string, id: string, body: unknown) => server.api.patch<ViewBody>(`/api/customer-views/${id}`, { token, body }),
    remove: (token: string, id: string) => server.api.delete<ViewBody>(`/api/customer-views/${id}`, { token }),
    restore: (token: string, id: string) => server.api.post<ViewBody>(`/api/customer-views/${id}/restore`, { token }),
    order: (token: string, ids: string[]) => server.api.put<{ items: CustomerViewDto[] } & ViewBody>('/api/customer-views/order', { token, body: { ids } }),
  }

  beforeAll(async () => {
    server = await startTestServer()
    staff = await signInStaff(server)
  })
  afterAll(() => server.close())

  it('a manager saves filters, columns and sort; the view comes back exactly and stays private until shared', async () => {
    const body = {
      name: '高价值沉睡客户',
      filters: { lifecycleStatuses: ['dormant'], totalSpentMin: 5000, tagIds: [], ownerIds: ['me'], customFields: { vip: true } },
      columns: ['name', 'primaryPhone', 'totalSpent', 'customFields.vip'],
      sort: { field: 'totalSpent', order: 'desc' },
    }
    await server.api.post('/api/custom-fields', { token: staff.admin, body: { key: 'vip', label: '会员', type: 'boolean' } })
    const created = await views.create(staff.manager, body)
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ ...body, shared: false, mine: true, position: 0, owner: { id: staff.ids.manager } })

    expect((await views.list(staff.sales1)).body.items.map((view) => view.id)).not.toContain(created.body.id)
    expect((await views.patch(staff.sales1, created.body.id, { name: '偷改' })).status).toBe(404)

    const shared = await views.patch(staff.manager, created.body.id, { shared: true })
    expect(shared.body.shared).toBe(true)
    const seenBySales = (await views.list(staff.sales1)).body.items.find((view) => view.id === created.body.id)
    expect(seenBySales).toMatchObject({ name: '高价值沉睡客户', mine: false, owner: { displayName: '王经理' } })
    const refused = await views.patch(staff.sales1, created.body.id, { name: '偷改' })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('VIEW_NOT_OWNED')
    expect((await views.remove(staff.sales1, created.body.id)).status).toBe(403)

    // Each change of the view is in the audit log with what changed; refused attempts left nothing.
    expect((await views.remove(staff.manager, created.body.id)).status).toBe(204)
    expect((await views.restore(staff.manager, created.body.id)).status).toBe(200)
    const audit = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query<{ action: string; actor_name: string; changes: Record<string, unknown> | null }>(
        "SELECT action, actor_name, changes FROM audit_logs WHERE resource = 'view' AND resource_id = $1 ORDER BY at", [created.body.id],
      )).rows,
    )
    expect(audit.map((row) => [row.action, row.actor_name])).toEqual([
      ['create', '王经理'], ['update', '王经理'], ['delete', '王经理'], ['restore', '王经理'],
    ])
    expect(audit[1]?.changes).toEqual({ shared: { before: false, after: true } })
  })

  it('a shared view shows each person only the customers in their own scope', async () => {
    const customers = customerClient(server)
    await customers.create(staff.sales1, { name: '视图鶺甲' })
    await customers.create(staff.sales2, { name: '视图鶺乙' })
    const view = await views.create(staff.manager, { name: '鶺客户', filters: { keyword: '鶺' }, shared: true })
    const filters = (await views.list(staff.sales1)).body.items.find((item) => item.id === view.body.id)?.filters
    expect(filters).toEqual({ keyword: '鶺' })
    const asSales = await customers.list(staff.sales1, `?keyword=${encodeURIComponent(filters?.keyword ?? '')}`)
    expect(asSales.body.items.map((item) => item.name)).toEqual(['视图鶺甲'])
    // The manager's region (华东大区) holds 李娜's customer only; the admin sees both.
    const asManager = await customers.list(staff.manager, `?keyword=${encodeURIComponent('鶺')}`)
    expect(asManager.body.items.map((item) => item.name)).toEqual(['视图鶺甲'])
    const asAdmin = await customers.list(staff.admin, `?keyword=${encodeURIComponent('鶺')}`)
    expect(asAdmin.body.items.map((item) => item.name).sort()).toEqual(['视图鶺乙', '视图鶺甲'])
  })

  it('names are unique per person, bad filters are named, and unknown fields are refused', async () => {
    expect((await views.create(staff.sales1, { name: '我的客户', filters: { ownerIds: ['me'] } })).status).toBe(201)
    const taken = await views.create(staff.sales1, { name: '我的客户' })
    expect(taken.status).toBe(409)
    expect(taken.body.details).toEqual([{ field: 'name', message: expect.any(String) }])
    // Another person may use the same name.
    expect((await views.create(staff.sales2, { name: '我的客户' })).status).toBe(201)

    const badFilter = await views.create(staff.sales1, { name: '坏筛选', filters: { totalSpentMin: -1, lifecycleStatuses: ['sleepy'] } })
    expect(badFilter.status).toBe(422)
    expect(badFilter.body.details.map((detail) => detail.field).sort()).toEqual(['filters.lifecycleStatuses.0', 'filters.totalSpentMin'])
    const unknownCustomField = await views.create(staff.sales1, { name: '坏字段', filters: { customFields: { nope: 'x' } } })
    expect(unknownCustomField.status).toBe(422)
    expect(unknownCustomField.body.details).toEqual([{ field: 'filters.customFields.nope', message: expect.any(String) }])
    const unknownKey = await views.create(staff.sales1, { name: '多余', filters: { colour: 'red' } })
    expect(unknownKey.status).toBe(422)
    const english = await server.api.post<ViewBody>('/api/customer-views', { token: staff.sales1, body: { name: '' }, language: 'en-US' })
    expect(english.body.details).toEqual([{ field: 'name', message: expect.stringMatching(/[a-z]/i) }])
  })

  it('deleting moves a view to the trash and restoring brings it back; own views can be reordered', async () => {
    const first = (await views.create(staff.sales2, { name: '视图一' })).body
    const second = (await views.create(staff.sales2, { name: '视图二' })).body
    const third = (await views.create(staff.sales2, { name: '视图三' })).body
    expect((await views.remove(staff.sales2, second.id)).status).toBe(204)
    expect((await views.list(staff.sales2)).body.items.map((view) => view.id)).not.toContain(second.id)
    const restored = await views.restore(staff.sales2, second.id)
    expect(restored.status).toBe(200)
    expect(restored.body.name).toBe('视图二')

    const ordered = await views.order(staff.sales2, [third.id, first.id])
    expect(ordered.status).toBe(200)
    const mine = ordered.body.items.filter((view) => view.mine).map((view) => view.name)
    expect(mine.slice(0, 2)).toEqual(['视图三', '视图一'])
    expect(mine).toContain('视图二')
    expect((await views.list(staff.sales2)).body.items.filter((view) => view.mine).map((view) => view.name).slice(0, 2)).toEqual(['视图三', '视图一'])

    const foreign = (await views.create(staff.sales1, { name: '别人的' })).body
    const refused = await views.order(staff.sales2, [foreign.id])
    expect(refused.status).toBe(422)
    expect(refused.body.details).toEqual([{ field: 'ids.0', message: expect.any(String) }])
  })

  it('an admin may take down a view someone shared, not one they kept private', async () => {
    const shared = (await views.create(staff.sales1, { name: '共享给大家', shared: true })).body
    const privateView = (await views.create(staff.sales1, { name: '自己看' })).body
    expect((await views.remove(staff.admin, shared.id)).status).toBe(204)
    expect((await views.remove(staff.admin, privateView.id)).status).toBe(404)
  })
})
