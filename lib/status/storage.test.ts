import { describe, expect, it } from 'vitest';
import { estimateProjectBytes } from './storage.ts';

const project = (id: number, events: number) => ({ id, org: 'acme', slug: `p${id}`, name: `P${id}`, events });

describe('estimateProjectBytes', () => {
  it("gives each project its share of the events table's bytes", () => {
    const rows = estimateProjectBytes([project(1, 750), project(2, 200)], 1000, 4_000_000);
    expect(rows.map((r) => [r.id, r.events, r.estimatedBytes])).toEqual([
      [1, 750, 3_000_000],
      [2, 200, 800_000],
    ]);
  });

  it('says 0 bytes when nothing is stored yet (no division by zero)', () => {
    expect(estimateProjectBytes([project(1, 0)], 0, 8192)[0].estimatedBytes).toBe(0);
  });
});
