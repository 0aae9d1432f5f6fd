import { describe, expect, it } from 'vitest';
import type { CustomerListItem } from '@/api/types';
import { nextCursorOf, rowsOf, totalOf } from './paging';

const row = (id: string) => ({ id }) as CustomerListItem;

describe('keyset paging', () => {
  it('asks for the next page with the cursor the server gave, and stops on the last', () => {
    expect(nextCursorOf({ nextCursor: 'abc' })).toBe('abc');
    expect(nextCursorOf({ nextCursor: null })).toBeUndefined();
  });

  it('joins the pages in order, each customer once', () => {
    expect(
      rowsOf([{ items: [row('a'), row('b')] }, { items: [row('b'), row('c')] }]).map(({ id }) => id),
    ).toEqual(['a', 'b', 'c']);
    expect(rowsOf(undefined)).toEqual([]);
  });

  it('takes the total from the first page', () => {
    expect(
      totalOf([
        { total: 12000, totalIsEstimate: true },
        { total: 12001, totalIsEstimate: true },
      ]),
    ).toEqual({ count: 12000, estimate: true });
    expect(totalOf([])).toBeNull();
  });
});
