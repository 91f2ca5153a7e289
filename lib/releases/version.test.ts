import { describe, expect, it } from 'vitest';
import { shortVersion, versionSchema } from './version.ts';

describe('release versions', () => {
  it.each(['1.0.0', 'shop@2.0.0+build.5', 'my app 1', 'a'.repeat(200)])('accepts %s', (v) =>
    expect(versionSchema.safeParse(v).success).toBe(true),
  );
  it.each(['', '.', '..', 'latest', 'a/b', 'a\\b', 'tab\there', ' padded', 'a'.repeat(201)])('refuses %j', (v) =>
    expect(versionSchema.safeParse(v).success).toBe(false),
  );
  it('shortens package versions and commit shas', () => {
    expect(shortVersion('shop@2.0.0')).toBe('2.0.0');
    expect(shortVersion('62aaca3ed186edc7671b4cca0ab6ec53cb7de8b5')).toBe('62aaca3ed186');
    expect(shortVersion('1.0')).toBe('1.0');
  });
});
