// The events of an issue: newest-first pages, latest/oldest/by id with the previous and next event of the same issue.
// All reads walk the (issueId, timestamp DESC) index; ties on timestamp are broken by the row id.
import type { Event } from '../generated/prisma/client.ts';
import type { Db } from '../db.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import { paginate } from '../api/pagination.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { eventSearchSql } from './eventSearch.ts';
import { SearchError } from './search.ts';
import { serializeEvent, serializeEventSimple, type Neighbours } from '../events/serialize.ts';

/** 32 hex characters, with or without the dashes of a UUID (sentry-cli prints the dashed form). */
export function normalizeEventId(raw: string): string | null {
  const id = raw.trim().replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(id) ? id : null;
}

export async function listIssueEvents(db: Db, url: URL, issueId: number, full: boolean, query = '') {
  let filter: Prisma.Sql;
  try {
    filter = eventSearchSql(query);
  } catch (e) {
    if (e instanceof SearchError) throw new InvalidError(null, `Error parsing search query: ${e.message}`);
    throw e;
  }
  const page = await paginate(url, async (offset, take) => {
    if (!query.trim())
      return db.event.findMany({
        where: { issueId },
        orderBy: [{ timestamp: 'desc' }, { id: 'desc' }],
        skip: offset,
        take,
      });
    const ids = await db.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM "Event" WHERE "issueId" = ${issueId} AND ${filter}
      ORDER BY timestamp DESC, id DESC OFFSET ${offset} LIMIT ${take}`;
    const rows = await db.event.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((r) => byId.get(r.id)!).filter(Boolean);
  });
  return { rows: page.rows.map((r) => (full ? serializeEvent(r) : serializeEventSimple(r))), headers: page.headers };
}

async function neighbours(db: Db, e: Event): Promise<Neighbours> {
  const [prev, next] = await Promise.all([
    db.event.findFirst({
      where: {
        issueId: e.issueId,
        OR: [{ timestamp: { lt: e.timestamp } }, { timestamp: e.timestamp, id: { lt: e.id } }],
      },
      orderBy: [{ timestamp: 'desc' }, { id: 'desc' }],
      select: { eventId: true },
    }),
    db.event.findFirst({
      where: {
        issueId: e.issueId,
        OR: [{ timestamp: { gt: e.timestamp } }, { timestamp: e.timestamp, id: { gt: e.id } }],
      },
      orderBy: [{ timestamp: 'asc' }, { id: 'asc' }],
      select: { eventId: true },
    }),
  ]);
  return { previousEventID: prev?.eventId ?? null, nextEventID: next?.eventId ?? null };
}

/** `latest`, `oldest` or an event id of this issue; 404 when there is none. */
export async function issueEvent(db: Db, issueId: number, which: string) {
  let row: Event | null;
  if (which === 'latest' || which === 'oldest' || which === 'recommended') {
    const dir = which === 'oldest' ? 'asc' : 'desc';
    row = await db.event.findFirst({ where: { issueId }, orderBy: [{ timestamp: dir }, { id: dir }] });
  } else {
    const eventId = normalizeEventId(which);
    row = eventId ? await db.event.findFirst({ where: { issueId, eventId } }) : null;
  }
  if (!row) throw new NotFoundError();
  return serializeEvent(row, await neighbours(db, row));
}

export async function projectEvent(db: Db, projectId: number, rawEventId: string) {
  const eventId = normalizeEventId(rawEventId);
  const row = eventId ? await db.event.findUnique({ where: { projectId_eventId: { projectId, eventId } } }) : null;
  if (!row) throw new NotFoundError();
  return serializeEvent(row, await neighbours(db, row));
}
