import { describe, expect, it } from 'vitest';
import { customTagKeys, parseSearch, parseShortId, SearchError, type SearchTerm } from './search.ts';

const now = new Date('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const H = 3_600_000;

describe('parseSearch', () => {
  const cases: Array<[string, SearchTerm[]]> = [
    ['', []],
    ['   ', []],
    ['is:unresolved', [{ kind: 'status', values: ['unresolved'], negated: false }]],
    ['is:resolved', [{ kind: 'status', values: ['resolved'], negated: false }]],
    ['is:ignored', [{ kind: 'status', values: ['ignored'], negated: false }]],
    ['is:muted', [{ kind: 'status', values: ['ignored'], negated: false }]],
    ['!is:resolved', [{ kind: 'status', values: ['resolved'], negated: true }]],
    ['is:[unresolved, ignored]', [{ kind: 'status', values: ['unresolved', 'ignored'], negated: false }]],
    ['is:assigned', [{ kind: 'hasAssignee', value: true }]],
    ['is:unassigned', [{ kind: 'hasAssignee', value: false }]],
    ['!is:assigned', [{ kind: 'hasAssignee', value: false }]],
    ['is:regressed', [{ kind: 'substatus', value: 'regressed', negated: false }]],
    ['is:new', [{ kind: 'substatus', value: 'new', negated: false }]],
    ['level:error', [{ kind: 'level', values: ['error'], negated: false }]],
    ['level:[error,fatal]', [{ kind: 'level', values: ['error', 'fatal'], negated: false }]],
    ['!level:info', [{ kind: 'level', values: ['info'], negated: true }]],
    ['release:shop@2.0.0', [{ kind: 'release', field: 'release', values: ['shop@2.0.0'], negated: false }]],
    ['release:latest', [{ kind: 'release', field: 'release', values: ['latest'], negated: false }]],
    ['first-release:1.5.0', [{ kind: 'release', field: 'firstRelease', values: ['1.5.0'], negated: false }]],
    ['firstRelease:1.5.0', [{ kind: 'release', field: 'firstRelease', values: ['1.5.0'], negated: false }]],
    ['is:for_review', [{ kind: 'forReview', negated: false }]],
    ['level:warn*', [{ kind: 'level', values: ['warn*'], negated: false }]],
    ['environment:production', [{ kind: 'tag', key: 'environment', values: ['production'], negated: false }]],
    ['assigned:me', [{ kind: 'assigned', targets: [{ type: 'me' }], negated: false }]],
    [
      'assigned:ops@example.com',
      [{ kind: 'assigned', targets: [{ type: 'user', value: 'ops@example.com' }], negated: false }],
    ],
    ['assigned:#backend', [{ kind: 'assigned', targets: [{ type: 'team', slug: 'backend' }], negated: false }]],
    [
      'assigned:[me, #backend]',
      [{ kind: 'assigned', targets: [{ type: 'me' }, { type: 'team', slug: 'backend' }], negated: false }],
    ],
    ['lastSeen:-24h', [{ kind: 'date', field: 'lastSeen', op: '>=', value: ago(24 * H) }]],
    ['firstSeen:+7d', [{ kind: 'date', field: 'firstSeen', op: '<=', value: ago(7 * 24 * H) }]],
    ['age:-30m', [{ kind: 'date', field: 'firstSeen', op: '>=', value: ago(30 * 60_000) }]],
    ['firstSeen:>2026-01-01', [{ kind: 'date', field: 'firstSeen', op: '>', value: new Date('2026-01-01T00:00:00Z') }]],
    [
      'lastSeen:<=2026-01-01T10:30:00',
      [{ kind: 'date', field: 'lastSeen', op: '<=', value: new Date('2026-01-01T10:30:00Z') }],
    ],
    [
      'lastSeen:<2026-01-01T10:30:00+02:00',
      [{ kind: 'date', field: 'lastSeen', op: '<', value: new Date('2026-01-01T08:30:00Z') }],
    ],
    [
      'firstSeen:2026-02-03',
      [
        { kind: 'date', field: 'firstSeen', op: '>=', value: new Date('2026-02-03T00:00:00Z') },
        { kind: 'date', field: 'firstSeen', op: '<', value: new Date('2026-02-04T00:00:00Z') },
      ],
    ],
    ['times_seen:>10', [{ kind: 'timesSeen', op: '>', value: 10 }]],
    ['timesSeen:<=3', [{ kind: 'timesSeen', op: '<=', value: 3 }]],
    ['times_seen:5', [{ kind: 'timesSeen', op: '=', value: 5 }]],
    ['browser:Chrome', [{ kind: 'tag', key: 'browser', values: ['Chrome'], negated: false }]],
    ['!browser:Chrome', [{ kind: 'tag', key: 'browser', values: ['Chrome'], negated: true }]],
    ['url:"https://x.test/a b"', [{ kind: 'tag', key: 'url', values: ['https://x.test/a b'], negated: false }]],
    ['server_name:web-*', [{ kind: 'tag', key: 'server_name', values: ['web-*'], negated: false }]],
    ['os.name:Linux', [{ kind: 'tag', key: 'os.name', values: ['Linux'], negated: false }]],
    ['message:"say \\"hi\\""', [{ kind: 'text', value: 'say "hi"' }]],
    ['user.email:a@x.test', [{ kind: 'tag', key: 'user.email', values: ['a@x.test'], negated: false }]],
    ['user.ip_address:10.0.0.1', [{ kind: 'tag', key: 'user.ip', values: ['10.0.0.1'], negated: false }]],
    ['has:user.username', [{ kind: 'has', key: 'user.username', negated: false }]],
    ['has:user', [{ kind: 'has', key: 'user', negated: false }]],
    ['!has:release', [{ kind: 'has', key: 'release', negated: true }]],
    ['timeout', [{ kind: 'text', value: 'timeout' }]],
    ['database timeout', [{ kind: 'text', value: 'database timeout' }]],
    ['"connection  reset" by peer', [{ kind: 'text', value: 'connection  reset by peer' }]],
    ['BACKEND-1A', [{ kind: 'text', value: 'BACKEND-1A', shortId: { projectSlug: 'backend', number: 46 } }]],
    // A colon after a non-key (a URL) is free text, not a tag.
    ['http://x.test/', [{ kind: 'text', value: 'http://x.test/' }]],
    [
      'is:unresolved level:error card declined !environment:staging',
      [
        { kind: 'status', values: ['unresolved'], negated: false },
        { kind: 'level', values: ['error'], negated: false },
        { kind: 'tag', key: 'environment', values: ['staging'], negated: true },
        { kind: 'text', value: 'card declined' },
      ],
    ],
  ];
  it.each(cases)('%j', (q, want) => expect(parseSearch(q, now)).toEqual(want));

  const bad: Array<[string, RegExp]> = [
    ['is:sleepy', /invalid value "sleepy" for "is"/],
    ['level:', /level: needs a value/],
    ['url:"unterminated', /unterminated/],
    ['level:[error', /unterminated list/],
    ['firstSeen:yesterday', /firstSeen: "yesterday" is not a date/],
    ['lastSeen:>2026-13-45', /not a date/],
    ['times_seen:>many', /not a whole number/],
    ['!firstSeen:-24h', /cannot be negated/],
    ['status:sleeping', /invalid status/],
    ['assigned:#', /needs a team slug/],
    ['level:[ , ]', /empty list/],
    ['level:eror', /invalid value "eror" for "level" \(valid: fatal, error/],
  ];
  it.each(bad)('rejects %j', (q, msg) => {
    expect(() => parseSearch(q, now)).toThrow(SearchError);
    expect(() => parseSearch(q, now)).toThrow(msg);
  });
});

describe('customTagKeys', () => {
  it('leaves out built-in and derived keys, keeps the rest once', () => {
    const terms = parseSearch(
      'firstRelease:1 browser:x user.email:a has:url plan:pro !plan:free has:colour level:error',
      now,
    );
    expect(customTagKeys(terms)).toEqual(['plan', 'colour']);
  });
});

describe('parseShortId', () => {
  it.each([
    ['SHOP-1', { projectSlug: 'shop', number: 1 }],
    ['my-app-Z', { projectSlug: 'my-app', number: 35 }],
    ['SHOP-10', { projectSlug: 'shop', number: 36 }],
  ])('%s', (s, want) => expect(parseShortId(s)).toEqual(want));
  it.each(['SHOP', 'SHOP-', '-1', 'SHOP-0', 'a b-1', 'no-such-thing-anywhere'])('not a short id: %s', (s) =>
    expect(parseShortId(s)).toBeUndefined(),
  );
});
