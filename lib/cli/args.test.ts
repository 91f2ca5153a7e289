import { describe, expect, it } from 'vitest';
import { requireDatabaseUrl, UsageError } from './args.ts';

describe('requireDatabaseUrl', () => {
  it('returns the URL when set', () => {
    expect(requireDatabaseUrl({ DATABASE_URL: 'postgres://db/faultline' })).toBe('postgres://db/faultline');
  });
  it.each([undefined, '', '  '])('refuses %j with one line that says what to set', (v) => {
    expect(() => requireDatabaseUrl({ DATABASE_URL: v })).toThrow(UsageError);
    expect(() => requireDatabaseUrl({ DATABASE_URL: v })).toThrow(
      /^DATABASE_URL is not set; point it at your PostgreSQL server, e\.g\. postgres:\/\//,
    );
  });
});
