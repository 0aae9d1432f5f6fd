import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, freshMobile, signInStaff, type ErrorBody, type Staff } from './customers.test-support.js'

describe('customers: the record', () => {
  let server: TestServer
  let staff: Staff
  let customers: ReturnType<typeof customerClient>
  let levels: { id: string; name: string }[]
  let tags: { id: string; name: string; color: string }[]
  let groups: { id: string; name: string; parent_id: string | null }[]

  beforeAll(async () => {
    server = await startTestServer()
    staff = await signInStaff(server)
    customers = customerClient(server)
    ;({ levels, tags, groups } = await withDatabaseClient(server.database.url, async (client) => ({
      levels: (await client.query('SELECT id, name FROM customer_levels ORDER BY sort_order')).rows,
      tags: (await client.query('SELECT id, name, color FROM tags ORDER BY name')).rows,
      groups: (await client.query('SELECT id, name, parent_id FROM groups')).rows,
    })))
  })
  afterAll(() => server.close())

  const levelId = (name: string) => levels.find((level) => level.name === name)!.id
  const tag = (name: string) => tags.find((candidate) => candidate.name === name)!
  const groupId = (name: string) => groups.find((group) => group.name === name)!.id

  it('a sales rep records a full customer: phones in any form become E.164 (shown masked), regions are named, tags made inline', async () => {
    const mobile = freshMobile()
    const created = await customers.create(staff.sales1, {
      name: '  周慧敏  ',
      gender: 'female',
      birthday: '1990-02-28',
      occupation: '设计师',
      company: '杭州清源科技有限公司',
      industry: '软件',
      source: '门店到访',
      levelId: levelId('VIP'),
      lifecycleStatus: 'active',
      notes: '想了解年度会员卡\n周末方便',
      consent: { marketing: true, channel: 'in_store', note: '店内登记' },
      phones: [
        { number: `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}` },
        { type: 'work', number: '０５７１－８８８８ ６６６６', primary: true },
      ],
      emails: [{ address: 'Zhou.HM@Example.com' }],
      addresses: [{ type: 'home', districtCode: '330106', street: '文三路 90 号', houseNumber: '3 幢 1201 室', postcode: '310012' }],
      tagIds: [tag('VIP').id],
      newTags: ['插画爱好者', 'VIP'],
      groupIds: [groupId('杭州客户')],
    })
    expect(created.status).toBe(201)
    const customer = created.body
    expect(customer).toMatchObject({
      version: 1,
      name: '周慧敏',
      gender: 'female',
      birthday: '1990-02-28',
      company: '杭州清源科技有限公司',
      level: { id: levelId('VIP'), name: 'VIP' },
      lifecycleStatus: 'active',
      primaryPhone: '571****6666',
      primaryEmail: 'Z***@Example.com',
      provinceName: '浙江省',
      cityName: '杭州市',
      owner: { id: staff.ids.sales1, displayName: '李娜' },
      orderCount: 0,
      totalSpent: '0.00',
      customFields: {},
      consent: { marketing: true, channel: 'in_store', note: '店内登记', givenAt: expect.any(String) },
      metrics: { orderCount: 0, totalSpent: '0.00', averageOrderValue: null, purchaseFrequencyDays: null },
      mergedFrom: [],
    })
    expect(customer.age).toBeGreaterThanOrEqual(35)
    const maskedMobile = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`
    expect(customer.phones).toEqual([
      { id: expect.any(String), type: 'mobile', number: maskedMobile, display: maskedMobile, primary: false, masked: true },
      { id: expect.any(String), type: 'work', number: '571****6666', display: '571****6666', primary: true, masked: true },
    ])
    expect(customer.emails).toEqual([{ id: expect.any(String), address: 'Z***@Example.com', primary: true, masked: true }])
    // Stored as E.164: the reveal (not open to sales) shows the numbers in full.
    const revealed = await customers.reveal(staff.admin, customer.id)
    expect(revealed.body.phones).toEqual([
      { id: customer.phones[0]!.id, number: `+86${mobile}`, display: `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}` },
      { id: customer.phones[1]!.id, number: '+8657188886666', display: '0571 8888 6666' },
    ])
    expect(revealed.body.emails).toEqual([{ id: customer.emails[0]!.id, address: 'Zhou.HM@Example.com' }])
    expect(customer.addresses).toEqual([
      {
        id: expect.any(String), type: 'home', provinceCode: '330000', provinceName: '浙江省', cityCode: '330100', cityName: '杭州市',
        districtCode: '330106', districtName: '西湖区', street: '文三路 90 号', houseNumber: '3 幢 1201 室', postcode: '310012', primary: true,
      },
    ])
    expect(customer.tags.map((item) => item.name).sort()).toEqual(['VIP', '插画爱好者'].sort())
    expect(customer.tags.find((item) => item.name === 'VIP')?.color).toBe('gold')
    expect(customer.groups).toEqual([{ id: groupId('杭州客户'), name: '杭州客户', parentId: groupId('华东区') }])

    const fetched = await customers.get(staff.sales1, customer.id)
    expect(fetched.status).toBe(200)
    expect(fetched.body).toEqual(customer)
  })

  it('only the name is required: the default level, status "new", no consent and empty lists', async () => {
    const created = await customers.create(staff.sales2, { name: '吴小明' })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      gender: 'unknown', birthday: null, age: null, company: null, level: { name: '普通', isDefault: true }, lifecycleStatus: 'new',
      primaryPhone: null, primaryEmail: null, provinceName: null, cityName: null, phones: [], emails: [], addresses: [], tags: [], groups: [],
      consent: { marketing: false, givenAt: null, channel: null, note: null }, owner: { displayName: '张伟' },
    })
  })

  it('editing changes only the fields sent, lists sent replace the stored ones, and every save moves the version on', async () => {
    const first = freshMobile()
    const second = freshMobile()
    const { body: customer } = await customers.create(staff.sales1, {
      name: '郑凯', company: '旧公司', notes: '旧备注', phones: [{ number: first }], tagIds: [tag('老客户').id], emails: [{ address: 'zk@example.com' }],
    })
    const patched = await customers.patch(staff.sales1, customer.id, {
      version: 1, notes: null, phones: [{ number: second }, { number: first, primary: true }], tagIds: [tag('会员').id],
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ version: 2, name: '郑凯', company: '旧公司', notes: null, primaryPhone: expect.stringContaining(first.slice(-4)) })
    expect(patched.body.phones.map((phone) => [phone.number, phone.primary])).toEqual([[`170****${second.slice(-4)}`, false], [`170****${first.slice(-4)}`, true]])
    expect(patched.body.tags.map((item) => item.name)).toEqual(['会员'])
    expect(patched.body.emails).toEqual(customer.emails)
    expect(patched.body.updatedAt >= customer.updatedAt).toBe(true)

    const cleared = await customers.patch(staff.sales1, customer.id, { version: 2, phones: [], emails: [], company: null, levelId: null })
    expect(cleared.body).toMatchObject({ version: 3, phones: [], emails: [], primaryPhone: null, company: null, level: null })
  })

  it('the history keeps every change field by field, with phone numbers masked', async () => {
    const mobile = freshMobile()
    const { body: customer } = await customers.create(staff.manager, { name: '历史', company: 'A 公司' })
    await customers.patch(staff.manager, customer.id, { version: 1, company: 'B 公司', phones: [{ number: mobile }], tagIds: [tag('团购').id] })
    const events = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query('SELECT kind, actor_id, payload FROM customer_events WHERE customer_id = $1 ORDER BY occurred_at', [customer.id])).rows,
    )
    expect(events.map((event) => event.kind)).toEqual(['created', 'change'])
    expect(events[0].payload.changes).toEqual([
      { field: 'name', from: null, to: '历史' },
      { field: 'gender', from: null, to: 'unknown' },
      { field: 'company', from: null, to: 'A 公司' },
      { field: 'level', from: null, to: '普通' },
      { field: 'lifecycleStatus', from: null, to: 'new' },
      { field: 'owner', from: null, to: '王经理' },
    ])
    expect(events[1].actor_id).toBe(staff.ids.manager)
    expect(events[1].payload.changes).toEqual(
      expect.arrayContaining([
        { field: 'company', from: 'A 公司', to: 'B 公司' },
        { field: 'phones', from: [], to: [`${mobile.slice(0, 3)}****${mobile.slice(-4)} (mobile, primary)`] },
        { field: 'tags', from: [], to: ['团购'] },
      ]),
    )
    expect(JSON.stringify(events)).not.toContain(mobile)
  })

  it('marketing consent: the server stamps the time it is given, keeps it while it holds, clears it when withdrawn', async () => {
    const before = new Date().toISOString()
    const { body: customer } = await customers.create(staff.sales1, { name: '同意书' })
    const given = await customers.patch(staff.sales1, customer.id, { version: 1, consent: { marketing: true, channel: 'miniapp' } })
    expect(given.body.consent).toEqual({ marketing: true, channel: 'miniapp', note: null, givenAt: expect.any(String) })
    expect(given.body.consent.givenAt! >= before).toBe(true)
    const again = await customers.patch(staff.sales1, customer.id, { version: 2, consent: { marketing: true, note: '再次确认' } })
    expect(again.body.consent).toEqual({ marketing: true, channel: 'miniapp', note: '再次确认', givenAt: given.body.consent.givenAt })
    const withdrawn = await customers.patch(staff.sales1, customer.id, { version: 3, consent: { marketing: false } })
    expect(withdrawn.body.consent).toMatchObject({ marketing: false, givenAt: null })
  })

  it('a stale version is refused with 409 and the current record, so the form can show what changed', async () => {
    const { body: customer } = await customers.create(staff.sales1, { name: '并发', company: '原公司' })
    expect((await customers.patch(staff.manager, customer.id, { version: 1, company: '经理改的' })).status).toBe(200)
    const stale = await customers.patch(staff.sales1, customer.id, { version: 1, company: '销售改的' })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ code: 'CUSTOMER_VERSION_CONFLICT', details: [], current: { id: customer.id, version: 2, company: '经理改的' } })
    expect(stale.body.message).toBe('该客户已被其他人修改，请查看最新内容后再保存')
    const missing = await customers.patch(staff.sales1, customer.id, { company: '没带版本' })
    expect(missing.status).toBe(422)
    expect(missing.body.details).toEqual([{ field: 'version', message: '必填' }])
    expect((await customers.get(staff.sales1, customer.id)).body.company).toBe('经理改的')
  })

  it('concurrent saves of the same version: exactly one wins', async () => {
    const { body: customer } = await customers.create(staff.manager, { name: '抢先' })
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, index) => customers.patch(staff.manager, customer.id, { version: 1, notes: `第 ${index} 个` })),
    )
    expect(results.map((result) => result.status).sort()).toEqual([200, 409, 409, 409])
    expect((await customers.get(staff.manager, customer.id)).body.version).toBe(2)
  })

  it('invalid phones, unknown region codes and missing references are 422 on the exact field, in either language', async () => {
    const body = {
      name: '校验',
      birthday: '2099-01-01',
      phones: [{ number: '13800138000' }, { number: '12345' }, { number: '138abc' }],
      emails: [{ address: 'not-an-email' }],
      addresses: [{ provinceCode: '110000', cityCode: '330100' }, { districtCode: '999999' }, { provinceCode: '123' }],
      tagIds: ['00000000-0000-4000-8000-000000000000'],
      groupIds: ['00000000-0000-4000-8000-000000000001'],
      levelId: '00000000-0000-4000-8000-000000000002',
    }
    const inChinese = await customers.create(staff.sales1, body)
    expect(inChinese.status).toBe(422)
    expect(inChinese.body.details).toEqual([
      { field: 'birthday', message: '日期超出允许范围' },
      { field: 'emails.0.address', message: '邮箱格式不正确' },
      { field: 'addresses.2.provinceCode', message: '地区代码无效，或不属于所选的上级地区' },
    ])
    const fixed = { ...body, birthday: '1980-01-01', emails: [], addresses: body.addresses.slice(0, 2) }
    const second = await customers.create(staff.sales1, fixed, 'en-US')
    expect(second.status).toBe(422)
    expect(second.body.details).toEqual([
      { field: 'phones.1.number', message: 'Enter a valid phone number' },
      { field: 'phones.2.number', message: 'Enter a valid phone number' },
      { field: 'addresses.0.cityCode', message: 'Unknown region code, or not inside the chosen higher-level region' },
      { field: 'addresses.1.districtCode', message: 'Unknown region code, or not inside the chosen higher-level region' },
      { field: 'tagIds.0', message: 'The tag does not exist' },
      { field: 'groupIds.0', message: 'The group does not exist' },
      { field: 'levelId', message: 'The customer level does not exist' },
    ])
    const twoPrimaries = await customers.create(staff.sales1, { name: '两个首选', emails: [{ address: 'a@example.com', primary: true }, { address: 'b@example.com', primary: true }] })
    expect(twoPrimaries.status).toBe(422)
    expect(twoPrimaries.body.details).toEqual([{ field: 'emails.1.primary', message: '只能有一项设为首选' }])
  })

  it('the same number typed twice in one form is stored once', async () => {
    const mobile = freshMobile()
    const { body } = await customers.create(staff.sales1, { name: '重复输入', phones: [{ number: mobile }, { number: `+86 ${mobile}`, primary: true }] })
    expect(body.phones).toEqual([{ id: expect.any(String), type: 'mobile', number: `170****${mobile.slice(-4)}`, display: expect.any(String), primary: true, masked: true }])
  })

  it('the list shows summary rows and filters by tag, group (with sub-groups), level, status and owner', async () => {
    // The manager leads 华东大区, so she may hand a customer to 李娜 (杭州西湖店) and filter by her.
    const { body: tagged } = await customers.create(staff.manager, {
      name: '筛选目标', newTags: ['筛选专用标签'], groupIds: [groupId('上海客户')], levelId: levelId('重要'), lifecycleStatus: 'dormant', ownerId: staff.ids.sales1,
    })
    const filterTag = tagged.tags[0]!.id
    const byTag = await customers.list(staff.manager, `?tagIds=${filterTag}`)
    expect(byTag.body.items.map((item) => item.id)).toEqual([tagged.id])
    const summary = byTag.body.items[0]!
    expect(Object.keys(summary).sort()).toEqual(
      ['id', 'version', 'name', 'gender', 'age', 'company', 'primaryPhone', 'primaryEmail', 'provinceName', 'cityName', 'level', 'lifecycleStatus',
        'source', 'tags', 'groups', 'owner', 'orderCount', 'totalSpent', 'lastPurchaseAt', 'lastContactAt', 'lastActivityAt', 'customFields', 'createdAt',
        'updatedAt', 'match'].sort(),
    )
    const everything = `?keyword=${encodeURIComponent('筛选目标')}&tagIds=${filterTag},${tag('VIP').id}&groupIds=${groupId('华东区')}&levelIds=${levelId('重要')}&lifecycleStatuses=dormant&ownerIds=${staff.ids.sales1}`
    expect((await customers.list(staff.manager, everything)).body.items.map((item) => item.id)).toEqual([tagged.id])

    const inRegion = await customers.list(staff.admin, `?groupIds=${groupId('华东区')}&limit=100`)
    expect(inRegion.body.total).toBeGreaterThan(1)
    expect(inRegion.body.items.every((item) => item.groups.some((group) => ['上海客户', '杭州客户', '南京客户', '华东区'].includes(group.name)))).toBe(true)
    const vip = await customers.list(staff.admin, `?levelIds=${levelId('VIP')}&limit=100`)
    expect(vip.body.total).toBeGreaterThan(0)
    expect(vip.body.items.every((item) => item.level?.name === 'VIP')).toBe(true)
    const churned = await customers.list(staff.admin, '?lifecycleStatuses=churned&limit=100')
    expect(churned.body.items.every((item) => item.lifecycleStatus === 'churned')).toBe(true)
    const owned = await customers.list(staff.admin, `?ownerIds=${staff.ids.sales1}&limit=100`)
    expect(owned.body.items.every((item) => item.owner?.id === staff.ids.sales1)).toBe(true)
  })

  it('keyword search finds name and company substrings, and exact phones (any form, or the last 4 digits) and emails', async () => {
    const mobile = freshMobile()
    const { body: target } = await customers.create(staff.manager, {
      name: '欧阳娜娜', company: '深圳星河贸易有限公司', phones: [{ number: mobile }], emails: [{ address: 'OuYang.Nana@Example.COM' }], newTags: ['SuperVIP客户'],
    })
    const keywords = ['欧阳', '阳娜', '星河贸易', mobile, `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
      mobile.slice(-4), 'ouyang.nana@example.com']
    for (const keyword of keywords) {
      const { body } = await customers.list(staff.manager, `?keyword=${encodeURIComponent(keyword)}&limit=100`)
      expect(body.items.map((customer) => customer.id), keyword).toContain(target.id)
    }
    for (const keyword of [mobile.slice(0, 8), 'ouyang.nana@example', '不存在的关键词xyz']) {
      const { body } = await customers.list(staff.manager, `?keyword=${encodeURIComponent(keyword)}`)
      expect(body.items.map((customer) => customer.id), keyword).not.toContain(target.id)
    }
    const literal = await customers.create(staff.manager, { name: '百分号 50%_off' })
    expect((await customers.list(staff.manager, `?keyword=${encodeURIComponent('50%_off')}`)).body.items.map((item) => item.id)).toEqual([literal.body.id])
  })

  it("a sales rep cannot see or touch a colleague's customer: every path answers as if it did not exist", async () => {
    const mobile = freshMobile()
    const { body: theirs } = await customers.create(staff.sales2, { name: '钱同事', company: 'colleague-marker', phones: [{ number: mobile }] })
    const notFound = (response: { status: number; body: ErrorBody }) => {
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('CUSTOMER_NOT_FOUND')
    }
    notFound(await customers.get(staff.sales1, theirs.id))
    notFound(await customers.patch(staff.sales1, theirs.id, { version: 1, name: '改名' }))
    expect((await customers.list(staff.sales1, '?keyword=colleague-marker')).body.total).toBe(0)
    expect((await customers.list(staff.sales1, `?keyword=${mobile}`)).body.total).toBe(0)
    // The duplicate check still warns about the number, without naming the colleague's customer.
    const duplicates = await customers.duplicates(staff.sales1, `?phone=${mobile}`)
    expect(duplicates.body.matches).toEqual([{ customerId: theirs.id, name: null, field: 'phone' }])
    // What sales may not do at all is refused before any lookup.
    for (const response of [
      await customers.remove(staff.sales1, theirs.id),
      await customers.restore(staff.sales1, theirs.id),
      await customers.merge(staff.sales1, { survivorId: theirs.id, mergedId: theirs.id }),
      await customers.bulk(staff.sales1, { ids: [theirs.id], action: 'addTags', tagIds: [tag('VIP').id] }),
      await customers.trash(staff.sales1),
    ]) {
      expect(response.status).toBe(403)
    }
    expect((await customers.get(staff.sales2, theirs.id)).body.name).toBe('钱同事')
    // 张伟 works in 广州天河店, outside the manager's 华东大区: she does not see the customer either; the admin does.
    notFound(await customers.get(staff.manager, theirs.id))
    expect((await customers.get(staff.admin, theirs.id)).status).toBe(200)
  })

  it("a sales rep's list holds only her own customers, and she may not give one away", async () => {
    const { body } = await customers.list(staff.sales1, '?limit=100')
    expect(body.total).toBeGreaterThan(0)
    expect(body.items.every((customer) => customer.owner?.displayName === '李娜')).toBe(true)
    expect((await customers.list(staff.admin, '?limit=1')).body.total).toBeGreaterThan(body.total)

    const { body: own } = await customers.create(staff.sales1, { name: '孙自有' })
    expect((await customers.patch(staff.sales1, own.id, { version: 1, ownerId: staff.ids.sales2 })).status).toBe(403)
    expect((await customers.create(staff.sales1, { name: '越权', ownerId: staff.ids.manager })).status).toBe(403)
    // The manager may not hand a customer out of her team (张伟 is in 华南大区); the admin may.
    const outOfTeam = await customers.patch(staff.manager, own.id, { version: 1, ownerId: staff.ids.sales2 })
    expect(outOfTeam.status).toBe(422)
    expect(outOfTeam.body.details).toEqual([{ field: 'ownerId', message: expect.any(String) }])
    const reassigned = await customers.patch(staff.admin, own.id, { version: 1, ownerId: staff.ids.sales2 })
    expect(reassigned.body.owner?.displayName).toBe('张伟')
    expect((await customers.get(staff.sales1, own.id)).status).toBe(404)
    expect((await customers.get(staff.manager, own.id)).status).toBe(404)
    const missingOwner = await customers.patch(staff.admin, own.id, { version: 2, ownerId: '00000000-0000-4000-8000-000000000000' })
    expect(missingOwner.status).toBe(422)
    expect(missingOwner.body.details).toEqual([{ field: 'ownerId', message: '负责人不存在或已停用' }])
  })

  it('lists page through customers newest first with cursors, with the total', async () => {
    const all = await customers.list(staff.admin, '?limit=100')
    expect(all.body.total).toBeGreaterThanOrEqual(200)
    expect(all.body.totalIsEstimate).toBe(false)
    const createdTimes = all.body.items.map((customer) => customer.createdAt)
    expect(createdTimes).toEqual([...createdTimes].sort().reverse())
    const page1 = await customers.list(staff.admin, '?limit=7')
    expect(page1.body.nextCursor).toEqual(expect.any(String))
    const page2 = await customers.list(staff.admin, `?limit=7&cursor=${page1.body.nextCursor}`)
    expect([...page1.body.items, ...page2.body.items].map((customer) => customer.id)).toEqual(all.body.items.slice(0, 14).map((customer) => customer.id))
    expect(page2.body.total).toBe(all.body.total)
    expect((await customers.list(staff.admin)).body.items).toHaveLength(20)
    const foreign = await customers.list(staff.admin, `?limit=7&sort=totalSpent&cursor=${page1.body.nextCursor}`)
    expect(foreign.status).toBe(422)
    expect(foreign.body.details).toEqual([{ field: 'cursor', message: expect.any(String) }])
  })

  it('the demo customers come with phones, emails, addresses, tags, groups, levels and a creation event', async () => {
    const counts = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query(`SELECT
        (SELECT count(*)::int FROM customers) AS customers,
        (SELECT count(DISTINCT customer_id)::int FROM customer_phones) AS with_phone,
        (SELECT count(*)::int FROM (SELECT customer_id FROM customer_phones GROUP BY customer_id HAVING count(*) > 1) AS two) AS with_two_phones,
        (SELECT count(DISTINCT customer_id)::int FROM customer_emails) AS with_email,
        (SELECT count(DISTINCT customer_id)::int FROM customer_addresses WHERE district_code IS NOT NULL) AS with_address,
        (SELECT count(DISTINCT customer_id)::int FROM customer_tags) AS tagged,
        (SELECT count(DISTINCT customer_id)::int FROM customer_groups) AS grouped,
        (SELECT count(*)::int FROM customers WHERE level_id IS NULL) AS without_level,
        (SELECT count(*)::int FROM customers WHERE company IS NOT NULL) AS companies,
        (SELECT count(*)::int FROM customers WHERE birthday IS NOT NULL) AS with_birthday,
        (SELECT count(DISTINCT customer_id)::int FROM customer_events WHERE kind = 'created') AS with_created_event,
        (SELECT count(*)::int FROM groups WHERE parent_id IS NOT NULL) AS sub_groups`)).rows[0],
    )
    expect(counts.customers).toBeGreaterThanOrEqual(200)
    expect(counts.with_phone).toBeGreaterThan(150)
    expect(counts.with_two_phones).toBeGreaterThan(10)
    expect(counts.with_email).toBeGreaterThan(50)
    expect(counts.with_address).toBeGreaterThan(150)
    expect(counts.tagged).toBeGreaterThan(100)
    expect(counts.grouped).toBeGreaterThan(100)
    expect(counts.without_level).toBeLessThan(counts.customers - 190)
    expect(counts.companies).toBeGreaterThan(30)
    expect(counts.with_birthday).toBeGreaterThan(100)
    expect(counts.with_created_event).toBeGreaterThanOrEqual(200)
    expect(counts.sub_groups).toBeGreaterThan(3)
  })

  it('every endpoint wants a signed-in user', async () => {
    const id = '3f2b8c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
    const calls = [
      server.api.get('/api/customers'),
      server.api.post('/api/customers', { body: { name: 'x' } }),
      server.api.get(`/api/customers/${id}`),
      server.api.patch(`/api/customers/${id}`, { body: { version: 1 } }),
      server.api.delete(`/api/customers/${id}`),
      server.api.get('/api/customers/duplicates?phone=13800138000'),
      server.api.post(`/api/customers/${id}/restore`),
      server.api.get('/api/trash/customers'),
      server.api.delete(`/api/trash/customers/${id}`),
      server.api.post('/api/customers/merge', { body: {} }),
      server.api.post('/api/customers/bulk', { body: {} }),
    ]
    for (const response of await Promise.all(calls)) {
      expect(response.status).toBe(401)
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' })
    }
  })

  it('nothing a client sends makes the server fail: bad input gets a 4xx with the error shape', async () => {
    const token = staff.admin
    const create = (body: unknown) => customers.create(token, body)
    const list = (query: string) => customers.list(token, query)
    const unknownId = '3f2b8c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f'
    const probes: [string, Promise<{ status: number; body: unknown }>, number][] = [
      ['malformed uuid', server.api.get('/api/customers/not-a-uuid', { token }), 404],
      ['sql-looking id', server.api.get(`/api/customers/${encodeURIComponent("1' OR '1'='1")}`, { token }), 404],
      ['bad percent-encoding', server.api.get('/api/customers/%E0%A4%A', { token }), 400],
      ['unknown uuid', server.api.get(`/api/customers/${unknownId}`, { token }), 404],
      ['patch unknown', customers.patch(token, unknownId, { version: 1 }), 404],
      ['delete unknown', customers.remove(token, unknownId), 404],
      ['restore unknown', customers.restore(token, unknownId), 404],
      ['purge unknown', customers.purge(token, unknownId), 404],
      ['huge limit', list('?limit=1e308'), 422],
      ['limit too big', list('?limit=101'), 422],
      ['forged cursor', list('?cursor=eyJ4IjoxfQ'), 422],
      ['unknown sort', list('?sort=phone'), 422],
      ['NUL in keyword', list('?keyword=%00'), 422],
      ['keyword twice', list('?keyword=a&keyword=b'), 422],
      ['bad tag id filter', list('?tagIds=abc'), 422],
      ['bad status filter', list('?lifecycleStatuses=sleepy'), 422],
      ['array body', create([{ name: '数组' }]), 422],
      ['string body', create('"just a string"'), 400],
      ['malformed json', create('{"name":'), 400],
      ['no body', server.api.post('/api/customers', { token }), 422],
      ['wrong types', create({ name: 123, phones: 'x', customFields: [] }), 422],
      ['NUL character', create({ name: 'a\u0000b' }), 422],
      ['bad date', create({ name: '日期', birthday: '1990-02-30' }), 422],
      ['too many phones', create({ name: '电话', phones: Array.from({ length: 11 }, () => ({ number: '13800138000' })) }), 422],
      ['owner id not a uuid', create({ name: '负责人', ownerId: 'nobody' }), 422],
      ['huge body', create({ name: 'big', notes: 'x'.repeat(300_000) }), 413],
      ['patch with array', customers.patch(token, unknownId, []), 422],
      ['duplicates with bad phone', customers.duplicates(token, '?phone=12'), 422],
      ['merge without ids', customers.merge(token, {}), 422],
      ['bulk with unknown action', customers.bulk(token, { ids: [unknownId], action: 'explode' }), 422],
      ['unknown api route', server.api.get('/api/nothing-here', { token }), 404],
    ]
    for (const [label, response, status] of probes) {
      const { status: actual, body } = await response
      expect(actual, label).toBe(status)
      expect(body, label).toMatchObject({ code: expect.any(String), message: expect.any(String), details: expect.any(Array) })
    }
  })
})
