// Worker processes as Admin → Status shows them: the consumer group's consumers (XINFO CONSUMERS: pending events,
// idle time) and the lanes' own marks (workerPresence), one row per process however many lanes it has.
import type { QueueStats } from '../queue/queueStats.ts';
import type { WorkerSeen } from './contract.ts';

/** A lane goes round its loop at least once a second while idle, and once per batch while busy. */
export const ACTIVE_WITHIN_SECONDS = 60;
/** Consumers are never removed from the group (names are unique per start), so stopped workers pile up there. */
export const SHOWN_WITHIN_SECONDS = 3600;

// Consumer names are `worker-<pid>-<start ms>-<lane>` (workers/eventWorker.ts).
const LANE_NAME = /^(worker-(\d+)-(\d+))-\d+$/;

interface Lanes {
  lanes: Set<string>;
  pending: number;
  idleSeconds: number | null;
  seenAt: number | null;
}

function byProcess(consumers: QueueStats['consumers'], lastSeen: Map<string, number>): Map<string, Lanes> {
  const processes = new Map<string, Lanes>();
  const entry = (lane: string) => {
    const name = LANE_NAME.exec(lane)?.[1] ?? lane;
    let p = processes.get(name);
    if (!p) processes.set(name, (p = { lanes: new Set(), pending: 0, idleSeconds: null, seenAt: null }));
    p.lanes.add(lane);
    return p;
  };
  for (const c of consumers) {
    const p = entry(c.name);
    p.pending += c.pending;
    p.idleSeconds = Math.min(p.idleSeconds ?? Infinity, c.idleSeconds);
  }
  for (const [lane, at] of lastSeen) {
    const p = entry(lane);
    p.seenAt = Math.max(p.seenAt ?? 0, at);
  }
  return processes;
}

/**
 * One row per worker process, most recently seen first; processes gone for over an hour that hold nothing are only
 * counted (`stale`). `nowMs` is Redis's clock, like the marks.
 */
export function workersSeen(
  consumers: QueueStats['consumers'],
  lastSeen: Map<string, number>,
  nowMs: number,
): { workers: WorkerSeen[]; stale: number } {
  const all: WorkerSeen[] = [...byProcess(consumers, lastSeen)].map(([name, p]) => {
    const m = LANE_NAME.exec(`${name}-0`);
    const seenSecondsAgo = p.seenAt === null ? null : Math.max(0, (nowMs - p.seenAt) / 1000);
    return {
      name,
      pid: m ? Number(m[2]) : null,
      startedAt: m ? new Date(Number(m[3])).toISOString() : null,
      lanes: p.lanes.size,
      pending: p.pending,
      idleSeconds: p.idleSeconds,
      seenSecondsAgo,
      active: seenSecondsAgo !== null && seenSecondsAgo < ACTIVE_WITHIN_SECONDS,
    };
  });
  const recent = (w: WorkerSeen) =>
    Math.min(w.seenSecondsAgo ?? Infinity, w.idleSeconds ?? Infinity) < SHOWN_WITHIN_SECONDS || w.pending > 0;
  const shown = all.filter(recent);
  const age = (w: WorkerSeen) => w.seenSecondsAgo ?? w.idleSeconds ?? Infinity;
  shown.sort((a, b) => age(a) - age(b) || a.name.localeCompare(b.name));
  return { workers: shown, stale: all.length - shown.length };
}
