import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { filterValuesFromSearch, npsGroupOf, toFeedbackFilters } from './filters';

describe('inbox filters', () => {
  it('sends nothing for an empty form', () => {
    expect(toFeedbackFilters({})).toEqual({});
    expect(toFeedbackFilters({ keyword: '   ', dates: null })).toEqual({});
  });

  it('turns every filled filter into its query parameter', () => {
    expect(
      toFeedbackFilters({
        keyword: ' 退货 ',
        status: 'new',
        category: 'complaint',
        teamId: 'team-1',
        channelId: 'channel-1',
        assigneeId: 'me',
        rating: 1,
        npsGroup: 'detractor',
        linked: 'false',
        dates: [dayjs('2026-11-01T12:00:00'), dayjs('2026-11-23T09:30:00')],
      }),
    ).toEqual({
      keyword: '退货',
      status: 'new',
      category: 'complaint',
      teamId: 'team-1',
      channelId: 'channel-1',
      assigneeId: 'me',
      rating: 1,
      npsGroup: 'detractor',
      linked: 'false',
      from: '2026-11-01',
      to: '2026-11-23',
    });
  });

  it('keeps an open-ended date range open', () => {
    expect(toFeedbackFilters({ dates: [null, dayjs('2026-11-23')] })).toEqual({ to: '2026-11-23' });
  });

  it('reads the filters a link into the inbox carries, ignoring unknown statuses', () => {
    expect(filterValuesFromSearch(new URLSearchParams('channelId=c1&status=resolved&id=f1'))).toEqual({
      channelId: 'c1',
      status: 'resolved',
    });
    expect(filterValuesFromSearch(new URLSearchParams('status=deleted'))).toEqual({});
  });
});

describe('NPS groups', () => {
  it('counts 9 and 10 as promoters, 7 and 8 as passives, 0 to 6 as detractors', () => {
    expect([10, 9, 8, 7, 6, 0].map(npsGroupOf)).toEqual([
      'promoter',
      'promoter',
      'passive',
      'passive',
      'detractor',
      'detractor',
    ]);
    expect(npsGroupOf(null)).toBeNull();
  });
});
