import { describe, expect, it } from 'vitest';
import type { Event } from '../generated/prisma/client.ts';
import { normalizeEvent } from './normalize.ts';
import { readFixture } from '@/tests/fixtures/sdkEnvelopes';
import { ENVIRON_FILTERED, serializeEvent, serializeEventSimple, serializeFrame } from './serialize.ts';
import { eventTags } from './tags.ts';
import type { NormalizedEvent } from './types.ts';

/** The row the digest stores: the event with all its tags (its own, then the derived ones) in the payload. */
function row(ev: NormalizedEvent, over: Partial<Event> = {}): Event {
  return {
    id: 1n,
    projectId: 7,
    issueId: 42,
    eventId: ev.event_id,
    timestamp: new Date(ev.timestamp),
    received: new Date(ev.received),
    level: ev.level,
    release: ev.release ?? null,
    environment: ev.environment,
    title: 'T',
    message: ev.message ?? '',
    culprit: 'C',
    userKey: null,
    data: { ...ev, tags: eventTags(ev) } as never,
    hash: 'a'.repeat(32),
    ...over,
  };
}

const received = new Date('2026-11-24T00:34:40Z');

describe('serializeEvent', () => {
  it('shows a sentry-cli event: message entry with params, tags sorted, user, release object', () => {
    const ev = normalizeEvent(readFixture('05').payload, { receivedAt: received, clientIp: '203.0.113.9' });
    const s = serializeEvent(row(ev), { previousEventID: 'p'.repeat(32), nextEventID: null });
    expect(s.eventID).toBe('300116604b974a42a5c3a72ad9b96f38');
    expect(s.id).toBe(s.eventID);
    expect(s.groupID).toBe('42');
    expect(s.projectID).toBe('7');
    expect(s.tags.map((t) => t.key)).toEqual([
      'environment',
      'job',
      'level',
      'os',
      'os.name',
      'release',
      'runtime',
      'server_name',
      'user',
    ]);
    expect(s.tags).toContainEqual({ key: 'job', value: 'backup' });
    expect(s.platform).toBe(ev.platform);
    expect(s.entries).toEqual([
      {
        type: 'message',
        data: { formatted: 'backup of /var/db failed', message: 'backup of %s failed', params: ['/var/db'] },
      },
    ]);
    expect(s.user).toMatchObject({ id: 'ops', ip_address: '203.0.113.9' });
    expect(s.release).toEqual({ version: 'cli@1' });
    expect(s.sdk).toEqual({ name: 'sentry-cli', version: '3.8.0' });
    expect(s.extra).toEqual({ disk: 'sda1' });
    expect(s.previousEventID).toBe('p'.repeat(32));
    expect(s.nextEventID).toBeNull();
    expect(s.fingerprints).toEqual(['a'.repeat(32)]);
    expect(s.fingerprint).toEqual(['{{ default }}']);
  });

  it('never shows extra.environ', () => {
    const ev = normalizeEvent(
      { message: 'x', extra: { environ: { HOME: '/root', PATH: '/bin' }, job: 'a' } },
      { receivedAt: received },
    );
    const s = serializeEvent(row(ev));
    expect(s.extra).toEqual({ environ: ENVIRON_FILTERED, job: 'a' });
    expect(s.context).toEqual(s.extra);
    expect(JSON.stringify(s)).not.toContain('/root');
  });

  it('turns an exception into an exception entry with frames in Sentry’s camelCase and numbered context', () => {
    const ev = normalizeEvent(
      {
        exception: {
          values: [
            {
              type: 'TypeError',
              value: 'x is undefined',
              mechanism: { type: 'onerror', handled: false },
              stacktrace: {
                frames: [
                  { filename: 'node:internal/x', function: 'run', lineno: 3, in_app: false },
                  {
                    filename: 'app.js',
                    abs_path: '/srv/app.js',
                    function: 'main',
                    lineno: 10,
                    colno: 5,
                    in_app: true,
                    pre_context: ['a', 'b'],
                    context_line: 'c',
                    post_context: ['d'],
                    vars: { x: 'undefined' },
                  },
                ],
              },
            },
          ],
        },
        breadcrumbs: [{ message: 'clicked', category: 'ui.click', timestamp: 1795480479 }],
        request: {
          url: 'https://shop.test/cart?id=1',
          method: 'post',
          query_string: 'id=1&x=2',
          headers: { Accept: 'text/html', Cookie: 'sid=1' },
        },
      },
      { receivedAt: received },
    );
    const s = serializeEvent(row(ev));
    expect(s.type).toBe('error');
    expect(s.entries.map((e) => e.type)).toEqual(['exception', 'breadcrumbs', 'request']);
    const exc = s.entries[0].data as {
      values: Array<{ type: string; stacktrace: { frames: Array<Record<string, unknown>>; hasSystemFrames: boolean } }>;
      hasSystemFrames: boolean;
    };
    expect(exc.values[0].type).toBe('TypeError');
    expect(exc.hasSystemFrames).toBe(true);
    const frame = exc.values[0].stacktrace.frames[1];
    expect(frame).toMatchObject({
      filename: 'app.js',
      absPath: '/srv/app.js',
      function: 'main',
      lineNo: 10,
      colNo: 5,
      inApp: true,
      vars: { x: 'undefined' },
    });
    expect(frame.context).toEqual([
      [8, 'a'],
      [9, 'b'],
      [10, 'c'],
      [11, 'd'],
    ]);
    const crumbs = s.entries[1].data as { values: Array<Record<string, unknown>> };
    expect(crumbs.values[0]).toMatchObject({
      message: 'clicked',
      category: 'ui.click',
      level: 'info',
      type: 'default',
    });
    const req = s.entries[2].data as Record<string, unknown>;
    expect(req).toMatchObject({
      url: 'https://shop.test/cart?id=1',
      method: 'POST',
      query: [
        ['id', '1'],
        ['x', '2'],
      ],
    });
    expect(req.headers).toContainEqual(['Cookie', '[Filtered]']);
    expect(s.metadata).toEqual({ type: 'TypeError', value: 'x is undefined' });
  });

  it('gives a frame without line number an empty context', () => {
    expect(serializeFrame({ function: 'f', context_line: 'x' }).context).toEqual([]);
  });

  it('has a short form for event lists', () => {
    const ev = normalizeEvent({ message: 'hello', user: { email: 'a@b.test' } }, { receivedAt: received });
    const s = serializeEventSimple(row(ev));
    expect(s).toMatchObject({
      eventID: ev.event_id,
      groupID: '42',
      'event.type': 'default',
      message: 'hello',
      user: { email: 'a@b.test' },
    });
    expect(s).not.toHaveProperty('entries');
  });
});

describe('serializeEvent with source maps', () => {
  it('answers resolved frames in stacktrace, the minified ones in rawStacktrace, and processing errors', async () => {
    const { SourceMapResolver } = await import('../sourcemaps/resolveBatch.ts');
    const { MemoryArtifactStore, envelopeEvent } = await import('../sourcemaps/resolveTestStore.ts');
    const store = new MemoryArtifactStore();
    store.addBundle({ projectId: 7, manifest: 'upload-debug-id/manifest.json', dir: 'app/dist-injected' });
    const ev = normalizeEvent(envelopeEvent('node-event.envelope'), { receivedAt: received });
    ev.errors = [{ type: 'js_no_source', url: '/x.js', reason: 'why' }];
    await new SourceMapResolver(store, 1 << 20).resolve([{ projectId: 7, event: ev }]);
    const s = serializeEvent(row(ev));
    const exc = (s.entries[0].data.values as Record<string, { frames: Record<string, unknown>[] }>[])[0];
    expect(exc.stacktrace.frames[3]).toMatchObject({
      function: 'applyDiscount',
      filename: '../src/pricing.js',
      absPath: '/srv/app/src/pricing.js',
      lineNo: 10,
      colNo: 11,
      inApp: true,
      data: { resolved_with: 'debug-id', sourcemap: '/srv/app/dist/app.min.js.map', symbolicated: true },
    });
    expect(exc.stacktrace.frames[3].context).toContainEqual([
      10,
      '    throw new Error(`unknown discount code: ${code}`);',
    ]);
    expect(exc.rawStacktrace.frames[3]).toMatchObject({ function: 'c', lineNo: 3, colNo: 89, data: null });
    expect(s.errors).toEqual([
      { type: 'js_no_source', message: 'Source code was not found', data: { url: '/x.js', reason: 'why' } },
    ]);
  });
});
