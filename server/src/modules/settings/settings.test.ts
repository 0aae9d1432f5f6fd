import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer, type ErrorBody } from '../../test/support.js'
import type {
  CustomerLevelDto,
  CustomFieldDefinitionDto,
  GroupItemDto,
  RelationshipTypeDto,
  TagItemDto,
} from './settings.schemas.js'


describe('settings', () => {
  let server: TestServer
  let admin: string
  let manager: string
  let sales1: string

  beforeAll(async () => {
    server = await startTestServer()
    ;[admin, manager, sales1] = await Promise.all([server.login('admin'), server.login('manager'), server.login('sales1')])
  })
  afterAll(() => server.close())

  const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    withDatabaseClient(server.database.url, async (client) => (await client.query<T>(text, values)).rows)
  const newCustomer = async (name: string) => (await server.api.post<{ id: string }>('/api/customers', { token: manager, body: { name } })).body.id

  it('every related-record and settings endpoint refuses anonymous callers with 401', async () => {
    const customer = '3f2b8c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
    const child = '4f2b8c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
    const calls: [string, string][] = [
      ['get', `/api/customers/${customer}/contacts`], ['post', `/api/customers/${customer}/contacts`],
      ['patch', `/api/customers/${customer}/contacts/${child}`], ['delete', `/api/customers/${customer}/contacts/${child}`],
      ['get', `/api/customers/${customer}/orders`], ['post', `/api/customers/${customer}/orders`],
      ['patch', `/api/customers/${customer}/orders/${child}`], ['delete', `/api/customers/${customer}/orders/${child}`],
      ['get', `/api/customers/${customer}/activities`], ['post', `/api/customers/${customer}/activities`],
      ['patch', `/api/customers/${customer}/activities/${child}`], ['delete', `/api/customers/${customer}/activities/${child}`],
      ['get', `/api/customers/${customer}/timeline`],
      ...['tags', 'groups', 'customer-levels', 'relationship-types', 'custom-fields'].flatMap((resource): [string, string][] => [
        ['get', `/api/${resource}`], ['post', `/api/${resource}`], ['patch', `/api/${resource}/${child}`], ['delete', `/api/${resource}/${child}`],
      ]),
      ['get', '/api/users'], ['get', '/api/me/preferences/customers.columns'], ['put', '/api/me/preferences/customers.columns'],
    ]
    for (const [method, path] of calls) {
      const send = server.api[method as 'get' | 'post' | 'patch' | 'put' | 'delete']
      const response = await send<ErrorBody>(path, method === 'get' || method === 'delete' ? {} : { body: {} })
      expect(response.status, `${method} ${path}`).toBe(401)
      expect(response.body.code).toBe('UNAUTHENTICATED')
    }
  })

  it('tags: managers create, rename and delete them (each write audited); everyone reads them with counts of their own customers', async () => {
    const created = await server.api.post<TagItemDto>('/api/tags', { token: manager, body: { name: '回头客' } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: '回头客', color: 'blue', customerCount: 0 })

    const customerId = await newCustomer('带标签客户')
    await sql('INSERT INTO customer_tags (customer_id, tag_id) VALUES ($1, $2)', [customerId, created.body.id])
    // The customer is the manager's: 李娜 (own scope) does not count it, the manager does.
    const listed = await server.api.get<{ items: TagItemDto[] }>('/api/tags', { token: sales1 })
    expect(listed.status).toBe(200)
    expect(listed.body.items.find((tag) => tag.id === created.body.id)).toMatchObject({ customerCount: 0 })
    const managers = await server.api.get<{ items: TagItemDto[] }>('/api/tags', { token: manager })
    expect(managers.body.items.find((tag) => tag.id === created.body.id)).toMatchObject({ customerCount: 1 })

    const recoloured = await server.api.patch<TagItemDto>(`/api/tags/${created.body.id}`, { token: manager, body: { color: '#ff8800', name: '老回头客' } })
    expect(recoloured.body).toMatchObject({ name: '老回头客', color: '#ff8800', customerCount: 1 })

    await server.api.post('/api/tags', { token: manager, body: { name: '重名' } })
    const taken = await server.api.post<ErrorBody>('/api/tags', { token: manager, body: { name: '重名' } })
    expect(taken.status).toBe(409)
    expect(taken.body).toMatchObject({ code: 'NAME_TAKEN', details: [{ field: 'name', message: '名称已被使用' }] })
    const badColour = await server.api.post<ErrorBody>('/api/tags', { token: manager, body: { name: '颜色', color: 'rainbow' } })
    expect(badColour.status).toBe(422)
    expect(badColour.body.details[0]?.field).toBe('color')

    expect((await server.api.post<ErrorBody>('/api/tags', { token: sales1, body: { name: '越权' } })).status).toBe(403)
    expect((await server.api.get('/api/tags')).status).toBe(401)

    expect((await server.api.delete(`/api/tags/${created.body.id}`, { token: manager })).status).toBe(204)
    expect(await sql('SELECT 1 FROM customer_tags WHERE tag_id = $1', [created.body.id])).toEqual([])
    // The customer's history explains where the tag went.
    const [event] = await sql<{ payload: unknown }>("SELECT payload FROM customer_events WHERE customer_id = $1 AND kind = 'change'", [customerId])
    expect(event?.payload).toMatchObject({ action: 'tag_deleted', changes: [{ field: 'tags', from: ['老回头客'], to: [] }] })
    const missing = await server.api.delete<ErrorBody>(`/api/tags/${created.body.id}`, { token: manager })
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('TAG_NOT_FOUND')

    const audit = await sql<{ action: string; actor_name: string; label: string; changes: unknown }>(
      "SELECT action, actor_name, label, changes FROM audit_logs WHERE resource = 'tag' AND resource_id = $1 ORDER BY at", [created.body.id],
    )
    expect(audit).toEqual([
      { action: 'create', actor_name: '王经理', label: '回头客', changes: { name: { before: null, after: '回头客' }, color: { before: null, after: 'blue' } } },
      { action: 'update', actor_name: '王经理', label: '老回头客', changes: { name: { before: '回头客', after: '老回头客' }, color: { before: 'blue', after: '#ff8800' } } },
      { action: 'delete', actor_name: '王经理', label: '老回头客', changes: { name: { before: '老回头客', after: null }, color: { before: '#ff8800', after: null } } },
    ])
    const unknownField = await server.api.post<ErrorBody>('/api/tags', { token: manager, body: { name: '多余字段', icon: 'star' } })
    expect(unknownField.status).toBe(422)
    expect(unknownField.body.details[0]?.message).toContain('icon')
  })

  it('groups: a tree by parentId; no loops; a group with sub-groups cannot go; deleting one removes memberships', async () => {
    const east = (await server.api.post<GroupItemDto>('/api/groups', { token: manager, body: { name: '测试大区' } })).body
    const zhejiang = (await server.api.post<GroupItemDto>('/api/groups', { token: manager, body: { name: '测试省', parentId: east.id } })).body
    const hangzhou = (await server.api.post<GroupItemDto>('/api/groups', { token: manager, body: { name: '测试市', parentId: zhejiang.id } })).body
    expect(hangzhou).toMatchObject({ parentId: zhejiang.id, customerCount: 0 })

    const listed = await server.api.get<{ items: GroupItemDto[] }>('/api/groups', { token: sales1 })
    expect(listed.body.items.map((group) => group.id)).toEqual(expect.arrayContaining([east.id, zhejiang.id, hangzhou.id]))

    const loop = await server.api.patch<ErrorBody>(`/api/groups/${east.id}`, { token: manager, body: { parentId: hangzhou.id } })
    expect(loop.status).toBe(422)
    expect(loop.body.details).toEqual([{ field: 'parentId', message: '分组不能移到自身或其子分组之下' }])
    expect((await server.api.patch<ErrorBody>(`/api/groups/${east.id}`, { token: manager, body: { parentId: east.id } })).status).toBe(422)
    const noParent = await server.api.post<ErrorBody>('/api/groups', { token: manager, body: { name: '孤儿', parentId: '00000000-0000-4000-8000-000000000000' } })
    expect(noParent.body.details).toEqual([{ field: 'parentId', message: '上级分组不存在' }])
    const sibling = await server.api.post<ErrorBody>('/api/groups', { token: manager, body: { name: '测试大区' } })
    expect(sibling.status).toBe(409)
    expect(sibling.body.code).toBe('NAME_TAKEN')

    const notEmpty = await server.api.delete<ErrorBody>(`/api/groups/${zhejiang.id}`, { token: manager })
    expect(notEmpty.status).toBe(409)
    expect(notEmpty.body.code).toBe('GROUP_NOT_EMPTY')

    const customerId = await newCustomer('分组客户')
    await sql('INSERT INTO customer_groups (customer_id, group_id) VALUES ($1, $2)', [customerId, hangzhou.id])
    const counted = await server.api.get<{ items: GroupItemDto[] }>('/api/groups', { token: manager })
    expect(counted.body.items.find((group) => group.id === hangzhou.id)?.customerCount).toBe(1)
    const notTheirs = await server.api.get<{ items: GroupItemDto[] }>('/api/groups', { token: sales1 })
    expect(notTheirs.body.items.find((group) => group.id === hangzhou.id)?.customerCount).toBe(0)

    expect((await server.api.delete(`/api/groups/${hangzhou.id}`, { token: manager })).status).toBe(204)
    expect(await sql('SELECT 1 FROM customer_groups WHERE customer_id = $1', [customerId])).toEqual([])
    expect((await server.api.delete(`/api/groups/${zhejiang.id}`, { token: manager })).status).toBe(204)
    // Moving to the top level again.
    const moved = await server.api.patch<GroupItemDto>(`/api/groups/${east.id}`, { token: manager, body: { name: '测试总区', parentId: null, sortOrder: 5 } })
    expect(moved.body).toMatchObject({ name: '测试总区', parentId: null, sortOrder: 5 })
    expect((await server.api.patch(`/api/groups/${east.id}`, { token: sales1, body: { name: 'x' } })).status).toBe(403)
  })

  it('levels: seeded 普通 / 重要 / VIP, one default, and a level in use cannot be deleted', async () => {
    const listed = await server.api.get<{ items: CustomerLevelDto[] }>('/api/customer-levels', { token: sales1 })
    expect(listed.body.items.map((level) => [level.name, level.isDefault])).toEqual([['普通', true], ['重要', false], ['VIP', false]])

    const gold = await server.api.post<CustomerLevelDto>('/api/customer-levels', { token: manager, body: { name: '金卡', color: 'gold', isDefault: true } })
    expect(gold.status).toBe(201)
    expect(gold.body).toMatchObject({ name: '金卡', isDefault: true, sortOrder: 40 })
    const after = await server.api.get<{ items: CustomerLevelDto[] }>('/api/customer-levels', { token: sales1 })
    expect(after.body.items.filter((level) => level.isDefault).map((level) => level.name)).toEqual(['金卡'])

    const customerId = await newCustomer('等级客户')
    await sql('UPDATE customers SET level_id = $2 WHERE id = $1', [customerId, gold.body.id])
    const inUse = await server.api.delete<ErrorBody>(`/api/customer-levels/${gold.body.id}`, { token: manager })
    expect(inUse.status).toBe(409)
    expect(inUse.body.code).toBe('LEVEL_IN_USE')
    await sql('UPDATE customers SET level_id = NULL WHERE id = $1', [customerId])
    expect((await server.api.delete(`/api/customer-levels/${gold.body.id}`, { token: manager })).status).toBe(204)

    const vip = listed.body.items.find((level) => level.name === 'VIP')
    const taken = await server.api.patch<ErrorBody>(`/api/customer-levels/${vip?.id}`, { token: manager, body: { name: '重要' } })
    expect(taken.body.code).toBe('NAME_TAKEN')
    expect((await server.api.delete<ErrorBody>('/api/customer-levels/not-a-uuid', { token: manager })).body.code).toBe('LEVEL_NOT_FOUND')
  })

  it('relationship types: seeded, and deleting one leaves its contacts without it', async () => {
    const listed = await server.api.get<{ items: RelationshipTypeDto[] }>('/api/relationship-types', { token: sales1 })
    expect(listed.body.items.map((type) => type.name)).toEqual(['配偶', '子女', '父母', '同事', '决策人', '财务', '采购', '其他'])

    const mentor = (await server.api.post<RelationshipTypeDto>('/api/relationship-types', { token: manager, body: { name: '介绍人' } })).body
    const customerId = await newCustomer('关系客户')
    const contact = await server.api.post<{ id: string }>(`/api/customers/${customerId}/contacts`, { token: manager, body: { name: '老周', relationshipTypeId: mentor.id } })
    expect(contact.status).toBe(201)
    const renamed = await server.api.patch<RelationshipTypeDto>(`/api/relationship-types/${mentor.id}`, { token: manager, body: { name: '推荐人' } })
    expect(renamed.body.name).toBe('推荐人')
    expect((await server.api.delete(`/api/relationship-types/${mentor.id}`, { token: manager })).status).toBe(204)
    const contacts = await server.api.get<{ items: { relationshipType: unknown }[] }>(`/api/customers/${customerId}/contacts`, { token: manager })
    expect(contacts.body.items[0]?.relationshipType).toBeNull()
    expect((await server.api.delete<ErrorBody>(`/api/relationship-types/${mentor.id}`, { token: manager })).body.code).toBe('RELATIONSHIP_TYPE_NOT_FOUND')
  })

  it('custom fields: admin only; the key is a fixed slug; the type and used options are locked once values exist', async () => {
    const body = { key: 'wechat_id', label: '微信号', type: 'text' }
    expect((await server.api.post<ErrorBody>('/api/custom-fields', { token: manager, body })).status).toBe(403)
    const created = await server.api.post<CustomFieldDefinitionDto>('/api/custom-fields', { token: admin, body })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ key: 'wechat_id', label: '微信号', type: 'text', options: [], required: false, unique: false })
    expect((await server.api.get<{ items: CustomFieldDefinitionDto[] }>('/api/custom-fields', { token: sales1 })).body.items).toHaveLength(1)

    const again = await server.api.post<ErrorBody>('/api/custom-fields', { token: admin, body })
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('CUSTOM_FIELD_KEY_TAKEN')
    for (const key of ['WeChat', '1abc', 'has-dash', '']) {
      const bad = await server.api.post<ErrorBody>('/api/custom-fields', { token: admin, body: { ...body, key } })
      expect(bad.status, key).toBe(422)
      expect(bad.body.details[0]?.field).toBe('key')
    }
    const renamedKey = await server.api.patch<ErrorBody>(`/api/custom-fields/${created.body.id}`, { token: admin, body: { key: 'wx' } })
    expect(renamedKey.body.details).toEqual([{ field: 'key', message: '字段标识创建后不能修改' }])

    // While nobody has a value, the type may change.
    const numeric = await server.api.patch<CustomFieldDefinitionDto>(`/api/custom-fields/${created.body.id}`, { token: admin, body: { type: 'number', label: '积分' } })
    expect(numeric.body).toMatchObject({ key: 'wechat_id', type: 'number', label: '积分' })
    const customerId = await newCustomer('字段客户')
    await sql(`UPDATE customers SET custom_fields = '{"wechat_id": 12}' WHERE id = $1`, [customerId])
    const locked = await server.api.patch<ErrorBody>(`/api/custom-fields/${created.body.id}`, { token: admin, body: { type: 'text' } })
    expect(locked.status).toBe(409)
    expect(locked.body.code).toBe('CUSTOM_FIELD_IN_USE')

    const select = await server.api.post<CustomFieldDefinitionDto>('/api/custom-fields', {
      token: admin,
      body: { key: 'source_channel', label: '来源', type: 'single_select', options: ['门店', '抖音', '朋友推荐'], unique: false },
    })
    expect(select.status).toBe(201)
    await sql(`UPDATE customers SET custom_fields = custom_fields || '{"source_channel": "抖音"}' WHERE id = $1`, [customerId])
    const dropUsed = await server.api.patch<ErrorBody>(`/api/custom-fields/${select.body.id}`, { token: admin, body: { options: ['门店'] } })
    expect(dropUsed.body.code).toBe('CUSTOM_FIELD_IN_USE')
    const dropUnused = await server.api.patch<CustomFieldDefinitionDto>(`/api/custom-fields/${select.body.id}`, { token: admin, body: { options: ['抖音', '门店'] } })
    expect(dropUnused.body.options).toEqual(['抖音', '门店'])
    const noOptions = await server.api.post<ErrorBody>('/api/custom-fields', { token: admin, body: { key: 'hobby', label: '爱好', type: 'multi_select' } })
    expect(noOptions.body.details).toEqual([{ field: 'options', message: '选择类字段至少需要一个选项' }])

    // Two customers share a value: the field cannot become unique.
    const twin = await newCustomer('字段客户二')
    await sql(`UPDATE customers SET custom_fields = '{"source_channel": "抖音"}' WHERE id = $1`, [twin])
    const notUnique = await server.api.patch<ErrorBody>(`/api/custom-fields/${select.body.id}`, { token: admin, body: { unique: true } })
    expect(notUnique.status).toBe(409)
    expect(notUnique.body.code).toBe('CUSTOM_FIELD_NOT_UNIQUE')

    // Deleting a definition removes its values.
    expect((await server.api.delete(`/api/custom-fields/${select.body.id}`, { token: admin })).status).toBe(204)
    const [row] = await sql<{ custom_fields: unknown }>('SELECT custom_fields FROM customers WHERE id = $1', [customerId])
    expect(row?.custom_fields).toEqual({ wechat_id: 12 })
    expect((await server.api.delete<ErrorBody>(`/api/custom-fields/${select.body.id}`, { token: admin })).body.code).toBe('CUSTOM_FIELD_NOT_FOUND')
  })
})
