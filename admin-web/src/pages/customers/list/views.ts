import type { CustomerFilter, CustomerView, CustomerViewInput } from '@/api/types';
import type { ColumnsStateMap } from './columnsState';
import { normalizeFilter, sameFilter } from './filters';
import { parseSort, type ListSort } from './sort';

/** What a saved view keeps of the list: the filter (keyword included), the sort and the columns. */
export interface ListSettings {
  filter: CustomerFilter;
  sort: ListSort;
  /** Column keys in display order; empty means the default columns. */
  columns: string[];
}

export const defaultSettings: ListSettings = { filter: {}, sort: null, columns: [] };

export function settingsOfView(view: Pick<CustomerView, 'filters' | 'sort' | 'columns'>): ListSettings {
  return {
    filter: normalizeFilter(view.filters),
    sort: parseSort(view.sort),
    columns: view.columns.filter((key) => typeof key === 'string'),
  };
}

const sameSort = (a: ListSort, b: ListSort) =>
  a === b ||
  (a !== null && b !== null && a.field === b.field && (a.field === 'relevance' || a.order === b.order));

const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((key, index) => key === b[index]);

export function sameSettings(a: ListSettings, b: ListSettings): boolean {
  return sameFilter(a.filter, b.filter) && sameSort(a.sort, b.sort) && sameColumns(a.columns, b.columns);
}

/** The body that saves these settings into a view (POST or PATCH). */
export function viewBodyOf(
  settings: ListSettings,
): Required<Pick<CustomerViewInput, 'filters' | 'columns' | 'sort'>> {
  return { filters: normalizeFilter(settings.filter), columns: [...settings.columns], sort: settings.sort };
}

/**
 * The columns shown, in display order, from the table's column settings; empty while nothing was
 * customised (the default columns). `columnKeys` are the table's columns in their default order.
 */
export function columnsOfState(map: ColumnsStateMap, columnKeys: readonly string[]): string[] {
  if (Object.keys(map).length === 0) return [];
  return columnKeys
    .map((key, index) => ({ key, index, order: map[key]?.order ?? index }))
    .sort((a, b) => a.order - b.order || a.index - b.index)
    .filter(({ key }) => map[key]?.show !== false)
    .map(({ key }) => key);
}

/**
 * A view's columns as the table's column settings: the listed ones shown in that order, the rest
 * hidden. Columns added after the view was saved (a new custom field) are hidden too: the view
 * shows what its owner chose. Empty keeps the table's defaults.
 */
export function columnsStateOfList(
  columns: readonly string[],
  columnKeys: readonly string[],
): ColumnsStateMap {
  if (columns.length === 0) return {};
  const map: ColumnsStateMap = {};
  const known = columns.filter((key) => columnKeys.includes(key));
  known.forEach((key, index) => {
    map[key] = { show: true, order: index };
  });
  columnKeys
    .filter((key) => !known.includes(key))
    .forEach((key, index) => {
      map[key] = { show: false, order: known.length + index };
    });
  return map;
}

/** The order of my views after moving one a place left (-1) or right (+1); null at either end. */
export function moveView(ids: readonly string[], id: string, offset: -1 | 1): string[] | null {
  const from = ids.indexOf(id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const moved = [...ids];
  [moved[from], moved[to]] = [moved[to], moved[from]];
  return moved;
}
