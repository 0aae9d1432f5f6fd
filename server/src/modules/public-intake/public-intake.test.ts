import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/prisma.js'
import { runHousekeeping } from '../../jobs/housekeeping.js'
import { createChannelTokens } from '../../lib/channel-tokens.js'
import { sql } from '../auth/auth.test-support.js'
import { silentLogger, startTestServer, testJwtSecret, type ErrorBody, type TestServer } from '../../test/support.js'
import type { ChannelDto } from '../channels/channels.schemas.js'
import type { FeedbackReceiptDto, PhotoReceiptDto, PublicChannelDto } from './public-intake.schemas.js'

const newDevice = () => `dev_${randomBytes(12).toString('hex')}`
const pngBytes = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const jpegBytes = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)])

/** What a phone does: names its device, opens the form of a QR code, uploads photos and submits. */
const visitor = (server: TestServer, device = newDevice()) => {
  const open = (token: string) => server.api.get<PublicChannelDto & ErrorBody>(`/api/public/channels/${encodeURIComponent(token)}`, { headers: { 'x-device-id': device } })
  const formToken = async (token: string) => {
    const opened = await open(token)
    if (opened.status !== 200) throw new Error(`opening the channel answered ${opened.status}`)
    return opened.body.formToken
  }
  const submit = (path: 'feedback' | 'registrations', form: string, body: unknown, key?: string) =>
    server.api.post<FeedbackReceiptDto & { received?: boolean } & ErrorBody>(`/api/public/${path}`, {
      headers: { 'x-device-id': device, 'x-form-token': form, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body,
    })
  const upload = async (form: string, bytes: Buffer, filename = 'photo.jpg') => {
    const data = new FormData()
    data.append('photo', new Blob([new Uint8Array(bytes)]), filename)
    const response = await fetch(`${server.url}/api/public/photos`, { method: 'POST', headers: { 'x-device-id': device, 'x-form-token': form }, body: data })
    return { status: response.status, body: (await response.json()) as PhotoReceiptDto & ErrorBody }
  }
  return { device, open, formToken, submit, upload }
}

interface Fixture {
  server: TestServer
  admin: string
  storeId: string
  sales1Id: string
  channel(kind: 'feedback' | 'self_register', extra?: Record<string, unknown>): Promise<ChannelDto>
}

const prepare = async (server: TestServer): Promise<Fixture> => {
  const admin = await server.login('admin')
  const teams = (await server.api.get<{ items: { id: string; name: string }[] }>('/api/teams', { token: admin })).body.items
  const storeId = teams.find((team) => team.name === '杭州西湖店')?.id as string
  const sales1Id = (await server.api.get<{ id: string }>('/api/me', { token: await server.login('sales1') })).body.id
  let counter = 0
  const channel = async (kind: 'feedback' | 'self_register', extra: Record<string, unknown> = {}) => {
    counter += 1
    const created = await server.api.post<ChannelDto>('/api/channels', { token: admin, body: { kind, name: `码${counter}`, teamId: storeId, ...extra } })
    if (created.status !== 201) throw new Error(`channel creation answered ${created.status}`)
    return created.body
  }
  return { server, admin, storeId, sales1Id, channel }
}

describe('the public intake reached through QR codes', () => {
  let server: TestServer
  let fx: Fixture

  beforeAll(async () => {
    server = await startTestServer()
    fx = await prepare(server)
  })
  afterAll(() => server?.close())

  it('opening a code gives the store, the staff member, a form token and the limits', async () => {
    const channel = await fx.channel('feedback', { staffId: fx.sales1Id })
    const opened = await visitor(server).open(channel.token)
    expect(opened.status).toBe(200)
    expect(opened.body.channel).toEqual({ kind: 'feedback', storeName: '杭州西湖店', staffName: '李娜' })
    expect(opened.body.limits).toEqual({ maxPhotos: 3, maxPhotoBytes: 5242880, photoTypes: ['image/jpeg', 'image/png', 'image/webp'], maxTextLength: 2000 })
    expect(new Date(opened.body.expiresAt).getTime()).toBeGreaterThan(Date.now())
  })

  it('a call without a well-formed device id is refused on X-Device-Id', async () => {
    const channel = await fx.channel('feedback')
    const attempts: Record<string, string>[] = [{}, { 'x-device-id': 'short' }, { 'x-device-id': 'has spaces in it, not allowed' }]
    for (const headers of attempts) {
      const refused = await server.api.get<ErrorBody>(`/api/public/channels/${channel.token}`, { headers })
      expect(refused.status).toBe(422)
      expect(refused.body.details[0]?.field).toBe('X-Device-Id')
    }
  })

  it('forged channel tokens and tampered codes are refused with 403', async () => {
    const channel = await fx.channel('feedback')
    const [code = '', signature = ''] = channel.token.split('.')
    const flip = (text: string, at: number) => `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`
    const forged = [
      `${'Z'.repeat(10)}.${'A'.repeat(16)}`,
      `${flip(code, 3)}.${signature}`,
      `${code}.${flip(signature, 5)}`,
      `${code}.${createChannelTokens('another-secret', 60).sign(code, 1).split('.')[1]}`,
      'not-a-token',
    ]
    for (const token of forged) {
      const refused = await visitor(server).open(token)
      expect(refused.status, token).toBe(403)
      expect(refused.body.code).toBe('CHANNEL_TOKEN_INVALID')
    }
  })

  it('codes of reissued, disabled, deleted or ended channels are refused with 410', async () => {
    const reissued = await fx.channel('feedback')
    await server.api.post(`/api/channels/${reissued.id}/reissue`, { token: fx.admin })
    const disabled = await fx.channel('feedback')
    await server.api.patch(`/api/channels/${disabled.id}`, { token: fx.admin, body: { disabled: true } })
    const deleted = await fx.channel('feedback')
    await server.api.delete(`/api/channels/${deleted.id}`, { token: fx.admin })
    const ended = await fx.channel('feedback', { validUntil: new Date(Date.now() + 3_600_000).toISOString() })
    await sql(server, `UPDATE channels SET valid_until = now() - interval '1 minute' WHERE id = $1`, [ended.id])
    for (const channel of [reissued, disabled, deleted, ended]) {
      const refused = await visitor(server).open(channel.token)
      expect(refused.status, channel.name).toBe(410)
      expect(refused.body.code).toBe('CHANNEL_EXPIRED')
    }
  })

  it('form tokens that are forged, of another device, of another kind of channel or expired are refused', async () => {
    const feedbackChannel = await fx.channel('feedback')
    const joinChannel = await fx.channel('self_register')
    const phone = visitor(server)
    const feedbackForm = await phone.formToken(feedbackChannel.token)
    const body = { rating: 5, category: 'service' }

    const forged = createChannelTokens('another-secret', 600).issueFormToken({ channelId: feedbackChannel.id, tokenVersion: 1, deviceHash: 'x' }).token
    expect((await phone.submit('feedback', forged, body)).body.code).toBe('FORM_TOKEN_INVALID')
    expect((await phone.submit('feedback', 'garbage', body)).status).toBe(403)

    const otherDevice = await visitor(server).submit('feedback', feedbackForm, body)
    expect(otherDevice.status).toBe(403)
    expect(otherDevice.body.code).toBe('FORM_TOKEN_INVALID')

    const wrongKind = await phone.submit('registrations', feedbackForm, { name: '王小明', phone: '13800138000', consent: true })
    expect(wrongKind.status).toBe(403)
    const joinForm = await phone.formToken(joinChannel.token)
    expect((await phone.submit('feedback', joinForm, body)).status).toBe(403)

    // Signed by the server's own key, but its lifetime is over.
    const [{ device_hash: deviceHash } = { device_hash: '' }] = await sql<{ device_hash: string }>(server, `SELECT encode(sha256($1::bytea), 'hex') AS device_hash`, [phone.device])
    const expired = createChannelTokens(testJwtSecret, -10).issueFormToken({ channelId: feedbackChannel.id, tokenVersion: 1, deviceHash }).token
    const late = await phone.submit('feedback', expired, body)
    expect(late.status).toBe(410)
    expect(late.body.code).toBe('FORM_TOKEN_EXPIRED')

    // The same construction with a live lifetime passes, so the refusal above was the expiry.
    const fresh = createChannelTokens(testJwtSecret, 600).issueFormToken({ channelId: feedbackChannel.id, tokenVersion: 1, deviceHash }).token
    expect((await phone.submit('feedback', fresh, body)).status).toBe(201)

    // Reissued after the form was opened: the open form cannot be sent any more.
    await server.api.post(`/api/channels/${feedbackChannel.id}/reissue`, { token: fx.admin })
    const gone = await phone.submit('feedback', feedbackForm, body)
    expect(gone.status).toBe(410)
    expect(gone.body.code).toBe('CHANNEL_EXPIRED')
  })

  it('feedback is attributed to the store and staff member and linked to the customer who has the phone', async () => {
    const customer = await server.api.post<{ id: string }>('/api/customers', { token: fx.admin, body: { name: '反馈客户', phones: [{ number: '13912345678' }] } })
    const channel = await fx.channel('feedback', { staffId: fx.sales1Id })
    const phone = visitor(server)
    const form = await phone.formToken(channel.token)
    const photo = await phone.upload(form, pngBytes, 'shot.png')
    expect(photo.status).toBe(201)
    expect(photo.body).toMatchObject({ contentType: 'image/png', byteSize: pngBytes.length })

    const sent = await phone.submit('feedback', form, {
      rating: 2, nps: 4, category: 'complaint', text: '等了很久', photoIds: [photo.body.id], phone: '139-1234-5678', contactConsent: true,
    })
    expect(sent.status).toBe(201)
    expect(sent.body.number).toBeGreaterThan(0)
    const [row] = await sql<Record<string, unknown>>(
      server,
      `SELECT team_id, staff_id, channel_id, customer_id, customer_link, phone_index IS NOT NULL AS indexed, phone_encrypted IS NOT NULL AS sealed,
              contact_consent, (SELECT count(*)::int FROM feedback_photos p WHERE p.feedback_id = f.id) AS photos
       FROM feedback f WHERE number = $1`,
      [sent.body.number],
    )
    expect(row).toEqual({
      team_id: fx.storeId, staff_id: fx.sales1Id, channel_id: channel.id, customer_id: customer.body.id, customer_link: 'phone',
      indexed: true, sealed: true, contact_consent: true, photos: 1,
    })
    // Nothing of the number is stored readable.
    expect(JSON.stringify(await sql(server, 'SELECT * FROM feedback WHERE number = $1', [sent.body.number]))).not.toContain('13912345678')
  })

  it('a phone without consent to be contacted is refused on contactConsent', async () => {
    const phone = visitor(server)
    const form = await phone.formToken((await fx.channel('feedback')).token)
    const refused = await phone.submit('feedback', form, { rating: 4, category: 'product', phone: '13900001111' })
    expect(refused.status).toBe(422)
    expect(refused.body.details.map((detail) => detail.field)).toEqual(['contactConsent'])
  })

  it('a public JSON body over 16 KB is refused before it is read into the form', async () => {
    const phone = visitor(server)
    const form = await phone.formToken((await fx.channel('feedback')).token)
    const refused = await phone.submit('feedback', form, { rating: 3, category: 'product', text: 'x'.repeat(17 * 1024) })
    expect(refused.status).toBe(413)
    expect(refused.body.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('a retried submission with the same idempotency key is stored once; the key with another body is refused', async () => {
    const phone = visitor(server)
    const form = await phone.formToken((await fx.channel('feedback')).token)
    const body = { rating: 5, category: 'suggestion', text: `多开几个收银台 ${randomBytes(4).toString('hex')}` }
    const first = await phone.submit('feedback', form, body, 'retry-key-0001')
    const second = await phone.submit('feedback', form, body, 'retry-key-0001')
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body).toEqual(first.body)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await sql(server, 'SELECT id FROM feedback WHERE text = $1', [body.text])).toHaveLength(1)
    const reused = await phone.submit('feedback', form, { ...body, rating: 1 }, 'retry-key-0001')
    expect(reused.status).toBe(422)
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED')
  })

  it('photos are checked by content, size and count, and only the form that uploaded them may attach them', async () => {
    const phone = visitor(server)
    const form = await phone.formToken((await fx.channel('feedback')).token)
    const notAnImage = await phone.upload(form, Buffer.from('<html>hello</html>'), 'photo.jpg')
    expect(notAnImage.status).toBe(415)
    expect(notAnImage.body.code).toBe('PHOTO_TYPE_NOT_ALLOWED')
    const tooLarge = await phone.upload(form, jpegBytes(5 * 1024 * 1024 + 1))
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body.code).toBe('PHOTO_TOO_LARGE')
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(20)])
    const accepted = [await phone.upload(form, jpegBytes(5 * 1024 * 1024)), await phone.upload(form, pngBytes), await phone.upload(form, webp)]
    expect(accepted.map((photo) => [photo.status, photo.body.contentType])).toEqual([[201, 'image/jpeg'], [201, 'image/png'], [201, 'image/webp']])
    const fourth = await phone.upload(form, pngBytes)
    expect(fourth.status).toBe(422)
    expect(fourth.body.code).toBe('TOO_MANY_PHOTOS')

    // Another form (even on the same phone) cannot take these photos.
    const otherForm = await phone.formToken((await fx.channel('feedback')).token)
    const taken = await phone.submit('feedback', otherForm, { rating: 3, category: 'product', photoIds: [accepted[0]?.body.id] })
    expect(taken.status).toBe(422)
    expect(taken.body.details[0]?.field).toBe('photoIds')
  })

  it('self-registration answers the same for a new and a known phone and creates exactly one customer', async () => {
    const channel = await fx.channel('self_register', { staffId: fx.sales1Id })
    const number = '13787654321'
    const first = visitor(server)
    const created = await first.submit('registrations', await first.formToken(channel.token), { name: '自助客户', phone: number, consent: true, client: 'miniapp' })
    const second = visitor(server)
    const again = await second.submit('registrations', await second.formToken(channel.token), { name: '自助客户二', phone: '137 8765 4321', consent: true })
    expect(created.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body).toEqual(created.body)
    expect(created.body).toEqual({ received: true })

    const found = await server.api.get<{ items: { id: string; name: string; source: string; owner: { id: string } | null }[] }>(
      `/api/customers?keyword=${number}`,
      { token: fx.admin },
    )
    expect(found.body.items).toHaveLength(1)
    const customer = found.body.items[0]
    expect(customer).toMatchObject({ name: '自助客户', source: '杭州西湖店', owner: { id: fx.sales1Id } })
    const detail = await server.api.get<{ consent: { marketing: boolean; channel: string } }>(`/api/customers/${customer?.id}`, { token: fx.admin })
    expect(detail.body.consent).toMatchObject({ marketing: true, channel: 'miniapp' })
    const timeline = await server.api.get<{ items: { kind: string; summary: string }[] }>(`/api/customers/${customer?.id}/timeline`, { token: fx.admin })
    expect(timeline.body.items.map((entry) => [entry.kind, entry.summary])).toContainEqual(["activity", expect.stringContaining("再次自助登记")])
  })

  it('self-registration without consent is refused, and a retried one is replayed without a second note', async () => {
    const channel = await fx.channel('self_register')
    const phone = visitor(server)
    const form = await phone.formToken(channel.token)
    const refused = await phone.submit('registrations', form, { name: '没同意', phone: '13711112222', consent: false })
    expect(refused.status).toBe(422)
    expect(refused.body.details[0]?.field).toBe('consent')
    const body = { name: '重试客户', phone: '13711113333', consent: true }
    expect((await phone.submit('registrations', form, body, 'join-key-0001')).status).toBe(201)
    const replayed = await phone.submit('registrations', form, body, 'join-key-0001')
    expect(replayed.status).toBe(201)
    expect(replayed.headers.get('idempotent-replayed')).toBe('true')
    const rows = await sql<{ notes: number; customers: number }>(
      server,
      `SELECT (SELECT count(*)::int FROM activities a WHERE a.customer_id = c.id) AS notes, count(*) OVER ()::int AS customers
       FROM customers c WHERE name = '重试客户'`,
    )
    expect(rows).toEqual([{ notes: 0, customers: 1 }])
    // An unowned channel leaves the customer without an owner.
    const [owner] = await sql<{ owner_id: string | null }>(server, `SELECT owner_id FROM customers WHERE name = '重试客户'`)
    expect(owner?.owner_id).toBeNull()
  })

  it('a burst of public writes beyond the gate is turned away with 503 while the console still answers', async () => {
    const channel = await fx.channel('feedback')
    const phones = Array.from({ length: 7 }, () => visitor(server))
    const forms = await Promise.all(phones.map((phone) => phone.formToken(channel.token)))
    const blocker = new pg.Client({ connectionString: server.database.url })
    await blocker.connect()
    try {
      // Holds every feedback insert, so the first four writes stay inside the gate.
      await blocker.query('BEGIN')
      await blocker.query('LOCK TABLE feedback IN EXCLUSIVE MODE')
      const held = phones.slice(0, 4).map((phone, index) => phone.submit('feedback', forms[index] as string, { rating: 4, category: 'service' }))
      for (;;) {
        const { rows } = await blocker.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted AND relation = 'feedback'::regclass`,
        )
        if ((rows[0]?.waiting ?? 0) >= 4) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      const turnedAway = await Promise.all(phones.slice(4).map((phone, index) => phone.submit('feedback', forms[index + 4] as string, { rating: 1, category: 'service' })))
      expect(turnedAway.map((response) => [response.status, response.body.code])).toEqual(Array(3).fill([503, 'SERVICE_BUSY']))
      const consoleAnswer = await server.api.get('/api/customers?limit=5', { token: fx.admin })
      expect(consoleAnswer.status).toBe(200)
      await blocker.query('COMMIT')
      expect((await Promise.all(held)).map((response) => response.status)).toEqual([201, 201, 201, 201])
    } finally {
      await blocker.end()
    }
  })

  it('housekeeping removes photos of forms never sent after a day, and expired idempotency keys', async () => {
    const phone = visitor(server)
    const form = await phone.formToken((await fx.channel('feedback')).token)
    const abandoned = await phone.upload(form, pngBytes)
    const recent = await phone.upload(form, pngBytes)
    await sql(server, `UPDATE feedback_photos SET created_at = now() - interval '25 hours' WHERE id = $1`, [abandoned.body.id])
    await sql(server, `INSERT INTO idempotency_keys (id, scope, key, operation, fingerprint, created_at) VALUES (gen_random_uuid(), 'device:old', 'old-key-0001', 'feedback.submit', 'x', now() - interval '8 days')`)
    const db = createDb(server.database.url, silentLogger)
    try {
      const removed = await runHousekeeping(db)
      expect(removed.photos).toBeGreaterThanOrEqual(1)
      expect(removed.idempotencyKeys).toBeGreaterThanOrEqual(1)
    } finally {
      await db.$disconnect()
    }
    const left = await sql<{ id: string }>(server, 'SELECT id FROM feedback_photos WHERE id = ANY($1::uuid[])', [[abandoned.body.id, recent.body.id]])
    expect(left.map((row) => row.id)).toEqual([recent.body.id])
    expect(await sql(server, `SELECT id FROM idempotency_keys WHERE scope = 'device:old'`)).toEqual([])
  })
})

describe('rate limits of the public intake', () => {
  let server: TestServer
  let fx: Fixture

  beforeAll(async () => {
    server = await startTestServer({
      rateLimits: {
        auth: { limit: 1_000, windowSeconds: 60 },
        public: { limit: 12, windowSeconds: 60 },
        device: { limit: 3, windowSeconds: 60 },
      },
    })
    fx = await prepare(server)
  })
  afterAll(() => server?.close())

  it('one device is limited after its submissions while another device from the same address is not; then the address is', async () => {
    const channel = await fx.channel('feedback')
    const busy = visitor(server)
    const form = await busy.formToken(channel.token)
    for (let sent = 0; sent < 3; sent += 1) expect((await busy.submit('feedback', form, { rating: 5, category: 'service' })).status).toBe(201)
    const limited = await busy.submit('feedback', form, { rating: 5, category: 'service' })
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('RATE_LIMITED')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)

    const calm = visitor(server)
    expect((await calm.submit('feedback', await calm.formToken(channel.token), { rating: 4, category: 'product' })).status).toBe(201)

    // 7 public requests so far from this address; the next ones reach the per-address limit of 12.
    const statuses: number[] = []
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await visitor(server).open(channel.token)).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
    const blocked = await visitor(server).open(channel.token)
    expect(blocked.headers.get('retry-after')).not.toBeNull()
    // The console is not behind the public limit.
    expect((await server.api.get('/api/customers?limit=5', { token: fx.admin })).status).toBe(200)
  })
})
