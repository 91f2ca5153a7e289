'use client';
// A project's usage (30 days of outcomes, limits, storage) for Project settings → Usage.
import { useApiQuery } from './useApiQuery';
import { apiFetch, enc } from './api';
import { queryKeys } from './queryKeys';
import type { ProjectUsage } from '@/lib/quotas/contract';

export function useProjectUsage(org: string, project: string) {
  return useApiQuery({
    queryKey: queryKeys.projectUsage(org, project),
    queryFn: () => apiFetch<ProjectUsage>(`/api/0/projects/${enc(org)}/${enc(project)}/usage/`),
  });
}
