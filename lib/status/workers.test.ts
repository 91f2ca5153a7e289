import { describe, expect, it } from 'vitest';
import { workersSeen } from './workers.ts';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const lane = (name: string, pending: number, idleSeconds: number) => ({ name, pending, idleSeconds });
const seen = (...lanes: [string, number][]) =>
  new Map(lanes.map(([name, secondsAgo]) => [name, NOW - secondsAgo * 1000]));

describe('workersSeen', () => {
  it("makes one worker of a process's lanes: pending summed, the most recent idle and mark", () => {
    const { workers, stale } = workersSeen(
      [lane('worker-41-1764583200000-0', 3, 0.4), lane('worker-41-1764583200000-1', 2, 5)],
      seen(['worker-41-1764583200000-0', 2], ['worker-41-1764583200000-1', 0.5]),
      NOW,
    );
    expect(stale).toBe(0);
    expect(workers).toEqual([
      {
        name: 'worker-41-1764583200000',
        pid: 41,
        startedAt: '2025-12-01T10:00:00.000Z',
        lanes: 2,
        pending: 5,
        idleSeconds: 0.4,
        seenSecondsAgo: 0.5,
        active: true,
      },
    ]);
  });

  it('counts a lane the group does not list yet (never handed events) from its mark', () => {
    const { workers } = workersSeen([lane('worker-7-1000-0', 0, 30)], seen(['worker-7-1000-1', 0.2]), NOW);
    expect(workers[0]).toMatchObject({ lanes: 2, idleSeconds: 30, seenSecondsAgo: 0.2, active: true });
  });

  it('calls a quiet but running worker active, whatever its idle time in the group', () => {
    const { workers } = workersSeen([lane('worker-8-1000-0', 0, 5000)], seen(['worker-8-1000-0', 1]), NOW);
    expect(workers[0]).toMatchObject({ active: true, idleSeconds: 5000 });
  });

  it('tells two processes with the same pid apart by their start (containers are all pid 1)', () => {
    const { workers } = workersSeen([], seen(['worker-1-1000-0', 1], ['worker-1-2000-0', 2]), NOW);
    expect(workers.map((w) => w.name)).toEqual(['worker-1-1000', 'worker-1-2000']);
  });

  it('lists the most recently seen first and marks one silent for a minute as not reading', () => {
    const { workers } = workersSeen([], seen(['worker-2-5-0', 600], ['worker-3-6-0', 0.2]), NOW);
    expect(workers.map((w) => [w.pid, w.active])).toEqual([
      [3, true],
      [2, false],
    ]);
  });

  it('only counts stopped workers gone for over an hour, unless they still hold pending events', () => {
    const { workers, stale } = workersSeen(
      [lane('worker-4-7-0', 0, 7200), lane('worker-5-8-0', 12, 7200)],
      seen(['worker-4-7-0', 7200], ['worker-5-8-0', 7200], ['worker-6-9-0', 1]),
      NOW,
    );
    expect(workers.map((w) => w.pid)).toEqual([6, 5]);
    expect(stale).toBe(1);
  });

  it('keeps a consumer of another name as it is, not active without a mark', () => {
    const { workers } = workersSeen([lane('bench-consumer', 0, 1)], new Map(), NOW);
    expect(workers[0]).toMatchObject({
      name: 'bench-consumer',
      pid: null,
      startedAt: null,
      lanes: 1,
      seenSecondsAgo: null,
      active: false,
    });
  });
});
