// Quotas at the ingest edge: project per-minute/per-day limits, the org cap and spike protection in Redis; 429s the
// SDKs understand (real @sentry/node backs off); usage outcomes and the SDKs' client reports kept per project.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import * as Sentry from '@sentry/node';
import { db } from '../../lib/db.ts';
import { sql, sqlPool } from '../../lib/sql.ts';
import { checkQuota, type QuotaSettings } from '../../lib/quotas/quota.ts';
import { flushUsage } from '../../lib/quotas/usage.ts';
import { readUsage } from '../../lib/quotas/readUsage.ts';
import { baseUrl, makeProject } from '../harness/fixtures.ts';
import { envelope, testRedis } from './ingest-support.ts';
import { countingProxy } from './quotas-support.ts';

const hex = () => randomBytes(16).toString('hex');
const eventEnvelope = () => envelope({ event_id: hex() }, [{ type: 'event' }, JSON.stringify({ message: 'quota' })]);

async function post(projectId: number, key: string, body: Buffer) {
  const r = await fetch(`${baseUrl()}/api/${projectId}/envelope/?sentry_key=${key}&sentry_version=7`, {
    method: 'POST',
    body: new Uint8Array(body),
  });
  return { status: r.status, headers: r.headers, json: (await r.json()) as { detail?: string } };
}

const none: QuotaSettings = {
  orgId: 0,
  perMinute: 0,
  perDay: 0,
  orgPerMinute: 0,
  spikeFactor: 0,
  spikeFloorPerMinute: 0,
};
// Ids far from the test database's, so these Redis counters are nobody else's.
let fakeId = 2_000_000_000 + Math.floor(Math.random() * 1_000_000);
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 30, 10, 0, 10); // 10:00:10 UTC

afterAll(async () => {
  testRedis().disconnect();
  await sqlPool().end();
});

describe('checkQuota (the Redis script)', () => {
  const redis = () => testRedis();

  it('refuses past the per-minute quota until the minute turns, without counting refused events', async () => {
    const p = fakeId++;
    const q = { ...none, perMinute: 3 };
    expect(await checkQuota(redis(), p, q, 2, T0)).toEqual({ accepted: true });
    expect(await checkQuota(redis(), p, q, 2, T0 + 1000)).toEqual({
      accepted: false,
      retryAfter: 49,
      reason: 'project_minute',
      scope: 'project',
    });
    expect(await checkQuota(redis(), p, q, 1, T0 + 2000)).toEqual({ accepted: true });
    expect(await checkQuota(redis(), p, q, 1, T0 + MIN)).toEqual({ accepted: true });
  });

  it('refuses past the daily quota until midnight UTC', async () => {
    const p = fakeId++;
    const q = { ...none, perDay: 5 };
    for (let m = 0; m < 5; m++) expect((await checkQuota(redis(), p, q, 1, T0 + m * MIN)).accepted).toBe(true);
    const d = await checkQuota(redis(), p, q, 1, T0 + 5 * MIN);
    expect(d).toMatchObject({ accepted: false, reason: 'project_day', scope: 'project' });
    expect(d.accepted === false && d.retryAfter).toBe(14 * 3600 - 5 * 60 - 10);
  });

  it('caps the whole organization per minute across its projects', async () => {
    const org = fakeId++;
    const q = { ...none, orgId: org, orgPerMinute: 4 };
    expect((await checkQuota(redis(), fakeId++, q, 3, T0)).accepted).toBe(true);
    expect(await checkQuota(redis(), fakeId++, q, 2, T0)).toMatchObject({
      accepted: false,
      reason: 'org_minute',
      scope: 'organization',
    });
  });

  it('spike protection: a minute far above the usual rate is refused; the usual rate itself passes', async () => {
    const p = fakeId++;
    const q = { ...none, spikeFactor: 5, spikeFloorPerMinute: 20 };
    // Two hours at 100 events a minute: the usual rate learns ~100 (the floor of 20 no longer matters).
    for (let m = 0; m < 120; m++) expect((await checkQuota(redis(), p, q, 100, T0 + m * MIN)).accepted).toBe(true);
    const spike = T0 + 120 * MIN;
    expect((await checkQuota(redis(), p, q, 300, spike)).accepted).toBe(true);
    expect(await checkQuota(redis(), p, q, 300, spike + 1000)).toMatchObject({
      accepted: false,
      reason: 'spike_protection',
    });
    // A quiet project's usual rate is taken as the floor: 5 × 20 = 100 in its first minute.
    const quiet = fakeId++;
    expect((await checkQuota(redis(), quiet, q, 100, T0)).accepted).toBe(true);
    expect((await checkQuota(redis(), quiet, q, 1, T0)).accepted).toBe(false);
  });
});

describe('the ingest edge', () => {
  it('answers 429 with Retry-After and X-Sentry-Rate-Limits (categories, scope, reason); counts outcomes', async () => {
    const p = await makeProject();
    await db().project.update({ where: { id: p.project.id }, data: { rateLimitPerDay: 2 } });
    const send = () => post(p.project.id, p.key.publicKey, eventEnvelope());
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(429);
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86_400);
    expect(refused.headers.get('x-sentry-rate-limits')).toBe(`${retry}:error;default;security:project:project_day`);
    expect(refused.json.detail).toMatch(/daily event quota/);
    // An invalid event after authentication is a refused outcome; a client report is kept as the SDK's discards.
    const bad = envelope({}, [{ type: 'event' }, 'not json']);
    expect((await post(p.project.id, p.key.publicKey, bad)).status).toBe(400);
    const report = JSON.stringify({
      timestamp: Date.now() / 1000,
      discarded_events: [{ reason: 'ratelimit_backoff', category: 'error', quantity: 4 }],
    });
    expect((await post(p.project.id, p.key.publicKey, envelope({}, [{ type: 'client_report' }, report]))).status).toBe(
      200,
    );

    await flushUsage(testRedis(), sql(sqlPool()));
    const usage = await readUsage(db(), p.project.id);
    expect(usage.days).toHaveLength(30);
    expect(usage.days.at(-1)).toMatchObject({ accepted: 2, rateLimited: 1, refused: 1, clientDiscarded: 4 });
    expect(usage.reasons).toEqual(
      expect.arrayContaining([
        { outcome: 'rate_limited', category: 'error', reason: 'project_day', quantity: 1 },
        { outcome: 'client_discard', category: 'error', reason: 'ratelimit_backoff', quantity: 4 },
        { outcome: 'refused', category: 'error', reason: 'invalid', quantity: 1 },
      ]),
    );
  });

  it('refuses for the whole org once its per-minute cap is used, with organization scope', async () => {
    const a = await makeProject();
    const b = await makeProject({ org: a.org.slug });
    await db().organization.update({ where: { id: a.org.id }, data: { rateLimitPerMinute: 1 } });
    // A per-minute window: if the minute turned between the two requests, try once more.
    let r = await post(a.project.id, a.key.publicKey, eventEnvelope());
    expect(r.status).toBe(200);
    r = await post(b.project.id, b.key.publicKey, eventEnvelope());
    if (r.status === 200) r = await post(b.project.id, b.key.publicKey, eventEnvelope());
    expect(r.status).toBe(429);
    expect(r.headers.get('x-sentry-rate-limits')).toMatch(/^\d+:error;default;security:organization:org_minute$/);
  });
});

describe('@sentry/node after a 429', () => {
  it('stops sending errors for the announced time, reports what it dropped, then sends again', async () => {
    const p = await makeProject({ platform: 'node' });
    await db().project.update({ where: { id: p.project.id }, data: { rateLimitPerMinute: 1 } });
    const proxy = await countingProxy();
    try {
      Sentry.init({ dsn: proxy.dsnVia(p.dsn), defaultIntegrations: false, sendClientReports: true });
      Sentry.captureException(new Error('first'));
      await Sentry.flush(5000);
      Sentry.captureException(new Error('second: refused'));
      await Sentry.flush(5000);
      const refusal = proxy.withEvents().at(-1)!;
      // The minute may have turned between the two: then the second passed; send until one is refused.
      for (let i = 0; refusal.status !== 429 && i < 3; i++) {
        Sentry.captureException(new Error('again'));
        await Sentry.flush(5000);
        Object.assign(refusal, proxy.withEvents().at(-1)!);
      }
      expect(refusal.status).toBe(429);
      const retry = Number(/^(\d+):error;default;security:project:project_minute$/.exec(refusal.rateLimits ?? '')?.[1]);
      expect(retry).toBeGreaterThan(0);
      const arrived = proxy.withEvents().length;

      for (let i = 0; i < 3; i++) Sentry.captureException(new Error(`during backoff ${i}`));
      await Sentry.flush(5000); // also sends the client report of what it dropped
      expect(proxy.withEvents().length).toBe(arrived);
      const reports = proxy.arrivals.filter((a) => a.items.includes('client_report'));
      expect(reports.length).toBeGreaterThan(0);

      await new Promise((r) => setTimeout(r, (retry + 1) * 1000 - (Date.now() - refusal.at)));
      Sentry.captureException(new Error('after the backoff'));
      await Sentry.flush(5000);
      expect(proxy.withEvents().length).toBe(arrived + 1);
      expect(proxy.withEvents().at(-1)!.status).toBe(200);

      await flushUsage(testRedis(), sql(sqlPool()));
      const usage = await readUsage(db(), p.project.id);
      const discarded = usage.reasons.find((r) => r.outcome === 'client_discard' && r.reason === 'ratelimit_backoff');
      expect(discarded?.quantity).toBeGreaterThanOrEqual(3);
    } finally {
      await Sentry.close(2000);
      await proxy.close();
    }
  }, 120_000);
});
