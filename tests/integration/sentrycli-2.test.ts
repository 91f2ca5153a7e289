// sentry-cli 2.58.5 (what Sentry's Vite/webpack/esbuild plugins run) managing releases, deploys and commits, and
// the legacy per-file release upload; the 3.x equivalents are in sentrycli-releases.test.ts.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { findByReleaseUrl } from '../../lib/sourcemaps/lookup.ts';
import { makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { api } from './api-support.ts';
import { out, sentryCli, SENTRY_CLI_2 } from './sentrycli-support.ts';

async function ciSetup() {
  const a = await makeProject();
  const u = await makeUser({ org: a.org.slug, role: 'member' });
  const token = await makeToken(u.user.id, ['org:read', 'project:releases']);
  const env = { token, org: a.org.slug, project: a.project.slug, cli: SENTRY_CLI_2 };
  const release = (version: string) =>
    db().release.findUnique({
      where: { orgId_version: { orgId: a.org.id, version } },
      include: { projects: true, deploys: true },
    });
  return { a, env, release };
}

describe('sentry-cli 2.58.5', () => {
  it('releases new (project-scoped POST), set-commits, finalize, deploys new', async () => {
    const { a, env, release } = await ciSetup();
    const owner = await makeUser({ org: a.org.slug, role: 'owner' });
    const ownerToken = await makeToken(owner.user.id, ['org:read', 'org:write']);
    expect(
      (await api(ownerToken, 'POST', `/api/0/organizations/${a.org.slug}/repos/`, { name: 'acme/web' })).status,
    ).toBe(201);

    const created = sentryCli(['releases', 'new', 'web@5.0.0'], env);
    expect(created.code, out(created)).toBe(0);
    expect(created.stdout).toContain('Created release web@5.0.0');
    expect((await release('web@5.0.0'))?.projects.map((p) => p.projectId)).toEqual([a.project.id]);
    const again = sentryCli(['releases', 'new', 'web@5.0.0'], env);
    expect(again.code, out(again)).toBe(0);

    const sha = '62aaca3ed186edc7671b4cca0ab6ec53cb7de8b5';
    const commits = sentryCli(['releases', 'set-commits', 'web@5.0.0', '--commit', `acme/web@${sha}`], env);
    expect(commits.code, out(commits)).toBe(0);
    expect(((await release('web@5.0.0'))?.commits as { id: string }[])[0].id).toBe(sha);

    const fin = sentryCli(['releases', 'finalize', 'web@5.0.0'], env);
    expect(fin.code, out(fin)).toBe(0);
    expect((await release('web@5.0.0'))?.dateReleased).not.toBeNull();

    const deploy = sentryCli(['releases', 'deploys', 'web@5.0.0', 'new', '-e', 'production'], env);
    expect(deploy.code, out(deploy)).toBe(0);
    expect((await release('web@5.0.0'))?.deploys.map((d) => d.environment)).toEqual(['production']);
  });

  it('legacy release files: upload, list, found by release + URL; a name is uploaded once', async () => {
    const { a, env } = await ciSetup();
    expect(sentryCli(['releases', 'new', 'web@6.0.0'], env).code).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'faultline-relfiles-'));
    writeFileSync(path.join(dir, 'app.min.js'), 'function n(){throw new Error("x")}n();\n');
    writeFileSync(
      path.join(dir, 'app.min.js.map'),
      JSON.stringify({ version: 3, sources: ['app.js'], names: [], mappings: 'AAAA', sourcesContent: ['x'] }),
    );
    const up = (file: string, name: string, extra: string[] = []) =>
      sentryCli(['releases', 'files', 'web@6.0.0', 'upload', path.join(dir, file), name, ...extra], env);
    const js = up('app.min.js', '~/static/app.min.js', ['--dist', 'd1', '--file-header', 'Sourcemap:app.min.js.map']);
    expect(js.code, out(js)).toBe(0);
    const map = up('app.min.js.map', '~/static/app.min.js.map', ['--dist', 'd1']);
    expect(map.code, out(map)).toBe(0);

    const list = sentryCli(['releases', 'files', 'web@6.0.0', 'list'], env);
    expect(list.code, out(list)).toBe(0);
    expect(list.stdout).toContain('~/static/app.min.js.map');

    const found = await findByReleaseUrl(a.project.id, 'web@6.0.0', 'd1', 'https://shop.example/static/app.min.js');
    expect(found.minifiedSource?.text).toContain('function n()');
    expect(JSON.parse(found.sourceMap!.text).sources).toEqual(['app.js']);

    const dup = up('app.min.js', '~/static/app.min.js', ['--dist', 'd1']);
    expect(dup.code, out(dup)).not.toBe(0);
  });
});
