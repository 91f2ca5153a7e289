import { describe, expect, it } from 'vitest';
import { ByteLru } from './resolveCache.ts';
import { displaySource, isVendorSource } from './resolvePaths.ts';

describe('how a resolved frame names its file', () => {
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
