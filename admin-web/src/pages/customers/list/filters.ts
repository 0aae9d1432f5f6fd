import type { CustomerListQuery, LifecycleStatus } from '@/api/types';

/** What the search form above the table holds, by query parameter name. */
export interface CustomerFilters {
  tagIds?: string[];
  groupId?: string;
  levelId?: string;
  lifecycleStatus?: LifecycleStatus;
  ownerId?: string;
}

export interface ListState {
  filters: CustomerFilters;
  keyword?: string;
  page: number;
  pageSize: number;
}

/**
 * The list request for the current filters, keyword and page. Empty choices are left out so the
 * query key (and the URL) stays the same whether a filter was cleared or never set.
 */
export function toListQuery({ filters, keyword, page, pageSize }: ListState): CustomerListQuery {
  const query: CustomerListQuery = { page, pageSize };
  const trimmed = keyword?.trim();
  if (trimmed) query.keyword = trimmed;
  if (filters.tagIds && filters.tagIds.length > 0) query.tagIds = [...filters.tagIds].sort();
  if (filters.groupId) query.groupId = filters.groupId;
  if (filters.levelId) query.levelId = filters.levelId;
  if (filters.lifecycleStatus) query.lifecycleStatus = filters.lifecycleStatus;
  if (filters.ownerId) query.ownerId = filters.ownerId;
  return query;
}

/**
 * The search form field of a filter. ProTable names form fields by column key, and column keys must
 * differ from those of the table's columns (a "lifecycleStatus" column is shown as well as filtered).
 */
export const filterKey = (parameter: keyof CustomerFilters) => `filter:${parameter}`;

/** The search form's values, whatever extra keys ProTable adds (its own paging fields). */
export function pickFilters(values: Record<string, unknown>): CustomerFilters {
  const filters: CustomerFilters = {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const tagValues = values[filterKey('tagIds')];
  if (Array.isArray(tagValues)) {
    const tagIds = tagValues.filter((id): id is string => typeof id === 'string');
    if (tagIds.length > 0) filters.tagIds = tagIds;
  }
  const groupId = text(values[filterKey('groupId')]);
  if (groupId) filters.groupId = groupId;
  const levelId = text(values[filterKey('levelId')]);
  if (levelId) filters.levelId = levelId;
  const status = text(values[filterKey('lifecycleStatus')]);
  if (
    status === 'prospect' ||
    status === 'new' ||
    status === 'active' ||
    status === 'dormant' ||
    status === 'churned'
  ) {
    filters.lifecycleStatus = status;
  }
  const ownerId = text(values[filterKey('ownerId')]);
  if (ownerId) filters.ownerId = ownerId;
  return filters;
}
