import { describe, expect, it } from 'vitest';
import { statusOnEvent, type IssueStatusState } from './statusOnEvent.ts';

const created: Record<string, number> = { '1.0': 1, '1.1': 2, '2.0': 3 };
const atOrAfter = (r: string, ref: string) => !(r in created) || !(ref in created) || created[r] >= created[ref];

function state(over: Partial<IssueStatusState>): IssueStatusState {
  return {
    status: 'unresolved',
    substatus: 'ongoing',
    statusDetails: {},
    resolvedInRelease: null,
    ignoredUntil: null,
    ignoreUntilCount: null,
    eventCount: 10n,
    ...over,
  };
}
const at = new Date('2026-11-26T10:00:00Z');
const ev = (release: string | null, receivedAt = at) => ({ release, receivedAt });

describe('statusOnEvent', () => {
  it.each([
    ['unresolved stays', state({}), ev('1.0'), null],
    ['plain resolve reopens on any event', state({ status: 'resolved' }), ev(null), 'regression'],
    [
      'next release: same release stays resolved',
      state({ status: 'resolved', statusDetails: { inNextRelease: true, currentRelease: '1.1' } }),
      ev('1.1'),
      null,
    ],
    [
      'next release: no release stays resolved',
      state({ status: 'resolved', statusDetails: { inNextRelease: true, currentRelease: '1.1' } }),
      ev(null),
      null,
    ],
    [
      'next release: older release stays resolved',
      state({ status: 'resolved', statusDetails: { inNextRelease: true, currentRelease: '1.1' } }),
      ev('1.0'),
      null,
    ],
    [
      'next release: newer release reopens',
      state({ status: 'resolved', statusDetails: { inNextRelease: true, currentRelease: '1.1' } }),
      ev('2.0'),
      'regression',
    ],
    [
      'next release: unknown release reopens',
      state({ status: 'resolved', statusDetails: { inNextRelease: true, currentRelease: '1.1' } }),
      ev('9.9'),
      'regression',
    ],
    [
      'next release from no release: first release reopens',
      state({ status: 'resolved', statusDetails: { inNextRelease: true, currentRelease: null } }),
      ev('1.0'),
      'regression',
    ],
    ['in release: older stays', state({ status: 'resolved', resolvedInRelease: '1.1' }), ev('1.0'), null],
    ['in release: same reopens', state({ status: 'resolved', resolvedInRelease: '1.1' }), ev('1.1'), 'regression'],
    ['in release: newer reopens', state({ status: 'resolved', resolvedInRelease: '1.1' }), ev('2.0'), 'regression'],
    ['ignored forever stays', state({ status: 'ignored' }), ev('1.0'), null],
    [
      'ignored until later stays',
      state({ status: 'ignored', ignoredUntil: new Date('2026-11-26T11:00:00Z') }),
      ev(null),
      null,
    ],
    [
      'ignored until passed reopens',
      state({ status: 'ignored', ignoredUntil: new Date('2026-11-26T09:00:00Z') }),
      ev(null),
      'unignored',
    ],
    ['ignore count not reached stays', state({ status: 'ignored', ignoreUntilCount: 11n }), ev(null), null],
    ['ignore count reached reopens', state({ status: 'ignored', ignoreUntilCount: 10n }), ev(null), 'unignored'],
  ] as const)('%s', (_name, s, e, expected) => {
    const r = statusOnEvent(s, e, atOrAfter);
    expect(r.reopened).toBe(expected);
    expect(r.state.status).toBe(expected ? 'unresolved' : s.status);
  });

  it('marks a regression and clears the resolution', () => {
    const r = statusOnEvent(
      state({ status: 'resolved', resolvedInRelease: '1.0', statusDetails: { inRelease: '1.0' } }),
      ev('1.1'),
      atOrAfter,
    );
    expect(r.state).toMatchObject({
      status: 'unresolved',
      substatus: 'regressed',
      statusDetails: {},
      resolvedInRelease: null,
    });
  });

  it('marks an ignore ended by its event budget as escalating', () => {
    expect(statusOnEvent(state({ status: 'ignored', ignoreUntilCount: 5n }), ev(null), atOrAfter).state.substatus).toBe(
      'escalating',
    );
  });
});
