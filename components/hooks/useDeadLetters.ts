'use client';
// Admin: the worker's dead-letter stream, a page at a time, and retrying or discarding entries.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import type { DeadLetter } from '@/lib/queue/eventStream';
import { apiFetch, apiFetchPage, withQuery } from './api';
import { queryKeys } from './queryKeys';

const URL = '/api/0/internal/dead-letters/';

export function useDeadLetters(cursor: string) {
  return useApiQuery({
    queryKey: queryKeys.deadLetters(cursor),
    queryFn: () => apiFetchPage<DeadLetter>(withQuery(URL, { cursor })),
  });
}

export function useDeadLetterAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: 'retry' | 'delete'; ids: string[] }) =>
      apiFetch<{ action: string; count: number }>(URL, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.deadLetters() }),
  });
}
