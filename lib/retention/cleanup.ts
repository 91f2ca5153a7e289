// Retention (Sentry's `cleanup --days N`): removes events older than each project's retention, in small batches,
// then the issues whose last event is gone and hourly counts older than the cutoff.
import { config } from '../config.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { Sql } from '../sql.ts';
import {
  countExpired,
  deleteAttachments,
  deleteEventBatch,
  deleteHourlyBatch,
  deleteIssueBatch,
  orgExists,
  projectsToClean,
} from './queries/cleanup.ts';

export interface CleanupOptions {
  /** Overrides every project's retention (the `--days` of the command). */
  days?: number;
  /** Only this organization's projects (`--org`). */
  orgSlug?: string;
  /** Only this project (`--project`); a slug used in several organizations needs `orgSlug` too. */
  projectSlug?: string;
  dryRun?: boolean;
  /** Rows per statement: small enough that the worker's inserts never wait long on a batch. */
  batchSize?: number;
  now?: Date;
  onProgress?: (line: string) => void;
}

export interface CleanupSummary {
  projects: number;
  events: number;
  issues: number;
  /** Bytes of the removed event rows and attachments as stored (heap + TOAST; indexes not counted). */
  bytes: number;
  hourlyRows: number;
  seconds: number;
  dryRun: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The projects a cleanup covers. A slug is unique only within an organization, so `--project` alone must name one
 * project: an unknown or ambiguous selection is refused before anything is removed.
 */
async function projectsInScope(sql: Sql, org: string | undefined, project: string | undefined) {
  const rows = await projectsToClean(sql, org, project);
  if (org && !rows.length && !(await orgExists(sql, org))) throw new NotFoundError(`no organization "${org}"`);
  if (project && !rows.length)
    throw new NotFoundError(`no project "${project}" in ${org ? `organization "${org}"` : 'any organization'}`);
  const orgs = [...new Set(rows.map((r) => r.org))];
  if (project && orgs.length > 1)
    throw new InvalidError(
      null,
      `project "${project}" is in ${orgs.length} organizations (${orgs.join(', ')}): say which one with --org`,
    );
  return rows;
}

export async function cleanup(sql: Sql, opts: CleanupOptions = {}): Promise<CleanupSummary> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const batch = opts.batchSize ?? 2000;
  const say = opts.onProgress ?? (() => undefined);
  const sum: CleanupSummary = {
    projects: 0,
    events: 0,
    issues: 0,
    bytes: 0,
    hourlyRows: 0,
    seconds: 0,
    dryRun: !!opts.dryRun,
  };
  for (const p of await projectsInScope(sql, opts.orgSlug, opts.projectSlug)) {
    const days = opts.days ?? p.retentionDays ?? config().EVENT_RETENTION_DAYS;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const name = `${p.org}/${p.slug}`;
    sum.projects++;
    if (opts.dryRun) {
      const c = await countExpired(sql, p.id, cutoff);
      if (c.events || c.issues)
        say(
          `${name}: would remove ${c.events} events (${c.bytes} bytes) older than ${days} days` +
            ` and up to ${c.issues} issues`,
        );
      sum.events += c.events;
      sum.bytes += c.bytes;
      sum.issues += c.issues;
      continue;
    }
    let events = 0;
    for (;;) {
      const r = await deleteEventBatch(sql, p.id, cutoff, batch);
      events += r.rows;
      sum.bytes += r.bytes;
      if (r.rows > 0) say(`${name}: ${events} events removed`);
      if (r.rows < batch) break;
    }
    sum.events += events;
    let n: number;
    do {
      n = await deleteIssueBatch(sql, p.id, cutoff, batch);
      sum.issues += n;
    } while (n === batch);
    do {
      n = await deleteHourlyBatch(sql, p.id, cutoff, batch * 5);
      sum.hourlyRows += n;
    } while (n >= batch * 5);
    sum.bytes += (await deleteAttachments(sql, p.id, cutoff)).bytes;
  }
  sum.seconds = (performance.now() - started) / 1000;
  return sum;
}

export function formatSummary(s: CleanupSummary): string {
  const mb = (s.bytes / 1024 / 1024).toFixed(1);
  const verb = s.dryRun ? 'would remove' : 'removed';
  const hourly = s.dryRun ? '' : `, ${s.hourlyRows} hourly rows`;
  return (
    `cleanup ${verb} ${s.events} events, ${s.issues} issues, ${mb} MB (${s.bytes} bytes)${hourly}` +
    ` in ${s.projects} projects; ${s.seconds.toFixed(1)} s`
  );
}
