// The worker resolving real @sentry/node errors against bundles the real sentry-cli uploaded: misses it remembers are
// forgotten the moment an upload commits, the bundles it resolves with get their last use recorded (shown in Project
// settings → Source maps), and maps without sourcesContent take context from the original files of the same upload.
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db.ts';
import type { Event } from '../../lib/events/contract.ts';
import type { ArtifactBundleShape } from '../../lib/sourcemaps/contract.ts';
import { saveBundle } from '../../lib/sourcemaps/saveBundle.ts';
import { LISTENER_NAME, listenForUploads } from '../../lib/sourcemaps/uploadSignal.ts';
import { ORIGINAL_FRAMES, appDir, buildApp, inject, runNodeApp, upload } from '../e2e/sourcemaps-support.ts';
import { baseUrl, makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import { ownStack } from './own-stack.ts';
import { waitFor } from '../harness/wait.ts';

type Frame = { function: string; filename: string; lineNo: number; context: [number, string][] };

/** A project, a user's token and API helpers, in the shared test stack or in another one. */
async function setup(elsewhere: { database?: Db; url?: string } = {}) {
  const url = elsewhere.url ?? baseUrl();
  const { org, project, dsn } = await makeProject({ platform: 'node', ...elsewhere });
  const { user } = await makeUser({ org: org.slug, role: 'admin', ...elsewhere });
  const token = await makeToken(
    user.id,
    ['org:read', 'project:read', 'project:releases', 'event:read'],
    elsewhere.database,
  );
  const get = async <T>(path: string): Promise<T | null> => {
    const r = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return r.ok ? ((await r.json()) as T) : null;
  };
  const stored = async (id: string) =>
    (await waitFor(
      () => get<Event>(`/api/0/projects/${org.slug}/${project.slug}/events/${id}/`),
      (e) => e !== null,
    ))!;
  const bundles = async () =>
    (await get<ArtifactBundleShape[]>(`/api/0/projects/${org.slug}/${project.slug}/files/artifact-bundles/`))!;
  return { dsn, cli: { token, org: org.slug, project: project.slug, extra: { SENTRY_URL: url } }, stored, bundles };
}

function frames(ev: Event): Frame[] {
  const exc = ev.entries.find((e) => e.type === 'exception')!.data.values as { stacktrace: { frames: Frame[] } }[];
  return exc[0].stacktrace.frames;
}

const appFrames = (ev: Event) =>
  frames(ev)
    .filter((f) => ORIGINAL_FRAMES.some((o) => o.function === f.function))
    .map((f) => ({ function: f.function, file: path.basename(f.filename), lineNo: f.lineNo }));
const ORIGINAL = ORIGINAL_FRAMES.map(({ function: fn, file, lineNo }) => ({ function: fn, file, lineNo }));

describe('one worker process remembering misses', () => {
  // Its own stack with a single worker: with the shared stack's two, the event after the upload could reach the
  // worker that never remembered the miss, and the test would pass without the upload signal.
  const own = ownStack('oneworker', 1);

  it('forgets a miss when an upload commits; the bundle used records its last use, shown in settings', async () => {
    const t = await setup({ database: own.db, url: own.stack.baseUrl });
    const dir = appDir();
    const dist = await buildApp(dir, 'node');
    inject(dist);
    const script = path.join(dist, 'app.min.js');
    const before = await t.stored(runNodeApp(t.dsn, script));
    expect(before.errors).toEqual([expect.objectContaining({ type: 'js_no_source' })]);
    // The worker now remembers "no bundle for this debug ID" for up to a minute: only the upload's NOTIFY at commit
    // makes the next event look again.
    upload(dist, t.cli);
    expect((await t.bundles())[0].lastUsed).toBeNull();
    const after = await t.stored(runNodeApp(t.dsn, script));
    expect(appFrames(after)).toEqual(ORIGINAL);
    expect(after.errors).toEqual([]);
    const [shown] = await waitFor(t.bundles, (b) => b[0]?.lastUsed !== null);
    expect(Date.parse(shown.lastUsed!)).toBeGreaterThanOrEqual(Date.parse(shown.date));
  }, 120_000);
});

describe('maps built without sourcesContent', () => {
  /** esbuild's `sourcesContent: false` build, injected; uploads `dist/` alone or the directory with `src/` too. */
  async function errorAfterUpload(withSources: boolean) {
    const t = await setup();
    const dir = appDir();
    const dist = await buildApp(dir, 'node', { sourcesContent: false });
    inject(dist);
    // sentry-cli 3.8 packs the plain sources of src/ beside the build (as `minified_source` files).
    upload(withSources ? dir : dist, t.cli);
    return t.stored(runNodeApp(t.dsn, path.join(dist, 'app.min.js')));
  }

  it('take context lines from the original files uploaded with them', async () => {
    const ev = await errorAfterUpload(true);
    expect(appFrames(ev)).toEqual(ORIGINAL);
    expect(ev.errors).toEqual([]);
    const top = frames(ev).at(-1)!;
    expect(top.function).toBe('applyDiscount');
    expect(top.context.find(([n]) => n === 10)?.[1]).toContain('throw new Error(`unknown discount code: ${code}`);');
  }, 120_000);

  it('without the original files, keep the resolved frame and say the map has no sourcesContent', async () => {
    const ev = await errorAfterUpload(false);
    expect(appFrames(ev)).toEqual(ORIGINAL);
    expect(frames(ev).at(-1)!.context).toEqual([]);
    const missing = ev.errors.filter((e) => e.type === 'js_missing_sources_content');
    expect(missing.map((e) => path.basename(String(e.data.source))).sort()).toEqual([
      'cart.js',
      'index.js',
      'pricing.js',
    ]);
  }, 120_000);
});

describe('the upload listener', () => {
  it('hears a stored bundle at commit, and after its connection is cut, reconnects and hears the next', async () => {
    const p = await makeProject();
    // Other test files upload into the same database at the same time: count this org's uploads, and the
    // listener's own (null) reports of connecting and losing its connection, apart.
    let heard = 0;
    let connections = 0;
    const listener = listenForUploads((orgId) => {
      if (orgId === null) connections++;
      else if (orgId === p.org.id) heard++;
    }, process.env.DATABASE_URL);
    const atLeast = (n: number) => (v: number) => v >= n;
    const empty = { bundleId: null, org: null, release: 'r', dist: null, files: [] };
    /** How many of this org's uploads it heard while one bundle was stored. */
    const heardStoring = async (checksum: string) => {
      const before = heard;
      await saveBundle(p.org.id, [p.project.id], empty, { checksum });
      return (await waitFor(() => heard, atLeast(before + 1))) - before;
    };
    try {
      // It reports once when it starts listening (misses from before may predate an upload).
      await waitFor(() => connections, atLeast(1));
      expect(await heardStoring('1'.repeat(40))).toBe(1);
      // Cut its connection. The test stack's workers listen too: they lose theirs as well, and reconnect the same way.
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_NAME],
      );
      await admin.end();
      // The loss itself is reported (an upload may have committed unheard), then it listens again and says so.
      expect(await waitFor(() => connections, atLeast(3))).toBe(3);
      expect(await heardStoring('2'.repeat(40))).toBe(1);
    } finally {
      await listener.close();
    }
  });
});
