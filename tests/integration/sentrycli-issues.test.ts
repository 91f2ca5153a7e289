// The real sentry-cli binary on issues: `issues list` (paging through Link cursors, --query, --max-rows) and
// `issues resolve|mute|unresolve` selecting by -i, --status and --all, asserted on the database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { baseUrl, makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { storeEvents, waitFor } from './issues-support.ts';
import { out, SENTRY_CLI, sentryCli } from './sentrycli-support.ts';

interface World {
  org: string;
  project: string;
  projectId: number;
  dsn: string;
  token: string;
  /** Issue ids by message. */
  issue: Record<string, number>;
}
let w: World;

const BULK = 105;

beforeAll(async () => {
  const a = await makeProject();
  const u = await makeUser({ org: a.org.slug, role: 'member' });
  const named = ['disk full on /var', 'login timeout', 'cache stampede', 'queue backlog'];
  // Distinct fingerprints make distinct issues: more than sentry-cli's 100 per page.
  await storeEvents(a.project, a.key.publicKey, [
    ...named.map((message) => ({ message, fingerprint: [message] })),
    ...Array.from({ length: BULK - named.length }, (_, i) => ({
      message: `bulk issue ${i}`,
      fingerprint: [`bulk-${i}`],
      timestamp: Date.now() / 1000 - 3600,
    })),
  ]);
  const issue: Record<string, number> = {};
  for (const i of await db().issue.findMany({ where: { projectId: a.project.id, title: { in: named } } }))
    issue[i.title] = i.id;
  w = {
    org: a.org.slug,
    project: a.project.slug,
    projectId: a.project.id,
    dsn: a.dsn,
    token: await makeToken(u.user.id),
    issue,
  };
});

const cli = (args: string[]) => sentryCli(args, { token: w.token, org: w.org, project: w.project });
const status = async (title: string) => (await db().issue.findUniqueOrThrow({ where: { id: w.issue[title] } })).status;

/** The rows of sentry-cli's issue table: id, short id, title, last seen, status, level. */
function rows(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => /^\s*\|\s*\d+\s*\|/.test(l))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

describe('sentry-cli issues list', () => {
  it('prints every issue, following the next cursor past the first 100', async () => {
    const r = cli(['issues', 'list']);
    expect(r.code, out(r)).toBe(0);
    const table = rows(r.stdout);
    expect(table).toHaveLength(BULK);
    const disk = table.find((c) => Number(c[0]) === w.issue['disk full on /var'])!;
    const stored = await db().issue.findUniqueOrThrow({
      where: { id: w.issue['disk full on /var'] },
      include: { project: true },
    });
    expect(disk).toEqual([
      String(stored.id),
      `${w.project.toUpperCase()}-${stored.shortNumber.toString(36).toUpperCase()}`,
      'disk full on /var',
      stored.lastSeen.toISOString(),
      'unresolved',
      'error',
    ]);
    expect(new Set(table.map((c) => c[0])).size).toBe(BULK);
  });

  it('searches with --query and limits with --max-rows and --pages', async () => {
    const q = cli(['issues', 'list', '--query', 'timeout']);
    expect(rows(q.stdout).map((c) => c[2])).toEqual(['login timeout']);
    expect(rows(cli(['issues', 'list', '--max-rows', '3']).stdout)).toHaveLength(3);
    expect(rows(cli(['issues', 'list', '--pages', '1']).stdout)).toHaveLength(100);
    const none = cli(['issues', 'list', '--query', 'no-such-thing-anywhere']);
    expect(none.stdout, out(none)).toContain('No issues found');
  });

  it('fails clearly for a project it cannot see', async () => {
    const r = sentryCli(['issues', 'list'], { token: w.token, org: w.org, project: 'not-a-project' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/[Pp]roject not found/);
  });
});

describe('sentry-cli issues resolve / mute / unresolve', () => {
  it('resolves by -i, mutes several by -i, and shows the change', async () => {
    const r = cli(['issues', 'resolve', '-i', String(w.issue['login timeout'])]);
    expect(r.code, out(r)).toBe(0);
    expect(r.stdout).toContain('new status: resolved');
    expect(await status('login timeout')).toBe('resolved');
    expect(await status('cache stampede')).toBe('unresolved');

    const m = cli(['issues', 'mute', '-i', String(w.issue['cache stampede']), '-i', String(w.issue['queue backlog'])]);
    expect(m.code, out(m)).toBe(0);
    expect(await status('cache stampede')).toBe('ignored');
    expect(await status('queue backlog')).toBe('ignored');
    const listed = rows(cli(['issues', 'list', '--query', 'is:ignored']).stdout);
    expect(listed.map((c) => [c[2], c[4]]).sort()).toEqual([
      ['cache stampede', 'ignored'],
      ['queue backlog', 'ignored'],
    ]);
  });

  it('unresolves by --status, touching only issues in that status', async () => {
    const r = cli(['issues', 'unresolve', '--status', 'muted']);
    expect(r.code, out(r)).toBe(0);
    expect(await status('cache stampede')).toBe('unresolved');
    expect(await status('queue backlog')).toBe('unresolved');
    expect(await status('login timeout')).toBe('resolved');
    const back = cli(['issues', 'unresolve', '--status', 'resolved']);
    expect(back.code, out(back)).toBe(0);
    expect(await status('login timeout')).toBe('unresolved');
  });

  it('resolves in the next release with -n', async () => {
    const r = cli(['issues', 'resolve', '-n', '-i', String(w.issue['queue backlog'])]);
    expect(r.code, out(r)).toBe(0);
    expect(r.stdout).toContain('resolvedInNextRelease');
    const i = await db().issue.findUniqueOrThrow({ where: { id: w.issue['queue backlog'] } });
    expect(i.status).toBe('resolved');
    expect(i.statusDetails).toMatchObject({ inNextRelease: true });
  });

  it('resolves everything unresolved with --all, and says so when nothing is selected', async () => {
    const r = cli(['issues', 'resolve', '--all']);
    expect(r.code, out(r)).toBe(0);
    expect(await db().issue.count({ where: { projectId: w.projectId, status: { not: 'resolved' } } })).toBe(0);
    const none = cli(['issues', 'resolve']);
    expect(none.stdout).toContain('No changes requested');
  });
});

describe('sentry-cli configured by .sentryclirc', () => {
  it('reads url, org, project, token and dsn from the file in docs/sentry-cli.md, no SENTRY_* variables', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'faultline-sentryclirc-'));
    writeFileSync(
      path.join(dir, '.sentryclirc'),
      `[defaults]\nurl = ${baseUrl()}\norg = ${w.org}\nproject = ${w.project}\n\n[auth]\ntoken = ` +
        `${w.token}\ndsn = ${w.dsn}\n`,
    );
    const run = (args: string[]) =>
      spawnSync(SENTRY_CLI, args, {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30_000,
        env: { PATH: process.env.PATH, HOME: dir, SENTRY_DISABLE_UPDATE_CHECK: 'true' } as unknown as NodeJS.ProcessEnv,
      });
    const list = run(['issues', 'list', '--query', 'timeout']);
    expect(list.status, list.stderr).toBe(0);
    expect(rows(list.stdout).map((c) => c[2])).toEqual(['login timeout']);
    const sent = run(['send-event', '-m', 'sent with the rc file', '--no-environ']);
    expect(sent.status, sent.stderr).toBe(0);
    const stored = await waitFor(
      () => db().event.findFirst({ where: { projectId: w.projectId, title: 'sent with the rc file' } }),
      (e) => e !== null,
    );
    expect(stored).not.toBeNull();
  });
});
