// The /api/0 shapes the dashboard reads (Sentry's), with only the fields the pages use.

export type StatsSeries = Array<[number, number]>;

export interface Organization {
  id: string;
  slug: string;
  name: string;
  dateCreated?: string;
}

export interface TeamRef {
  id: string;
  slug: string;
  name: string;
}

export interface Project {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dateCreated?: string;
  teams?: TeamRef[];
  /** With `?statsPeriod=24h`: hourly event counts. Sentry sends an array; some servers key it by period. */
  stats?: StatsSeries | Record<string, StatsSeries>;
  unresolvedIssues?: number;
}

export interface ProjectKey {
  id: string;
  name: string;
  label?: string;
  public: string;
  secret: string;
  projectId: number | string;
  isActive: boolean;
  rateLimit: { window: number; count: number } | null;
  dsn: { public: string; secret: string; [k: string]: string };
  dateCreated?: string;
}

export interface Team extends TeamRef {
  dateCreated?: string;
  isMember?: boolean;
  memberCount?: number;
  projects?: Array<{ id: string; slug: string; name: string }>;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
  orgRole?: string;
  roleName?: string;
  pending?: boolean;
  dateCreated?: string;
  teams?: string[];
  user?: { id: string; name: string; email: string; username?: string } | null;
}

export interface Release {
  version: string;
  shortVersion?: string;
  dateCreated: string;
  dateReleased?: string | null;
  projects?: Array<{ id?: number | string; slug: string; name?: string }>;
}

export interface Actor {
  type: 'user' | 'team';
  id: string;
  name: string;
  email?: string;
}

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

export interface Issue {
  id: string;
  shortId: string;
  title: string;
  culprit: string;
  permalink?: string;
  level: string;
  status: IssueStatus;
  substatus?: string | null;
  statusDetails?: Record<string, unknown>;
  isRegression?: boolean;
  count: string;
  userCount: number;
  firstSeen: string;
  lastSeen: string;
  metadata: { type?: string; value?: string; title?: string; filename?: string; function?: string };
  type: string;
  project: { id: string; slug: string; name: string; platform?: string | null };
  assignedTo: Actor | null;
  hasSeen?: boolean;
  stats?: Record<string, StatsSeries>;
  firstRelease?: Release | string | null;
  lastRelease?: Release | string | null;
}

export interface TagValue {
  value: string | null;
  name?: string;
  count: number;
  lastSeen?: string;
  firstSeen?: string;
}

export interface IssueTag {
  key: string;
  name?: string;
  totalValues: number;
  uniqueValues?: number;
  topValues: TagValue[];
}

export interface IssueHash {
  id: string;
  latestEvent?: { eventID?: string; id?: string; title?: string } | null;
  /** Faultline extension: what went into the hash. */
  components?: unknown;
  variant?: string;
  groupingVersion?: string;
}

export interface EventEntry {
  type: string;
  data: unknown;
}

export interface IssueEvent {
  id: string;
  eventID: string;
  groupID?: string;
  title: string;
  message?: string;
  dateCreated: string;
  dateReceived?: string;
  platform?: string;
  culprit?: string;
  tags: Array<{ key: string; value: string }>;
  user?: Record<string, unknown> | null;
  contexts?: Record<string, Record<string, unknown>>;
  context?: Record<string, unknown>;
  entries?: EventEntry[];
  sdk?: { name?: string; version?: string } | null;
  release?: Release | string | null;
  environment?: string;
  previousEventID?: string | null;
  nextEventID?: string | null;
  fingerprints?: string[];
  [k: string]: unknown;
}
