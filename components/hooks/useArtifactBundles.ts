'use client';
// react-query hooks over a project's uploaded source-map bundles.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import type { ArtifactBundleShape } from '@/lib/sourcemaps/contract';
import { apiFetch, apiFetchPage, enc, withQuery } from './api';
import { queryKeys } from './queryKeys';

const bundlesUrl = (org: string, project: string) =>
  `/api/0/projects/${enc(org)}/${enc(project)}/files/artifact-bundles/`;

export function useArtifactBundles(org: string, project: string) {
  return useApiQuery({
    queryKey: queryKeys.artifactBundles(org, project),
    queryFn: () => apiFetchPage<ArtifactBundleShape>(withQuery(bundlesUrl(org, project), { per_page: 100 })),
  });
}

export function useDeleteArtifactBundle(org: string, project: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`${bundlesUrl(org, project)}${enc(id)}/`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.artifactBundles(org, project) }),
  });
}
