import { useQuery } from '@tanstack/react-query';

// The division list weighs more than the rest of the page; it is fetched only once a customer
// form opens, and kept for the session.
export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => import('./regions').then((module) => module.regions),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
