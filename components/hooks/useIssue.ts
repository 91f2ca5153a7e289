'use client';
// One issue: details, tags, hashes, its events, and the changes made from its page.
import { keepPreviousData, useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import { apiFetch, apiFetchPage, enc, withQuery } from './api';
import { queryKeys } from './queryKeys';
import type { Event as IssueEvent, EventSimple } from '@/lib/events/contract';
import type { Activity, IssueActivities, IssueDetail, IssueHash, IssueTag, IssueUpdate } from '@/lib/issues/contract';

export function useIssue(id: string) {
  return useApiQuery({
    queryKey: queryKeys.issue(id),
    queryFn: () => apiFetch<IssueDetail>(`/api/0/issues/${enc(id)}/`),
  });
}

export function useIssueTags(id: string) {
  return useApiQuery({
    queryKey: queryKeys.issueTags(id),
    queryFn: () => apiFetch<IssueTag[]>(`/api/0/issues/${enc(id)}/tags/`),
  });
}

export function useIssueHashes(id: string, enabled: boolean) {
  return useApiQuery({
    queryKey: queryKeys.issueHashes(id),
    queryFn: () => apiFetch<IssueHash[]>(`/api/0/issues/${enc(id)}/hashes/`),
    enabled,
  });
}

export function useIssueEvents(id: string, cursor: string, query: string, enabled: boolean) {
  return useApiQuery({
    queryKey: queryKeys.issueEvents(id, cursor, query),
    queryFn: () =>
      apiFetchPage<EventSimple>(withQuery(`/api/0/issues/${enc(id)}/events/`, { cursor, query, per_page: 25 })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** `eventId` is an event id, or `latest` / `oldest`. */
export function useIssueEvent(issueId: string, eventId: string) {
  return useApiQuery({
    queryKey: queryKeys.event(issueId, eventId),
    queryFn: () => apiFetch<IssueEvent>(`/api/0/issues/${enc(issueId)}/events/${enc(eventId)}/`),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateIssue(id: string, org: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: IssueUpdate) =>
      apiFetch<IssueDetail>(`/api/0/issues/${enc(id)}/`, { method: 'PUT', body: JSON.stringify(change) }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: queryKeys.issue(id), exact: true });
      qc.invalidateQueries({ queryKey: queryKeys.issueActivity(id) });
      qc.invalidateQueries({ queryKey: queryKeys.issueLists(org) });
    },
  });
}

export function useIssueActivity(id: string, enabled: boolean) {
  return useApiQuery({
    queryKey: queryKeys.issueActivity(id),
    queryFn: async () => (await apiFetch<IssueActivities>(`/api/0/issues/${enc(id)}/activities/`)).activity,
    enabled,
  });
}

export function useAddComment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      apiFetch<Activity>(`/api/0/issues/${enc(id)}/comments/`, { method: 'POST', body: JSON.stringify({ text }) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.issueActivity(id) }),
  });
}

export function useDeleteComment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) =>
      apiFetch<void>(`/api/0/issues/${enc(id)}/comments/${enc(commentId)}/`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.issueActivity(id) }),
  });
}
