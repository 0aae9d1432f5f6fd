import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { generateSync } from 'otplib'
import { withDatabaseClient, type Api, type TestServer } from '../../test/support.js'

/** Every byte value, so bytea columns prove COPY's escaping both ways. */
export const everyByte = Buffer.from(Array.from({ length: 256 }, (_, index) => index))
/** A JPEG as the photo check sees it (its first bytes), carrying every byte value after them. */
export const jpegWithEveryByte = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), everyByte, everyByte])

/** Text that COPY's text format must escape: tabs, line breaks, backslashes, `\N`, CJK and emoji. */
export const awkwardNotes = '第一行\n\t缩进的第二行 \\N 不是空值 C:\\客户\\资料\r\n末行 😀 “引号” \'单引号\''

export const publicTableNames = (url: string): Promise<string[]> =>
  withDatabaseClient(url, async (client) =>
    (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
      )
    ).rows.map((row) => row.name),
  )

/** Every table of schema public, each row as PostgreSQL's text of the whole row, ordered by the primary key. */
export const tableContents = (url: string): Promise<Record<string, string[]>> =>
  withDatabaseClient(url, async (client) => {
    await client.query(`SET TimeZone = 'UTC'`)
    const { rows: keys } = await client.query<{ table: string; columns: string[] }>(
      `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE i.indisprimary AND n.nspname = 'public'
       GROUP BY c.relname`,
    )
    const primaryKeys = new Map(keys.map((row) => [row.table, row.columns]))
    const contents: Record<string, string[]> = {}
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
    )
    for (const { name } of tables) {
      const order = (primaryKeys.get(name) ?? []).map((column) => `t.${client.escapeIdentifier(column)}`)
      const { rows } = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM ${client.escapeIdentifier(name)} t ORDER BY ${order.length > 0 ? order.join(', ') : '1'}`,
      )
      contents[name] = rows.map((row) => row.row)
    }
    return contents
  })

/** Where each sequence stands (the next feedback number, the next import issue id…). */
export const sequenceStates = (url: string): Promise<Record<string, string | null>> =>
  withDatabaseClient(url, async (client) =>
    Object.fromEntries(
      (
        await client.query<{ name: string; last: string | null }>(
          `SELECT sequencename AS name, last_value::text AS last FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
        )
      ).rows.map((row) => [row.name, row.last]),
    ),
  )

const expectStatus = (response: { status: number; body: unknown }, status: number, what: string) => {
  if (response.status !== status) throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`)
}

/** A customer's feedback with a photo (bytea), a phone (sealed) and an idempotency key, through the public pages. */
export const leaveFeedbackWithPhoto = async (server: { api: Api; url: string }, admin: string, phone: string): Promise<number> => {
  const teams = (await server.api.get<{ items: { id: string; name: string }[] }>('/api/teams', { token: admin })).body.items
  const store = teams.find((team) => team.name === '杭州西湖店')
  const channel = await server.api.post<{ token: string }>('/api/channels', { token: admin, body: { kind: 'feedback', name: `备份码${randomBytes(2).toString('hex')}`, teamId: store?.id } })
  expectStatus(channel, 201, 'creating a channel')
  const device = `dev_${randomBytes(12).toString('hex')}`
  const opened = await server.api.get<{ formToken: string }>(`/api/public/channels/${encodeURIComponent(channel.body.token)}`, { headers: { 'x-device-id': device } })
  expectStatus(opened, 200, 'opening the channel')
  const form = opened.body.formToken
  const data = new FormData()
  data.append('photo', new Blob([new Uint8Array(jpegWithEveryByte)]), 'photo.jpg')
  const uploaded = await fetch(`${server.url}/api/public/photos`, { method: 'POST', headers: { 'x-device-id': device, 'x-form-token': form }, body: data })
  const photo = (await uploaded.json()) as { id: string }
  if (uploaded.status !== 201) throw new Error(`the photo upload answered ${uploaded.status}`)
  const sent = await server.api.post<{ number: number }>('/api/public/feedback', {
    headers: { 'x-device-id': device, 'x-form-token': form, 'idempotency-key': `backup-${randomBytes(8).toString('hex')}` },
    body: { rating: 2, category: 'service', text: awkwardNotes, photoIds: [photo.id], phone, contactConsent: true },
  })
  expectStatus(sent, 201, 'leaving feedback')
  return sent.body.number
}

/**
 * Gives every table of the demo database rows: what the product does through its API (an awkward customer, a
 * trashed one, feedback with a photo, MFA, an API key, a webhook), and the import and export bookkeeping the
 * other issue-7 modules keep, where a table is still empty.
 */
export const fillEveryTable = async (server: TestServer, admin: string, mobile: () => string): Promise<void> => {
  const field = await server.api.post('/api/custom-fields', { token: admin, body: { key: 'wechat_id', label: '微信号', type: 'text' } })
  expectStatus(field, 201, 'defining a custom field')
  const created = await server.api.post<{ id: string }>('/api/customers', {
    token: admin,
    body: {
      name: 'Zoë 反斜杠\\客户 😀',
      notes: awkwardNotes,
      phones: [{ number: mobile() }, { number: mobile() }],
      emails: [{ address: `zoe.${randomBytes(3).toString('hex')}@example.com` }],
      addresses: [{ cityCode: '310100', street: '备份路 1 号 \\ 后门', houseNumber: '3 号楼 \\ 2 单元' }],
      customFields: { wechat_id: 'zoe\\wx' },
    },
  })
  expectStatus(created, 201, 'creating a customer')
  const contact = await server.api.post(`/api/customers/${created.body.id}/contacts`, {
    token: admin,
    body: { name: '联系人', phones: [{ number: mobile() }], emails: [{ address: `contact.${randomBytes(3).toString('hex')}@example.com` }], notes: awkwardNotes },
  })
  expectStatus(contact, 201, 'adding a contact')
  expectStatus(await server.api.post('/api/customer-views', { token: admin, body: { name: '备份视图', shared: true } }), 201, 'saving a view')
  expectStatus(
    await server.api.put('/api/me/preferences/customers.columns', { token: admin, body: { value: { columns: ['name', 'phone'], density: 'compact' } } }),
    200,
    'saving a preference',
  )
  const trashed = await server.api.post<{ id: string }>('/api/customers', { token: admin, body: { name: '将被删除的客户', phones: [{ number: mobile() }] } })
  expectStatus(trashed, 201, 'creating a customer')
  expectStatus(await server.api.delete(`/api/customers/${trashed.body.id}`, { token: admin }), 204, 'trashing a customer')

  await leaveFeedbackWithPhoto(server, admin, mobile())

  const sales2 = await server.login('sales2')
  const setup = await server.api.post<{ secret: string }>('/api/me/mfa/setup', { token: sales2 })
  expectStatus(setup, 200, 'MFA setup')
  const code = generateSync({ secret: setup.body.secret, epoch: Math.floor(Date.now() / 1000) - 30 })
  expectStatus(await server.api.post('/api/me/mfa/enable', { token: sales2, body: { code } }), 200, 'enabling MFA')

  const roles = (await server.api.get<{ items: { id: string; key: string | null }[] }>('/api/roles', { token: admin })).body.items
  const viewer = roles.find((role) => role.key === 'viewer')
  expectStatus(await server.api.post('/api/api-keys', { token: admin, body: { name: '备份演练', roleId: viewer?.id } }), 201, 'creating an API key')

  const hook = await server.api.post<{ id: string }>('/api/webhooks', {
    token: admin,
    body: { name: '备份演练钩子', url: 'http://127.0.0.1:9/kezhi-hook', events: ['customer.created'] },
  })
  expectStatus(hook, 201, 'creating a webhook')
  expectStatus(await server.api.post('/api/customers', { token: admin, body: { name: '钩子触发客户' } }), 201, 'creating a customer')

  await withDatabaseClient(server.database.url, async (client) => {
    const adminId = (await client.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`)).rows[0]?.id
    const isEmpty = async (table: string) => (await client.query(`SELECT 1 FROM ${client.escapeIdentifier(table)} LIMIT 1`)).rowCount === 0
    if (await isEmpty('import_templates')) {
      await client.query(
        `INSERT INTO import_templates (id, name, entity, mapping, created_by_id, updated_at)
         VALUES (gen_random_uuid(), '门店名单', 'customers', '{"姓名":"name","手机":"phone"}', $1, now())`,
        [adminId],
      )
    }
    if (await isEmpty('import_jobs')) {
      await client.query(
        `INSERT INTO import_jobs (id, entity, status, file_name, file_format, file_size, file_data, headers, total_rows, created_by_id, updated_at)
         VALUES (gen_random_uuid(), 'customers', 'validated', '名单.csv', 'csv', $2, $3, '["姓名","手机"]', 2, $1, now())`,
        [adminId, everyByte.length, everyByte],
      )
    }
    const importId = (await client.query<{ id: string }>('SELECT id FROM import_jobs LIMIT 1')).rows[0]?.id
    if (await isEmpty('import_issues')) {
      await client.query(
        `INSERT INTO import_issues (import_id, row_number, "column", value, code, params)
         VALUES ($1, 2, '手机', '123\t45', 'invalid_phone', '{}'), ($1, 3, '姓名', NULL, 'required', '{}')`,
        [importId],
      )
    }
    if (await isEmpty('import_row_results')) {
      await client.query(`INSERT INTO import_row_results (import_id, row_number, outcome) VALUES ($1, 2, 'failed'), ($1, 3, 'failed')`, [importId])
    }
    if (await isEmpty('export_jobs')) {
      await client.query(
        `INSERT INTO export_jobs (id, format, status, filter, columns, total, file_name, created_by_id)
         VALUES (gen_random_uuid(), 'csv', 'failed', '{"keyword":"张"}', ARRAY['name','phones'], 0, '客户导出.csv', $1)`,
        [adminId],
      )
    }
    if (await isEmpty('webhook_deliveries')) {
      await client.query(
        `INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, payload, status)
         VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'customer.created', '{"data":{"customer":{"name":"钩子"}}}', 'failed')`,
        [hook.body.id],
      )
    }
    if (await isEmpty('webhook_attempts')) {
      await client.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt_no, error, duration_ms)
         SELECT id, 1, 'connect ECONNREFUSED 127.0.0.1:9', 3 FROM webhook_deliveries LIMIT 1`,
      )
    }
  })
}

interface CustomerPage {
  items: { id: string }[]
  nextCursor: string | null
}

/** What an administrator sees through the API: every page of the list, the trash, each customer with its contacts revealed. */
export const customersThroughApi = async (api: Api, token: string) => {
  const list: unknown[] = []
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
    const page = await api.get<CustomerPage>(`/api/customers?limit=100${query}`, { token })
    expectStatus(page, 200, 'listing customers')
    list.push(...page.body.items)
    ids.push(...page.body.items.map((item) => item.id))
    cursor = page.body.nextCursor
  } while (cursor !== null)
  const trash = await api.get('/api/trash/customers?pageSize=100', { token })
  expectStatus(trash, 200, 'listing the trash')
  const details: Record<string, { customer: unknown; revealed: unknown }> = {}
  for (const id of ids) {
    const customer = await api.get(`/api/customers/${id}`, { token })
    const revealed = await api.post(`/api/customers/${id}/reveal`, { token })
    expectStatus(customer, 200, `reading customer ${id}`)
    expectStatus(revealed, 200, `revealing customer ${id}`)
    details[id] = { customer: customer.body, revealed: revealed.body }
  }
  return { list, trash: trash.body, details }
}

interface ExportJobBody {
  id: string
  status: 'queued' | 'running' | 'completed' | 'failed'
  downloadUrl: string | null
}

/** A full export (JSON, no filter) as the contract's Export describes it: a job, then the signed download. */
export const exportEverything = async (api: Api, token: string): Promise<unknown> => {
  const started = await api.post<ExportJobBody>('/api/exports', { token, body: { format: 'json' } })
  expectStatus(started, 202, 'starting an export')
  let job = started.body
  while (job.status === 'queued' || job.status === 'running') {
    await sleep(200)
    const read = await api.get<ExportJobBody>(`/api/exports/${job.id}`, { token })
    expectStatus(read, 200, 'reading the export')
    job = read.body
  }
  if (job.status !== 'completed' || job.downloadUrl === null) throw new Error(`the export ended ${job.status}`)
  const file = await api.get<string>(job.downloadUrl)
  expectStatus(file, 200, 'downloading the export')
  return typeof file.body === 'string' ? JSON.parse(file.body) : file.body
}
