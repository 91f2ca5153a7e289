// Retention: `faultline cleanup` removes old events, the issues whose last event is gone (with their rows), keeps
// issues that still have events (and their totals), releases and alert history; one cleanup at a time.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { sqlPool } from '../../lib/sql.ts';
import { storeEvents } from '../../lib/digest/storeEvents.ts';
import { preparedEvent } from '../../lib/digest/testEvents.ts';
import { cleanupExclusively } from '../../lib/retention/schedule.ts';
import { projectRoot } from '../../lib/cli/paths.ts';
import { makeProject, uniqueSlug } from '../harness/fixtures.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const bin = path.join(projectRoot, 'lib', 'cli', 'faultline.mjs');

function faultline(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { env: process.env, encoding: 'utf8', timeout: 60_000 });
}

let nextId = Date.now() * 1000;

async function seed(opts: { org?: string; project?: string } = {}) {
  const p = await makeProject(opts);
  const at = (bug: string, days: number, user: string) =>
    preparedEvent({
      projectId: p.project.id,
      id: nextId++,
      bug,
      at: ago(days),
      user,
      release: 'shop@1.0',
      tags: { region: 'eu' },
    });
  await storeEvents(sqlPool(), [
    at('OldError', 100, 'u1'),
    at('OldError', 95, 'u2'),
    at('MixedError', 100, 'u1'),
    at('MixedError', 1, 'u3'),
  ]);
  const issues = await db().issue.findMany({ where: { projectId: p.project.id } });
  const old = issues.find((i) => i.title.startsWith('OldError'))!;
  const mixed = issues.find((i) => i.title.startsWith('MixedError'))!;
  const channel = await db().alertChannel.create({
    data: { orgId: p.project.orgId, name: 'ops', type: 'webhook', config: { url: 'http://127.0.0.1:9/' } },
  });
  await db().alertDelivery.create({ data: { channelId: channel.id, issueId: old.id, status: 'sent' } });
  return { p, old, mixed, channel };
}

afterAll(async () => {
  await sqlPool().end();
});

describe('retention cleanup', () => {
  it('removes expired events and the issues left without events, with their rows; keeps the rest', async () => {
    const { p, old, mixed, channel } = await seed();
    expect(await db().issueHash.count({ where: { issueId: old.id } })).toBe(1);
    expect(await db().issueTagValue.count({ where: { issueId: old.id } })).toBeGreaterThan(0);
    expect(await db().issueUser.count({ where: { issueId: old.id } })).toBe(2);
    expect(await db().issueHourlyCount.count({ where: { issueId: old.id } })).toBe(2);

    const dry = faultline('cleanup', '--days', '30', '--project', p.project.slug, '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/would remove 3 events \(\d+ bytes\) older than 30 days/);
    expect(await db().event.count({ where: { projectId: p.project.id } })).toBe(4);

    const r = faultline('cleanup', '--days', '30', '--project', p.project.slug);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 events removed');
    const summary = r.stdout.trim().split('\n').pop()!;
    expect(summary).toMatch(
      /^cleanup removed 3 events, 1 issues, [\d.]+ MB \((\d+) bytes\), \d+ hourly rows in 1 projects/,
    );
    expect(Number(/\((\d+) bytes\)/.exec(summary)![1])).toBeGreaterThan(3 * 300);

    expect(await db().issue.findUnique({ where: { id: old.id } })).toBeNull();
    for (const count of [
      db().issueHash.count({ where: { issueId: old.id } }),
      db().issueTagValue.count({ where: { issueId: old.id } }),
      db().issueUser.count({ where: { issueId: old.id } }),
      db().issueHourlyCount.count({ where: { issueId: old.id } }),
    ])
      expect(await count).toBe(0);

    const kept = await db().issue.findUniqueOrThrow({ where: { id: mixed.id } });
    expect(kept.eventCount).toBe(2n);
    expect(kept.userCount).toBe(2);
    expect(await db().event.count({ where: { issueId: mixed.id } })).toBe(1);
    // Its hourly row from 100 days ago is past retention; the recent one stays.
    expect(await db().issueHourlyCount.count({ where: { issueId: mixed.id } })).toBe(1);

    expect(await db().release.count({ where: { orgId: p.project.orgId, version: 'shop@1.0' } })).toBe(1);
    expect(await db().alertDelivery.count({ where: { channelId: channel.id, issueId: old.id } })).toBe(1);
  });

  it("uses the project's own retention, else EVENT_RETENTION_DAYS", async () => {
    const { p, mixed } = await seed();
    await db().project.update({ where: { id: p.project.id }, data: { retentionDays: 120 } });
    await cleanupExclusively({ projectSlug: p.project.slug });
    expect(await db().event.count({ where: { projectId: p.project.id } })).toBe(4);
    await db().project.update({ where: { id: p.project.id }, data: { retentionDays: null } });
    const s = await cleanupExclusively({ projectSlug: p.project.slug });
    expect(s).toMatchObject({ events: 3, issues: 1 }); // the default 90 days
    expect(await db().event.count({ where: { issueId: mixed.id } })).toBe(1);
  });

  it('runs one cleanup at a time (PostgreSQL advisory lock)', async () => {
    const holder = await sqlPool().connect();
    try {
      await holder.query('SELECT pg_advisory_lock(15001)');
      expect(await cleanupExclusively({ projectSlug: 'no-such-project' })).toBeNull();
      const r = faultline('cleanup', '--project', 'no-such-project');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('another cleanup is running');
    } finally {
      await holder.query('SELECT pg_advisory_unlock(15001)');
      holder.release();
    }
    // The lock is free again: the cleanup gets as far as looking the project up.
    await expect(cleanupExclusively({ projectSlug: 'no-such-project' })).rejects.toThrow(
      'no project "no-such-project" in any organization',
    );
  });

  it('needs --org with a --project slug used in several organizations; refuses unknown names', async () => {
    const slug = uniqueSlug('shared');
    const a = (await seed({ project: slug })).p;
    const b = (await seed({ project: slug })).p;
    const count = (p: typeof a) => db().event.count({ where: { projectId: p.project.id } });

    const ambiguous = faultline('cleanup', '--days', '30', '--project', slug);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr.trim()).toBe(
      `faultline cleanup: project "${slug}" is in 2 organizations (${a.org.slug}, ${b.org.slug}):` +
        ' say which one with --org',
    );
    expect([await count(a), await count(b)]).toEqual([4, 4]);

    const one = faultline('cleanup', '--days', '30', '--org', a.org.slug, '--project', slug);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout.trim().split('\n').pop()).toMatch(/^cleanup removed 3 events, 1 issues, .* in 1 projects/);
    expect([await count(a), await count(b)]).toEqual([1, 4]);

    const wholeOrg = faultline('cleanup', '--days', '30', '--org', b.org.slug, '--dry-run');
    expect(wholeOrg.status, wholeOrg.stderr).toBe(0);
    expect(wholeOrg.stdout).toContain(`${b.org.slug}/${slug}: would remove 3 events`);
    expect(wholeOrg.stdout).not.toContain(a.org.slug);

    for (const [args, message] of [
      [['--project', 'no-such-project'], 'no project "no-such-project" in any organization'],
      [['--org', 'no-such-org'], 'no organization "no-such-org"'],
      [
        ['--org', b.org.slug, '--project', 'no-such-project'],
        `no project "no-such-project" in organization "${b.org.slug}"`,
      ],
    ] as const) {
      const r = faultline('cleanup', '--days', '30', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim()).toBe(`faultline cleanup: ${message}`);
    }
    expect([await count(a), await count(b)]).toEqual([1, 4]);
  });
});
