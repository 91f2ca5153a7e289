import { describe, expect, it } from 'vitest';
import { isHealthTarget, isIngestTarget } from './ingestPaths.ts';

describe('isIngestTarget', () => {
  it.each([
    '/api/1/envelope/',
    '/api/1/envelope',
    '/api/42/store/',
    '/api/42/store',
    '/api/1/envelope/?sentry_key=abc&sentry_version=7',
    '/api/not-a-number/envelope/',
  ])('%s → ingest', (t) => expect(isIngestTarget(t)).toBe(true));

  it.each([
    undefined,
    '/',
    '/api/0/projects/',
    '/api/1/minidump/',
    '/api/1/security/',
    '/api/1/envelope/extra',
    '/api/1/envelope//',
    '/api//envelope/',
    '/prefix/api/1/envelope/',
    '/api/1/2/envelope/',
    '/_health/',
  ])('%s → Next.js', (t) => expect(isIngestTarget(t)).toBe(false));
});

describe('isHealthTarget', () => {
  it.each(['/_health/', '/_health', '/_health/?x=1'])('%s → health', (t) => expect(isHealthTarget(t)).toBe(true));
  it.each(['/_healthz', '/api/_health/', undefined])('%s → not health', (t) => expect(isHealthTarget(t)).toBe(false));
});
