import type { Db } from '../../db/prisma.js'
import type { AuditLog, Prisma } from '../../generated/prisma/client.js'
import { authenticated, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { keysetCursor } from '../../lib/keyset-cursor.js'
import type { AuditEntryData, AuditPageData, AuditQueryData } from './audit-logs.schemas.js'

/** The cursor is the position of the last entry served. */
const cursors = keysetCursor('at')

const asRecord = (value: Prisma.JsonValue | null): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null

/** An audit row as the API shows it (the customer timeline shows the same shape). */
export const toAuditEntry = (row: AuditLog): AuditEntryData => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: row.actorId === null ? null : { id: row.actorId, displayName: row.actorName ?? '' },
  apiKeyId: row.apiKeyId,
  ip: row.ip,
  userAgent: row.userAgent,
  // Stored as text; the writers only use the listed actions and resources (recordAudit is typed with them).
  action: row.action as AuditEntryData['action'],
  resource: row.resource as AuditEntryData['resource'],
  resourceId: row.resourceId,
  customerId: row.customerId,
  label: row.label,
  changes: asRecord(row.changes) as AuditEntryData['changes'],
  meta: asRecord(row.meta),
})

/** The entries the caller's audit scope reaches: their own, their team subtree's users', or all. */
const scopeFilter = async (db: Db, ctx: AuthenticatedContext): Promise<Prisma.AuditLogWhereInput> => {
  switch (ctx.user.scopes.audit) {
    case 'all':
      return {}
    case 'own':
      return { actorId: ctx.user.id }
    case 'team': {
      const members = await db.user.findMany({ where: { teamId: { in: [...ctx.user.teamIds] } }, select: { id: true } })
      return { actorId: { in: members.map((member) => member.id) } }
    }
  }
}

export interface AuditLogsService {
  list(ctx: RequestContext, query: AuditQueryData): Promise<AuditPageData>
}

export const createAuditLogsService = ({ db }: { db: Db }): AuditLogsService => ({
  list: async (ctx, query) => {
    const caller = authenticated(ctx)
    const after = query.cursor === undefined ? undefined : cursors.decode(query.cursor)
    const where: Prisma.AuditLogWhereInput = {
      AND: [
        await scopeFilter(db, caller),
        {
          actorId: query.actorId,
          resource: query.resource,
          action: query.action,
          customerId: query.customerId,
          at: { gte: query.from === undefined ? undefined : new Date(query.from), lte: query.to === undefined ? undefined : new Date(query.to) },
        },
        after === undefined ? {} : { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] },
      ],
    }
    // One more than asked tells whether another page follows without counting.
    const rows = await db.auditLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: query.limit + 1 })
    const page = rows.slice(0, query.limit)
    const last = page.at(-1)
    return { items: page.map(toAuditEntry), nextCursor: rows.length > query.limit && last !== undefined ? cursors.encode(last) : null }
  },
})
