'use client';
// The signed-in user's API tokens, and the superuser's pages: instance users and the directory test.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import type { ApiToken, DirectoryTestReport, InstanceUser, InvitedUser, NewApiToken } from '@/lib/auth/contract';
import type { Scope } from '@/lib/auth/scopes';
import { apiFetch, enc, withQuery } from './api';
import { queryKeys } from './queryKeys';

export function useApiTokens() {
  return useApiQuery({ queryKey: queryKeys.apiTokens(), queryFn: () => apiFetch<ApiToken[]>('/api/0/api-tokens/') });
}

export function useApiTokenMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.apiTokens() });
  return {
    create: useMutation({
      mutationFn: (body: { name: string; scopes: Scope[] }) =>
        apiFetch<NewApiToken>('/api/0/api-tokens/', { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    revoke: useMutation({
      mutationFn: (id: string) =>
        apiFetch<void>(withQuery('/api/0/api-tokens/', { tokenId: id }), { method: 'DELETE' }),
      onSuccess: invalidate,
    }),
  };
}

export function useUsers() {
  return useApiQuery({ queryKey: queryKeys.users(), queryFn: () => apiFetch<InstanceUser[]>('/api/0/users/') });
}

export function useUserMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.users() });
  return {
    invite: useMutation({
      mutationFn: (body: { email: string; name: string; isSuperuser: boolean }) =>
        apiFetch<InvitedUser>('/api/0/users/', { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    setActive: useMutation({
      mutationFn: (v: { id: string; isActive: boolean }) =>
        apiFetch<InstanceUser>(`/api/0/users/${enc(v.id)}/`, {
          method: 'PUT',
          body: JSON.stringify({ isActive: v.isActive }),
        }),
      onSuccess: invalidate,
    }),
  };
}

/** A run of the directory test changes nothing on the server: a mutation only because it is a POST on demand. */
export function useLdapTest() {
  return useMutation({
    mutationFn: (body: { username: string; password?: string }) =>
      apiFetch<DirectoryTestReport>('/api/0/ldap-test/', { method: 'POST', body: JSON.stringify(body) }),
  });
}
