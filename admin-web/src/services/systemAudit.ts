import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, requestData } from '@/api/client';
import type { AuditQuery } from '@/api/types';
import { auditKeys } from './queryKeys';

export type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;

const auditPageSize = 50;

/** The audit log, newest first, one page at a time (`fetchNextPage` follows the server's cursor). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      requestData(
        api.GET('/api/audit-logs', {
          params: {
            query: pageParam
              ? { ...filters, cursor: pageParam, limit: auditPageSize }
              : { ...filters, limit: auditPageSize },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // New filters keep the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
