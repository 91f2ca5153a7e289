'use client';
// Organizations, teams, members and releases of the signed-in user.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import { apiFetch, enc, withQuery } from './api';
import { queryKeys } from './queryKeys';
import type { Member, Organization } from '@/lib/orgs/contract';
import type { Release } from '@/lib/releases/contract';
import type { Team } from '@/lib/teams/contract';

export function useOrganizations() {
  return useApiQuery({
    queryKey: queryKeys.organizations(),
    queryFn: () => apiFetch<Organization[]>('/api/0/organizations/'),
  });
}

export function useTeams(org: string) {
  return useApiQuery({
    queryKey: queryKeys.teams(org),
    queryFn: () => apiFetch<Team[]>(`/api/0/organizations/${enc(org)}/teams/`),
  });
}

export function useMembers(org: string) {
  return useApiQuery({
    queryKey: queryKeys.members(org),
    queryFn: () => apiFetch<Member[]>(`/api/0/organizations/${enc(org)}/members/`),
  });
}

export function useReleases(org: string, projectId?: string) {
  return useApiQuery({
    queryKey: queryKeys.releases(org, projectId),
    queryFn: () =>
      apiFetch<Release[]>(
        withQuery(`/api/0/organizations/${enc(org)}/releases/`, { project: projectId, per_page: 100 }),
      ),
    // Release markers are decoration: a missing endpoint must not break the chart.
    retry: false,
  });
}

export function useOrgMutations(org: string) {
  const qc = useQueryClient();
  const setRole = useMutation({
    mutationFn: (v: { memberId: string; role: string }) =>
      apiFetch<Member>(`/api/0/organizations/${enc(org)}/members/${enc(v.memberId)}/`, {
        method: 'PUT',
        body: JSON.stringify({ orgRole: v.role, role: v.role }),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.members(org) }),
  });
  const createTeam = useMutation({
    mutationFn: (slug: string) =>
      apiFetch<Team>(`/api/0/organizations/${enc(org)}/teams/`, {
        method: 'POST',
        body: JSON.stringify({ slug, name: slug }),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.teams(org) }),
  });
  return { setRole, createTeam };
}
