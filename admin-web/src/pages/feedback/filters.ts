import type { Dayjs } from 'dayjs';
import type { FeedbackCategory, FeedbackStatus, ReplyChannel } from '@/api/types';
import type { FeedbackFilters } from '@/services/feedback';

// The inbox's filter form and how it becomes the query of GET /api/feedback.

export const feedbackStatuses: FeedbackStatus[] = ['new', 'in_progress', 'resolved', 'closed'];
export const feedbackCategories: FeedbackCategory[] = ['product', 'service', 'complaint', 'suggestion'];
export const replyChannels: ReplyChannel[] = ['phone', 'sms', 'wechat', 'email', 'in_person'];
export type NpsGroup = NonNullable<FeedbackFilters['npsGroup']>;
export const npsGroups: NpsGroup[] = ['promoter', 'passive', 'detractor'];

export interface FeedbackFilterValues {
  keyword?: string;
  status?: FeedbackStatus;
  category?: FeedbackCategory;
  teamId?: string;
  channelId?: string;
  /** A staff member's id, or `me` / `none` (unassigned). */
  assigneeId?: string;
  rating?: number;
  npsGroup?: NpsGroup;
  linked?: 'true' | 'false';
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** The query for the form: empty fields are left out, days are China calendar days (YYYY-MM-DD). */
export function toFeedbackFilters(values: FeedbackFilterValues): FeedbackFilters {
  const filters: FeedbackFilters = {};
  const keyword = values.keyword?.trim();
  if (keyword) filters.keyword = keyword;
  if (values.status) filters.status = values.status;
  if (values.category) filters.category = values.category;
  if (values.teamId) filters.teamId = values.teamId;
  if (values.channelId) filters.channelId = values.channelId;
  if (values.assigneeId) filters.assigneeId = values.assigneeId;
  if (values.rating !== undefined && values.rating !== null) filters.rating = values.rating;
  if (values.npsGroup) filters.npsGroup = values.npsGroup;
  if (values.linked) filters.linked = values.linked;
  const [from, to] = values.dates ?? [null, null];
  if (from) filters.from = from.format('YYYY-MM-DD');
  if (to) filters.to = to.format('YYYY-MM-DD');
  return filters;
}

/** The filters a link into the inbox may carry (`/feedback?channelId=…` from the channels page). */
export function filterValuesFromSearch(search: URLSearchParams): FeedbackFilterValues {
  const values: FeedbackFilterValues = {};
  const channelId = search.get('channelId');
  if (channelId) values.channelId = channelId;
  const teamId = search.get('teamId');
  if (teamId) values.teamId = teamId;
  const status = search.get('status');
  if (status && (feedbackStatuses as string[]).includes(status)) values.status = status as FeedbackStatus;
  return values;
}

/** NPS groups as the survey defines them: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export function npsGroupOf(nps: number | null): NpsGroup | null {
  if (nps === null) return null;
  if (nps >= 9) return 'promoter';
  if (nps >= 7) return 'passive';
  return 'detractor';
}
