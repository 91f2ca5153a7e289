import { describe, expect, it } from 'vitest';
import * as rows from './batchRows.ts';
import { preparedEvent } from './testEvents.ts';
import type { StoredEvent } from './types.ts';
import { userIdentityTags } from '../events/user.ts';

const issueIdOf: rows.IssueIdOf = (p) =>
  p.grouping.hash === preparedEvent({ id: 0, at: '2026-01-01T00:00:00Z' }).grouping.hash ? 10 : 20;

describe('batch rows', () => {
  const a1 = preparedEvent({
    id: 1,
    at: '2026-11-26T10:59:00Z',
    user: 'u1',
    release: 'r1',
    tags: { browser: 'Chrome' },
  });
  const a2 = preparedEvent({
    id: 2,
    at: '2026-11-26T10:10:00Z',
    user: 'u1',
    release: 'r2',
    tags: { browser: 'Firefox' },
  });
  const a3 = preparedEvent({
    id: 3,
    at: '2026-11-26T11:00:00Z',
    user: 'u2',
    environment: 'staging',
    tags: { browser: 'Chrome' },
  });
  const b1 = preparedEvent({ id: 4, bug: 'RangeError', at: '2026-11-26T10:30:00Z', projectId: 2 });
  const inTimeOrder = [a2, b1, a1, a3];

  it('counts one copy of an event sent twice in a batch', () => {
    expect(rows.distinctEvents([a1, a2, a1]).map((p) => p.event.event_id)).toEqual([
      a1.event.event_id,
      a2.event.event_id,
    ]);
  });

  it('buckets by UTC hour', () => {
    expect(rows.hourOf(new Date('2026-11-26T10:59:59.999Z'))).toBe('2026-11-26T10:00:00.000Z');
    expect(rows.hourOf(new Date('2026-11-26T11:00:00Z'))).toBe('2026-11-26T11:00:00.000Z');
  });

  it('creates missing issues per project in project order, each named by its earliest event', () => {
    const known = new Set([rows.hashKeyOf(b1)]);
    expect(rows.issuesToCreate([b1, a1, a2, a3], new Set())).toEqual([
      { projectId: 1, firstEvents: [a2] },
      { projectId: 2, firstEvents: [b1] },
    ]);
    expect(rows.issuesToCreate([b1, a1], known)).toEqual([{ projectId: 1, firstEvents: [a1] }]);
    expect(rows.issuesToCreate([b1], known)).toEqual([]);
    expect(rows.newIssueRow(a2, 7)).toMatchObject({
      projectId: 1,
      shortNumber: 7,
      firstSeen: '2026-11-26T10:10:00.000Z',
      release: 'r2',
      level: 'error',
    });
  });

  it('writes event rows in (project, event id) order with the event spliced in as data', () => {
    const parsed = JSON.parse(rows.eventRowsJson([b1, a3, a1], issueIdOf)) as {
      projectId: number;
      eventId: string;
      issueId: number;
      data: { event_id: string };
    }[];
    expect(parsed.map((r) => [r.projectId, r.eventId, r.issueId])).toEqual([
      [1, a1.event.event_id, 10],
      [1, a3.event.event_id, 10],
      [2, b1.event.event_id, 20],
    ]);
    expect(parsed.every((r) => r.data.event_id === r.eventId)).toBe(true);
  });

  it('keeps only what the database inserted, in time order', () => {
    const inserted = rows.insertedEvents(
      [a1, a2, a3, b1],
      [a3, a1, b1].map((p) => ({ projectId: p.projectId, eventId: p.event.event_id })),
    );
    expect(inserted).toEqual([b1, a1, a3]);
  });

  it('one user row per issue and user, first seen at its earliest event', () => {
    expect(rows.issueUserRows(inTimeOrder, issueIdOf)).toEqual([
      { issueId: 10, userKey: a2.userKey, firstSeen: '2026-11-26T10:10:00.000Z' },
      { issueId: 10, userKey: a3.userKey, firstSeen: '2026-11-26T11:00:00.000Z' },
    ]);
    expect(rows.countPerIssue([{ issueId: 10 }, { issueId: 20 }, { issueId: 10 }])).toEqual(
      new Map([
        [10, 2],
        [20, 1],
      ]),
    );
  });

  it('counts events per issue and per project per hour', () => {
    expect(rows.issueHourlyRows(inTimeOrder, issueIdOf)).toEqual([
      { issueId: 10, hour: '2026-11-26T10:00:00.000Z', n: 2 },
      { issueId: 20, hour: '2026-11-26T10:00:00.000Z', n: 1 },
      { issueId: 10, hour: '2026-11-26T11:00:00.000Z', n: 1 },
    ]);
    expect(rows.projectHourlyRows(inTimeOrder)).toEqual([
      { projectId: 1, hour: '2026-11-26T10:00:00.000Z', n: 2 },
      { projectId: 2, hour: '2026-11-26T10:00:00.000Z', n: 1 },
      { projectId: 1, hour: '2026-11-26T11:00:00.000Z', n: 1 },
    ]);
  });

  it('sums tag values per issue with first and last sighting', () => {
    const browser = rows.tagValueRows(inTimeOrder, issueIdOf).filter((r) => r.key === 'browser');
    expect(browser).toEqual([
      {
        issueId: 10,
        key: 'browser',
        value: 'Firefox',
        n: 1,
        firstSeen: '2026-11-26T10:10:00.000Z',
        lastSeen: '2026-11-26T10:10:00.000Z',
      },
      {
        issueId: 10,
        key: 'browser',
        value: 'Chrome',
        n: 2,
        firstSeen: '2026-11-26T10:59:00.000Z',
        lastSeen: '2026-11-26T11:00:00.000Z',
      },
    ]);
    // Every event's tags and user identities are counted once each.
    const total = rows.tagValueRows(inTimeOrder, issueIdOf).reduce((s, r) => s + r.n, 0);
    expect(total).toBe(inTimeOrder.reduce((s, p) => s + p.event.tags.length + userIdentityTags(p.event).length, 0));
  });

  it('stores each identity of the user under its own key, beside the one `user` tag', () => {
    const p = preparedEvent({ id: 9, at: '2026-11-26T10:00:00Z', user: 'u9' });
    p.event.user = { id: 'u9', email: 'nine@example.com', username: 'nine' };
    const keys = rows
      .tagValueRows([p], issueIdOf)
      .filter((r) => r.key.startsWith('user'))
      .map((r) => `${r.key}=${r.value}`);
    expect(keys).toEqual(expect.arrayContaining(['user.id=u9', 'user.email=nine@example.com', 'user.username=nine']));
  });

  it('lists each environment once per project', () => {
    expect(rows.environmentRows(inTimeOrder)).toEqual([
      { projectId: 1, name: 'production' },
      { projectId: 2, name: 'production' },
      { projectId: 1, name: 'staging' },
    ]);
  });

  it('counts the new issues each release introduced', () => {
    const s = (projectId: number, release: string | null, isNewIssue: boolean) =>
      ({ projectId, release, isNewIssue }) as StoredEvent;
    const orgOf = new Map([
      [1, 100],
      [2, 200],
    ]);
    expect(
      rows.releaseRows(
        [s(1, 'r1', true), s(1, 'r1', false), s(1, null, true), s(2, 'r1', false), s(1, 'r2', true)],
        orgOf,
      ),
    ).toEqual([
      { orgId: 100, projectId: 1, version: 'r1', newIssues: 1 },
      { orgId: 200, projectId: 2, version: 'r1', newIssues: 0 },
      { orgId: 100, projectId: 1, version: 'r2', newIssues: 1 },
    ]);
  });
});
