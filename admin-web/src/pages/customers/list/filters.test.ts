import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import {
  countConditions,
  filterFromForm,
  filterQuery,
  formFromFilter,
  listQueryString,
  normalizeFilter,
  regionPathOf,
  sameFilter,
} from './filters';

const definitions = [
  { key: 'wechat_id', type: 'text' as const },
  { key: 'points', type: 'number' as const },
  { key: 'vip_since', type: 'date' as const },
  { key: 'channel', type: 'single_select' as const },
  { key: 'hobbies', type: 'multi_select' as const },
  { key: 'vip', type: 'boolean' as const },
];

describe('normalizeFilter', () => {
  it('drops what is empty and sorts lists', () => {
    expect(
      normalizeFilter({
        keyword: '  张 ',
        tagIds: ['t2', 't1', 't2'],
        groupIds: [],
        lifecycleStatuses: ['churned', 'new'],
        createdFrom: '2024-01-01',
        totalSpentMin: 0,
        customFields: {},
      }),
    ).toEqual({
      keyword: '张',
      tagIds: ['t1', 't2'],
      lifecycleStatuses: ['new', 'churned'],
      createdFrom: '2024-01-01',
      totalSpentMin: 0,
    });
  });

  it('keeps the tag mode only when it means something', () => {
    expect(normalizeFilter({ tagMode: 'none' })).toEqual({});
    expect(normalizeFilter({ tagIds: ['t1'], tagMode: 'any' })).toEqual({ tagIds: ['t1'] });
    expect(normalizeFilter({ tagIds: ['t1'], tagMode: 'none' })).toEqual({ tagIds: ['t1'], tagMode: 'none' });
  });

  it('ignores what it does not understand in a saved filter', () => {
    expect(
      normalizeFilter({
        keyword: 3,
        tagIds: 'not a list',
        lifecycleStatuses: ['asleep', 'active'],
        createdTo: 'yesterday',
        orderCountMax: '5',
        somethingNew: true,
      }),
    ).toEqual({ lifecycleStatuses: ['active'] });
  });

  it('compares filters by meaning', () => {
    expect(sameFilter({ tagIds: ['a', 'b'], groupIds: [] }, { tagIds: ['b', 'a'] })).toBe(true);
    expect(sameFilter({ tagIds: ['a'] }, { tagIds: ['a'], tagMode: 'all' })).toBe(false);
  });
});

describe('the list query', () => {
  it('sends lists as repeated parameters and custom fields as one JSON parameter with sorted keys', () => {
    const query = filterQuery({
      ownerIds: ['none', 'me'],
      regionCodes: ['330100'],
      orderCountMin: 2,
      customFields: { vip: true, points: { min: 1 } },
    });
    expect(
      new URLSearchParams(listQueryString({ ...query, sort: 'name', limit: 50 })).getAll('ownerIds'),
    ).toEqual(['me', 'none']);
    const params = new URLSearchParams(listQueryString({ ...query, cursor: 'c1' }));
    expect(params.get('customFields')).toBe('{"points":{"min":1},"vip":true}');
    expect(params.get('regionCodes')).toBe('330100');
    expect(params.get('orderCountMin')).toBe('2');
    expect(params.get('cursor')).toBe('c1');
    expect(listQueryString(filterQuery({}))).toBe('');
  });
});

describe('regionPathOf', () => {
  it('finds the parents of a code from its digits', () => {
    expect(regionPathOf('330000')).toEqual(['330000']);
    expect(regionPathOf('330100')).toEqual(['330000', '330100']);
    expect(regionPathOf('330106')).toEqual(['330000', '330100', '330106']);
    expect(regionPathOf('110101')).toEqual(['110000', '110100', '110101']);
    expect(regionPathOf('x')).toEqual([]);
  });
});

describe('the filter panel form', () => {
  it('reads every kind of field', () => {
    expect(
      filterFromForm(
        {
          tagIds: ['t1', 3],
          tagMode: 'all',
          groupIds: ['g1'],
          regionCodes: [['330000'], ['440000', '440300', '440305']],
          ownerIds: ['me'],
          levelIds: ['l1'],
          lifecycleStatuses: ['active', 'asleep'],
          sources: ['抖音'],
          created: ['2024-01-01', dayjs('2024-03-31')],
          lastActivity: [null, '2024-06-30'],
          lastPurchase: undefined,
          totalSpent: [100.5, null],
          orderCount: [1.6, 10],
          current: 1,
        },
        definitions,
      ),
    ).toEqual({
      tagIds: ['t1'],
      tagMode: 'all',
      groupIds: ['g1'],
      regionCodes: ['330000', '440305'],
      ownerIds: ['me'],
      levelIds: ['l1'],
      lifecycleStatuses: ['active'],
      sources: ['抖音'],
      createdFrom: '2024-01-01',
      createdTo: '2024-03-31',
      lastActivityTo: '2024-06-30',
      totalSpentMin: 100.5,
      orderCountMin: 2,
      orderCountMax: 10,
    });
    expect(filterFromForm({})).toEqual({});
  });

  it('maps each type of custom field value to its condition', () => {
    expect(
      filterFromForm(
        {
          'customField:wechat_id': '  chen ',
          'customField:points': [100, 500],
          'customField:vip_since': ['2024-01-01', dayjs('2024-12-31')],
          'customField:channel': ['门店', '抖音'],
          'customField:hobbies': ['茶'],
          'customField:vip': 'false',
          'customField:unknown': 'ignored',
        },
        definitions,
      ),
    ).toEqual({
      customFields: {
        channel: ['门店', '抖音'],
        hobbies: ['茶'],
        points: { min: 100, max: 500 },
        vip: false,
        vip_since: { from: '2024-01-01', to: '2024-12-31' },
        wechat_id: 'chen',
      },
    });
  });

  it('keeps open-ended custom ranges and leaves out what is empty', () => {
    expect(
      filterFromForm(
        {
          'customField:wechat_id': ' ',
          'customField:points': [undefined, 20],
          'customField:vip_since': ['2024-01-01', null],
          'customField:channel': [],
          'customField:vip': true,
        },
        definitions,
      ),
    ).toEqual({ customFields: { points: { max: 20 }, vip: true, vip_since: { from: '2024-01-01' } } });
  });

  it('fills the form from a saved filter and reads it back the same', () => {
    const saved = {
      tagIds: ['t1'],
      tagMode: 'none' as const,
      regionCodes: ['330106'],
      ownerIds: ['none'],
      createdTo: '2024-12-31',
      totalSpentMax: 500,
      customFields: {
        channel: ['门店'],
        points: { min: 3 },
        vip: true,
        vip_since: { to: '2024-06-01' },
        wechat_id: 'chen',
      },
    };
    const values = formFromFilter(saved, definitions);
    expect(values.regionCodes).toEqual([['330000', '330100', '330106']]);
    expect(values.totalSpent).toEqual([null, 500]);
    expect(values['customField:vip']).toBe('true');
    expect(filterFromForm(values, definitions)).toEqual(normalizeFilter(saved));
  });

  it('clears every field a filter does not set', () => {
    const values = formFromFilter({}, definitions);
    expect(values.tagMode).toBe('any');
    expect(Object.entries(values).filter(([key, value]) => key !== 'tagMode' && value !== undefined)).toEqual(
      [],
    );
  });
});

describe('countConditions', () => {
  it('counts each list, range and custom field once, not the keyword', () => {
    expect(countConditions({})).toBe(0);
    expect(
      countConditions({
        keyword: '张',
        tagIds: ['a', 'b'],
        tagMode: 'all',
        createdFrom: '2024-01-01',
        createdTo: '2024-02-01',
        orderCountMin: 1,
        lifecycleStatuses: ['new'],
        customFields: { vip: true },
      }),
    ).toBe(5);
  });
});
