// An issue in Sentry's Web API shape (what sentry-cli's `issues list` and our dashboard read), plus `isRegression`.
import type { Issue, Organization, Project, Team, User } from '../generated/prisma/client.ts';
import { config } from '../config.ts';
import { NEW_ISSUE_DAYS } from './search.ts';
import { issuePath, shortId } from './shortId.ts';
import type { StatsPeriod, StatsSeries } from './stats.ts';
import type { Actor, Issue as ApiIssue, IssueMetadata, StatusDetails } from './contract.ts';

export type { Actor };

export type IssueWithRelations = Issue & {
  project: Project & { org: Organization };
  assignedUser: User | null;
  assignedTeam: Team | null;
};

/** The Prisma `include` that loads what the serializer needs. */
export const ISSUE_INCLUDE = { project: { include: { org: true } }, assignedUser: true, assignedTeam: true } as const;

export function userActor(u: Pick<User, 'id' | 'name' | 'email'>): Actor {
  return { type: 'user', id: String(u.id), name: u.name || u.email, email: u.email };
}

/** Sentry names a team actor by its slug. */
export function teamActor(t: Pick<Team, 'id' | 'slug'>): Actor {
  return { type: 'team', id: String(t.id), name: t.slug };
}

export function permalink(orgSlug: string, issueId: number): string {
  return `${config().url}${issuePath(orgSlug, issueId)}`;
}

type Json = Record<string, unknown>;

/** The stored statusDetails (the worker's contract) in the form Sentry's API answers with. */
export function statusDetails(issue: Issue): StatusDetails {
  const stored = (issue.statusDetails ?? {}) as Json;
  if (issue.status === 'resolved') {
    if (stored.inNextRelease) return { inNextRelease: true };
    if (issue.resolvedInRelease) return { inRelease: issue.resolvedInRelease };
    return {};
  }
  if (issue.status === 'ignored') {
    const out: StatusDetails = {};
    if (issue.ignoredUntil) out.ignoreUntil = issue.ignoredUntil.toISOString();
    if (typeof stored.ignoreCount === 'number') out.ignoreCount = stored.ignoreCount;
    return out;
  }
  return {};
}

/** Sentry's substatus: null when resolved, archived_* when ignored, new turning ongoing after a week. */
export function substatus(issue: Issue, now = new Date()): string | null {
  if (issue.status === 'resolved') return null;
  if (issue.status === 'ignored')
    return issue.ignoredUntil || issue.ignoreUntilCount !== null ? 'archived_until_condition_met' : 'archived_forever';
  if (issue.substatus === 'new' && now.getTime() - issue.firstSeen.getTime() > NEW_ISSUE_DAYS * 86_400_000)
    return 'ongoing';
  return issue.substatus;
}

/** Sentry's initial priority follows the level. */
function priority(level: string): 'high' | 'medium' | 'low' {
  return level === 'fatal' || level === 'error' ? 'high' : level === 'warning' ? 'medium' : 'low';
}

export function metadata(issue: Issue): IssueMetadata {
  if (issue.type === 'default') return { title: issue.title };
  const m: IssueMetadata = {};
  if (issue.metadataType) m.type = issue.metadataType;
  if (issue.metadataValue) m.value = issue.metadataValue;
  return m;
}

export interface SerializeOptions {
  stats?: Partial<Record<StatsPeriod, StatsSeries>>;
  /** Some event of the issue was not handled (tag handled:no). */
  isUnhandled?: boolean;
  now?: Date;
}

export function serializeIssue(issue: IssueWithRelations, opts: SerializeOptions = {}): ApiIssue {
  const p = issue.project;
  const assignedTo = issue.assignedUser
    ? userActor(issue.assignedUser)
    : issue.assignedTeam
      ? teamActor(issue.assignedTeam)
      : null;
  const out: ApiIssue = {
    id: String(issue.id),
    shareId: null,
    shortId: shortId(p.slug, issue.shortNumber),
    title: issue.title,
    culprit: issue.culprit,
    permalink: permalink(p.org.slug, issue.id),
    logger: null,
    level: issue.level,
    status: issue.status,
    statusDetails: statusDetails(issue),
    substatus: substatus(issue, opts.now),
    isPublic: false,
    platform: p.platform,
    priority: priority(issue.level),
    project: { id: String(p.id), name: p.name, slug: p.slug, platform: p.platform },
    type: issue.type,
    issueType: 'error',
    issueCategory: 'error',
    metadata: metadata(issue),
    numComments: 0,
    assignedTo,
    isBookmarked: false,
    isSubscribed: false,
    subscriptionDetails: null,
    hasSeen: false,
    annotations: [],
    isUnhandled: opts.isUnhandled ?? false,
    count: String(issue.eventCount),
    userCount: issue.userCount,
    firstSeen: issue.firstSeen.toISOString(),
    lastSeen: issue.lastSeen.toISOString(),
    firstRelease: issue.firstRelease ? { version: issue.firstRelease } : null,
    lastRelease: issue.lastRelease ? { version: issue.lastRelease } : null,
    isRegression: issue.isRegression,
  };
  if (opts.stats) out.stats = opts.stats;
  return out;
}

export type SerializedIssue = ApiIssue;
