// The shapes source-map resolution works with: what it asks storage for (one batched port, so the worker makes a few
// queries per batch, never one per frame) and the processing errors it records on an event.

/** One stored file of an uploaded artifact bundle, without its contents. */
export interface ArtifactRef {
  /** Stable id of the stored file: its contents never change under this id, so it keys the parsed-map cache. */
  fileId: string;
  bundleId: string;
  /** `minified_source`, `source_map`, `source`, … as in the bundle manifest. */
  type: string;
  /** The manifest URL, e.g. `~/assets/app.min.js`. */
  url: string;
  debugId: string | null;
  /** The file's `sourcemap` (or `x-sourcemap`) header: the map's URL relative to this file's. */
  sourcemap: string | null;
  size: number;
}

export interface DebugIdKey {
  projectId: number;
  debugId: string;
}

export interface ReleaseKey {
  projectId: number;
  release: string;
}

export interface ReleaseUrlKey extends ReleaseKey {
  url: string;
}

export interface BundleUrlKey {
  bundleId: string;
  url: string;
}

/** What resolution needs from storage; every method answers many keys with one query. */
export interface ArtifactStore {
  /** Files carrying these debug IDs in bundles of the key's project, newest bundle first. */
  filesByDebugId(keys: DebugIdKey[]): Promise<(ArtifactRef & DebugIdKey)[]>;
  /** Files at these URLs in bundles of (project, release), any dist (`''` = no `--dist`), newest first. */
  filesByUrl(keys: ReleaseUrlKey[]): Promise<(ArtifactRef & ReleaseUrlKey & { dist: string })[]>;
  /** The dists (`''` for none) uploaded for each (project, release): tells "wrong dist" from "wrong URL". */
  releaseDists(keys: ReleaseKey[]): Promise<(ReleaseKey & { dist: string })[]>;
  /** Original sources (`source` or `minified_source` files) at these URLs of these bundles. */
  filesInBundles(keys: BundleUrlKey[]): Promise<(ArtifactRef & BundleUrlKey)[]>;
  /** UTF-8 contents by file id. */
  contents(fileIds: string[]): Promise<Map<string, string>>;
  /** Marks bundles as used by an event now (their `lastUsedAt`; retention keeps bundles in use). */
  touchBundles(bundleIds: string[]): Promise<void>;
}

/**
 * A reason a frame kept its minified position, stored in the event's `errors` with Sentry's types (plus `reason`,
 * a sentence for people: the peers' users' top complaint is "upload worked but nothing changed").
 */
export type ProcessingError =
  | { type: 'js_no_source'; url: string; reason: string; debug_id?: string; release?: string; dist?: string }
  | { type: 'js_invalid_source'; url: string; reason: string }
  | { type: 'js_missing_sources_content'; source: string; sourcemap: string; reason: string }
  | { type: 'js_invalid_sourcemap_location'; row: number; column: number; source: string; reason: string };
