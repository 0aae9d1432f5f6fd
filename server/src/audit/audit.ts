import type { Prisma } from '../generated/prisma/client.js'
import type { RequestContext } from '../http/context.js'

/** The client or the transaction an audit entry is written in: the same one as the change it records. */
type AuditWriter = Pick<Prisma.TransactionClient, 'auditLog'>

export type AuditAction =
  | 'create' | 'update' | 'delete' | 'restore' | 'merge' | 'purge' | 'assign' | 'reveal' | 'export' | 'bulk_view'
  | 'login' | 'login_failed' | 'logout' | 'password_change' | 'password_reset' | 'mfa_enable' | 'mfa_disable'
  | 'mfa_reset' | 'session_revoke' | 'unlock' | 'handover'
  | 'wechat_bind' | 'wechat_unbind'
  | 'note' | 'link'

export type AuditResource =
  | 'customer' | 'contact' | 'order' | 'activity' | 'tag' | 'group' | 'level' | 'relationship_type' | 'custom_field'
  | 'view' | 'user' | 'role' | 'team' | 'api_key' | 'session' | 'security_settings' | 'account'
  | 'channel'
  | 'feedback'
  | 'backup'
  | 'webhook'

export type FieldChanges = Record<string, { before: unknown; after: unknown }>

export interface AuditEntry {
  action: AuditAction
  resource: AuditResource
  resourceId?: string | null
  /** The customer the entry concerns (shown on that customer's timeline). */
  customerId?: string | null
  /** A readable name of the record at the time: a customer's name, a tag's, a username. */
  label?: string | null
  changes?: FieldChanges | null
  meta?: Record<string, unknown> | null
}

const jsonOrNull = (value: object | null | undefined): Prisma.InputJsonValue | undefined =>
  value === null || value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue)

/**
 * Appends one entry. Write it in the transaction of the change it records, so a change and its trace commit
 * or fail together. `actor` overrides the caller for steps taken before anyone is signed in (login).
 */
export const recordAudit = async (
  writer: AuditWriter,
  ctx: AuditCaller,
  entry: AuditEntry,
  actor?: { id: string; displayName: string } | null,
): Promise<void> => {
  await writer.auditLog.create({ data: auditRow(ctx, entry, actor === undefined ? ctx.user : actor) })
}

type AuditCaller = Pick<RequestContext, 'user' | 'ip' | 'userAgent'>

const auditRow = (ctx: AuditCaller, entry: AuditEntry, who: { id: string; displayName: string } | null) => ({
  actorId: who?.id ?? null,
  actorName: who?.displayName ?? null,
  apiKeyId: ctx.user?.apiKeyId ?? null,
  ip: ctx.ip,
  userAgent: ctx.userAgent,
  action: entry.action,
  resource: entry.resource,
  resourceId: entry.resourceId ?? null,
  customerId: entry.customerId ?? null,
  label: entry.label ?? null,
  changes: jsonOrNull(entry.changes),
  meta: jsonOrNull(entry.meta),
})

/**
 * Field-level before/after of two plain snapshots: only fields whose values differ (compared as JSON).
 * Snapshots hold what people see, so encrypted values must already be masked in them.
 */
export const diffSnapshots = (before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChanges => {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const changes: FieldChanges = {}
  for (const field of fields) {
    const was = before?.[field] ?? null
    const now = after?.[field] ?? null
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[field] = { before: was, after: now }
  }
  return changes
}

/**
 * Appends one entry per record of a bulk change in a single statement (a bulk action or an import batch may touch
 * thousands of customers), in the transaction of the change. The entries travel as one JSON value: Prisma's
 * createMany binds every value separately, which costs more than the insert itself at a few hundred rows.
 */
export const recordAuditMany = async (
  writer: Pick<Prisma.TransactionClient, '$executeRaw'>,
  ctx: AuditCaller,
  entries: readonly AuditEntry[],
): Promise<void> => {
  if (entries.length === 0) return
  const rows = entries.map((entry) => ({
    action: entry.action,
    resource: entry.resource,
    resource_id: entry.resourceId ?? null,
    customer_id: entry.customerId ?? null,
    label: entry.label ?? null,
    changes: entry.changes ?? null,
    meta: entry.meta ?? null,
  }))
  await writer.$executeRaw`
    INSERT INTO audit_logs (id, at, actor_id, actor_name, api_key_id, ip, user_agent, action, resource, resource_id, customer_id, label, changes, meta)
    SELECT gen_random_uuid(), now(), ${ctx.user?.id ?? null}::uuid, ${ctx.user?.displayName ?? null}, ${ctx.user?.apiKeyId ?? null}::uuid,
      ${ctx.ip}, ${ctx.userAgent}, v.action, v.resource, v.resource_id, v.customer_id, v.label, v.changes, v.meta
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS v(action text, resource text, resource_id text, customer_id uuid, label text, changes jsonb, meta jsonb)`
}
