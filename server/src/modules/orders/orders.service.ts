import type { CustomerAccess } from '../../access/customers.js'
import type { Db } from '../../db/prisma.js'
import { Prisma } from '../../generated/prisma/client.js'
import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import { authenticated, can, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { recordEvents } from '../webhooks/webhook-events.js'
import { recomputeCustomerMetrics } from './orders.metrics.js'
import type { OrderDto, OrderInputData, OrderListQueryData, OrderPatchData } from './orders.schemas.js'

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Largest value of the NUMERIC(14,2) amount columns, in cents. */
const maxStoredCents = 99_999_999_999_999n

const orderInclude = { items: { orderBy: { sortOrder: 'asc' } } } as const satisfies Prisma.OrderInclude
export type OrderRow = Prisma.OrderGetPayload<{ include: typeof orderInclude }>

export const money = (value: Prisma.Decimal): string => value.toFixed(2)

const centsText = (cents: bigint): string => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`

export const toOrderDto = (row: OrderRow): OrderDto => ({
  id: row.id,
  orderNo: row.orderNo,
  orderedAt: row.orderedAt.toISOString(),
  channel: row.channel,
  status: row.status,
  items: row.items.map((item) => ({
    product: item.product,
    category: item.category,
    quantity: item.quantity,
    unitPrice: money(item.unitPrice),
    lineTotal: money(item.lineTotal),
  })),
  amount: money(row.amount),
  notes: row.notes,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

const tooLarge = (field: string) =>
  new AppError('VALIDATION_FAILED', { fieldProblems: [{ field, messageKey: 'validation.amount_too_large' }] })

/** The stored lines of an order and their sum, all in exact cents. */
const priceLines = (items: OrderInputData['items']) => {
  let sum = 0n
  const lines = items.map((item, index) => {
    const lineTotal = BigInt(item.quantity) * item.unitPrice
    if (lineTotal > maxStoredCents) throw tooLarge(`items.${index}.unitPrice`)
    sum += lineTotal
    return {
      product: item.product,
      category: item.category ?? null,
      quantity: item.quantity,
      unitPrice: centsText(item.unitPrice),
      lineTotal: centsText(lineTotal),
      sortOrder: index,
    }
  })
  if (sum > maxStoredCents) throw tooLarge('items')
  return { lines, sum }
}

/** Today's date in China (UTC+8 all year, no daylight saving), as YYYYMMDD. */
const chinaDay = (now: Date): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')

/**
 * The next KZyyyymmdd-nnnnnn number of the day. A transaction-scoped advisory lock makes concurrent creations
 * take turns, so two orders never draw the same number; it is released at commit.
 */
const nextOrderNo = async (tx: Prisma.TransactionClient, now: Date): Promise<string> => {
  const prefix = `KZ${chinaDay(now)}-`
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`kezhi.order_no.${prefix}`}))`
  const [row] = await tx.$queryRaw<{ last: number | null }[]>`
    SELECT max(right(order_no, 6)::int) AS last
    FROM orders WHERE order_no ~ ${`^${prefix}[0-9]{6}$`}`
  return `${prefix}${String((row?.last ?? 0) + 1).padStart(6, '0')}`
}

const ensureOrderNoFree = async (tx: Prisma.TransactionClient, orderNo: string, exceptId?: string) => {
  const taken = await tx.order.findFirst({ where: { orderNo, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } })
  if (taken !== null) throw new AppError('ORDER_NO_TAKEN')
}

/** What the audit log keeps of an order: what a person would compare, lines as one readable text each. */
const auditView = (row: OrderRow): Record<string, unknown> => ({
  orderNo: row.orderNo,
  orderedAt: row.orderedAt.toISOString(),
  channel: row.channel,
  status: row.status,
  amount: money(row.amount),
  items: row.items.map((item) => `${item.product} × ${item.quantity} @ ${money(item.unitPrice)}`),
  notes: row.notes,
})

/** Quantities and prices of the lines, in order: what `order:update_amount` guards (names may change freely). */
const pricing = (items: readonly { quantity: number; unitPrice: string }[]) => JSON.stringify(items.map((item) => [item.quantity, item.unitPrice]))

export interface OrdersService {
  list(ctx: RequestContext, customerId: string, query: OrderListQueryData): Promise<{ items: OrderDto[]; total: number }>
  create(ctx: RequestContext, customerId: string, input: OrderInputData): Promise<OrderDto>
  update(ctx: RequestContext, customerId: string, orderId: string, input: OrderPatchData): Promise<OrderDto>
  remove(ctx: RequestContext, customerId: string, orderId: string): Promise<void>
}

export const createOrdersService = ({ db, access }: { db: Db; access: Pick<CustomerAccess, 'requireInScope'> }): OrdersService => {
  /** The live order of that customer, or ORDER_NOT_FOUND: an id of another customer's order reveals nothing. */
  const findOrder = async (tx: Prisma.TransactionClient, customerId: string, orderId: string) => {
    if (!uuidShape.test(orderId)) throw new AppError('ORDER_NOT_FOUND')
    const row = await tx.order.findFirst({ where: { id: orderId, customerId, deletedAt: null }, include: orderInclude })
    if (row === null) throw new AppError('ORDER_NOT_FOUND')
    return row
  }

  return {
    list: async (ctx, customerId, { page, pageSize }) => {
      const caller = authenticated(ctx)
      const customer = await access.requireInScope(caller, customerId)
      const where = { customerId: customer.id, deletedAt: null }
      const [rows, total] = await Promise.all([
        db.order.findMany({
          where,
          include: orderInclude,
          orderBy: [{ orderedAt: 'desc' }, { id: 'desc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.order.count({ where }),
      ])
      return { items: rows.map(toOrderDto), total }
    },

    create: async (ctx, customerId, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        const { lines, sum } = priceLines(input.items)
        // A given amount is at most ten digits before the point (MoneyInput), well inside the column.
        const amount = input.amount ?? sum
        const now = new Date()
        if (input.orderNo !== undefined) await ensureOrderNoFree(tx, input.orderNo)
        const row = await tx.order.create({
          data: {
            customerId: customer.id,
            orderNo: input.orderNo ?? (await nextOrderNo(tx, now)),
            orderedAt: input.orderedAt === undefined ? now : new Date(input.orderedAt),
            channel: input.channel ?? null,
            status: input.status,
            amount: centsText(amount),
            notes: input.notes ?? null,
            createdById: caller.user.id,
            items: { createMany: { data: lines } },
          },
          include: orderInclude,
        })
        await recomputeCustomerMetrics(tx, customer.id)
        await recordAudit(tx, caller, {
          action: 'create', resource: 'order', resourceId: row.id, customerId: customer.id, label: row.orderNo,
          changes: diffSnapshots(null, auditView(row)),
        })
        const order = toOrderDto(row)
        await recordEvents(tx, [{ type: 'order.created', data: { order: { ...order, customerId: customer.id }, customer: { id: customer.id, name: customer.name } } }])
        return order
      })
    },

    update: async (ctx, customerId, orderId, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        const existing = await findOrder(tx, customer.id, orderId)
        if (input.orderNo !== undefined && input.orderNo !== existing.orderNo) await ensureOrderNoFree(tx, input.orderNo, existing.id)
        const priced = input.items === undefined ? undefined : priceLines(input.items)
        // The amount follows the lines unless it is given; null asks for the sum of the (new or kept) lines.
        let amount: string | undefined
        if (input.amount !== undefined && input.amount !== null) {
          amount = centsText(input.amount)
        } else if (input.amount === null || priced !== undefined) {
          const sum = priced?.sum ?? existing.items.reduce((total, item) => total + BigInt(item.lineTotal.mul(100).toFixed(0)), 0n)
          amount = centsText(sum)
        }
        // Money already recorded changes only with order:update_amount; everything else stays customer:update.
        const amountChanges = amount !== undefined && amount !== money(existing.amount)
        const pricesChange =
          priced !== undefined && pricing(priced.lines) !== pricing(existing.items.map((item) => ({ quantity: item.quantity, unitPrice: money(item.unitPrice) })))
        if ((amountChanges || pricesChange) && !can(caller.user, 'order:update_amount')) throw new AppError('FORBIDDEN')
        if (priced !== undefined) await tx.orderItem.deleteMany({ where: { orderId: existing.id } })
        const row = await tx.order.update({
          where: { id: existing.id },
          data: {
            orderNo: input.orderNo,
            orderedAt: input.orderedAt === undefined ? undefined : new Date(input.orderedAt),
            channel: input.channel,
            status: input.status,
            notes: input.notes,
            amount,
            ...(priced === undefined ? {} : { items: { createMany: { data: priced.lines } } }),
          },
          include: orderInclude,
        })
        await recomputeCustomerMetrics(tx, customer.id)
        const changes = diffSnapshots(auditView(existing), auditView(row))
        if (Object.keys(changes).length > 0) {
          await recordAudit(tx, caller, { action: 'update', resource: 'order', resourceId: row.id, customerId: customer.id, label: row.orderNo, changes })
        }
        const order = toOrderDto(row)
        if (Object.keys(changes).length > 0) {
          await recordEvents(tx, [{ type: 'order.updated', data: { order: { ...order, customerId: customer.id }, customer: { id: customer.id, name: customer.name } } }])
        }
        return order
      })
    },

    remove: async (ctx, customerId, orderId) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const customer = await access.requireInScope(caller, customerId, tx, { lock: true })
        const existing = await findOrder(tx, customer.id, orderId)
        await tx.order.update({ where: { id: existing.id }, data: { deletedAt: new Date() } })
        await recomputeCustomerMetrics(tx, customer.id)
        await recordAudit(tx, caller, {
          action: 'delete', resource: 'order', resourceId: existing.id, customerId: customer.id, label: existing.orderNo,
          changes: diffSnapshots(auditView(existing), null),
        })
      })
    },
  }
}
