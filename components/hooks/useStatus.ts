'use client';
// Admin → Status: throughput, queue, workers and storage, read again every 10 s while the page is visible.
import type { StatusReport } from '@/lib/status/contract';
import { useApiQuery } from './useApiQuery';
import { apiFetch } from './api';
import { queryKeys } from './queryKeys';

export const STATUS_REFRESH_MS = 10_000;

export function useStatus() {
  return useApiQuery({
    queryKey: queryKeys.status(),
    queryFn: () => apiFetch<StatusReport>('/api/0/internal/status/'),
    refetchInterval: STATUS_REFRESH_MS,
  });
}
