import { randomUUID } from 'node:crypto'
import { Prisma } from '../../generated/prisma/client.js'

/** The events a webhook can subscribe to (docs/contract.md, "Webhooks"). */
export const webhookEventTypes = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.restored',
  'customer.merged',
  'customer.assigned',
  'order.created',
  'order.updated',
  'feedback.created',
  'import.completed',
] as const
export type WebhookEventType = (typeof webhookEventTypes)[number]

/** Sent only to the subscription it was asked for (`POST /api/webhooks/:id/test`); nobody subscribes to it. */
export const webhookTestEventType = 'webhook.test'

export interface DomainEvent {
  type: WebhookEventType
  data: Record<string, unknown>
}

/** The body every delivery sends: the same for every subscription the event went to, and for every replay. */
export interface WebhookEventBody {
  id: string
  type: string
  createdAt: string
  data: Record<string, unknown>
}

/**
 * The channel a commit that recorded events notifies. PostgreSQL sends a NOTIFY only when its transaction commits,
 * so a delivery worker listening here starts right after the commit, never before (and never for a rollback).
 */
export const webhookNotifyChannel = 'kezhi_webhook_deliveries'

/** JSON as the database keeps it: dates as ISO text, undefined fields left out. */
const plainJson = (value: unknown): Prisma.InputJsonObject => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonObject

/** The active, non-deleted subscriptions wanting any of these types (or everything). */
const subscribersOf = (tx: Prisma.TransactionClient, types: readonly string[]) =>
  tx.$queryRaw<{ id: string; events: string[] }[]>`
    SELECT id, events FROM webhook_subscriptions
    WHERE active AND deleted_at IS NULL AND events && ${[...types, '*']}::text[]`

export const eventBody = (type: string, data: Record<string, unknown>, createdAt = new Date()): WebhookEventBody => ({
  id: randomUUID(),
  type,
  createdAt: createdAt.toISOString(),
  data,
})

/**
 * Queues these events for every active subscription that wants them, in the transaction of the change they
 * describe (the outbox): an event leaves exactly when its change committed. Without subscribers it costs one small
 * query, so imports may call it for every batch.
 */
export const recordEvents = async (tx: Prisma.TransactionClient, events: readonly DomainEvent[]): Promise<void> => {
  if (events.length === 0) return
  await queueDeliveries(tx, events, await subscribersOf(tx, [...new Set(events.map((event) => event.type))]))
}

/** One outbox row per event and subscription wanting it, then the commit-time nudge of the delivery worker. */
const queueDeliveries = async (
  tx: Prisma.TransactionClient,
  events: readonly DomainEvent[],
  subscriptions: readonly { id: string; events: string[] }[],
): Promise<void> => {
  if (subscriptions.length === 0) return
  const now = new Date()
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = []
  for (const event of events) {
    const body = plainJson(eventBody(event.type, event.data, now))
    for (const subscription of subscriptions) {
      if (subscription.events.includes('*') || subscription.events.includes(event.type)) {
        rows.push({ subscriptionId: subscription.id, eventId: body.id as string, eventType: event.type, payload: body })
      }
    }
  }
  if (rows.length === 0) return
  await tx.webhookDelivery.createMany({ data: rows })
  await tx.$executeRaw`SELECT pg_notify(${webhookNotifyChannel}, '')`
}

/** `data.customer` of the customer events: never phones or emails (integrators fetch those with an API key). */
export interface CustomerEventData {
  id: string
  name: string
  ownerId: string | null
  source: string | null
  lifecycleStatus: string
  tags: string[]
  createdAt: string
  updatedAt: string
}

/** The customers as the events describe them, read in the transaction (after the change). */
export const customerEventData = async (tx: Prisma.TransactionClient, ids: readonly string[]): Promise<Map<string, CustomerEventData>> => {
  const rows = await tx.customer.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: {
      id: true, name: true, ownerId: true, source: true, lifecycleStatus: true, createdAt: true, updatedAt: true,
      tags: { select: { tag: { select: { name: true } } } },
    },
  })
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        ownerId: row.ownerId,
        source: row.source,
        lifecycleStatus: row.lifecycleStatus,
        tags: row.tags.map((link) => link.tag.name).sort(),
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      },
    ]),
  )
}

export interface CustomerEventSpec {
  customerId: string
  /** Other customers the event names, described the same way (a merge names the merged customer). */
  related?: Record<string, string>
  /** Plain values beside them (the previous owner of an assignment). */
  extra?: Record<string, unknown>
}

/**
 * Customer events with `data.customer` read from the database, only when someone subscribed to the type: a bulk
 * action over thousands of customers reads nothing more when no webhook wants it.
 */
export const recordCustomerEvents = async (
  tx: Prisma.TransactionClient,
  type: Extract<WebhookEventType, `customer.${string}`>,
  specs: readonly CustomerEventSpec[],
): Promise<void> => {
  if (specs.length === 0) return
  const subscriptions = await subscribersOf(tx, [type])
  if (subscriptions.length === 0) return
  const described = await customerEventData(tx, specs.flatMap((spec) => [spec.customerId, ...Object.values(spec.related ?? {})]))
  await queueDeliveries(
    tx,
    specs.map((spec) => ({
      type,
      data: {
        customer: described.get(spec.customerId) ?? null,
        ...Object.fromEntries(Object.entries(spec.related ?? {}).map(([key, id]) => [key, described.get(id) ?? null])),
        ...spec.extra,
      },
    })),
    subscriptions,
  )
}
