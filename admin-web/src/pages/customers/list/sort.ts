import type { CustomerListQuery, CustomerSortField, CustomerViewSort, SortOrder } from '@/api/types';

/** The sort a person chose by a column header; null leaves it to the server (relevance or newest). */
export type ListSort = CustomerViewSort | null;

type ColumnSortField = Exclude<CustomerSortField, 'relevance'>;

// Table column key → server sort field. Only these columns sort; the server orders by pinyin, a
// level's rank or the owner's name where the cell shows a name, so the header click means the same.
const sortFieldByColumn: Record<string, ColumnSortField> = {
  name: 'name',
  company: 'company',
  lifecycleStatus: 'lifecycleStatus',
  level: 'level',
  owner: 'owner',
  totalSpent: 'totalSpent',
  orderCount: 'orderCount',
  lastPurchaseAt: 'lastPurchaseAt',
  lastContactAt: 'lastContactAt',
  lastActivityAt: 'lastActivityAt',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

export const isSortableColumn = (columnKey: string) => columnKey in sortFieldByColumn;

type TableSortOrder = 'ascend' | 'descend';

/** What antd's table reports on a header click (one sorter; the list sorts by one column). */
export interface TableSorter {
  columnKey?: string | number | bigint;
  order?: TableSortOrder | null;
}

export function sortFromTable(sorter: TableSorter | TableSorter[]): ListSort {
  const chosen = Array.isArray(sorter) ? sorter.find((entry) => entry.order) : sorter;
  if (!chosen?.order || chosen.columnKey === undefined) return null;
  const field = sortFieldByColumn[String(chosen.columnKey)];
  if (!field) return null;
  return { field, order: chosen.order === 'ascend' ? 'asc' : 'desc' };
}

/** The header arrow a column shows for the current sort (controlled, so a view's sort shows too). */
export function columnSortOrder(sort: ListSort, columnKey: string): TableSortOrder | null {
  if (!sort || sortFieldByColumn[columnKey] !== sort.field) return null;
  return sort.order === 'asc' ? 'ascend' : 'descend';
}

/**
 * The sort parameters of a list request. Without a chosen column the server's default applies:
 * relevance while there is a keyword, newest first otherwise. Relevance ignores `order`.
 */
export function sortQuery(sort: ListSort): Pick<CustomerListQuery, 'sort' | 'order'> {
  if (!sort) return {};
  if (sort.field === 'relevance') return { sort: 'relevance' };
  const order: SortOrder = sort.order;
  return { sort: sort.field, order };
}

/** A saved sort read back; one the console does not know (a newer server's) falls back to the default. */
export function parseSort(value: CustomerViewSort | null | undefined): ListSort {
  if (!value) return null;
  if (value.field === 'relevance') return { field: 'relevance', order: 'desc' };
  if (!Object.values(sortFieldByColumn).includes(value.field)) return null;
  return { field: value.field, order: value.order === 'asc' ? 'asc' : 'desc' };
}
