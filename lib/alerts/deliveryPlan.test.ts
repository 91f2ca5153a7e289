import { describe, expect, it } from 'vitest';
import { planBatch, retryDelayMs } from './deliveryPlan.ts';

describe('planBatch', () => {
  it.each([
    // pending, granted → single, digest, deferred
    [0, 20, 0, 0, 0],
    [5, 20, 5, 0, 0],
    [20, 20, 20, 0, 0],
    [21, 20, 19, 2, 0],
    [100, 20, 19, 81, 0],
    [100, 1, 0, 100, 0],
    [2, 1, 0, 2, 0],
    [7, 0, 0, 0, 7],
  ])(
    '%i pending with %i slots → %i single, %i in a digest, %i deferred',
    (pending, granted, single, digest, deferred) => {
      const plan = planBatch(pending, granted);
      expect(plan).toEqual({ single, digest, deferred });
      // Never more messages than slots.
      expect(plan.single + (plan.digest ? 1 : 0)).toBeLessThanOrEqual(granted);
    },
  );
});

describe('retryDelayMs', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [20, 3_600_000],
  ])('after %i failures waits %i ms', (failures, ms) => {
    expect(retryDelayMs(failures, 30_000)).toBe(ms);
  });
});
