// Pure: applies a batch's inserted events to their locked issues in time order: the counts each issue gains, the
// status the events leave (regressions, ended ignores), and what the worker reports per stored event.
import { levelRank } from '../events/level.ts';
import type { PreparedEvent } from './prepareEvent.ts';
import type { StoredEvent } from './types.ts';
import type { IssueUpdateRow, LockedIssue } from './queries/batchWrites.ts';
import { statusOnEvent, type IssueStatusState, type ReleaseAtOrAfter } from './statusOnEvent.ts';
import type { IssueIdOf } from './batchRows.ts';
import { compareVersions } from '../releases/versionOrder.ts';

export const maxLevel = (a: string, b: string) => (levelRank(b) > levelRank(a) ? b : a);

/** What a batch adds to an issue, before its status columns are known. */
export type IssueCounts = Omit<
  IssueUpdateRow,
  'status' | 'substatus' | 'statusDetails' | 'resolvedInRelease' | 'ignoredUntil' | 'ignoreUntilCount'
>;

/** First-seen rank of releases per org, for the release comparisons of the status rules that semver cannot decide. */
export type ReleaseOrder = Map<number, Map<string, number>>;

export interface AppliedEvents {
  /** The inserted events as reported to alert rules, in the order they were applied. */
  stored: StoredEvent[];
  /** One row per touched issue, in id order (the lock order). */
  updates: IssueUpdateRow[];
}

export interface ApplyInput {
  /** Events inserted by this transaction, in time order. */
  inserted: PreparedEvent[];
  issueIdOf: IssueIdOf;
  locked: ReadonlyMap<number, LockedIssue>;
  /** Issues this batch created. */
  newIssueIds: ReadonlySet<number>;
  /** Users new to each issue. */
  newUsers: ReadonlyMap<number, number>;
  releaseOrder: ReleaseOrder;
  orgOf: ReadonlyMap<number, number>;
}

function stateOf(lock: LockedIssue): IssueStatusState {
  return {
    status: lock.status,
    substatus: lock.substatus,
    statusDetails: lock.statusDetails ?? {},
    resolvedInRelease: lock.resolvedInRelease,
    ignoredUntil: lock.ignoredUntil ? new Date(lock.ignoredUntil) : null,
    ignoreUntilCount: lock.ignoreUntilCount === null ? null : BigInt(lock.ignoreUntilCount),
    eventCount: BigInt(lock.eventCount),
  };
}

/**
 * Release order of one org: by semver when both versions parse, else by first-seen rank; a release missing from
 * the table is newer than every known one (this very batch created it).
 */
export function atOrAfterIn(order: Map<string, number> | undefined): ReleaseAtOrAfter {
  return (r, ref) => {
    const bySemver = compareVersions(r, ref);
    if (bySemver !== null && bySemver !== 0) return bySemver > 0;
    const a = order?.get(r);
    const b = order?.get(ref);
    return a === undefined || b === undefined || a >= b;
  };
}

export function applyEvents(x: ApplyInput): AppliedEvents {
  const stored: StoredEvent[] = [];
  /** Counts per issue; the status columns are added from `states` once every event is applied. */
  const counts = new Map<number, IssueCounts>();
  const states = new Map<number, IssueStatusState>();
  for (const p of x.inserted) {
    const id = x.issueIdOf(p);
    const lock = x.locked.get(id)!;
    const before = states.get(id) ?? stateOf(lock);
    const atOrAfter = atOrAfterIn(x.releaseOrder.get(x.orgOf.get(p.projectId)!));
    const r = statusOnEvent(
      { ...before, eventCount: before.eventCount + 1n },
      { release: p.event.release ?? null, receivedAt: p.receivedAt },
      atOrAfter,
    );
    states.set(id, r.state);
    const ts = p.timestamp.toISOString();
    // The issue's first event of this batch is the one that created it, when it was created now.
    const isNewIssue = x.newIssueIds.has(id) && !counts.has(id);
    const c = counts.get(id) ?? {
      id,
      n: 0,
      users: x.newUsers.get(id) ?? 0,
      firstSeen: ts,
      lastSeen: ts,
      level: lock.level,
      firstRelease: null,
      lastRelease: null,
      regressed: false,
    };
    c.n++;
    c.lastSeen = ts;
    c.level = maxLevel(c.level, p.event.level);
    if (p.event.release) {
      c.firstRelease ??= p.event.release;
      c.lastRelease = p.event.release;
    }
    c.regressed ||= r.reopened === 'regression';
    counts.set(id, c);
    stored.push({
      projectId: p.projectId,
      issueId: id,
      eventId: p.event.event_id,
      isNewIssue,
      isRegression: r.reopened === 'regression',
      level: p.event.level,
      environment: p.event.environment,
      release: p.event.release ?? null,
      tags: p.event.tags,
      userKey: p.userKey,
      timestamp: p.event.timestamp,
    });
  }
  const updates = [...counts.values()].sort((a, b) => a.id - b.id).map((c) => withStatus(c, states.get(c.id)!));
  return { stored, updates };
}

function withStatus(c: IssueCounts, st: IssueStatusState): IssueUpdateRow {
  return {
    ...c,
    status: st.status,
    substatus: st.substatus,
    statusDetails: st.statusDetails,
    resolvedInRelease: st.resolvedInRelease,
    ignoredUntil: st.ignoredUntil?.toISOString() ?? null,
    ignoreUntilCount: st.ignoreUntilCount?.toString() ?? null,
  };
}

/**
 * The releases whose creation order the status rules need, per org of the inserted events; empty when no locked
 * issue is resolved in a release (the common case: no query at all).
 */
export function releasesToOrder(
  inserted: PreparedEvent[],
  locked: Iterable<LockedIssue>,
  orgOf: ReadonlyMap<number, number>,
): Map<number, string[]> {
  const issues = [...locked];
  const out = new Map<number, string[]>();
  if (!issues.some((i) => i.status === 'resolved' && (i.resolvedInRelease || i.statusDetails?.inNextRelease)))
    return out;
  for (const orgId of new Set(inserted.map((p) => orgOf.get(p.projectId)!))) {
    const versions = new Set<string>();
    for (const p of inserted) if (orgOf.get(p.projectId) === orgId && p.event.release) versions.add(p.event.release);
    for (const i of issues) {
      if (i.resolvedInRelease) versions.add(i.resolvedInRelease);
      const cur = i.statusDetails?.currentRelease;
      if (typeof cur === 'string') versions.add(cur);
    }
    out.set(orgId, [...versions]);
  }
  return out;
}
