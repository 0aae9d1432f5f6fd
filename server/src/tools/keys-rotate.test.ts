import { stat, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDataKey, createDataCipher, keyIdOf, loadKeyRing, openDataCipher } from '../lib/crypto.js'
import { startServer } from '../server.js'
import { createApi, makeTempDir, startTestServer, testServerOptions, withDatabaseClient, type TestServer } from '../test/support.js'
import { customerClient, freshMobile } from '../modules/customers/customers.test-support.js'
import { rotateDataKeys, sealedColumns } from './keys-rotate.js'

describe('keys:rotate: a new data key while the product keeps serving', () => {
  let server: TestServer
  let dataDir: { path: string; remove: () => Promise<void> }
  let admin: string
  let customers: ReturnType<typeof customerClient>

  beforeAll(async () => {
    dataDir = await makeTempDir('keys-rotate')
    server = await startTestServer({ dataDir: dataDir.path })
    admin = await server.login('admin')
    customers = customerClient(server)
  })
  afterAll(async () => {
    await server.close()
    await dataDir.remove()
  })

  const createCustomer = async (name: string) => {
    const mobile = freshMobile()
    const created = await customers.create(admin, {
      name,
      phones: [{ number: mobile }],
      emails: [{ address: `${name.toLowerCase()}@example.com` }],
      addresses: [{ cityCode: '310100', street: '轮换路 1 号', houseNumber: '3 号楼' }],
    })
    expect(created.status).toBe(201)
    const contact = await server.api.post(`/api/customers/${created.body.id}/contacts`, {
      token: admin,
      body: { name: '联系人', phones: [{ number: freshMobile() }], emails: [{ address: `contact.${name.toLowerCase()}@example.com` }] },
    })
    expect(contact.status).toBe(201)
    return { id: created.body.id, mobile }
  }

  const keyIdsInDatabase = () =>
    withDatabaseClient(server.database.url, async (client) => {
      const found = new Set<string>()
      for (const { table, keyColumn } of sealedColumns) {
        const { rows } = await client.query<{ key_id: string }>(`SELECT DISTINCT "${keyColumn}" AS key_id FROM "${table}" WHERE "${keyColumn}" IS NOT NULL`)
        for (const row of rows) found.add(`${table}:${row.key_id}`)
      }
      return [...found].sort()
    })

  /** A customer's feedback left through a store's QR code with a phone (sealed like every phone). */
  const leaveFeedbackWithPhone = async (mobile: string) => {
    const teams = (await server.api.get<{ items: { id: string; name: string }[] }>('/api/teams', { token: admin })).body.items
    const store = teams.find((team) => team.name === '杭州西湖店')
    const channel = await server.api.post<{ token: string }>('/api/channels', { token: admin, body: { kind: 'feedback', name: '轮换码', teamId: store?.id } })
    expect(channel.status).toBe(201)
    const device = { 'x-device-id': 'keys-rotate-device-0001' }
    const opened = await server.api.get<{ formToken: string }>(`/api/public/channels/${encodeURIComponent(channel.body.token)}`, { headers: device })
    const sent = await server.api.post<{ number: number }>('/api/public/feedback', {
      headers: { ...device, 'x-form-token': opened.body.formToken },
      body: { rating: 5, category: 'service', phone: mobile, contactConsent: true },
    })
    expect(sent.status).toBe(201)
    const listed = await server.api.get<{ items: { id: string; number: number }[] }>('/api/feedback?limit=100', { token: admin })
    return listed.body.items.find((item) => item.number === sent.body.number)?.id as string
  }
  const revealFeedbackPhone = async (id: string) =>
    (await server.api.post<{ phone: string }>(`/api/feedback/${id}/reveal`, { token: admin })).body.phone

  const foundByPhone = async (mobile: string) =>
    (await customers.list(admin, `?keyword=${encodeURIComponent(mobile)}&limit=100`)).body.items.map((item) => item.id)

  it('re-encrypts every value under the new key; everything stays readable and searchable, during and after', async () => {
    const legacyKey = Buffer.from((await readFile(join(dataDir.path, 'data-key'), 'utf8')).trim(), 'hex')
    const legacyId = keyIdOf(legacyKey)
    const before = await createCustomer('Before')
    // A TOTP secret, sealed the way the MFA enrolment seals it.
    const secret = createDataCipher(legacyKey).seal('JBSWY3DPEHPK3PXP')
    await withDatabaseClient(server.database.url, (client) =>
      client.query(`UPDATE users SET mfa_secret_encrypted = $1, mfa_key_id = $2 WHERE username = 'sales1'`, [Buffer.from(secret.ciphertext), secret.keyId]),
    )
    expect((await keyIdsInDatabase()).every((entry) => entry.endsWith(`:${legacyId}`))).toBe(true)
    const readBefore = (await customers.get(admin, before.id)).body
    const feedbackId = await leaveFeedbackWithPhone(before.mobile)
    const feedbackPhoneBefore = await revealFeedbackPhone(feedbackId)
    const webhook = await server.api.post<{ id: string; secret: string }>('/api/webhooks', {
      token: admin,
      body: { name: '轮换钩子', url: 'http://127.0.0.1:9/hook', events: ['*'], active: false },
    })
    expect(webhook.status).toBe(201)
    expect(feedbackPhoneBefore.replace(/\D/g, '')).toContain(before.mobile)

    // Requests keep coming while the rotation runs.
    let rotating = true
    const duringRotation: { id: string; mobile: string }[] = []
    const traffic = (async () => {
      while (rotating) {
        const made = await createCustomer(`During${duringRotation.length}`)
        duringRotation.push(made)
        expect((await customers.get(admin, before.id)).status).toBe(200)
      }
    })()
    const progress: string[] = []
    const outcome = await rotateDataKeys({
      databaseUrl: server.database.url,
      dataDir: dataDir.path,
      configuredKey: undefined,
      batchSize: 50,
      onProgress: ({ table }) => progress.push(table),
    }).finally(() => {
      rotating = false
    })
    await traffic
    const after = await createCustomer('After')

    expect(outcome.previousKeyId).toBe(legacyId)
    expect(outcome.keyId).not.toBe(legacyId)
    expect(outcome.resealed.customer_phones).toBeGreaterThan(50)
    expect(progress).toContain('customer_phones')
    expect(duringRotation.length).toBeGreaterThan(0)
    // Not one value is left under the old key: those written meanwhile were swept up too.
    expect(new Set((await keyIdsInDatabase()).map((entry) => entry.split(':')[1]))).toEqual(new Set([outcome.keyId]))

    // The legacy key is the ring's first entry (blind indexes stay under it) and the new one is current.
    const ringFile = join(dataDir.path, 'data-keys.json')
    expect((await stat(ringFile)).mode & 0o777).toBe(0o600)
    const ring = await loadKeyRing(undefined, dataDir.path)
    expect(ring.keys.map((entry) => entry.id)).toEqual([legacyId, outcome.keyId])
    expect(ring.current).toBe(outcome.keyId)

    expect((await customers.get(admin, before.id)).body).toEqual(readBefore)
    expect(await revealFeedbackPhone(feedbackId)).toBe(feedbackPhoneBefore)
    for (const customer of [before, ...duringRotation, after]) {
      expect((await customers.get(admin, customer.id)).status).toBe(200)
      expect((await server.api.get(`/api/customers/${customer.id}/contacts`, { token: admin })).status).toBe(200)
      expect(await foundByPhone(customer.mobile)).toContain(customer.id)
    }
    const sealedAfter = await withDatabaseClient(server.database.url, async (client) => ({
      phone: (await client.query<{ key_id: string }>('SELECT key_id FROM customer_phones WHERE customer_id = $1', [after.id])).rows[0]?.key_id,
      mfa: (await client.query<{ mfa_secret_encrypted: Buffer; mfa_key_id: string }>(`SELECT mfa_secret_encrypted, mfa_key_id FROM users WHERE username = 'sales1'`)).rows[0],
      webhook: (await client.query<{ secret_encrypted: Buffer; key_id: string }>('SELECT secret_encrypted, key_id FROM webhook_subscriptions WHERE id = $1', [webhook.body.id])).rows[0],
    }))
    expect(sealedAfter.phone).toBe(outcome.keyId)
    expect(createDataCipher(ring).open(sealedAfter.mfa!.mfa_secret_encrypted, sealedAfter.mfa!.mfa_key_id)).toBe('JBSWY3DPEHPK3PXP')
    // The webhook's signing secret is the same one, now under the new key.
    expect(sealedAfter.webhook!.key_id).toBe(outcome.keyId)
    expect(createDataCipher(ring).open(sealedAfter.webhook!.secret_encrypted, sealedAfter.webhook!.key_id)).toBe(webhook.body.secret)

    // Another instance (or this one restarted) on the same data directory reads everything.
    const second = await startServer(testServerOptions({ dataDir: dataDir.path, databaseUrl: server.database.url, seedDemo: false }))
    try {
      const api = createApi(second.url)
      const token = (await api.post<{ accessToken: string }>('/api/auth/login', { body: { username: 'admin', password: 'admin-password-1' } })).body.accessToken
      for (const customer of [before, ...duringRotation, after]) {
        const read = await api.get(`/api/customers/${customer.id}`, { token })
        expect(read.status).toBe(200)
        expect(read.body).toEqual((await customers.get(admin, customer.id)).body)
      }
    } finally {
      await second.close()
    }
  }, 90_000)

  it('a server opens a value under a key added after it started, before its periodic re-read', async () => {
    const folder = await makeTempDir('key-ring')
    try {
      const running = await openDataCipher(undefined, folder.path)
      const firstKey = running.keyId
      const { ring, added } = await addDataKey(undefined, folder.path)
      const sealed = createDataCipher(ring).seal('13800138000')
      expect(sealed.keyId).toBe(added.id)
      expect(running.open(sealed.ciphertext, sealed.keyId)).toBe('13800138000')
      await running.refresh()
      expect(running.keyId).toBe(added.id)
      expect(running.blindIndex('phone', '+8613800138000')).toBe(createDataCipher(ring.keys[0]!.key).blindIndex('phone', '+8613800138000'))
      expect(firstKey).toBe(ring.keys[0]!.id)
      expect(() => running.open(sealed.ciphertext, 'ffffffffffff')).toThrow(/unknown data key/)
    } finally {
      await folder.remove()
    }
  })

  it('one rotation at a time: a second one started meanwhile stops without touching the key ring', async () => {
    const ringBefore = await loadKeyRing(undefined, dataDir.path)
    // The lock a running rotation holds, taken here on a connection of our own.
    await withDatabaseClient(server.database.url, async (client) => {
      await client.query(`SELECT pg_advisory_lock(hashtext('kezhi:keys:rotate'))`)
      await expect(rotateDataKeys({ databaseUrl: server.database.url, dataDir: dataDir.path, configuredKey: undefined, settleMs: 0 })).rejects.toThrow(
        /another keys:rotate is running/,
      )
    })
    expect(await loadKeyRing(undefined, dataDir.path)).toEqual(ringBefore)
    // Once it is released, a rotation runs.
    const outcome = await rotateDataKeys({ databaseUrl: server.database.url, dataDir: dataDir.path, configuredKey: undefined, settleMs: 0 })
    expect((await loadKeyRing(undefined, dataDir.path)).current).toBe(outcome.keyId)
  })

  it('refuses to run while the database has an encrypted column it does not know', async () => {
    await withDatabaseClient(server.database.url, (client) => client.query('ALTER TABLE tags ADD COLUMN secret_encrypted bytea'))
    try {
      await expect(rotateDataKeys({ databaseUrl: server.database.url, dataDir: dataDir.path, configuredKey: undefined })).rejects.toThrow(
        /tags\.secret_encrypted/,
      )
    } finally {
      await withDatabaseClient(server.database.url, (client) => client.query('ALTER TABLE tags DROP COLUMN secret_encrypted'))
    }
  })
})
