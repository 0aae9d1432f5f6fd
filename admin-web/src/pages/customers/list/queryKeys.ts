import type { CustomerListQuery } from '@/api/types';

// One place for the customer cache keys, so that invalidation after a change reaches every
// list page and search that is cached.
export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (params: CustomerListQuery) => [...customerKeys.lists(), params] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  detail: (id: string) => [...customerKeys.details(), id] as const,
};
