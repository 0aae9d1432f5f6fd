import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type { CustomerInput, CustomerListQuery, CustomerPatch } from '@/api/types';
import { customerKeys } from './queryKeys';

export function useCustomerList(params: CustomerListQuery) {
  return useQuery({
    queryKey: customerKeys.list(params),
    queryFn: ({ signal }) => requestData(api.GET('/api/customers', { params: { query: params }, signal })),
    // Keeps the current page on screen while the next one loads, instead of an empty table.
    placeholderData: keepPreviousData,
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerInput) => requestData(api.POST('/api/customers', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.lists() }),
  });
}

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CustomerPatch }) =>
      requestData(api.PATCH('/api/customers/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(customer.id), customer);
      return queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      requestNoContent(api.DELETE('/api/customers/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}
