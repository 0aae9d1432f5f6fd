import type { CustomerAccess } from '../../access/customers.js'
import type { Db } from '../../db/prisma.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { recomputeCustomerMetrics } from '../orders/orders.metrics.js'
import type { ActivityDto, ActivityInputData, ActivityListQueryData, ActivityPatchData } from './activities.schemas.js'

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Clocks of phones and PCs drift a little; an activity "now" on a fast clock must still be accepted.
const clockSkewMs = 5 * 60_000

const activityInclude = { author: { select: { id: true, displayName: true } } } as const satisfies Prisma.ActivityInclude
export type ActivityRow = Prisma.ActivityGetPayload<{ include: typeof activityInclude }>

export const toActivityDto = (row: ActivityRow): ActivityDto => ({
  id: row.id,
  type: row.type,
  occurredAt: row.occurredAt.toISOString(),
  content: row.content,
  outcome: row.outcome,
  author: row.author,
  createdAt: row.createdAt.toISOString(),
})

const auditView = (row: { type: string; occurredAt: Date; content: string; outcome: string | null }): Record<string, unknown> => ({
  type: row.type,
  occurredAt: row.occurredAt.toISOString(),
  content: row.content,
  outcome: row.outcome,
})
const labelOf = (row: { type: string; content: string }) => `${row.type}: ${row.content.slice(0, 40)}`

const occurredAtOf = (value: string | undefined): Date | undefined => {
  if (value === undefined) return undefined
  const date = new Date(value)
  if (date.getTime() > Date.now() + clockSkewMs) {
    throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'occurredAt', messageKey: 'validation.not_in_future' }] })
  }
  return date
}

export interface ActivitiesService {
  list(ctx: RequestContext, customerId: string, query: ActivityListQueryData): Promise<{ items: ActivityDto[]; total: number }>
  create(ctx: RequestContext, customerId: string, input: ActivityInputData): Promise<ActivityDto>
  update(ctx: RequestContext, customerId: string, activityId: string, input: ActivityPatchData): Promise<ActivityDto>
  remove(ctx: RequestContext, customerId: string, activityId: string): Promise<void>
}

export const createActivitiesService = ({ db, access }: { db: Db; access: Pick<CustomerAccess, 'requireInScope'> }): ActivitiesService => {
  const findActivity = async (tx: Prisma.TransactionClient, customerId: string, activityId: string) => {
    if (!uuidShape.test(activityId)) throw new AppError('ACTIVITY_NOT_FOUND')
    const row = await tx.activity.findFirst({ where: { id: activityId, customerId, deletedAt: null } })
    if (row === null) throw new AppError('ACTIVITY_NOT_FOUND')
    return row
  }

  return {
    list: async (ctx, customerId, { page, pageSize, type }) => {
      const customer = await access.requireInScope(authenticated(ctx), customerId)
      const where: Prisma.ActivityWhereInput = { customerId: customer.id, deletedAt: null, ...(type ? { type } : {}) }
      const [rows, total] = await Promise.all([
        db.activity.findMany({
          where,
          include: activityInclude,
          orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.activity.count({ where }),
      ])
      return { items: rows.map(toActivityDto), total }
    },

    create: async (ctx, customerId, input) => {
      const caller = authenticated(ctx)
      const occurredAt = occurredAtOf(input.occurredAt) ?? new Date()
      return db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        const row = await tx.activity.create({
          data: {
            customerId: customer.id,
            type: input.type,
            occurredAt,
            content: input.content,
            outcome: input.outcome ?? null,
            authorId: caller.user.id,
          },
          include: activityInclude,
        })
        // lastContactAt is the latest live activity, so it is recomputed rather than just moved forward.
        await recomputeCustomerMetrics(tx, customer.id)
        await recordAudit(tx, caller, {
          action: 'create', resource: 'activity', resourceId: row.id, customerId: customer.id, label: labelOf(row),
          changes: diffSnapshots(null, auditView(row)),
        })
        return toActivityDto(row)
      })
    },

    update: async (ctx, customerId, activityId, input) => {
      const caller = authenticated(ctx)
      const occurredAt = occurredAtOf(input.occurredAt)
      return db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        const existing = await findActivity(tx, customer.id, activityId)
        const row = await tx.activity.update({
          where: { id: existing.id },
          data: { type: input.type, occurredAt, content: input.content, outcome: input.outcome },
          include: activityInclude,
        })
        await recomputeCustomerMetrics(tx, customer.id)
        const changes = diffSnapshots(auditView(existing), auditView(row))
        if (Object.keys(changes).length > 0) {
          await recordAudit(tx, caller, { action: 'update', resource: 'activity', resourceId: row.id, customerId: customer.id, label: labelOf(row), changes })
        }
        return toActivityDto(row)
      })
    },

    remove: async (ctx, customerId, activityId) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        const existing = await findActivity(tx, customer.id, activityId)
        await tx.activity.update({ where: { id: existing.id }, data: { deletedAt: new Date() } })
        await recomputeCustomerMetrics(tx, customer.id)
        await recordAudit(tx, caller, {
          action: 'delete', resource: 'activity', resourceId: existing.id, customerId: customer.id, label: labelOf(existing),
          changes: diffSnapshots(auditView(existing), null),
        })
      })
    },
  }
}
