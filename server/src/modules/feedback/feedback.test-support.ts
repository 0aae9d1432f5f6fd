import { createHash, randomBytes } from 'node:crypto'
import { createDataCipher } from '../../lib/crypto.js'
import { normalisePhone } from '../../lib/phone.js'
import { withDatabaseClient, type TestServer } from '../../test/support.js'

/**
 * Feedback rows for the inbox tests, written straight into the database the way the public form stores them
 * (sealed phone with its blind index, photos as bytea), because the tests need rows from the past (figures per
 * day, week and month) that no public endpoint could create. The server under test must be started with
 * `dataEncryptionKey: feedbackTestDataKey` so it opens what this seals.
 */

export const feedbackTestDataKey = 'c0ffee'.repeat(10) + 'c0ff'
const cipher = createDataCipher(Buffer.from(feedbackTestDataKey, 'hex'))

export interface DemoDirectory {
  teams: Record<string, string>
  users: Record<string, string>
}

/** Ids of the demo teams (by name) and users (by username). */
export const demoDirectory = (server: TestServer): Promise<DemoDirectory> =>
  withDatabaseClient(server.database.url, async (client) => {
    const teams = await client.query<{ id: string; name: string }>('SELECT id, name FROM teams')
    const users = await client.query<{ id: string; username: string }>('SELECT id, username FROM users')
    return {
      teams: Object.fromEntries(teams.rows.map((row) => [row.name, row.id])),
      users: Object.fromEntries(users.rows.map((row) => [row.username, row.id])),
    }
  })

export const insertChannel = (server: TestServer, channel: { teamId: string; staffId?: string | null; name?: string }): Promise<string> =>
  withDatabaseClient(server.database.url, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO channels (id, code, kind, name, team_id, staff_id, updated_at)
       VALUES (gen_random_uuid(), $1, 'feedback', $2, $3, $4, now()) RETURNING id`,
      [randomBytes(8).toString('base64url'), channel.name ?? `渠道${randomBytes(2).toString('hex')}`, channel.teamId, channel.staffId ?? null],
    )
    return (rows[0] as { id: string }).id
  })

export interface FeedbackSeed {
  channelId: string
  teamId: string
  staffId?: string | null
  rating: number
  nps?: number | null
  category?: 'product' | 'service' | 'complaint' | 'suggestion'
  text?: string | null
  /** Any common form; sealed like the public form seals it. */
  phone?: string | null
  contactConsent?: boolean
  customerId?: string | null
  customerLink?: 'phone' | 'manual' | null
  status?: 'new' | 'in_progress' | 'resolved' | 'closed'
  assigneeId?: string | null
  createdAt?: Date
  photos?: { contentType: string; data: Buffer }[]
}

export interface SeededFeedback {
  id: string
  number: number
  photoIds: string[]
}

export const insertFeedback = (server: TestServer, seed: FeedbackSeed): Promise<SeededFeedback> =>
  withDatabaseClient(server.database.url, async (client) => {
    const phone = seed.phone === undefined || seed.phone === null ? null : normalisePhone(seed.phone)
    if (seed.phone !== undefined && seed.phone !== null && phone === null) throw new Error(`not a phone: ${seed.phone}`)
    const sealed = phone === null ? null : cipher.seal(phone.e164)
    const { rows } = await client.query<{ id: string; number: number }>(
      `INSERT INTO feedback (id, channel_id, team_id, staff_id, rating, nps, category, text, phone_encrypted, phone_key_id,
         phone_index, contact_consent, customer_id, customer_link, status, assignee_id, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
       RETURNING id, number`,
      [
        seed.channelId, seed.teamId, seed.staffId ?? null, seed.rating, seed.nps ?? null, seed.category ?? 'product',
        seed.text ?? null, sealed === null ? null : Buffer.from(sealed.ciphertext), sealed?.keyId ?? null,
        phone === null ? null : cipher.blindIndex('phone', phone.e164), seed.contactConsent ?? phone !== null,
        seed.customerId ?? null, seed.customerId ? (seed.customerLink ?? 'phone') : null, seed.status ?? 'new',
        seed.assigneeId ?? null, seed.createdAt ?? new Date(),
      ],
    )
    const row = rows[0] as { id: string; number: number }
    const photoIds: string[] = []
    for (const photo of seed.photos ?? []) {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO feedback_photos (id, feedback_id, form_token_id, content_type, byte_size, sha256, data)
         VALUES (gen_random_uuid(), $1, 'test-form', $2, $3, $4, $5) RETURNING id`,
        [row.id, photo.contentType, photo.data.length, createHash('sha256').update(photo.data).digest('hex'), photo.data],
      )
      photoIds.push((inserted.rows[0] as { id: string }).id)
    }
    return { id: row.id, number: row.number, photoIds }
  })

/** A 1×1 PNG, enough to tell bytes and content type apart. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
