import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type { ActivityInput, ContactInput, OrderInput } from '@/api/types';
import { customerKeys, type PageParams } from '@/services/queryKeys';

// Contacts, orders, activities and the timeline of one customer. Every write refreshes the
// customer's whole detail subtree (its metrics, last contact and timeline move with it) and the
// lists, whose rows show the same metrics.
function refreshAfterWrite(queryClient: QueryClient, customerId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) }),
    queryClient.invalidateQueries({ queryKey: customerKeys.lists() }),
  ]);
}

export function useContacts(customerId: string) {
  return useQuery({
    queryKey: customerKeys.contacts(customerId),
    queryFn: ({ signal }) =>
      requestData(
        api.GET('/api/customers/{id}/contacts', { params: { path: { id: customerId } }, signal }),
      ).then((data) => data.items),
  });
}

export function useSaveContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, input }: { contactId?: string; input: ContactInput }) =>
      contactId
        ? requestData(
            api.PATCH('/api/customers/{id}/contacts/{contactId}', {
              params: { path: { id: customerId, contactId } },
              body: input,
            }),
          )
        : requestData(
            api.POST('/api/customers/{id}/contacts', { params: { path: { id: customerId } }, body: input }),
          ),
    onSuccess: () => refreshAfterWrite(queryClient, customerId),
  });
}

export function useDeleteContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) =>
      requestNoContent(
        api.DELETE('/api/customers/{id}/contacts/{contactId}', {
          params: { path: { id: customerId, contactId } },
        }),
      ),
    onSuccess: () => refreshAfterWrite(queryClient, customerId),
  });
}

export function useOrders(customerId: string, params: PageParams) {
  return useQuery({
    queryKey: customerKeys.orderPage(customerId, params),
    queryFn: ({ signal }) =>
      requestData(
        api.GET('/api/customers/{id}/orders', {
          params: { path: { id: customerId }, query: params },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useSaveOrder(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, input }: { orderId?: string; input: OrderInput }) =>
      orderId
        ? requestData(
            api.PATCH('/api/customers/{id}/orders/{orderId}', {
              params: { path: { id: customerId, orderId } },
              body: input,
            }),
          )
        : requestData(
            api.POST('/api/customers/{id}/orders', { params: { path: { id: customerId } }, body: input }),
          ),
    onSuccess: () => refreshAfterWrite(queryClient, customerId),
  });
}

export function useDeleteOrder(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orderId: string) =>
      requestNoContent(
        api.DELETE('/api/customers/{id}/orders/{orderId}', { params: { path: { id: customerId, orderId } } }),
      ),
    onSuccess: () => refreshAfterWrite(queryClient, customerId),
  });
}

export function useCreateActivity(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ActivityInput) =>
      requestData(
        api.POST('/api/customers/{id}/activities', { params: { path: { id: customerId } }, body: input }),
      ),
    onSuccess: () => refreshAfterWrite(queryClient, customerId),
  });
}

const timelinePageSize = 20;

export function useTimeline(customerId: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(customerId),
    queryFn: ({ pageParam, signal }) =>
      requestData(
        api.GET('/api/customers/{id}/timeline', {
          params: {
            path: { id: customerId },
            query: pageParam ? { cursor: pageParam, limit: timelinePageSize } : { limit: timelinePageSize },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/**
 * The full phones and emails of the customer and its contacts (customer:reveal_phone). Every call is
 * audited, so it runs only on a click; the timeline then shows the new entry.
 */
export function useRevealContacts(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      requestData(api.POST('/api/customers/{id}/reveal', { params: { path: { id: customerId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.timeline(customerId) }),
  });
}
