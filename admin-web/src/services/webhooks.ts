import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type { QueryOf, RequestOf, ResponseOf } from '@/api/types';

// Reads and writes of the webhooks page (docs/contract.md, "Webhooks").

export type Webhook = ResponseOf<'/api/webhooks', 'get'>['items'][number];
export type WebhookInput = RequestOf<'/api/webhooks', 'post'>;
export type WebhookPatch = RequestOf<'/api/webhooks/{id}', 'patch'>;
export type CreatedWebhook = ResponseOf<'/api/webhooks', 'post'>;
export type WebhookEventOption = ResponseOf<'/api/webhooks/events', 'get'>['items'][number];
export type WebhookDeliveryPage = ResponseOf<'/api/webhooks/{id}/deliveries', 'get'>;
export type WebhookDelivery = WebhookDeliveryPage['items'][number];
export type WebhookDeliveryStatus = WebhookDelivery['status'];
export type WebhookAttempt = WebhookDelivery['attemptLog'][number];
export type DeliveryFilters = Omit<QueryOf<'/api/webhooks/{id}/deliveries', 'get'>, 'cursor' | 'limit'>;

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  // The catalogue changes only with a new server version.
  events: () => [...webhookKeys.all, 'events'] as const,
  deliveries: (id: string) => [...webhookKeys.all, 'deliveries', id] as const,
  /** One filtered log of a subscription (every page loaded of it): its filters without the cursor. */
  deliveryList: (id: string, filters: DeliveryFilters) => [...webhookKeys.deliveries(id), filters] as const,
};

const deliveryPageSize = 20;
const inFlightPollMs = 3000;

export function useWebhooks() {
  return useQuery({
    queryKey: webhookKeys.list(),
    queryFn: ({ signal }) => requestData(api.GET('/api/webhooks', { signal })).then((data) => data.items),
  });
}

export function useWebhookEvents() {
  return useQuery({
    queryKey: webhookKeys.events(),
    queryFn: ({ signal }) => requestData(api.GET('/api/webhooks/events', { signal })).then((data) => data.items),
    staleTime: Infinity,
  });
}

/** After a subscription changes, or a delivery is queued: the list (with its counts) and every delivery log. */
function useWebhookMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useCreateWebhook() {
  return useWebhookMutation((input: WebhookInput) => requestData(api.POST('/api/webhooks', { body: input })));
}

export function useUpdateWebhook() {
  return useWebhookMutation(({ id, patch }: { id: string; patch: WebhookPatch }) =>
    requestData(api.PATCH('/api/webhooks/{id}', { params: { path: { id } }, body: patch })),
  );
}

export function useDeleteWebhook() {
  return useWebhookMutation((id: string) =>
    requestNoContent(api.DELETE('/api/webhooks/{id}', { params: { path: { id } } })),
  );
}

export function useRotateWebhookSecret() {
  return useWebhookMutation((id: string) =>
    requestData(api.POST('/api/webhooks/{id}/rotate-secret', { params: { path: { id } } })),
  );
}

export function useSendTestEvent() {
  return useWebhookMutation((id: string) =>
    requestData(api.POST('/api/webhooks/{id}/test', { params: { path: { id } } })),
  );
}

export function useReplayDelivery() {
  return useWebhookMutation((deliveryId: string) =>
    requestData(api.POST('/api/webhooks/deliveries/{id}/replay', { params: { path: { id: deliveryId } } })),
  );
}

/**
 * A subscription's deliveries, newest first, one page at a time. While `inFlight` says a loaded delivery is
 * still on its way the log refreshes by itself, so retries and their answers show up without a reload.
 */
export function useWebhookDeliveries(
  id: string,
  filters: DeliveryFilters,
  inFlight: (deliveries: WebhookDelivery[]) => boolean,
) {
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveryList(id, filters),
    queryFn: ({ pageParam, signal }) =>
      requestData(
        api.GET('/api/webhooks/{id}/deliveries', {
          params: {
            path: { id },
            query: pageParam
              ? { ...filters, cursor: pageParam, limit: deliveryPageSize }
              : { ...filters, limit: deliveryPageSize },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      inFlight(query.state.data?.pages.flatMap((page) => page.items) ?? []) ? inFlightPollMs : false,
  });
}
