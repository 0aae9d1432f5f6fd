import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, requestData } from '@/api/client';
import type { ResponseOf } from '@/api/types';

// Reads and writes of the backups page (docs/contract.md, "Backup and restore").

export type BackupList = ResponseOf<'/api/backups', 'get'>;
export type Backup = BackupList['items'][number];

export const backupKeys = {
  all: ['backups'] as const,
};

const backupPollMs = 2000;

/**
 * The archives, the schedule and whether a backup runs. While one runs (or the page waits for one it
 * started), the list polls until the new archive appears.
 */
export function useBackups(poll: boolean) {
  return useQuery({
    queryKey: backupKeys.all,
    queryFn: ({ signal }) => requestData(api.GET('/api/backups', { signal })),
    refetchInterval: (query) => (poll || query.state.data?.running ? backupPollMs : false),
  });
}

export function useStartBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => requestData(api.POST('/api/backups')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backupKeys.all }),
  });
}

/** The archive's bytes (the download needs the bearer token, so a plain link cannot fetch it). */
export function fetchBackupArchive(name: string, signal?: AbortSignal) {
  return requestData(
    api.GET('/api/backups/{name}/download', { params: { path: { name } }, parseAs: 'blob', signal }),
  ) as Promise<Blob>;
}
