import { randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDataCipher, resolveDataKey } from '../../lib/crypto.js'
import { makeTempDir, startTestServer, withDatabaseClient, type TestServer } from '../../test/support.js'
import { customerClient, freshMobile, signInStaff, type Staff } from './customers.test-support.js'

describe('customers: personal data at rest', () => {
  let server: TestServer
  let staff: Staff
  let customers: ReturnType<typeof customerClient>
  let dataDir: { path: string; remove: () => Promise<void> }

  beforeAll(async () => {
    dataDir = await makeTempDir('data-key')
    server = await startTestServer({ dataDir: dataDir.path, seedDemo: true })
    staff = await signInStaff(server)
    customers = customerClient(server)
  })
  afterAll(async () => {
    await server.close()
    await dataDir.remove()
  })

  /** Every row of every table, as text: whatever the database holds in clear shows up here. */
  const wholeDatabaseText = () =>
    withDatabaseClient(server.database.url, async (client) => {
      const { rows: tables } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      )
      const dumps = await Promise.all(
        tables.map(async ({ table_name }) => (await client.query(`SELECT t::text AS row FROM "${table_name}" t`)).rows.map((row) => row.row).join('\n')),
      )
      return dumps.join('\n')
    })

  it('no phone number, email, street or house number is stored in clear, anywhere, history included', async () => {
    const mobile = freshMobile()
    const { body: customer } = await customers.create(staff.manager, {
      name: '密文客户',
      phones: [{ number: mobile }, { type: 'home', number: '021-6666 7777' }],
      emails: [{ address: 'secret.person@example.org' }],
      addresses: [{ cityCode: '310100', street: '秘密大街 88 号', houseNumber: '隐秘小区 7 号楼' }],
    })
    await customers.patch(staff.manager, customer.id, { version: 1, phones: [{ number: '021-6666 7777' }], emails: [{ address: 'other.secret@example.org' }] })

    const everything = await wholeDatabaseText()
    for (const secret of [mobile, mobile.slice(3), '66667777', 'secret.person', 'other.secret', '秘密大街', '隐秘小区']) {
      expect(everything, secret).not.toContain(secret)
    }
    // The history shows the numbers masked instead.
    expect(everything).toContain(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`)
    // Region names are not personal on their own and stay readable for reports.
    expect(everything).toContain('上海市')

    const rows = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query('SELECT key_id, number_hash, last4_hash, octet_length(number_encrypted) AS size FROM customer_phones WHERE customer_id = $1', [customer.id])).rows,
    )
    expect(rows).toEqual([{ key_id: expect.stringMatching(/^[0-9a-f]{12}$/), number_hash: expect.stringMatching(/^[0-9a-f]{64}$/), last4_hash: expect.stringMatching(/^[0-9a-f]{64}$/), size: expect.any(Number) }])
  })

  it('a customer is still found by a whole phone number in any form, by its last 4 digits, and by email in any case', async () => {
    const mobile = freshMobile()
    const { body: customer } = await customers.create(staff.manager, {
      name: '查找我', phones: [{ number: mobile }], emails: [{ address: 'Find.Me@Example.com' }],
    })
    const found = async (keyword: string) =>
      (await customers.list(staff.manager, `?keyword=${encodeURIComponent(keyword)}&limit=100`)).body.items.map((item) => item.id)
    expect(await found(mobile)).toContain(customer.id)
    expect(await found(`＋８６ ${mobile}`)).toContain(customer.id)
    expect(await found(`0086-${mobile}`)).toContain(customer.id)
    expect(await found(mobile.slice(-4))).toContain(customer.id)
    expect(await found('find.me@example.com')).toContain(customer.id)
    expect(await found('FIND.ME@EXAMPLE.COM')).toContain(customer.id)
    // The last four digits match only the end of a number.
    expect(await found(mobile.slice(3, 7))).not.toContain(customer.id)
  })

  it('the data key is generated once into DATA_DIR/data-key, readable by the owner only, and reused', async () => {
    const file = join(dataDir.path, 'data-key')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const key = (await readFile(file, 'utf8')).trim()
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect((await resolveDataKey(undefined, dataDir.path)).toString('hex')).toBe(key)
    // Values sealed by the server open with that key.
    const cipher = createDataCipher(Buffer.from(key, 'hex'))
    const stored = await withDatabaseClient(server.database.url, async (client) =>
      (await client.query('SELECT number_encrypted, key_id FROM customer_phones LIMIT 1')).rows[0],
    )
    expect(cipher.open(stored.number_encrypted, stored.key_id)).toMatch(/^\+86\d{11}$/)
  })

  it('DATA_ENCRYPTION_KEY wins over the file, and a malformed one stops the start', async () => {
    const temp = await makeTempDir('data-key-env')
    try {
      const given = randomBytes(32).toString('hex')
      expect((await resolveDataKey(given, temp.path)).toString('hex')).toBe(given)
      await expect(resolveDataKey('not-hex', temp.path)).rejects.toThrow(/64 hexadecimal/)
    } finally {
      await temp.remove()
    }
  })

  it('sealing: random IVs, tamper-evident, bound to the key id; blind indexes stable per kind and key', () => {
    const key = randomBytes(32)
    const cipher = createDataCipher(key)
    const a = cipher.seal('+8613800138000')
    const b = cipher.seal('+8613800138000')
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false)
    expect(cipher.open(a.ciphertext, a.keyId)).toBe('+8613800138000')
    const tampered = Buffer.from(a.ciphertext)
    tampered[tampered.length - 1]! ^= 1
    expect(() => cipher.open(tampered, a.keyId)).toThrow()
    expect(() => cipher.open(a.ciphertext, 'another-key')).toThrow(/unknown data key/)

    expect(cipher.blindIndex('phone', '+8613800138000')).toBe(createDataCipher(key).blindIndex('phone', '+8613800138000'))
    expect(cipher.blindIndex('phone', '8000')).not.toBe(cipher.blindIndex('phone_last4', '8000'))
    expect(createDataCipher(randomBytes(32)).blindIndex('phone', '+8613800138000')).not.toBe(cipher.blindIndex('phone', '+8613800138000'))
    expect(createDataCipher(key).keyId).toBe(cipher.keyId)
  })
})
