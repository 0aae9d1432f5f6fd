import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type { CustomerView, CustomerViewInput, CustomerViewPatch } from '@/api/types';
import { customerViewKeys } from './queryKeys';

// Saved views of the customer list. Every write refreshes the one list of views: a rename or a
// share changes where a view sorts (shared views come by name), a delete or restore its presence.

export function useCustomerViews() {
  return useQuery({
    queryKey: customerViewKeys.all,
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/customer-views', { signal })).then((data) => data.items),
  });
}

function useRefreshViews() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: customerViewKeys.all });
}

export function useCreateCustomerView() {
  const refresh = useRefreshViews();
  return useMutation({
    mutationFn: (input: CustomerViewInput) => requestData(api.POST('/api/customer-views', { body: input })),
    onSuccess: refresh,
  });
}

export function useUpdateCustomerView() {
  const refresh = useRefreshViews();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CustomerViewPatch }) =>
      requestData(api.PATCH('/api/customer-views/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: refresh,
  });
}

export function useDeleteCustomerView() {
  const refresh = useRefreshViews();
  return useMutation({
    mutationFn: (id: string) =>
      requestNoContent(api.DELETE('/api/customer-views/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

/** Takes a deleted view back out of the trash (the undo of a delete). */
export function useRestoreCustomerView() {
  const refresh = useRefreshViews();
  return useMutation({
    mutationFn: (id: string) =>
      requestData(api.POST('/api/customer-views/{id}/restore', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

/**
 * Sets the order of the caller's own views (shared ones keep theirs). The tabs move at once; a
 * refused order puts them back when the list is read again.
 */
export function useReorderCustomerViews() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => requestData(api.PUT('/api/customer-views/order', { body: { ids } })),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: customerViewKeys.all });
      queryClient.setQueryData<CustomerView[]>(customerViewKeys.all, (views) => {
        if (!views) return views;
        const position = (view: CustomerView) => (view.mine ? ids.indexOf(view.id) : ids.length);
        // Array.prototype.sort is stable: shared views keep their order after one's own.
        return [...views].sort((a, b) => position(a) - position(b));
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerViewKeys.all }),
  });
}
