// A message the worker can never store lands on the dead-letter stream with its error; a superuser sees it
// through the API, can put it back on the queue (it fails again and comes back) or discard it.
import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { baseUrl, makeUser } from '../harness/fixtures.ts';
import { SessionClient } from '../harness/session.ts';
import { waitFor } from './issues-support.ts';

interface Row {
  id: string;
  error: string;
  preview: string;
  projectId: number | null;
}

describe('dead letters', () => {
  it('shows an unstorable message to superusers, retries and discards it', async () => {
    const marker = `garbage-${Date.now()}`;
    const r = new Redis(process.env.REDIS_URL!);
    try {
      await r.xadd(
        `${process.env.REDIS_PREFIX}events`,
        '*',
        'e',
        JSON.stringify({
          projectId: 1,
          keyId: 1,
          eventId: 'x',
          receivedAt: new Date().toISOString(),
          payload: `${marker} is not JSON`,
        }),
      );
    } finally {
      r.disconnect();
    }
    const admin = await makeUser({ superuser: true });
    const s = new SessionClient(baseUrl());
    expect((await s.signIn(admin.email, admin.password)).ok).toBe(true);
    const list = async () => (await (await s.fetch('/api/0/internal/dead-letters/')).json()) as Row[];
    const mine = (rows: Row[]) => rows.filter((d) => d.preview.includes(marker));

    const first = mine(await waitFor(list, (rows) => mine(rows).length === 1));
    expect(first).toHaveLength(1);
    expect(first[0].error).toMatch(/JSON/);
    expect(first[0].projectId).toBe(1);

    const retried = await s.fetch('/api/0/internal/dead-letters/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'retry', ids: [first[0].id] }),
    });
    expect(await retried.json()).toEqual({ action: 'retry', count: 1 });
    // It fails again and comes back under a new id.
    const again = mine(await waitFor(list, (rows) => mine(rows).length === 1 && mine(rows)[0].id !== first[0].id));
    expect(again[0].id).not.toBe(first[0].id);

    const discarded = await s.fetch('/api/0/internal/dead-letters/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'delete', ids: [again[0].id] }),
    });
    expect(await discarded.json()).toEqual({ action: 'delete', count: 1 });
    expect(mine(await list())).toHaveLength(0);

    const bad = await s.fetch('/api/0/internal/dead-letters/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'retry', ids: ['nope'] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/stream ids/);
  });
});
