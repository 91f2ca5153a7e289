import { describe, expect, it } from 'vitest';
import { MAX_STRING, TRUNCATED, clean, keepEnds, truncate } from './clean';
import { normalizeEvent } from './normalize';

function nested(levels: number): Record<string, unknown> {
  let v: Record<string, unknown> = { leaf: 'x' };
  for (let i = levels; i > 0; i--) v = { [`l${i}`]: v };
  return v;
}

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['abcdefghij', 10, 'abcdefghij'],
    ['abcdefghijk', 10, 'abcdefg...'],
    ['ab😀cdefgh', 6, 'ab...'],
  ])('%j to %d → %j', (s, max, expected) => {
    expect(truncate(s, max)).toBe(expected);
  });
});

describe('clean', () => {
  it('cuts strings longer than 16 KB', () => {
    const out = clean({ big: 'x'.repeat(100_000) }) as { big: string };
    expect(out.big).toHaveLength(MAX_STRING);
  });

  it('replaces objects nested deeper than 8 levels with a placeholder', () => {
    expect(clean(nested(7))).toEqual(nested(7));
    const deep = clean(nested(9)) as any;
    expect(deep.l1.l2.l3.l4.l5.l6.l7.l8).toBe(TRUNCATED);
  });

  it.each([
    [
      [1, undefined, () => 1],
      [1, null, null],
    ],
    [
      { a: undefined, b: 1n, c: Infinity },
      { b: '1', c: 'Infinity' },
    ],
  ])('makes %s JSON-safe', (input, expected) => {
    expect(clean(input)).toEqual(expected);
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(JSON.stringify(clean(a))).toContain(TRUNCATED);
  });
});

describe('keepEnds', () => {
  it('keeps first and last halves', () => {
    expect(keepEnds([1, 2, 3, 4, 5, 6, 7], 4)).toEqual([1, 2, 6, 7]);
    expect(keepEnds([1, 2], 4)).toEqual([1, 2]);
  });
});

describe('depth limits inside events', () => {
  it('applies to extra and contexts', () => {
    const ev = normalizeEvent(
      { extra: { deep: nested(9) }, contexts: { app: nested(9) } },
      { receivedAt: new Date('2026-11-24T00:00:00Z') },
    );
    expect(JSON.stringify(ev.extra)).toContain(TRUNCATED);
    expect((ev.extra as any).deep.l1.l2.l3.l4.l5.l6.l7).toBe(TRUNCATED);
    expect((ev.contexts as any).app.l1.l2.l3.l4.l5.l6.l7).toBe(TRUNCATED);
  });
});
