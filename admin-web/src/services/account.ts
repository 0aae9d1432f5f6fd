import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type { PasswordChange } from '@/api/types';
import { accountKeys, systemKeys } from './queryKeys';

// The own account: password, two-factor authentication and sessions (docs/contract.md, "Account").

/** The password policy's minimum length, which the password forms check before sending. */
export function usePasswordMinLength() {
  return useQuery({
    queryKey: systemKeys.securitySettings,
    queryFn: ({ signal }) => requestData(api.GET('/api/security-settings', { signal })),
    select: (settings) => settings.passwordMinLength,
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => requestNoContent(api.POST('/api/me/password', { body })),
    // The server ends every other session of the user.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions() }),
  });
}

export function useMfaStatus() {
  return useQuery({
    queryKey: accountKeys.mfa(),
    queryFn: ({ signal }) => requestData(api.GET('/api/me/mfa', { signal })),
  });
}

/** A new secret and QR code; two-factor authentication is on only once a code is confirmed. */
export function useStartMfaSetup() {
  return useMutation({ mutationFn: () => requestData(api.POST('/api/me/mfa/setup')) });
}

export function useEnableMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => requestData(api.POST('/api/me/mfa/enable', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.mfa() }),
  });
}

export function useDisableMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      requestNoContent(api.POST('/api/me/mfa/disable', { body: { password } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.mfa() }),
  });
}

/** A new set of recovery codes; the old ones stop working. */
export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => requestData(api.POST('/api/me/mfa/recovery-codes', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.mfa() }),
  });
}

export function useMySessions() {
  return useQuery({
    queryKey: accountKeys.sessions(),
    queryFn: ({ signal }) => requestData(api.GET('/api/me/sessions', { signal })).then((data) => data.items),
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      requestNoContent(api.DELETE('/api/me/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions() }),
  });
}
