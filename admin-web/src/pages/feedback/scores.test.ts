import { describe, expect, it } from 'vitest';
import { chartPoints, formatNps, formatPercent, formatRating, npsShares } from './scores';

const empty = '—';
const score = { count: 0, ratingAverage: null, csat: null, npsResponses: 0, promoters: 0, passives: 0, detractors: 0, nps: null };

describe('score formatting', () => {
  it('writes shares with at most one decimal', () => {
    expect(formatPercent(87.5, empty)).toBe('87.5%');
    expect(formatPercent(100, empty)).toBe('100%');
    expect(formatPercent(66.6666, empty)).toBe('66.7%');
  });

  it('writes NPS with its sign', () => {
    expect(formatNps(42, empty)).toBe('+42');
    expect(formatNps(-12.25, empty)).toBe('-12.3');
    expect(formatNps(0, empty)).toBe('0');
  });

  it('writes the average rating with one decimal', () => {
    expect(formatRating(4.25, empty)).toBe('4.3');
  });

  it('shows the empty mark when nobody answered', () => {
    expect(formatPercent(null, empty)).toBe(empty);
    expect(formatNps(null, empty)).toBe(empty);
    expect(formatRating(null, empty)).toBe(empty);
  });
});

describe('NPS shares', () => {
  it('divides by those who answered the NPS question, not by all feedback', () => {
    expect(npsShares({ npsResponses: 8, promoters: 4, passives: 2, detractors: 2 })).toEqual({
      promoters: 50,
      passives: 25,
      detractors: 25,
    });
  });

  it('is zero everywhere without answers', () => {
    expect(npsShares({ npsResponses: 0, promoters: 0, passives: 0, detractors: 0 })).toEqual({
      promoters: 0,
      passives: 0,
      detractors: 0,
    });
  });
});

describe('chart points', () => {
  it('orders periods by date and keeps empty ones as gaps', () => {
    expect(
      chartPoints([
        { ...score, period: '2026-11-09', count: 3, csat: 66.7, nps: 0 },
        { ...score, period: '2026-11-02' },
      ]),
    ).toEqual([
      { period: '2026-11-02', count: 0, csat: null, nps: null },
      { period: '2026-11-09', count: 3, csat: 66.7, nps: 0 },
    ]);
  });
});
