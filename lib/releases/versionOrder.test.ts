import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion } from './versionOrder.ts';

describe('parseVersion', () => {
  it.each([
    ['1', { package: null, numbers: [1, 0, 0, 0], prerelease: '' }],
    ['api@2', { package: 'api', numbers: [2, 0, 0, 0], prerelease: '' }],
    ['shop@1.2.3+build.5', { package: 'shop', numbers: [1, 2, 3, 0], prerelease: '' }],
    ['my.app@1.2.3.4-rc.1+77', { package: 'my.app', numbers: [1, 2, 3, 4], prerelease: 'rc.1' }],
    ['1.0rc1', { package: null, numbers: [1, 0, 0, 0], prerelease: 'rc1' }],
    ['2-beta', { package: null, numbers: [2, 0, 0, 0], prerelease: 'beta' }],
    ['@acme/web@1.2.0', { package: '@acme/web', numbers: [1, 2, 0, 0], prerelease: '' }],
  ])('%s', (v, want) => expect(parseVersion(v)).toEqual(want));

  it.each([
    '62aaca3ed186edc7671b4cca0ab6ec53cb7de8b5',
    'nightly',
    'api@',
    'v1.2.3',
    '01.2',
    '1.2.3.4.5',
    '62aaca3',
    'api@99999999999999999999',
  ])('%s is not a semantic version', (v) => expect(parseVersion(v)).toBeNull());
});

describe('compareVersions', () => {
  it.each([
    ['api@1', 'api@2', -1],
    ['api@2', 'api@1', 1],
    ['api@1.10.0', 'api@1.9.0', 1],
    ['1.0.0', '1.0.0.1', -1],
    ['1.0.0-rc1', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-beta', -1],
    ['1.0+build.1', '1.0+build.2', 0],
    ['2', '2.0.0', 0],
  ] as const)('%s vs %s', (a, b, sign) => expect(Math.sign(compareVersions(a, b)!)).toBe(sign));

  it.each([
    ['api@1', 'web@2'],
    ['api@1', '2'],
    ['nightly', '1.0'],
    ['62aaca3ed186edc7671b4cca0ab6ec53cb7de8b5', '1.0'],
  ])('%s and %s do not compare by semver', (a, b) => expect(compareVersions(a, b)).toBeNull());
});
