import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, requestData, requestNoContent } from '@/api/client';
import type {
  ApiKeyInput,
  ManagedUserInput,
  ManagedUserPatch,
  RoleInput,
  SecuritySettings,
  TeamInput,
  TeamPatch,
} from '@/api/types';
import { buildTree, toTreeOptions } from '@/utils/tree';
import { customerKeys, referenceKeys, systemKeys } from './queryKeys';

// Reads and writes of the 系统管理 pages (users, roles, teams, API keys, security settings).

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: systemKeys.permissions,
    queryFn: ({ signal }) => requestData(api.GET('/api/permissions', { signal })),
    // The catalogue changes only with a new server version.
    staleTime: Infinity,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: systemKeys.roles,
    queryFn: ({ signal }) => requestData(api.GET('/api/roles', { signal })).then((data) => data.items),
    enabled,
  });
}

/** After a role changes: its user count and name show in the users and API key lists too. */
function useRoleMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: systemKeys.roles }),
        queryClient.invalidateQueries({ queryKey: systemKeys.managedUsers }),
        queryClient.invalidateQueries({ queryKey: systemKeys.apiKeys }),
      ]),
  });
}

export function useSaveRole() {
  return useRoleMutation(({ id, input }: { id?: string; input: RoleInput }) =>
    id
      ? requestData(api.PATCH('/api/roles/{id}', { params: { path: { id } }, body: input }))
      : requestData(api.POST('/api/roles', { body: input })),
  );
}

export function useDeleteRole() {
  return useRoleMutation((id: string) =>
    requestNoContent(api.DELETE('/api/roles/{id}', { params: { path: { id } } })),
  );
}

export function useTeams() {
  return useQuery({
    queryKey: systemKeys.teams,
    queryFn: ({ signal }) => requestData(api.GET('/api/teams', { signal })).then((data) => data.items),
    staleTime: 60_000,
  });
}

/** After a team changes: users show their team's name. */
function useTeamMutation<Variables, Result>(mutationFn: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: systemKeys.teams }),
        queryClient.invalidateQueries({ queryKey: systemKeys.managedUsers }),
      ]),
  });
}

export function useCreateTeam() {
  return useTeamMutation((input: TeamInput) => requestData(api.POST('/api/teams', { body: input })));
}

export function useUpdateTeam() {
  return useTeamMutation(({ id, patch }: { id: string; patch: TeamPatch }) =>
    requestData(api.PATCH('/api/teams/{id}', { params: { path: { id } }, body: patch })),
  );
}

export function useDeleteTeam() {
  return useTeamMutation((id: string) =>
    requestNoContent(api.DELETE('/api/teams/{id}', { params: { path: { id } } })),
  );
}

export function useManagedUsers() {
  return useQuery({
    queryKey: systemKeys.managedUsers,
    queryFn: ({ signal }) => requestData(api.GET('/api/admin/users', { signal })).then((data) => data.items),
  });
}

/**
 * After a user changes: the staff pickers (names, who is active), role and team counts. A handover moves
 * customers, so their owners in every cached customer change too.
 */
function useUserMutation<Variables, Result>(
  mutationFn: (variables: Variables) => Promise<Result>,
  { movesCustomers = false } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: systemKeys.managedUsers }),
        queryClient.invalidateQueries({ queryKey: referenceKeys.users }),
        queryClient.invalidateQueries({ queryKey: systemKeys.roles }),
        queryClient.invalidateQueries({ queryKey: systemKeys.teams }),
        movesCustomers ? queryClient.invalidateQueries({ queryKey: customerKeys.all }) : undefined,
      ]),
  });
}

export function useCreateUser() {
  return useUserMutation((input: ManagedUserInput) => requestData(api.POST('/api/admin/users', { body: input })));
}

export function useUpdateUser() {
  return useUserMutation(({ id, patch }: { id: string; patch: ManagedUserPatch }) =>
    requestData(api.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body: patch })),
  );
}

export function useResetPassword() {
  return useUserMutation(({ id, password }: { id: string; password: string }) =>
    requestNoContent(
      api.POST('/api/admin/users/{id}/reset-password', { params: { path: { id } }, body: { password } }),
    ),
  );
}

export function useUnlockUser() {
  return useUserMutation((id: string) =>
    requestNoContent(api.POST('/api/admin/users/{id}/unlock', { params: { path: { id } } })),
  );
}

export function useResetMfa() {
  return useUserMutation((id: string) =>
    requestNoContent(api.POST('/api/admin/users/{id}/reset-mfa', { params: { path: { id } } })),
  );
}

export function useUnbindWechat() {
  return useUserMutation((id: string) =>
    requestNoContent(api.POST('/api/admin/users/{id}/unbind-wechat', { params: { path: { id } } })),
  );
}

export function useHandover() {
  return useUserMutation(
    ({ id, toUserId }: { id: string; toUserId: string }) =>
      requestData(api.POST('/api/admin/users/{id}/handover', { params: { path: { id } }, body: { toUserId } })),
    { movesCustomers: true },
  );
}

export function useApiKeys() {
  return useQuery({
    queryKey: systemKeys.apiKeys,
    queryFn: ({ signal }) => requestData(api.GET('/api/api-keys', { signal })).then((data) => data.items),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiKeyInput) => requestData(api.POST('/api/api-keys', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => requestNoContent(api.DELETE('/api/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: systemKeys.apiKeys }),
  });
}

export function useSecuritySettings() {
  return useQuery({
    queryKey: systemKeys.securitySettings,
    queryFn: ({ signal }) => requestData(api.GET('/api/security-settings', { signal })),
  });
}

export function useSaveSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SecuritySettings) => requestData(api.PUT('/api/security-settings', { body: input })),
    onSuccess: (saved) => queryClient.setQueryData(systemKeys.securitySettings, saved),
  });
}

/** The teams as TreeSelect options (the API lists them flat, each pointing at its parent). */
export function useTeamTreeOptions() {
  const teams = useTeams();
  const options = useMemo(
    () =>
      toTreeOptions(
        buildTree(teams.data ?? [], (team) => team.parentId),
        (team) => team.name,
      ),
    [teams.data],
  );
  return { options, loading: teams.isPending };
}
