import { describe, expect, it } from 'vitest';
import { columnSortOrder, isSortableColumn, parseSort, sortFromTable, sortQuery } from './sort';

describe('list sort', () => {
  it('turns a header click into the server sort', () => {
    expect(sortFromTable({ columnKey: 'totalSpent', order: 'descend' })).toEqual({
      field: 'totalSpent',
      order: 'desc',
    });
    expect(sortFromTable({ columnKey: 'name', order: 'ascend' })).toEqual({ field: 'name', order: 'asc' });
    expect(sortFromTable([{ columnKey: 'name' }, { columnKey: 'owner', order: 'ascend' }])).toEqual({
      field: 'owner',
      order: 'asc',
    });
  });

  it('goes back to the default when the sort is cleared or the column does not sort', () => {
    expect(sortFromTable({ columnKey: 'name', order: null })).toBeNull();
    expect(sortFromTable({ columnKey: 'tags', order: 'ascend' })).toBeNull();
    expect(sortFromTable({ order: 'ascend' })).toBeNull();
    expect(sortFromTable([])).toBeNull();
  });

  it('knows which columns sort', () => {
    expect(isSortableColumn('lastActivityAt')).toBe(true);
    expect(isSortableColumn('tags')).toBe(false);
    expect(isSortableColumn('customField:vip')).toBe(false);
  });

  it('shows the arrow on the sorted column only', () => {
    const sort = { field: 'createdAt', order: 'asc' } as const;
    expect(columnSortOrder(sort, 'createdAt')).toBe('ascend');
    expect(columnSortOrder(sort, 'name')).toBeNull();
    expect(columnSortOrder({ field: 'relevance', order: 'desc' }, 'name')).toBeNull();
    expect(columnSortOrder(null, 'name')).toBeNull();
  });

  it('leaves the default to the server and drops the order of relevance', () => {
    expect(sortQuery(null)).toEqual({});
    expect(sortQuery({ field: 'relevance', order: 'asc' })).toEqual({ sort: 'relevance' });
    expect(sortQuery({ field: 'orderCount', order: 'asc' })).toEqual({ sort: 'orderCount', order: 'asc' });
  });

  it('reads a saved sort back', () => {
    expect(parseSort(null)).toBeNull();
    expect(parseSort({ field: 'level', order: 'asc' })).toEqual({ field: 'level', order: 'asc' });
    expect(parseSort({ field: 'relevance', order: 'asc' })).toEqual({ field: 'relevance', order: 'desc' });
  });
});
