import { describe, expect, it } from 'vitest';
import { headerValue, normalizeRequest, urlWithoutQuery } from './request';
import { scrubEnviron } from './scrub';

describe('normalizeRequest', () => {
  it('scrubs credential headers given as an object', () => {
    const req = normalizeRequest(
      {
        url: 'https://shop.example.com/cart?x=1',
        method: 'post',
        headers: {
          Authorization: 'Bearer abc',
          Cookie: 'sid=1',
          'Set-Cookie': 'sid=2',
          'X-Sentry-Auth': 'Sentry sentry_key=k',
          'Proxy-Authorization': 'Basic x',
          'X-Api-Key': 'k',
          'User-Agent': 'curl/8',
          Accept: '*/*',
          ':authority': 'shop.example.com',
        },
      },
      undefined,
    );
    expect(req).toEqual({
      url: 'https://shop.example.com/cart?x=1',
      method: 'POST',
      headers: [
        ['Authorization', '[Filtered]'],
        ['Cookie', '[Filtered]'],
        ['Set-Cookie', '[Filtered]'],
        ['X-Sentry-Auth', '[Filtered]'],
        ['Proxy-Authorization', '[Filtered]'],
        ['X-Api-Key', '[Filtered]'],
        ['User-Agent', 'curl/8'],
        ['Accept', '*/*'],
        [':authority', 'shop.example.com'],
      ],
    });
  });

  it('scrubs credential headers given as pairs, case-insensitively, and drops malformed ones', () => {
    const req = normalizeRequest(
      { headers: [['authorization', 'Bearer x'], ['COOKIE', 'a=b'], ['Host', 'h'], ['solo'], 'x', [null, 'v']] },
      undefined,
    );
    expect(req!.headers).toEqual([
      ['authorization', '[Filtered]'],
      ['COOKIE', '[Filtered]'],
      ['Host', 'h'],
    ]);
  });

  it.each([
    ['203.0.113.7', { REMOTE_ADDR: '203.0.113.7', SERVER_NAME: 'web' }],
    [undefined, { SERVER_NAME: 'web' }],
  ])('resolves env REMOTE_ADDR {{auto}} with client IP %s', (clientIp, env) => {
    expect(normalizeRequest({ env: { REMOTE_ADDR: '{{auto}}', SERVER_NAME: 'web' } }, clientIp)!.env).toEqual(env);
  });

  it.each([
    [
      { sid: 'abc', theme: 'dark' },
      { sid: '[Filtered]', theme: '[Filtered]' },
    ],
    ['sid=abc; theme=dark', '[Filtered]'],
    [[['sid', 'abc']], [['sid', '[Filtered]']]],
  ])('filters cookie values %j', (cookies, expected) => {
    expect(normalizeRequest({ cookies }, undefined)!.cookies).toEqual(expected);
  });

  it('hides a password in the URL and keeps query and data', () => {
    expect(
      normalizeRequest({ url: 'https://u:pw@x.io/a', query_string: 'a=1', data: { b: [1, 2] } }, undefined),
    ).toEqual({
      url: 'https://u:[Filtered]@x.io/a',
      query_string: 'a=1',
      data: { b: [1, 2] },
    });
  });

  it('is undefined for non-objects and empty requests', () => {
    expect(normalizeRequest('x', undefined)).toBeUndefined();
    expect(normalizeRequest({}, undefined)).toBeUndefined();
  });
});

describe('request helpers', () => {
  it.each([
    ['https://x.io/a?b=1#c', 'https://x.io/a'],
    ['/orders/7#frag', '/orders/7'],
    ['?only=query', undefined],
    [undefined, undefined],
  ])('urlWithoutQuery(%j) → %j', (url, expected) => {
    expect(urlWithoutQuery(url)).toBe(expected);
  });

  it('reads a header from pairs or an object, case-insensitively', () => {
    expect(headerValue([['User-Agent', 'a']], 'user-agent')).toBe('a');
    expect(headerValue({ 'user-agent': 'b' }, 'User-Agent')).toBe('b');
    expect(headerValue(undefined, 'user-agent')).toBeUndefined();
  });
});

describe('scrubEnviron', () => {
  it('filters secret-looking names in NAME=value lists too', () => {
    expect(scrubEnviron(['PATH=/bin', 'API_KEY=abc', 'REDIS_URL=redis://:s3cret@cache:6379', 'noequals'])).toEqual([
      'PATH=/bin',
      'API_KEY=[Filtered]',
      'REDIS_URL=redis://:[Filtered]@cache:6379',
      'noequals',
    ]);
  });

  it.each([
    'token',
    'My_Secret',
    'DB_PASSWORD',
    'passwd',
    'SIGNING_KEY',
    'BASIC_AUTH',
    'COOKIE_JAR',
    'SENTRY_DSN',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'SESSION_ID',
  ])('%s is filtered', (key) => {
    expect(scrubEnviron({ [key]: 'v' })).toEqual({ [key]: '[Filtered]' });
  });
});
