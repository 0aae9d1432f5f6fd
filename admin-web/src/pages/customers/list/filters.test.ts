import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
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

  describe('custom fields', () => {
    const definitions = [
      { key: 'wechat_id', type: 'text' as const },
      { key: 'points', type: 'number' as const },
      { key: 'vip_since', type: 'date' as const },
      { key: 'channel', type: 'single_select' as const },
      { key: 'hobbies', type: 'multi_select' as const },
      { key: 'vip', type: 'boolean' as const },
    ];

    it('maps each type of form value to its condition', () => {
      expect(
        pickFilters(
          {
            'filter:customFields.wechat_id': '  chen ',
            'filter:customFields.points': [100, 500],
            'filter:customFields.vip_since': ['2024-01-01', dayjs('2024-12-31')],
            'filter:customFields.channel': ['门店', '抖音'],
            'filter:customFields.hobbies': ['茶'],
            'filter:customFields.vip': 'false',
            'filter:customFields.unknown': 'ignored',
          },
          definitions,
        ),
      ).toEqual({
        customFields: {
          wechat_id: 'chen',
          points: { min: 100, max: 500 },
          vip_since: { from: '2024-01-01', to: '2024-12-31' },
          channel: ['门店', '抖音'],
          hobbies: ['茶'],
          vip: false,
        },
      });
    });

    it('keeps open-ended ranges and leaves out what is empty', () => {
      expect(
        pickFilters(
          {
            'filter:customFields.wechat_id': ' ',
            'filter:customFields.points': [undefined, 20],
            'filter:customFields.vip_since': ['2024-01-01', null],
            'filter:customFields.channel': [],
            'filter:customFields.vip': true,
          },
          definitions,
        ),
      ).toEqual({ customFields: { points: { max: 20 }, vip_since: { from: '2024-01-01' }, vip: true } });
      expect(
        pickFilters(
          { 'filter:customFields.points': [null, null], 'filter:customFields.vip': undefined },
          definitions,
        ),
      ).toEqual({});
    });

    it('sends the conditions as one JSON parameter with sorted keys', () => {
      const query = toListQuery({
        filters: { customFields: { vip: true, points: { min: 1 } } },
        page: 1,
        pageSize: 20,
      });
      expect(query).toEqual({ page: 1, pageSize: 20, customFields: '{"points":{"min":1},"vip":true}' });
      expect(toListQuery({ filters: { customFields: {} }, page: 1, pageSize: 20 })).toEqual({
        page: 1,
        pageSize: 20,
      });
    });
  });
});
