import type { Prisma } from '../../generated/prisma/client.js'

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

export interface DomainEvent {
  type: WebhookEventType
  data: Record<string, unknown>
}

/**
 * Queues these events for every active subscription that wants them, in the transaction of the change they
 * describe (the outbox): an event leaves exactly when its change committed. Slot: the webhooks module fills it.
 */
export const recordEvents = async (_tx: Prisma.TransactionClient, _events: DomainEvent[]): Promise<void> => {}
