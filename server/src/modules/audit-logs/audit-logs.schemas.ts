import { z } from 'zod'
import 'zod-openapi'
import type { AuditAction as AuditActionName, AuditResource as AuditResourceName } from '../../audit/audit.js'
import { IsoDateTime } from '../../http/schemas.js'

export const auditActions = [
  'create', 'update', 'delete', 'restore', 'merge', 'purge', 'assign', 'reveal', 'export', 'bulk_view', 'login',
  'login_failed', 'logout', 'password_change', 'password_reset', 'mfa_enable', 'mfa_disable', 'mfa_reset',
  'session_revoke', 'unlock', 'handover',
  'wechat_bind', 'wechat_unbind',
  'note', 'link',
] as const satisfies readonly AuditActionName[]

export const auditResources = [
  'customer', 'contact', 'order', 'activity', 'tag', 'group', 'level', 'relationship_type', 'custom_field', 'view',
  'user', 'role', 'team', 'api_key', 'session', 'security_settings', 'account',
  'channel',
  'feedback',
  'backup',
  'webhook',
] as const satisfies readonly AuditResourceName[]

// Compile-time: a new action or resource in audit.ts must be listed here too, or this fails to compile.
const everyAction: [Exclude<AuditActionName, (typeof auditActions)[number]>] extends [never] ? true : never = true
const everyResource: [Exclude<AuditResourceName, (typeof auditResources)[number]>] extends [never] ? true : never = true
void everyAction
void everyResource

export const AuditAction = z.enum(auditActions).meta({ id: 'AuditAction' })
export const AuditResource = z.enum(auditResources).meta({ id: 'AuditResource' })

export const AuditEntry = z
  .object({
    id: z.uuid(),
    at: IsoDateTime,
    actor: z
      .object({ id: z.uuid(), displayName: z.string().meta({ description: 'The name at the time of the entry' }) })
      .nullable()
      .meta({ description: 'null for steps nobody signed in took (a failed sign-in of an unknown name)' }),
    apiKeyId: z.uuid().nullable().meta({ description: 'Set when an integration acted through an API key' }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    action: AuditAction,
    resource: AuditResource,
    resourceId: z.string().nullable(),
    customerId: z.uuid().nullable().meta({ description: 'The customer it concerns (also on that customer’s timeline)' }),
    label: z.string().nullable().meta({ description: 'A readable name of the record at the time', example: '张三' }),
    changes: z
      .record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }))
      .nullable()
      .meta({ description: 'Field-level before/after; personal data appears masked' }),
    meta: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' })

export const AuditPage = z
  .object({
    items: z.array(AuditEntry),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'AuditPage', description: 'Newest first' })

export const AuditQuery = z.strictObject({
  actorId: z.uuid().optional().meta({ description: 'Entries by this user' }),
  resource: AuditResource.optional(),
  action: AuditAction.optional(),
  customerId: z.uuid().optional().meta({ description: 'Entries concerning this customer' }),
  from: IsoDateTime.optional().meta({ description: 'At or after this time' }),
  to: IsoDateTime.optional().meta({ description: 'At or before this time' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
})

export type AuditEntryData = z.infer<typeof AuditEntry>
export type AuditPageData = z.infer<typeof AuditPage>
export type AuditQueryData = z.output<typeof AuditQuery>
