// Response shapes of the source-map settings API (components import them with `import type`).

export interface ArtifactFileSummary {
  url: string;
  type: string;
  debugId: string | null;
  size: number;
}

/** One uploaded bundle as Project settings → Source maps lists it. */
export interface ArtifactBundleShape {
  id: string;
  /** `artifact_bundle` (sourcemaps upload) or `release_files` (sentry-cli 2.x legacy per-file upload). */
  kind: string;
  /** The manifest's own debug ID. */
  bundleId: string | null;
  release: string | null;
  dist: string | null;
  fileCount: number;
  /** Bytes of the stored files. */
  size: number;
  date: string;
  /** When the worker last resolved an event's frames with it (updated every few minutes at most); null: never. */
  lastUsed: string | null;
  /** Distinct debug IDs of its files. */
  debugIds: string[];
  /** The first files (at most FILES_SHOWN), by URL. */
  files: ArtifactFileSummary[];
}
