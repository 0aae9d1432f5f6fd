import type { FeedbackScore } from '@/api/types';

// How the CSAT / NPS figures are written (the server computes them; null means nobody answered).

/** A satisfaction share: `87.5%`, whole numbers without decimals (`100%`). */
export function formatPercent(value: number | null, empty: string): string {
  if (value === null) return empty;
  return `${Number(value.toFixed(1))}%`;
}

/** NPS runs from −100 to +100; the sign is part of the reading. */
export function formatNps(value: number | null, empty: string): string {
  if (value === null) return empty;
  const rounded = Number(value.toFixed(1));
  return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

/** The average rating with one decimal (`4.3`). */
export function formatRating(value: number | null, empty: string): string {
  return value === null ? empty : value.toFixed(1);
}

/** The share of each NPS group among those who answered the NPS question, for the stacked bar. */
export function npsShares(score: Pick<FeedbackScore, 'npsResponses' | 'promoters' | 'passives' | 'detractors'>) {
  if (score.npsResponses === 0) return { promoters: 0, passives: 0, detractors: 0 };
  const share = (count: number) => Number(((count / score.npsResponses) * 100).toFixed(1));
  return { promoters: share(score.promoters), passives: share(score.passives), detractors: share(score.detractors) };
}

export interface ChartPoint {
  period: string;
  count: number;
  csat: number | null;
  nps: number | null;
}

/** The chart's points in time order, empty periods kept (as gaps) so the axis stays even. */
export function chartPoints(periods: readonly (FeedbackScore & { period: string })[]): ChartPoint[] {
  return [...periods]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((period) => ({ period: period.period, count: period.count, csat: period.csat, nps: period.nps }));
}
