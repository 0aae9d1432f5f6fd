import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type {
  BulkRequest,
  Customer,
  CustomerInput,
  CustomerPatch,
  DuplicateQuery,
  MergeRequest,
} from '@/api/types';
import { customerKeys, type PageParams } from './queryKeys';

// Customer reads and writes shared by the list, the detail page, the trash and the form drawer.

/** The sources customers in the caller's scope have, most used first (options of the source filter). */
export function useCustomerSources() {
  return useQuery({
    queryKey: customerKeys.sources(),
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/customer-sources', { signal })).then((data) => data.items),
  });
}

export function fetchCustomer(id: string, signal?: AbortSignal) {
  return requestData(api.GET('/api/customers/{id}', { params: { path: { id } }, signal }));
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchCustomer(id ?? '', signal),
    enabled: Boolean(id),
  });
}

/** After any write to a customer: its record, its related records and every list may have changed. */
export function refreshCustomer(queryClient: QueryClient, customer: Customer) {
  queryClient.setQueryData(customerKeys.detail(customer.id), customer);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: customerKeys.detail(customer.id), refetchType: 'active' }),
    queryClient.invalidateQueries({ queryKey: customerKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: customerKeys.sources() }),
  ]);
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerInput) => requestData(api.POST('/api/customers', { body: input })),
    onSuccess: (customer) => refreshCustomer(queryClient, customer),
  });
}

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: CustomerPatch }) =>
      requestData(api.PATCH('/api/customers/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: (customer) => refreshCustomer(queryClient, customer),
  });
}

/** Moves a customer to the trash. */
export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      requestNoContent(api.DELETE('/api/customers/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      // Marked stale without refetching: the page still showing it is about to leave, and a refetch
      // now would only answer 404. Opening it later asks the server again.
      void queryClient.invalidateQueries({ queryKey: customerKeys.detail(id), refetchType: 'none' });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: customerKeys.trash() }),
      ]);
    },
  });
}

export function useBulkCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkRequest) => requestData(api.POST('/api/customers/bulk', { body: request })),
    // Any of the selected customers may be open elsewhere; tags and groups show counts too.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useMergeCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: MergeRequest) => requestData(api.POST('/api/customers/merge', { body: request })),
    onSuccess: (survivor, request) => {
      // The merged customer is in the trash now; see useDeleteCustomer for why it is not refetched.
      void queryClient.invalidateQueries({
        queryKey: customerKeys.detail(request.mergedId),
        refetchType: 'none',
      });
      return Promise.all([
        refreshCustomer(queryClient, survivor),
        queryClient.invalidateQueries({ queryKey: customerKeys.trash() }),
      ]);
    },
  });
}

/**
 * Asks whether a phone or email already belongs to another customer. Always asked anew: a customer
 * saved a moment ago (in this very drawer) must show up in the next form's answer.
 */
export function lookupDuplicates(queryClient: QueryClient, query: DuplicateQuery) {
  return queryClient.fetchQuery({
    queryKey: customerKeys.duplicates(query),
    queryFn: ({ signal }) => requestData(api.GET('/api/customers/duplicates', { params: { query }, signal })),
    staleTime: 0,
    gcTime: 0,
  });
}

export function useTrash(params: PageParams) {
  return useQuery({
    queryKey: customerKeys.trashPage(params),
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/trash/customers', { params: { query: params }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useRestoreCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      requestData(api.POST('/api/customers/{id}/restore', { params: { path: { id } } })),
    onSuccess: (customer) =>
      Promise.all([
        refreshCustomer(queryClient, customer),
        queryClient.invalidateQueries({ queryKey: customerKeys.trash() }),
      ]),
  });
}

export function usePurgeCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      requestNoContent(api.DELETE('/api/trash/customers/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.trash() }),
  });
}
