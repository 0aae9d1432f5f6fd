import { describe, expect, it } from 'vitest';
import {
  customFieldColumnKey,
  parseColumnsState,
  sameColumnsState,
  serializeColumnsState,
} from './columnsState';

describe('column settings', () => {
  it('keeps what the person chose and nothing else', () => {
    expect(
      serializeColumnsState({
        name: { show: true, order: 0, fixed: 'left', disable: true },
        company: { show: false, order: 3 },
        region: { fixed: undefined },
      }),
    ).toEqual({
      version: 1,
      columns: { name: { show: true, order: 0, fixed: 'left' }, company: { show: false, order: 3 } },
    });
  });

  it('round-trips through the stored form', () => {
    const map = { tags: { show: false }, totalSpent: { order: 1, fixed: 'right' as const } };
    expect(parseColumnsState(JSON.parse(JSON.stringify(serializeColumnsState(map))))).toEqual(map);
  });

  it('ignores unset, foreign or malformed preferences', () => {
    expect(parseColumnsState(null)).toEqual({});
    expect(parseColumnsState('columns')).toEqual({});
    expect(parseColumnsState({ version: 2, columns: { name: { show: false } } })).toEqual({});
    expect(
      parseColumnsState({
        version: 1,
        columns: { name: { show: 'no', order: Number.NaN, fixed: 'top' }, tags: [], owner: { show: false } },
      }),
    ).toEqual({ owner: { show: false } });
  });

  it('compares maps by what would be stored', () => {
    expect(sameColumnsState({ a: { show: true, disable: true } }, { a: { show: true } })).toBe(true);
    expect(sameColumnsState({ a: { show: true } }, { a: { show: false } })).toBe(false);
  });

  it('names custom field columns apart from built-in columns', () => {
    expect(customFieldColumnKey('name')).toBe('customField:name');
  });
});
