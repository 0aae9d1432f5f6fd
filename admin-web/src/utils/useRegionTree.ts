import { useQuery } from '@tanstack/react-query';

// The division list weighs more than the rest of a page; it is fetched only once an address
// input shows (or a region filter opens: `enabled`), and kept for the session.
export function useRegionTree(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['regions'],
    queryFn: () => import('./regions').then((module) => module.regionTree),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
