// Pure: what a batch of prepared events adds to each table, as the rows lib/digest/queries/batchWrites.ts writes.
// No database here, so every count, bucket and sum is unit-tested on its own (batchRows.test.ts).
import type { PreparedEvent } from './prepareEvent.ts';
import type { StoredEvent } from './types.ts';
import { userIdentityTags } from '../events/user.ts';
import { pgJson, type NewIssueRow } from './queries/batchWrites.ts';

/** The issue of an event in this batch (every event has one once its issues are found or created). */
export type IssueIdOf = (p: PreparedEvent) => number;

/** Key of an issue's hash within the batch: (project, grouping hash). */
export const hashKey = (projectId: number, hash: string) => `${projectId}:${hash}`;
export const hashKeyOf = (p: PreparedEvent) => hashKey(p.projectId, p.grouping.hash);
const eventKey = (projectId: number, eventId: string) => `${projectId}:${eventId}`;

export function countBy<K>(items: Iterable<K>, keyOf: (k: K) => string): Map<string, { item: K; n: number }> {
  const m = new Map<string, { item: K; n: number }>();
  for (const it of items) {
    const k = keyOf(it);
    const e = m.get(k);
    if (e) e.n++;
    else m.set(k, { item: it, n: 1 });
  }
  return m;
}

/** The start of the UTC hour of `d`, the bucket of the hourly counts. */
export function hourOf(d: Date): string {
  const h = new Date(d);
  h.setUTCMinutes(0, 0, 0);
  return h.toISOString();
}

/** The same event twice in one batch counts once, like a replay; the last copy wins. */
export function distinctEvents(input: PreparedEvent[]): PreparedEvent[] {
  return [...new Map(input.map((p) => [eventKey(p.projectId, p.event.event_id), p])).values()];
}

/** The distinct hashes of the batch, each with its first event in batch order. */
export function hashesOf(batch: PreparedEvent[]): PreparedEvent[] {
  return [...countBy(batch, hashKeyOf).values()].map(({ item }) => item);
}

export interface IssuesToCreate {
  projectId: number;
  /** Per new issue, its earliest event of the batch (it names the issue), in batch order of first sighting. */
  firstEvents: PreparedEvent[];
}

/** The hashes without an issue, grouped by project in project order (short numbers are reserved per project). */
export function issuesToCreate(batch: PreparedEvent[], known: ReadonlySet<string>): IssuesToCreate[] {
  const missing = hashesOf(batch).filter((p) => !known.has(hashKeyOf(p)));
  if (!missing.length) return [];
  const earliest = new Map<string, PreparedEvent>();
  for (const p of [...batch].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())) {
    const k = hashKeyOf(p);
    if (!earliest.has(k)) earliest.set(k, p);
  }
  const byProject = new Map<number, PreparedEvent[]>();
  for (const m of missing) {
    const list = byProject.get(m.projectId) ?? [];
    list.push(earliest.get(hashKeyOf(m))!);
    byProject.set(m.projectId, list);
  }
  return [...byProject.entries()]
    .sort(([a], [b]) => a - b)
    .map(([projectId, firstEvents]) => ({ projectId, firstEvents }));
}

export function newIssueRow(first: PreparedEvent, shortNumber: number): NewIssueRow {
  return {
    projectId: first.projectId,
    shortNumber,
    hash: first.grouping.hash,
    title: first.summary.title,
    culprit: first.summary.culprit,
    type: first.summary.type,
    metadataType: first.summary.metadata.type ?? '',
    metadataValue: first.summary.metadata.value ?? first.summary.metadata.title ?? '',
    level: first.event.level,
    firstSeen: first.timestamp.toISOString(),
    release: first.event.release ?? null,
    groupingVersion: first.grouping.groupingVersion,
    components: { variant: first.grouping.variant, values: first.grouping.components },
  };
}

/**
 * The event rows as one JSON array in (projectId, eventId) order, each with the normalized event spliced in as
 * `data` (already JSON: serializing it again would cost more than the insert).
 */
export function eventRowsJson(batch: PreparedEvent[], issueIdOf: IssueIdOf): string {
  const rows = [...batch]
    .sort((a, b) => a.projectId - b.projectId || (a.event.event_id < b.event.event_id ? -1 : 1))
    .map((p) => {
      const row = pgJson({
        projectId: p.projectId,
        issueId: issueIdOf(p),
        eventId: p.event.event_id,
        timestamp: p.timestamp.toISOString(),
        received: p.receivedAt.toISOString(),
        level: p.event.level,
        release: p.event.release ?? null,
        environment: p.event.environment,
        title: p.summary.title,
        message: p.event.message ?? '',
        culprit: p.summary.culprit,
        userKey: p.userKey,
        hash: p.grouping.hash,
      });
      return `${row.slice(0, -1)},"data":${p.json}}`;
    });
  return `[${rows.join(',')}]`;
}

/** The events the database actually inserted (replays were skipped), in time order. */
export function insertedEvents(
  batch: PreparedEvent[],
  inserted: { projectId: number; eventId: string }[],
): PreparedEvent[] {
  const keys = new Set(inserted.map((r) => eventKey(r.projectId, r.eventId)));
  return batch
    .filter((p) => keys.has(eventKey(p.projectId, p.event.event_id)))
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
}

/** One (issue, user) row per distinct pair, first seen at its first event in time order. */
export function issueUserRows(
  inserted: PreparedEvent[],
  issueIdOf: IssueIdOf,
): { issueId: number; userKey: string; firstSeen: string }[] {
  return [
    ...countBy(
      inserted.filter((p) => p.userKey),
      (p) => `${issueIdOf(p)}\0${p.userKey}`,
    ).values(),
  ].map(({ item }) => ({
    issueId: issueIdOf(item),
    userKey: item.userKey!,
    firstSeen: item.timestamp.toISOString(),
  }));
}

/** How many rows each issue has among `rows` (the new users the insert reported). */
export function countPerIssue(rows: { issueId: number }[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of rows) m.set(r.issueId, (m.get(r.issueId) ?? 0) + 1);
  return m;
}

export function issueHourlyRows(
  inserted: PreparedEvent[],
  issueIdOf: IssueIdOf,
): { issueId: number; hour: string; n: number }[] {
  return [...countBy(inserted, (p) => `${issueIdOf(p)}|${hourOf(p.timestamp)}`).values()].map(({ item, n }) => ({
    issueId: issueIdOf(item),
    hour: hourOf(item.timestamp),
    n,
  }));
}

export function projectHourlyRows(inserted: PreparedEvent[]): { projectId: number; hour: string; n: number }[] {
  return [...countBy(inserted, (p) => `${p.projectId}|${hourOf(p.timestamp)}`).values()].map(({ item, n }) => ({
    projectId: item.projectId,
    hour: hourOf(item.timestamp),
    n,
  }));
}

export interface TagValueRow {
  issueId: number;
  key: string;
  value: string;
  n: number;
  firstSeen: string;
  lastSeen: string;
}

/**
 * Per issue, tag key and value: events carrying it and when (`inserted` is in time order). Besides the event's tags,
 * each identity of its user (`user.email`, ...) so search finds a user by any of them.
 */
export function tagValueRows(inserted: PreparedEvent[], issueIdOf: IssueIdOf): TagValueRow[] {
  const agg = new Map<string, TagValueRow>();
  for (const p of inserted) {
    const ts = p.timestamp.toISOString();
    const issueId = issueIdOf(p);
    for (const [k, v] of [...p.event.tags, ...userIdentityTags(p.event)]) {
      const id = `${issueId}\0${k}\0${v}`;
      const e = agg.get(id);
      if (e) {
        e.n++;
        e.lastSeen = ts;
      } else agg.set(id, { issueId, key: k, value: v, n: 1, firstSeen: ts, lastSeen: ts });
    }
  }
  return [...agg.values()];
}

export function environmentRows(inserted: PreparedEvent[]): { projectId: number; name: string }[] {
  return [...countBy(inserted, (p) => `${p.projectId}\0${p.event.environment}`).values()].map(({ item }) => ({
    projectId: item.projectId,
    name: item.event.environment,
  }));
}

export interface ReleaseRow {
  orgId: number;
  projectId: number;
  version: string;
  /** Issues this batch created with an event of the release. */
  newIssues: number;
}

export function releaseRows(stored: StoredEvent[], orgOf: ReadonlyMap<number, number>): ReleaseRow[] {
  const rows = new Map<string, ReleaseRow>();
  for (const s of stored) {
    if (!s.release) continue;
    const k = `${s.projectId}\0${s.release}`;
    const row = rows.get(k) ?? {
      orgId: orgOf.get(s.projectId)!,
      projectId: s.projectId,
      version: s.release,
      newIssues: 0,
    };
    if (s.isNewIssue) row.newIssues++;
    rows.set(k, row);
  }
  return [...rows.values()];
}
