import { generateSync } from 'otplib'
import { withDatabaseClient, type TestServer } from '../../test/support.js'

/** The authenticator app's code for `secret`, `steps` time steps (30 s) away from now. */
export const totpCode = (secret: string, steps = 0): string =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 })

export interface AuditRow {
  action: string
  resource: string
  resource_id: string | null
  actor_id: string | null
  actor_name: string | null
  api_key_id: string | null
  label: string | null
  ip: string | null
  changes: Record<string, { before: unknown; after: unknown }> | null
  meta: Record<string, unknown> | null
}

/** Audit entries of the test database, oldest first, optionally only those of some actions. */
export const auditEntries = (server: TestServer, actions?: string[]): Promise<AuditRow[]> =>
  withDatabaseClient(server.database.url, async (client) =>
    (
      await client.query<AuditRow>(
        `SELECT action, resource, resource_id, actor_id, actor_name, api_key_id, label, ip, changes, meta FROM audit_logs
         WHERE $1::text[] IS NULL OR action = ANY($1::text[]) ORDER BY at, id`,
        [actions ?? null],
      )
    ).rows,
  )

/** Runs one statement on the test database (to move clocks back or look at stored values). */
export const sql = <Row extends object = Record<string, unknown>>(server: TestServer, text: string, values: unknown[] = []): Promise<Row[]> =>
  withDatabaseClient(server.database.url, async (client) => (await client.query(text, values)).rows as Row[])
