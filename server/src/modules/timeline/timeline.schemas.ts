import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime } from '../../http/schemas.js'
import { Activity, Actor } from '../activities/activities.schemas.js'
import { Order } from '../orders/orders.schemas.js'

export const TimelineKind = z
  .enum(['activity', 'order', 'change', 'merge', 'feedback', 'created', 'deleted', 'restored', 'audit'])
  .meta({ id: 'TimelineKind', description: "'audit': a sensitive read of the customer from the audit log (reveal, export)" })

export const TimelineChange = z
  .object({
    field: z.string().meta({ example: 'company' }),
    from: z.unknown().meta({ description: 'Value before (personal data masked)', example: '杭州清源贸易' }),
    to: z.unknown().meta({ description: 'Value after (personal data masked)', example: '杭州清源科技有限公司' }),
  })
  .meta({ id: 'TimelineChange' })

export const TimelineFeedback = z
  .object({
    id: z.uuid(),
    number: z.number().int().meta({ example: 1024 }),
    rating: z.number().int().min(1).max(5),
    nps: z.number().int().min(0).max(10).nullable(),
    category: z.enum(['product', 'service', 'complaint', 'suggestion']),
    status: z.enum(['new', 'in_progress', 'resolved', 'closed']),
    excerpt: z.string().nullable().meta({ description: 'The text on one line, at most 120 characters' }),
    store: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'TimelineFeedback', description: 'Feedback linked to the customer (shown to callers who hold feedback:read)' })

export const TimelineEntry = z
  .object({
    id: z.uuid().meta({ description: 'Id of the activity, order, history event or audit entry' }),
    kind: TimelineKind,
    occurredAt: IsoDateTime,
    actor: Actor.nullable(),
    summary: z.string().meta({ description: "One line in the request's language", example: '新建订单 KZ20261123-000123，金额 ¥1280.00' }),
    changes: z.array(TimelineChange).optional().meta({ description: 'Field diffs of a change' }),
    activity: Activity.optional().meta({ description: "Set when kind is 'activity'" }),
    order: Order.optional().meta({ description: "Set when kind is 'order'" }),
    feedback: TimelineFeedback.optional().meta({ description: "Set when kind is 'feedback'" }),
    audit: z
      .object({ action: z.string().meta({ example: 'reveal' }) })
      .optional()
      .meta({ description: "Set when kind is 'audit': the audit log's action" }),
  })
  .meta({ id: 'TimelineEntry' })

export const TimelineQuery = z.strictObject({
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Opaque: the nextCursor of the previous page; omitted for the first page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export const TimelinePage = z
  .object({
    items: z.array(TimelineEntry),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null at the end' }),
  })
  .meta({ id: 'TimelinePage', description: 'Newest first' })

export const TimelineParams = z.object({
  id: z.string().meta({ description: 'Customer id (uuid)', format: 'uuid' }),
})

export type TimelineEntryDto = z.infer<typeof TimelineEntry>
export type TimelinePageDto = z.infer<typeof TimelinePage>
export type TimelineQueryData = z.output<typeof TimelineQuery>
