// The /api/0 issue shapes (Sentry's, plus `isRegression`): what the serializers return and the dashboard reads.
import type { z } from 'zod';
import type { StatsPeriod, StatsSeries } from './stats.ts';
import type { EventSimple } from '../events/contract.ts';
import type { issueUpdateBody } from './params.ts';

export type { StatsPeriod, StatsSeries };
export type { MutationResult as IssueMutationResult } from './mutate.ts';

/** The body of an issue update or bulk change (PUT), as the client sends it. */
export type IssueUpdate = z.input<typeof issueUpdateBody>;

export interface Actor {
  type: 'user' | 'team';
  id: string;
  name: string;
  email?: string;
}

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

/** Sentry's statusDetails: set per status (inNextRelease / inRelease when resolved, ignore* when ignored). */
// A type, not an interface, so it stays assignable to the JSON records the mutations pass around.
export type StatusDetails = {
  inNextRelease?: true;
  inRelease?: string;
  ignoreUntil?: string;
  ignoreCount?: number;
};

export interface IssueMetadata {
  type?: string;
  value?: string;
  title?: string;
  filename?: string;
  function?: string;
}

export interface IssueProjectRef {
  id: string;
  name: string;
  slug: string;
  platform: string | null;
}

export interface Issue {
  id: string;
  shareId: null;
  shortId: string;
  title: string;
  culprit: string;
  permalink: string;
  logger: null;
  level: string;
  status: IssueStatus;
  statusDetails: StatusDetails;
  substatus: string | null;
  isPublic: boolean;
  platform: string | null;
  priority: 'high' | 'medium' | 'low';
  project: IssueProjectRef;
  type: string;
  issueType: string;
  issueCategory: string;
  metadata: IssueMetadata;
  numComments: number;
  assignedTo: Actor | null;
  isBookmarked: boolean;
  isSubscribed: boolean;
  subscriptionDetails: null;
  hasSeen: boolean;
  annotations: unknown[];
  isUnhandled: boolean;
  /** Sentry sends the event count as a string. */
  count: string;
  userCount: number;
  firstSeen: string;
  lastSeen: string;
  firstRelease: { version: string } | null;
  lastRelease: { version: string } | null;
  /** Faultline extension: the issue came back after being resolved. */
  isRegression: boolean;
  /** With `statsPeriod` (list) or always on the detail (`24h` and `30d`). */
  stats?: Partial<Record<StatsPeriod, StatsSeries>>;
}

export interface TagKey {
  key: string;
  name: string;
  /** Sentry's "events with this tag". */
  totalValues: number;
  uniqueValues: number;
}

export interface TagValue {
  key: string;
  name: string;
  value: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface IssueTag extends TagKey {
  topValues: TagValue[];
}

/** `/issues/{id}/`: the list shape plus tag keys and Sentry's always-empty collections. */
export interface IssueDetail extends Issue {
  tags: TagKey[];
  participants: unknown[];
  activity: unknown[];
  seenBy: unknown[];
  pluginActions: unknown[];
  pluginIssues: unknown[];
  pluginContexts: unknown[];
  userReportCount: number;
}

export interface IssueHash {
  id: string;
  latestEvent: EventSimple | null;
  mergedBySeer: boolean;
  groupingVersion: string;
  /** Faultline extension: what the hash was computed from (variant and inputs). */
  components: { variant: string | null; values: unknown[] };
  dateCreated: string;
}

/** Who did something on the issue, as Sentry's activity `user`; null for Faultline itself. */
export interface ActivityUser {
  id: string;
  name: string;
  email: string;
  username: string | null;
}

/**
 * One entry of `/issues/{id}/activities/` (and a comment of `/issues/{id}/comments/`, type `note`). Types are Sentry's:
 * note, set_resolved, set_resolved_in_release, set_unresolved, set_ignored, assigned, unassigned, set_regression,
 * first_seen; Faultline adds alert_sent (an alert delivery for the issue, `data` naming rule, channel and status).
 */
export interface Activity {
  id: string;
  type: string;
  user: ActivityUser | null;
  data: Record<string, unknown>;
  dateCreated: string;
}

/** `/issues/{id}/activities/`: Sentry wraps the list. */
export interface IssueActivities {
  activity: Activity[];
}
