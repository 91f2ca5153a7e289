// Shared by api-issues, api-events and sentrycli-* tests: send events through the real ingest path and wait
// until the worker has stored them.
import { db } from '../../lib/db.ts';
import { baseUrl } from '../harness/fixtures.ts';
import { waitFor } from '../harness/wait.ts';

export { waitFor };

/** Posts events to the legacy store endpoint (raw JSON, exact timestamps and tags) and waits until all are stored. */
export async function storeEvents(
  project: { id: number },
  publicKey: string,
  events: Record<string, unknown>[],
): Promise<void> {
  const before = await db().event.count({ where: { projectId: project.id } });
  for (const e of events) {
    const r = await fetch(`${baseUrl()}/api/${project.id}/store/?sentry_key=${publicKey}&sentry_version=7`, {
      method: 'POST',
      body: JSON.stringify(e),
    });
    if (r.status !== 200) throw new Error(`store answered ${r.status}: ${await r.text()}`);
  }
  const n = await waitFor(
    () => db().event.count({ where: { projectId: project.id } }),
    (c) => c >= before + events.length,
  );
  if (n < before + events.length) throw new Error(`only ${n - before} of ${events.length} events were stored`);
}

/** A unix timestamp `ms` ago, as SDKs send it. */
export const ago = (ms: number) => (Date.now() - ms) / 1000;
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** The issue an event id was grouped into. */
export async function issueOf(projectId: number, eventId: string) {
  const e = await db().event.findUniqueOrThrow({ where: { projectId_eventId: { projectId, eventId } } });
  return db().issue.findUniqueOrThrow({ where: { id: e.issueId } });
}
