import type { CustomerList, CustomerListItem } from '@/api/types';

/** Rows per request: a screenful; each row renders a dozen cells, and more rows cost a slow first paint. */
export const listPageSize = 20;

/** The cursor of the page after this one; undefined on the last page (TanStack's "no more"). */
export const nextCursorOf = (page: Pick<CustomerList, 'nextCursor'>): string | undefined =>
  page.nextCursor ?? undefined;

/**
 * The loaded pages as one list of rows. A customer edited between two page loads can move across
 * the page boundary and arrive twice; the table needs unique row keys, so the first one is kept.
 */
export function rowsOf(pages: readonly Pick<CustomerList, 'items'>[] | undefined): CustomerListItem[] {
  const seen = new Set<string>();
  const rows: CustomerListItem[] = [];
  for (const page of pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      rows.push(item);
    }
  }
  return rows;
}

export interface ListTotal {
  count: number;
  estimate: boolean;
}

/** The number of matching customers, from the first page (every page repeats it). */
export function totalOf(
  pages: readonly Pick<CustomerList, 'total' | 'totalIsEstimate'>[] | undefined,
): ListTotal | null {
  const first = pages?.[0];
  return first ? { count: first.total, estimate: first.totalIsEstimate } : null;
}
