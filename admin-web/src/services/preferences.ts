import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, requestData } from '@/api/client';
import { preferenceKeys } from './queryKeys';

/** A per-user preference; `value` is null while the person never saved one. */
export function usePreference(key: string) {
  return useQuery({
    queryKey: preferenceKeys.detail(key),
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/me/preferences/{key}', { params: { path: { key } }, signal })),
    staleTime: Infinity,
  });
}

export function useSavePreference(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (value: unknown) =>
      requestData(api.PUT('/api/me/preferences/{key}', { params: { path: { key } }, body: { value } })),
    onSuccess: (saved) => queryClient.setQueryData(preferenceKeys.detail(key), saved),
  });
}
