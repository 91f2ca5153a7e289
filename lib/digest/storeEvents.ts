// Stores a batch of prepared events in one transaction with exact issue aggregates.
// Idempotent: the event row's unique (projectId, eventId) makes a replay after a crash a no-op, and every
// counter is derived only from the events this transaction actually inserted.
import type pg from 'pg';
import { inTransaction, sql } from '../sql.ts';
import type { StoredEvent } from './types.ts';
import type { PreparedEvent } from './prepareEvent.ts';
import { statusOnEvent, type IssueStatusState } from './statusOnEvent.ts';
import * as q from './queries/batchWrites.ts';

const LEVEL_ORDER = ['debug', 'info', 'warning', 'error', 'fatal'];
const maxLevel = (a: string, b: string) => (LEVEL_ORDER.indexOf(b) > LEVEL_ORDER.indexOf(a) ? b : a);

function hourOf(d: Date): string {
  const h = new Date(d);
  h.setUTCMinutes(0, 0, 0);
  return h.toISOString();
}

const key = (projectId: number, hash: string) => `${projectId}:${hash}`;

/** What a batch adds to an issue, before its status columns are known. */
type IssueCounts = Omit<q.IssueUpdateRow, 'status' | 'substatus' | 'statusDetails' | 'resolvedInRelease' | 'ignoredUntil' | 'ignoreUntilCount'>;

function countBy<K>(items: Iterable<K>, keyOf: (k: K) => string): Map<string, { item: K; n: number }> {
  const m = new Map<string, { item: K; n: number }>();
  for (const it of items) {
    const k = keyOf(it);
    const e = m.get(k);
    if (e) e.n++;
    else m.set(k, { item: it, n: 1 });
  }
  return m;
}

export interface BatchResult {
  /** Events inserted by this call, in the order they were applied. */
  stored: StoredEvent[];
  /** Events skipped because they were already stored (replays). */
  duplicates: number;
  /** Events of projects that no longer exist. */
  orphaned: number;
}

/** Deadlocks and serialization failures between workers are retried; anything else is the caller's to handle. */
function isRetryable(e: unknown): boolean {
  const s = String((e as Error)?.message ?? e);
  return /deadlock detected|could not serialize|40P01|40001/.test(s);
}

export async function storeEvents(pool: pg.Pool, batch: PreparedEvent[]): Promise<BatchResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeOnce(pool, batch);
    } catch (e) {
      if (attempt >= 5 || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

async function storeOnce(pool: pg.Pool, input: PreparedEvent[]): Promise<BatchResult> {
  // The same event twice in one batch counts once, like a replay.
  const unique = [...new Map(input.map((p) => [`${p.projectId}:${p.event.event_id}`, p])).values()];
  const orgOf = await q.projectOrgs(sql(pool), [...new Set(unique.map((p) => p.projectId))]);
  const batch = unique.filter((p) => orgOf.has(p.projectId));
  const orphaned = unique.length - batch.length;
  if (!batch.length) return { stored: [], duplicates: input.length - unique.length, orphaned };

  return inTransaction(pool, async (tx) => {
      // 1. Issues: existing by hash, the rest created (short numbers reserved per project, in project order).
      const groups = countBy(batch, (p) => key(p.projectId, p.grouping.hash));
      const issueOf = new Map<string, number>();
      for (const r of await q.issuesByHash(tx, [...groups.values()].map(({ item }) => ({ projectId: item.projectId, hash: item.grouping.hash })))) {
        issueOf.set(key(r.projectId, r.hash), r.issueId);
      }
      const missing = [...groups.entries()].filter(([k]) => !issueOf.has(k)).map(([, g]) => g.item);
      const newIssueIds = new Set<number>();
      if (missing.length) {
        const firstOf = new Map<string, PreparedEvent>();
        for (const p of [...batch].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())) {
          const k = key(p.projectId, p.grouping.hash);
          if (!firstOf.has(k)) firstOf.set(k, p);
        }
        const rows: q.NewIssueRow[] = [];
        const byProject = countBy(missing, (p) => String(p.projectId));
        for (const { item, n } of [...byProject.values()].sort((a, b) => a.item.projectId - b.item.projectId)) {
          let next = await q.reserveShortNumbers(tx, item.projectId, n);
          for (const m of missing.filter((p) => p.projectId === item.projectId)) {
            const first = firstOf.get(key(m.projectId, m.grouping.hash))!;
            rows.push({
              projectId: m.projectId,
              shortNumber: next++,
              hash: m.grouping.hash,
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
            });
          }
        }
        for (const r of await q.createIssues(tx, rows)) {
          issueOf.set(key(r.projectId, r.hash), r.issueId);
          if (r.created) newIssueIds.add(r.issueId);
        }
      }

      // 2. Lock the issues before anything that counts into them, always in id order.
      const issueIds = [...new Set(issueOf.values())].sort((a, b) => a - b);
      const locked = new Map((await q.lockIssues(tx, issueIds)).map((i) => [i.id, i]));

      // 3. Events: only the ones inserted now count.
      const rowsJson =
        '[' +
        [...batch]
          .sort((a, b) => a.projectId - b.projectId || (a.event.event_id < b.event.event_id ? -1 : 1))
          .map((p) => {
            const row = q.pgJson({
              projectId: p.projectId,
              issueId: issueOf.get(key(p.projectId, p.grouping.hash)),
              eventId: p.event.event_id,
              timestamp: p.timestamp.toISOString(),
              received: p.receivedAt.toISOString(),
              level: p.event.level,
              platform: p.event.platform,
              release: p.event.release ?? null,
              dist: p.event.dist ?? null,
              environment: p.event.environment,
              title: p.summary.title,
              message: p.event.message ?? '',
              culprit: p.summary.culprit,
              userKey: p.userKey,
              tags: Object.fromEntries(p.tags),
              hash: p.grouping.hash,
            });
            return `${row.slice(0, -1)},"data":${p.json}}`;
          })
          .join(',') +
        ']';
      const insertedKeys = new Set((await q.insertEvents(tx, rowsJson)).map((r) => `${r.projectId}:${r.eventId}`));
      const inserted = batch
        .filter((p) => insertedKeys.has(`${p.projectId}:${p.event.event_id}`))
        .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
      const duplicates = input.length - orphaned - inserted.length;
      if (!inserted.length) return { stored: [], duplicates, orphaned };
      const issueIdOf = (p: PreparedEvent) => issueOf.get(key(p.projectId, p.grouping.hash))!;

      // 4. Users affected.
      const userRows = [...countBy(inserted.filter((p) => p.userKey), (p) => `${issueIdOf(p)}\0${p.userKey}`).values()].map(({ item }) => ({
        issueId: issueIdOf(item),
        userKey: item.userKey!,
        firstSeen: item.timestamp.toISOString(),
      }));
      const newUsers = new Map<number, number>();
      for (const r of await q.insertIssueUsers(tx, userRows)) newUsers.set(r.issueId, (newUsers.get(r.issueId) ?? 0) + 1);

      // 5. Status: what each event does to its issue, in time order (regressions, ended ignores).
      const releaseOrder = new Map<number, Map<string, number>>();
      const needsReleases = [...locked.values()].some((i) => i.status === 'resolved' && (i.resolvedInRelease || i.statusDetails?.inNextRelease));
      if (needsReleases) {
        for (const orgId of new Set(inserted.map((p) => orgOf.get(p.projectId)!))) {
          const versions = new Set<string>();
          for (const p of inserted) if (orgOf.get(p.projectId) === orgId && p.event.release) versions.add(p.event.release);
          for (const i of locked.values()) {
            if (i.resolvedInRelease) versions.add(i.resolvedInRelease);
            const cur = i.statusDetails?.currentRelease;
            if (typeof cur === 'string') versions.add(cur);
          }
          releaseOrder.set(orgId, await q.releaseCreatedAt(tx, orgId, [...versions]));
        }
      }
      const stored: StoredEvent[] = [];
      /** Counts per issue; the status columns are added from `states` once every event is applied. */
      const counts = new Map<number, IssueCounts>();
      const states = new Map<number, IssueStatusState>();
      for (const p of inserted) {
        const id = issueIdOf(p);
        const lock = locked.get(id)!;
        const before = states.get(id) ?? {
          status: lock.status,
          substatus: lock.substatus,
          statusDetails: lock.statusDetails ?? {},
          resolvedInRelease: lock.resolvedInRelease,
          ignoredUntil: lock.ignoredUntil ? new Date(lock.ignoredUntil) : null,
          ignoreUntilCount: lock.ignoreUntilCount === null ? null : BigInt(lock.ignoreUntilCount),
          eventCount: BigInt(lock.eventCount),
        };
        const order = releaseOrder.get(orgOf.get(p.projectId)!);
        // A release missing from the table is newer than every known one (it was created by this very batch).
        const atOrAfter = (r: string, ref: string) => {
          const a = order?.get(r);
          const b = order?.get(ref);
          return a === undefined || b === undefined || a >= b;
        };
        const r = statusOnEvent({ ...before, eventCount: before.eventCount + 1n }, { release: p.event.release ?? null, receivedAt: p.receivedAt }, atOrAfter);
        states.set(id, r.state);
        const ts = p.timestamp.toISOString();
        // The issue's first event of this batch is the one that created it, when it was created now.
        const isNewIssue = newIssueIds.has(id) && !counts.has(id);
        const c = counts.get(id) ?? { id, n: 0, users: newUsers.get(id) ?? 0, firstSeen: ts, lastSeen: ts, level: lock.level, firstRelease: null, lastRelease: null, regressed: false };
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
          tags: p.tags,
          userKey: p.userKey,
          timestamp: p.event.timestamp,
        });
      }
      const updates: q.IssueUpdateRow[] = [...counts.values()]
        .sort((a, b) => a.id - b.id)
        .map((c) => {
          const st = states.get(c.id)!;
          return {
            ...c,
            status: st.status,
            substatus: st.substatus,
            statusDetails: st.statusDetails,
            resolvedInRelease: st.resolvedInRelease,
            ignoredUntil: st.ignoredUntil?.toISOString() ?? null,
            ignoreUntilCount: st.ignoreUntilCount?.toString() ?? null,
          };
        });
      await q.updateIssues(tx, updates);

      // 6. Per-hour counts, tag values, environments, releases; the project-wide hourly row (the hottest) last.
      await q.addIssueHourlyCounts(
        tx,
        [...countBy(inserted, (p) => `${issueIdOf(p)}|${hourOf(p.timestamp)}`).values()].map(({ item, n }) => ({ issueId: issueIdOf(item), hour: hourOf(item.timestamp), n })),
      );
      const tagAgg = new Map<string, { issueId: number; key: string; value: string; n: number; firstSeen: string; lastSeen: string }>();
      for (const p of inserted) {
        const ts = p.timestamp.toISOString();
        for (const [k, v] of p.tags) {
          const id = `${issueIdOf(p)}\0${k}\0${v}`;
          const e = tagAgg.get(id);
          if (e) {
            e.n++;
            e.lastSeen = ts;
          } else tagAgg.set(id, { issueId: issueIdOf(p), key: k, value: v, n: 1, firstSeen: ts, lastSeen: ts });
        }
      }
      await q.addTagValues(tx, [...tagAgg.values()]);
      await q.addEnvironments(tx, [...countBy(inserted, (p) => `${p.projectId}\0${p.event.environment}`).values()].map(({ item }) => ({ projectId: item.projectId, name: item.event.environment })));
      const releaseRows = new Map<string, { orgId: number; projectId: number; version: string; newIssues: number }>();
      for (const s of stored) {
        if (!s.release) continue;
        const k = `${s.projectId}\0${s.release}`;
        const row = releaseRows.get(k) ?? { orgId: orgOf.get(s.projectId)!, projectId: s.projectId, version: s.release, newIssues: 0 };
        if (s.isNewIssue) row.newIssues++;
        releaseRows.set(k, row);
      }
      await q.addReleases(tx, [...releaseRows.values()]);
      await q.addProjectHourlyCounts(
        tx,
        [...countBy(inserted, (p) => `${p.projectId}|${hourOf(p.timestamp)}`).values()].map(({ item, n }) => ({ projectId: item.projectId, hour: hourOf(item.timestamp), n })),
      );
      return { stored, duplicates, orphaned };
  });
}
