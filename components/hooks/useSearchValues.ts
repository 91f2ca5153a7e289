'use client';
// What the issue search box completes from the server: the organization's tag keys and one key's values
// (Sentry's /organizations/{org}/tags/ endpoints), for the selected project or all of them.
import { keepPreviousData } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import { apiFetch, enc, withQuery } from './api';
import { queryKeys } from './queryKeys';
import type { TagKey, TagValue } from '@/lib/issues/contract';

export function useOrgTagKeys(org: string, project: string, enabled: boolean) {
  return useApiQuery({
    queryKey: queryKeys.orgTagKeys(org, project),
    queryFn: () => apiFetch<TagKey[]>(withQuery(`/api/0/organizations/${enc(org)}/tags/`, { project })),
    enabled,
    staleTime: 60_000,
  });
}

export function useOrgTagValues(org: string, project: string, key: string, query: string, enabled: boolean) {
  return useApiQuery({
    queryKey: queryKeys.orgTagValues(org, project, key, query),
    queryFn: () =>
      apiFetch<TagValue[]>(withQuery(`/api/0/organizations/${enc(org)}/tags/${enc(key)}/values/`, { project, query })),
    enabled: enabled && key !== '',
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
