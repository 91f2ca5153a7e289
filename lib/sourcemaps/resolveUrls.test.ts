import { describe, expect, it } from 'vitest';
import { ByteLru } from './resolveCache.ts';
import { candidateUrls, displaySource, isVendorSource, joinUrl, normalizeDebugId } from './resolveUrls.ts';

describe('how a frame path meets an uploaded file', () => {
  it.each([
    ['C67DCC76-9010-5534-8CDF-9157CFE2C624', 'c67dcc76-9010-5534-8cdf-9157cfe2c624'],
    ['{c67dcc76-9010-5534-8cdf-9157cfe2c624}', 'c67dcc76-9010-5534-8cdf-9157cfe2c624'],
    [' c67dcc76901055348cdf9157cfe2c624 ', 'c67dcc76-9010-5534-8cdf-9157cfe2c624'],
    ['c67dcc76-9010-5534-8cdf-9157cfe2c624-1', 'c67dcc76-9010-5534-8cdf-9157cfe2c624'],
    ['not-a-uuid', null],
    [42, null],
  ])('normalizes debug ID %j', (input, out) => expect(normalizeDebugId(input)).toBe(out));

  it.each([
    ['http://127.0.0.1:9929/assets/app.min.js', ['http://127.0.0.1:9929/assets/app.min.js', '~/assets/app.min.js']],
    [
      'https://cdn.example.com/a.js?v=3#x',
      ['https://cdn.example.com/a.js?v=3', 'https://cdn.example.com/a.js', '~/a.js?v=3', '~/a.js'],
    ],
    ['app:///_next/x.js', ['app:///_next/x.js', '~/_next/x.js']],
    ['/srv/app/dist/app.min.js', ['/srv/app/dist/app.min.js', '~/srv/app/dist/app.min.js']],
  ])('candidate artifact URLs of %s', (path, urls) => expect(candidateUrls(path)).toEqual(urls));

  it.each([
    ['/srv/app/dist/app.min.js', 'app.min.js.map', '/srv/app/dist/app.min.js.map'],
    ['/srv/app/dist/app.min.js.map', '../src/pricing.js', '/srv/app/src/pricing.js'],
    ['http://h:1/assets/app.min.js.map', '../../src/x.js', 'http://h:1/src/x.js'],
    ['~/assets/app.min.js', 'app.min.js.map', '~/assets/app.min.js.map'],
    ['/a/b.js', 'webpack://ns/./x.js', 'webpack://ns/./x.js'],
  ])('joins %s + %s', (base, ref, out) => expect(joinUrl(base, ref)).toBe(out));

  it.each([
    ['webpack://ns/./src/x.js', './src/x.js'],
    ['webpack:///~/lodash/get.js', '~/lodash/get.js'],
    ['webpack:///src/z.js', 'src/z.js'],
    ['../src/pricing.js', '../src/pricing.js'],
  ])('shows source %s as %s', (source, shown) => expect(displaySource(source)).toBe(shown));

  it('decides in-app on the original path', () => {
    expect(isVendorSource('../node_modules/lodash/get.js')).toBe(true);
    expect(isVendorSource('webpack:///~/lodash/get.js')).toBe(true);
    expect(isVendorSource('../src/pricing.js')).toBe(false);
  });
});

describe('ByteLru', () => {
  it('evicts the least recently used entries once the byte budget is exceeded, and never keeps a too-big one', () => {
    const lru = new ByteLru<{ bytes: number }>(100);
    lru.set('a', { bytes: 40 });
    lru.set('b', { bytes: 40 });
    lru.get('a');
    lru.set('c', { bytes: 40 });
    expect([lru.get('a'), lru.get('b'), lru.get('c')].map(Boolean)).toEqual([true, false, true]);
    expect(lru.size).toBe(80);
    lru.set('huge', { bytes: 101 });
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.size).toBe(80);
  });
});
