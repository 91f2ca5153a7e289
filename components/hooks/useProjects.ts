'use client';
// Projects and their DSN keys: reads and the mutations of the settings and home pages.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import { apiFetch, enc } from './api';
import { queryKeys } from './queryKeys';
import type { Project, ProjectKey } from '@/lib/projects/contract';

export function useProjects(org: string) {
  return useApiQuery({
    queryKey: queryKeys.projects(org),
    queryFn: () => apiFetch<Project[]>(`/api/0/organizations/${enc(org)}/projects/?statsPeriod=24h`),
  });
}

export function useProject(org: string, project: string) {
  return useApiQuery({
    queryKey: queryKeys.project(org, project),
    queryFn: () => apiFetch<Project>(`/api/0/projects/${enc(org)}/${enc(project)}/`),
  });
}

export function useCreateProject(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { team: string; name: string; slug?: string; platform: string }) =>
      apiFetch<Project>(`/api/0/teams/${enc(org)}/${enc(v.team)}/projects/`, {
        method: 'POST',
        body: JSON.stringify({ name: v.name, slug: v.slug || undefined, platform: v.platform }),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.projects(org) }),
  });
}

export function useUpdateProject(org: string, project: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      v: Partial<Pick<Project, 'name' | 'slug' | 'rateLimitPerMinute' | 'rateLimitPerDay' | 'retentionDays'>> & {
        platform?: string;
      },
    ) => apiFetch<Project>(`/api/0/projects/${enc(org)}/${enc(project)}/`, { method: 'PUT', body: JSON.stringify(v) }),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: queryKeys.projects(org) });
      qc.invalidateQueries({ queryKey: queryKeys.projectUsage(org, p.slug) });
      qc.setQueryData(queryKeys.project(org, p.slug), p);
    },
  });
}

export function useDeleteProject(org: string, project: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(`/api/0/projects/${enc(org)}/${enc(project)}/`, { method: 'DELETE' }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: queryKeys.project(org, project) });
      qc.invalidateQueries({ queryKey: queryKeys.projects(org) });
      qc.invalidateQueries({ queryKey: queryKeys.issueLists(org) });
    },
  });
}

/** Grants or removes a team's access to the project (Sentry: POST/DELETE /projects/{org}/{project}/teams/{team}/). */
export function useProjectTeam(org: string, project: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { team: string; add: boolean }) =>
      apiFetch<Project>(`/api/0/projects/${enc(org)}/${enc(project)}/teams/${enc(v.team)}/`, {
        method: v.add ? 'POST' : 'DELETE',
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: queryKeys.project(org, project) });
      qc.invalidateQueries({ queryKey: queryKeys.teams(org) });
    },
  });
}

export function useProjectKeys(org: string, project: string) {
  return useApiQuery({
    queryKey: queryKeys.projectKeys(org, project),
    queryFn: () => apiFetch<ProjectKey[]>(`/api/0/projects/${enc(org)}/${enc(project)}/keys/`),
  });
}

export type KeyChange = { name?: string; isActive?: boolean; rateLimit?: { window: number; count: number } | null };

export function useKeyMutations(org: string, project: string) {
  const qc = useQueryClient();
  const base = `/api/0/projects/${enc(org)}/${enc(project)}/keys/`;
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.projectKeys(org, project) });
  const create = useMutation({
    mutationFn: (name: string) => apiFetch<ProjectKey>(base, { method: 'POST', body: JSON.stringify({ name }) }),
    onSuccess: invalidate,
  });
  const update = useMutation({
    mutationFn: (v: { id: string; change: KeyChange }) =>
      apiFetch<ProjectKey>(`${base}${enc(v.id)}/`, { method: 'PUT', body: JSON.stringify(v.change) }),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch<void>(`${base}${enc(id)}/`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
  // Rotation the way Sentry suggests it: a new key first, then the old one disabled (deleted later, once SDKs moved).
  const rotate = useMutation({
    mutationFn: async (old: ProjectKey) => {
      const fresh = await apiFetch<ProjectKey>(base, {
        method: 'POST',
        body: JSON.stringify({ name: `${old.name} (rotated)` }),
      });
      await apiFetch<ProjectKey>(`${base}${enc(old.id)}/`, {
        method: 'PUT',
        body: JSON.stringify({ isActive: false }),
      });
      return fresh;
    },
    onSettled: invalidate,
  });
  return { create, update, remove, rotate };
}
