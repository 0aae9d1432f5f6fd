import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, multiLine, singleLine } from '../../http/schemas.js'

/** Largest amount a NUMERIC(12,2) column holds. */
const maxCents = 999_999_999_999n

export const Money = z
  .string()
  .meta({ id: 'Money', description: 'Decimal string with exactly two places', example: '1280.00' })

const moneyText = /^\d{1,10}(\.\d{1,2})?$/

/**
 * An amount as a number or a decimal string, kept as integer cents: money is never held in binary
 * floating point, so sums and products of lines come out exact.
 */
export const MoneyInput = z
  .union([z.number(), z.string().trim()])
  .transform((value, ctx) => {
    // A number must already be a whole number of cents (19.9, not 19.999); toFixed then spells it exactly.
    const text = typeof value === 'string' ? value : Number(value.toFixed(2)) === value ? value.toFixed(2) : ''
    if (!moneyText.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'validation.money', input: value })
      return z.NEVER
    }
    const [whole = '0', fraction = ''] = text.split('.')
    return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'))
  })
  .refine((cents) => cents <= maxCents, { error: 'validation.money' })
  .meta({
    id: 'MoneyInput',
    description: 'A non-negative amount with at most two decimal places, as a number or a string',
    example: '1280.00',
  })

export const OrderStatus = z
  .enum(['pending', 'paid', 'completed', 'cancelled', 'refunded'])
  .meta({
    id: 'OrderStatus',
    description: 'Only paid and completed orders count toward the customer\'s metrics',
  })

export const OrderItem = z
  .object({
    product: z.string().meta({ example: '家用净水器 RO-600' }),
    category: z.string().nullable().meta({ example: '净水设备' }),
    quantity: z.number().int().meta({ example: 2 }),
    unitPrice: Money,
    lineTotal: Money.meta({ description: 'quantity × unitPrice', example: '2560.00' }),
  })
  .meta({ id: 'OrderItem' })

export const Order = z
  .object({
    id: z.uuid(),
    orderNo: z.string().meta({ example: 'KZ20261123-000123' }),
    orderedAt: IsoDateTime,
    channel: z.string().nullable().meta({ description: 'Where it was sold (free text)', example: '门店' }),
    status: OrderStatus,
    items: z.array(OrderItem),
    amount: Money,
    notes: z.string().nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Order' })

export const OrderItemInput = z
  .strictObject({
    product: singleLine(1, 100).meta({ example: '家用净水器 RO-600' }),
    category: singleLine(1, 50).nullable().optional().meta({ example: '净水设备' }),
    quantity: z.number().int().min(1).max(100_000).meta({ example: 2 }),
    unitPrice: MoneyInput,
  })
  .meta({ id: 'OrderItemInput' })

const orderFields = {
  orderNo: singleLine(1, 40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'validation.order_no' })
    .meta({ description: 'Generated as KZyyyymmdd-nnnnnn when not given; unique', example: 'KZ20261123-000123' }),
  orderedAt: z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601; defaults to now', example: '2026-11-23T08:00:00.000Z' }),
  channel: singleLine(1, 30).nullable().meta({ example: '门店' }),
  status: OrderStatus,
  items: z.array(OrderItemInput).max(100),
  amount: MoneyInput.nullable().meta({
    description: 'The order total; the sum of the lines when omitted (or null on update)',
  }),
  notes: multiLine(2000).nullable(),
}

export const OrderInput = z
  .strictObject({
    orderNo: orderFields.orderNo.optional(),
    orderedAt: orderFields.orderedAt.optional(),
    channel: orderFields.channel.optional(),
    status: orderFields.status.default('completed'),
    items: orderFields.items.default([]),
    amount: orderFields.amount.optional(),
    notes: orderFields.notes.optional(),
  })
  .refine((order) => order.items.length > 0 || (order.amount !== undefined && order.amount !== null), {
    error: 'validation.order_needs_lines',
    path: ['items'],
  })
  .meta({ id: 'OrderInput', description: 'At least one line, or an amount. `status` defaults to completed.' })

export const OrderPatch = z
  .strictObject(orderFields)
  .partial()
  .meta({
    id: 'OrderPatch',
    description:
      'Any subset of OrderInput. Lines sent replace the stored ones; the amount follows them unless given. Changing the ' +
      'amount or the quantities and prices of the lines needs order:update_amount (403 otherwise).',
  })

export const OrderListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})

export const OrderList = z
  .object({ items: z.array(Order), total: z.number().int().min(0) })
  .meta({ id: 'OrderList' })

export const OrderParams = z.object({
  id: z.string().meta({ description: 'Customer id (uuid)', format: 'uuid' }),
  orderId: z.string().meta({ description: 'Order id (uuid)', format: 'uuid' }),
})

export type OrderDto = z.infer<typeof Order>
export type OrderInputData = z.output<typeof OrderInput>
export type OrderPatchData = z.output<typeof OrderPatch>
export type OrderListQueryData = z.output<typeof OrderListQuery>
