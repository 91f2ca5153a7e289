import { describe, expect, it } from 'vitest';
import { candidateUrls, decodeDataUrl, resolveArtifactUrl, sourceMappingUrlOf } from './urls.ts';
import { normalizeDebugId } from './debugId.ts';

describe('candidateUrls', () => {
  it.each([
    [
      'http://127.0.0.1:9929/assets/app.min.js?v=2#x',
      [
        'http://127.0.0.1:9929/assets/app.min.js?v=2',
        'http://127.0.0.1:9929/assets/app.min.js',
        '~/assets/app.min.js?v=2',
        '~/assets/app.min.js',
      ],
    ],
    ['app:///_next/x.js', ['app:///_next/x.js', '~/_next/x.js']],
    ['/srv/app/dist/app.min.js', ['/srv/app/dist/app.min.js', '~/srv/app/dist/app.min.js']],
    ['async http://h/a.js', ['http://h/a.js', '~/a.js']],
  ])('%s', (abs, want) => expect(candidateUrls(abs)).toEqual(want));
});

describe('resolveArtifactUrl', () => {
  it.each([
    ['~/app.min.js', 'app.min.js.map', '~/app.min.js.map'],
    ['~/assets/js/app.min.js', '../maps/app.js.map', '~/assets/maps/app.js.map'],
    ['http://h/a/b.js', 'b.js.map', 'http://h/a/b.js.map'],
    ['~/a/b.js', 'http://cdn/x.map', 'http://cdn/x.map'],
    ['/srv/dist/b.js', 'b.js.map', '/srv/dist/b.js.map'],
  ])('%s + %s', (base, ref, want) => expect(resolveArtifactUrl(base, ref)).toBe(want));
});

describe('sourceMappingUrlOf / decodeDataUrl', () => {
  it('takes the last comment', () => {
    expect(sourceMappingUrlOf('a\n//# sourceMappingURL=x.map\nb\n//# sourceMappingURL=y.map\n//# debugId=1\n')).toBe(
      'y.map',
    );
    expect(sourceMappingUrlOf('no map')).toBeNull();
  });
  it('decodes base64 inline maps', () => {
    const b64 = Buffer.from('{"version":3}').toString('base64');
    expect(decodeDataUrl(`data:application/json;charset=utf-8;base64,${b64}`)).toBe('{"version":3}');
    expect(decodeDataUrl('app.js.map')).toBeNull();
  });
});

describe('normalizeDebugId', () => {
  const id = 'c67dcc76-9010-5534-8cdf-9157cfe2c624';
  it.each([
    [id, id],
    [' C67DCC76-9010-5534-8CDF-9157CFE2C624 ', id],
    [`{${id}}`, id],
    ['c67dcc7690105534 8cdf9157cfe2c624'.replace(' ', ''), id],
    [`${id}-1`, id],
    ['nope', null],
    [42, null],
  ])('%s', (raw, want) => expect(normalizeDebugId(raw)).toBe(want));
});
