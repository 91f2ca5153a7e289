// Issue changes (Sentry's bulk mutate and issue update): status with its details, assignment, merge, deletion.
// Writes the status contract the worker reads (see "Issue status contract" in the helpers' notes and storeEvents).
import type { Issue } from '../generated/prisma/client.ts';
import type { Db } from '../db.ts';
import { InvalidError } from '../errors.ts';
import { searchIssueIds } from './queries/search.ts';
import type { IssueFilter } from './search.ts';
import { assignmentActivity, recordActivity, statusActivity, subscribe } from './activity.ts';
import { issueFilter, type IssueSearchInput } from './list.ts';
import { mergeIssues, type MergeResult } from './merge.ts';
import { ignoreForEvents, resolveInNextRelease } from './queries/status.ts';
import { statusDetails, teamActor, userActor, type Actor } from './serialize.ts';
import type { IssueChanges } from './params.ts';

/** Sentry's BULK_MUTATION_LIMIT: a mutation by query touches at most this many issues. */
export const BULK_MUTATION_LIMIT = 1000;

/** Issues picked by `id=` (limited to the allowed projects) or else by the search filter. */
export async function selectIssues(db: Db, ids: number[], filter: IssueFilter): Promise<Issue[]> {
  if (filter.projectIds.length === 0) return [];
  if (ids.length > 0)
    return db.issue.findMany({
      where: { id: { in: ids }, projectId: { in: filter.projectIds } },
      orderBy: { id: 'asc' },
    });
  const found = await searchIssueIds(db, filter, 'date', 0, BULK_MUTATION_LIMIT);
  return found.length ? db.issue.findMany({ where: { id: { in: found } }, orderBy: { id: 'asc' } }) : [];
}

function requireOneProject(issues: Issue[], what: string) {
  if (new Set(issues.map((i) => i.projectId)).size > 1)
    throw new InvalidError(null, `Cannot ${what} for multiple projects.`);
}

type StatusResult = { status: string; statusDetails: Record<string, unknown> };

async function applyStatus(db: Db, orgId: number, issues: Issue[], c: IssueChanges): Promise<StatusResult | undefined> {
  const ids = issues.map((i) => i.id);
  const d = c.statusDetails;
  const now = new Date();
  const clearIgnore = { ignoredUntil: null, ignoreUntilCount: null };
  if (c.status === 'resolvedInNextRelease' || (c.status === 'resolved' && d.inNextRelease)) {
    requireOneProject(issues, 'set resolved in next release');
    // The worker reopens the issue for an event whose release differs from the one current now.
    await resolveInNextRelease(db, ids, now);
    return { status: 'resolved', statusDetails: { inNextRelease: true } };
  }
  if (c.status === 'resolved' && d.inRelease) {
    requireOneProject(issues, 'set resolved in release');
    const release = await db.release.findUnique({ where: { orgId_version: { orgId, version: d.inRelease } } });
    if (!release) throw new InvalidError('statusDetails.inRelease', `unable to find the release "${d.inRelease}"`);
    await db.issue.updateMany({
      where: { id: { in: ids } },
      data: {
        status: 'resolved',
        resolvedAt: now,
        resolvedInRelease: d.inRelease,
        statusDetails: { inRelease: d.inRelease },
        ...clearIgnore,
      },
    });
    return { status: 'resolved', statusDetails: { inRelease: d.inRelease } };
  }
  if (c.status === 'resolved') {
    await db.issue.updateMany({
      where: { id: { in: ids } },
      data: { status: 'resolved', resolvedAt: now, resolvedInRelease: null, statusDetails: {}, ...clearIgnore },
    });
    return { status: 'resolved', statusDetails: {} };
  }
  if (c.status === 'ignored') {
    const base = { status: 'ignored' as const, resolvedAt: null, resolvedInRelease: null, ...clearIgnore };
    if (d.ignoreCount) {
      // Unignored by the worker once the issue has N more events.
      await ignoreForEvents(db, ids, d.ignoreCount);
    } else if (d.ignoreDuration || d.ignoreUntil) {
      const until = d.ignoreDuration ? new Date(now.getTime() + d.ignoreDuration * 60_000) : new Date(d.ignoreUntil!);
      const stored = d.ignoreDuration ? { ignoreDuration: d.ignoreDuration } : { ignoreUntil: until.toISOString() };
      await db.issue.updateMany({
        where: { id: { in: ids } },
        data: { ...base, ignoredUntil: until, statusDetails: stored },
      });
    } else {
      await db.issue.updateMany({ where: { id: { in: ids } }, data: { ...base, statusDetails: {} } });
    }
    const after = await db.issue.findFirstOrThrow({ where: { id: ids[0] } });
    return { status: 'ignored', statusDetails: statusDetails(after) };
  }
  if (c.status === 'unresolved') {
    await db.issue.updateMany({
      where: { id: { in: ids } },
      data: {
        status: 'unresolved',
        substatus: 'ongoing',
        statusDetails: {},
        resolvedAt: null,
        resolvedInRelease: null,
        ...clearIgnore,
      },
    });
    return { status: 'unresolved', statusDetails: {} };
  }
  return undefined;
}

/**
 * `assignedTo` as Sentry takes it: `user:<id>`, `team:<id>`, a bare user id, an email or a username; '' or null
 * clears. Users must be members of the organization; teams must have access to every selected issue's project.
 */
async function applyAssignment(db: Db, orgId: number, issues: Issue[], raw: string | null): Promise<Actor | null> {
  const ids = issues.map((i) => i.id);
  if (raw === null || raw.trim() === '') {
    await db.issue.updateMany({ where: { id: { in: ids } }, data: { assignedUserId: null, assignedTeamId: null } });
    return null;
  }
  const value = raw.trim();
  const team = /^team:(\d{1,12})$/.exec(value);
  if (team) {
    const t = await db.team.findFirst({
      where: { id: Number(team[1]), orgId },
      include: { projects: { select: { projectId: true } } },
    });
    if (!t) throw new InvalidError('assignedTo', `unknown team "${value}"`);
    const reachable = new Set(t.projects.map((p) => p.projectId));
    if (issues.some((i) => !reachable.has(i.projectId)))
      throw new InvalidError('assignedTo', 'the team has no access to the project');
    await db.issue.updateMany({ where: { id: { in: ids } }, data: { assignedTeamId: t.id, assignedUserId: null } });
    return teamActor(t);
  }
  const userId = /^(?:user:)?(\d{1,12})$/.exec(value);
  const user = await db.user.findFirst({
    where: {
      ...(userId
        ? { id: Number(userId[1]) }
        : { OR: [{ email: { equals: value, mode: 'insensitive' } }, { username: value }] }),
      isActive: true,
      memberships: { some: { orgId } },
    },
  });
  if (!user) throw new InvalidError('assignedTo', `"${value}" is not a member of this organization`);
  await db.issue.updateMany({ where: { id: { in: ids } }, data: { assignedUserId: user.id, assignedTeamId: null } });
  return userActor(user);
}

export interface MutationResult {
  status?: string;
  statusDetails?: Record<string, unknown>;
  assignedTo?: Actor | null;
  merge?: { parent: string; children: string[] };
  inbox?: null;
}

/**
 * Applies the changes to the selected issues (all in one organization) and answers what was applied, as Sentry does.
 * Each status change and assignment goes into the issues' activity as done by `actorId`; an assigned user follows them.
 */
export async function updateIssues(
  db: Db,
  orgId: number,
  issues: Issue[],
  c: IssueChanges,
  actorId: number | null = null,
): Promise<MutationResult> {
  const out: MutationResult = {};
  const ids = issues.map((i) => i.id);
  if (c.merge && issues.length > 1) requireOneProject(issues, 'merge issues');
  const status = await applyStatus(db, orgId, issues, c);
  if (status) {
    Object.assign(out, status, { inbox: null });
    // Sentry's set_ignored keeps what was asked (`ignoreDuration`), beside the resulting `ignoreUntil`.
    const asked = c.statusDetails.ignoreDuration ? { ignoreDuration: c.statusDetails.ignoreDuration } : {};
    await recordActivity(db, ids, actorId, statusActivity(status.status, { ...status.statusDetails, ...asked }));
  }
  if (c.assignedTo !== undefined) {
    out.assignedTo = await applyAssignment(db, orgId, issues, c.assignedTo);
    await recordActivity(db, ids, actorId, assignmentActivity(out.assignedTo));
    if (out.assignedTo?.type === 'user') await subscribe(db, ids, [Number(out.assignedTo.id)], 'assigned');
  }
  if (c.merge && issues.length > 1) {
    const m: MergeResult = await mergeIssues(
      db,
      issues.map((i) => i.id),
    );
    out.merge = { parent: String(m.parent), children: m.children.map(String) };
  }
  return out;
}

/** Deletes the issues with everything that belongs to them (events, hashes, counts, tag values). */
export async function deleteIssues(db: Db, issues: Issue[]): Promise<number> {
  if (issues.length === 0) return 0;
  return (await db.issue.deleteMany({ where: { id: { in: issues.map((i) => i.id) } } })).count;
}

export interface BulkSelection extends IssueSearchInput {
  /** `id=` parameters; when given, the query is not used. */
  ids: number[];
  /** sentry-cli's `--status` filter (`status=resolved|unresolved|muted`), ANDed with the query. */
  status?: string;
}

function bulkFilter(db: Db, sel: BulkSelection): Promise<IssueFilter> {
  const query = sel.status ? `is:${sel.status} ${sel.query ?? ''}`.trim() : sel.query;
  return issueFilter(db, { ...sel, query });
}

/** Bulk mutate: null when nothing matched (Sentry answers 204 then). */
export async function bulkUpdateIssues(
  db: Db,
  orgId: number,
  sel: BulkSelection,
  changes: IssueChanges,
): Promise<MutationResult | null> {
  const issues = await selectIssues(db, sel.ids, await bulkFilter(db, sel));
  return issues.length ? updateIssues(db, orgId, issues, changes, sel.viewerId) : null;
}

export async function bulkDeleteIssues(db: Db, sel: BulkSelection): Promise<number> {
  return deleteIssues(db, await selectIssues(db, sel.ids, await bulkFilter(db, sel)));
}
