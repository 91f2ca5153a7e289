'use client';
// Admin → Status: events accepted and stored per minute, the event queue, the workers, and what the database holds.
// Everything comes from one request, made again every 10 s (useStatus).
import Link from 'next/link';
import type { StatusReport } from '@/lib/status/contract';
import { ThroughputChart } from '../charts/ThroughputChart';
import { STATUS_REFRESH_MS, useStatus } from '../hooks/useStatus';
import { formatBytes } from '../ui/bytes';
import { ErrorNote, Loading } from '../ui/EmptyState';
import { RelativeTime } from '../ui/RelativeTime';
import ui from '../ui/ui.module.css';
import styles from './admin.module.css';

const count = (n: number) => n.toLocaleString('en');
const IDLE_HELP =
  "The consumer group's idle time: since Redis last handed the worker events (since its last read from Redis 7.2)";

function duration(s: number): string {
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

function Tile({ label, value, note, warn }: { label: string; value: React.ReactNode; note?: string; warn?: boolean }) {
  return (
    <div className={`${styles.tile} ${warn ? styles.warn : ''}`} data-testid={`status-${label}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
      {note && <p>{note}</p>}
    </div>
  );
}

function Throughput({ minutes }: { minutes: StatusReport['throughput'] }) {
  const sum = (k: 'accepted' | 'stored') => minutes.reduce((s, m) => s + m[k], 0);
  const now = minutes[minutes.length - 1];
  return (
    <section className={ui.panel} aria-label="Events per minute">
      <h2>Events per minute, last hour</h2>
      <ThroughputChart minutes={minutes} />
      <p className={`${ui.small} ${ui.muted}`} data-testid="throughput-totals">
        Last hour: {count(sum('accepted'))} accepted, {count(sum('stored'))} stored. This minute so far:{' '}
        {count(now?.accepted ?? 0)} accepted, {count(now?.stored ?? 0)} stored. Accepted means on the queue (the SDK got
        its 200); a replayed event is stored once.
      </p>
    </section>
  );
}

function Queue({ queue }: { queue: StatusReport['queue'] }) {
  return (
    <section className={ui.panel} aria-label="Event queue">
      <h2>Event queue</h2>
      <dl className={styles.tiles} style={{ margin: 0 }}>
        <Tile label="Lag" value={queue.lagSeconds > 0 ? duration(queue.lagSeconds) : 'none'} note="oldest unstored" />
        <Tile label="Not yet read" value={count(queue.undelivered)} note="waiting for a worker" />
        <Tile label="Pending" value={count(queue.pending)} note="read, not yet stored" />
        <Tile label="Stream length" value={count(queue.length)} note="stored ones until trimmed" />
        <Tile
          label="Dead letters"
          value={<Link href="/admin/dead-letters/">{count(queue.deadLetters)}</Link>}
          note="could not be stored"
          warn={queue.deadLetters > 0}
        />
      </dl>
    </section>
  );
}

function Workers({ workers, stale }: { workers: StatusReport['workers']; stale: number }) {
  const active = workers.filter((w) => w.active).length;
  return (
    <section className={ui.panel} aria-label="Workers">
      <h2>Workers</h2>
      {active === 0 && (
        <div className={ui.error} role="alert">
          No worker has read the queue in the last minute: accepted events wait on it until one runs (
          <code>faultline run worker</code>).
        </div>
      )}
      {workers.length > 0 && (
        <div className={ui.tableWrap}>
          <table className={ui.table} aria-label="Workers in the consumer group">
            <thead>
              <tr>
                <th>Worker</th>
                <th>State</th>
                <th>Started</th>
                <th className={styles.num}>Lanes</th>
                <th className={styles.num}>Pending</th>
                <th className={styles.num}>Last seen</th>
                <th className={styles.num} title={IDLE_HELP}>
                  Idle in group
                </th>
              </tr>
            </thead>
            <tbody>
              {workers.map((w) => (
                <tr key={w.name} data-testid="status-worker">
                  <td className={ui.mono}>{w.name}</td>
                  <td>
                    <span className={`${ui.badge} ${w.active ? ui.badgeNew : ''}`}>
                      {w.active ? 'reading' : 'not reading'}
                    </span>
                  </td>
                  <td>
                    <RelativeTime date={w.startedAt} />
                  </td>
                  <td className={styles.num}>{w.lanes}</td>
                  <td className={styles.num}>{count(w.pending)}</td>
                  <td className={styles.num}>
                    {w.seenSecondsAgo === null
                      ? '—'
                      : w.seenSecondsAgo < 1
                        ? 'just now'
                        : `${duration(w.seenSecondsAgo)} ago`}
                  </td>
                  <td className={styles.num}>{w.idleSeconds === null ? '—' : duration(w.idleSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className={`${ui.small} ${ui.muted}`}>
        One row per worker process and its lanes (WORKER_CONCURRENCY). Each lane marks itself at least once a second
        while it runs; pending and idle come from the consumer group. A worker that stops leaves its pending events to
        the others after WORKER_CLAIM_IDLE_MS.
        {stale > 0 && ` ${stale} stopped worker(s) not seen for over an hour are not shown.`}
      </p>
    </section>
  );
}

function Storage({ storage }: { storage: StatusReport['storage'] }) {
  return (
    <section className={ui.panel} aria-label="Storage">
      <h2>Storage</h2>
      <dl className={styles.tiles} style={{ margin: '0 0 12px' }}>
        <Tile label="Database" value={formatBytes(storage.databaseBytes)} />
        <Tile label="Events table" value={formatBytes(storage.eventTableBytes)} note="with TOAST and indexes" />
        <Tile
          label="Event rows"
          value={storage.eventRowsEstimate === null ? '—' : count(storage.eventRowsEstimate)}
          note={storage.eventRowsEstimate === null ? 'known after the next ANALYZE' : 'planner estimate'}
        />
      </dl>
      {storage.largestProjects.length > 0 && (
        <div className={ui.tableWrap}>
          <table className={ui.table} aria-label="Largest projects">
            <thead>
              <tr>
                <th>Project</th>
                <th className={styles.num}>Events stored</th>
                <th className={styles.num}>Size (estimate)</th>
              </tr>
            </thead>
            <tbody>
              {storage.largestProjects.map((p) => (
                <tr key={p.id} data-testid="status-project">
                  <td>
                    <Link href={`/settings/${p.org}/projects/${p.slug}/usage/`}>
                      {p.org} / {p.slug}
                    </Link>
                  </td>
                  <td className={styles.num}>{count(p.events)}</td>
                  <td className={styles.num}>{formatBytes(p.estimatedBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className={`${ui.small} ${ui.muted}`}>
        A project&apos;s size is its share of the stored events times the events table&apos;s size; event sizes differ
        between projects, so it is an estimate.
      </p>
    </section>
  );
}

export function Status() {
  const status = useStatus();
  if (status.isLoading) return <Loading what="status" />;
  if (!status.data) return <ErrorNote error={status.error} />;
  const s = status.data;
  return (
    <>
      <p className={`${ui.small} ${ui.muted}`} data-testid="status-updated">
        Read at {new Date(s.at).toLocaleTimeString()}; refreshes every {STATUS_REFRESH_MS / 1000} s.
      </p>
      {/* A failed refresh keeps the last numbers on screen and says why above them. */}
      <ErrorNote error={status.error} />
      <Throughput minutes={s.throughput} />
      <Queue queue={s.queue} />
      <Workers workers={s.workers} stale={s.staleWorkers} />
      <Storage storage={s.storage} />
    </>
  );
}
