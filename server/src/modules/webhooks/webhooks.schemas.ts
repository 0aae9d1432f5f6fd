import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, multiLine, singleLine } from '../../http/schemas.js'
import { webhookEventTypes, webhookTestEventType } from './webhook-events.js'

export const WebhookEventType = z.enum(webhookEventTypes).meta({ id: 'WebhookEventType', description: 'What happened' })

const EventChoice = z.enum([...webhookEventTypes, '*']).meta({ description: 'An event type, or `*` for every event' })

const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'validation.webhook_url' })
  .max(2000)
  .meta({ description: 'Where the events are POSTed (http or https; redirects are not followed)', example: 'https://hooks.example.com/kezhi' })

export const webhookExample = {
  id: '6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  name: '订单同步到 ERP',
  url: 'https://erp.example.com/hooks/kezhi',
  events: ['customer.created', 'order.created'],
  active: true,
  description: '新客户和新订单推送给 ERP',
  secretHint: 'x9Qa',
  createdAt: '2025-03-01T02:00:00.000Z',
  updatedAt: '2025-03-01T02:00:00.000Z',
  stats: { succeeded: 128, failed: 1, pending: 0 },
}

export const Webhook = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    events: z.array(EventChoice),
    active: z.boolean(),
    description: z.string().nullable(),
    secretHint: z.string().meta({ description: 'The last 4 characters of the signing secret' }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    stats: z
      .object({ succeeded: z.number().int(), failed: z.number().int(), pending: z.number().int() })
      .meta({ description: 'Deliveries of this subscription by status' }),
  })
  .meta({ id: 'Webhook' })

const secretField = z.string().meta({
  description: 'The signing secret (`whsec_` + 32 random bytes, base64url), shown only now: keep it where the receiver can read it',
  example: 'whsec_3q2-7wF0kL5mNvXbYc8dZr1aQe4tUiOpAsDfGhJkLx9Qa',
})

export const WebhookWithSecret = Webhook.extend({ secret: secretField }).meta({ id: 'WebhookWithSecret' })
export const WebhookSecret = z.object({ secret: secretField }).meta({ id: 'WebhookSecret' })

export const WebhookList = z.object({ items: z.array(Webhook) }).meta({ id: 'WebhookList' })

export const WebhookInput = z
  .strictObject({
    name: singleLine(1, 60).meta({ example: '订单同步到 ERP' }),
    url: WebhookUrl,
    events: z.array(EventChoice).min(1).max(webhookEventTypes.length + 1).meta({ description: 'At least one; `[\'*\']` = every event' }),
    active: z.boolean().optional().meta({ description: 'Default true; inactive subscriptions receive nothing' }),
    description: multiLine(500).nullable().optional(),
  })
  .meta({ id: 'WebhookInput' })

export const WebhookPatch = z
  .strictObject({
    name: singleLine(1, 60).optional(),
    url: WebhookUrl.optional(),
    events: z.array(EventChoice).min(1).max(webhookEventTypes.length + 1).optional(),
    active: z.boolean().optional(),
    description: multiLine(500).nullable().optional(),
  })
  .meta({ id: 'WebhookPatch' })

export const WebhookEventList = z
  .object({ items: z.array(z.object({ type: WebhookEventType, description: z.string().meta({ description: "In the request's language" }) })) })
  .meta({ id: 'WebhookEventList' })

export const WebhookEvent = z
  .object({
    id: z.uuid().meta({ description: 'The event id: the same for every subscription it went to and for every replay' }),
    type: z.union([WebhookEventType, z.literal(webhookTestEventType)]),
    createdAt: IsoDateTime,
    data: z.record(z.string(), z.unknown()).meta({
      description:
        '`customer.*`: `{ customer: { id, name, ownerId, source, lifecycleStatus, tags, createdAt, updatedAt } }` (no phones or emails; ' +
        'merged adds `merged` (the customer merged away), assigned adds `previousOwnerId`); `order.*`: `{ order, customer }`; ' +
        '`feedback.created`: `{ feedback }`; `import.completed`: `{ import }`; `webhook.test`: `{ webhookId, message }`',
    }),
  })
  .meta({ id: 'WebhookEvent', description: 'The JSON body of every delivery' })

export const webhookEventExample = {
  id: '0b6c3f2e-9d41-4a7b-b5e2-7c1d8e9fa012',
  type: 'customer.created',
  createdAt: '2025-03-01T02:05:00.000Z',
  data: {
    customer: {
      id: '3c9d1e7a-2f4b-4c8d-9e0f-1a2b3c4d5e6f',
      name: '王芳',
      ownerId: '8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586',
      source: '门店',
      lifecycleStatus: 'lead',
      tags: ['VIP'],
      createdAt: '2025-03-01T02:05:00.000Z',
      updatedAt: '2025-03-01T02:05:00.000Z',
    },
  },
}

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const

export const WebhookDelivery = z
  .object({
    id: z.uuid().meta({ description: 'The delivery id (header X-Kezhi-Delivery)' }),
    eventId: z.uuid(),
    eventType: z.string(),
    status: z.enum(deliveryStatuses).meta({ id: 'WebhookDeliveryStatus', description: 'failed = gave up after the last retry' }),
    attempts: z.number().int(),
    nextAttemptAt: IsoDateTime.nullable().meta({ description: 'When the next try is due (pending only)' }),
    lastAttemptAt: IsoDateTime.nullable(),
    responseStatus: z.number().int().nullable(),
    responseBody: z.string().nullable().meta({ description: 'The first 2 KB of the last answer' }),
    error: z.string().nullable().meta({ description: 'What went wrong in the last attempt (timeout, refused, HTTP status…)' }),
    durationMs: z.number().int().nullable(),
    replayOfId: z.uuid().nullable().meta({ description: 'The delivery this one replays' }),
    createdAt: IsoDateTime,
    payload: WebhookEvent,
    attemptLog: z.array(
      z.object({
        attemptNo: z.number().int(),
        at: IsoDateTime,
        responseStatus: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'WebhookDelivery' })

export const deliveryExample = {
  id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  eventId: webhookEventExample.id,
  eventType: webhookEventExample.type,
  status: 'succeeded',
  attempts: 2,
  nextAttemptAt: null,
  lastAttemptAt: '2025-03-01T02:05:31.000Z',
  responseStatus: 200,
  responseBody: '{"ok":true}',
  error: null,
  durationMs: 84,
  replayOfId: null,
  createdAt: '2025-03-01T02:05:00.000Z',
  payload: webhookEventExample,
  attemptLog: [
    { attemptNo: 1, at: '2025-03-01T02:05:01.000Z', responseStatus: 503, error: 'HTTP 503', durationMs: 120 },
    { attemptNo: 2, at: '2025-03-01T02:05:31.000Z', responseStatus: 200, error: null, durationMs: 84 },
  ],
}

export const WebhookDeliveryList = z
  .object({
    items: z.array(WebhookDelivery),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'WebhookDeliveryList' })

export const WebhookDeliveryQuery = z
  .strictObject({
    status: z.enum(deliveryStatuses).optional(),
    cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
    limit: z.coerce.number({ error: 'validation.not_a_number' }).int().min(1).max(100).default(20),
  })
  .meta({ id: 'WebhookDeliveryQuery' })

export type WebhookDto = z.infer<typeof Webhook>
export type WebhookWithSecretDto = z.infer<typeof WebhookWithSecret>
export type WebhookInputData = z.infer<typeof WebhookInput>
export type WebhookPatchData = z.infer<typeof WebhookPatch>
export type WebhookEventListDto = z.infer<typeof WebhookEventList>
export type WebhookDeliveryDto = z.infer<typeof WebhookDelivery>
export type WebhookDeliveryListDto = z.infer<typeof WebhookDeliveryList>
export type WebhookDeliveryQueryData = z.infer<typeof WebhookDeliveryQuery>
