import { z } from 'zod'
import type { CustomerAccess } from '../../access/customers.js'
import type { Db } from '../../db/prisma.js'
import { Prisma } from '../../generated/prisma/client.js'
import { authenticated, can, type RequestContext } from '../../http/context.js'
import type { Translate } from '../../http/i18n.js'
import { keysetCursor } from '../../lib/keyset-cursor.js'
import { toActivityDto, type ActivityRow } from '../activities/activities.service.js'
import { toOrderDto, type OrderRow } from '../orders/orders.service.js'
import { excerptOf } from '../feedback/feedback.service.js'
import type { TimelineEntryDto, TimelinePageDto, TimelineQueryData } from './timeline.schemas.js'

const summaryContentLength = 60

/** The cursor is the position of the last entry served. */
const cursors = keysetCursor('occurredAt', 'validation.invalid')

// What the history rows carry (written by the customer module and by contacts and settings); read defensively,
// because old rows keep whatever shape they were written with.
const EventPayload = z
  .object({
    action: z.string().optional(),
    contact: z.object({ name: z.string() }).loose().optional(),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() }).loose()).optional(),
    role: z.enum(['survivor', 'merged']).optional(),
    otherCustomerName: z.string().optional(),
  })
  .loose()

const activityInclude = { author: { select: { id: true, displayName: true } } } as const
const orderInclude = {
  items: { orderBy: { sortOrder: 'asc' } },
  createdBy: { select: { id: true, displayName: true } },
} as const satisfies Prisma.OrderInclude
const eventInclude = { actor: { select: { id: true, displayName: true } } } as const
const feedbackInclude = { team: { select: { id: true, name: true } } } as const satisfies Prisma.FeedbackInclude

type FeedbackRow = Prisma.FeedbackGetPayload<{ include: typeof feedbackInclude }>

/**
 * Audit entries of a customer that the timeline shows: sensitive reads, which leave no history event. Writes
 * (including reassignments and handovers) already appear as history events, so their entries would repeat them.
 */
export const timelineAuditActions = ['reveal', 'export'] as const

type EventRow = Prisma.CustomerEventGetPayload<{ include: typeof eventInclude }>

const shorten = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > summaryContentLength ? `${line.slice(0, summaryContentLength)}…` : line
}

const activitySummary = (row: ActivityRow, t: Translate) =>
  t('timeline.activity', { type: t(`activityTypes.${row.type}`), content: shorten(row.content) })

const orderSummary = (row: OrderRow, t: Translate) =>
  t('timeline.order', { orderNo: row.orderNo, amount: row.amount.toFixed(2), status: t(`orderStatuses.${row.status}`) })

const feedbackEntry = (row: FeedbackRow, t: Translate): TimelineEntryDto => {
  const excerpt = excerptOf(row.text)
  return {
    id: row.id,
    kind: 'feedback',
    occurredAt: row.createdAt.toISOString(),
    // Left by the customer through a QR code: no staff member acted.
    actor: null,
    summary: t('timeline.feedback_entry', {
      number: row.number,
      rating: row.rating,
      category: t(`feedbackCategories.${row.category}`),
      excerpt: excerpt === null ? '' : ` — ${shorten(excerpt)}`,
    }),
    feedback: {
      id: row.id,
      number: row.number,
      rating: row.rating,
      nps: row.nps,
      category: row.category,
      status: row.status,
      excerpt,
      store: row.team,
    },
  }
}

const eventEntry = (row: EventRow, t: Translate): TimelineEntryDto => {
  const parsed = EventPayload.safeParse(row.payload)
  const payload = parsed.success ? parsed.data : {}
  const changes = payload.changes?.map(({ field, from, to }) => ({ field, from: from ?? null, to: to ?? null }))
  let summary: string
  switch (payload.action) {
    case 'contact_created':
    case 'contact_updated':
    case 'contact_deleted':
      summary = t(`timeline.${payload.action}`, { name: payload.contact?.name ?? '' })
      break
    case 'tag_deleted':
    case 'group_deleted':
      summary = t(`timeline.${payload.action}`, { name: String(changes?.[0]?.from ?? '') })
      break
    default:
      if (row.kind === 'change') summary = t('timeline.change', { count: changes?.length ?? 0 })
      // Both customers of a merge record it: the survivor took the other in, the merged one went into it.
      else if (row.kind === 'merge') {
        summary = t(payload.role === 'merged' ? 'timeline.merged_into' : 'timeline.merge', { name: payload.otherCustomerName ?? '' })
      }
      else summary = t(`timeline.${row.kind}`)
  }
  return {
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actor,
    summary,
    ...(changes === undefined ? {} : { changes }),
  }
}

export interface TimelineService {
  page(ctx: RequestContext, customerId: string, query: TimelineQueryData): Promise<TimelinePageDto>
}

export const createTimelineService = ({ db, access }: { db: Db; access: Pick<CustomerAccess, 'requireInScope'> }): TimelineService => ({
  page: async (ctx, customerId, { cursor, limit }) => {
    const caller = authenticated(ctx)
    const customer = await access.requireInScope(caller, customerId)
    // Whoever may read the customer and holds feedback:read sees the customer's feedback here, whatever store it
    // came through: the timeline is reached through the customer scope, and the feedback is about this customer.
    const showFeedback = can(caller.user, 'feedback:read')
    const after = cursor === undefined ? undefined : cursors.decode(cursor)
    const before = (occurredAt: Prisma.Sql, id: Prisma.Sql) =>
      after === undefined ? Prisma.empty : Prisma.sql`AND (${occurredAt}, ${id}) < (${after.occurredAt}::timestamptz, ${after.id}::uuid)`
    // One more row than asked tells whether another page exists. Each branch is cut to that size on its own
    // index (customer, time) before the merge, so a long history costs no more than a short one.
    const take = limit + 1
    const positions = await db.$queryRaw<{ kind: string; id: string; occurred_at: Date }[]>`
      SELECT kind, id, occurred_at FROM (
        (SELECT 'activity' AS kind, a.id, a.occurred_at FROM activities a
          WHERE a.customer_id = ${customer.id}::uuid AND a.deleted_at IS NULL ${before(Prisma.sql`a.occurred_at`, Prisma.sql`a.id`)}
          ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${take})
        UNION ALL
        (SELECT 'order' AS kind, o.id, o.ordered_at AS occurred_at FROM orders o
          WHERE o.customer_id = ${customer.id}::uuid AND o.deleted_at IS NULL ${before(Prisma.sql`o.ordered_at`, Prisma.sql`o.id`)}
          ORDER BY o.ordered_at DESC, o.id DESC LIMIT ${take})
        UNION ALL
        (SELECT 'event' AS kind, e.id, e.occurred_at FROM customer_events e
          WHERE e.customer_id = ${customer.id}::uuid ${before(Prisma.sql`e.occurred_at`, Prisma.sql`e.id`)}
          ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${take})
        UNION ALL
        (SELECT 'audit' AS kind, l.id, l.at AS occurred_at FROM audit_logs l
          WHERE l.customer_id = ${customer.id}::uuid AND l.action = ANY(${[...timelineAuditActions]}::text[])
            ${before(Prisma.sql`l.at`, Prisma.sql`l.id`)}
          ORDER BY l.at DESC, l.id DESC LIMIT ${take})
        ${showFeedback
          ? Prisma.sql`UNION ALL
        (SELECT 'feedback' AS kind, f.id, f.created_at AS occurred_at FROM feedback f
          WHERE f.customer_id = ${customer.id}::uuid ${before(Prisma.sql`f.created_at`, Prisma.sql`f.id`)}
          ORDER BY f.created_at DESC, f.id DESC LIMIT ${take})`
          : Prisma.empty}
      ) AS entries
      ORDER BY occurred_at DESC, id DESC
      LIMIT ${take}`
    const pageRows = positions.slice(0, limit)
    const idsOf = (kind: string) => pageRows.filter((row) => row.kind === kind).map((row) => row.id)

    const [activities, orders, events, audits, feedback] = await Promise.all([
      db.activity.findMany({ where: { id: { in: idsOf('activity') } }, include: activityInclude }),
      db.order.findMany({ where: { id: { in: idsOf('order') } }, include: orderInclude }),
      db.customerEvent.findMany({ where: { id: { in: idsOf('event') } }, include: eventInclude }),
      db.auditLog.findMany({ where: { id: { in: idsOf('audit') } } }),
      db.feedback.findMany({ where: { id: { in: idsOf('feedback') } }, include: feedbackInclude }),
    ])
    const t = ctx.t
    const entries = new Map<string, TimelineEntryDto>()
    for (const row of activities) {
      const activity = toActivityDto(row)
      entries.set(row.id, { id: row.id, kind: 'activity', occurredAt: activity.occurredAt, actor: row.author, summary: activitySummary(row, t), activity })
    }
    for (const row of orders) {
      const order = toOrderDto(row)
      entries.set(row.id, { id: row.id, kind: 'order', occurredAt: order.orderedAt, actor: row.createdBy, summary: orderSummary(row, t), order })
    }
    for (const row of events) entries.set(row.id, eventEntry(row, t))
    for (const row of feedback) entries.set(row.id, feedbackEntry(row, t))
    for (const row of audits) {
      entries.set(row.id, {
        id: row.id,
        kind: 'audit',
        occurredAt: row.at.toISOString(),
        // The name as it was at the time: the audit log keeps it even when the account is gone.
        actor: row.actorId === null ? null : { id: row.actorId, displayName: row.actorName ?? '' },
        summary: t(row.action === 'export' ? 'timeline.audit_export' : 'timeline.audit_reveal'),
        audit: { action: row.action },
      })
    }

    const items = pageRows.flatMap((row) => entries.get(row.id) ?? [])
    const last = pageRows[pageRows.length - 1]
    return {
      items,
      nextCursor: positions.length > limit && last !== undefined ? cursors.encode({ occurredAt: last.occurred_at, id: last.id }) : null,
    }
  },
})
