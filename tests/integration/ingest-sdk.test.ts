// The real @sentry/node SDK against the ingest edge: its envelopes get 200s and its event lands on the stream.
import { afterAll, describe, expect, it } from 'vitest';
import * as Sentry from '@sentry/node';
import { makeProject } from '../harness/fixtures.ts';
import { buildDsn } from '../../lib/projects/dsn.ts';
import { findOnStream, forEachIngestServer, ingestUrl, testRedis } from './ingest-support.ts';

afterAll(() => testRedis().disconnect());

forEachIngestServer(() => {
  describe('@sentry/node', () => {
    it('captureException is accepted (200) and its event is on the Redis stream', async () => {
      const p = await makeProject({ platform: 'node' });
      const statuses: number[] = [];
      Sentry.init({
        dsn: buildDsn(ingestUrl(), p.key.publicKey, p.project.id),
        release: 'ingest-test@1.0.0',
        environment: 'test',
        defaultIntegrations: false,
        // Record what the edge answered to the SDK's own transport.
        transport: (options) => {
          const t = Sentry.makeNodeTransport(options);
          return {
            ...t,
            send: async (env) => {
              const r = await t.send(env);
              statuses.push(r.statusCode ?? 0);
              return r;
            },
          };
        },
      });
      const err = new TypeError(`edge test ${Date.now()}`);
      const eventId = Sentry.captureException(err);
      Sentry.captureMessage('edge test message', 'warning');
      expect(await Sentry.flush(10_000)).toBe(true);
      await Sentry.close(2000);

      expect(statuses.length).toBeGreaterThanOrEqual(2);
      expect(statuses.every((s) => s === 200)).toBe(true);
      const entry = await findOnStream(eventId);
      expect(entry?.projectId).toBe(p.project.id);
      const payload = JSON.parse(entry!.payload);
      expect(payload.exception.values[0]).toMatchObject({ type: 'TypeError', value: err.message });
      expect(payload.release).toBe('ingest-test@1.0.0');
    });
  });
});
