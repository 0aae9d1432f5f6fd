import { describe, expect, it } from 'vitest';
import { centsToAmount, formatAmount, lineTotalCents, sumLineCents, toCents } from './money';

describe('money', () => {
  it('reads amounts from strings and numbers into cents', () => {
    expect(toCents('1280.00')).toBe(128000);
    expect(toCents(0.1)).toBe(10);
    expect(toCents('19.99')).toBe(1999);
    expect(toCents('')).toBeNull();
    expect(toCents('abc')).toBeNull();
    expect(toCents(undefined)).toBeNull();
  });

  it('writes cents back as the API decimal string', () => {
    expect(centsToAmount(128000)).toBe('1280.00');
    expect(centsToAmount(5)).toBe('0.05');
    expect(centsToAmount(0)).toBe('0.00');
    expect(centsToAmount(-1250)).toBe('-12.50');
  });

  it('computes line totals without floating point drift', () => {
    expect(lineTotalCents(3, '0.10')).toBe(30);
    expect(lineTotalCents('3', 19.99)).toBe(5997);
    expect(lineTotalCents(1.5, '2.25')).toBe(338);
    expect(lineTotalCents(undefined, '1')).toBeNull();
    expect(lineTotalCents(2, null)).toBeNull();
  });

  it('adds up the lines that are complete', () => {
    expect(
      sumLineCents([
        { quantity: 2, unitPrice: '0.10' },
        { quantity: 1, unitPrice: '0.20' },
        { quantity: undefined, unitPrice: '99' },
      ]),
    ).toBe(40);
  });

  it('formats amounts as yuan', () => {
    expect(formatAmount('1280.00', 'zh-CN')).toBe('¥1,280.00');
    expect(formatAmount('1280.5', 'en-US')).toBe('CN¥1,280.50');
    expect(formatAmount(null, 'zh-CN')).toBeNull();
  });
});
