import { describe, expect, it } from 'vitest';
import { pickFilters, toListQuery } from './filters';

describe('customer list filters', () => {
  it('sends only the filters that are set', () => {
    expect(toListQuery({ filters: {}, page: 1, pageSize: 20 })).toEqual({ page: 1, pageSize: 20 });
    expect(
      toListQuery({
        filters: {
          tagIds: ['t2', 't1'],
          groupId: 'g1',
          levelId: 'l1',
          lifecycleStatus: 'active',
          ownerId: 'u1',
        },
        keyword: '  张 ',
        page: 2,
        pageSize: 50,
      }),
    ).toEqual({
      page: 2,
      pageSize: 50,
      keyword: '张',
      tagIds: ['t1', 't2'],
      groupId: 'g1',
      levelId: 'l1',
      lifecycleStatus: 'active',
      ownerId: 'u1',
    });
  });

  it('treats cleared filters like unset ones', () => {
    expect(toListQuery({ filters: { tagIds: [] }, keyword: ' ', page: 1, pageSize: 20 })).toEqual({
      page: 1,
      pageSize: 20,
    });
  });

  it('reads the search form values, ignoring what ProTable adds', () => {
    expect(
      pickFilters({
        'filter:tagIds': ['t1', 3],
        'filter:groupId': '',
        'filter:levelId': 'l1',
        'filter:lifecycleStatus': 'asleep',
        'filter:ownerId': 'u1',
        levelId: 'not a filter field',
        current: 1,
        pageSize: 20,
        _timestamp: 1,
      }),
    ).toEqual({ tagIds: ['t1'], levelId: 'l1', ownerId: 'u1' });
    expect(pickFilters({ 'filter:lifecycleStatus': 'dormant' })).toEqual({ lifecycleStatus: 'dormant' });
  });
});
