import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, freshMobile, signInStaff, type CustomerListBody, type Staff } from './customers.test-support.js'

describe('customers: finding them by keyword, filters and sorts', () => {
  let server: TestServer
  let staff: Staff
  let customers: ReturnType<typeof customerClient>

  const idsOf = (body: CustomerListBody) => body.items.map((item) => item.id)
  const search = async (token: string, query: string) => {
    const response = await customers.list(token, query.startsWith('?') ? query : `?${query}`)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    return response.body
  }
  const find = (keyword: string, token = staff.admin) => search(token, `keyword=${encodeURIComponent(keyword)}&limit=100`)
  const create = async (body: Record<string, unknown>, token = staff.manager) => {
    const response = await customers.create(token, body)
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body
  }

  beforeAll(async () => {
    server = await startTestServer()
    staff = await signInStaff(server)
    customers = customerClient(server)
  })
  afterAll(() => server.close())

  describe('match paths', () => {
    it('two Chinese characters find a customer by the middle of the name, one character by any position', async () => {
      const target = await create({ name: '欧阳翾翎' })
      for (const keyword of ['欧阳', '阳翾', '翾翎', '翾', '翎', '欧阳翾翎', '阳翾翎']) {
        expect(idsOf(await find(keyword)), keyword).toContain(target.id)
      }
      expect(idsOf(await find('翎翾'))).not.toContain(target.id)
      const { items } = await find('翾')
      expect(items.find((item) => item.id === target.id)?.match).toEqual({ field: 'name' })
    })

    it('pinyin and initials find names (surname readings included) and companies from their start', async () => {
      const zhang = await create({ name: '张叁' })
      const zeng = await create({ name: '曾瓛' })
      const shan = await create({ name: '单雄翀' })
      const company = await create({ name: '甲乙', company: '杭州西湖茶业有限公司' })
      const cases: [string, string][] = [
        ['zs', zhang.id], ['zhangsan', zhang.id], ['zhang san', zhang.id], ['ZhangS', zhang.id],
        ['zenghuan', zeng.id], ['zh', zeng.id], ['shanxiong', shan.id], ['sxc', shan.id],
        ['hangzhouxihu', company.id], ['hzxhcy', company.id],
      ]
      for (const [keyword, id] of cases) {
        const found = await find(keyword)
        expect(idsOf(found), keyword).toContain(id)
      }
      expect((await find('zhangsan')).items.find((item) => item.id === zhang.id)?.match).toEqual({ field: 'pinyin' })
      expect(idsOf(await find('xihu'))).not.toContain(company.id)
    })

    it('a phone is found by its last 4 or more digits and whole in any form, though stored encrypted', async () => {
      const mobile = freshMobile()
      const target = await create({ name: '尾号测试', phones: [{ number: mobile }] })
      for (const keyword of [mobile.slice(-4), mobile.slice(-6), mobile.slice(-9), mobile, `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`]) {
        const found = await find(keyword)
        expect(idsOf(found), keyword).toContain(target.id)
        expect(found.items.find((item) => item.id === target.id)?.match, keyword).toEqual({ field: 'phone' })
      }
      expect(idsOf(await find(mobile.slice(0, 7)))).not.toContain(target.id)
      await withDatabaseClient(server.databaseUrl, async (client) => {
        const stored = await client.query<{ terms: string }>(
          `SELECT array_to_string(search_terms, ' ') AS terms FROM customers WHERE id = $1`, [target.id])
        expect(stored.rows[0]?.terms).not.toContain(mobile.slice(-4))
      })
    })

    it('an email exactly in any case, and contact names by substring', async () => {
      const target = await create({ name: '邮箱测试', emails: [{ address: 'Qiao.Feng@Example.COM' }] })
      expect(idsOf(await find('qiao.feng@example.com'))).toContain(target.id)
      expect(idsOf(await find('qiao.feng@example'))).not.toContain(target.id)

      const withContact = await create({ name: '联系人测试' })
      const contact = await server.api.post<{ id: string }>(`/api/customers/${withContact.id}/contacts`, {
        token: staff.manager, body: { name: '慕容復光' },
      })
      expect(contact.status).toBe(201)
      const found = await find('容復')
      expect(idsOf(found)).toContain(withContact.id)
      expect(found.items.find((item) => item.id === withContact.id)?.match).toEqual({ field: 'contact', contactName: '慕容復光' })
      expect(idsOf(await find('慕容復光'))).toContain(withContact.id)

      expect((await server.api.delete(`/api/customers/${withContact.id}/contacts/${contact.body.id}`, { token: staff.manager })).status).toBe(204)
      expect(idsOf(await find('容復'))).not.toContain(withContact.id)
    })

    it('results are ranked: exact name or phone, then prefix, substring, company, contact; ties by recent activity', async () => {
      const substring = await create({ name: '林甦' })
      const company = await create({ name: '公司匹配', company: '甦氏贸易' })
      const prefixActive = await create({ name: '甦暮' })
      const prefixNewer = await create({ name: '甦晨' })
      const exact = await create({ name: '甦' })
      const contactHolder = await create({ name: '联系人排序' })
      await server.api.post(`/api/customers/${contactHolder.id}/contacts`, { token: staff.manager, body: { name: '甦某' } })
      // A call just now makes the older prefix match the more recently active one.
      const activity = await server.api.post(`/api/customers/${prefixActive.id}/activities`, {
        token: staff.manager, body: { type: 'call', content: '回访' },
      })
      expect(activity.status).toBe(201)
      const { items } = await find('甦')
      expect(items.map((item) => item.id)).toEqual([exact.id, prefixActive.id, prefixNewer.id, substring.id, company.id, contactHolder.id])
      expect(items.map((item) => item.match?.field)).toEqual(['name', 'name', 'name', 'name', 'company', 'contact'])

      // Paging through the relevance tiers one row at a time gives the same order.
      const walked: string[] = []
      let cursor: string | null = null
      do {
        const page: CustomerListBody = await search(staff.admin, `keyword=${encodeURIComponent('甦')}&limit=1${cursor === null ? '' : `&cursor=${cursor}`}`)
        walked.push(...idsOf(page))
        cursor = page.nextCursor
      } while (cursor !== null)
      expect(walked).toEqual(items.map((item) => item.id))
    })

    it('a renamed customer is found by the new name and its pinyin, not the old one', async () => {
      const target = await create({ name: '旧名鵉' })
      const renamed = await customers.patch(staff.manager, target.id, { version: target.version, name: '新名鶄', company: '鶄华科技' })
      expect(renamed.status).toBe(200)
      expect(idsOf(await find('鵉'))).not.toContain(target.id)
      expect(idsOf(await find('名鶄'))).toContain(target.id)
      expect(idsOf(await find('鶄华'))).toContain(target.id)
      expect(idsOf(await find('xinmingjing'))).toContain(target.id)
      expect(idsOf(await find('jiuming'))).not.toContain(target.id)
    })

    it('a sales rep finds only her own customers, whatever the keyword', async () => {
      const mine = await create({ name: '范围鸂甲' }, staff.sales1)
      const theirs = await create({ name: '范围鸂乙' }, staff.sales2)
      const found = idsOf(await find('鸂', staff.sales1))
      expect(found).toContain(mine.id)
      expect(found).not.toContain(theirs.id)
    })
  })

  describe('filters', () => {
    it('tags in any, all and none mode', async () => {
      const tags = await Promise.all(['筛A', '筛B'].map(async (name) =>
        (await server.api.post<{ id: string }>('/api/tags', { token: staff.manager, body: { name } })).body.id))
      const [a, b] = tags as [string, string]
      const both = await create({ name: '标签鶒一', tagIds: [a, b] })
      const onlyA = await create({ name: '标签鶒二', tagIds: [a] })
      const neither = await create({ name: '标签鶒三' })
      const named = async (query: string) => idsOf(await search(staff.admin, `keyword=鶒&limit=100&${query}`)).sort()
      expect(await named(`tagIds=${a},${b}`)).toEqual([both.id, onlyA.id].sort())
      expect(await named(`tagIds=${a},${b}&tagMode=all`)).toEqual([both.id])
      expect(await named(`tagIds=${b}&tagMode=none`)).toEqual([onlyA.id, neither.id].sort())

      // Removing a tag from the customer (and deleting a tag) is seen by the filter at once.
      expect((await customers.patch(staff.manager, both.id, { version: both.version, tagIds: [a] })).status).toBe(200)
      expect(await named(`tagIds=${b}`)).toEqual([])
      expect((await server.api.delete(`/api/tags/${a}`, { token: staff.manager })).status).toBe(204)
      expect(await named(`tagIds=${a}`)).toEqual([])
    })

    it('regions by province, city or district; owners including me and none; level, status and source', async () => {
      const hangzhou = await create({ name: '地区鷟一', source: '抖音直播', lifecycleStatus: 'active',
        addresses: [{ provinceCode: '330000', cityCode: '330100', districtCode: '330106' }] }, staff.sales1)
      // Only a caller who sees every customer may leave one without owner.
      const ningbo = await create({ name: '地区鷟二', source: '门店到访', ownerId: null,
        addresses: [{ provinceCode: '330000', cityCode: '330200' }] }, staff.admin)
      const beijing = await create({ name: '地区鷟三', addresses: [{ provinceCode: '110000', cityCode: '110100' }] })
      const named = async (query: string, token = staff.admin) => idsOf(await search(token, `keyword=鷟&limit=100&${query}`)).sort()
      expect(await named('regionCodes=330000')).toEqual([hangzhou.id, ningbo.id].sort())
      expect(await named('regionCodes=330100')).toEqual([hangzhou.id])
      expect(await named('regionCodes=330106,110100')).toEqual([hangzhou.id, beijing.id].sort())
      expect(await named('ownerIds=none')).toEqual([ningbo.id])
      expect(await named('ownerIds=me', staff.sales1)).toEqual([hangzhou.id])
      expect(await named(`ownerIds=none,${staff.ids.sales1}`)).toEqual([hangzhou.id, ningbo.id].sort())
      expect(await named('sources=抖音直播')).toEqual([hangzhou.id])
      expect(await named('lifecycleStatuses=active,churned')).toEqual([hangzhou.id])
      const sources = await server.api.get<{ items: { source: string; count: number }[] }>('/api/customer-sources', { token: staff.admin })
      expect(sources.body.items).toEqual(expect.arrayContaining([{ source: '抖音直播', count: 1 }]))
    })

    it('date ranges on creation, last activity and last purchase, and ranges of spend and order count', async () => {
      const buyer = await create({ name: '消费鸑一' })
      const other = await create({ name: '消费鸑二' })
      const order = (amount: string, orderedAt: string) =>
        server.api.post(`/api/customers/${buyer.id}/orders`, { token: staff.manager, body: { amount, orderedAt } })
      expect((await order('1200.00', '2025-03-01T10:00:00+08:00')).status).toBe(201)
      expect((await order('300.50', '2025-03-10T23:30:00+08:00')).status).toBe(201)
      const named = async (query: string) => idsOf(await search(staff.admin, `keyword=鸑&limit=100&${query}`)).sort()
      expect(await named('totalSpentMin=1500&totalSpentMax=1500.5')).toEqual([buyer.id])
      expect(await named('totalSpentMax=100')).toEqual([other.id])
      expect(await named('orderCountMin=2')).toEqual([buyer.id])
      expect(await named('orderCountMax=0')).toEqual([other.id])
      // China days: 23:30 on 10 March in Beijing is still 10 March.
      expect(await named('lastPurchaseFrom=2025-03-10&lastPurchaseTo=2025-03-10')).toEqual([buyer.id])
      expect(await named('lastPurchaseTo=2025-03-09')).toEqual([])
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
      expect(await named(`createdFrom=${today}&createdTo=${today}`)).toEqual([buyer.id, other.id].sort())
      expect(await named('createdTo=2020-01-01')).toEqual([])
      expect(await named(`lastActivityFrom=${today}`)).toEqual([buyer.id, other.id].sort())

      const inverted = await customers.list(staff.admin, '?totalSpentMin=10&totalSpentMax=5&createdFrom=2025-02-01&createdTo=2025-01-01')
      expect(inverted.status).toBe(422)
      expect(inverted.body.details.map((detail) => detail.field).sort()).toEqual(['createdTo', 'totalSpentMax'])
      const badDay = await customers.list(staff.admin, '?createdFrom=2025-02-30')
      expect(badDay.body.details).toEqual([{ field: 'createdFrom', message: expect.any(String) }])
      const badRegion = await customers.list(staff.admin, '?regionCodes=33')
      expect(badRegion.body.details).toEqual([{ field: 'regionCodes.0', message: expect.any(String) }])
    })
  })

  describe('sorting and paging', () => {
    const walk = async (query: string) => {
      const seen: CustomerListBody['items'] = []
      let cursor: string | null = null
      do {
        const page: CustomerListBody = await search(staff.admin, `${query}&limit=9${cursor === null ? '' : `&cursor=${cursor}`}`)
        seen.push(...page.items)
        cursor = page.nextCursor
      } while (cursor !== null)
      return seen
    }

    it('every sortable column pages through all customers once, in order, empty values last', async () => {
      const { total } = await search(staff.admin, 'limit=1')
      const checks: [string, (item: CustomerListBody['items'][number]) => string | number | null][] = [
        ['createdAt', (item) => item.createdAt],
        ['totalSpent', (item) => Number(item.totalSpent)],
        ['orderCount', (item) => item.orderCount],
        ['lastPurchaseAt', (item) => item.lastPurchaseAt],
        ['lastContactAt', (item) => item.lastContactAt],
        ['lastActivityAt', (item) => item.lastActivityAt],
        ['level', (item) => item.level?.sortOrder ?? null],
      ]
      for (const order of ['asc', 'desc'] as const) {
        for (const [sort, valueOf] of checks) {
          const items = await walk(`sort=${sort}&order=${order}`)
          expect(items, `${sort} ${order}`).toHaveLength(total)
          expect(new Set(items.map((item) => item.id)).size, `${sort} ${order}`).toBe(total)
          const values = items.map(valueOf)
          const present = values.filter((value) => value !== null)
          expect(values.slice(0, present.length), `${sort} ${order}: empty values last`).toEqual(present)
          const sorted = [...present].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          expect(present, `${sort} ${order}`).toEqual(order === 'asc' ? sorted : sorted.reverse())
        }
      }
    })

    it('names sort by pinyin, and owners, companies and statuses page through completely', async () => {
      const names = await walk('sort=name&order=asc&keyword=' + encodeURIComponent('篪'))
      expect(names).toEqual([])
      for (const name of ['篪阿', '篪波', '篪张']) await create({ name })
      const sorted = await walk('sort=name&order=asc&keyword=' + encodeURIComponent('篪'))
      expect(sorted.map((item) => item.name)).toEqual(['篪阿', '篪波', '篪张'])
      const { total } = await search(staff.admin, 'limit=1')
      for (const sort of ['owner', 'company', 'lifecycleStatus', 'updatedAt', 'name']) {
        const items = await walk(`sort=${sort}&order=desc`)
        expect(new Set(items.map((item) => item.id)).size, sort).toBe(total)
      }
    })
  })

  describe('bulk actions by filter', () => {
    it('tag every customer matching a filter, in the caller’s scope only', async () => {
      const mine = await create({ name: '批量鸓一' }, staff.sales1)
      const theirs = await create({ name: '批量鸓二' }, staff.sales2)
      const tagId = (await server.api.post<{ id: string }>('/api/tags', { token: staff.manager, body: { name: '批量筛选标签' } })).body.id
      // The manager's region holds 李娜's customer, not 张伟's; the admin reaches both.
      const managerBulk = await customers.bulk(staff.manager, { action: 'addTags', tagIds: [tagId], filter: { keyword: '鸓' } })
      expect(managerBulk.body).toEqual({ affected: 1 })
      expect(idsOf(await search(staff.admin, `tagIds=${tagId}&limit=100`))).toEqual([mine.id])
      const adminBulk = await customers.bulk(staff.admin, { action: 'addTags', tagIds: [tagId], filter: { keyword: '鸓' } })
      expect(adminBulk.body).toEqual({ affected: 1 })
      const removed = await customers.bulk(staff.sales1, { action: 'removeTags', tagIds: [tagId], filter: { keyword: '鸓' } })
      expect(removed.status, JSON.stringify(removed.body)).toBe(403)
      const tagged = idsOf(await search(staff.admin, `tagIds=${tagId}&limit=100`)).sort()
      expect(tagged).toEqual([mine.id, theirs.id].sort())
      const neither = await customers.bulk(staff.manager, { action: 'addTags', tagIds: [tagId] })
      expect(neither.status).toBe(422)
      expect(neither.body.details).toEqual([{ field: 'ids', message: expect.any(String) }])
      const unknownFilter = await customers.bulk(staff.manager, { action: 'addTags', tagIds: [tagId], filter: { colour: 'red' } })
      expect(unknownFilter.status).toBe(422)
    })
  })
})
