import { describe, expect, it } from 'vitest';
import { corsHeaders, originAllowed, preflightHeaders } from './cors.ts';
import { normalizeEventId } from './eventId.ts';

describe('originAllowed', () => {
  it.each([
    [null, ['example.com'], true],
    ['https://evil.test', [], true],
    ['https://example.com', ['example.com'], true],
    ['https://app.example.com', ['example.com'], false],
    ['https://app.example.com', ['*.example.com'], true],
    ['https://example.com', ['*.example.com'], true],
    ['https://evil-example.com', ['*.example.com'], false],
    ['https://example.com:8443', ['https://example.com:8443'], true],
    ['http://example.com:8443', ['https://example.com:8443'], false],
    ['https://anything.test', ['*'], true],
    ['null', ['example.com'], false],
  ] as const)('%s with %j → %s', (origin, list, want) => expect(originAllowed(origin, list)).toBe(want));
});

describe('CORS headers', () => {
  it('echo the origin and expose the rate-limit headers', () => {
    const h = corsHeaders('https://app.test');
    expect(h['access-control-allow-origin']).toBe('https://app.test');
    expect(h['access-control-expose-headers']).toMatch(/X-Sentry-Rate-Limits, Retry-After/);
    expect(corsHeaders(null)['access-control-allow-origin']).toBe('*');
  });
  it('preflight allows POST and the SDK headers', () => {
    const h = preflightHeaders('https://app.test');
    expect(h['access-control-allow-methods']).toContain('POST');
    for (const name of ['x-sentry-auth', 'content-type', 'content-encoding', 'sentry-trace', 'baggage'])
      expect(h['access-control-allow-headers']).toContain(name);
  });
});

describe('normalizeEventId', () => {
  it.each([
    ['30011660-4b97-4a42-a5c3-a72ad9b96f38', '300116604b974a42a5c3a72ad9b96f38'],
    ['300116604B974A42A5C3A72AD9B96F38', '300116604b974a42a5c3a72ad9b96f38'],
    ['not-an-id', null],
    ['', null],
    [12, null],
  ])('%s → %s', (v, want) => expect(normalizeEventId(v)).toBe(want));
});
