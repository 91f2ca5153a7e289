'use client';
// react-query hooks over the alert API: channels, their delivery log, a project's rules.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './useApiQuery';
import type {
  Channel,
  ChannelInput,
  ChannelUpdate,
  Delivery,
  Rule,
  RuleInput,
  RuleUpdate,
} from '@/lib/alerts/contract';
import { apiFetch, apiFetchPage, enc, withQuery } from './api';
import { queryKeys } from './queryKeys';

const channelsUrl = (org: string) => `/api/0/organizations/${enc(org)}/alert-channels/`;
const rulesUrl = (org: string, project: string) => `/api/0/projects/${enc(org)}/${enc(project)}/rules/`;

export function useChannels(org: string) {
  return useApiQuery({
    queryKey: queryKeys.alertChannels(org),
    queryFn: () => apiFetch<Channel[]>(withQuery(channelsUrl(org), { per_page: 100 })),
  });
}

export function useDeliveries(org: string, channelId: string, cursor: string) {
  return useApiQuery({
    queryKey: queryKeys.alertDeliveries(org, channelId, cursor),
    queryFn: () =>
      apiFetchPage<Delivery>(withQuery(`${channelsUrl(org)}${enc(channelId)}/deliveries/`, { cursor, per_page: 20 })),
    refetchInterval: 5000,
  });
}

export function useChannelMutations(org: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.alertChannels(org) });
  return {
    create: useMutation({
      mutationFn: (body: ChannelInput) =>
        apiFetch<Channel>(channelsUrl(org), { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & ChannelUpdate) =>
        apiFetch<Channel>(`${channelsUrl(org)}${enc(id)}/`, { method: 'PUT', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch<void>(`${channelsUrl(org)}${enc(id)}/`, { method: 'DELETE' }),
      onSuccess: invalidate,
    }),
    test: useMutation({
      mutationFn: (id: string) => apiFetch<Delivery>(`${channelsUrl(org)}${enc(id)}/test/`, { method: 'POST' }),
      // The test message is in the delivery log now.
      onSuccess: invalidate,
    }),
  };
}

export function useRules(org: string, project: string) {
  return useApiQuery({
    queryKey: queryKeys.alertRules(org, project),
    queryFn: () => apiFetch<Rule[]>(withQuery(rulesUrl(org, project), { per_page: 100 })),
  });
}

export function useRuleMutations(org: string, project: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: queryKeys.alertRules(org, project) });
  return {
    create: useMutation({
      mutationFn: (body: RuleInput) =>
        apiFetch<Rule>(rulesUrl(org, project), { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & RuleUpdate) =>
        apiFetch<Rule>(`${rulesUrl(org, project)}${enc(id)}/`, { method: 'PUT', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch<void>(`${rulesUrl(org, project)}${enc(id)}/`, { method: 'DELETE' }),
      onSuccess: invalidate,
    }),
  };
}
