import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, requestData } from '@/api/client';
import type { CustomerListQuery } from '@/api/types';
import { customerKeys } from '@/services/queryKeys';
import { listQueryString } from './filters';
import { nextCursorOf } from './paging';

/**
 * The customer list in keyset pages: each page asks with the cursor the previous one returned, so
 * rows never shift or repeat while someone reads on (as numbered pages of a changing list would).
 */
export function useCustomerPages(query: Omit<CustomerListQuery, 'cursor'>) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      requestData(
        api.GET('/api/customers', {
          params: { query: pageParam === undefined ? query : { ...query, cursor: pageParam } },
          querySerializer: listQueryString,
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursorOf,
    // Keeps the current rows on screen while another search loads, instead of an empty table.
    placeholderData: keepPreviousData,
  });
}
