import dayjs, { type Dayjs } from 'dayjs';
import type { Order, OrderInput, OrderStatus } from '@/api/types';
import { centsToAmount, lineTotalCents, sumLineCents, toCents } from '@/utils/money';

export const orderStatuses: readonly OrderStatus[] = [
  'pending',
  'paid',
  'completed',
  'cancelled',
  'refunded',
];

export interface OrderItemFormValue {
  product?: string;
  category?: string | null;
  quantity?: number | null;
  /** A decimal string (the price input works in string mode, so cents are never rounded by floats). */
  unitPrice?: string | number | null;
}

export interface OrderFormValues {
  orderNo?: string;
  orderedAt: Dayjs;
  channel?: string | null;
  status: OrderStatus;
  items: OrderItemFormValue[];
  notes?: string | null;
}

const blankToNull = (value: string | null | undefined) => value?.trim() || null;

/** The line total and order amount the form shows while typing ("2560.00"), null while incomplete. */
export function lineTotal(item: OrderItemFormValue): string | null {
  const cents = lineTotalCents(item.quantity, item.unitPrice);
  return cents === null ? null : centsToAmount(cents);
}

export function orderAmount(items: readonly OrderItemFormValue[]): string {
  return centsToAmount(sumLineCents(items));
}

/**
 * The request body. The amount is left to the server (the sum of the lines); on an update it is
 * sent as null so a total set before is recomputed from the edited lines — unless the person may not
 * change amounts (no order:update_amount): then the form keeps quantities and prices as they were and
 * the amount is not sent at all.
 */
export function toOrderInput(
  values: OrderFormValues,
  editing: boolean,
  { amountLocked = false }: { amountLocked?: boolean } = {},
): OrderInput {
  const items = values.items
    .filter((item) => item.product?.trim())
    .map((item) => ({
      product: item.product?.trim() ?? '',
      category: blankToNull(item.category),
      quantity: Number(item.quantity ?? 1),
      unitPrice: centsToAmount(toCents(item.unitPrice) ?? 0),
    }));
  const input: OrderInput = {
    orderedAt: values.orderedAt.toISOString(),
    channel: blankToNull(values.channel),
    status: values.status,
    items,
    notes: blankToNull(values.notes),
  };
  const orderNo = values.orderNo?.trim();
  // A new order without a number gets one from the server (KZyyyymmdd-nnnnnn).
  if (orderNo) input.orderNo = orderNo;
  if (editing && !amountLocked) input.amount = null;
  return input;
}

export function toOrderFormValues(order: Order): OrderFormValues {
  return {
    orderNo: order.orderNo,
    orderedAt: dayjs(order.orderedAt),
    channel: order.channel,
    status: order.status,
    items: order.items.map((item) => ({
      product: item.product,
      category: item.category,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
    })),
    notes: order.notes,
  };
}

export function emptyOrderFormValues(now: Dayjs = dayjs()): OrderFormValues {
  return { orderedAt: now, status: 'completed', items: [{ quantity: 1 }] };
}
