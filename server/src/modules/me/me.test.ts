import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'
import { sql } from '../auth/auth.test-support.js'

interface Summary {
  id: string
  name: string
  primaryPhone: string | null
  source: string | null
  owner: { id: string; displayName: string } | null
  createdAt: string
}
interface RegistrationPage {
  items: Summary[]
  nextCursor: string | null
}

describe('my registrations (the intake app’s today / this week)', () => {
  let server: TestServer
  let admin: string
  let sales1: string
  let phoneCounter = 0

  const register = async (token: string, name: string, extra: Record<string, unknown> = {}) => {
    phoneCounter += 1
    const response = await server.api.post<{ id: string }>('/api/customers', {
      token,
      body: { name, phones: [{ number: `1660000${String(phoneCounter).padStart(4, '0')}` }], ...extra },
    })
    if (response.status !== 201) throw new Error(`registration answered ${response.status}: ${JSON.stringify(response.body)}`)
    return response.body.id
  }
  const registrations = (token: string, query: string) => server.api.get<RegistrationPage & ErrorBody>(`/api/me/registrations?${query}`, { token })
  const idsOf = (page: { body: RegistrationPage }) => page.body.items.map((item) => item.id)
  /** Moves a customer's creation time, with the China-time boundaries computed by PostgreSQL's own calendar. */
  const createdAt = (id: string, expression: string) => sql(server, `UPDATE customers SET created_at = ${expression} WHERE id = $1`, [id])
  const chinaToday = `(date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')`
  const chinaMonday = `(date_trunc('week', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')`
  const userId = async (username: string) => (await sql<{ id: string }>(server, 'SELECT id FROM users WHERE username = $1', [username]))[0]?.id

  beforeAll(async () => {
    server = await startTestServer()
    // The demo customers count as their owners' registrations; they all arrived before this week here.
    await sql(server, `UPDATE customers SET created_at = LEAST(created_at, now() - interval '8 days')`)
    admin = await server.login('admin')
    sales1 = await server.login('sales1')
  })
  afterAll(() => server?.close())

  it('a sales rep sees what she registered today, newest first, phones masked, and nothing a colleague registered for her', async () => {
    const first = await register(sales1, '登记一号', { source: '杭州西湖店' })
    const second = await register(sales1, '登记二号')
    await createdAt(first, `now() - interval '2 milliseconds'`)
    await createdAt(second, `now() - interval '1 millisecond'`)
    // The administrator registers one for her: hers to look after, not hers to count.
    await register(admin, '管理员登记', { ownerId: await userId('sales1') })

    const today = await registrations(sales1, 'period=today')
    expect(today.status).toBe(200)
    expect(idsOf(today)).toEqual([second, first])
    expect(today.body.nextCursor).toBeNull()
    expect(today.body.items[1]).toMatchObject({ name: '登记一号', source: '杭州西湖店', owner: { displayName: '李娜' } })
    expect(today.body.items[1]?.primaryPhone).toMatch(/^166\*{4}\d{4}$/)
    // Today is the default period.
    expect(idsOf(await registrations(sales1, ''))).toEqual([second, first])
  })

  it('today starts at midnight and the week on Monday, both China time', async () => {
    const lateYesterday = await register(sales1, '昨晚登记')
    const earlyThisWeek = await register(sales1, '本周一登记')
    const lastSunday = await register(sales1, '上周日登记')
    await createdAt(lateYesterday, `${chinaToday} - interval '1 minute'`)
    await createdAt(earlyThisWeek, `${chinaMonday} + interval '1 minute'`)
    await createdAt(lastSunday, `${chinaMonday} - interval '1 minute'`)
    const [{ monday } = { monday: false }] = await sql<{ monday: boolean }>(
      server,
      `SELECT extract(isodow FROM now() AT TIME ZONE 'Asia/Shanghai') = 1 AS monday`,
    )

    const today = idsOf(await registrations(sales1, 'period=today'))
    expect(today).not.toContain(lateYesterday)
    expect(today).not.toContain(lastSunday)
    const week = idsOf(await registrations(sales1, 'period=week&limit=100'))
    expect(week).toContain(earlyThisWeek)
    expect(week).not.toContain(lastSunday)
    // Late yesterday belongs to this week, unless today is Monday.
    expect(week.includes(lateYesterday)).toBe(!monday)
  })

  it('a registration handed to someone outside her scope leaves her list', async () => {
    const handed = await register(sales1, '转给同事')
    expect(idsOf(await registrations(sales1, 'period=week&limit=100'))).toContain(handed)
    const customer = await server.api.get<{ version: number }>(`/api/customers/${handed}`, { token: admin })
    const moved = await server.api.patch(`/api/customers/${handed}`, {
      token: admin,
      body: { version: customer.body.version, ownerId: await userId('sales2') },
    })
    expect(moved.status).toBe(200)
    expect(idsOf(await registrations(sales1, 'period=week&limit=100'))).not.toContain(handed)
  })

  it('a manager sees her own registrations only, though her scope holds her team’s customers', async () => {
    const manager = await server.login('manager')
    const hers = await register(manager, '经理登记')
    const page = await registrations(manager, 'period=week&limit=100')
    expect(idsOf(page)).toEqual([hers])
  })

  it('pages follow one another without gaps or repeats', async () => {
    const sales2 = await server.login('sales2')
    const made: string[] = []
    for (let index = 0; index < 5; index += 1) made.push(await register(sales2, `翻页${index}`))
    // Two share one instant: the id decides between them, and paging must not lose either.
    await createdAt(made[1] ?? '', `(SELECT created_at FROM customers WHERE id = '${made[2] ?? ''}')`)
    const expected = (
      await sql<{ id: string }>(
        server,
        `SELECT id FROM customers WHERE id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC`,
        [made],
      )
    ).map((row) => row.id)

    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = `period=today&limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`
      const page = await registrations(sales2, query)
      expect(page.status).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(2)
      seen.push(...idsOf(page))
      cursor = page.body.nextCursor
      pages += 1
    } while (cursor !== null && pages < 10)
    expect(seen).toEqual(expected)
    expect(pages).toBe(3)
  })

  it('a broken cursor, an unknown period or a too large page is a validation error', async () => {
    const broken = await registrations(sales1, 'cursor=not-a-cursor')
    expect(broken.status).toBe(422)
    expect(broken.body.details).toEqual([expect.objectContaining({ field: 'cursor' })])
    const period = await registrations(sales1, 'period=month')
    expect(period.status).toBe(422)
    expect(period.body.details[0]?.field).toBe('period')
    expect((await registrations(sales1, 'limit=101')).status).toBe(422)
  })
})
