import dayjs, { type Dayjs } from 'dayjs';
import { createQuerySerializer } from 'openapi-fetch';
import type { components } from '@/api/schema';
import type { CustomerFilter, CustomerListQuery, CustomFieldDefinition, LifecycleStatus } from '@/api/types';

/** Conditions on custom field values, keyed by the definition key (the server's `CustomFieldFilters`). */
export type CustomFieldFilters = components['schemas']['CustomFieldFilters'];

export type TagMode = NonNullable<CustomerFilter['tagMode']>;
export const tagModes: readonly TagMode[] = ['any', 'all', 'none'];

const lifecycleValues: readonly LifecycleStatus[] = ['prospect', 'new', 'active', 'dormant', 'churned'];

type ListKey = 'tagIds' | 'groupIds' | 'regionCodes' | 'ownerIds' | 'levelIds' | 'sources';
const listKeys: readonly ListKey[] = ['tagIds', 'groupIds', 'regionCodes', 'ownerIds', 'levelIds', 'sources'];

type DayKey =
  'createdFrom' | 'createdTo' | 'lastActivityFrom' | 'lastActivityTo' | 'lastPurchaseFrom' | 'lastPurchaseTo';
type NumberKey = 'totalSpentMin' | 'totalSpentMax' | 'orderCountMin' | 'orderCountMax';

/** The date ranges of the filter panel, each a pair of filter fields. */
export const dayRanges = {
  created: ['createdFrom', 'createdTo'],
  lastActivity: ['lastActivityFrom', 'lastActivityTo'],
  lastPurchase: ['lastPurchaseFrom', 'lastPurchaseTo'],
} as const satisfies Record<string, readonly [DayKey, DayKey]>;

/** The number ranges of the filter panel. Order counts are whole numbers; spend is in yuan. */
export const numberRanges = {
  totalSpent: ['totalSpentMin', 'totalSpentMax'],
  orderCount: ['orderCountMin', 'orderCountMax'],
} as const satisfies Record<string, readonly [NumberKey, NumberKey]>;

export type DayRangeName = keyof typeof dayRanges;
export type NumberRangeName = keyof typeof numberRanges;

const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : []).filter(
    (item): item is string => typeof item === 'string' && item !== '',
  );
const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * A filter with nothing empty in it and its lists sorted: equal filters then compare, cache and
 * save equal whether a condition was cleared or never set, or options were picked in another order.
 * It also reads filters of unknown origin (a saved view from another console version) safely.
 */
export function normalizeFilter(filter: CustomerFilter | Record<string, unknown>): CustomerFilter {
  const source: Record<string, unknown> = { ...filter };
  const result: CustomerFilter = {};
  const keyword = typeof source.keyword === 'string' ? source.keyword.trim() : '';
  if (keyword) result.keyword = keyword;
  for (const key of listKeys) {
    const values = [...new Set(strings(source[key]))].sort();
    if (values.length > 0) result[key] = values;
  }
  // The mode means nothing without tags; `any` is the server's default, so it is left out.
  if (result.tagIds && (source.tagMode === 'all' || source.tagMode === 'none'))
    result.tagMode = source.tagMode;
  const statuses = strings(source.lifecycleStatuses).filter((status): status is LifecycleStatus =>
    lifecycleValues.includes(status as LifecycleStatus),
  );
  if (statuses.length > 0) {
    result.lifecycleStatuses = lifecycleValues.filter((status) => statuses.includes(status));
  }
  for (const [from, to] of Object.values(dayRanges)) {
    if (isDay(source[from])) result[from] = source[from];
    if (isDay(source[to])) result[to] = source[to];
  }
  for (const [min, max] of Object.values(numberRanges)) {
    const low = finite(source[min]);
    const high = finite(source[max]);
    if (low !== undefined) result[min] = low;
    if (high !== undefined) result[max] = high;
  }
  if (isRecord(source.customFields)) {
    const keys = Object.keys(source.customFields).sort();
    if (keys.length > 0) {
      const sorted: CustomFieldFilters = {};
      // Conditions are checked against the definitions by the server (422 per key), which knows the
      // field types; here only their order is settled.
      for (const key of keys) sorted[key] = source.customFields[key] as CustomFieldFilters[string];
      result.customFields = sorted;
    }
  }
  return result;
}

export const isEmptyFilter = (filter: CustomerFilter) => Object.keys(normalizeFilter(filter)).length === 0;

export const sameFilter = (a: CustomerFilter, b: CustomerFilter) =>
  JSON.stringify(normalizeFilter(a)) === JSON.stringify(normalizeFilter(b));

/**
 * The list request's filter parameters (the same names as the filter's); the custom field conditions
 * travel as ONE JSON parameter (docs/contract.md).
 */
export function filterQuery(filter: CustomerFilter): CustomerListQuery {
  const { customFields, ...rest } = normalizeFilter(filter);
  return customFields ? { ...rest, customFields: JSON.stringify(customFields) } : rest;
}

const serializeQuery = createQuerySerializer<CustomerListQuery>();

/** The list request's query string; lists go as repeated parameters (openapi-fetch's default). */
export function listQueryString(query: CustomerListQuery): string {
  return serializeQuery(query);
}

// ---- The filter panel's form ----

/** The form field of one custom field's condition (apart from the built-in filter names). */
export const customFieldFilterKey = (key: string) => `customField:${key}`;

/** A date range end as the form gives it (a string or a dayjs value) in YYYY-MM-DD, or undefined. */
const dayOf = (value: unknown): string | undefined => {
  if (dayjs.isDayjs(value)) return value.isValid() ? value.format('YYYY-MM-DD') : undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
};

const pairOf = (value: unknown): [unknown, unknown] =>
  Array.isArray(value) ? [value[0], value[1]] : [null, null];

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
      const [min, max] = pairOf(value).map(finite);
      if (min === undefined && max === undefined) return undefined;
      return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
    }
    case 'date': {
      const [from, to] = pairOf(value).map(dayOf);
      if (from === undefined && to === undefined) return undefined;
      return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
    }
    case 'single_select':
    case 'multi_select': {
      const options = strings(Array.isArray(value) ? value : [value]);
      return options.length > 0 ? options : undefined;
    }
    case 'boolean':
      // The select's options are the strings 'true' and 'false' (antd option values are not booleans).
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      return undefined;
  }
}

/** A custom field's condition as its form field shows it (the reverse of customFieldFilter). */
function customFieldFormValue(type: CustomFieldDefinition['type'], condition: unknown): unknown {
  switch (type) {
    case 'text':
      return typeof condition === 'string' ? condition : undefined;
    case 'number':
      return isRecord(condition) ? [finite(condition.min) ?? null, finite(condition.max) ?? null] : undefined;
    case 'date':
      return isRecord(condition) ? [dayValue(condition.from), dayValue(condition.to)] : undefined;
    case 'single_select':
    case 'multi_select':
      return typeof condition === 'string' ? [condition] : strings(condition);
    case 'boolean':
      return typeof condition === 'boolean' ? String(condition) : undefined;
  }
}

const dayValue = (value: unknown): Dayjs | null => (isDay(value) ? dayjs(value) : null);

/**
 * A region code's cascader path. GB/T 2260 codes carry their parents: a city shares its province's
 * first two digits, a district its city's first four ("330106" → 330000 / 330100 / 330106).
 */
export function regionPathOf(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [];
  const province = `${code.slice(0, 2)}0000`;
  const city = `${code.slice(0, 4)}00`;
  if (code === province) return [province];
  if (code === city) return [province, city];
  return [province, city, code];
}

/**
 * The filter panel's values as the filter (without the keyword, which has its own box). Values are
 * read defensively: the form holds whatever its inputs produced.
 */
export function filterFromForm(
  values: Record<string, unknown>,
  definitions: readonly Pick<CustomFieldDefinition, 'key' | 'type'>[] = [],
): CustomerFilter {
  const filter: Record<string, unknown> = {
    tagIds: values.tagIds,
    tagMode: values.tagMode,
    groupIds: values.groupIds,
    // The cascader gives paths; the deepest code of each is the chosen region.
    regionCodes: (Array.isArray(values.regionCodes) ? values.regionCodes : []).map((path: unknown) =>
      Array.isArray(path) ? path[path.length - 1] : path,
    ),
    ownerIds: values.ownerIds,
    levelIds: values.levelIds,
    lifecycleStatuses: values.lifecycleStatuses,
    sources: values.sources,
  };
  for (const [name, [from, to]] of Object.entries(dayRanges)) {
    const [start, end] = pairOf(values[name]).map(dayOf);
    filter[from] = start;
    filter[to] = end;
  }
  for (const [name, [min, max]] of Object.entries(numberRanges)) {
    // Order counts are whole numbers on the server; a typed 2.5 would refuse the whole request.
    const [low, high] = pairOf(values[name])
      .map(finite)
      .map((value) => (name === 'orderCount' && value !== undefined ? Math.round(value) : value));
    filter[min] = low;
    filter[max] = high;
  }
  const customFields: CustomFieldFilters = {};
  for (const definition of definitions) {
    const condition = customFieldFilter(definition.type, values[customFieldFilterKey(definition.key)]);
    if (condition !== undefined) customFields[definition.key] = condition;
  }
  filter.customFields = customFields;
  return normalizeFilter(filter);
}

/** A filter (a saved view's) as the filter panel's values: the reverse of filterFromForm. */
export function formFromFilter(
  filter: CustomerFilter,
  definitions: readonly Pick<CustomFieldDefinition, 'key' | 'type'>[] = [],
): Record<string, unknown> {
  const normalized = normalizeFilter(filter);
  const values: Record<string, unknown> = {
    tagIds: normalized.tagIds,
    tagMode: normalized.tagMode ?? 'any',
    groupIds: normalized.groupIds,
    regionCodes: normalized.regionCodes?.map(regionPathOf).filter((path) => path.length > 0),
    ownerIds: normalized.ownerIds,
    levelIds: normalized.levelIds,
    lifecycleStatuses: normalized.lifecycleStatuses,
    sources: normalized.sources,
  };
  for (const [name, [from, to]] of Object.entries(dayRanges)) {
    values[name] =
      normalized[from] || normalized[to] ? [dayValue(normalized[from]), dayValue(normalized[to])] : undefined;
  }
  for (const [name, [min, max]] of Object.entries(numberRanges)) {
    values[name] =
      normalized[min] !== undefined || normalized[max] !== undefined
        ? [normalized[min] ?? null, normalized[max] ?? null]
        : undefined;
  }
  for (const definition of definitions) {
    const condition = normalized.customFields?.[definition.key];
    values[customFieldFilterKey(definition.key)] =
      condition === undefined ? undefined : customFieldFormValue(definition.type, condition);
  }
  return values;
}

/** How many conditions a filter holds (shown on the filter panel's toggle). */
export function countConditions(filter: CustomerFilter): number {
  const normalized = normalizeFilter(filter);
  const ranges = [...Object.values(dayRanges), ...Object.values(numberRanges)];
  const lists = listKeys.filter((key) => normalized[key]).length + (normalized.lifecycleStatuses ? 1 : 0);
  const rangeCount = ranges.filter(([low, high]) => low in normalized || high in normalized).length;
  return lists + rangeCount + Object.keys(normalized.customFields ?? {}).length;
}
