'use client';
// react-query hooks over the alert API: channels, their delivery log, a project's rules. Keys in one place.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiFetchPage, enc, withQuery } from '../hooks/api';

export interface Channel {
  id: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
  isActive: boolean;
  dateCreated: string;
}

export interface Delivery {
  id: string;
  status: 'pending' | 'sent' | 'failed' | 'digested';
  attempts: number;
  kind: string;
  subject: string;
  ruleId: string | null;
  issueId: string | null;
  recipients?: string[];
  digestOf?: string[];
  response: string | null;
  error: string | null;
  nextAttemptAt: string | null;
  dateSent: string | null;
  dateCreated: string;
}

export interface Rule {
  id: string;
  name: string;
  isActive: boolean;
  trigger: string;
  triggerConfig: { threshold: number; windowMinutes: number } | null;
  filters: Record<string, string>[];
  channels: string[];
  throttleMinutes: number;
  notifyAssignee: boolean;
  dateCreated: string;
}

export const alertKeys = {
  channels: (org: string) => ['alertChannels', org] as const,
  deliveries: (org: string, channelId: string, cursor: string) => ['alertChannels', org, channelId, 'deliveries', cursor] as const,
  rules: (org: string, project: string) => ['alertRules', org, project] as const,
};

const channelsUrl = (org: string) => `/api/0/organizations/${enc(org)}/alert-channels/`;
const rulesUrl = (org: string, project: string) => `/api/0/projects/${enc(org)}/${enc(project)}/rules/`;

export function useChannels(org: string) {
  return useQuery({ queryKey: alertKeys.channels(org), queryFn: () => apiFetch<Channel[]>(withQuery(channelsUrl(org), { per_page: 100 })) });
}

export function useDeliveries(org: string, channelId: string, cursor: string) {
  return useQuery({
    queryKey: alertKeys.deliveries(org, channelId, cursor),
    queryFn: () => apiFetchPage<Delivery>(withQuery(`${channelsUrl(org)}${enc(channelId)}/deliveries/`, { cursor, per_page: 20 })),
    refetchInterval: 5000,
  });
}

export function useChannelMutations(org: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: alertKeys.channels(org) });
  return {
    create: useMutation({
      mutationFn: (body: { name: string; type: string; config: Record<string, unknown> }) => apiFetch<Channel>(channelsUrl(org), { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string; isActive?: boolean; name?: string }) => apiFetch<Channel>(`${channelsUrl(org)}${enc(id)}/`, { method: 'PUT', body: JSON.stringify(body) }),
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
  return useQuery({ queryKey: alertKeys.rules(org, project), queryFn: () => apiFetch<Rule[]>(withQuery(rulesUrl(org, project), { per_page: 100 })) });
}

export function useRuleMutations(org: string, project: string) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: alertKeys.rules(org, project) });
  return {
    create: useMutation({
      mutationFn: (body: Record<string, unknown>) => apiFetch<Rule>(rulesUrl(org, project), { method: 'POST', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & Record<string, unknown>) => apiFetch<Rule>(`${rulesUrl(org, project)}${enc(id)}/`, { method: 'PUT', body: JSON.stringify(body) }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiFetch<void>(`${rulesUrl(org, project)}${enc(id)}/`, { method: 'DELETE' }),
      onSuccess: invalidate,
    }),
  };
}
