import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, requestData } from '@/api/client';
import type { FeedbackNoteInput, FeedbackPatch, FeedbackQuery, FeedbackStatsQuery } from '@/api/types';
import { channelKeys, customerKeys, feedbackKeys } from './queryKeys';

// Reads and writes of the feedback inbox and its statistics (docs/contract.md, "Feedback inbox").

export type FeedbackFilters = Omit<FeedbackQuery, 'cursor' | 'limit'>;

export const feedbackPageSize = 20;

/** The inbox, newest first, one page at a time (`fetchNextPage` follows the server's cursor). */
export function useFeedbackPages(filters: FeedbackFilters) {
  return useInfiniteQuery({
    queryKey: feedbackKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      requestData(
        api.GET('/api/feedback', {
          params: {
            query: pageParam
              ? { ...filters, cursor: pageParam, limit: feedbackPageSize }
              : { ...filters, limit: feedbackPageSize },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // New filters keep the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackDetail(id: string | null) {
  return useQuery({
    queryKey: feedbackKeys.detail(id ?? ''),
    queryFn: ({ signal }) => requestData(api.GET('/api/feedback/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: id !== null,
  });
}

export function fetchFeedbackPhoto(id: string, photoId: string, signal?: AbortSignal) {
  return requestData(
    api.GET('/api/feedback/{id}/photos/{photoId}', { params: { path: { id, photoId } }, parseAs: 'blob', signal }),
  ) as Promise<Blob>;
}

export function useFeedbackStats(query: FeedbackStatsQuery) {
  return useQuery({
    queryKey: feedbackKeys.stats(query),
    queryFn: ({ signal }) => requestData(api.GET('/api/feedback/stats', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/**
 * After a feedback changes: its detail, every inbox list (status, assignee and customer columns), the
 * figures, the channels' counts, and the linked customers' timelines.
 */
function useFeedbackMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: feedbackKeys.all }),
        queryClient.invalidateQueries({ queryKey: channelKeys.all }),
        queryClient.invalidateQueries({ queryKey: customerKeys.details() }),
      ]),
  });
}

export function useUpdateFeedback() {
  return useFeedbackMutation(({ id, patch }: { id: string; patch: FeedbackPatch }) =>
    requestData(api.PATCH('/api/feedback/{id}', { params: { path: { id } }, body: patch })),
  );
}

export function useAddFeedbackNote() {
  return useFeedbackMutation(({ id, note }: { id: string; note: FeedbackNoteInput }) =>
    requestData(api.POST('/api/feedback/{id}/notes', { params: { path: { id } }, body: note })),
  );
}

export function useLinkFeedbackCustomer() {
  return useFeedbackMutation(({ id, customerId }: { id: string; customerId: string | null }) =>
    requestData(api.PUT('/api/feedback/{id}/customer', { params: { path: { id } }, body: { customerId } })),
  );
}

/** The full phone the customer left (each reveal is audited, so it is asked for, never cached). */
export function useRevealFeedbackPhone() {
  return useMutation({
    mutationFn: (id: string) => requestData(api.POST('/api/feedback/{id}/reveal', { params: { path: { id } } })),
  });
}
