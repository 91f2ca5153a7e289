'use client';
// The org issue list (filters from the URL, Link-header cursors) and its bulk changes.
import { keepPreviousData, useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import { apiFetch, apiFetchPage, enc, withQuery } from './api';
import { queryKeys } from './queryKeys';
import type { Issue, IssueMutationResult, IssueUpdate } from '@/lib/issues/contract';

export interface IssueListParams {
  project?: string;
  query: string;
  sort: string;
  statsPeriod: string;
  cursor?: string;
}

export function useIssues(org: string, p: IssueListParams) {
  const params = {
    project: p.project ?? '',
    query: p.query,
    sort: p.sort,
    statsPeriod: p.statsPeriod,
    cursor: p.cursor ?? '',
  };
  return useApiQuery({
    queryKey: queryKeys.issues(org, params),
    queryFn: () =>
      apiFetchPage<Issue>(withQuery(`/api/0/organizations/${enc(org)}/issues/`, { ...params, per_page: 25 })),
    placeholderData: keepPreviousData,
  });
}

export function useBulkUpdateIssues(org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { ids: string[]; change: IssueUpdate }) =>
      apiFetch<IssueMutationResult>(withQuery(`/api/0/organizations/${enc(org)}/issues/`, { id: v.ids }), {
        method: 'PUT',
        body: JSON.stringify(v.change),
      }),
    onSuccess: (_r, v) => {
      qc.invalidateQueries({ queryKey: queryKeys.issueLists(org) });
      v.ids.forEach((id) => qc.invalidateQueries({ queryKey: queryKeys.issue(id) }));
    },
  });
}

/** The newest issue of a project, polled every few seconds until there is one (the DSN page's "waiting" state). */
export function useFirstIssue(org: string, projectId: string) {
  const params = { project: projectId, query: '', sort: 'date', statsPeriod: '', cursor: '' };
  return useApiQuery({
    queryKey: queryKeys.issues(org, params),
    queryFn: () => apiFetch<Issue[]>(withQuery(`/api/0/organizations/${enc(org)}/issues/`, { ...params, per_page: 1 })),
    refetchInterval: (q) => (q.state.data?.length ? false : 3000),
  });
}
