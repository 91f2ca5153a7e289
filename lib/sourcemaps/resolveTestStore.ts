// Test and benchmark fixture: an ArtifactStore in memory, filled from the captured bundles' manifests and files,
// counting the queries it answers (resolution must make a few per batch, never one per frame).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArtifactRef, ArtifactStore } from './resolveTypes.ts';
import { normalizeDebugId } from './debugId.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/sourcemaps');

interface StoredFile extends ArtifactRef {
  projectId: number;
  release: string | null;
  dist: string;
  content: string;
}

export class MemoryArtifactStore implements ArtifactStore {
  readonly files: StoredFile[] = [];
  queries = 0;

  /** Adds a bundle as sentry-cli uploads it: the manifest of a capture folder, the files' bytes from `dir`. */
  addBundle(opts: { projectId: number; manifest: string; dir: string; release?: string; dist?: string }): string {
    const manifest = JSON.parse(readFileSync(path.join(FIXTURES, opts.manifest), 'utf8'));
    const bundleId = `b${this.files.length}`;
    for (const [zipPath, f] of Object.entries<{ type: string; url: string; headers?: Record<string, string> }>(
      manifest.files,
    )) {
      const headers = Object.fromEntries(Object.entries(f.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const content = readFileSync(path.join(FIXTURES, opts.dir, path.basename(zipPath)), 'utf8');
      this.addFile({
        fileId: `${bundleId}:${zipPath}`,
        bundleId,
        type: f.type,
        url: f.url,
        debugId: normalizeDebugId(headers['debug-id']),
        sourcemap: headers.sourcemap ?? headers['x-sourcemap'] ?? null,
        size: content.length,
        projectId: opts.projectId,
        release: opts.release ?? null,
        dist: opts.dist ?? '',
        content,
      });
    }
    return bundleId;
  }

  /** Newest first, like the real store: later additions are newer. */
  addFile(f: StoredFile): void {
    this.files.unshift(f);
  }

  async filesByDebugId(keys: { projectId: number; debugId: string }[]) {
    this.queries++;
    return keys.flatMap((k) =>
      this.files.filter((f) => f.projectId === k.projectId && f.debugId === k.debugId).map((f) => ({ ...f, ...k })),
    );
  }

  async filesByUrl(keys: { projectId: number; release: string; url: string }[]) {
    this.queries++;
    return keys.flatMap((k) =>
      this.files
        .filter((f) => f.projectId === k.projectId && f.release === k.release && f.url === k.url)
        .map((f) => ({ ...f, ...k, dist: f.dist })),
    );
  }

  async releaseDists(keys: { projectId: number; release: string }[]) {
    this.queries++;
    const out = new Map<string, { projectId: number; release: string; dist: string }>();
    for (const k of keys)
      for (const f of this.files)
        if (f.projectId === k.projectId && f.release === k.release)
          out.set(`${k.projectId}|${k.release}|${f.dist}`, { ...k, dist: f.dist });
    return [...out.values()];
  }

  async filesInBundles(keys: { bundleId: string; url: string }[]) {
    this.queries++;
    return keys.flatMap((k) =>
      this.files
        .filter((f) => f.bundleId === k.bundleId && f.url === k.url && ['source', 'minified_source'].includes(f.type))
        .map((f) => ({ ...f, ...k })),
    );
  }

  /** Bundle ids of each touchBundles call (writes, not counted as queries). */
  readonly touches: string[][] = [];

  async touchBundles(bundleIds: string[]) {
    this.touches.push(bundleIds);
  }

  async contents(fileIds: string[]) {
    this.queries++;
    return new Map(this.files.filter((f) => fileIds.includes(f.fileId)).map((f) => [f.fileId, f.content]));
  }
}

/** The event item of a captured envelope, as JSON. */
export function envelopeEvent(name: string): Record<string, unknown> {
  const lines = readFileSync(path.join(FIXTURES, 'events', name), 'utf8').split('\n');
  return JSON.parse(lines.find((l) => l.includes('"exception"'))!);
}
