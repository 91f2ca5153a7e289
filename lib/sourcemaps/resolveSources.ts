// Context lines for sources a map has no `sourcesContent` for: the original file uploaded in the same bundle at the
// source's URL (sentry-cli uploads one with `--no-rewrite`, or with `releases files VERSION upload`). Only then does
// the frame record `js_missing_sources_content`.
import type { ByteLru, MissView } from './resolveCache.ts';
import { framePositions } from './resolveFrames.ts';
import { ParsedMap, SourceFile } from './resolveModule.ts';
import { first, groupBy, type Cached, type Target } from './resolveTargets.ts';
import type { ArtifactRef, ArtifactStore, BundleUrlKey, ProcessingError } from './resolveTypes.ts';

const MAX_KNOWN = 10_000;

export class SourceFiles {
  /** `s|bundle|url` → the file id of the original source found there. */
  private readonly known = new Map<string, string>();

  constructor(
    private readonly store: ArtifactStore,
    private readonly cache: ByteLru<Cached>,
  ) {}

  /**
   * Loads what the batch's frames need: one query for the sources not seen before (misses are remembered like other
   * lookups), one for the contents the cache lacks. Only sources that frames land in are looked for.
   */
  async load(targets: Target[], misses: MissView<ProcessingError | null>): Promise<void> {
    const wanted = new Map<string, BundleUrlKey>();
    const fetch = new Set<string>();
    for (const t of targets) {
      const map = t.map && this.cache.get(t.map.fileId);
      if (!(map instanceof ParsedMap) || !map.lacksSourcesContent) continue;
      for (const p of framePositions(t.item.event, t.path)) {
        const pos = map.position(p.line, p.column);
        if (!pos || map.sources[pos.sourceIndex] == null || map.sourceLines(pos.sourceIndex)) continue;
        const { key, url } = sourceKey(t.map!, map, pos.sourceIndex);
        const fileId = this.known.get(key);
        if (fileId) {
          if (!this.cache.get(cacheKey(fileId))) fetch.add(fileId);
        } else if (!misses.get(key)) wanted.set(key, { bundleId: t.map!.bundleId, url });
      }
    }
    if (wanted.size) await this.find(wanted, fetch, misses);
    if (!fetch.size) return;
    for (const [id, text] of await this.store.contents([...fetch])) this.cache.set(cacheKey(id), new SourceFile(text));
  }

  private async find(wanted: Map<string, BundleUrlKey>, fetch: Set<string>, misses: MissView<ProcessingError | null>) {
    const found = groupBy(await this.store.filesInBundles([...wanted.values()]), (r) => `s|${r.bundleId}|${r.url}`);
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    for (const key of wanted.keys()) {
      const refs = found.get(key);
      const ref = first(refs, 'source') ?? refs?.[0];
      if (!ref) {
        misses.set(key, null);
        continue;
      }
      this.known.set(key, ref.fileId);
      if (!this.cache.get(cacheKey(ref.fileId))) fetch.add(ref.fileId);
    }
  }

  /** A source's lines: the map's own `sourcesContent`, else the uploaded file loaded above, else null. */
  lines(ref: ArtifactRef, map: ParsedMap, sourceIndex: number): string[] | null {
    const own = map.sourceLines(sourceIndex);
    if (own) return own;
    const fileId = this.known.get(sourceKey(ref, map, sourceIndex).key);
    const file = fileId && this.cache.get(cacheKey(fileId));
    return file instanceof SourceFile ? file.lines : null;
  }
}

/** Where a map's source sits in its bundle: `sources[i]` resolved against the map's own artifact URL. */
function sourceKey(ref: ArtifactRef, map: ParsedMap, sourceIndex: number) {
  const url = map.absoluteSource(ref.url, sourceIndex);
  return { key: `s|${ref.bundleId}|${url}`, url };
}

/** Its own cache key: the same stored file may also be cached as a minified script. */
const cacheKey = (fileId: string) => `${fileId}#source`;
