// The real sentry-cli binary sending events (`send-event` with every flag, `bash-hook`), each asserted on the
// stored event as the event API answers it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { api } from './api-support.ts';
import { waitFor } from './issues-support.ts';
import { out, SENTRY_CLI, sentryCli } from './sentrycli-support.ts';

interface World {
  org: string;
  project: string;
  projectId: number;
  dsn: string;
  token: string;
}
let w: World;
const dir = mkdtempSync(path.join(tmpdir(), 'faultline-send-event-'));

beforeAll(async () => {
  const a = await makeProject();
  const u = await makeUser({ org: a.org.slug, role: 'member' });
  w = {
    org: a.org.slug,
    project: a.project.slug,
    projectId: a.project.id,
    dsn: a.dsn,
    token: await makeToken(u.user.id),
  };
});

function send(args: string[], extra: Record<string, string> = {}) {
  const r = sentryCli(['send-event', ...args], { token: w.token, extra: { SENTRY_DSN: w.dsn, ...extra } });
  expect(r.code, out(r)).toBe(0);
  const id = /Event id: ([0-9a-f-]{36})/.exec(r.stdout)?.[1];
  expect(id, out(r)).toBeDefined();
  return id!;
}

/** The stored event through the project event API, once the worker has stored it (the dashed id works as is). */
async function stored(eventId: string) {
  const path = `/api/0/projects/${w.org}/${w.project}/events/${eventId}/`;
  const r = await waitFor(
    () => api(w.token, 'GET', path),
    (x) => x.status === 200,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const entry = (e: { entries: Array<{ type: string; data: any }> }, type: string) =>
  e.entries.find((x) => x.type === type)?.data;

describe('sentry-cli send-event', () => {
  it(
    'stores every flag: message with params, level, release, dist, environment, extra, tags, user, ' +
      'fingerprint, platform, logfile',
    async () => {
      const log = path.join(dir, 'job.log');
      writeFileSync(log, 'starting backup\nconnecting to db-1\nwrite failed: no space left\n');
      const id = send([
        '-m',
        'backup of %s failed after %s tries',
        '-a',
        '/var/db',
        '-a',
        '3',
        '-l',
        'warning',
        '-r',
        'cli@1.2.3',
        '-d',
        'build42',
        '-E',
        'staging',
        '-e',
        'disk:sda1',
        '-e',
        'host:db-1',
        '-t',
        'job:backup',
        '-t',
        'shard:7',
        '-u',
        'id:ops',
        '-u',
        'email:ops@example.com',
        '-f',
        'backup',
        '-f',
        '{{ default }}',
        '-p',
        'python',
        '--logfile',
        log,
        '--no-environ',
      ]);
      const e = await stored(id);
      expect(e.eventID).toBe(id.replace(/-/g, ''));
      expect(e.title).toBe('backup of /var/db failed after 3 tries');
      expect(entry(e, 'message')).toEqual({
        formatted: 'backup of /var/db failed after 3 tries',
        message: 'backup of %s failed after %s tries',
        params: ['/var/db', '3'],
      });
      expect(e.level).toBe('warning');
      expect(e.release).toEqual({ version: 'cli@1.2.3' });
      expect(e.dist).toBe('build42');
      expect(e.environment).toBe('staging');
      expect(e.extra).toEqual({ disk: 'sda1', host: 'db-1' });
      expect(e.tags).toEqual(
        expect.arrayContaining([
          { key: 'job', value: 'backup' },
          { key: 'shard', value: '7' },
          { key: 'level', value: 'warning' },
          { key: 'environment', value: 'staging' },
        ]),
      );
      expect(e.user).toMatchObject({ id: 'ops', email: 'ops@example.com' });
      expect(e.fingerprint).toEqual(['backup', '{{ default }}']);
      expect(e.platform).toBe('python');
      expect(e.sdk.name).toBe('sentry-cli');
      const crumbs = entry(e, 'breadcrumbs').values.map((b: { message: string }) => b.message);
      expect(crumbs).toEqual(['starting backup', 'connecting to db-1', 'write failed: no space left']);
      // The issue shows the same and carries the level.
      const issue = (await api(w.token, 'GET', `/api/0/issues/${e.groupID}/`)).body;
      expect(issue).toMatchObject({
        title: 'backup of /var/db failed after 3 tries',
        level: 'warning',
        firstRelease: { version: 'cli@1.2.3' },
      });
    },
  );

  it('joins repeated -m lines, defaults to error, and groups by -f fingerprint', async () => {
    const one = send(['-m', 'line one', '-m', 'line two', '-f', 'same-group', '--no-environ']);
    const two = send(['-m', 'something else entirely', '-f', 'same-group', '--no-environ']);
    const a = await stored(one);
    const b = await stored(two);
    expect(entry(a, 'message').formatted).toBe('line one\nline two');
    expect(a.level).toBe('error');
    expect(b.groupID).toBe(a.groupID);
  });

  it('sends the process environment unless --no-environ, and the API never shows it', async () => {
    const id = send(['-m', 'with environ'], { FAULTLINE_TEST_SECRET: 'hunter2-env-value' });
    const e = await stored(id);
    expect(e.extra).toEqual({ environ: '[filtered]' });
    expect(JSON.stringify(e)).not.toContain('hunter2-env-value');
    const row = await db().event.findFirstOrThrow({ where: { projectId: w.projectId, eventId: id.replace(/-/g, '') } });
    expect((row.data as { extra?: { environ?: unknown } }).extra?.environ).toBeDefined();
    const bare = await stored(send(['-m', 'without environ', '--no-environ']));
    expect(bare.extra).toEqual({});
  });

  it('takes the user name when no -u is given, as sentry-cli does', async () => {
    const e = await stored(send(['-m', 'who sent this', '--no-environ'], { USER: 'deploybot', LOGNAME: 'deploybot' }));
    expect(e.user?.username).toBeTruthy();
  });
});

describe('sentry-cli bash-hook', () => {
  it('reports a failing command of a hooked script as an issue with command, traceback and output', async () => {
    const script = path.join(dir, 'nightly.sh');
    writeFileSync(
      script,
      [
        '#!/bin/bash',
        'eval "$(sentry-cli bash-hook)"',
        'echo "preparing nightly export"',
        'echo "warning: staging disk at 91%" >&2',
        // The hook copies output to its log through tee in the background; give it a moment, as real scripts do.
        'sleep 0.5',
        'export_rows() {',
        '  ls /nonexistent/export/dir',
        '}',
        'export_rows',
        'echo "not reached"',
        '',
      ].join('\n'),
    );
    const r = spawnSync('bash', [script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: `${path.dirname(SENTRY_CLI)}:${process.env.PATH}`,
        HOME: dir,
        SENTRY_DSN: w.dsn,
        SENTRY_LOAD_DOTENV: '0',
        SENTRY_DISABLE_UPDATE_CHECK: 'true',
      } as unknown as NodeJS.ProcessEnv,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).not.toBe(0);
    expect(r.stdout).not.toContain('not reached');
    const row = await waitFor(
      () => db().event.findFirst({ where: { projectId: w.projectId, title: { contains: 'BashError' } } }),
      (x) => x !== null,
    );
    expect(row, 'no BashError event was stored').not.toBeNull();
    const e = await stored(row!.eventId);
    expect(e.title).toBe('BashError: command ls /nonexistent/export/dir exited with status 2');
    const exc = entry(e, 'exception').values[0];
    expect(exc).toMatchObject({ type: 'BashError', value: 'command ls /nonexistent/export/dir exited with status 2' });
    const frames = exc.stacktrace.frames as Array<{
      function: string;
      filename: string;
      lineNo: number;
      context: [number, string][];
    }>;
    const fn = frames.find((f) => f.function === 'export_rows')!;
    expect(fn, JSON.stringify(frames)).toBeDefined();
    expect(fn.filename).toBe(script);
    // Inside an ERR trap bash reports the failing function's own line as 1; the caller's line is exact.
    const main = frames.find((f) => f.function === 'main')!;
    expect(main.lineNo).toBe(9);
    expect(main.context).toContainEqual([9, 'export_rows']);
    const lines = entry(e, 'breadcrumbs')?.values.map(
      (b: { message: string; category: string }) => `${b.category}: ${b.message}`,
    );
    expect(lines).toEqual(
      expect.arrayContaining(['stdout: preparing nightly export', 'stderr: warning: staging disk at 91%']),
    );
    const issue = (await api(w.token, 'GET', `/api/0/issues/${e.groupID}/`)).body;
    expect(issue.title).toContain('ls /nonexistent/export/dir');
    // bash-hook sends the innermost frame first; stored innermost-last, the culprit is the failing function.
    expect(frames.at(-1)!.function).toBe('export_rows');
    expect(issue.culprit).toMatch(/nightly\.sh in export_rows$/);
  });
});
