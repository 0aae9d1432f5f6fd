import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type { ChannelInput, ChannelPatch, ChannelQrFormat, ChannelQrType } from '@/api/types';
import { channelKeys, feedbackKeys } from './queryKeys';

// Reads and writes of the QR channels page (docs/contract.md, "Channels").

export function useChannels() {
  return useQuery({
    queryKey: channelKeys.all,
    queryFn: ({ signal }) => requestData(api.GET('/api/channels', { signal })),
  });
}

export function useChannel(id: string | undefined) {
  return useQuery({
    queryKey: channelKeys.detail(id ?? ''),
    queryFn: ({ signal }) => requestData(api.GET('/api/channels/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: id !== undefined,
  });
}

/** The QR image of a channel (an authorised request, so an <img src> cannot load it by itself). */
export function fetchChannelQr(id: string, type: ChannelQrType, format: ChannelQrFormat, signal?: AbortSignal) {
  return requestData(
    api.GET('/api/channels/{id}/qr', {
      params: { path: { id }, query: { type, format } },
      parseAs: 'blob',
      signal,
    }),
  ) as Promise<Blob>;
}

/** After a channel changes: the list, the channel itself, and the inbox's channel filter and rows. */
function useChannelMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: channelKeys.all }),
        queryClient.invalidateQueries({ queryKey: feedbackKeys.lists() }),
      ]),
  });
}

export function useCreateChannel() {
  return useChannelMutation((input: ChannelInput) => requestData(api.POST('/api/channels', { body: input })));
}

export function useUpdateChannel() {
  return useChannelMutation(({ id, patch }: { id: string; patch: ChannelPatch }) =>
    requestData(api.PATCH('/api/channels/{id}', { params: { path: { id } }, body: patch })),
  );
}

export function useReissueChannel() {
  return useChannelMutation((id: string) =>
    requestData(api.POST('/api/channels/{id}/reissue', { params: { path: { id } } })),
  );
}

export function useDeleteChannel() {
  return useChannelMutation((id: string) =>
    requestNoContent(api.DELETE('/api/channels/{id}', { params: { path: { id } } })),
  );
}
