import { describe, expect, it } from 'vitest';
import type { Customer } from '@/api/types';
import {
  customerFormFields,
  mainlandMobilePattern,
  toCustomerFormValues,
  toCustomerPayload,
} from './customerForm';

describe('customer form', () => {
  it('accepts mainland mobile numbers only', () => {
    for (const valid of ['13800138000', '19912345678', '15000000000'])
      expect(mainlandMobilePattern.test(valid)).toBe(true);
    for (const invalid of ['12800138000', '1380013800', '138001380000', '+8613800138000', '010-12345678']) {
      expect(mainlandMobilePattern.test(invalid)).toBe(false);
    }
  });

  it('sends blank optional fields as null and tidies the tags', () => {
    expect(
      toCustomerPayload({
        name: '  王芳 ',
        phone: '',
        email: '  ',
        province: '浙江省',
        city: undefined,
        tags: [' VIP', 'VIP', ''],
        notes: '',
      }),
    ).toEqual({
      name: '王芳',
      gender: 'unknown',
      phone: null,
      email: null,
      province: '浙江省',
      city: null,
      tags: ['VIP'],
      notes: null,
    });
  });

  it('fills the form from a customer and lists every field it shows', () => {
    const customer: Customer = {
      id: 'c1',
      name: '李雷',
      gender: 'male',
      phone: '13800138000',
      email: 'lilei@example.com',
      province: '广东省',
      city: '深圳市',
      tags: ['老客户'],
      notes: null,
      owner: { id: 'u1', displayName: '李娜' },
      createdAt: '2025-01-31T08:00:00.000Z',
      updatedAt: '2025-01-31T08:00:00.000Z',
    };
    const values = toCustomerFormValues(customer);
    expect(values).toEqual({
      name: '李雷',
      gender: 'male',
      phone: '13800138000',
      email: 'lilei@example.com',
      province: '广东省',
      city: '深圳市',
      tags: ['老客户'],
      notes: null,
    });
    expect(Object.keys(values).sort()).toEqual([...customerFormFields].sort());
  });
});
