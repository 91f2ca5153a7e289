// Shared by the alerts-*.test.ts files: events into the running Faultline, rules and channels through lib/alerts,
// and alert evaluation of what the worker stored.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { db } from '../../lib/db.ts';
import { projectRoot } from '../../lib/cli/paths.ts';
import { createChannel } from '../../lib/alerts/channelRecords.ts';
import { createRule, ruleInputSchema } from '../../lib/alerts/ruleRecords.ts';
import { evaluateAlerts } from '../../lib/alerts/evaluate.ts';
import type { StoredEvent } from '../../lib/digest/types.ts';
import type { NormalizedEvent } from '../../lib/events/types.ts';
import { baseUrl, makeProject } from '../harness/fixtures.ts';
import { waitFor } from './alerts-receivers.ts';

export type Project = Awaited<ReturnType<typeof makeProject>>;

export const newEventId = () => randomBytes(16).toString('hex');

/** Posts one event to the store endpoint as an SDK would; returns its id. */
export async function sendEvent(p: Project, event: Record<string, unknown>): Promise<string> {
  const eventId = newEventId();
  const r = await fetch(`${baseUrl()}/api/${p.project.id}/store/?sentry_key=${p.key.publicKey}`, {
    method: 'POST',
    body: JSON.stringify({ event_id: eventId, platform: 'node', level: 'error', ...event }),
  });
  if (r.status !== 200) throw new Error(`store answered ${r.status}: ${await r.text()}`);
  return eventId;
}

/**
 * An exception event with a stack trace, like @sentry/node sends; each message has its own crashing function (its own
 * issue).
 */
export function exceptionEvent(message: string, extra: Record<string, unknown> = {}) {
  const fn = 'handle_' + message.replace(/\W+/g, '_');
  return {
    exception: {
      values: [
        {
          type: 'TypeError',
          value: message,
          stacktrace: {
            frames: [
              {
                function: 'processTicksAndRejections',
                filename: 'node:internal/process/task_queues',
                lineno: 95,
                in_app: false,
              },
              {
                function: fn,
                filename: '/app/src/checkout.js',
                lineno: 42,
                colno: 11,
                in_app: true,
                context_line: '    const total = cart.items.reduce(sum);',
              },
            ],
          },
        },
      ],
    },
    ...extra,
  };
}

/** Runs a script with the real @sentry/node SDK against a DSN. */
export function runSentryNode(script: string, dsn: string) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, dsn], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`@sentry/node script failed: ${r.stderr}`);
}

/**
 * True once the worker process calls evaluateAlerts itself after each stored batch (workers/main.ts or eventWorker.ts).
 */
export const workerEvaluates = () =>
  ['main.ts', 'eventWorker.ts'].some((f) =>
    /import\s*\{[^}]*\bevaluateAlerts\b/.test(readFileSync(`${projectRoot}/workers/${f}`, 'utf8')),
  );

/**
 * Waits until the worker stored these events; then, if the worker does not evaluate alerts itself yet,
 * evaluates them here exactly as it would (one batch).
 */
export async function settle(p: Project, eventIds: string[], opts: { regression?: boolean } = {}): Promise<void> {
  const rows = await waitFor(
    () =>
      db().event.findMany({ where: { projectId: p.project.id, eventId: { in: eventIds } }, orderBy: { id: 'asc' } }),
    (r) => r.length === eventIds.length,
    30_000,
  );
  if (rows.length !== eventIds.length) throw new Error(`only ${rows.length} of ${eventIds.length} events were stored`);
  // The worker evaluates right after the batch commits; give it that moment (expected counts are then exact).
  if (workerEvaluates()) return void (await new Promise((r) => setTimeout(r, 1500)));
  const firsts = await db().event.groupBy({
    by: ['issueId'],
    where: { issueId: { in: [...new Set(rows.map((r) => r.issueId))] } },
    _min: { id: true },
  });
  const first = new Map(firsts.map((f) => [f.issueId, f._min.id]));
  const stored: StoredEvent[] = rows.map((r) => ({
    projectId: r.projectId,
    issueId: r.issueId,
    eventId: r.eventId,
    isNewIssue: first.get(r.issueId) === r.id,
    isRegression: !!opts.regression,
    level: r.level,
    environment: r.environment ?? '',
    release: r.release,
    tags: (r.data as unknown as NormalizedEvent).tags,
    userKey: r.userKey,
    timestamp: r.timestamp.toISOString(),
  }));
  await evaluateAlerts(db(), stored);
}

let channelCounter = 0;

/** Channel names are unique per organization: each made here gets a number. */
export async function channel(
  p: Project,
  type: string,
  config: Record<string, unknown>,
  name = `${type} channel ${++channelCounter}`,
) {
  return createChannel(db(), p.org.id, { name, type: type as never, config, isActive: true });
}

export async function rule(p: Project, input: Record<string, unknown>) {
  return createRule(db(), p.project, ruleInputSchema.parse({ name: 'rule', ...input }));
}

export function deliveries(where: { ruleId?: number; channelId?: number }) {
  return db().alertDelivery.findMany({ where, orderBy: { id: 'asc' } });
}
