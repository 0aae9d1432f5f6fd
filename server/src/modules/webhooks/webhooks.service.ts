import { randomBytes } from 'node:crypto'
import { isUuid } from '../../access/customers.js'
import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { Language } from '../../http/i18n.js'
import { keysetCursor } from '../../lib/keyset-cursor.js'
import type { BackgroundWork, DataTransferDeps } from '../data-transfer.js'
import { eventBody, webhookEventTypes, webhookTestEventType, type WebhookEventType } from './webhook-events.js'
import { createDeliveryWorker } from './webhooks.delivery.js'
import type {
  WebhookDeliveryDto,
  WebhookDeliveryListDto,
  WebhookDeliveryQueryData,
  WebhookDto,
  WebhookEventListDto,
  WebhookInputData,
  WebhookPatchData,
  WebhookWithSecretDto,
} from './webhooks.schemas.js'

export interface WebhooksService extends BackgroundWork {
  list(ctx: RequestContext): Promise<{ items: WebhookDto[] }>
  create(ctx: RequestContext, input: WebhookInputData): Promise<WebhookWithSecretDto>
  update(ctx: RequestContext, id: string, input: WebhookPatchData): Promise<WebhookDto>
  remove(ctx: RequestContext, id: string): Promise<void>
  rotateSecret(ctx: RequestContext, id: string): Promise<{ secret: string }>
  sendTest(ctx: RequestContext, id: string): Promise<WebhookDeliveryDto>
  events(ctx: RequestContext): WebhookEventListDto
  deliveries(ctx: RequestContext, id: string, query: WebhookDeliveryQueryData): Promise<WebhookDeliveryListDto>
  replay(ctx: RequestContext, deliveryId: string): Promise<WebhookDeliveryDto>
}

const eventDescriptions: Record<Language, Record<WebhookEventType, string>> = {
  'zh-CN': {
    'customer.created': '新建了客户',
    'customer.updated': '修改了客户资料',
    'customer.deleted': '客户移入回收站',
    'customer.restored': '客户从回收站恢复',
    'customer.merged': '两位客户合并为一位',
    'customer.assigned': '客户换了负责人',
    'order.created': '新建了订单',
    'order.updated': '修改了订单',
    'feedback.created': '收到一条顾客反馈',
    'import.completed': '一次导入完成',
  },
  'en-US': {
    'customer.created': 'A customer was created',
    'customer.updated': "A customer's details changed",
    'customer.deleted': 'A customer was moved to the trash',
    'customer.restored': 'A customer was restored from the trash',
    'customer.merged': 'Two customers were merged into one',
    'customer.assigned': 'A customer got another owner',
    'order.created': 'An order was created',
    'order.updated': 'An order changed',
    'feedback.created': 'Customer feedback arrived',
    'import.completed': 'An import finished',
  },
}

const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`

const deliveryInclude = { attemptLog: { orderBy: { attemptNo: 'asc' } } } as const satisfies Prisma.WebhookDeliveryInclude
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ include: typeof deliveryInclude }>
type SubscriptionRow = Prisma.WebhookSubscriptionGetPayload<object>

const toDeliveryDto = (row: DeliveryRow): WebhookDeliveryDto => ({
  id: row.id,
  eventId: row.eventId,
  eventType: row.eventType,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
  lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  responseStatus: row.responseStatus,
  responseBody: row.responseBody,
  error: row.error,
  durationMs: row.durationMs,
  replayOfId: row.replayOfId,
  createdAt: row.createdAt.toISOString(),
  payload: row.payload as WebhookDeliveryDto['payload'],
  attemptLog: row.attemptLog.map((attempt) => ({
    attemptNo: attempt.attemptNo,
    at: attempt.at.toISOString(),
    responseStatus: attempt.responseStatus,
    error: attempt.error,
    durationMs: attempt.durationMs,
  })),
})

const cursors = keysetCursor('createdAt')

/** `['*']` alone when everything is asked for; otherwise each type once, in the catalogue's order. */
const normaliseEvents = (events: readonly string[]): string[] =>
  events.includes('*') ? ['*'] : webhookEventTypes.filter((type) => events.includes(type))

// What the audit log keeps of a subscription: its settings, never its secret.
const snapshot = (row: SubscriptionRow) => ({
  name: row.name,
  url: row.url,
  events: row.events,
  active: row.active,
  description: row.description,
})

export const createWebhooksService = ({ db, cipher, logger, databaseUrl, config }: DataTransferDeps): WebhooksService => {
  const worker = createDeliveryWorker({ db, cipher, logger, databaseUrl, config })

  const secretOf = (row: SubscriptionRow) => cipher.open(row.secretEncrypted, row.keyId)

  const statsOf = async (ids: string[]) => {
    const groups = await db.webhookDelivery.groupBy({ by: ['subscriptionId', 'status'], where: { subscriptionId: { in: ids } }, _count: { _all: true } })
    return (id: string) => {
      const count = (status: 'succeeded' | 'failed' | 'pending') =>
        groups.find((group) => group.subscriptionId === id && group.status === status)?._count._all ?? 0
      return { succeeded: count('succeeded'), failed: count('failed'), pending: count('pending') }
    }
  }

  const toDto = (row: SubscriptionRow, stats: WebhookDto['stats']): WebhookDto => ({
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events as WebhookDto['events'],
    active: row.active,
    description: row.description,
    secretHint: secretOf(row).slice(-4),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    stats,
  })

  const withStats = async (row: SubscriptionRow) => toDto(row, (await statsOf([row.id]))(row.id))

  const findLive = async (client: Prisma.TransactionClient, id: string): Promise<SubscriptionRow> => {
    const row = isUuid(id) ? await client.webhookSubscription.findFirst({ where: { id, deletedAt: null } }) : null
    if (row === null) throw new AppError('WEBHOOK_NOT_FOUND')
    return row
  }

  const audit = (tx: Prisma.TransactionClient, caller: AuthenticatedContext, action: 'create' | 'update' | 'delete', before: SubscriptionRow | null, after: SubscriptionRow, meta?: Record<string, unknown>) =>
    recordAudit(tx, caller, {
      action,
      resource: 'webhook',
      resourceId: after.id,
      label: after.name,
      changes: diffSnapshots(before === null ? null : snapshot(before), action === 'delete' ? null : snapshot(after)),
      meta: meta ?? null,
    })

  const deliveryById = (id: string) => db.webhookDelivery.findUniqueOrThrow({ where: { id }, include: deliveryInclude })

  return {
    start: () => worker.start(),
    stop: () => worker.stop(),

    list: async (ctx) => {
      authenticated(ctx)
      const rows = await db.webhookSubscription.findMany({ where: { deletedAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
      const stats = await statsOf(rows.map((row) => row.id))
      return { items: rows.map((row) => toDto(row, stats(row.id))) }
    },

    create: async (ctx, input) => {
      const caller = authenticated(ctx)
      const secret = newSecret()
      const sealed = cipher.seal(secret)
      const row = await db.$transaction(async (tx) => {
        const created = await tx.webhookSubscription.create({
          data: {
            name: input.name,
            url: input.url,
            events: normaliseEvents(input.events),
            secretEncrypted: sealed.ciphertext,
            keyId: sealed.keyId,
            active: input.active ?? true,
            description: input.description ?? null,
            createdById: caller.user.apiKeyId === null ? caller.user.id : null,
          },
        })
        await audit(tx, caller, 'create', null, created)
        return created
      })
      return { ...toDto(row, { succeeded: 0, failed: 0, pending: 0 }), secret }
    },

    update: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      const row = await db.$transaction(async (tx) => {
        const before = await findLive(tx, id)
        const after = await tx.webhookSubscription.update({
          where: { id: before.id },
          data: {
            name: input.name,
            url: input.url,
            events: input.events === undefined ? undefined : normaliseEvents(input.events),
            active: input.active,
            description: input.description,
          },
        })
        await audit(tx, caller, 'update', before, after)
        return after
      })
      return withStats(row)
    },

    remove: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const before = await findLive(tx, id)
        const after = await tx.webhookSubscription.update({ where: { id: before.id }, data: { deletedAt: new Date() } })
        // What was still waiting goes nowhere now; the log keeps why.
        await tx.webhookDelivery.updateMany({
          where: { subscriptionId: before.id, status: 'pending' },
          data: { status: 'failed', nextAttemptAt: null, error: 'subscription deleted' },
        })
        await audit(tx, caller, 'delete', before, after)
      })
    },

    rotateSecret: async (ctx, id) => {
      const caller = authenticated(ctx)
      const secret = newSecret()
      const sealed = cipher.seal(secret)
      await db.$transaction(async (tx) => {
        const before = await findLive(tx, id)
        const after = await tx.webhookSubscription.update({ where: { id: before.id }, data: { secretEncrypted: sealed.ciphertext, keyId: sealed.keyId } })
        await audit(tx, caller, 'update', before, after, { secretRotated: true })
      })
      return { secret }
    },

    sendTest: async (ctx, id) => {
      authenticated(ctx)
      const subscription = await findLive(db, id)
      const body = eventBody(webhookTestEventType, { webhookId: subscription.id, message: 'Kezhi webhook test' })
      const created = await db.webhookDelivery.create({
        data: { subscriptionId: subscription.id, eventId: body.id, eventType: body.type, payload: body as unknown as Prisma.InputJsonObject },
        include: deliveryInclude,
      })
      worker.nudge()
      return toDeliveryDto(created)
    },

    events: (ctx) => ({ items: webhookEventTypes.map((type) => ({ type, description: eventDescriptions[ctx.language][type] })) }),

    deliveries: async (ctx, id, query) => {
      authenticated(ctx)
      const subscription = await findLive(db, id)
      const after = query.cursor === undefined ? undefined : cursors.decode(query.cursor)
      const rows = await db.webhookDelivery.findMany({
        where: {
          subscriptionId: subscription.id,
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(after === undefined ? {} : { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }),
        },
        include: deliveryInclude,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
      })
      const page = rows.slice(0, query.limit)
      const last = page.at(-1)
      return { items: page.map(toDeliveryDto), nextCursor: rows.length > query.limit && last !== undefined ? cursors.encode(last) : null }
    },

    replay: async (ctx, deliveryId) => {
      authenticated(ctx)
      const original = isUuid(deliveryId)
        ? await db.webhookDelivery.findFirst({ where: { id: deliveryId, subscription: { deletedAt: null } } })
        : null
      if (original === null) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND')
      // The same event (id and body) as a new delivery: its own id, timestamp, signature and attempts.
      const created = await db.webhookDelivery.create({
        data: {
          subscriptionId: original.subscriptionId,
          eventId: original.eventId,
          eventType: original.eventType,
          payload: original.payload as Prisma.InputJsonObject,
          replayOfId: original.id,
        },
      })
      worker.nudge()
      return toDeliveryDto(await deliveryById(created.id))
    },
  }
}
