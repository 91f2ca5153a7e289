'use client';
// Every dashboard read goes through here: react-query's useQuery, except that while React hydrates a page the answer
// is "pending", as the server rendered it. The data is fetched in the browser only, so the server's HTML always shows
// the loading state; but a query another component already finished (the sidebar's project list, say) would hand its
// cached data to a component that hydrates later inside a Suspense boundary, and that first render would not match
// the server's HTML (React error #418, seen now and then on the issue list). Right after hydration the real answer
// renders.
import {
  useQuery,
  type DefaultError,
  type QueryKey,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useHydrated } from './useHydrated';

export function useApiQuery<
  TQueryFnData,
  TError = DefaultError,
  TData = TQueryFnData,
  TQueryKey extends QueryKey = QueryKey,
>(options: UseQueryOptions<TQueryFnData, TError, TData, TQueryKey>): UseQueryResult<TData, TError> {
  const result = useQuery(options);
  const hydrated = useHydrated();
  if (hydrated) return result;
  return asServerRendered(result, options.enabled !== false);
}

/** The result as the server saw it: nothing cached yet, fetching if the query is enabled. */
function asServerRendered<TData, TError>(result: UseQueryResult<TData, TError>, enabled: boolean) {
  const shown: Record<string, unknown> = {
    data: undefined,
    error: null,
    status: 'pending',
    fetchStatus: enabled ? 'fetching' : 'idle',
    isPending: true,
    isLoading: enabled,
    isFetching: enabled,
    isSuccess: false,
    isError: false,
    isLoadingError: false,
    isRefetchError: false,
    isRefetching: false,
    isPlaceholderData: false,
    isFetched: false,
    isFetchedAfterMount: false,
    dataUpdatedAt: 0,
  };
  // A proxy, not a spread: react-query tracks which fields a component reads, and a spread would read them all.
  return new Proxy(result, {
    get: (target, key, receiver) =>
      typeof key === 'string' && key in shown ? shown[key] : Reflect.get(target, key, receiver),
  });
}
