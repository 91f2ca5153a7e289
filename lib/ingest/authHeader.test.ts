import { describe, expect, it } from 'vitest';
import { parseSentryAuth, publicKeyFromDsn, publicKeyFromRequest } from './authHeader.ts';

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe('parseSentryAuth', () => {
  it('reads the sentry-cli header', () => {
    expect(
      parseSentryAuth(
        'Sentry sentry_key=0123456789abcdef0123456789abcdef, sentry_version=7, ' +
          'sentry_timestamp=1795480479.4260845, sentry_client=sentry-cli/x86_64',
      ),
    ).toEqual({
      sentry_key: '0123456789abcdef0123456789abcdef',
      sentry_version: '7',
      sentry_timestamp: '1795480479.4260845',
      sentry_client: 'sentry-cli/x86_64',
    });
  });
  it('tolerates case, spacing, quotes and the legacy secret', () => {
    expect(parseSentryAuth('sentry  sentry_key="abc",sentry_secret=def ,  SENTRY_VERSION=5')).toEqual({
      sentry_key: 'abc',
      sentry_secret: 'def',
      sentry_version: '5',
    });
  });
});

describe('publicKeyFromRequest', () => {
  const q = (s = '') => new URLSearchParams(s);
  it.each([
    ['X-Sentry-Auth', headers({ 'x-sentry-auth': 'Sentry sentry_key=aaa, sentry_version=7' }), q(), 'aaa'],
    ['Authorization: Sentry', headers({ authorization: 'Sentry sentry_key=bbb' }), q(), 'bbb'],
    ['query', headers({}), q('sentry_version=7&sentry_key=ccc'), 'ccc'],
    ['header wins over query', headers({ 'x-sentry-auth': 'Sentry sentry_key=ddd' }), q('sentry_key=eee'), 'ddd'],
    ['Bearer is not a DSN key', headers({ authorization: 'Bearer sntryu_x' }), q(), null],
    ['empty sentry_key', headers({}), q('sentry_key='), null],
    ['nothing', headers({}), q(), null],
  ])('%s', (_name, h, query, want) => expect(publicKeyFromRequest(h, query)).toBe(want));
});

describe('publicKeyFromDsn', () => {
  it.each([
    ['https://abc@o1.example.com/42', 'abc'],
    ['http://abc:secret@127.0.0.1:9000/prefix/42', 'abc'],
    ['not a dsn', null],
    [42, null],
    ['https://example.com/42', null],
  ])('%s → %s', (dsn, want) => expect(publicKeyFromDsn(dsn)).toBe(want));
});
