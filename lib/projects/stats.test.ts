import { describe, expect, it } from 'vitest';
import { buckets, fillBuckets } from './stats.ts';

const now = new Date('2026-03-10T12:34:56Z');

describe('project stats buckets', () => {
  it('24h is 24 hourly buckets ending with the current hour', () => {
    const { starts } = buckets('24h', now);
    expect(starts).toHaveLength(24);
    expect(new Date(starts[23]).toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(new Date(starts[0]).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('14d is 14 daily buckets', () => {
    const { starts } = buckets('14d', now);
    expect(starts).toHaveLength(14);
    expect(new Date(starts[13]).toISOString()).toBe('2026-03-10T00:00:00.000Z');
  });

  it('places hourly counts and drops hours outside the period', () => {
    const s = fillBuckets('24h', now, [
      { hour: new Date('2026-03-10T12:00:00Z'), count: 3 },
      { hour: new Date('2026-03-10T10:00:00Z'), count: 2 },
      { hour: new Date('2026-03-08T10:00:00Z'), count: 99 },
    ]);
    expect(s[23]).toEqual([Date.parse('2026-03-10T12:00:00Z') / 1000, 3]);
    expect(s[21][1]).toBe(2);
    expect(s.reduce((a, [, c]) => a + c, 0)).toBe(5);
  });

  it('sums hours into days for 14d', () => {
    const s = fillBuckets('14d', now, [
      { hour: new Date('2026-03-10T01:00:00Z'), count: 1 },
      { hour: new Date('2026-03-10T11:00:00Z'), count: 4 },
    ]);
    expect(s[13][1]).toBe(5);
  });
});
