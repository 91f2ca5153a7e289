import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../events/normalize.ts';
import type { Frame, NormalizedEvent } from '../events/types.ts';
import { groupEvent } from '../grouping/hash.ts';
import { MISS_TTL_MS, SourceMapResolver, TOUCH_EVERY_MS } from './resolveBatch.ts';
import { envelopeEvent, FIXTURES, MemoryArtifactStore } from './resolveTestStore.ts';

const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'events/expected-frames.json'), 'utf8'));
const [nodeExpected, browserExpected] = Object.keys(expected)
  .filter((k) => !k.startsWith('_'))
  .map((k) => expected[k]);

function event(name: string, patch: Record<string, unknown> = {}): NormalizedEvent {
  return normalizeEvent({ ...envelopeEvent(name), ...patch }, { receivedAt: new Date() });
}

function nodeStore() {
  const store = new MemoryArtifactStore();
  store.addBundle({ projectId: 1, manifest: 'upload-debug-id/manifest.json', dir: 'app/dist-injected' });
  return store;
}

function browserStore(opts: { debugIds?: boolean } = {}) {
  const store = new MemoryArtifactStore();
  store.addBundle({
    projectId: 1,
    manifest: 'upload-browser-url-prefix/manifest.json',
    dir: 'app/browser',
    release: 'r1',
    dist: 'd1',
  });
  if (opts.debugIds === false) for (const f of store.files) f.debugId = null;
  return store;
}

async function resolve(store: MemoryArtifactStore, ...events: NormalizedEvent[]) {
  const resolver = new SourceMapResolver(store, 64 * 1024 * 1024);
  await resolver.resolve(events.map((event) => ({ projectId: 1, event })));
  return resolver;
}

/** A stored frame in the shape of expected-frames.json. */
function shape(f: Frame, raw: Frame | undefined) {
  if (!f.data?.symbolicated)
    return { function: f.function, filename: f.filename, lineno: f.lineno, colno: f.colno, resolved: false };
  return {
    minified: { function: raw!.function, filename: raw!.filename, lineno: raw!.lineno, colno: raw!.colno },
    function: f.function,
    filename: f.filename,
    abs_path: f.abs_path,
    lineno: f.lineno,
    colno: f.colno,
    pre_context: f.pre_context,
    context_line: f.context_line,
    post_context: f.post_context,
  };
}

function frames(ev: NormalizedEvent) {
  const v = ev.exception!.values[0];
  return v.stacktrace!.frames.map((f, i) => shape(f, v.raw_stacktrace?.frames[i]));
}

const DEBUG_ID = 'c67dcc76-9010-5534-8cdf-9157cfe2c624';

const reasonless = (errors: unknown) => (errors as { reason: string }[] | undefined)?.map(({ reason, ...e }) => e);

describe('source-map resolution against the captured events and bundles', () => {
  it('resolves the @sentry/node event by debug ID to the original file, line, column, function, context', async () => {
    const ev = event('node-event.envelope');
    await resolve(nodeStore(), ev);
    expect(frames(ev)).toEqual(nodeExpected.frames);
    expect(ev.errors).toBeUndefined();
    const raw = ev.exception!.values[0].raw_stacktrace!.frames;
    expect(raw.map((f) => f.function)).toEqual(['?', 'y', 'e', 'c']);
    const top = ev.exception!.values[0].stacktrace!.frames[3];
    expect(top).toMatchObject({ in_app: true, data: { resolved_with: 'debug-id' } });
    expect(top.module).toBeUndefined();
  });

  it('resolves the @sentry/browser event by debug ID, and says why the junk frame stays minified', async () => {
    const ev = event('browser-event.envelope');
    await resolve(browserStore(), ev);
    expect(frames(ev)).toEqual(browserExpected.frames);
    expect(reasonless(ev.errors)).toEqual(browserExpected.errors);
    expect((ev.errors as { reason: string }[])[0].reason).toMatch(/no mapping at line 370/);
  });

  it('resolves the browser event by release + dist + ~/ URL when nothing carries a debug ID', async () => {
    const ev = event('browser-event.envelope', { debug_meta: undefined });
    await resolve(browserStore({ debugIds: false }), ev);
    expect(frames(ev)).toEqual(browserExpected.frames);
    expect(ev.exception!.values[0].stacktrace!.frames[6].data?.resolved_with).toBe('release');
  });

  it('keeps frames of another dist minified and names the dist mismatch', async () => {
    const ev = event('browser-event.envelope', { debug_meta: undefined, dist: 'd2' });
    await resolve(browserStore({ debugIds: false }), ev);
    expect(ev.exception!.values[0].raw_stacktrace).toBeUndefined();
    const errors = ev.errors as { type: string; reason: string; url: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ type: 'js_no_source', url: 'http://127.0.0.1:9929/assets/app.min.js' });
    expect(errors[0].reason).toBe(
      '~/assets/app.min.js was uploaded for release r1 with dist d1, but the event has dist d2',
    );
  });

  it('names the URLs it looked for when the release has uploads but not this file', async () => {
    const ev = event('browser-event.envelope', { debug_meta: undefined });
    const store = browserStore({ debugIds: false });
    for (const f of store.files) f.url = f.url.replace('~/assets/', '~/static/');
    await resolve(store, ev);
    const errors = ev.errors as { reason: string }[];
    expect(errors.map((e) => e.reason)).toEqual([
      'no file for http://127.0.0.1:9929/assets/app.min.js in release r1 (dist d1); looked for ' +
        'http://127.0.0.1:9929/assets/app.min.js, ~/assets/app.min.js',
    ]);
  });

  it('records "no bundle for this debug ID" before the upload, and resolves the next event after it', async () => {
    const store = new MemoryArtifactStore();
    const before = event('node-event.envelope', { release: undefined });
    const resolver = await resolve(store, before);
    expect(before.exception!.values[0].raw_stacktrace).toBeUndefined();
    expect(before.errors).toEqual([
      {
        type: 'js_no_source',
        url: '/srv/app/dist/app.min.js',
        debug_id: 'c67dcc76-9010-5534-8cdf-9157cfe2c624',
        reason: 'no uploaded bundle of this project has debug ID c67dcc76-9010-5534-8cdf-9157cfe2c624',
      },
    ]);
    store.addBundle({ projectId: 1, manifest: 'upload-debug-id/manifest.json', dir: 'app/dist-injected' });
    // The upload commits, which is what makes the worker forget its misses (uploadSignal.ts).
    resolver.forgetMisses();
    const after = event('node-event.envelope', { release: undefined });
    await resolver.resolve([{ projectId: 1, event: after }]);
    expect(frames(after)).toEqual(nodeExpected.frames);
  });

  it('remembers a debug ID without a bundle: no query for it until the upload signal or MISS_TTL_MS', async () => {
    let now = 1_000_000;
    const store = new MemoryArtifactStore();
    const resolver = new SourceMapResolver(store, 1 << 26, { now: () => now });
    const resolveOne = async () => {
      const ev = event('node-event.envelope', { release: undefined });
      await resolver.resolve([{ projectId: 1, event: ev }]);
      return ev;
    };
    await resolveOne();
    expect(store.queries).toBe(1);
    store.addBundle({ projectId: 1, manifest: 'upload-debug-id/manifest.json', dir: 'app/dist-injected' });
    // Heard of no upload: the miss still stands, with its reason, and costs no query.
    const remembered = await resolveOne();
    expect(store.queries).toBe(1);
    expect(remembered.errors).toEqual([expect.objectContaining({ type: 'js_no_source', debug_id: DEBUG_ID })]);
    now += MISS_TTL_MS - 1;
    await resolveOne();
    expect(store.queries).toBe(1);
    now += 1;
    const expired = await resolveOne();
    expect(frames(expired)).toEqual(nodeExpected.frames);
    expect(store.queries).toBe(3); // the lookup again, and the files' contents
  });

  it('does not remember a miss whose query ran while an upload committed', async () => {
    const store = new MemoryArtifactStore();
    const resolver = new SourceMapResolver(store, 1 << 26);
    // The upload commits (and its signal arrives) after the lookup read nothing, before the batch records the miss.
    const lookup = store.filesByDebugId.bind(store);
    store.filesByDebugId = async (keys) => {
      const rows = await lookup(keys);
      store.addBundle({ projectId: 1, manifest: 'upload-debug-id/manifest.json', dir: 'app/dist-injected' });
      resolver.forgetMisses();
      return rows;
    };
    const during = event('node-event.envelope', { release: undefined });
    await resolver.resolve([{ projectId: 1, event: during }]);
    expect(during.errors).toEqual([expect.objectContaining({ type: 'js_no_source', debug_id: DEBUG_ID })]);
    store.filesByDebugId = lookup;
    const next = event('node-event.envelope', { release: undefined });
    await resolver.resolve([{ projectId: 1, event: next }]);
    expect(frames(next)).toEqual(nodeExpected.frames);
  });

  it('remembers a release URL miss with its reason, per (project, release, dist, path)', async () => {
    const store = browserStore({ debugIds: false });
    const resolver = new SourceMapResolver(store, 1 << 26);
    const d2 = () => event('browser-event.envelope', { debug_meta: undefined, dist: 'd2' });
    const first = d2();
    await resolver.resolve([{ projectId: 1, event: first }]);
    expect(store.queries).toBe(2); // files by URL, the release's dists
    const again = d2();
    await resolver.resolve([{ projectId: 1, event: again }]);
    expect(store.queries).toBe(2);
    expect(again.errors).toEqual(first.errors);
    expect((again.errors as { reason: string }[])[0].reason).toMatch(/uploaded for release r1 with dist d1/);
    // Another dist is another question.
    const d1 = event('browser-event.envelope', { debug_meta: undefined });
    await resolver.resolve([{ projectId: 1, event: d1 }]);
    expect(d1.exception!.values[0].stacktrace!.frames[6].data?.resolved_with).toBe('release');
  });

  it("writes a bundle's last use once per TOUCH_EVERY_MS per process, and only for bundles that resolved", async () => {
    let now = 5_000_000;
    const store = nodeStore();
    const resolver = new SourceMapResolver(store, 1 << 26, { now: () => now });
    const resolveOne = (projectId = 1) =>
      resolver.resolve([{ projectId, event: event('node-event.envelope', { release: undefined }) }]);
    await resolveOne(2); // another project: nothing found, nothing used
    expect(store.touches).toEqual([]);
    await resolveOne();
    await resolveOne();
    expect(store.touches).toEqual([['b0']]);
    now += TOUCH_EVERY_MS;
    await resolveOne();
    expect(store.touches).toEqual([['b0'], ['b0']]);
  });

  it("does not look in another project's bundles", async () => {
    const ev = event('node-event.envelope');
    const resolver = new SourceMapResolver(nodeStore(), 1 << 20);
    await resolver.resolve([{ projectId: 2, event: ev }]);
    expect(ev.exception!.values[0].raw_stacktrace).toBeUndefined();
  });

  it('leaves scripts alone, without an error, when neither a debug ID nor a release points at an upload', async () => {
    const ev = event('browser-event.envelope', { debug_meta: undefined, release: 'r9' });
    await resolve(browserStore({ debugIds: false }), ev);
    expect(ev.errors).toBeUndefined();
    expect(ev.exception!.values[0].raw_stacktrace).toBeUndefined();
  });

  it('reports an invalid map as js_invalid_source and keeps the frames', async () => {
    const store = nodeStore();
    store.files.find((f) => f.type === 'source_map')!.content = '{"version":3,"mappings":';
    const ev = event('node-event.envelope');
    await resolve(store, ev);
    expect(ev.exception!.values[0].raw_stacktrace).toBeUndefined();
    expect(ev.errors).toEqual([
      expect.objectContaining({ type: 'js_invalid_source', url: '/srv/app/dist/app.min.js' }),
    ]);
  });

  it('keeps frames a garbled map cannot place, with the position named, without failing the batch', async () => {
    const store = nodeStore();
    const map = store.files.find((f) => f.type === 'source_map')!;
    map.content = JSON.stringify({ ...JSON.parse(map.content), mappings: 'AAAA,\u0000\u0001;;;' });
    const ev = event('node-event.envelope');
    await resolve(store, ev);
    expect(ev.errors).toEqual([expect.objectContaining({ type: 'js_invalid_sourcemap_location', row: 3 })]);
    expect(ev.exception!.values[0].raw_stacktrace).toBeUndefined();
  });

  it('groups one bug from two different builds (ESM for node, IIFE for browsers) into one issue', async () => {
    const node = event('node-event.envelope');
    // The same three calls as the IIFE build minified them: other names, other columns, another debug ID.
    const iife = event('node-event.envelope', {
      debug_meta: {
        images: [
          {
            type: 'sourcemap',
            code_file: '/srv/app/dist/app.min.js',
            debug_id: 'f4109586-5430-51cf-9a37-6f96e7d533e6',
          },
        ],
      },
    });
    const positions = [
      ['Object.l', 733],
      ['i', 676],
      ['p', 549],
    ] as const;
    positions.forEach(([fn, col], i) =>
      Object.assign(iife.exception!.values[0].stacktrace!.frames[i + 1], { function: fn, colno: col }),
    );
    expect(groupEvent(node).hash).not.toBe(groupEvent(iife).hash);
    const store = nodeStore();
    store.addBundle({ projectId: 1, manifest: 'upload-browser-url-prefix/manifest.json', dir: 'app/browser' });
    await resolve(store, node, iife);
    expect(groupEvent(node).hash).toBe(groupEvent(iife).hash);
    expect(groupEvent(node).components).toContain('pricing.js in applyDiscount');
  });

  it('makes a few queries per batch, not one per frame or event, and parses each map once', async () => {
    const store = nodeStore();
    const events = Array.from({ length: 200 }, () => event('node-event.envelope'));
    const resolver = await resolve(store, ...events);
    // Files by debug ID, by release URL (for run.mjs), the release's dists (nothing there), contents.
    expect(store.queries).toBe(4);
    expect(events.every((e) => e.exception!.values[0].stacktrace!.frames[3].function === 'applyDiscount')).toBe(true);
    store.queries = 0;
    await resolver.resolve([{ projectId: 1, event: event('node-event.envelope') }]);
    // Warm: the debug-ID lookup; run.mjs's miss is remembered, the files are parsed already.
    expect(store.queries).toBe(1);
  });
});

describe('context from uploaded source files when the map has no sourcesContent', () => {
  /** The node bundle with its map stripped of sourcesContent, and (optionally) the original files beside it. */
  function storeWithoutSourcesContent(withSources: boolean) {
    const store = nodeStore();
    const map = store.files.find((f) => f.type === 'source_map')!;
    const { sourcesContent: _, ...bare } = JSON.parse(map.content);
    map.content = JSON.stringify(bare);
    if (withSources)
      for (const name of ['pricing.js', 'cart.js', 'index.js']) {
        const content = readFileSync(path.join(FIXTURES, 'app/src', name), 'utf8');
        store.addFile({
          fileId: `b0:src/${name}`,
          bundleId: 'b0',
          type: 'source',
          url: `~/src/${name}`,
          debugId: null,
          sourcemap: null,
          size: content.length,
          projectId: 1,
          release: null,
          dist: '',
          content,
        });
      }
    return store;
  }

  it('takes the lines from the source file of the same bundle, with no processing error', async () => {
    const store = storeWithoutSourcesContent(true);
    const ev = event('node-event.envelope');
    await resolve(store, ev);
    expect(frames(ev)).toEqual(nodeExpected.frames);
    expect(ev.errors).toBeUndefined();
    // The four of a cold batch, then the sources by (bundle, URL) and their contents.
    expect(store.queries).toBe(6);
  });

  it('records js_missing_sources_content only when no such file was uploaded, and remembers that', async () => {
    const store = storeWithoutSourcesContent(false);
    const ev = event('node-event.envelope');
    const resolver = await resolve(store, ev);
    expect(ev.exception!.values[0].stacktrace!.frames[3]).toMatchObject({ function: 'applyDiscount', lineno: 10 });
    expect(ev.exception!.values[0].stacktrace!.frames[3].context_line).toBeUndefined();
    expect(reasonless(ev.errors)).toEqual([
      {
        type: 'js_missing_sources_content',
        source: '/srv/app/src/index.js',
        sourcemap: '/srv/app/dist/app.min.js.map',
      },
      { type: 'js_missing_sources_content', source: '/srv/app/src/cart.js', sourcemap: '/srv/app/dist/app.min.js.map' },
      {
        type: 'js_missing_sources_content',
        source: '/srv/app/src/pricing.js',
        sourcemap: '/srv/app/dist/app.min.js.map',
      },
    ]);
    store.queries = 0;
    await resolver.resolve([{ projectId: 1, event: event('node-event.envelope') }]);
    expect(store.queries).toBe(1); // the debug-ID lookup only
  });
});
