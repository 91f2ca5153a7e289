// Stores a batch of prepared events in one transaction with exact issue aggregates.
// Idempotent: the event row's unique (projectId, eventId) makes a replay after a crash a no-op, and every
// counter is derived only from the events this transaction actually inserted.
// Each step below is I/O around a pure function of batchRows.ts / issueUpdates.ts.
import type pg from 'pg';
import { inTransaction, sql, type Sql } from '../sql.ts';
import { isRetryableTransaction } from '../dbErrors.ts';
import type { StoredEvent } from './types.ts';
import type { PreparedEvent } from './prepareEvent.ts';
import * as q from './queries/batchWrites.ts';
import * as rows from './batchRows.ts';
import { applyEvents, releasesToOrder, type ReleaseOrder } from './issueUpdates.ts';

export interface BatchResult {
  /** Events inserted by this call, in the order they were applied. */
  stored: StoredEvent[];
  /** Events skipped because they were already stored (replays). */
  duplicates: number;
  /** Events of projects that no longer exist. */
  orphaned: number;
}

const MAX_ATTEMPTS = 5;

/** Deadlocks and serialization failures between workers are retried; anything else is the caller's to handle. */
export async function storeEvents(pool: pg.Pool, batch: PreparedEvent[]): Promise<BatchResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeOnce(pool, batch);
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableTransaction(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

async function storeOnce(pool: pg.Pool, input: PreparedEvent[]): Promise<BatchResult> {
  const unique = rows.distinctEvents(input);
  const { batch, orgOf } = await ofLiveProjects(sql(pool), unique);
  const orphaned = unique.length - batch.length;
  if (!batch.length) return { stored: [], duplicates: input.length - unique.length, orphaned };

  return inTransaction(pool, async (tx) => {
    const { issueIdOf, newIssueIds } = await findOrCreateIssues(tx, batch);
    const locked = await lockIssues(tx, batch, issueIdOf);
    const inserted = await insertEvents(tx, batch, issueIdOf);
    const duplicates = input.length - orphaned - inserted.length;
    if (!inserted.length) return { stored: [], duplicates, orphaned };
    const newUsers = rows.countPerIssue(await q.insertIssueUsers(tx, rows.issueUserRows(inserted, issueIdOf)));
    const releaseOrder = await loadReleaseOrder(tx, inserted, locked, orgOf);
    const { stored, updates } = applyEvents({
      inserted,
      issueIdOf,
      locked,
      newIssueIds,
      newUsers,
      releaseOrder,
      orgOf,
    });
    await q.updateIssues(tx, updates);
    await addAggregates(tx, inserted, stored, issueIdOf, orgOf);
    return { stored, duplicates, orphaned };
  });
}

/** Drops the events of projects deleted since they were queued; the org of each remaining project. */
async function ofLiveProjects(
  db: Sql,
  events: PreparedEvent[],
): Promise<{ batch: PreparedEvent[]; orgOf: Map<number, number> }> {
  const orgOf = await q.projectOrgs(db, [...new Set(events.map((p) => p.projectId))]);
  return { batch: events.filter((p) => orgOf.has(p.projectId)), orgOf };
}

/** Existing issues by hash; the rest created, with short numbers reserved per project in project order. */
async function findOrCreateIssues(
  tx: Sql,
  batch: PreparedEvent[],
): Promise<{ issueIdOf: rows.IssueIdOf; newIssueIds: Set<number> }> {
  const issueOf = new Map<string, number>();
  const hashes = rows.hashesOf(batch).map((p) => ({ projectId: p.projectId, hash: p.grouping.hash }));
  for (const r of await q.issuesByHash(tx, hashes)) issueOf.set(rows.hashKey(r.projectId, r.hash), r.issueId);
  const newIssueIds = new Set<number>();
  const toCreate = rows.issuesToCreate(batch, new Set(issueOf.keys()));
  if (toCreate.length) {
    const newRows: q.NewIssueRow[] = [];
    for (const { projectId, firstEvents } of toCreate) {
      let next = await q.reserveShortNumbers(tx, projectId, firstEvents.length);
      for (const first of firstEvents) newRows.push(rows.newIssueRow(first, next++));
    }
    for (const r of await q.createIssues(tx, newRows)) {
      issueOf.set(rows.hashKey(r.projectId, r.hash), r.issueId);
      if (r.created) newIssueIds.add(r.issueId);
    }
  }
  return { issueIdOf: (p) => issueOf.get(rows.hashKeyOf(p))!, newIssueIds };
}

/** Locks the issues before anything counts into them, always in id order (concurrent workers take them alike). */
async function lockIssues(
  tx: Sql,
  batch: PreparedEvent[],
  issueIdOf: rows.IssueIdOf,
): Promise<Map<number, q.LockedIssue>> {
  const ids = [...new Set(batch.map(issueIdOf))].sort((a, b) => a - b);
  return new Map((await q.lockIssues(tx, ids)).map((i) => [i.id, i]));
}

/** Inserts the events; only those inserted now (not replays) count from here on. */
async function insertEvents(tx: Sql, batch: PreparedEvent[], issueIdOf: rows.IssueIdOf): Promise<PreparedEvent[]> {
  return rows.insertedEvents(batch, await q.insertEvents(tx, rows.eventRowsJson(batch, issueIdOf)));
}

async function loadReleaseOrder(
  tx: Sql,
  inserted: PreparedEvent[],
  locked: Map<number, q.LockedIssue>,
  orgOf: Map<number, number>,
): Promise<ReleaseOrder> {
  const order: ReleaseOrder = new Map();
  for (const [orgId, versions] of releasesToOrder(inserted, locked.values(), orgOf))
    order.set(orgId, await q.releaseFirstSeenOrder(tx, orgId, versions));
  return order;
}

/** Per-hour counts, tag values, environments, releases; the project-wide hourly row (the hottest) last. */
async function addAggregates(
  tx: Sql,
  inserted: PreparedEvent[],
  stored: StoredEvent[],
  issueIdOf: rows.IssueIdOf,
  orgOf: Map<number, number>,
): Promise<void> {
  await q.addIssueHourlyCounts(tx, rows.issueHourlyRows(inserted, issueIdOf));
  await q.addTagValues(tx, rows.tagValueRows(inserted, issueIdOf));
  await q.addEnvironments(tx, rows.environmentRows(inserted));
  await q.addReleases(tx, rows.releaseRows(stored, orgOf));
  await q.addProjectHourlyCounts(tx, rows.projectHourlyRows(inserted));
}
