import { describe, expect, it } from 'vitest';
import { minuteOf, throughputSeries } from './throughput.ts';

describe('throughputSeries', () => {
  const last = minuteOf(Date.parse('2026-12-01T10:59:30Z'));

  it('dates each minute, oldest first, ending with the current one', () => {
    const s = throughputSeries(last, [
      ['3', '1'],
      [null, null],
      ['7', null],
    ]);
    expect(s).toEqual([
      { minute: '2026-12-01T10:57:00.000Z', accepted: 3, stored: 1 },
      { minute: '2026-12-01T10:58:00.000Z', accepted: 0, stored: 0 },
      { minute: '2026-12-01T10:59:00.000Z', accepted: 7, stored: 0 },
    ]);
  });

  it('gives an hour of zeros when nothing was counted', () => {
    const s = throughputSeries(
      last,
      Array.from({ length: 60 }, () => [null, null]),
    );
    expect(s).toHaveLength(60);
    expect(s[0].minute).toBe('2026-12-01T10:00:00.000Z');
    expect(s.every((m) => m.accepted === 0 && m.stored === 0)).toBe(true);
  });
});

describe('minuteOf', () => {
  it.each([
    ['2026-12-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'],
    ['2026-12-01T10:00:59.999Z', '2026-12-01T10:00:00.000Z'],
    ['2026-12-01T10:01:00.000Z', '2026-12-01T10:01:00.000Z'],
  ])('puts %s in the minute starting %s', (at, start) => {
    expect(new Date(minuteOf(Date.parse(at)) * 60_000).toISOString()).toBe(start);
  });
});
