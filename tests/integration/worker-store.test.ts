// Events from the real @sentry/node SDK become grouped issues with exact counts; replays count once.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { projectRoot } from '../../lib/cli/paths.ts';
import { makeProject } from '../harness/fixtures.ts';
import { waitFor } from '../harness/wait.ts';

const sdkScript = `
import * as Sentry from '@sentry/node';
Sentry.init({ dsn: process.argv[1], release: 'shop@2.0.0', environment: 'production', defaultIntegrations: false });
function chargeCard(order) { throw new Error('card declined for order ' + order); }
function loadUser(id) { const users = {}; return users[id].name; }
for (let i = 0; i < 3; i++) {
  Sentry.setUser({ id: 'u' + i });
  try { chargeCard(1000 + i); } catch (e) { Sentry.captureException(e); }
}
Sentry.setUser({ id: 'u9' });
try { loadUser('x'); } catch (e) { Sentry.captureException(e); }
await Sentry.flush(5000);
`;

describe('worker stores SDK events', () => {
  it('groups one bug into one issue with exact event and user counts', async () => {
    const { project, dsn } = await makeProject({ platform: 'node' });
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', sdkScript, dsn], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const events = await waitFor(
      () => db().event.count({ where: { projectId: project.id } }),
      (n) => n >= 4,
    );
    expect(events).toBe(4);
    const issues = await db().issue.findMany({ where: { projectId: project.id }, orderBy: { eventCount: 'desc' } });
    expect(issues).toHaveLength(2);
    // The title comes from whichever of the three events a worker stored first.
    expect(issues[0].title).toMatch(/^Error: card declined for order 100[0-2]$/);
    expect(issues[0].eventCount).toBe(3n);
    expect(issues[0].userCount).toBe(3);
    expect(issues[0].culprit).toContain('chargeCard');
    expect(issues[0].firstRelease).toBe('shop@2.0.0');
    expect(issues[1].metadataType).toBe('TypeError');
    expect(issues[1].userCount).toBe(1);
    const hourly = await db().issueHourlyCount.findMany({ where: { issueId: issues[0].id } });
    expect(hourly.reduce((s, h) => s + h.count, 0)).toBe(3);
    const env = await db().issueTagValue.findUnique({
      where: { issueId_key_value: { issueId: issues[0].id, key: 'environment', value: 'production' } },
    });
    expect(env?.count).toBe(3n);
  });

  it('stores the same event id once and reopens a resolved issue as a regression', async () => {
    const { project, key } = await makeProject();
    const base = process.env.FAULTLINE_TEST_URL!;
    const send = (eventId: string) =>
      fetch(`${base}/api/${project.id}/store/?sentry_key=${key.publicKey}`, {
        method: 'POST',
        body: JSON.stringify({
          event_id: eventId,
          message: 'disk full on /dev/sda1',
          level: 'error',
          user: { email: 'a@example.com' },
        }),
      });
    expect((await send('a'.repeat(32))).status).toBe(200);
    expect((await send('a'.repeat(32))).status).toBe(200);
    const issue = await waitFor(
      () => db().issue.findFirst({ where: { projectId: project.id } }),
      (i) => !!i && i.eventCount >= 1n,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const again = await db().issue.findUniqueOrThrow({ where: { id: issue!.id } });
    expect(again.eventCount).toBe(1n);
    expect(await db().event.count({ where: { projectId: project.id } })).toBe(1);
    await db().issue.update({ where: { id: issue!.id }, data: { status: 'resolved' } });
    expect((await send('b'.repeat(32))).status).toBe(200);
    const reopened = await waitFor(
      () => db().issue.findUniqueOrThrow({ where: { id: issue!.id } }),
      (i) => i.eventCount === 2n,
    );
    expect(reopened.status).toBe('unresolved');
    expect(reopened.substatus).toBe('regressed');
    expect(reopened.userCount).toBe(1);
  });
});
