// The alert API over HTTP as the dashboard uses it: validation answers 400 with a `detail` naming the field,
// secrets are masked on every read and kept when sent back masked, "send test" answers with the delivery,
// the delivery log is paginated with Link cursors, and rules only use channels of their own organization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, makeProject, makeUser } from '../harness/fixtures.ts';
import { SessionClient } from '../harness/session.ts';
import { db } from '../../lib/db.ts';
import { dingtalkReceiver } from './alerts-receivers.ts';
import type { Project } from './alerts-support.ts';

let p: Project;
let other: Project;
let owner: SessionClient;
let ding: Awaited<ReturnType<typeof dingtalkReceiver>>;
const SECRET = 'SECapi-test-signing-secret-0123456789';

beforeAll(async () => {
  p = await makeProject();
  other = await makeProject();
  const u = await makeUser({ org: p.org.slug, role: 'owner' });
  owner = new SessionClient(baseUrl(), '10.7.0.1');
  expect((await owner.signIn(u.email, u.password)).ok).toBe(true);
  ding = await dingtalkReceiver({ token: 'api-token-0123456789abcdef', secret: SECRET });
});
afterAll(async () => ding?.close());

describe('alert channels API', () => {
  const base = () => `/api/0/organizations/${p.org.slug}/alert-channels/`;

  it('refuses bad settings with a 400 naming the field', async () => {
    for (const [body, detail] of [
      [
        { name: 'x', type: 'dingtalk', config: { webhookUrl: 'ftp://x' } },
        'config.webhookUrl: must be an http or https URL',
      ],
      [{ name: 'x', type: 'email', config: { recipients: [] } }, 'config.recipients: add at least one recipient'],
      [{ name: 'x', type: 'email', config: { recipients: ['not-an-email'] } }, 'config.recipients.0'],
      [{ name: 'x', type: 'pager', config: {} }, 'type:'],
      [{ type: 'slack', config: { webhookUrl: 'https://hooks.example.com/x' } }, 'name:'],
    ] as const) {
      const r = await owner.api('POST', base(), body);
      expect([r.status, (r.body as { detail: string }).detail]).toEqual([400, expect.stringContaining(detail)]);
    }
    expect(await db().alertChannel.count({ where: { orgId: p.org.id } })).toBe(0);
  });

  it('masks secrets on read, keeps them when sent back masked, and sends a test message now', async () => {
    const url = `${ding.url}/robot/send?access_token=api-token-0123456789abcdef`;
    const created = await owner.api('POST', base(), {
      name: 'Ops',
      type: 'dingtalk',
      config: { webhookUrl: url, secret: SECRET, keyword: 'ops' },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    for (const r of [created, await owner.api('GET', `${base()}${id}/`), await owner.api('GET', base())]) {
      const text = JSON.stringify(r.body);
      expect(text).not.toContain('api-test-signing-secret');
      expect(text).not.toContain('0123456789abcdef');
    }
    const shown = (await owner.api('GET', `${base()}${id}/`)).body as { config: Record<string, unknown> };
    // The form sends back what it showed, with one change.
    const put = await owner.api('PUT', `${base()}${id}/`, { config: { ...shown.config, keyword: 'oncall' } });
    expect(put.status).toBe(200);
    const stored = await db().alertChannel.findUniqueOrThrow({ where: { id: Number(id) } });
    expect(stored.config).toMatchObject({ webhookUrl: url, secret: SECRET, keyword: 'oncall' });

    const test = await owner.api('POST', `${base()}${id}/test/`);
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({
      status: 'sent',
      kind: 'test',
      error: null,
      // The robot's reply body is for superusers; the owner sees its status.
      response: 'HTTP 200',
    });
    expect(ding.received).toHaveLength(1);
  });

  it('paginates the delivery log newest first with Link cursors', async () => {
    const ch = await db().alertChannel.findFirstOrThrow({ where: { orgId: p.org.id } });
    await db().alertDelivery.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        channelId: ch.id,
        status: 'failed',
        error: `e${i}`,
        createdAt: new Date(Date.now() - (i + 1) * 60_000),
      })),
    });
    const r1 = await owner.fetch(`/api/0/organizations/${p.org.slug}/alert-channels/${ch.id}/deliveries/?per_page=4`);
    const page1 = (await r1.json()) as { status: string; error: string | null }[];
    expect(page1).toHaveLength(4);
    expect(page1[0].status).toBe('sent');
    expect(page1.slice(1).map((d) => d.error)).toEqual(['e0', 'e1', 'e2']);
    const next = /<([^>]+)>; rel="next"; results="true"/.exec(r1.headers.get('link') ?? '')?.[1];
    expect(next).toBeTruthy();
    const page2 = (await (await owner.fetch(new URL(next!).pathname + new URL(next!).search)).json()) as {
      error: string;
    }[];
    expect(page2.map((d) => d.error)).toEqual(['e3', 'e4']);
  });

  it('deletes a channel; others’ channels are 404', async () => {
    const theirs = await db().alertChannel.create({
      data: {
        orgId: other.org.id,
        name: 'theirs',
        type: 'slack',
        config: { webhookUrl: 'https://hooks.example.com/x' },
      },
    });
    expect((await owner.api('GET', `${base()}${theirs.id}/`)).status).toBe(404);
    expect((await owner.api('DELETE', `${base()}${theirs.id}/`)).status).toBe(404);
    const mine = await owner.api('POST', base(), {
      name: 'tmp',
      type: 'slack',
      config: { webhookUrl: 'https://hooks.example.com/y' },
    });
    const id = (mine.body as { id: string }).id;
    expect((await owner.api('DELETE', `${base()}${id}/`)).status).toBe(204);
    expect((await owner.api('GET', `${base()}${id}/`)).status).toBe(404);
  });
});

describe('alert rules API', () => {
  const base = () => `/api/0/projects/${p.org.slug}/${p.project.slug}/rules/`;

  it('creates, reads, changes and deletes a rule; validates triggers, filters and channels', async () => {
    const ch = await db().alertChannel.findFirstOrThrow({ where: { orgId: p.org.id } });
    const theirs = await db().alertChannel.findFirstOrThrow({ where: { orgId: other.org.id } });
    for (const [body, detail] of [
      [{ name: 'r', trigger: 'frequency', channels: [ch.id] }, 'triggerConfig'],
      [{ name: 'r', trigger: 'new_issue', channels: [] }, 'channels: choose at least one channel'],
      [{ name: 'r', trigger: 'new_issue', channels: [theirs.id] }, `channels: no channel ${theirs.id}`],
      [
        { name: 'r', trigger: 'new_issue', channels: [ch.id], filters: [{ type: 'level', value: 'loud' }] },
        'filters.0',
      ],
      [{ name: 'r', trigger: 'sometimes', channels: [ch.id] }, 'trigger:'],
    ] as const) {
      const r = await owner.api('POST', base(), body);
      expect([r.status, (r.body as { detail: string }).detail]).toEqual([400, expect.stringContaining(detail)]);
    }
    const created = await owner.api('POST', base(), {
      name: 'Spikes',
      trigger: 'frequency',
      triggerConfig: { threshold: 50, windowMinutes: 10 },
      filters: [
        { type: 'environment', value: 'production' },
        { type: 'tag', key: 'tier', op: 'contains', value: 'gold' },
      ],
      channels: [String(ch.id)],
    });
    expect(created.status).toBe(201);
    const rule = created.body as { id: string };
    expect(created.body).toMatchObject({
      trigger: 'frequency',
      triggerConfig: { threshold: 50, windowMinutes: 10 },
      throttleMinutes: 30,
      notifyAssignee: false,
      channels: [String(ch.id)],
    });
    const put = await owner.api('PUT', `${base()}${rule.id}/`, { throttleMinutes: 5, isActive: false });
    expect(put.body).toMatchObject({ throttleMinutes: 5, isActive: false, name: 'Spikes', channels: [String(ch.id)] });
    expect(((await owner.api('GET', base())).body as unknown[]).length).toBe(1);
    expect((await owner.api('DELETE', `${base()}${rule.id}/`)).status).toBe(204);
    expect((await owner.api('GET', `${base()}${rule.id}/`)).status).toBe(404);
  });
});
