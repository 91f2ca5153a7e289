// The /api/0/internal/status/ shape (Admin → Status): throughput, the event queue, the workers, storage.
import type { ThroughputMinute } from '../metrics/throughput.ts';

export type { ThroughputMinute };

export interface WorkerSeen {
  /** The worker process's consumer-name prefix (`worker-<pid>-<start ms>`), or a consumer name of another form. */
  name: string;
  pid: number | null;
  startedAt: string | null;
  /** Consumers (lanes, WORKER_CONCURRENCY) of this process in the group. */
  lanes: number;
  /** Events its lanes read and have not acknowledged. */
  pending: number;
  /**
   * XINFO CONSUMERS' idle time of its most recent lane: since Redis last handed it events (before Redis 7.2; since
   * its last read from 7.2). Null for lanes never handed anything before 7.2 (the group does not list them).
   */
  idleSeconds: number | null;
  /** Since one of its lanes last went round its loop (null: no mark, e.g. a worker of an older Faultline). */
  seenSecondsAgo: number | null;
  /** Seen within ACTIVE_WITHIN_SECONDS: a running lane marks itself at least once a second while idle. */
  active: boolean;
}

export interface LargeProject {
  id: number;
  org: string;
  slug: string;
  name: string;
  /** Events stored now: the project's hourly counts, which retention trims with the events. */
  events: number;
  /** The events table's bytes (table, TOAST, indexes) × the project's share of the events; an estimate. */
  estimatedBytes: number;
}

export interface StatusReport {
  /** When this was read (Redis's clock). */
  at: string;
  /** Accepted (on the queue) and stored events per minute, oldest first; the last minute is still counting. */
  throughput: ThroughputMinute[];
  queue: {
    /** Entries on the stream, stored ones included until they are trimmed. */
    length: number;
    /** Read by a worker, not yet acknowledged. */
    pending: number;
    /** Not yet read by any worker. */
    undelivered: number;
    /** Age of the oldest event not yet stored (0 when there is none). */
    lagSeconds: number;
    deadLetters: number;
  };
  /** Worker processes seen within the last hour or holding pending events, most recently seen first. */
  workers: WorkerSeen[];
  /** Processes not seen for over an hour that hold nothing (stopped workers the group still lists). */
  staleWorkers: number;
  storage: {
    databaseBytes: number;
    /** The events table with its TOAST and indexes (all partitions, if it has any). */
    eventTableBytes: number;
    /** The planner's row count of the events table (pg_class.reltuples after ANALYZE); null before the first. */
    eventRowsEstimate: number | null;
    largestProjects: LargeProject[];
  };
}
