// Source-map resolution for a batch of events in the worker: finds every script's map with a handful of queries for
// the whole batch (debug ID first, then release + dist + URL), parses what the cache lacks, and rewrites the frames.
import type { NormalizedEvent } from '../events/types.ts';
import { ByteLru } from './resolveCache.ts';
import { resolveEventFrames, scriptPaths, type ScriptLookup } from './resolveFrames.ts';
import { InvalidSourceMap, MinifiedScript, ParsedMap } from './resolveModule.ts';
import type { ArtifactRef, ArtifactStore, ProcessingError } from './resolveTypes.ts';
import { normalizeDebugId } from './debugId.ts';
import { candidateUrls, decodeDataUrl, resolveArtifactUrl, sourceMappingUrlOf } from './urls.ts';

export interface EventToResolve {
  projectId: number;
  event: NormalizedEvent;
}

type Cached = ParsedMap | MinifiedScript | { bytes: number; invalid: string };

/** One script path of one event, and what was found for it so far. */
interface Target {
  item: EventToResolve;
  path: string;
  debugId: string | null;
  script?: ArtifactRef;
  map?: ArtifactRef;
  /** The map reference relative to the script (header, `sourceMappingURL`, or the map's own name). */
  mapRef?: string;
  resolvedWith?: 'debug-id' | 'release';
  error?: ProcessingError;
}

const JS_PLATFORMS = new Set(['javascript', 'node']);

/** `debug_meta.images` of type sourcemap: the frame's file → its debug ID. */
function debugImages(ev: NormalizedEvent): Map<string, string> {
  const images = (ev.debug_meta as { images?: unknown } | undefined)?.images;
  const out = new Map<string, string>();
  for (const i of Array.isArray(images) ? images : []) {
    const id = normalizeDebugId(i?.debug_id);
    if (i?.type === 'sourcemap' && typeof i.code_file === 'string' && id) out.set(i.code_file, id);
  }
  return out;
}

function first<T extends ArtifactRef>(refs: T[] | undefined, type: string, bundleId?: string): T | undefined {
  const ofType = refs?.filter((r) => r.type === type) ?? [];
  return ofType.find((r) => r.bundleId === bundleId) ?? ofType[0];
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const base = (url: string) => url.slice(url.lastIndexOf('/') + 1);
// No "no file in release" for third-party code the user cannot upload maps for (Sentry skips these too), nor for
// paths that are not script files: inline scripts report the page's URL (`http://host/`), never uploaded.
const quiet = (path: string) =>
  /(^|\/)node_modules\//.test(path) ||
  path.startsWith('chrome-extension:') ||
  !/\.[cm]?[jt]sx?$/.test(path.split(/[?#]/)[0]);

export class SourceMapResolver {
  readonly cache: ByteLru<Cached>;
  private readonly mapUrls = new Map<string, string>();

  constructor(
    private readonly store: ArtifactStore,
    cacheBytes: number,
  ) {
    this.cache = new ByteLru<Cached>(cacheBytes);
  }

  async resolve(items: EventToResolve[]): Promise<void> {
    const targets = items.flatMap((item) => this.targets(item));
    if (!targets.length) return;
    await this.byDebugId(targets);
    await this.byRelease(targets.filter((t) => !t.map));
    await this.load(targets.filter((t) => t.map || t.script));
    const byEvent = new Map<NormalizedEvent, Map<string, ScriptLookup>>();
    for (const t of targets) {
      if (!byEvent.has(t.item.event)) byEvent.set(t.item.event, new Map());
      byEvent.get(t.item.event)!.set(t.path, this.lookup(t));
    }
    for (const [event, lookups] of byEvent) resolveEventFrames(event, (p) => lookups.get(p) ?? { kind: 'none' });
  }

  private targets(item: EventToResolve): Target[] {
    const images = debugImages(item.event);
    if (!JS_PLATFORMS.has(item.event.platform) && images.size === 0) return [];
    return scriptPaths(item.event).map((path) => ({ item, path, debugId: images.get(path) ?? null }));
  }

  private async byDebugId(targets: Target[]) {
    const keyed = targets.filter((t) => t.debugId);
    if (!keyed.length) return;
    const keys = new Map(keyed.map((t) => [`${t.item.projectId}|${t.debugId}`, t]));
    const rows = await this.store.filesByDebugId(
      [...keys.values()].map((t) => ({ projectId: t.item.projectId, debugId: t.debugId! })),
    );
    const found = groupBy(rows, (r) => `${r.projectId}|${r.debugId}`);
    for (const t of keyed) {
      const refs = found.get(`${t.item.projectId}|${t.debugId}`);
      t.map = first(refs, 'source_map');
      t.script = first(refs, 'minified_source', t.map?.bundleId);
      t.mapRef = t.script?.sourcemap ?? (t.map && base(t.map.url));
      t.resolvedWith = 'debug-id';
      if (t.map) continue;
      const why = t.script
        ? `the bundle with debug ID ${t.debugId} has the script but no source map`
        : `no uploaded bundle of this project has debug ID ${t.debugId}`;
      t.error = { type: 'js_no_source', url: t.path, debug_id: t.debugId!, reason: why };
    }
  }

  /** Release + dist + URL, for scripts without a debug ID (or whose debug ID found nothing). */
  private async byRelease(targets: Target[]) {
    const withRelease = targets.filter((t) => t.item.event.release);
    if (!withRelease.length) return;
    const release = (t: Target) => t.item.event.release!;
    const dist = (t: Target) => t.item.event.dist ?? '';
    const rows = await this.store.filesByUrl(
      withRelease.flatMap((t) =>
        candidateUrls(t.path).map((url) => ({ projectId: t.item.projectId, release: release(t), url })),
      ),
    );
    const found = groupBy(rows, (r) => `${r.projectId}|${r.release}|${r.url}`);
    const missing: Target[] = [];
    for (const t of withRelease) {
      const refs = candidateUrls(t.path).flatMap((u) => found.get(`${t.item.projectId}|${release(t)}|${u}`) ?? []);
      const script = first(
        refs.filter((r) => r.dist === dist(t)),
        'minified_source',
      );
      if (!script) {
        missing.push(t);
        continue;
      }
      t.script = script;
      t.error = undefined;
      t.resolvedWith = 'release';
    }
    await this.mapsOfReleaseScripts(withRelease.filter((t) => t.script && t.resolvedWith === 'release'));
    await this.explainMissing(missing, rows);
  }

  private async mapsOfReleaseScripts(targets: Target[]) {
    // A script without a `sourcemap` header names its map in its last line; that needs the script's text first.
    await this.load(targets.filter((t) => !t.script!.sourcemap));
    for (const t of targets) {
      const script = this.cache.get(t.script!.fileId);
      t.mapRef =
        t.script!.sourcemap ?? (script instanceof MinifiedScript ? sourceMappingUrlOf(script.text) : null) ?? undefined;
    }
    const lookups = targets.filter((t) => t.mapRef && !t.mapRef.startsWith('data:'));
    const mapUrl = (t: Target) => resolveArtifactUrl(t.script!.url, t.mapRef!);
    const rows = lookups.length
      ? await this.store.filesByUrl(
          lookups.map((t) => ({ projectId: t.item.projectId, release: t.item.event.release!, url: mapUrl(t) })),
        )
      : [];
    const found = groupBy(rows, (r) => `${r.projectId}|${r.release}|${r.url}`);
    for (const t of targets) {
      if (t.mapRef?.startsWith('data:')) {
        t.map = { ...t.script!, fileId: `${t.script!.fileId}#inline`, type: 'source_map' };
        continue;
      }
      const refs = t.mapRef ? found.get(`${t.item.projectId}|${t.item.event.release}|${mapUrl(t)}`) : undefined;
      t.map = first(refs, 'source_map', t.script!.bundleId);
      if (!t.map)
        t.error = {
          type: 'js_no_source',
          url: t.path,
          release: t.item.event.release,
          reason: t.mapRef
            ? `release ${t.item.event.release} has the script ${t.script!.url} but not its source map ${mapUrl(t)}`
            : `the script ${t.script!.url} names no source map (no sourcemap header, no sourceMappingURL)`,
        };
    }
  }

  /** Only scripts of a release that has uploads get an error: other scripts (CDNs, extensions) are not ours. */
  private async explainMissing(targets: Target[], rows: { projectId: number; release: string; dist: string }[]) {
    const pending = targets.filter((t) => !t.error && !quiet(t.path));
    if (!pending.length) return;
    const dists = await this.store.releaseDists(
      pending.map((t) => ({ projectId: t.item.projectId, release: t.item.event.release! })),
    );
    const byRelease = groupBy(dists, (d) => `${d.projectId}|${d.release}`);
    for (const t of pending) {
      const { release, dist = '' } = t.item.event;
      const uploaded = byRelease.get(`${t.item.projectId}|${release}`)?.map((d) => d.dist) ?? [];
      if (!uploaded.length) continue;
      const otherDist = rows.find((r) => r.projectId === t.item.projectId && r.release === release && r.dist !== dist);
      const name = (d: string) => (d ? `dist ${d}` : 'no dist');
      const reason = otherDist
        ? `${candidateUrls(t.path).at(-1)} was uploaded for release ${release} with ${name(otherDist.dist)}, ` +
          `but the event has ${name(dist)}`
        : `no file for ${t.path} in release ${release} (${name(dist)}); looked for ${candidateUrls(t.path).join(', ')}`;
      t.error = { type: 'js_no_source', url: t.path, release, dist, reason };
    }
  }

  /** Parses every needed file the cache lacks, fetching all their contents in one call. */
  private async load(targets: Target[]) {
    const wanted = new Map<string, ArtifactRef>();
    for (const t of targets)
      for (const ref of [t.map, t.script]) {
        // An inline map is parsed from its script's text below, not fetched.
        if (ref && !ref.fileId.endsWith('#inline') && !this.cache.get(ref.fileId)) wanted.set(ref.fileId, ref);
      }
    const contents = wanted.size ? await this.store.contents([...wanted.keys()]) : new Map<string, string>();
    for (const [id, ref] of wanted) {
      const text = contents.get(id);
      if (text === undefined) continue;
      this.cache.set(id, ref.type === 'source_map' ? parse(text) : new MinifiedScript(id, text));
    }
    for (const t of targets) {
      if (!t.map?.fileId.endsWith('#inline') || this.cache.get(t.map.fileId)) continue;
      this.cache.set(t.map.fileId, parse(decodeDataUrl(t.mapRef!) ?? ''));
    }
  }

  /** The map's URL for a script path: the same few per bundle, asked for every event, and URL parsing is slow. */
  private mapUrl(path: string, ref: string): string {
    const key = `${path}\n${ref}`;
    let url = this.mapUrls.get(key);
    if (url === undefined) {
      if (this.mapUrls.size >= 10_000) this.mapUrls.clear();
      url = resolveArtifactUrl(path, ref);
      this.mapUrls.set(key, url);
    }
    return url;
  }

  private lookup(t: Target): ScriptLookup {
    if (!t.map) return t.error ? { kind: 'failed', error: t.error } : { kind: 'none' };
    const map = this.cache.get(t.map.fileId);
    const script = t.script && this.cache.get(t.script.fileId);
    if (!map) return { kind: 'none' };
    if ('invalid' in map || !(map instanceof ParsedMap)) {
      const reason = 'invalid' in map ? map.invalid : 'not a source map';
      return { kind: 'failed', error: { type: 'js_invalid_source', url: t.path, reason } };
    }
    return {
      kind: 'found',
      map,
      script: script instanceof MinifiedScript ? script : undefined,
      sourcemapUrl: this.mapUrl(t.path, t.mapRef ?? base(t.map.url)),
      resolvedWith: t.resolvedWith ?? 'debug-id',
    };
  }
}

function parse(text: string): Cached {
  try {
    return new ParsedMap(text);
  } catch (e) {
    if (!(e instanceof InvalidSourceMap)) throw e;
    return { bytes: 64, invalid: `the uploaded source map is invalid: ${e.message}` };
  }
}
