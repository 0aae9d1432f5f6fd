import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Order } from '@/api/types';
import { emptyOrderFormValues, lineTotal, orderAmount, toOrderFormValues, toOrderInput } from './orderForm';

describe('order form', () => {
  it('computes line totals and the amount exactly', () => {
    expect(lineTotal({ quantity: 3, unitPrice: '0.10' })).toBe('0.30');
    expect(lineTotal({ quantity: 2, unitPrice: '1280' })).toBe('2560.00');
    expect(lineTotal({ quantity: 2 })).toBeNull();
    expect(
      orderAmount([{ quantity: 3, unitPrice: '0.10' }, { quantity: 1, unitPrice: '0.20' }, { product: 'x' }]),
    ).toBe('0.50');
  });

  it('builds the request body, skipping empty lines and leaving the amount to the server', () => {
    const orderedAt = dayjs('2026-11-23T08:00:00.000Z');
    const input = toOrderInput(
      {
        orderNo: ' ',
        orderedAt,
        channel: ' 门店 ',
        status: 'paid',
        items: [
          { product: ' 净水器 ', category: '', quantity: 2, unitPrice: '1280' },
          { product: '', quantity: 1, unitPrice: '5' },
          { product: '滤芯', category: '耗材', quantity: 3, unitPrice: 99.9 },
        ],
        notes: '',
      },
      false,
    );
    expect(input).toEqual({
      orderedAt: '2026-11-23T08:00:00.000Z',
      channel: '门店',
      status: 'paid',
      items: [
        { product: '净水器', category: null, quantity: 2, unitPrice: '1280.00' },
        { product: '滤芯', category: '耗材', quantity: 3, unitPrice: '99.90' },
      ],
      notes: null,
    });
  });

  it('keeps the order number and recomputes the amount on an update', () => {
    const input = toOrderInput({ ...emptyOrderFormValues(), orderNo: 'KZ1' }, true);
    expect(input).toMatchObject({ orderNo: 'KZ1', amount: null, status: 'completed' });
  });

  it('leaves the amount out of an update by someone who may not change amounts', () => {
    const input = toOrderInput({ ...emptyOrderFormValues(), orderNo: 'KZ1' }, true, { amountLocked: true });
    expect('amount' in input).toBe(false);
  });

  it('fills the form from an order', () => {
    const order = {
      id: 'o1',
      orderNo: 'KZ20261123-000001',
      orderedAt: '2026-11-23T08:00:00.000Z',
      channel: null,
      status: 'completed',
      items: [{ product: '净水器', category: null, quantity: 1, unitPrice: '1280.00', lineTotal: '1280.00' }],
      amount: '1280.00',
      notes: null,
      createdAt: '2026-11-23T08:00:00.000Z',
      updatedAt: '2026-11-23T08:00:00.000Z',
    } as Order;
    const values = toOrderFormValues(order);
    expect(values.items).toEqual([{ product: '净水器', category: null, quantity: 1, unitPrice: '1280.00' }]);
    expect(values.orderedAt.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });
});
