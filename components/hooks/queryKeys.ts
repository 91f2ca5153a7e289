// Every react-query key of the dashboard, so mutations invalidate exactly what they change.
export const queryKeys = {
  organizations: () => ['organizations'] as const,
  projects: (org: string) => ['projects', org] as const,
  project: (org: string, project: string) => ['project', org, project] as const,
  projectKeys: (org: string, project: string) => ['projectKeys', org, project] as const,
  projectUsage: (org: string, project: string) => ['project', org, project, 'usage'] as const,
  teams: (org: string) => ['teams', org] as const,
  members: (org: string) => ['members', org] as const,
  releases: (org: string, project?: string) => ['releases', org, project ?? ''] as const,
  /** Prefix of every issue list of an org (bulk changes invalidate all of them). */
  issueLists: (org: string) => ['issues', org] as const,
  issues: (org: string, params: Record<string, string>) => ['issues', org, params] as const,
  issue: (id: string) => ['issue', id] as const,
  orgTagKeys: (org: string, project: string) => ['orgTags', org, project] as const,
  orgTagValues: (org: string, project: string, key: string, query: string) =>
    ['orgTags', org, project, key, query] as const,
  issueTags: (id: string) => ['issue', id, 'tags'] as const,
  issueHashes: (id: string) => ['issue', id, 'hashes'] as const,
  issueActivity: (id: string) => ['issue', id, 'activity'] as const,
  issueEvents: (id: string, cursor: string, query = '') => ['issue', id, 'events', cursor, query] as const,
  event: (issueId: string, eventId: string) => ['issue', issueId, 'event', eventId] as const,
  alertChannels: (org: string) => ['alertChannels', org] as const,
  alertDeliveries: (org: string, channelId: string, cursor: string) =>
    ['alertChannels', org, channelId, 'deliveries', cursor] as const,
  alertRules: (org: string, project: string) => ['alertRules', org, project] as const,
  artifactBundles: (org: string, project: string) => ['artifactBundles', org, project] as const,
  apiTokens: () => ['apiTokens'] as const,
  users: () => ['users'] as const,
  /** Admin: the worker's dead-letter stream; no cursor = every page. */
  deadLetters: (cursor?: string) =>
    cursor === undefined ? (['deadLetters'] as const) : (['deadLetters', cursor] as const),
  /** Admin → Status (refreshes itself). */
  status: () => ['status'] as const,
};
