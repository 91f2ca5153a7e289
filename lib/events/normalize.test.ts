import { describe, expect, it } from 'vitest';
import { EventError, normalizeEvent } from './normalize';
import { readFixture } from '@/tests/fixtures/sdkEnvelopes';

const receivedAt = new Date('2026-11-24T00:34:40Z');
const norm = (raw: unknown, ctx: { clientIp?: string; eventId?: string } = {}) =>
  normalizeEvent(raw, { receivedAt, ...ctx });

describe('normalizeEvent on captured SDK payloads', () => {
  it('@sentry/node 11 exception event (02)', () => {
    const { header, payload } = readFixture('02');
    const ev = norm(payload, { eventId: header.event_id as string, clientIp: '203.0.113.7' });
    expect(ev).toMatchObject({
      event_id: '81893c59f6184c2b8f8655a7bd5a61c2',
      timestamp: '2026-11-24T00:34:39.160Z',
      received: '2026-11-24T00:34:40.000Z',
      level: 'error',
      platform: 'node',
      server_name: 'vm',
      release: 'fixture@1.0.0',
      environment: 'staging',
      tags: [['feature', 'checkout']],
      user: { id: '42', email: 'jane@example.com' },
      breadcrumbs: {
        values: [{ timestamp: '2026-11-24T00:34:39.159Z', category: 'db', message: 'SELECT * FROM orders' }],
      },
      sdk: { name: 'sentry.javascript.node', version: '11.12.0' },
    });
    const [exc] = ev.exception!.values;
    expect(exc).toMatchObject({
      type: 'TypeError',
      value: "Cannot read properties of null (reading 'total')",
      mechanism: { type: 'generic', handled: true },
    });
    expect(exc.stacktrace!.frames).toHaveLength(5);
    expect(exc.stacktrace!.frames[4]).toMatchObject({
      module: 'fx-node',
      function: 'inner',
      lineno: 5,
      colno: 45,
      in_app: true,
      context_line: 'function inner() { const o = null; return o.total; }',
    });
    expect(exc.stacktrace!.frames[4].pre_context).toHaveLength(4);
    expect(ev.contexts!.runtime).toEqual({ name: 'node', version: 'v20.20.2' });
    expect(ev.modules!['@sentry/node']).toBe('11.12.0');
    expect(ev.message).toBeUndefined();
  });

  it('@sentry/node 11 captureMessage event (03)', () => {
    const ev = norm(readFixture('03').payload);
    expect(ev).toMatchObject({
      event_id: 'ee7959906ec24146bba55ebf9a266589',
      level: 'warning',
      message: 'queue depth above 1000',
      timestamp: '2026-11-24T00:34:39.170Z',
    });
    expect(ev.logentry).toBeUndefined();
    expect(ev.exception!.values[0].mechanism).toEqual({ type: 'generic', handled: true, synthetic: true });
  });

  it('sentry-cli send-event (05): dashed envelope id, logentry params, {{auto}} IP', () => {
    const { header, payload } = readFixture('05');
    expect(header.event_id).toBe('30011660-4b97-4a42-a5c3-a72ad9b96f38');
    const ev = norm(payload, { eventId: header.event_id as string, clientIp: '203.0.113.7' });
    expect(ev).toMatchObject({
      event_id: '300116604b974a42a5c3a72ad9b96f38',
      timestamp: '2026-11-24T00:34:39.420Z',
      platform: 'native',
      release: 'cli@1',
      environment: 'production',
      message: 'backup of /var/db failed',
      logentry: { message: 'backup of %s failed', params: ['/var/db'], formatted: 'backup of /var/db failed' },
      user: { id: 'ops', ip_address: '203.0.113.7' },
      tags: [['job', 'backup']],
      extra: { disk: 'sda1' },
    });
    expect(norm(payload).user).toEqual({ id: 'ops' });
  });

  it('sentry-cli without --no-environ: secrets in extra.environ are filtered', () => {
    const payload = readFixture('05').payload as Record<string, unknown>;
    const environ = {
      PATH: '/usr/bin',
      HOME: '/root',
      GITHUB_TOKEN: 'ghp_x',
      AWS_SECRET_ACCESS_KEY: 'k',
      SENTRY_DSN: 'http://k@h/1',
      PGPASSWORD: 'p',
      SSH_AUTH_SOCK: '/tmp/s',
      DATABASE_URL: 'postgres://app:hunter2@db:5432/app',
      XAUTHORITY: '/root/.Xauthority',
    };
    const ev = norm({ ...payload, extra: { disk: 'sda1', environ } });
    expect(ev.extra!.environ).toEqual({
      PATH: '/usr/bin',
      HOME: '/root',
      GITHUB_TOKEN: '[Filtered]',
      AWS_SECRET_ACCESS_KEY: '[Filtered]',
      SENTRY_DSN: '[Filtered]',
      PGPASSWORD: '[Filtered]',
      SSH_AUTH_SOCK: '[Filtered]',
      DATABASE_URL: 'postgres://app:[Filtered]@db:5432/app',
      XAUTHORITY: '/root/.Xauthority',
    });
  });
});

describe('normalizeEvent fields', () => {
  it.each([
    [
      'ctx id wins',
      { event_id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
      'BBBBBBBB-BBBB-BBBB-BBBB-BBBBBBBBBBBB',
      'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    ],
    [
      'payload id, dashed and upper-case',
      { event_id: '30011660-4B97-4A42-A5C3-A72AD9B96F38' },
      undefined,
      '300116604b974a42a5c3a72ad9b96f38',
    ],
    [
      'invalid ctx id falls back to the payload',
      { event_id: 'cccccccccccccccccccccccccccccccc' },
      'nope',
      'cccccccccccccccccccccccccccccccc',
    ],
  ])('event_id: %s', (_n, raw, eventId, expected) => {
    expect(norm(raw, { eventId }).event_id).toBe(expected);
  });

  it.each([{}, { event_id: 'not-hex' }, { event_id: 42 }])('event_id generated for %j', (raw) => {
    expect(norm(raw).event_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    [1795480479.16, '2026-11-24T00:34:39.160Z'],
    ['1795480479.5', '2026-11-24T00:34:39.500Z'],
    ['2026-11-24T00:30:00.123456Z', '2026-11-24T00:30:00.123Z'],
    ['2026-11-24T02:30:00+02:00', '2026-11-24T00:30:00.000Z'],
    ['2026-11-24T00:30:00', '2026-11-24T00:30:00.000Z'],
    ['1999-01-01T00:00:00Z', '1999-01-01T00:00:00.000Z'],
    ['2026-11-24T00:39:00Z', '2026-11-24T00:39:00.000Z'],
    ['2026-11-24T00:40:00Z', '2026-11-24T00:34:40.000Z'],
    [1e20, '2026-11-24T00:34:40.000Z'],
    ['yesterday', '2026-11-24T00:34:40.000Z'],
    [undefined, '2026-11-24T00:34:40.000Z'],
    [{}, '2026-11-24T00:34:40.000Z'],
  ])('timestamp %j → %s', (timestamp, expected) => {
    expect(norm({ timestamp }).timestamp).toBe(expected);
  });

  it.each([
    ['fatal', 'fatal'],
    ['critical', 'fatal'],
    ['ERROR', 'error'],
    ['warn', 'warning'],
    ['warning', 'warning'],
    ['info', 'info'],
    ['log', 'info'],
    ['debug', 'debug'],
    ['verbose', 'error'],
    [30, 'error'],
    [undefined, 'error'],
  ])('level %j → %s', (level, expected) => {
    expect(norm({ level }).level).toBe(expected);
  });

  it.each([
    [{}, { platform: 'other', environment: 'production' }],
    [
      { platform: ' python ', environment: '  prod  ', release: 'shop@1.2.3', dist: 7 },
      { platform: 'python', environment: 'prod', release: 'shop@1.2.3', dist: '7' },
    ],
    [{ environment: '' }, { environment: 'production' }],
    [{ environment: 'e'.repeat(100) }, { environment: `${'e'.repeat(61)}...` }],
  ])('defaults and coercion %j', (raw, expected) => {
    expect(norm(raw)).toMatchObject(expected);
  });

  it.each([
    [
      { tags: { b: 'x', a: 1, c: true, d: null, '': 'empty', e: { n: 1 } } },
      [
        ['b', 'x'],
        ['a', '1'],
        ['c', 'true'],
        ['e', '{"n":1}'],
      ],
    ],
    [
      { tags: [['b', 'x'], ['a', 2], ['a', 'dup'], ['bad'], 'k:v', [' ', 'v']] },
      [
        ['b', 'x'],
        ['a', '2'],
      ],
    ],
    [{ tags: { ['k'.repeat(40)]: 'v'.repeat(250) } }, [['k'.repeat(32), `${'v'.repeat(197)}...`]]],
    [{ tags: 'oops' }, []],
  ])('tags %#', (raw, expected) => {
    expect(norm(raw).tags).toEqual(expected);
  });

  it.each([
    [
      ['{{ default }}', 42, true, null, { x: 1 }],
      ['{{ default }}', '42', 'true'],
    ],
    ['not-a-list', undefined],
    [[], undefined],
  ])('fingerprint %j', (fingerprint, expected) => {
    expect(norm({ fingerprint }).fingerprint).toEqual(expected);
  });

  it('keeps the newest 100 breadcrumbs from either list shape', () => {
    const crumbs = Array.from({ length: 130 }, (_, i) => ({ timestamp: 1795480000 + i, message: `m${i}` }));
    for (const breadcrumbs of [crumbs, { values: crumbs }]) {
      const values = norm({ breadcrumbs }).breadcrumbs!.values;
      expect(values).toHaveLength(100);
      expect(values[0]).toEqual({ timestamp: '2026-11-24T00:27:10.000Z', message: 'm30' });
      expect(values[99].message).toBe('m129');
    }
  });

  it('keeps unknown top-level fields, cleaned, and never lets them override typed ones', () => {
    const ev = norm(
      JSON.parse('{"level":"info","received":"x","type":"error","spans":[{"op":"db"}],"__proto__":{"polluted":1}}'),
    );
    expect(ev).toMatchObject({
      level: 'info',
      received: '2026-11-24T00:34:40.000Z',
      type: 'error',
      spans: [{ op: 'db' }],
    });
    expect((ev as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(ev)).toBe(Object.prototype);
  });

  it('reads legacy interface names', () => {
    const ev = norm({
      'sentry.interfaces.Exception': { values: [{ type: 'ValueError', value: 'bad' }] },
      'sentry.interfaces.Message': { message: 'hello %s', params: ['ann'] },
      'sentry.interfaces.User': { id: 5 },
      'sentry.interfaces.Http': { url: 'https://x.io/' },
    });
    expect(ev).toMatchObject({
      exception: { values: [{ type: 'ValueError', value: 'bad' }] },
      message: 'hello ann',
      user: { id: '5' },
      request: { url: 'https://x.io/' },
    });
    expect(Object.keys(ev).some((k) => k.startsWith('sentry.interfaces'))).toBe(false);
  });
});

describe('normalizeEvent on hostile or odd input', () => {
  it.each([null, [], 'event', 42, undefined, true])('throws EventError for %j', (raw) => {
    expect(() => norm(raw)).toThrow(EventError);
  });

  it.each([
    { exception: 'boom' },
    { exception: { values: 'x' } },
    { exception: [null, 1, { stacktrace: { frames: [null, 'x', 1] } }] },
    { tags: 5 },
    { user: 'x' },
    { breadcrumbs: { values: 3 } },
    { request: [] },
    { request: { headers: 'x', env: 5, cookies: 'a=b' } },
    { contexts: { os: 'Linux', browser: null } },
    { extra: [] },
    { threads: 'x' },
    { logentry: 'x', message: { params: 'x' } },
    { message: { message: 7 } },
    { modules: ['x'] },
    { sdk: 'x' },
    { stacktrace: { frames: {} } },
    { timestamp: '2026-13-45' },
  ])('does not throw for %j', (raw) => {
    const ev = norm(raw);
    expect(ev.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(ev.tags).toEqual([]);
  });
});

describe('sentry-cli bash-hook frames', () => {
  const bashEvent = (sdk: string) => ({
    sdk: { name: sdk, version: '3.8.0' },
    exception: {
      values: [
        {
          type: 'BashError',
          value: 'command ls x exited with status 2',
          stacktrace: {
            frames: [
              { function: 'export_rows', filename: 'job.sh', lineno: 1 },
              { function: 'main', filename: 'job.sh', lineno: 9 },
            ],
          },
        },
      ],
    },
  });
  it('puts the failing function last, as the protocol orders frames', () => {
    const ev = normalizeEvent(bashEvent('sentry-cli'), { receivedAt: new Date() });
    expect(ev.exception!.values[0].stacktrace!.frames.map((f) => f.function)).toEqual(['main', 'export_rows']);
  });
  it('leaves other SDKs alone', () => {
    const ev = normalizeEvent(bashEvent('sentry.python'), { receivedAt: new Date() });
    expect(ev.exception!.values[0].stacktrace!.frames.map((f) => f.function)).toEqual(['export_rows', 'main']);
  });
});
