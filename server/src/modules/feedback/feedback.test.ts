import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'
import type { TimelinePageDto } from '../timeline/timeline.schemas.js'
import type { FeedbackDetailDto, FeedbackNoteDto, FeedbackPageDto, FeedbackStatsDto, FeedbackSummaryDto } from './feedback.schemas.js'
import { demoDirectory, feedbackTestDataKey, insertChannel, insertFeedback, tinyPng, type DemoDirectory, type FeedbackSeed, type SeededFeedback } from './feedback.test-support.js'

type Page = FeedbackPageDto & ErrorBody
type Detail = FeedbackDetailDto & ErrorBody

const staffPassword = 'Kezhi-Feedback-Test-2026'

describe('feedback inbox', () => {
  let server: TestServer
  let directory: DemoDirectory
  let tokens: Record<'admin' | 'manager' | 'sales1' | 'sales2' | 'service1' | 'viewer' | 'customerOnly', string>
  let customerOnlyId: string
  let disabledId: string
  /** The main data set: 杭州西湖店 (华东) rows 0–2, 广州天河店 (华南) rows 3–5. */
  let rows: SeededFeedback[]
  let seeds: FeedbackSeed[]
  let channels: { hangzhou: string; hangzhouDesk: string; guangzhou: string }
  /** A customer of 张伟 (sales2, 华南): outside 李娜's and the manager's customer scope. */
  let southCustomer: { id: string; name: string }

  const list = (token: string, query = '') => server.api.get<Page>(`/api/feedback${query}`, { token })
  const detail = (token: string, id: string) => server.api.get<Detail>(`/api/feedback/${id}`, { token })
  const patch = (token: string, id: string, body: unknown) => server.api.patch<Detail>(`/api/feedback/${id}`, { token, body })
  const ids = (page: { items: FeedbackSummaryDto[] }) => page.items.map((item) => item.id)

  const createStaff = async (roleId: string, teamId: string) => {
    const username = `fb${Math.random().toString(36).slice(2, 10)}`
    const created = await server.api.post<{ id: string }>('/api/admin/users', {
      token: tokens.admin,
      body: { username, displayName: `同事${username.slice(-4)}`, password: staffPassword, roleId, teamId },
    })
    expect(created.status).toBe(201)
    await server.completeFirstSignIn(username, staffPassword)
    return { id: created.body.id, token: await server.login(username, staffPassword) }
  }

  beforeAll(async () => {
    server = await startTestServer({ dataEncryptionKey: feedbackTestDataKey })
    directory = await demoDirectory(server)
    const [admin, manager, sales1, sales2, service1] = await Promise.all(
      (['admin', 'manager', 'sales1', 'sales2', 'service1'] as const).map((name) => server.login(name)),
    )
    tokens = { admin, manager, sales1, sales2, service1, viewer: '', customerOnly: '' } as typeof tokens
    const roles = (await server.api.get<{ items: { id: string; key: string | null }[] }>('/api/roles', { token: admin })).body.items
    const root = directory.teams['总部'] ?? Object.values(directory.teams)[0] as string
    const viewer = await createStaff(roles.find((role) => role.key === 'viewer')?.id as string, root)
    tokens.viewer = viewer.token
    const customerOnlyRole = await server.api.post<{ id: string }>('/api/roles', {
      token: admin,
      body: { name: '只看客户', permissions: ['customer:read'], scopes: { customer: 'all', audit: 'own', feedback: 'all' } },
    })
    expect(customerOnlyRole.status).toBe(201)
    const customerOnly = await createStaff(customerOnlyRole.body.id, root)
    tokens.customerOnly = customerOnly.token
    customerOnlyId = customerOnly.id
    const disabled = await createStaff(roles.find((role) => role.key === 'service')?.id as string, root)
    disabledId = disabled.id
    expect((await server.api.patch(`/api/admin/users/${disabledId}`, { token: admin, body: { disabled: true } })).status).toBe(200)

    const south = await server.api.post<{ id: string; name: string }>('/api/customers', { token: sales2, body: { name: '南方反馈客户' } })
    expect(south.status).toBe(201)
    southCustomer = south.body

    const team = (name: string) => directory.teams[name] as string
    const user = (name: string) => directory.users[name] as string
    channels = {
      hangzhou: await insertChannel(server, { teamId: team('杭州西湖店'), staffId: user('sales1'), name: '西湖店前台码' }),
      hangzhouDesk: await insertChannel(server, { teamId: team('杭州西湖店'), name: '西湖店收银台' }),
      guangzhou: await insertChannel(server, { teamId: team('广州天河店'), staffId: user('sales2'), name: '天河店码' }),
    }
    const hz = { channelId: channels.hangzhou, teamId: team('杭州西湖店'), staffId: user('sales1') }
    const hzDesk = { channelId: channels.hangzhouDesk, teamId: team('杭州西湖店') }
    const gz = { channelId: channels.guangzhou, teamId: team('广州天河店'), staffId: user('sales2') }
    seeds = [
      { ...hz, rating: 5, nps: 10, category: 'product', text: '咖啡很好喝，下次还来', phone: '13800138000', createdAt: new Date('2026-03-01T10:00:00+08:00'), photos: [{ contentType: 'image/png', data: tinyPng }] },
      { ...hz, rating: 4, nps: 9, category: 'service', text: 'Service was SLOW today', status: 'in_progress', assigneeId: user('service1'), createdAt: new Date('2026-03-02T10:00:00+08:00') },
      // Late evening in China is still the same China day (15:30 UTC).
      { ...hzDesk, rating: 3, nps: 8, category: 'complaint', text: '排队太久', assigneeId: user('sales1'), createdAt: new Date('2026-03-03T23:30:00+08:00') },
      { ...gz, rating: 1, nps: 6, category: 'complaint', text: '服务态度差', customerId: southCustomer.id, phone: '139 0013 9000', createdAt: new Date('2026-03-04T10:00:00+08:00') },
      { ...gz, rating: 2, nps: 0, category: 'suggestion', status: 'resolved', createdAt: new Date('2026-03-05T10:00:00+08:00') },
      { ...gz, rating: 5, category: 'product', text: '新品不错', createdAt: new Date('2026-03-10T10:00:00+08:00') },
    ]
    rows = []
    for (const seed of seeds) rows.push(await insertFeedback(server, seed))
  })
  afterAll(() => server?.close())

  const row = (index: number) => rows[index] as SeededFeedback

  describe('scope', () => {
    it("shows a sales rep only the feedback attributed or assigned to them", async () => {
      const page = await list(tokens.sales1, '?limit=100')
      expect(page.status).toBe(200)
      expect(ids(page.body)).toEqual(expect.arrayContaining([row(0).id, row(1).id, row(2).id]))
      for (const index of [3, 4, 5]) expect(ids(page.body)).not.toContain(row(index).id)
      expect((await detail(tokens.sales1, row(3).id)).body.code).toBe('FEEDBACK_NOT_FOUND')
      expect((await detail(tokens.sales1, row(3).id)).status).toBe(404)
      const south = await list(tokens.sales2, '?limit=100')
      expect(ids(south.body)).toEqual(expect.arrayContaining([row(3).id, row(4).id, row(5).id]))
      for (const index of [0, 1, 2]) expect(ids(south.body)).not.toContain(row(index).id)
    })

    it('shows the manager of 华东 the stores of 华东, not those of 华南', async () => {
      const page = await list(tokens.manager, '?limit=100')
      expect(ids(page.body)).toEqual(expect.arrayContaining([row(0).id, row(1).id, row(2).id]))
      for (const index of [3, 4, 5]) expect(ids(page.body)).not.toContain(row(index).id)
      expect((await detail(tokens.manager, row(4).id)).status).toBe(404)
      expect((await patch(tokens.manager, row(4).id, { status: 'closed' })).status).toBe(404)
    })

    it('shows customer service everything, and a viewer reads everything but may not assign', async () => {
      for (const token of [tokens.service1, tokens.viewer]) {
        const page = await list(token, '?limit=100')
        expect(ids(page.body)).toEqual(expect.arrayContaining(rows.map((seeded) => seeded.id)))
      }
      const refused = await patch(tokens.viewer, row(0).id, { assigneeId: directory.users.sales1 })
      expect(refused.status).toBe(403)
      expect(refused.body.code).toBe('FORBIDDEN')
      expect((await server.api.post(`/api/feedback/${row(0).id}/notes`, { token: tokens.viewer, body: { kind: 'note', body: '看过了' } })).status).toBe(403)
    })

    it('answers 404 for an unknown or malformed id and 401 without sign-in', async () => {
      expect((await detail(tokens.admin, '00000000-0000-4000-8000-000000000000')).body.code).toBe('FEEDBACK_NOT_FOUND')
      expect((await detail(tokens.admin, 'not-an-id')).status).toBe(404)
      expect((await server.api.get('/api/feedback')).status).toBe(401)
      expect((await server.api.get('/api/feedback/stats')).status).toBe(401)
    })
  })

  describe('list', () => {
    it('shows rows with masked phones, store, channel, staff and photo counts', async () => {
      const page = await list(tokens.service1, `?channelId=${channels.hangzhou}`)
      const first = page.body.items.find((item) => item.id === row(0).id)
      expect(first).toMatchObject({
        number: row(0).number,
        createdAt: '2026-03-01T02:00:00.000Z',
        status: 'new',
        category: 'product',
        rating: 5,
        nps: 10,
        excerpt: '咖啡很好喝，下次还来',
        store: { id: directory.teams['杭州西湖店'], name: '杭州西湖店' },
        channel: { id: channels.hangzhou, name: '西湖店前台码' },
        staff: { id: directory.users.sales1, displayName: '李娜' },
        assignee: null,
        customer: null,
        phoneMasked: '138****8000',
        contactConsent: true,
        photoCount: 1,
      })
      expect(JSON.stringify(page.body)).not.toContain('13800138000')
    })

    it('narrows by every filter', async () => {
      const filters: [string, (index: number) => boolean][] = [
        ['status=resolved', (index) => seeds[index]?.status === 'resolved'],
        ['status=new', (index) => (seeds[index]?.status ?? 'new') === 'new'],
        ['category=complaint', (index) => seeds[index]?.category === 'complaint'],
        [`teamId=${directory.teams['华南大区']}`, (index) => index >= 3],
        [`teamId=${directory.teams['杭州西湖店']}`, (index) => index <= 2],
        [`channelId=${channels.hangzhouDesk}`, (index) => index === 2],
        [`staffId=${directory.users.sales2}`, (index) => index >= 3],
        [`assigneeId=${directory.users.service1}`, (index) => index === 1],
        ['assigneeId=none', (index) => seeds[index]?.assigneeId === undefined],
        ['rating=5', (index) => seeds[index]?.rating === 5],
        ['npsGroup=promoter', (index) => (seeds[index]?.nps ?? -1) >= 9],
        ['npsGroup=passive', (index) => seeds[index]?.nps === 8],
        ['npsGroup=detractor', (index) => seeds[index]?.nps !== undefined && (seeds[index]?.nps as number) <= 6],
        ['linked=true', (index) => index === 3],
        ['linked=false', (index) => index !== 3],
        [`customerId=${southCustomer.id}`, (index) => index === 3],
        ['from=2026-03-03&to=2026-03-04', (index) => index === 2 || index === 3],
        ['to=2026-03-01', (index) => index === 0],
        ['from=2026-03-10', (index) => index === 5],
        ['keyword=slow', (index) => index === 1],
        [`keyword=${encodeURIComponent(`#${row(2).number}`)}`, (index) => index === 2],
        [`keyword=${row(2).number}`, (index) => index === 2],
        ['keyword=态度', (index) => index === 3],
      ]
      // Other tests add rows of their own; the data set's rows must be exactly those the filter names.
      const everyId = new Set(rows.map((seeded) => seeded.id))
      for (const [query, expected] of filters) {
        const page = await list(tokens.admin, `?${query}&limit=100`)
        expect(page.status, query).toBe(200)
        const found = ids(page.body).filter((id) => everyId.has(id))
        const wanted = rows.filter((_seeded, index) => expected(index)).map((seeded) => seeded.id)
        expect(found.sort(), query).toEqual(wanted.sort())
        expect(page.body.total, query).toBe(page.body.items.length)
      }
    })

    it("finds the caller's own assignments with assigneeId=me", async () => {
      const page = await list(tokens.sales1, '?assigneeId=me&limit=100')
      expect(ids(page.body)).toContain(row(2).id)
      expect(page.body.items.every((item) => item.assignee?.id === directory.users.sales1)).toBe(true)
    })

    it('refuses bad filters with 422 naming the field', async () => {
      for (const [query, field] of [
        ['status=open', 'status'],
        ['rating=6', 'rating'],
        ['npsGroup=fan', 'npsGroup'],
        ['assigneeId=someone', 'assigneeId'],
        ['from=2026-02-30', 'from'],
        ['from=2026-03-05&to=2026-03-01', 'to'],
        ['limit=101', 'limit'],
        ['cursor=abc', 'cursor'],
        ['color=red', ''],
      ]) {
        const response = await list(tokens.admin, `?${query}`)
        expect(response.status, query).toBe(422)
        expect(response.body.details.map((detail) => detail.field), query).toContain(field)
      }
    })

    it("answers 404 for a customerId outside the caller's customer scope", async () => {
      const response = await list(tokens.sales1, `?customerId=${southCustomer.id}`)
      expect(response.status).toBe(404)
      expect(response.body.code).toBe('CUSTOMER_NOT_FOUND')
    })

    it('pages newest first to the end with a cursor, none twice, none missed, ties broken by id', async () => {
      const channelId = await insertChannel(server, { teamId: directory.teams['杭州西湖店'] as string, name: '分页码' })
      const sameMoment = new Date('2026-04-01T09:00:00+08:00')
      const made: SeededFeedback[] = []
      for (let index = 0; index < 7; index += 1) {
        made.push(await insertFeedback(server, {
          channelId,
          teamId: directory.teams['杭州西湖店'] as string,
          rating: 4,
          createdAt: index < 4 ? sameMoment : new Date(sameMoment.getTime() + index * 60_000),
        }))
      }
      const seen: FeedbackSummaryDto[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query: string = `?channelId=${channelId}&limit=3${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`
        const page = await list(tokens.manager, query)
        expect(page.status).toBe(200)
        expect(page.body.total).toBe(7)
        seen.push(...page.body.items)
        cursor = page.body.nextCursor
        pages += 1
      } while (cursor !== null && pages < 10)
      expect(pages).toBe(3)
      expect(new Set(seen.map((item) => item.id)).size).toBe(7)
      expect(seen.map((item) => item.id).sort()).toEqual(made.map((item) => item.id).sort())
      const order = seen.map((item) => `${item.createdAt}|${item.id}`)
      expect(order).toEqual([...order].sort().reverse())
      expect((await list(tokens.manager, `?channelId=${channelId}`)).body.items).toHaveLength(7)
    })
  })

  describe('detail and work on it', () => {
    it('shows the text, photos, language and notes', async () => {
      const response = await detail(tokens.sales1, row(0).id)
      expect(response.status).toBe(200)
      expect(response.body).toMatchObject({
        id: row(0).id,
        text: '咖啡很好喝，下次还来',
        language: 'zh-CN',
        resolvedAt: null,
        customerLink: null,
        photos: [{ id: row(0).photoIds[0], contentType: 'image/png', byteSize: tinyPng.length }],
        notes: [],
      })
    })

    it('moves through the statuses: resolved sets resolvedAt, leaving resolved clears it, each change audited', async () => {
      const made = await insertFeedback(server, { channelId: channels.hangzhou, teamId: directory.teams['杭州西湖店'] as string, rating: 2 })
      const working = await patch(tokens.manager, made.id, { status: 'in_progress' })
      expect(working.status).toBe(200)
      expect(working.body).toMatchObject({ status: 'in_progress', resolvedAt: null })
      const resolved = await patch(tokens.manager, made.id, { status: 'resolved' })
      expect(resolved.body.status).toBe('resolved')
      expect(Date.parse(resolved.body.resolvedAt as string)).toBeGreaterThan(Date.now() - 60_000)
      const closed = await patch(tokens.manager, made.id, { status: 'closed' })
      expect(closed.body).toMatchObject({ status: 'closed', resolvedAt: null })
      const reopened = await patch(tokens.manager, made.id, { status: 'resolved' })
      expect(reopened.body.resolvedAt).not.toBeNull()
      expect((await patch(tokens.manager, made.id, { status: 'new' })).body.resolvedAt).toBeNull()
      expect((await patch(tokens.manager, made.id, { status: 'done' })).status).toBe(422)
      expect((await patch(tokens.manager, made.id, { priority: 'high' })).status).toBe(422)

      const audit = await server.api.get<{ items: { action: string; resourceId: string; changes: unknown; label: string }[] }>(
        `/api/audit-logs?resource=feedback&action=update&limit=100`,
        { token: tokens.admin },
      )
      const mine = audit.body.items.filter((entry) => entry.resourceId === made.id)
      expect(mine).toHaveLength(5)
      expect(mine.at(-1)).toMatchObject({ label: `#${made.number}`, changes: { status: { before: 'new', after: 'in_progress' } } })
    })

    it('assigns to an active colleague who may read feedback, and refuses others with 422', async () => {
      const made = await insertFeedback(server, { channelId: channels.hangzhouDesk, teamId: directory.teams['杭州西湖店'] as string, rating: 3 })
      const assigned = await patch(tokens.service1, made.id, { assigneeId: directory.users.sales2 })
      expect(assigned.status).toBe(200)
      expect(assigned.body.assignee).toEqual({ id: directory.users.sales2, displayName: '张伟' })
      // Assigned feedback is the assignee's own, wherever it came from.
      expect((await detail(tokens.sales2, made.id)).status).toBe(200)
      for (const assigneeId of [disabledId, customerOnlyId, '00000000-0000-4000-8000-000000000000']) {
        const refused = await patch(tokens.service1, made.id, { assigneeId })
        expect(refused.status).toBe(422)
        expect(refused.body.details.map((detail) => detail.field)).toEqual(['assigneeId'])
      }
      const unassigned = await patch(tokens.service1, made.id, { assigneeId: null })
      expect(unassigned.body.assignee).toBeNull()
      expect((await detail(tokens.sales2, made.id)).status).toBe(404)
      const audit = await server.api.get<{ items: { resourceId: string; changes: unknown }[] }>('/api/audit-logs?resource=feedback&action=assign&limit=100', { token: tokens.admin })
      expect(audit.body.items.filter((entry) => entry.resourceId === made.id).map((entry) => entry.changes)).toEqual([
        { assignee: { before: '张伟', after: null } },
        { assignee: { before: null, after: '张伟' } },
      ])
    })

    it('keeps internal notes and reply records; a reply needs its channel and starts the work', async () => {
      const made = await insertFeedback(server, { channelId: channels.hangzhou, teamId: directory.teams['杭州西湖店'] as string, rating: 1 })
      const note = await server.api.post<FeedbackNoteDto & ErrorBody>(`/api/feedback/${made.id}/notes`, { token: tokens.manager, body: { kind: 'note', body: '先核实订单' } })
      expect(note.status).toBe(201)
      expect(note.body).toMatchObject({ kind: 'note', body: '先核实订单', replyChannel: null, author: { id: directory.users.manager, displayName: '王经理' } })
      expect((await detail(tokens.manager, made.id)).body.status).toBe('new')

      const bare = await server.api.post<ErrorBody>(`/api/feedback/${made.id}/notes`, { token: tokens.manager, body: { kind: 'reply', body: '已致电' } })
      expect(bare.status).toBe(422)
      expect(bare.body.details.map((detail) => detail.field)).toEqual(['replyChannel'])
      expect((await server.api.post(`/api/feedback/${made.id}/notes`, { token: tokens.manager, body: { kind: 'note', body: '' } })).status).toBe(422)
      expect((await server.api.post(`/api/feedback/${made.id}/notes`, { token: tokens.manager, body: { kind: 'note', body: 'x'.repeat(2001) } })).status).toBe(422)

      const reply = await server.api.post<FeedbackNoteDto>(`/api/feedback/${made.id}/notes`, { token: tokens.manager, body: { kind: 'reply', body: '已致电道歉并补偿', replyChannel: 'phone' } })
      expect(reply.status).toBe(201)
      expect(reply.body).toMatchObject({ kind: 'reply', replyChannel: 'phone' })
      const after = await detail(tokens.manager, made.id)
      expect(after.body.status).toBe('in_progress')
      expect(after.body.notes.map((entry) => [entry.kind, entry.body])).toEqual([['note', '先核实订单'], ['reply', '已致电道歉并补偿']])
      const audit = await server.api.get<{ items: { resourceId: string; meta: { kind: string } }[] }>('/api/audit-logs?resource=feedback&action=note&limit=100', { token: tokens.admin })
      expect(audit.body.items.filter((entry) => entry.resourceId === made.id).map((entry) => entry.meta.kind)).toEqual(['reply', 'note'])
    })

    it("links a customer of the caller's customer scope, refuses others with 404, and names a linked customer only within the customer scope", async () => {
      const made = await insertFeedback(server, { channelId: channels.hangzhou, teamId: directory.teams['杭州西湖店'] as string, staffId: directory.users.sales1, rating: 4 })
      const refused = await server.api.put<ErrorBody>(`/api/feedback/${made.id}/customer`, { token: tokens.manager, body: { customerId: southCustomer.id } })
      expect(refused.status).toBe(404)
      expect(refused.body.code).toBe('CUSTOMER_NOT_FOUND')

      const linked = await server.api.put<Detail>(`/api/feedback/${made.id}/customer`, { token: tokens.service1, body: { customerId: southCustomer.id } })
      expect(linked.status).toBe(200)
      expect(linked.body).toMatchObject({ customer: { id: southCustomer.id, name: '南方反馈客户' }, customerLink: 'manual' })
      // 李娜 sees the feedback (it came through her code) but not the name of 张伟's customer.
      const seenBySales = await detail(tokens.sales1, made.id)
      expect(seenBySales.body.customer).toEqual({ id: southCustomer.id, name: null })
      expect(JSON.stringify(seenBySales.body)).not.toContain('南方反馈客户')
      const listed = await list(tokens.sales1, `?channelId=${channels.hangzhou}&limit=100`)
      expect(listed.body.items.find((item) => item.id === made.id)?.customer).toEqual({ id: southCustomer.id, name: null })

      const unlinked = await server.api.put<Detail>(`/api/feedback/${made.id}/customer`, { token: tokens.service1, body: { customerId: null } })
      expect(unlinked.body).toMatchObject({ customer: null, customerLink: null })
      const audit = await server.api.get<{ items: { resourceId: string; changes: unknown }[] }>('/api/audit-logs?resource=feedback&action=link&limit=100', { token: tokens.admin })
      expect(audit.body.items.filter((entry) => entry.resourceId === made.id).map((entry) => entry.changes)).toEqual([
        { customerId: { before: southCustomer.id, after: null } },
        { customerId: { before: null, after: southCustomer.id } },
      ])
      expect((await server.api.put(`/api/feedback/${made.id}/customer`, { token: tokens.sales1, body: { customerId: null } })).status).toBe(403)
    })

    it('reveals the phone to roles that may, with an audit entry, and refuses the others', async () => {
      const revealed = await server.api.post<{ phone: string | null }>(`/api/feedback/${row(0).id}/reveal`, { token: tokens.service1 })
      expect(revealed.status).toBe(200)
      expect(revealed.body).toEqual({ phone: '138 0013 8000' })
      const audit = await server.api.get<{ items: { resourceId: string; actor: { displayName: string }; label: string }[] }>(
        '/api/audit-logs?resource=feedback&action=reveal&limit=100',
        { token: tokens.admin },
      )
      expect(audit.body.items.filter((entry) => entry.resourceId === row(0).id)).toEqual([
        expect.objectContaining({ actor: expect.objectContaining({ displayName: '陈静' }), label: `#${row(0).number}` }),
      ])
      const bySales = await server.api.post<ErrorBody>(`/api/feedback/${row(0).id}/reveal`, { token: tokens.sales1 })
      expect(bySales.status).toBe(403)
      expect((await server.api.post(`/api/feedback/${row(0).id}/reveal`, { token: tokens.viewer })).status).toBe(403)
      // The manager may reveal, but only within the feedback scope.
      expect((await server.api.post(`/api/feedback/${row(3).id}/reveal`, { token: tokens.manager })).status).toBe(404)
      expect((await server.api.post<{ phone: string | null }>(`/api/feedback/${row(5).id}/reveal`, { token: tokens.service1 })).body).toEqual({ phone: null })
    })

    it('serves photos with their content type, privately, and only within the scope', async () => {
      const photoId = row(0).photoIds[0] as string
      const response = await fetch(new URL(`/api/feedback/${row(0).id}/photos/${photoId}`, server.url), { headers: { authorization: `Bearer ${tokens.sales1}` } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/png')
      expect(response.headers.get('cache-control')).toBe('private, max-age=3600')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(Buffer.from(await response.arrayBuffer()).equals(tinyPng)).toBe(true)

      const outOfScope = await server.api.get<ErrorBody>(`/api/feedback/${row(0).id}/photos/${photoId}`, { token: tokens.sales2 })
      expect(outOfScope.status).toBe(404)
      expect(outOfScope.body.code).toBe('FEEDBACK_NOT_FOUND')
      const wrongFeedback = await server.api.get<ErrorBody>(`/api/feedback/${row(1).id}/photos/${photoId}`, { token: tokens.sales1 })
      expect(wrongFeedback.status).toBe(404)
      expect(wrongFeedback.body.code).toBe('PHOTO_NOT_FOUND')
    })
  })

  describe('figures', () => {
    /** A set of its own in January 2025, far from every other row: ratings 5,4,3,1,2,5 and NPS answers 10,9,8,6,0. */
    beforeAll(async () => {
      const team = (name: string) => directory.teams[name] as string
      const a = { channelId: channels.hangzhou, teamId: team('杭州西湖店'), staffId: directory.users.sales1 }
      const b = { channelId: channels.guangzhou, teamId: team('广州天河店'), staffId: directory.users.sales2 }
      for (const seed of [
        { ...a, rating: 5, nps: 10, createdAt: new Date('2025-01-06T10:00:00+08:00') },
        { ...a, rating: 4, nps: 9, createdAt: new Date('2025-01-07T12:00:00+08:00') },
        { ...a, rating: 3, nps: 8, createdAt: new Date('2025-01-07T23:30:00+08:00') },
        // Shortly after midnight in China is still the previous day in UTC: it counts for the China day.
        { ...b, rating: 1, nps: 6, createdAt: new Date('2025-01-13T00:30:00+08:00') },
        { ...b, rating: 2, nps: 0, createdAt: new Date('2025-01-31T23:59:00+08:00') },
        { ...b, rating: 5, nps: null, createdAt: new Date('2025-02-01T00:10:00+08:00') },
      ]) await insertFeedback(server, seed)
    })
    const stats = (token: string, query: string) => server.api.get<FeedbackStatsDto & ErrorBody>(`/api/feedback/stats${query}`, { token })
    const range = '?from=2025-01-06&to=2025-02-02'

    it('computes CSAT, NPS and the average rating in total and per store', async () => {
      const response = await stats(tokens.admin, range)
      expect(response.status).toBe(200)
      expect(response.body.total).toEqual({
        count: 6, ratingAverage: 3.3, csat: 50, npsResponses: 5, promoters: 2, passives: 1, detractors: 2, nps: 0,
      })
      expect(response.body.stores).toEqual([
        { team: { id: directory.teams['广州天河店'], name: '广州天河店' }, count: 3, ratingAverage: 2.7, csat: 33.3, npsResponses: 2, promoters: 0, passives: 0, detractors: 2, nps: -100 },
        { team: { id: directory.teams['杭州西湖店'], name: '杭州西湖店' }, count: 3, ratingAverage: 4, csat: 66.7, npsResponses: 3, promoters: 2, passives: 1, detractors: 0, nps: 66.7 },
      ])
    })

    it('splits the figures into China days, weeks from Monday and months, empty periods included', async () => {
      const days = (await stats(tokens.admin, `${range}&granularity=day`)).body.periods
      expect(days).toHaveLength(28)
      expect(days[0]?.period).toBe('2025-01-06')
      expect(days.at(-1)?.period).toBe('2025-02-02')
      const counted = Object.fromEntries(days.filter((day) => day.count > 0).map((day) => [day.period, day.count]))
      expect(counted).toEqual({ '2025-01-06': 1, '2025-01-07': 2, '2025-01-13': 1, '2025-01-31': 1, '2025-02-01': 1 })
      expect(days.find((day) => day.period === '2025-01-07')).toMatchObject({ csat: 50, nps: 50, ratingAverage: 3.5 })
      expect(days.find((day) => day.period === '2025-01-08')).toEqual({
        period: '2025-01-08', count: 0, ratingAverage: null, csat: null, npsResponses: 0, promoters: 0, passives: 0, detractors: 0, nps: null,
      })

      const weeks = (await stats(tokens.admin, `${range}&granularity=week`)).body.periods
      expect(weeks.map((week) => [week.period, week.count])).toEqual([['2025-01-06', 3], ['2025-01-13', 1], ['2025-01-20', 0], ['2025-01-27', 2]])
      expect(weeks[3]).toMatchObject({ csat: 50, npsResponses: 1, nps: -100 })

      const months = (await stats(tokens.admin, `${range}&granularity=month`)).body.periods
      expect(months.map((month) => [month.period, month.count, month.csat])).toEqual([['2025-01-01', 5, 40], ['2025-02-01', 1, 100]])
    })

    it('follows the feedback scope and the store filter (a region stands for its stores)', async () => {
      expect((await stats(tokens.manager, range)).body.total).toMatchObject({ count: 3, csat: 66.7, nps: 66.7 })
      expect((await stats(tokens.sales2, range)).body.stores.map((store) => store.team.name)).toEqual(['广州天河店'])
      const south = await stats(tokens.service1, `${range}&teamId=${directory.teams['华南大区']}`)
      expect(south.body.total).toMatchObject({ count: 3, nps: -100 })
      expect((await stats(tokens.manager, `${range}&teamId=${directory.teams['华南大区']}`)).body.total.count).toBe(0)
    })

    it('answers null scores without feedback, defaults to the last 30 days, and refuses bad ranges', async () => {
      const empty = await stats(tokens.admin, '?from=2020-01-01&to=2020-01-31&granularity=month')
      expect(empty.body.total).toEqual({ count: 0, ratingAverage: null, csat: null, npsResponses: 0, promoters: 0, passives: 0, detractors: 0, nps: null })
      expect(empty.body.stores).toEqual([])
      const recent = await stats(tokens.admin, '')
      expect(recent.status).toBe(200)
      expect(recent.body.periods).toHaveLength(30)
      expect(recent.body.to).toBe(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10))
      const badRanges: [string, string][] = [['?from=2025-02-01&to=2025-01-01', 'to'], ['?granularity=year', 'granularity'], ['?from=2020-01-01&to=2025-01-01', 'to']]
      for (const [query, field] of badRanges) {
        const refused = await stats(tokens.admin, query)
        expect(refused.status, query).toBe(422)
        expect(refused.body.details.map((detail) => detail.field), query).toContain(field)
      }
    })
  })

  describe('customer timeline', () => {
    it('shows linked feedback to those who may read the customer and the feedback', async () => {
      const page = await server.api.get<TimelinePageDto>(`/api/customers/${southCustomer.id}/timeline?limit=100`, { token: tokens.sales2 })
      expect(page.status).toBe(200)
      const entry = page.body.items.find((item) => item.kind === 'feedback')
      expect(entry).toEqual({
        id: row(3).id,
        kind: 'feedback',
        occurredAt: '2026-03-04T02:00:00.000Z',
        actor: null,
        summary: `反馈 #${row(3).number}：1 星，投诉 — 服务态度差`,
        feedback: {
          id: row(3).id, number: row(3).number, rating: 1, nps: 6, category: 'complaint', status: 'new', excerpt: '服务态度差',
          store: { id: directory.teams['广州天河店'], name: '广州天河店' },
        },
      })
      const english = await server.api.get<TimelinePageDto>(`/api/customers/${southCustomer.id}/timeline?limit=100`, { token: tokens.sales2, language: 'en-US' })
      expect(english.body.items.find((item) => item.kind === 'feedback')?.summary).toBe(`Feedback #${row(3).number}: 1 stars, complaint — 服务态度差`)
      // Someone who may read the customer but not feedback sees the rest of the timeline only.
      const withoutFeedback = await server.api.get<TimelinePageDto>(`/api/customers/${southCustomer.id}/timeline?limit=100`, { token: tokens.customerOnly })
      expect(withoutFeedback.status).toBe(200)
      expect(withoutFeedback.body.items.some((item) => item.kind === 'feedback')).toBe(false)
      expect(withoutFeedback.body.items.length).toBeGreaterThan(0)
    })
  })
})

describe('demo feedback on a fresh install', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server?.close()
  })

  it('a new shop finds channels for both demo stores and a month of feedback, some linked to customers by phone', async () => {
    const admin = await server.login('admin')
    const channels = await server.api.get<{ items: { kind: string; team: { name: string } }[] }>('/api/channels', { token: admin })
    expect(channels.status).toBe(200)
    expect(new Set(channels.body.items.map((channel) => `${channel.team.name}:${channel.kind}`))).toEqual(
      new Set(['杭州西湖店:feedback', '杭州西湖店:self_register', '广州天河店:feedback', '广州天河店:self_register']),
    )
    const inbox = await server.api.get<{ items: { customer: { id: string; name: string | null } | null; phoneMasked: string | null }[]; total: number }>(
      '/api/feedback?limit=100',
      { token: admin },
    )
    expect(inbox.body.total).toBeGreaterThanOrEqual(28)
    const linked = inbox.body.items.filter((item) => item.customer !== null)
    expect(linked.length).toBeGreaterThan(0)
    // The linked customer's own phone is the one the feedback holds.
    for (const item of linked.slice(0, 3)) {
      const customer = await server.api.get<{ phones: { display: string }[] }>(`/api/customers/${item.customer?.id}`, { token: admin })
      expect(customer.body.phones.map((phone) => phone.display)).toContain(item.phoneMasked)
    }
    const stats = await server.api.get<{ stores: { team: { name: string }; count: number; csat: number | null }[] }>('/api/feedback/stats', { token: admin })
    expect(stats.body.stores.map((store) => store.team.name).sort()).toEqual(['广州天河店', '杭州西湖店'])
    expect(stats.body.stores.every((store) => store.count > 0 && store.csat !== null)).toBe(true)

    // 李娜 (sales, own scope) sees only what came through her own store's code.
    const sales = await server.login('sales1')
    const own = await server.api.get<{ items: { store: { name: string } }[] }>('/api/feedback?limit=100', { token: sales })
    expect(own.body.items.length).toBeGreaterThan(0)
    expect(new Set(own.body.items.map((item) => item.store.name))).toEqual(new Set(['杭州西湖店']))
  })
})
