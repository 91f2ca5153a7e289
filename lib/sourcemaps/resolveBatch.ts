// Source-map resolution for a batch of events in the worker: finds every script's map with a handful of queries for
// the whole batch (debug ID first, then release + dist + URL), parses what the cache lacks, and rewrites the frames.
// Lookups that found nothing are remembered for a short while (MissCache), and bundles used are marked as such.
import type { NormalizedEvent } from '../events/types.ts';
import { log } from '../log.ts';
import { ByteLru, MissCache, type MissView } from './resolveCache.ts';
import { resolveEventFrames, scriptPaths, type ScriptLookup } from './resolveFrames.ts';
import { InvalidSourceMap, MinifiedScript, ParsedMap } from './resolveModule.ts';
import { SourceFiles } from './resolveSources.ts';
import {
  base,
  debugImages,
  first,
  groupBy,
  JS_PLATFORMS,
  quiet,
  releaseError,
  releaseKey,
  type Cached,
  type EventToResolve,
  type Target,
} from './resolveTargets.ts';
import type { ArtifactRef, ArtifactStore, ProcessingError } from './resolveTypes.ts';
import { candidateUrls, decodeDataUrl, resolveArtifactUrl, sourceMappingUrlOf } from './urls.ts';

export type { EventToResolve } from './resolveTargets.ts';

type Misses = MissView<ProcessingError | null>;

/**
 * How long a lookup that found nothing is trusted. Every upload clears them at once (uploadSignal.ts), so this bound
 * only matters when that signal is lost; the README states it.
 */
export const MISS_TTL_MS = 60_000;
const MAX_MISSES = 50_000;
/** One worker process writes a bundle's `lastUsedAt` at most this often. */
export const TOUCH_EVERY_MS = 10 * 60 * 1000;

export interface ResolverOptions {
  missTtlMs?: number;
  now?: () => number;
}

export class SourceMapResolver {
  readonly cache: ByteLru<Cached>;
  /** Lookups that found nothing: `d|project|debugId`, `r|project|release|dist|path` (with the error it gives), and
   * `s|bundle|url` (no original source file in the bundle). */
  readonly misses: MissCache<ProcessingError | null>;
  private readonly mapUrls = new Map<string, string>();
  private readonly sources: SourceFiles;
  /** Bundle id → when this process last wrote its `lastUsedAt`. */
  private readonly touched = new Map<string, number>();
  private readonly now: () => number;

  constructor(
    private readonly store: ArtifactStore,
    cacheBytes: number,
    opts: ResolverOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.cache = new ByteLru<Cached>(cacheBytes);
    this.misses = new MissCache(opts.missTtlMs ?? MISS_TTL_MS, MAX_MISSES, this.now);
    this.sources = new SourceFiles(store, this.cache);
  }

  /** An upload committed: whatever was not found may be there now. */
  forgetMisses(): void {
    this.misses.clear();
  }

  async resolve(items: EventToResolve[]): Promise<void> {
    const targets = items.flatMap((item) => this.targets(item));
    if (!targets.length) return;
    // Misses found by this batch's queries are recorded only if no upload committed since it started.
    const misses = this.misses.view();
    await this.byDebugId(targets, misses);
    const withoutMap = () => targets.filter((t) => !t.map);
    const withMap = () => targets.filter((t) => t.map);
    await this.byRelease(withoutMap(), misses);
    await this.load(targets.filter((t) => t.map || t.script));
    await this.sources.load(withMap(), misses);
    const byEvent = new Map<NormalizedEvent, Map<string, ScriptLookup>>();
    const used: Target[] = [];
    for (const t of targets) {
      if (!byEvent.has(t.item.event)) byEvent.set(t.item.event, new Map());
      const lookup = this.lookup(t);
      if (lookup.kind === 'found') used.push(t);
      byEvent.get(t.item.event)!.set(t.path, lookup);
    }
    for (const [event, lookups] of byEvent) resolveEventFrames(event, (p) => lookups.get(p) ?? { kind: 'none' });
    await this.touch(used);
  }

  private targets(item: EventToResolve): Target[] {
    const images = debugImages(item.event);
    if (!JS_PLATFORMS.has(item.event.platform) && images.size === 0) return [];
    return scriptPaths(item.event).map((path) => ({ item, path, debugId: images.get(path) ?? null }));
  }

  private async byDebugId(targets: Target[], misses: Misses) {
    const keyed = targets.filter((t) => t.debugId);
    const key = (projectId: number, debugId: string | null) => `d|${projectId}|${debugId}`;
    const asked = new Map<string, Target>();
    for (const t of keyed) {
      const k = key(t.item.projectId, t.debugId);
      if (!misses.get(k)) asked.set(k, t);
    }
    const rows = asked.size
      ? await this.store.filesByDebugId(
          [...asked.values()].map((t) => ({ projectId: t.item.projectId, debugId: t.debugId! })),
        )
      : [];
    const found = groupBy(rows, (r) => key(r.projectId, r.debugId));
    for (const k of asked.keys()) if (!found.has(k)) misses.set(k, null);
    for (const t of keyed) {
      const refs = found.get(key(t.item.projectId, t.debugId));
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
  private async byRelease(targets: Target[], misses: Misses) {
    const release = (t: Target) => t.item.event.release!;
    const dist = (t: Target) => t.item.event.dist ?? '';
    const withRelease: Target[] = [];
    for (const t of targets.filter((t) => t.item.event.release)) {
      const miss = misses.get(releaseKey(t));
      if (!miss) withRelease.push(t);
      else if (miss.value && !t.error) t.error = { ...miss.value };
    }
    if (!withRelease.length) return;
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
    await this.explainMissing(missing, rows, misses);
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

  /**
   * Only scripts of a release that has uploads get an error: other scripts (CDNs, extensions) are not ours. The
   * outcome is remembered per (project, release, dist, path), with the error a debug-ID lookup may already have set
   * left in place.
   */
  private async explainMissing(
    targets: Target[],
    rows: { projectId: number; release: string; dist: string }[],
    misses: Misses,
  ) {
    const pending = targets.filter((t) => !quiet(t.path));
    for (const t of targets) if (quiet(t.path)) misses.set(releaseKey(t), null);
    if (!pending.length) return;
    const dists = await this.store.releaseDists(
      pending.map((t) => ({ projectId: t.item.projectId, release: t.item.event.release! })),
    );
    const byRelease = groupBy(dists, (d) => `${d.projectId}|${d.release}`);
    for (const t of pending) {
      const error = releaseError(t, byRelease.get(`${t.item.projectId}|${t.item.event.release}`) ?? [], rows);
      misses.set(releaseKey(t), error);
      if (error && !t.error) t.error = error;
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

  /** Writes `lastUsedAt` of the bundles that resolved frames, each at most every TOUCH_EVERY_MS per process. */
  private async touch(used: Target[]) {
    const now = this.now();
    const due = new Set<string>();
    for (const t of used)
      for (const id of [t.map?.bundleId, t.script?.bundleId])
        if (id && now - (this.touched.get(id) ?? -Infinity) >= TOUCH_EVERY_MS) due.add(id);
    if (!due.size) return;
    if (this.touched.size >= 10_000) this.touched.clear();
    // Marked before the write: a failing write is not tried again every batch.
    for (const id of due) this.touched.set(id, now);
    try {
      await this.store.touchBundles([...due]);
    } catch (e) {
      // Only a date for the settings page and retention: never worth failing or delaying the events for.
      log.warn('could not record source-map bundle use', { error: (e as Error).message, bundles: due.size });
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
      sourceLines: (i) => this.sources.lines(t.map!, map, i),
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
