// Stores one queued event: normalize, group, insert idempotently, and keep the issue's aggregates exact.
// One transaction per event: the event row's unique (projectId, eventId) makes a replay after a crash a no-op.
import type { Db } from '../db.ts';
import type { QueuedEvent } from '../queue/types.ts';
import type { StoredEvent } from './types.ts';
import { normalizeEvent } from '../events/normalize.ts';
import { eventTags } from '../events/tags.ts';
import { userKey } from '../events/user.ts';
import { groupEvent } from '../grouping/hash.ts';
import { summarizeEvent } from '../grouping/summary.ts';

const LEVEL_ORDER = ['debug', 'info', 'warning', 'error', 'fatal'];

function hourOf(iso: string): Date {
  const d = new Date(iso);
  d.setUTCMinutes(0, 0, 0);
  return d;
}

/** Returns what was stored, or null when the event was already stored (a replay). */
export async function storeEvent(db: Db, q: QueuedEvent): Promise<StoredEvent | null> {
  const ev = normalizeEvent(JSON.parse(q.payload), { receivedAt: new Date(q.receivedAt), clientIp: q.clientIp, eventId: q.eventId });
  const grouping = groupEvent(ev);
  const summary = summarizeEvent(ev);
  const tags = eventTags(ev);
  const ukey = userKey(ev);
  const ts = new Date(ev.timestamp);
  return db.$transaction(async (tx) => {
    const existing = await tx.issueHash.findUnique({ where: { projectId_hash: { projectId: q.projectId, hash: grouping.hash } } });
    let issueId = existing?.issueId;
    let isNewIssue = false;
    if (!issueId) {
      const counter = await tx.project.update({ where: { id: q.projectId }, data: { issueCounter: { increment: 1 } } });
      // A concurrent worker may create the same issue: the unique (projectId, hash) decides, we re-read on conflict.
      const created = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO "Issue" ("projectId", "shortNumber", "hash", "title", "culprit", "type", "metadataType", "metadataValue",
          "level", "firstSeen", "lastSeen", "firstRelease", "lastRelease")
        VALUES (${q.projectId}, ${counter.issueCounter}, ${grouping.hash}, ${summary.title}, ${summary.culprit}, ${summary.type},
          ${summary.metadata.type ?? ''}, ${summary.metadata.value ?? summary.metadata.title ?? ''}, ${ev.level}, ${ts}, ${ts},
          ${ev.release ?? null}, ${ev.release ?? null})
        ON CONFLICT ("projectId", "hash") DO NOTHING RETURNING id`;
      if (created.length) {
        issueId = created[0].id;
        isNewIssue = true;
        await tx.issueHash.create({
          data: { projectId: q.projectId, hash: grouping.hash, issueId, groupingVersion: grouping.groupingVersion, components: { variant: grouping.variant, values: grouping.components } },
        });
      } else {
        issueId = (await tx.issue.findUniqueOrThrow({ where: { projectId_hash: { projectId: q.projectId, hash: grouping.hash } } })).id;
      }
    }
    const inserted = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "Event" ("projectId", "issueId", "eventId", "timestamp", "received", "level", "platform", "release", "dist",
        "environment", "title", "message", "culprit", "userKey", "tags", "data", "hash")
      VALUES (${q.projectId}, ${issueId}, ${ev.event_id}, ${ts}, ${new Date(q.receivedAt)}, ${ev.level}, ${ev.platform},
        ${ev.release ?? null}, ${ev.dist ?? null}, ${ev.environment}, ${summary.title}, ${ev.message ?? ''}, ${summary.culprit},
        ${ukey}, ${JSON.stringify(Object.fromEntries(tags))}::jsonb, ${JSON.stringify(ev)}::jsonb, ${grouping.hash})
      ON CONFLICT ("projectId", "eventId") DO NOTHING RETURNING id`;
    if (inserted.length === 0) return null;

    let newUsers = 0;
    if (ukey) {
      newUsers = await tx.$executeRaw`INSERT INTO "IssueUser" ("issueId", "userKey", "firstSeen") VALUES (${issueId}, ${ukey}, ${ts}) ON CONFLICT DO NOTHING`;
    }
    const issue = await tx.issue.findUniqueOrThrow({ where: { id: issueId } });
    const isRegression = !isNewIssue && issue.status === 'resolved';
    const level = LEVEL_ORDER.indexOf(ev.level) > LEVEL_ORDER.indexOf(issue.level) ? ev.level : issue.level;
    await tx.$executeRaw`
      UPDATE "Issue" SET "eventCount" = "eventCount" + 1, "userCount" = "userCount" + ${newUsers},
        "lastSeen" = GREATEST("lastSeen", ${ts}), "firstSeen" = LEAST("firstSeen", ${ts}), "level" = ${level},
        "lastRelease" = COALESCE(${ev.release ?? null}, "lastRelease"), "firstRelease" = COALESCE("firstRelease", ${ev.release ?? null}),
        "status" = CASE WHEN ${isRegression} THEN 'unresolved'::"IssueStatus" ELSE "status" END,
        "substatus" = CASE WHEN ${isRegression} THEN 'regressed' WHEN ${isNewIssue} THEN 'new' ELSE "substatus" END,
        "isRegression" = "isRegression" OR ${isRegression}
      WHERE id = ${issueId}`;
    const hour = hourOf(ev.timestamp);
    await tx.$executeRaw`INSERT INTO "IssueHourlyCount" ("issueId", "hour", "count") VALUES (${issueId}, ${hour}, 1)
      ON CONFLICT ("issueId", "hour") DO UPDATE SET "count" = "IssueHourlyCount"."count" + 1`;
    await tx.$executeRaw`INSERT INTO "ProjectHourlyCount" ("projectId", "hour", "count") VALUES (${q.projectId}, ${hour}, 1)
      ON CONFLICT ("projectId", "hour") DO UPDATE SET "count" = "ProjectHourlyCount"."count" + 1`;
    for (const [key, value] of tags) {
      await tx.$executeRaw`INSERT INTO "IssueTagValue" ("issueId", "key", "value", "count", "firstSeen", "lastSeen")
        VALUES (${issueId}, ${key}, ${value}, 1, ${ts}, ${ts})
        ON CONFLICT ("issueId", "key", "value") DO UPDATE SET "count" = "IssueTagValue"."count" + 1,
          "lastSeen" = GREATEST("IssueTagValue"."lastSeen", ${ts})`;
    }
    await tx.$executeRaw`INSERT INTO "Environment" ("projectId", "name") VALUES (${q.projectId}, ${ev.environment}) ON CONFLICT DO NOTHING`;
    return {
      projectId: q.projectId,
      issueId,
      eventId: ev.event_id,
      isNewIssue,
      isRegression,
      level: ev.level,
      environment: ev.environment,
      release: ev.release ?? null,
      tags,
      userKey: ukey,
      timestamp: ev.timestamp,
    };
  });
}
