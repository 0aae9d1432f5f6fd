import { describe, expect, it } from 'vitest';
import { flattenKeys } from '@/i18n/flattenKeys';
import enUS from './en-US.json';
import zhCN from './zh-CN.json';

describe('locale files', () => {
  const chineseKeys = flattenKeys(zhCN).sort();
  const englishKeys = flattenKeys(enUS).sort();

  it('have exactly the same keys', () => {
    expect(englishKeys).toEqual(chineseKeys);
  });

  it('have no empty messages', () => {
    const values = (messages: Record<string, unknown>): unknown[] =>
      Object.values(messages).flatMap((value) =>
        typeof value === 'object' && value !== null ? values(value as Record<string, unknown>) : [value],
      );
    for (const value of [...values(zhCN), ...values(enUS)]) {
      expect(typeof value === 'string' && value.trim().length > 0).toBe(true);
    }
  });

  it('use the same interpolation variables in both languages', () => {
    const variables = (message: string) =>
      [...message.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort();
    const lookup = (messages: object, key: string): string =>
      key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;
    for (const key of chineseKeys) {
      expect(variables(lookup(enUS, key)), key).toEqual(variables(lookup(zhCN, key)));
    }
  });
});

describe('flattenKeys', () => {
  it('joins nested keys with dots', () => {
    expect(flattenKeys({ a: 'x', b: { c: 'y', d: { e: 'z' } } })).toEqual(['a', 'b.c', 'b.d.e']);
  });
});
