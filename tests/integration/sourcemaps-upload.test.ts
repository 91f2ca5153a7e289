// The real sentry-cli 3.8 (and 2.58, what the bundler plugins run) uploading source maps to Faultline, checked in
// the database and through the lookups the event resolver uses.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoleName } from '../../lib/auth/roles.ts';
import { db } from '../../lib/db.ts';
import { cleanupSourceMaps } from '../../lib/sourcemaps/cleanup.ts';
import { findByDebugId, findByReleaseUrl } from '../../lib/sourcemaps/lookup.ts';
import { baseUrl, makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { waitFor } from '../harness/wait.ts';
import { out, sentryCli, SENTRY_CLI_2 } from './sentrycli-support.ts';

const APP = path.join(import.meta.dirname, '../fixtures/sourcemaps/app/dist');
const DEBUG_ID_3_8 = 'c67dcc76-9010-5534-8cdf-9157cfe2c624';

function appCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'faultline-sm-'));
  cpSync(APP, dir, { recursive: true });
  return dir;
}

async function setup(scopes: Parameters<typeof makeToken>[1] = ['project:releases'], role: RoleName = 'member') {
  const a = await makeProject();
  const u = await makeUser({ org: a.org.slug, role });
  const token = await makeToken(u.user.id, scopes);
  return { a, token, env: { token, org: a.org.slug, project: a.project.slug } };
}

/** Waits for the org's assemblies to finish (`ok` or `error`) and returns their states. */
async function assembled(orgId: number): Promise<string[]> {
  const states = () =>
    db()
      .assembleStatus.findMany({ where: { orgId } })
      .then((r) => r.map((s) => s.state));
  return waitFor(states, (s) => s.length > 0 && s.every((x) => x === 'ok' || x === 'error'));
}

const bundles = (orgId: number) =>
  db().artifactBundle.findMany({ where: { orgId }, include: { files: { omit: { content: true } }, projects: true } });

describe.each([
  ['3.8.0', undefined],
  ['2.58.5', SENTRY_CLI_2],
])('sentry-cli %s sourcemaps upload', (_, cli) => {
  it('with injected debug IDs: stored, found by debug ID; a re-run uploads nothing', async () => {
    const { a, env } = await setup();
    const dir = appCopy();
    const inject = sentryCli(['sourcemaps', 'inject', dir], { ...env, cli });
    expect(inject.code, out(inject)).toBe(0);
    const up = sentryCli(['sourcemaps', 'upload', dir], { ...env, cli });
    expect(up.code, out(up)).toBe(0);
    // Without --wait the CLI stops at the first `created`: assembly runs after the answer.
    expect(up.stdout).toContain('processing pending on server');
    expect(await assembled(a.org.id)).toEqual(['ok']);

    const [b] = await bundles(a.org.id);
    // Each CLI version derives its own debug ID from the content: read the one inject wrote.
    const map = JSON.parse(readFileSync(path.join(dir, 'app.min.js.map'), 'utf8'));
    const debugId = (map.debugId ?? map.debug_id) as string; // 2.58 writes `debug_id`
    if (!cli) expect(debugId).toBe(DEBUG_ID_3_8);
    expect(b.projects.map((p) => p.projectId)).toEqual([a.project.id]);
    expect(b.release).toBeNull();
    expect(b.files.map((f) => [f.url, f.type, f.debugId]).sort()).toEqual([
      ['~/app.min.js', 'minified_source', debugId],
      ['~/app.min.js.map', 'source_map', debugId],
    ]);
    expect(await db().uploadChunk.count({ where: { orgId: a.org.id } })).toBe(0);

    const found = await findByDebugId(a.project.id, debugId);
    expect(JSON.parse(found.sourceMap!.text).sources).toContain('../src/pricing.js');
    expect(found.minifiedSource?.text).toContain('_sentryDebugIds');
    // Another project of the same organization does not see it.
    const other = await makeProject({ org: a.org.slug });
    expect((await findByDebugId(other.project.id, debugId)).sourceMap).toBeNull();

    const again = sentryCli(['sourcemaps', 'upload', dir], { ...env, cli });
    expect(again.code, out(again)).toBe(0);
    expect(again.stdout).toContain('Nothing to upload, all files are on the server');
    expect(await db().artifactBundle.count({ where: { orgId: a.org.id } })).toBe(1);
  });

  it('with --release/--dist and --wait, no debug IDs: found by release, dist and URL; the release exists', async () => {
    const { a, env } = await setup();
    const dir = appCopy();
    const args = ['sourcemaps', 'upload', '--release', 'r1', '--dist', 'd1', '--wait', '--log-level', 'debug', dir];
    const up = sentryCli(args, { ...env, cli });
    expect(up.code, out(up)).toBe(0);
    expect(up.stdout).toContain('File processing complete');
    // --wait polls until `ok`: the first assemble finds the chunk missing, the second records the job (`created`),
    // then it re-posts until done. Everything is stored by the time the CLI returns.
    const assembles = up.stderr.match(/> POST \/api\/0\/organizations\/[^/]+\/artifactbundle\/assemble\//g) ?? [];
    expect(assembles.length).toBeGreaterThanOrEqual(3);
    expect(await db().uploadChunk.count({ where: { orgId: a.org.id } })).toBe(0);
    const found = await findByReleaseUrl(a.project.id, 'r1', 'd1', 'http://cdn.example/app.min.js?v=3');
    expect(found.minifiedSource?.url).toBe('~/app.min.js');
    expect(found.sourceMap?.url).toBe('~/app.min.js.map');
    expect((await findByReleaseUrl(a.project.id, 'r1', null, 'http://cdn.example/app.min.js')).sourceMap).toBeNull();
    expect((await findByReleaseUrl(a.project.id, 'r1', 'd2', '/x/app.min.js')).minifiedSource).toBeNull();
    const release = await db().release.findUnique({
      where: { orgId_version: { orgId: a.org.id, version: 'r1' } },
      include: { projects: true },
    });
    expect(release?.projects.map((p) => p.projectId)).toEqual([a.project.id]);
  });
});

describe('sourcemaps upload, protocol edges', () => {
  it('a bundle larger than one chunk and one request, with a project:write token', async () => {
    const { a, env } = await setup(['project:write'], 'admin');
    const dir = mkdtempSync(path.join(tmpdir(), 'faultline-sm-big-'));
    // Random base64 deflates to ~75%: ~10 MB in the bundle, so three 4 MiB chunks in two 8 MiB requests.
    const filler = randomBytes(10 * 1024 * 1024).toString('base64');
    writeFileSync(path.join(dir, 'big.min.js'), `var x="${filler}";\n//# sourceMappingURL=big.min.js.map\n`);
    writeFileSync(
      path.join(dir, 'big.min.js.map'),
      JSON.stringify({ version: 3, sources: ['big.js'], names: [], mappings: 'AAAA', sourcesContent: ['var x;'] }),
    );
    const up = sentryCli(['sourcemaps', 'upload', '--release', 'big', '--log-level', 'debug', dir], env);
    expect(up.code, out(up)).toBe(0);
    expect(await assembled(a.org.id)).toEqual(['ok']);
    const [b] = await bundles(a.org.id);
    expect(b.files.find((f) => f.url === '~/big.min.js')?.size).toBeGreaterThan(13_000_000);
    const posts = up.stderr.match(/> POST \/api\/0\/organizations\/[^/]+\/chunk-upload\//g) ?? [];
    expect(posts.length).toBe(2);
    const assemble = /json body: (\{"checksum".*\})/.exec(up.stderr)![1];
    expect(JSON.parse(assemble).chunks).toHaveLength(3);
  }, 120_000);

  it('401 for a bad token, 404 for an organization the token cannot see, 403 without an upload scope', async () => {
    const { a, token } = await setup();
    const url = (org: string) => `${baseUrl()}/api/0/organizations/${org}/chunk-upload/`;
    const get = (org: string, t: string) => fetch(url(org), { headers: { authorization: `Bearer ${t}` } });
    const ok = await get(a.org.slug, token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      url: `/api/0/organizations/${a.org.slug}/chunk-upload/`,
      chunkSize: 4194304,
      maxRequestSize: 8388608,
      hashAlgorithm: 'sha1',
      accept: ['release_files', 'artifact_bundles', 'artifact_bundles_v2'],
    });
    expect((await get(a.org.slug, 'sntryu_nope')).status).toBe(401);
    const other = await makeProject();
    const r404 = await get(other.org.slug, token);
    expect(r404.status).toBe(404);
    expect(await r404.json()).toHaveProperty('detail');
    const { token: readOnly } = await setup(['org:read', 'project:read']);
    expect((await get(a.org.slug, readOnly)).status).toBe(404); // not a member of a's org
    const u = await makeUser({ org: a.org.slug, role: 'member' });
    expect((await get(a.org.slug, await makeToken(u.user.id, ['org:read']))).status).toBe(403);

    // sentry-cli says "organization not found" for the 404.
    const cli = sentryCli(['sourcemaps', 'upload', '--release', 'x', appCopy()], {
      token,
      org: other.org.slug,
      project: other.project.slug,
    });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('organization not found');
  });

  it('400 with a detail: wrong SHA-1 in a chunk part; unknown project in assemble; dist without release', async () => {
    const { a, token } = await setup();
    const auth = { authorization: `Bearer ${token}` };
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('abc')]), 'a'.repeat(40));
    const chunk = await fetch(`${baseUrl()}/api/0/organizations/${a.org.slug}/chunk-upload/`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    expect(chunk.status).toBe(400);
    expect((await chunk.json()).detail).toMatch(/checksum mismatch/);

    const assemble = (body: object) =>
      fetch(`${baseUrl()}/api/0/organizations/${a.org.slug}/artifactbundle/assemble/`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ checksum: 'b'.repeat(40), chunks: ['b'.repeat(40)], ...body }),
      });
    const unknown = await assemble({ projects: ['nope'] });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).detail).toMatch(/One or more projects are invalid/);
    const dist = await assemble({ projects: [a.project.slug], dist: 'd1' });
    expect(dist.status).toBe(400);
    expect((await dist.json()).detail).toMatch(/release together with a dist/);
    const missing = await assemble({ projects: [a.project.slug] });
    expect(await missing.json()).toEqual({ state: 'not_found', detail: null, missingChunks: ['b'.repeat(40)] });
  });

  it('native debug files keep a JSON 404', async () => {
    const { a, token } = await setup();
    const r = await fetch(`${baseUrl()}/api/0/projects/${a.org.slug}/${a.project.slug}/files/difs/assemble/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(404);
    expect(await r.json()).toHaveProperty('detail');
  });
});

describe('cleanup', () => {
  it('deletes chunks never assembled after a day and bundles unused past retention, nothing newer', async () => {
    const { a } = await setup();
    const DAY = 24 * 3600 * 1000;
    const old = new Date(Date.now() - 2 * DAY);
    const chunk = (sha1: string, createdAt: Date) => ({
      orgId: a.org.id,
      sha1,
      size: 1,
      data: new Uint8Array([1]),
      createdAt,
    });
    await db().uploadChunk.createMany({
      data: [chunk('1'.repeat(40), old), chunk('2'.repeat(40), new Date()), chunk('3'.repeat(40), old)],
    });
    // An assembly still waiting for chunk 3 (its worker was down for days): chunk and job stay. Its lease is held, so
    // the test stack's workers leave it alone.
    const job = { orgId: a.org.id, state: 'created', chunks: ['3'.repeat(40)], updatedAt: old };
    await db().assembleStatus.createMany({
      data: [
        { ...job, checksum: 'a'.repeat(40), state: 'assembling', leaseUntil: new Date(Date.now() + 3600_000) },
        { ...job, checksum: 'b'.repeat(40), state: 'ok' },
        { ...job, checksum: 'c'.repeat(40), state: 'error' },
      ],
    });
    const bundle = (createdAt: Date, lastUsedAt: Date | null = null) =>
      db().artifactBundle.create({
        data: {
          orgId: a.org.id,
          release: 'r',
          createdAt,
          lastUsedAt,
          projects: { create: [{ projectId: a.project.id }] },
        },
      });
    const expired = await bundle(new Date(Date.now() - 91 * DAY));
    const usedLongAgo = await bundle(new Date(Date.now() - 200 * DAY), new Date(Date.now() - 95 * DAY));
    const stillUsed = await bundle(new Date(Date.now() - 200 * DAY), new Date(Date.now() - DAY));
    const kept = await bundle(old);
    const removed = await cleanupSourceMaps(new Date(), 90);
    expect(removed.chunks).toBeGreaterThanOrEqual(1);
    expect(removed.bundles).toBeGreaterThanOrEqual(2);
    expect((await db().uploadChunk.findMany({ where: { orgId: a.org.id } })).map((c) => c.sha1).sort()).toEqual([
      '2'.repeat(40),
      '3'.repeat(40),
    ]);
    const statuses = await db().assembleStatus.findMany({ where: { orgId: a.org.id } });
    expect(statuses.map((x) => x.checksum)).toEqual(['a'.repeat(40)]);
    const exists = async (id: number) => (await db().artifactBundle.findUnique({ where: { id } })) !== null;
    expect(await exists(expired.id)).toBe(false);
    expect(await exists(usedLongAgo.id)).toBe(false);
    expect(await exists(stillUsed.id)).toBe(true);
    expect(await exists(kept.id)).toBe(true);
  });
});
