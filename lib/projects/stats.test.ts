// The bucketing the project list's `stats` relies on (shared with issue stats).
import { describe, expect, it } from 'vitest';
import { bucketize, bucketStarts } from '../issues/stats.ts';

const now = new Date('2026-03-10T12:34:56Z');

describe('project stats buckets', () => {
  it('24h is 24 hourly buckets ending with the current hour', () => {
    const { starts } = bucketStarts('24h', now);
    expect(starts).toHaveLength(24);
    expect(new Date(starts[23]).toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(new Date(starts[0]).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('places hourly counts and drops hours outside the period', () => {
    const s = bucketize(
      [
        { hour: new Date('2026-03-10T12:00:00Z'), count: 3 },
        { hour: new Date('2026-03-10T10:00:00Z'), count: 2 },
        { hour: new Date('2026-03-08T10:00:00Z'), count: 99 },
      ],
      '24h',
      now,
    );
    expect(s[23]).toEqual([Date.parse('2026-03-10T12:00:00Z') / 1000, 3]);
    expect(s[21][1]).toBe(2);
    expect(s.reduce((a, [, c]) => a + c, 0)).toBe(5);
  });

  it('sums hours into UTC days for 14d', () => {
    const s = bucketize(
      [
        { hour: new Date('2026-03-10T01:00:00Z'), count: 1 },
        { hour: new Date('2026-03-10T11:00:00Z'), count: 4 },
      ],
      '14d',
      now,
    );
    expect(s).toHaveLength(14);
    expect(s[13][1]).toBe(5);
  });
});
