import dayjs from 'dayjs';
import type { components } from '@/api/schema';
import type { CustomerListQuery, CustomFieldDefinition, LifecycleStatus } from '@/api/types';

/** Conditions on custom field values, keyed by the definition key (the server's `CustomFieldFilters`). */
export type CustomFieldFilters = components['schemas']['CustomFieldFilters'];

/** What the search form above the table holds, by query parameter name. */
export interface CustomerFilters {
  tagIds?: string[];
  groupId?: string;
  levelId?: string;
  lifecycleStatus?: LifecycleStatus;
  ownerId?: string;
  customFields?: CustomFieldFilters;
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
  const customKeys = Object.keys(filters.customFields ?? {}).sort();
  if (filters.customFields && customKeys.length > 0) {
    // One JSON parameter (see docs/contract.md); keys sorted so equal filters give equal query keys.
    const sorted: CustomFieldFilters = {};
    for (const key of customKeys) sorted[key] = filters.customFields[key];
    query.customFields = JSON.stringify(sorted);
  }
  return query;
}

/**
 * The search form field of a filter. ProTable names form fields by column key, and column keys must
 * differ from those of the table's columns (a "lifecycleStatus" column is shown as well as filtered).
 */
export const filterKey = (parameter: Exclude<keyof CustomerFilters, 'customFields'>) => `filter:${parameter}`;

/** The search form field filtering by one custom field. */
export const customFieldFilterKey = (key: string) => `filter:customFields.${key}`;

const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** A date range end as the form gives it (a string or a dayjs value) in YYYY-MM-DD, or undefined. */
const dayOf = (value: unknown): string | undefined => {
  if (dayjs.isDayjs(value)) return value.isValid() ? value.format('YYYY-MM-DD') : undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
};

/** One custom field's form value as the server's condition; undefined when nothing is chosen. */
function customFieldFilter(
  type: CustomFieldDefinition['type'],
  value: unknown,
): CustomFieldFilters[string] | undefined {
  switch (type) {
    case 'text': {
      const text = typeof value === 'string' ? value.trim() : '';
      return text ? text : undefined;
    }
    case 'number': {
      if (!Array.isArray(value)) return undefined;
      const [min, max] = [finite(value[0]), finite(value[1])];
      if (min === undefined && max === undefined) return undefined;
      return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    }
    case 'date': {
      if (!Array.isArray(value)) return undefined;
      const [from, to] = [dayOf(value[0]), dayOf(value[1])];
      if (from === undefined && to === undefined) return undefined;
      return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
    }
    case 'single_select':
    case 'multi_select': {
      const options = (Array.isArray(value) ? value : [value]).filter(
        (option): option is string => typeof option === 'string' && option !== '',
      );
      return options.length > 0 ? options : undefined;
    }
    case 'boolean':
      // The select's options are the strings 'true' and 'false' (antd option values are not booleans).
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return undefined;
  }
}

/** The search form's values, whatever extra keys ProTable adds (its own paging fields). */
export function pickFilters(
  values: Record<string, unknown>,
  definitions: Pick<CustomFieldDefinition, 'key' | 'type'>[] = [],
): CustomerFilters {
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
  const customFields: CustomFieldFilters = {};
  for (const definition of definitions) {
    const condition = customFieldFilter(definition.type, values[customFieldFilterKey(definition.key)]);
    if (condition !== undefined) customFields[definition.key] = condition;
  }
  if (Object.keys(customFields).length > 0) filters.customFields = customFields;
  return filters;
}
