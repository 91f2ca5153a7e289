import { describe, expect, it } from 'vitest';
import { applyEvents, atOrAfterIn, maxLevel, releasesToOrder, type ApplyInput } from './issueUpdates.ts';
import type { LockedIssue } from './queries/batchWrites.ts';
import { preparedEvent } from './testEvents.ts';

function locked(over: Partial<LockedIssue> & { id: number }): LockedIssue {
  return {
    status: 'unresolved',
    substatus: 'ongoing',
    statusDetails: {},
    resolvedInRelease: null,
    ignoredUntil: null,
    ignoreUntilCount: null,
    eventCount: '5',
    level: 'info',
    ...over,
  };
}

const e1 = preparedEvent({ id: 1, at: '2026-11-26T10:00:00Z', release: '1.0', level: 'warning' });
const e2 = preparedEvent({ id: 2, at: '2026-11-26T10:05:00Z', release: '2.0', level: 'fatal' });
const e3 = preparedEvent({ id: 3, at: '2026-11-26T10:09:00Z', level: 'error' });

function input(over: Partial<ApplyInput>): ApplyInput {
  return {
    inserted: [e1, e2, e3],
    issueIdOf: () => 7,
    locked: new Map([[7, locked({ id: 7 })]]),
    newIssueIds: new Set(),
    newUsers: new Map(),
    releaseOrder: new Map(),
    orgOf: new Map([[1, 100]]),
    ...over,
  };
}

describe('applyEvents', () => {
  it('adds counts, seen times, the highest level and first/last release per issue', () => {
    const { updates } = applyEvents(input({ newUsers: new Map([[7, 2]]) }));
    expect(updates).toEqual([
      expect.objectContaining({
        id: 7,
        n: 3,
        users: 2,
        firstSeen: '2026-11-26T10:00:00.000Z',
        lastSeen: '2026-11-26T10:09:00.000Z',
        level: 'fatal',
        firstRelease: '1.0',
        lastRelease: '2.0',
        regressed: false,
        status: 'unresolved',
      }),
    ]);
  });

  it('marks only the first event of an issue created now as new', () => {
    const { stored } = applyEvents(input({ newIssueIds: new Set([7]) }));
    expect(stored.map((s) => s.isNewIssue)).toEqual([true, false, false]);
    expect(applyEvents(input({})).stored.every((s) => !s.isNewIssue)).toBe(true);
  });

  it('reopens an issue resolved in a release on the first event of a later release, once', () => {
    const resolved = locked({
      id: 7,
      status: 'resolved',
      resolvedInRelease: '1.5',
      statusDetails: { inRelease: '1.5' },
    });
    const releaseOrder = new Map([
      [
        100,
        new Map([
          ['1.0', 1],
          ['1.5', 2],
          ['2.0', 3],
        ]),
      ],
    ]);
    const { stored, updates } = applyEvents(input({ locked: new Map([[7, resolved]]), releaseOrder }));
    expect(stored.map((s) => s.isRegression)).toEqual([false, true, false]);
    expect(updates[0]).toMatchObject({
      status: 'unresolved',
      substatus: 'regressed',
      resolvedInRelease: null,
      regressed: true,
      statusDetails: {},
    });
  });

  it('ends an ignore once the batch reaches its event budget', () => {
    const ignored = locked({ id: 7, status: 'ignored', ignoreUntilCount: '7', statusDetails: { ignoreCount: 2 } });
    expect(applyEvents(input({ locked: new Map([[7, ignored]]) })).updates[0]).toMatchObject({
      status: 'unresolved',
      substatus: 'escalating',
      ignoreUntilCount: null,
    });
    const later = locked({ id: 7, status: 'ignored', ignoreUntilCount: '9' });
    expect(applyEvents(input({ locked: new Map([[7, later]]) })).updates[0]).toMatchObject({
      status: 'ignored',
      ignoreUntilCount: '9',
    });
  });

  it('writes issues in id order', () => {
    const x = input({
      issueIdOf: (p) => (p === e2 ? 3 : 9),
      locked: new Map([
        [3, locked({ id: 3 })],
        [9, locked({ id: 9 })],
      ]),
    });
    expect(applyEvents(x).updates.map((u) => [u.id, u.n])).toEqual([
      [3, 1],
      [9, 2],
    ]);
  });
});

describe('release order', () => {
  it('treats a release missing from the table as the newest', () => {
    const atOrAfter = atOrAfterIn(
      new Map([
        ['1.0', 1],
        ['2.0', 2],
      ]),
    );
    expect([
      atOrAfter('2.0', '1.0'),
      atOrAfter('1.0', '2.0'),
      atOrAfter('1.0', '1.0'),
      atOrAfter('new', '2.0'),
    ]).toEqual([true, false, true, true]);
  });

  it('orders by semver when both versions parse, whatever the first-seen order', () => {
    // Both first seen in one batch: the table's tie-break made api@2 the older; semver decides instead.
    const atOrAfter = atOrAfterIn(
      new Map([
        ['api@2', 0],
        ['api@1', 1],
      ]),
    );
    expect([atOrAfter('api@1', 'api@2'), atOrAfter('api@2', 'api@1'), atOrAfter('api@2', 'api@2')]).toEqual([
      false,
      true,
      true,
    ]);
    // Not semver (or another package): first-seen rank.
    expect([
      atOrAfter('api@2', 'nightly'),
      atOrAfterIn(
        new Map([
          ['nightly', 0],
          ['abc', 1],
        ]),
      )('nightly', 'abc'),
    ]).toEqual([true, false]);
  });

  it('asks for release order only when an issue is resolved by release', () => {
    const orgOf = new Map([[1, 100]]);
    expect(releasesToOrder([e1, e2], [locked({ id: 7, status: 'resolved' })], orgOf)).toEqual(new Map());
    const byRelease = locked({ id: 7, status: 'resolved', resolvedInRelease: '1.5' });
    expect(releasesToOrder([e1, e2, e3], [byRelease], orgOf)).toEqual(new Map([[100, ['1.0', '2.0', '1.5']]]));
    const nextRelease = locked({
      id: 7,
      status: 'resolved',
      statusDetails: { inNextRelease: true, currentRelease: '0.9' },
    });
    expect(releasesToOrder([e3], [nextRelease], orgOf)).toEqual(new Map([[100, ['0.9']]]));
  });

  it('orders levels debug < info < warning < error < fatal', () => {
    expect(['info', 'fatal', 'debug', 'error'].reduce(maxLevel, 'debug')).toBe('fatal');
    expect(maxLevel('error', 'warning')).toBe('error');
  });
});
