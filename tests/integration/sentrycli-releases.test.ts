// The real sentry-cli binary managing releases, deploys and commits; every step is checked in the database.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { ensureProject } from '../../lib/projects/setup.ts';
import { makeProject, makeToken, makeUser, uniqueSlug } from '../harness/fixtures.ts';
import { out, registerRepo, sentryCli } from './sentrycli-support.ts';

async function ciSetup() {
  const a = await makeProject();
  const u = await makeUser({ org: a.org.slug, role: 'member' });
  // What the sentry-cli docs ask of a CI token.
  const token = await makeToken(u.user.id, ['org:read', 'project:releases']);
  const env = { token, org: a.org.slug, project: a.project.slug };
  const release = (version: string) =>
    db().release.findUnique({
      where: { orgId_version: { orgId: a.org.id, version } },
      include: { projects: true, deploys: true },
    });
  return { a, u, token, env, release };
}

describe('sentry-cli releases', () => {
  it('new, finalize, info, list and delete', async () => {
    const { a, env, release } = await ciSetup();
    const version = `web@1.4.0+${uniqueSlug('build')}`;
    const before = Date.now();
    const created = sentryCli(['releases', 'new', version], env);
    expect(created.code, out(created)).toBe(0);
    expect(created.stdout).toContain(`Created release ${version}`);
    let row = await release(version);
    expect(row?.projects.map((p) => p.projectId)).toEqual([a.project.id]);
    expect(row?.dateStarted?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row?.dateReleased).toBeNull();

    // Creating it again is fine (208), as in CI pipelines that re-run.
    const again = sentryCli(['releases', 'new', version], env);
    expect(again.code, out(again)).toBe(0);
    expect(await db().release.count({ where: { orgId: a.org.id, version } })).toBe(1);

    const unreleased = sentryCli(['releases', 'list'], env);
    expect(unreleased.code, out(unreleased)).toBe(0);
    expect(unreleased.stdout).toMatch(new RegExp(`\\(unreleased\\)\\s+\\| ${version.replace(/[.+]/g, '\\$&')}`));

    const fin = sentryCli(['releases', 'finalize', version], env);
    expect(fin.code, out(fin)).toBe(0);
    expect(fin.stdout).toContain(`Finalized release ${version}`);
    row = await release(version);
    expect(row?.dateReleased?.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const info = sentryCli(['releases', 'info', version, '--show-projects'], env);
    expect(info.code, out(info)).toBe(0);
    expect(info.stdout).toContain(version);
    expect(info.stdout).toContain(a.project.slug);
    const missing = sentryCli(['releases', 'info', 'no-such-version'], env);
    expect(missing.code).toBe(1);

    const listed = sentryCli(['releases', 'list', '--raw'], env);
    expect(listed.code, out(listed)).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual([version]);
    const orgWide = sentryCli(['releases', 'list', '-P'], { ...env, project: undefined });
    expect(orgWide.code, out(orgWide)).toBe(0);
    expect(orgWide.stdout).toContain(version);
    expect(orgWide.stdout).toMatch(/ago\s+\|/);

    const del = sentryCli(['releases', 'delete', version], env);
    expect(del.code, out(del)).toBe(0);
    expect(del.stdout).toContain(`Deleted release ${version}`);
    expect(await release(version)).toBeNull();
    const delAgain = sentryCli(['releases', 'delete', version], env);
    expect(delAgain.code, out(delAgain)).toBe(0);
    expect(delAgain.stdout).toContain('does not exist');
  });

  it('new for several projects with -p, and refuses a project of another organization', async () => {
    const { a, env, release } = await ciSetup();
    const second = await ensureProject(db(), { org: a.org.slug, project: uniqueSlug('api'), team: a.team.slug });
    const r = sentryCli(['releases', 'new', '-p', a.project.slug, '-p', second.project.slug, '2.0.0'], env);
    expect(r.code, out(r)).toBe(0);
    expect((await release('2.0.0'))?.projects.map((p) => p.projectId).sort()).toEqual(
      [a.project.id, second.project.id].sort(),
    );
    const b = await makeProject();
    const bad = sentryCli(['releases', 'new', '-p', b.project.slug, '2.0.1'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Invalid project');
    expect(await release('2.0.1')).toBeNull();
  });

  it('deploys new and list', async () => {
    const { env, release } = await ciSetup();
    expect(sentryCli(['releases', 'new', '3.0.0'], env).code).toBe(0);
    const d = sentryCli(
      [
        'releases',
        'deploys',
        '3.0.0',
        'new',
        '-e',
        'prod',
        '-n',
        'blue',
        '-u',
        'https://ci.example.com/42',
        '-t',
        '95',
      ],
      env,
    );
    expect(d.code, out(d)).toBe(0);
    expect(d.stdout).toContain("Created new deploy blue for 'prod'");
    const row = await release('3.0.0');
    expect(row?.deploys).toHaveLength(1);
    const dep = row!.deploys[0];
    expect(dep).toMatchObject({ environment: 'prod', name: 'blue', url: 'https://ci.example.com/42' });
    expect(Math.round((dep.dateFinished.getTime() - dep.dateStarted!.getTime()) / 1000)).toBe(95);
    expect(sentryCli(['releases', 'deploys', '3.0.0', 'new', '-e', 'staging'], env).code).toBe(0);
    const list = sentryCli(['releases', 'deploys', '3.0.0', 'list'], env);
    expect(list.code, out(list)).toBe(0);
    expect(list.stdout).toMatch(/\| prod\s+\| blue\s+\|/);
    expect(list.stdout).toMatch(/\| staging\s+\| unnamed\s+\|/);
    const none = sentryCli(['releases', 'deploys', 'nope', 'new', '-e', 'prod'], env);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('Release not found');
  });

  it('set-commits --commit repo@sha records the head commit of a known repository', async () => {
    const { a, env, release } = await ciSetup();
    await registerRepo(a.org.slug, 'acme/web');
    expect(sentryCli(['releases', 'new', '4.0.0'], env).code).toBe(0);
    const sha = '62aaca3ed186edc7671b4cca0ab6ec53cb7de8b5';
    const prev = '1111111111111111111111111111111111111111';
    const r = sentryCli(['releases', 'set-commits', '4.0.0', '--commit', `acme/web@${prev}..${sha}`], env);
    expect(r.code, out(r)).toBe(0);
    expect(r.stdout).toContain('acme/web');
    expect(r.stdout).toContain('111111111111 -> 62aaca3ed186');
    expect((await release('4.0.0'))?.commits).toEqual([
      {
        id: sha,
        repository: 'acme/web',
        message: null,
        author_name: null,
        author_email: null,
        timestamp: null,
        previousCommit: prev,
      },
    ]);
    const info = sentryCli(['releases', 'info', '4.0.0', '--show-commits'], env);
    expect(info.code, out(info)).toBe(0);
    expect(info.stdout).toContain(sha);

    const unknown = sentryCli(['releases', 'set-commits', '4.0.0', '--commit', `acme/nope@${sha}`], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("Unknown repo 'acme/nope'");
    const cleared = sentryCli(['releases', 'set-commits', '4.0.0', '--clear'], env);
    expect(cleared.code, out(cleared)).toBe(0);
    expect((await release('4.0.0'))?.commits).toEqual([]);
  });
});
