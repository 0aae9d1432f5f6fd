import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../../config.js'
import { createDb } from '../../db/prisma.js'
import { startServer } from '../../server.js'
import { makeTempDir, silentLogger, startTestServer, testServerOptions, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, freshMobile, insertStaff, signInStaff, type Staff } from '../customers/customers.test-support.js'
import { recordEvents } from './webhook-events.js'
import type { WebhookDeliveryDto, WebhookDto, WebhookWithSecretDto } from './webhooks.schemas.js'
import { startReceiver, verifySignature, type Receiver } from './webhooks.test-support.js'

interface ErrorBody {
  code: string
  details: { field: string; message: string }[]
}

const retryBaseSeconds = 0.05
const maxAttempts = 3
// Long enough that a receiver on this machine always answers in time on a loaded two-core CI machine
// (a first attempt that timed out would make the counts below wrong), short enough to give up within the test.
const timeoutMs = 2000
const dataTransfer = { ...readConfig({}).dataTransfer, webhookRetryBaseSeconds: retryBaseSeconds, webhookMaxAttempts: maxAttempts, webhookTimeoutMs: timeoutMs }
// Shared with the second server of the last test, which must open the same sealed secrets.
const dataEncryptionKey = randomBytes(32).toString('hex')

describe('outgoing webhooks', () => {
  let server: TestServer
  let receiver: Receiver
  let staff: Staff
  let customers: ReturnType<typeof customerClient>

  beforeAll(async () => {
    receiver = await startReceiver()
    // Retries a few milliseconds apart and a short timeout, so giving up is reached within the test.
    server = await startTestServer({ dataTransfer, dataEncryptionKey })
    staff = await signInStaff(server)
    customers = customerClient(server)
  })
  afterAll(async () => {
    await server?.close()
    await receiver?.close()
  })

  const subscribe = async (path: string, events: string[], extra: Record<string, unknown> = {}) => {
    const created = await server.api.post<WebhookWithSecretDto>('/api/webhooks', {
      token: staff.admin,
      body: { name: `接收 ${path}`, url: receiver.url(path), events, ...extra },
    })
    expect(created.status).toBe(201)
    return created.body
  }

  const deliveries = async (webhookId: string, query = '') => {
    const listed = await server.api.get<{ items: WebhookDeliveryDto[]; nextCursor: string | null }>(`/api/webhooks/${webhookId}/deliveries${query}`, { token: staff.admin })
    expect(listed.status).toBe(200)
    return listed.body
  }

  /** Waits until the delivery has an outcome (the worker retries in the background). */
  const settled = async (webhookId: string, deliveryId: string): Promise<WebhookDeliveryDto> => {
    const deadline = Date.now() + 20_000
    for (;;) {
      const found = (await deliveries(webhookId, '?limit=100')).items.find((item) => item.id === deliveryId)
      if (found !== undefined && found.status !== 'pending') return found
      if (Date.now() > deadline) throw new Error(`delivery ${deliveryId} is still ${found?.status}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  const createCustomer = async (name: string, extra: Record<string, unknown> = {}) => {
    const mobile = freshMobile()
    const created = await customers.create(staff.admin, { name, phones: [{ number: mobile }], ...extra })
    expect(created.status).toBe(201)
    return { ...created.body, mobile }
  }

  it('an administrator subscribes a receiver; a new customer arrives signed with the secret shown once, without phones', async () => {
    const hook = await subscribe('/signed', ['customer.created'], { description: '新客户推送' })
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(hook).toMatchObject({ events: ['customer.created'], active: true, description: '新客户推送', secretHint: hook.secret.slice(-4), stats: { succeeded: 0, failed: 0, pending: 0 } })
    const listed = await server.api.get<{ items: WebhookDto[] }>('/api/webhooks', { token: staff.admin })
    const shown = listed.body.items.find((item) => item.id === hook.id)
    expect(shown?.secretHint).toBe(hook.secret.slice(-4))
    expect(JSON.stringify(listed.body)).not.toContain(hook.secret)

    const customer = await createCustomer('签名客户', { source: '门店', newTags: ['VIP'] })
    const request = await receiver.event('/signed', 'customer.created', (body) => (body.data.customer as { id: string }).id === customer.id)

    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers['user-agent']).toBe('Kezhi-Webhooks/1')
    expect(request.headers['x-kezhi-event']).toBe('customer.created')
    expect(request.headers['x-kezhi-timestamp']).toMatch(/^\d{10}$/)
    expect(verifySignature(hook.secret, request.headers, request.raw)).toBe(true)
    expect(verifySignature(`${hook.secret}x`, request.headers, request.raw)).toBe(false)
    expect(verifySignature(hook.secret, request.headers, request.raw.replace('签名客户', '篡改客户'))).toBe(false)
    expect(request.body).toEqual({
      id: expect.any(String),
      type: 'customer.created',
      createdAt: expect.any(String),
      data: {
        customer: {
          id: customer.id,
          name: '签名客户',
          ownerId: staff.ids.admin,
          source: '门店',
          lifecycleStatus: customer.lifecycleStatus,
          tags: ['VIP'],
          createdAt: customer.createdAt,
          updatedAt: expect.any(String),
        },
      },
    })
    expect(request.raw).not.toContain(customer.mobile.slice(-8))

    const delivery = await settled(hook.id, String(request.headers['x-kezhi-delivery']))
    expect(delivery).toMatchObject({
      eventId: request.body.id,
      eventType: 'customer.created',
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      responseBody: '{"ok":true}',
      error: null,
      nextAttemptAt: null,
      payload: request.body,
    })
    expect(delivery.attemptLog).toEqual([{ attemptNo: 1, at: expect.any(String), responseStatus: 200, error: null, durationMs: expect.any(Number) }])
  })

  it('editing, reassigning, deleting, restoring, merging and bulk actions each send their event', async () => {
    await subscribe('/customers', ['customer.updated', 'customer.assigned', 'customer.deleted', 'customer.restored', 'customer.merged'])
    const about = (id: string) => (body: { data: Record<string, unknown> }) => (body.data.customer as { id: string } | null)?.id === id
    const first = await createCustomer('事件客户')
    const second = await createCustomer('被合并客户')

    const renamed = await customers.patch(staff.admin, first.id, { version: first.version, name: '事件客户（改）' })
    expect(renamed.status).toBe(200)
    const updated = await receiver.event('/customers', 'customer.updated', about(first.id))
    expect(updated.body.data.customer).toMatchObject({ id: first.id, name: '事件客户（改）' })

    const reassigned = await customers.patch(staff.admin, first.id, { version: renamed.body.version, ownerId: staff.ids.sales1 })
    expect(reassigned.status).toBe(200)
    const assigned = await receiver.event('/customers', 'customer.assigned', about(first.id))
    expect(assigned.body.data).toMatchObject({ customer: { id: first.id, ownerId: staff.ids.sales1 }, previousOwnerId: staff.ids.admin })

    expect((await customers.remove(staff.admin, first.id)).status).toBe(204)
    expect((await receiver.event('/customers', 'customer.deleted', about(first.id))).body.data.customer).toMatchObject({ name: '事件客户（改）' })
    expect((await customers.restore(staff.admin, first.id)).status).toBe(200)
    await receiver.event('/customers', 'customer.restored', about(first.id))

    const merged = await customers.merge(staff.admin, { survivorId: first.id, mergedId: second.id })
    expect(merged.status).toBe(200)
    const mergeEvent = await receiver.event('/customers', 'customer.merged', about(first.id))
    expect(mergeEvent.body.data).toMatchObject({ customer: { id: first.id }, merged: { id: second.id, name: '被合并客户' } })

    // Bulk actions: one event per customer they changed.
    const third = await createCustomer('批量客户甲')
    const fourth = await createCustomer('批量客户乙')
    const tags = await server.api.get<{ items: { id: string; name: string }[] }>('/api/tags', { token: staff.admin })
    const tag = tags.body.items[0]
    expect(tag).toBeDefined()
    expect((await customers.bulk(staff.admin, { ids: [third.id, fourth.id], action: 'addTags', tagIds: [tag!.id] })).status).toBe(200)
    for (const id of [third.id, fourth.id]) {
      expect((await receiver.event('/customers', 'customer.updated', about(id))).body.data.customer).toMatchObject({ tags: [tag!.name] })
    }
    expect((await customers.bulk(staff.admin, { ids: [third.id, fourth.id], action: 'assignOwner', ownerId: staff.ids.sales2 })).status).toBe(200)
    for (const id of [third.id, fourth.id]) {
      expect((await receiver.event('/customers', 'customer.assigned', about(id))).body.data).toMatchObject({ customer: { ownerId: staff.ids.sales2 }, previousOwnerId: staff.ids.admin })
    }
    expect((await customers.bulk(staff.admin, { ids: [third.id, fourth.id], action: 'delete' })).status).toBe(200)
    for (const id of [third.id, fourth.id]) await receiver.event('/customers', 'customer.deleted', about(id))
    // Not subscribed to customer.created: none of the four creations came here.
    expect(receiver.on('/customers').filter((entry) => entry.body.type === 'customer.created')).toEqual([])
  })

  it("a departing colleague's customers handed over to another each send customer.assigned", async () => {
    await subscribe('/handover', ['customer.assigned'])
    await insertStaff(server, [{ username: 'webhook_leaver', displayName: '离职同事', role: 'sales' }])
    const leaverId = await withDatabaseClient(server.database.url, async (client) =>
      String((await client.query<{ id: string }>("SELECT id FROM users WHERE username = 'webhook_leaver'")).rows[0]?.id),
    )
    const theirs = [await createCustomer('交接客户甲', { ownerId: leaverId }), await createCustomer('交接客户乙', { ownerId: leaverId })]
    const handed = await server.api.post<{ count: number }>(`/api/admin/users/${leaverId}/handover`, { token: staff.admin, body: { toUserId: staff.ids.sales2 } })
    expect(handed.status).toBe(200)
    expect(handed.body.count).toBe(2)
    for (const customer of theirs) {
      const event = await receiver.event('/handover', 'customer.assigned', (body) => (body.data.customer as { id: string }).id === customer.id)
      expect(event.body.data).toMatchObject({ customer: { ownerId: staff.ids.sales2 }, previousOwnerId: leaverId })
    }
  })

  it('orders, public feedback and self-registrations send their events', async () => {
    await subscribe('/intake', ['order.created', 'order.updated', 'feedback.created', 'customer.created'])
    const customer = await createCustomer('下单客户')
    const ordered = await server.api.post<{ id: string; orderNo: string }>(`/api/customers/${customer.id}/orders`, {
      token: staff.admin,
      body: { items: [{ product: '净水器', quantity: 2, unitPrice: '1299.00' }], status: 'paid' },
    })
    expect(ordered.status).toBe(201)
    const created = await receiver.event('/intake', 'order.created', (body) => (body.data.order as { id: string }).id === ordered.body.id)
    expect(created.body.data).toMatchObject({
      order: { id: ordered.body.id, orderNo: ordered.body.orderNo, status: 'paid', amount: '2598.00', customerId: customer.id },
      customer: { id: customer.id, name: '下单客户' },
    })
    const changed = await server.api.patch(`/api/customers/${customer.id}/orders/${ordered.body.id}`, { token: staff.admin, body: { status: 'completed' } })
    expect(changed.status).toBe(200)
    const updated = await receiver.event('/intake', 'order.updated', (body) => (body.data.order as { id: string }).id === ordered.body.id)
    expect(updated.body.data.order).toMatchObject({ status: 'completed' })

    const teams = (await server.api.get<{ items: { id: string; name: string }[] }>('/api/teams', { token: staff.admin })).body.items
    const store = teams.find((team) => team.name === '杭州西湖店')
    const openForm = async (kind: 'feedback' | 'self_register') => {
      const channel = await server.api.post<{ id: string; token: string }>('/api/channels', { token: staff.admin, body: { kind, name: `钩子${kind}`, teamId: store?.id } })
      expect(channel.status).toBe(201)
      const device = { 'x-device-id': `webhook-device-${randomUUID()}` }
      const opened = await server.api.get<{ formToken: string }>(`/api/public/channels/${encodeURIComponent(channel.body.token)}`, { headers: device })
      return { channelId: channel.body.id, headers: { ...device, 'x-form-token': opened.body.formToken } }
    }
    const feedbackForm = await openForm('feedback')
    const feedbackPhone = freshMobile()
    const sent = await server.api.post<{ number: number }>('/api/public/feedback', {
      headers: feedbackForm.headers,
      body: { rating: 2, category: 'service', text: '等了很久', phone: feedbackPhone, contactConsent: true },
    })
    expect(sent.status).toBe(201)
    const feedback = await receiver.event('/intake', 'feedback.created', (body) => (body.data.feedback as { number: number }).number === sent.body.number)
    expect(feedback.body.data.feedback).toMatchObject({ channelId: feedbackForm.channelId, teamId: store?.id, rating: 2, category: 'service', text: '等了很久', hasPhone: true })
    expect(feedback.raw).not.toContain(feedbackPhone.slice(-8))

    const registrationForm = await openForm('self_register')
    const registered = await server.api.post('/api/public/registrations', {
      headers: registrationForm.headers,
      body: { name: '自助登记客户', phone: freshMobile(), consent: true },
    })
    expect(registered.status).toBe(201)
    const joined = await receiver.event('/intake', 'customer.created', (body) => (body.data.customer as { name: string }).name === '自助登记客户')
    expect(joined.body.data.customer).toMatchObject({ source: '杭州西湖店' })
  })

  it('a receiver failing twice then answering 200 gets three attempts with growing waits, each logged', async () => {
    receiver.answer('/flaky', (nth) => (nth <= 2 ? { status: 500, body: `boom ${nth}` } : { status: 204 }))
    const hook = await subscribe('/flaky', ['*'])
    const customer = await createCustomer('重试客户')
    const third = await receiver.waitFor('the third attempt', () => receiver.on('/flaky').filter((entry) => (entry.body.data.customer as { id: string } | undefined)?.id === customer.id)[2])
    const attempts = receiver.on('/flaky').filter((entry) => entry.body.id === third.body.id)
    expect(attempts).toHaveLength(3)
    // One delivery, sent three times: the same delivery id and body, each attempt signed.
    expect(new Set(attempts.map((entry) => entry.headers['x-kezhi-delivery'])).size).toBe(1)
    expect(new Set(attempts.map((entry) => entry.raw)).size).toBe(1)
    for (const entry of attempts) expect(verifySignature(hook.secret, entry.headers, entry.raw)).toBe(true)

    const delivery = await settled(hook.id, String(third.headers['x-kezhi-delivery']))
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204, error: null, nextAttemptAt: null })
    expect(delivery.attemptLog.map((attempt) => [attempt.attemptNo, attempt.responseStatus, attempt.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 500, 'HTTP 500'],
      [3, 204, null],
    ])
    // Backoff: attempt n+1 waited at least base × 2^(n−1) less the 10 % jitter.
    const times = delivery.attemptLog.map((attempt) => Date.parse(attempt.at))
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(Math.floor(retryBaseSeconds * 1000 * 0.9))
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(Math.floor(retryBaseSeconds * 2000 * 0.9))
  })

  it('a receiver that keeps failing, one that never answers in time and one that redirects are given up on after the last attempt', async () => {
    receiver.answer('/down', () => ({ status: 503, body: 'x'.repeat(5000) }))
    receiver.answer('/slow', () => 'hold')
    receiver.answer('/moved', () => ({ status: 302, headers: { location: receiver.url('/elsewhere') } }))
    const down = await subscribe('/down', ['customer.created'])
    const slow = await subscribe('/slow', ['customer.created'])
    const moved = await subscribe('/moved', ['customer.created'])
    const customer = await createCustomer('放弃客户')
    const of = (path: string) =>
      receiver.event(path, 'customer.created', (body) => (body.data.customer as { id: string }).id === customer.id).then((entry) => String(entry.headers['x-kezhi-delivery']))

    const gaveUp = await settled(down.id, await of('/down'))
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: maxAttempts, responseStatus: 503, error: 'HTTP 503', nextAttemptAt: null })
    // The first 2 KB of the answer are kept.
    expect(gaveUp.responseBody).toBe('x'.repeat(2048))
    expect(gaveUp.attemptLog).toHaveLength(maxAttempts)

    const timedOut = await settled(slow.id, await of('/slow'))
    expect(timedOut).toMatchObject({ status: 'failed', attempts: maxAttempts, responseStatus: null })
    expect(timedOut.attemptLog.map((attempt) => attempt.error)).toEqual(Array.from({ length: maxAttempts }, () => `timeout after ${timeoutMs} ms`))

    const redirected = await settled(moved.id, await of('/moved'))
    expect(redirected).toMatchObject({ status: 'failed', attempts: maxAttempts, responseStatus: 302, error: 'redirect not followed (HTTP 302)' })
    expect(receiver.on('/elsewhere')).toEqual([])

    const stats = (await server.api.get<{ items: WebhookDto[] }>('/api/webhooks', { token: staff.admin })).body.items.find((item) => item.id === down.id)?.stats
    expect(stats).toEqual({ succeeded: 0, failed: 1, pending: 0 })
    // Receivers that never succeed would only slow the later tests down.
    for (const hook of [down, slow, moved]) expect((await server.api.delete(`/api/webhooks/${hook.id}`, { token: staff.admin })).status).toBe(204)
  })

  it('a replay sends the same event id and body again, with a new delivery id and a fresh signature', async () => {
    const hook = await subscribe('/replay', ['customer.created'])
    const customer = await createCustomer('重放客户')
    const original = await receiver.event('/replay', 'customer.created', (body) => (body.data.customer as { id: string }).id === customer.id)
    const originalId = String(original.headers['x-kezhi-delivery'])
    await settled(hook.id, originalId)

    const replayed = await server.api.post<WebhookDeliveryDto>(`/api/webhooks/deliveries/${originalId}/replay`, { token: staff.admin })
    expect(replayed.status).toBe(202)
    expect(replayed.body).toMatchObject({ eventId: original.body.id, replayOfId: originalId, status: 'pending', attempts: 0 })
    expect(replayed.body.id).not.toBe(originalId)
    const again = await receiver.waitFor('the replay', () => receiver.on('/replay').find((entry) => entry.headers['x-kezhi-delivery'] === replayed.body.id))
    expect(again.raw).toBe(original.raw)
    expect(again.body.id).toBe(original.body.id)
    expect(verifySignature(hook.secret, again.headers, again.raw)).toBe(true)
    expect(await settled(hook.id, replayed.body.id)).toMatchObject({ status: 'succeeded', replayOfId: originalId })
    expect((await server.api.post<ErrorBody>(`/api/webhooks/deliveries/${randomUUID()}/replay`, { token: staff.admin })).body.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND')
  })

  it('an event recorded in a transaction that rolls back is never queued nor sent', async () => {
    const hook = await subscribe('/rollback', ['import.completed'])
    const db = createDb(server.database.url, silentLogger)
    try {
      const marker = randomUUID()
      await expect(
        db.$transaction(async (tx) => {
          await recordEvents(tx, [{ type: 'import.completed', data: { import: { id: marker, note: 'rolled back' } } }])
          throw new Error('the change failed')
        }),
      ).rejects.toThrow('the change failed')
      const committed = randomUUID()
      await db.$transaction((tx) => recordEvents(tx, [{ type: 'import.completed', data: { import: { id: committed } } }]))
      await receiver.event('/rollback', 'import.completed', (body) => (body.data.import as { id: string }).id === committed)
      expect(receiver.on('/rollback').filter((entry) => entry.raw.includes(marker))).toEqual([])
      const queued = await withDatabaseClient(server.database.url, (client) =>
        client.query(`SELECT count(*)::int AS count FROM webhook_deliveries WHERE subscription_id = $1 AND payload::text LIKE $2`, [hook.id, `%${marker}%`]),
      )
      expect(queued.rows[0].count).toBe(0)
    } finally {
      await db.$disconnect()
    }
  })

  it('paused and deleted subscriptions receive nothing; a paused one still takes a test event', async () => {
    const live = await subscribe('/live', ['customer.created'])
    const paused = await subscribe('/paused', ['*'], { active: false })
    const gone = await subscribe('/gone', ['*'])
    expect((await server.api.delete(`/api/webhooks/${gone.id}`, { token: staff.admin })).status).toBe(204)
    const customer = await createCustomer('无人接收客户')
    await receiver.event('/live', 'customer.created', (body) => (body.data.customer as { id: string }).id === customer.id)
    expect(receiver.on('/paused')).toEqual([])
    expect(receiver.on('/gone')).toEqual([])
    expect((await deliveries(paused.id)).items).toEqual([])
    expect((await server.api.get<ErrorBody>(`/api/webhooks/${gone.id}/deliveries`, { token: staff.admin })).body.code).toBe('WEBHOOK_NOT_FOUND')
    expect((await server.api.get<{ items: WebhookDto[] }>('/api/webhooks', { token: staff.admin })).body.items.map((item) => item.id)).not.toContain(gone.id)

    const test = await server.api.post<WebhookDeliveryDto>(`/api/webhooks/${paused.id}/test`, { token: staff.admin })
    expect(test.status).toBe(202)
    const arrived = await receiver.event('/paused', 'webhook.test')
    expect(arrived.body.data).toEqual({ webhookId: paused.id, message: 'Kezhi webhook test' })
    expect(verifySignature(paused.secret, arrived.headers, arrived.raw)).toBe(true)
  })

  it('a rotated secret signs what follows; the old one no longer verifies; every change is audited', async () => {
    const hook = await subscribe('/rotate', ['customer.created'])
    const rotated = await server.api.post<{ secret: string }>(`/api/webhooks/${hook.id}/rotate-secret`, { token: staff.admin })
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(hook.secret)
    await server.api.post(`/api/webhooks/${hook.id}/test`, { token: staff.admin })
    const arrived = await receiver.event('/rotate', 'webhook.test')
    expect(verifySignature(rotated.body.secret, arrived.headers, arrived.raw)).toBe(true)
    expect(verifySignature(hook.secret, arrived.headers, arrived.raw)).toBe(false)

    const patched = await server.api.patch<WebhookDto>(`/api/webhooks/${hook.id}`, { token: staff.admin, body: { name: '改名钩子', events: ['order.created', '*'] } })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: '改名钩子', events: ['*'], secretHint: rotated.body.secret.slice(-4) })
    expect((await server.api.delete(`/api/webhooks/${hook.id}`, { token: staff.admin })).status).toBe(204)

    const audit = await withDatabaseClient(server.database.url, (client) =>
      client.query<{ action: string; meta: { secretRotated?: boolean } | null; changes: Record<string, unknown> | null }>(
        `SELECT action, meta, changes FROM audit_logs WHERE resource = 'webhook' AND resource_id = $1 ORDER BY at, id`,
        [hook.id],
      ),
    )
    expect(audit.rows.map((row) => row.action)).toEqual(['create', 'update', 'update', 'delete'])
    expect(audit.rows[1]?.meta).toEqual({ secretRotated: true })
    expect(audit.rows[2]?.changes).toMatchObject({ name: { after: '改名钩子' } })
    expect(JSON.stringify(audit.rows)).not.toContain(hook.secret)
    expect(JSON.stringify(audit.rows)).not.toContain(rotated.body.secret)
  })

  it('the delivery log pages newest first and filters by status', async () => {
    const hook = await subscribe('/paged', ['customer.created'])
    const names = ['分页一', '分页二', '分页三']
    for (const name of names) await createCustomer(name)
    await receiver.waitFor('three deliveries', () => receiver.on('/paged').length >= 3 && receiver.on('/paged'))
    const first = await deliveries(hook.id, '?limit=2')
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).not.toBeNull()
    const second = await deliveries(hook.id, `?limit=2&cursor=${first.nextCursor}`)
    expect(second.items).toHaveLength(1)
    expect(second.nextCursor).toBeNull()
    expect([...first.items, ...second.items].map((item) => (item.payload.data.customer as { name: string }).name)).toEqual([...names].reverse())
    expect((await deliveries(hook.id, '?status=failed')).items).toEqual([])
    const badCursor = await server.api.get<ErrorBody>(`/api/webhooks/${hook.id}/deliveries?cursor=nonsense`, { token: staff.admin })
    expect(badCursor.status).toBe(422)
    expect(badCursor.body.details[0]?.field).toBe('cursor')
  })

  it('only administrators manage webhooks, and bad input is refused naming the field', async () => {
    const hook = await subscribe('/guarded', ['customer.created'])
    for (const token of [staff.manager, staff.sales1]) {
      for (const response of [
        await server.api.get('/api/webhooks', { token }),
        await server.api.post('/api/webhooks', { token, body: { name: 'x', url: receiver.url('/x'), events: ['*'] } }),
        await server.api.get('/api/webhooks/events', { token }),
        await server.api.patch(`/api/webhooks/${hook.id}`, { token, body: { active: false } }),
        await server.api.delete(`/api/webhooks/${hook.id}`, { token }),
        await server.api.post(`/api/webhooks/${hook.id}/rotate-secret`, { token }),
        await server.api.post(`/api/webhooks/${hook.id}/test`, { token }),
        await server.api.get(`/api/webhooks/${hook.id}/deliveries`, { token }),
        await server.api.post(`/api/webhooks/deliveries/${randomUUID()}/replay`, { token }),
      ]) {
        expect(response.status).toBe(403)
      }
    }
    const refused = async (body: unknown, field: string, language?: string) => {
      const response = await server.api.post<ErrorBody>('/api/webhooks', { token: staff.admin, body, language })
      expect(response.status).toBe(422)
      expect(response.body.code).toBe('VALIDATION_FAILED')
      expect(response.body.details.map((detail) => detail.field)).toContain(field)
      return response.body.details.find((detail) => detail.field === field)?.message
    }
    expect(await refused({ name: '坏地址', url: 'ftp://files.example.com/in', events: ['*'] }, 'url')).toBe('请输入以 http:// 或 https:// 开头的网址')
    expect(await refused({ name: 'bad', url: 'javascript:alert(1)', events: ['*'] }, 'url', 'en-US')).toBe('Enter an address starting with http:// or https://')
    await refused({ name: '无事件', url: receiver.url('/x'), events: [] }, 'events')
    await refused({ name: '怪事件', url: receiver.url('/x'), events: ['customer.exploded'] }, 'events.0')
    await refused({ name: '', url: receiver.url('/x'), events: ['*'] }, 'name')
    await refused({ name: '多字段', url: receiver.url('/x'), events: ['*'], secret: 'mine' }, '')
    expect((await server.api.patch<ErrorBody>(`/api/webhooks/${randomUUID()}`, { token: staff.admin, body: { active: false } })).body.code).toBe('WEBHOOK_NOT_FOUND')
    expect((await server.api.post<ErrorBody>('/api/webhooks/not-a-uuid/test', { token: staff.admin })).status).toBe(404)

    const events = await server.api.get<{ items: { type: string; description: string }[] }>('/api/webhooks/events', { token: staff.admin, language: 'en-US' })
    expect(events.body.items.map((item) => item.type)).toContain('feedback.created')
    expect(events.body.items.find((item) => item.type === 'customer.merged')?.description).toBe('Two customers were merged into one')
  })

  it('two servers on one database deliver every event exactly once', async () => {
    const hook = await subscribe('/shared', ['customer.created'])
    const dataDir = await makeTempDir('webhooks-second')
    const second = await startServer(
      testServerOptions({ dataDir: dataDir.path, databaseUrl: server.database.url, seedDemo: false, dataTransfer, dataEncryptionKey }),
    )
    try {
      const ids: string[] = []
      for (let index = 0; index < 24; index += 1) ids.push((await createCustomer(`并发客户${index}`)).id)
      await receiver.waitFor('24 deliveries', () => receiver.on('/shared').length >= 24 && receiver.on('/shared'))
      const deadline = Date.now() + 20_000
      while ((await deliveries(hook.id, '?status=pending')).items.length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
      const byCustomer = new Map<string, number>()
      for (const entry of receiver.on('/shared')) {
        const id = (entry.body.data.customer as { id: string }).id
        byCustomer.set(id, (byCustomer.get(id) ?? 0) + 1)
      }
      expect([...byCustomer.keys()].sort()).toEqual([...ids].sort())
      expect([...byCustomer.values()].every((count) => count === 1)).toBe(true)
    } finally {
      await second.close()
      await dataDir.remove()
    }
  })
})

describe('a slow receiver', () => {
  let server: TestServer
  let receiver: Receiver
  let staff: Staff
  let customers: ReturnType<typeof customerClient>

  beforeAll(async () => {
    receiver = await startReceiver()
    // A timeout far longer than the test: the held request stays open until the test answers it.
    server = await startTestServer({ dataTransfer: { ...dataTransfer, webhookTimeoutMs: 60_000 } })
    staff = await signInStaff(server)
    customers = customerClient(server)
  })
  afterAll(async () => {
    await server?.close()
    await receiver?.close()
  })

  it('holds up only its own delivery: a later event for another receiver goes out while it still has not answered', async () => {
    receiver.answer('/stalled', () => 'hold')
    for (const [path, events] of [['/stalled', ['customer.created']], ['/prompt', ['customer.updated']]] as const) {
      const created = await server.api.post<WebhookWithSecretDto>('/api/webhooks', { token: staff.admin, body: { name: `接收 ${path}`, url: receiver.url(path), events } })
      expect(created.status).toBe(201)
    }
    const created = await customers.create(staff.admin, { name: '慢接收客户', phones: [{ number: freshMobile() }] })
    expect(created.status).toBe(201)
    await receiver.event('/stalled', 'customer.created')
    expect(receiver.holding('/stalled')).toBe(true)

    const updated = await customers.patch(staff.admin, created.body.id, { version: created.body.version, name: '慢接收客户（改）' })
    expect(updated.status).toBe(200)
    await receiver.event('/prompt', 'customer.updated')
    // The first delivery is still on its way: the second did not wait for it.
    expect(receiver.holding('/stalled')).toBe(true)

    receiver.release('/stalled')
    const hooks = await server.api.get<{ items: WebhookDto[] }>('/api/webhooks', { token: staff.admin })
    const stalled = hooks.body.items.find((item) => item.url === receiver.url('/stalled'))
    expect(stalled).toBeDefined()
    let delivered: WebhookDeliveryDto | undefined
    for (const deadline = Date.now() + 20_000; delivered === undefined && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 25))) {
      const listed = await server.api.get<{ items: WebhookDeliveryDto[] }>(`/api/webhooks/${stalled?.id}/deliveries`, { token: staff.admin })
      delivered = listed.body.items.find((item) => item.status === 'succeeded')
    }
    expect(delivered).toMatchObject({ eventType: 'customer.created', attempts: 1, responseStatus: 200 })
  })
})

