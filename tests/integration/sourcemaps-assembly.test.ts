// Assembly off the request path, over raw HTTP as sentry-cli speaks it and with the real sentry-cli: the assemble
// answer comes at once (`created`), polls see `assembling` until `ok` or `error`, a job whose assembler died is taken
// over by the next poll or by the worker's sweep, and without any worker the web process still finishes the upload.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { baseUrl, makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { waitFor } from '../harness/wait.ts';
import { ownStack } from './own-stack.ts';
import { out, sentryCli } from './sentrycli-support.ts';

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');

/**
 * An artifact bundle's ZIP with manifest.json and files/ (sentry-cli also puts `SYSB` + version before it, with the
 * ZIP's offsets counting those 8 bytes; the server reads the ZIP from its end, so the bare ZIP is read the same).
 */
function artifactBundle(org: string, script = 'function f(){throw new Error("x")}f();'): Buffer {
  const manifest = {
    files: { 'files/_/_/a.min.js': { type: 'minified_source', url: '~/a.min.js', headers: {} } },
    org,
  };
  const zip = zipSync({
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)),
    'files/_/_/a.min.js': new TextEncoder().encode(script),
  });
  return Buffer.from(zip);
}

async function setup(url = baseUrl()) {
  const a = await makeProject();
  const u = await makeUser({ org: a.org.slug, role: 'member' });
  const token = await makeToken(u.user.id, ['project:releases']);
  const auth = { authorization: `Bearer ${token}` };
  const org = `${url}/api/0/organizations/${a.org.slug}`;
  const postChunk = async (bytes: Uint8Array) => {
    const form = new FormData();
    form.append('file_gzip', new Blob([new Uint8Array(zlib.gzipSync(bytes))]), sha1(bytes));
    const r = await fetch(`${org}/chunk-upload/`, { method: 'POST', headers: auth, body: form });
    expect(r.status).toBe(200);
  };
  const assemble = async (bytes: Uint8Array, projects = [a.project.slug]) => {
    const r = await fetch(`${org}/artifactbundle/assemble/`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ checksum: sha1(bytes), chunks: [sha1(bytes)], projects }),
    });
    expect(r.status).toBe(200);
    return (await r.json()) as { state: string; detail: string | null; missingChunks: string[] };
  };
  /** Re-posts like `sentry-cli --wait` until `ok` or `error`; every state seen, in order. */
  const poll = async (bytes: Uint8Array) => {
    const seen: string[] = [];
    await waitFor(
      async () => (await assemble(bytes)).state,
      (state) => {
        seen.push(state);
        return state === 'ok' || state === 'error';
      },
      30_000,
      100,
    );
    return seen;
  };
  return { a, token, postChunk, assemble, poll };
}

const bundleOf = (orgId: number) =>
  db().artifactBundle.findFirst({ where: { orgId }, include: { projects: true, files: { omit: { content: true } } } });

describe('assemble answers at once and assembles after the answer', () => {
  it('created, then assembling until ok; the bundle is stored and its chunk deleted', async () => {
    const t = await setup();
    const bytes = artifactBundle(t.a.org.slug);
    expect(await t.assemble(bytes)).toEqual({ state: 'not_found', detail: null, missingChunks: [sha1(bytes)] });
    await t.postChunk(bytes);
    // The request that records the job answers before any assembly: always `created`, never `ok`.
    expect(await t.assemble(bytes)).toEqual({ state: 'created', detail: null, missingChunks: [] });
    const seen = await t.poll(bytes);
    expect(seen.at(-1)).toBe('ok');
    expect(seen.every((s) => ['created', 'assembling', 'ok'].includes(s))).toBe(true);
    const b = await bundleOf(t.a.org.id);
    expect(b?.files.map((f) => f.url)).toEqual(['~/a.min.js']);
    expect(b?.projects.map((p) => p.projectId)).toEqual([t.a.project.id]);
    expect(await db().uploadChunk.count({ where: { orgId: t.a.org.id } })).toBe(0);
    // A re-run needs no chunks.
    expect(await t.assemble(bytes)).toEqual({ state: 'ok', detail: null, missingChunks: [] });
  });

  it('a broken bundle ends in `error` with a detail for sentry-cli, and stays so', async () => {
    const t = await setup();
    const bytes = new TextEncoder().encode('not a zip at all');
    await t.postChunk(bytes);
    expect((await t.assemble(bytes)).state).toBe('created');
    expect((await t.poll(bytes)).at(-1)).toBe('error');
    const again = await t.assemble(bytes);
    expect(again).toEqual({ state: 'error', detail: expect.stringMatching(/not a valid zip/), missingChunks: [] });
    expect(await bundleOf(t.a.org.id)).toBeNull();
  });

  it('a bundle made for another organization is refused', async () => {
    const t = await setup();
    const bytes = artifactBundle('someone-else');
    await t.postChunk(bytes);
    await t.assemble(bytes);
    await t.poll(bytes);
    expect((await t.assemble(bytes)).detail).toMatch(/made for organization "someone-else"/);
  });
});

describe('a job nobody advances is taken over', () => {
  /** The chunk is stored and the job recorded, as if the web replica that took it had died mid-assembly. */
  async function orphanedJob(t: Awaited<ReturnType<typeof setup>>, bytes: Buffer, leaseUntil: Date) {
    await t.postChunk(bytes);
    await db().assembleStatus.create({
      data: {
        orgId: t.a.org.id,
        checksum: sha1(bytes),
        state: 'assembling',
        chunks: [sha1(bytes)],
        projectIds: [t.a.project.id],
        attempts: 1,
        leaseUntil,
      },
    });
  }

  it('by the next poll once the lease lapsed; a poll within the lease leaves it to its holder', async () => {
    const t = await setup();
    const bytes = artifactBundle(t.a.org.slug);
    await orphanedJob(t, bytes, new Date(Date.now() + 3600_000));
    expect((await t.assemble(bytes)).state).toBe('assembling');
    expect(await bundleOf(t.a.org.id)).toBeNull();
    await db().assembleStatus.updateMany({ where: { orgId: t.a.org.id }, data: { leaseUntil: new Date(0) } });
    expect((await t.poll(bytes)).at(-1)).toBe('ok');
    expect(await bundleOf(t.a.org.id)).not.toBeNull();
  });

  it("by the worker's sweep when no client polls (sentry-cli without --wait has gone)", async () => {
    const t = await setup();
    const bytes = artifactBundle(t.a.org.slug);
    await orphanedJob(t, bytes, new Date(Date.now() - 1000));
    const status = await waitFor(
      () => db().assembleStatus.findFirst({ where: { orgId: t.a.org.id } }),
      (s) => s?.state === 'ok',
    );
    expect(status?.state).toBe('ok');
    expect(await bundleOf(t.a.org.id)).not.toBeNull();
  });

  it('another project uploading the same bundle while it assembles is linked too', async () => {
    const t = await setup();
    const other = await makeProject({ org: t.a.org.slug });
    const bytes = artifactBundle(t.a.org.slug);
    await orphanedJob(t, bytes, new Date(Date.now() + 3600_000));
    expect((await t.assemble(bytes, [other.project.slug])).state).toBe('assembling');
    await db().assembleStatus.updateMany({ where: { orgId: t.a.org.id }, data: { leaseUntil: new Date(0) } });
    expect((await t.poll(bytes)).at(-1)).toBe('ok');
    const b = await bundleOf(t.a.org.id);
    expect(b?.projects.map((p) => p.projectId).sort()).toEqual([t.a.project.id, other.project.id].sort());
  });
});

describe('without a worker', () => {
  const own = ownStack('noworker', 0);

  it('sentry-cli upload without --wait still ends in a stored bundle; a stranded job waits for a worker', async () => {
    const [stack, stackDb] = [own.stack, own.db];
    const elsewhere = { database: stackDb, url: stack.baseUrl };
    const { org, project } = await makeProject(elsewhere);
    const { user } = await makeUser({ org: org.slug, role: 'member', ...elsewhere });
    const token = await makeToken(user.id, ['project:releases'], stackDb);
    const dir = mkdtempSync(path.join(tmpdir(), 'faultline-sm-noworker-'));
    cpSync(path.join(import.meta.dirname, '../fixtures/sourcemaps/app/dist'), dir, { recursive: true });
    const up = sentryCli(['sourcemaps', 'upload', '--release', 'r1', dir], {
      token,
      org: org.slug,
      project: project.slug,
      extra: { SENTRY_URL: stack.baseUrl },
    });
    expect(up.code, out(up)).toBe(0);
    expect(up.stdout).toContain('processing pending on server');
    // The web process that answered assembles it; nothing else runs here.
    const bundle = await waitFor(
      () => stackDb.artifactBundle.findFirst({ where: { orgId: org.id }, include: { files: true } }),
      (b) => b !== null,
    );
    expect(bundle?.files.map((f) => f.url).sort()).toEqual(['~/app.min.js', '~/app.min.js.map']);

    // A job whose web replica died mid-assembly: its row and chunk stay until a worker starts and sweeps it.
    const bytes = artifactBundle(org.slug, 'var stranded=1;');
    await stackDb.uploadChunk.create({
      data: { orgId: org.id, sha1: sha1(bytes), size: bytes.length, data: new Uint8Array(bytes) },
    });
    await stackDb.assembleStatus.create({
      data: {
        orgId: org.id,
        checksum: sha1(bytes),
        state: 'assembling',
        chunks: [sha1(bytes)],
        projectIds: [project.id],
        leaseUntil: new Date(Date.now() - 1000),
      },
    });
    stack.startWorker();
    const done = await waitFor(
      () => stackDb.assembleStatus.findUnique({ where: { orgId_checksum: { orgId: org.id, checksum: sha1(bytes) } } }),
      (s) => s?.state === 'ok',
      60_000,
    );
    expect(done?.state).toBe('ok');
    expect(await stackDb.artifactBundle.count({ where: { orgId: org.id } })).toBe(2);
  }, 120_000);
});
