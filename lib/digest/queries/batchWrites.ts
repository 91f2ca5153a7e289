// The SQL of storing a batch of events: one statement per table, rows passed as one JSON parameter
// (jsonb_to_recordset), so a batch of hundreds of events costs a dozen round trips, not thousands.
// Rows are written in key order everywhere so concurrent workers take row locks in the same order.
import type { Sql } from '../../sql.ts';

type Tx = Sql;

// PostgreSQL text and jsonb cannot hold U+0000, which events do carry (C strings, binary junk in messages and keys).
// JSON.stringify writes NUL as `\u0000`; it is a NUL escape unless its backslash is itself escaped (odd run of `\`).
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** JSON for a query parameter, with NUL characters replaced by U+FFFD. */
export function pgJson(value: unknown): string {
  const s = JSON.stringify(value);
  return s.includes('\\u0000') ? s.replace(NUL_ESCAPE, '$1\\ufffd') : s;
}
const j = pgJson;

export async function projectOrgs(tx: Tx, projectIds: number[]): Promise<Map<number, number>> {
  const rows = await tx.rows<{ id: number; orgId: number }>(
    `SELECT id, "orgId" FROM "Project" WHERE id IN (SELECT value::int FROM jsonb_array_elements_text($1::jsonb))`,
    j(projectIds),
  );
  return new Map(rows.map((r) => [r.id, r.orgId]));
}

export interface HashKey {
  projectId: number;
  hash: string;
}

export async function issuesByHash(
  tx: Tx,
  keys: HashKey[],
): Promise<{ projectId: number; hash: string; issueId: number }[]> {
  if (!keys.length) return [];
  return tx.rows(
    `SELECT h."projectId", h.hash, h."issueId" FROM "IssueHash" h
     JOIN jsonb_to_recordset($1::jsonb) AS x("projectId" int, hash text) ON h."projectId" = x."projectId" AND h.hash =
       x.hash`,
    j(keys),
  );
}

/**
 * Reserves `n` short numbers of a project; locks the project row until commit, which serializes issue creation per
 * project.
 */
export async function reserveShortNumbers(tx: Tx, projectId: number, n: number): Promise<number> {
  const rows = await tx.rows<{ issueCounter: number }>(
    `UPDATE "Project" SET "issueCounter" = "issueCounter" + $2::int WHERE id = $1::int RETURNING "issueCounter"`,
    projectId,
    n,
  );
  return rows[0].issueCounter - n + 1;
}

export interface NewIssueRow {
  projectId: number;
  shortNumber: number;
  hash: string;
  title: string;
  culprit: string;
  type: string;
  metadataType: string;
  metadataValue: string;
  level: string;
  firstSeen: string;
  release: string | null;
  groupingVersion: string;
  components: unknown;
}

/** Creates the issues (a concurrent worker may win a hash: those are re-read) and their hash rows. */
export async function createIssues(
  tx: Tx,
  rows: NewIssueRow[],
): Promise<{ projectId: number; hash: string; issueId: number; created: boolean }[]> {
  if (!rows.length) return [];
  const created = await tx.rows<{ issueId: number; projectId: number; hash: string }>(
    `INSERT INTO "Issue" ("projectId", "shortNumber", "hash", "title", "culprit", "type", "metadataType",
      "metadataValue",
       "level", "firstSeen", "lastSeen", "firstRelease", "lastRelease")
     SELECT "projectId", "shortNumber", hash, title, culprit, type, "metadataType", "metadataValue", level,
       "firstSeen", "firstSeen", release, release
     FROM jsonb_to_recordset($1::jsonb) AS x("projectId" int, "shortNumber" int, hash text, title text, culprit text,
       type text,
       "metadataType" text, "metadataValue" text, level text, "firstSeen" timestamp(3), release text)
     ORDER BY "projectId", hash
     ON CONFLICT ("projectId", "hash") DO NOTHING RETURNING id AS "issueId", "projectId", hash`,
    j(rows),
  );
  const won = new Set(created.map((c) => `${c.projectId}:${c.hash}`));
  const lost = rows.filter((r) => !won.has(`${r.projectId}:${r.hash}`));
  const reread = lost.length
    ? await tx.rows<{ issueId: number; projectId: number; hash: string }>(
        `SELECT i.id AS "issueId", i."projectId", i.hash FROM "Issue" i
         JOIN jsonb_to_recordset($1::jsonb) AS x("projectId" int, hash text) ON i."projectId" = x."projectId" AND
           i.hash = x.hash`,
        j(lost.map((r) => ({ projectId: r.projectId, hash: r.hash }))),
      )
    : [];
  const byKey = new Map(rows.map((r) => [`${r.projectId}:${r.hash}`, r]));
  await tx.run(
    `INSERT INTO "IssueHash" ("projectId", "hash", "issueId", "groupingVersion", "components")
     SELECT "projectId", hash, "issueId", "groupingVersion", components
     FROM jsonb_to_recordset($1::jsonb) AS x("projectId" int, hash text, "issueId" int, "groupingVersion" text,
       components jsonb)
     ORDER BY "projectId", hash
     ON CONFLICT ("projectId", "hash") DO NOTHING`,
    j(
      created.map((c) => ({
        ...c,
        groupingVersion: byKey.get(`${c.projectId}:${c.hash}`)!.groupingVersion,
        components: byKey.get(`${c.projectId}:${c.hash}`)!.components,
      })),
    ),
  );
  return [...created.map((c) => ({ ...c, created: true })), ...reread.map((c) => ({ ...c, created: false }))];
}

export interface LockedIssue {
  id: number;
  status: 'unresolved' | 'resolved' | 'ignored';
  substatus: string;
  statusDetails: Record<string, unknown>;
  resolvedInRelease: string | null;
  ignoredUntil: Date | null;
  ignoreUntilCount: string | null;
  eventCount: string;
  level: string;
}

/** Locks the issues of the batch in id order (NO KEY UPDATE: the events' foreign-key checks must not wait on it). */
export async function lockIssues(tx: Tx, ids: number[]): Promise<LockedIssue[]> {
  return tx.rows(
    `SELECT id, status::text AS status, substatus, "statusDetails", "resolvedInRelease", "ignoredUntil",
       "ignoreUntilCount"::text AS "ignoreUntilCount", "eventCount"::text AS "eventCount", level
     FROM "Issue" WHERE id IN (SELECT value::int FROM jsonb_array_elements_text($1::jsonb)) ORDER BY id FOR NO KEY
       UPDATE`,
    j(ids),
  );
}

/**
 * Inserts the events; an event id already stored for the project (a replay after a crash) is skipped.
 * `rows` are JSON objects built by the caller with the normalized event spliced in as `data`, already in
 * (projectId, eventId) order: sorting wide rows in SQL cost three times the insert itself.
 */
export async function insertEvents(tx: Tx, rowsJson: string): Promise<{ projectId: number; eventId: string }[]> {
  return tx.rows(
    `INSERT INTO "Event" ("projectId", "issueId", "eventId", "timestamp", "received", "level", "release",
       "environment", "title", "message", "culprit", "userKey", "data", "hash")
     SELECT "projectId", "issueId", "eventId", "timestamp", "received", level, release, environment, title, message,
       culprit, "userKey", data, hash
     FROM jsonb_to_recordset($1::jsonb) AS x("projectId" int, "issueId" int, "eventId" text, "timestamp" timestamp(3),
       "received" timestamp(3), level text, release text, environment text, title text, message text, culprit text,
       "userKey" text, data jsonb, hash text)
     ON CONFLICT ("projectId", "eventId") DO NOTHING RETURNING "projectId", "eventId"`,
    rowsJson,
  );
}

/** Returns the (issue, user) pairs that were new. */
export async function insertIssueUsers(
  tx: Tx,
  rows: { issueId: number; userKey: string; firstSeen: string }[],
): Promise<{ issueId: number }[]> {
  if (!rows.length) return [];
  return tx.rows(
    `INSERT INTO "IssueUser" ("issueId", "userKey", "firstSeen")
     SELECT "issueId", "userKey", "firstSeen" FROM jsonb_to_recordset($1::jsonb) AS x("issueId" int, "userKey" text,
       "firstSeen" timestamp(3))
     ORDER BY "issueId", "userKey"
     ON CONFLICT DO NOTHING RETURNING "issueId"`,
    j(rows),
  );
}

export interface IssueUpdateRow {
  id: number;
  n: number;
  users: number;
  firstSeen: string;
  lastSeen: string;
  level: string;
  firstRelease: string | null;
  lastRelease: string | null;
  status: string;
  substatus: string;
  statusDetails: Record<string, unknown>;
  resolvedInRelease: string | null;
  ignoredUntil: string | null;
  ignoreUntilCount: string | null;
  regressed: boolean;
}

/** One UPDATE for all issues of the batch: counts, seen times, level, releases and the status the events left. */
export async function updateIssues(tx: Tx, rows: IssueUpdateRow[]): Promise<void> {
  if (!rows.length) return;
  await tx.run(
    `UPDATE "Issue" i SET "eventCount" = i."eventCount" + x.n, "userCount" = i."userCount" + x.users,
       "lastSeen" = GREATEST(i."lastSeen", x."lastSeen"), "firstSeen" = LEAST(i."firstSeen", x."firstSeen"), level =
         x.level,
       "lastRelease" = COALESCE(x."lastRelease", i."lastRelease"), "firstRelease" = COALESCE(i."firstRelease",
         x."firstRelease"),
       status = x.status::"IssueStatus", substatus = x.substatus, "statusDetails" = x."statusDetails",
       "resolvedInRelease" = x."resolvedInRelease", "ignoredUntil" = x."ignoredUntil", "ignoreUntilCount" =
         x."ignoreUntilCount"::bigint,
       "resolvedAt" = CASE WHEN x.status = 'resolved' THEN i."resolvedAt" ELSE NULL END,
       "isRegression" = i."isRegression" OR x.regressed
     FROM jsonb_to_recordset($1::jsonb) AS x(id int, n int, users int, "firstSeen" timestamp(3), "lastSeen"
       timestamp(3), level text,
       "firstRelease" text, "lastRelease" text, status text, substatus text, "statusDetails" jsonb,
         "resolvedInRelease" text,
       "ignoredUntil" timestamp(3), "ignoreUntilCount" text, regressed boolean)
     WHERE i.id = x.id`,
    j(rows),
  );
}

export async function addIssueHourlyCounts(
  tx: Tx,
  rows: { issueId: number; hour: string; n: number }[],
): Promise<void> {
  if (!rows.length) return;
  await tx.run(
    `INSERT INTO "IssueHourlyCount" ("issueId", "hour", "count")
     SELECT "issueId", hour, n FROM jsonb_to_recordset($1::jsonb) AS x("issueId" int, hour timestamp(3), n int) ORDER
       BY 1, 2
     ON CONFLICT ("issueId", "hour") DO UPDATE SET "count" = "IssueHourlyCount"."count" + EXCLUDED."count"`,
    j(rows),
  );
}

export async function addProjectHourlyCounts(
  tx: Tx,
  rows: { projectId: number; hour: string; n: number }[],
): Promise<void> {
  if (!rows.length) return;
  await tx.run(
    `INSERT INTO "ProjectHourlyCount" ("projectId", "hour", "count")
     SELECT "projectId", hour, n FROM jsonb_to_recordset($1::jsonb) AS x("projectId" int, hour timestamp(3), n int)
       ORDER BY 1, 2
     ON CONFLICT ("projectId", "hour") DO UPDATE SET "count" = "ProjectHourlyCount"."count" + EXCLUDED."count"`,
    j(rows),
  );
}

export async function addTagValues(
  tx: Tx,
  rows: { issueId: number; key: string; value: string; n: number; firstSeen: string; lastSeen: string }[],
): Promise<void> {
  if (!rows.length) return;
  await tx.run(
    `INSERT INTO "IssueTagValue" ("issueId", "key", "value", "count", "firstSeen", "lastSeen")
     SELECT "issueId", key, value, n, "firstSeen", "lastSeen"
     FROM jsonb_to_recordset($1::jsonb) AS x("issueId" int, key text, value text, n bigint, "firstSeen" timestamp(3),
       "lastSeen" timestamp(3))
     ORDER BY 1, 2, 3
     ON CONFLICT ("issueId", "key", "value") DO UPDATE SET "count" = "IssueTagValue"."count" + EXCLUDED."count",
       "firstSeen" = LEAST("IssueTagValue"."firstSeen", EXCLUDED."firstSeen"), "lastSeen" =
         GREATEST("IssueTagValue"."lastSeen", EXCLUDED."lastSeen")`,
    j(rows),
  );
}

export async function addEnvironments(tx: Tx, rows: { projectId: number; name: string }[]): Promise<void> {
  if (!rows.length) return;
  await tx.run(
    `INSERT INTO "Environment" ("projectId", "name")
     SELECT "projectId", name FROM jsonb_to_recordset($1::jsonb) AS x("projectId" int, name text) ORDER BY 1, 2
     ON CONFLICT ("projectId", "name") DO NOTHING`,
    j(rows),
  );
}

/**
 * First-seen rank (0 = oldest) of the given releases of an org, for versions that do not order by semver. Releases
 * first seen in one batch share a creation time: the id breaks the tie, so the order never depends on chance.
 */
export async function releaseFirstSeenOrder(tx: Tx, orgId: number, versions: string[]): Promise<Map<string, number>> {
  if (!versions.length) return new Map();
  const rows = await tx.rows<{ version: string }>(
    `SELECT version FROM "Release"
     WHERE "orgId" = $1::int AND version IN (SELECT value FROM jsonb_array_elements_text($2::jsonb))
     ORDER BY "createdAt", id`,
    orgId,
    j(versions),
  );
  return new Map(rows.map((r, rank) => [r.version, rank]));
}

/** Links events' releases to their projects (creating the releases), counting the issues each release introduced. */
export async function addReleases(
  tx: Tx,
  rows: { orgId: number; projectId: number; version: string; newIssues: number }[],
): Promise<void> {
  if (!rows.length) return;
  await tx.run(
    `INSERT INTO "Release" ("orgId", "version")
     SELECT DISTINCT "orgId", version FROM jsonb_to_recordset($1::jsonb) AS x("orgId" int, version text) ORDER BY 1, 2
     ON CONFLICT ("orgId", "version") DO NOTHING`,
    j(rows),
  );
  const link = (withNewIssues: boolean) =>
    `INSERT INTO "ReleaseProject" ("releaseId", "projectId", "newIssues")
     SELECT r.id, x."projectId", x."newIssues"
     FROM jsonb_to_recordset($1::jsonb) AS x("orgId" int, "projectId" int, version text, "newIssues" int)
     JOIN "Release" r ON r."orgId" = x."orgId" AND r.version = x.version
     ORDER BY r.id, x."projectId"
     ON CONFLICT ("releaseId", "projectId") DO ${
       withNewIssues
         ? `UPDATE SET "newIssues" =
       "ReleaseProject"."newIssues" + EXCLUDED."newIssues"`
         : 'NOTHING'
     }`;
  const quiet = rows.filter((r) => r.newIssues === 0);
  const counted = rows.filter((r) => r.newIssues > 0);
  // Only rows that add new issues update (and lock) an existing link; the rest leave it alone.
  if (quiet.length) await tx.run(link(false), j(quiet));
  if (counted.length) await tx.run(link(true), j(counted));
}
