// Reading a sentry-cli artifact bundle: `SYSB` + u32 LE version + a ZIP with `manifest.json` and `files/...`.
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { normalizeDebugId } from './debugId.ts';
import type { ArtifactFileType } from './lookup.ts';

export interface BundleFile {
  zipPath: string;
  url: string;
  type: ArtifactFileType;
  debugId: string | null;
  sourcemapRef: string | null;
  sha1: string;
  content: Uint8Array;
}

export interface ParsedBundle {
  /** The manifest's own `debug_id` (not a file's). */
  bundleId: string | null;
  org: string | null;
  release: string | null;
  dist: string | null;
  files: BundleFile[];
}

/** Why a bundle was refused; becomes the assemble `error` state's detail. */
export class BundleError extends Error {}

export interface BundleLimits {
  maxFiles: number;
  /** Total inflated bytes (zip bombs stop here). */
  maxInflatedBytes: number;
}

/** Artifact URLs are indexed: PostgreSQL refuses btree entries past ~2.7 kB. */
export const MAX_URL = 2048;

const TYPES = new Set<ArtifactFileType>(['minified_source', 'source_map', 'source', 'indexed_ram_bundle']);

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');

/** Case-insensitive: 3.x writes `sourcemap`, older CLIs `Sourcemap`; symbolicator also reads `x-sourcemap`. */
function header(headers: unknown, ...names: string[]): string | null {
  if (!headers || typeof headers !== 'object') return null;
  for (const [k, v] of Object.entries(headers)) if (names.includes(k.toLowerCase()) && typeof v === 'string') return v;
  return null;
}

function unsafePath(p: string): boolean {
  return p.startsWith('/') || p.includes('\\') || p.split('/').some((s) => s === '..');
}

function unzipCapped(zip: Uint8Array, limits: BundleLimits): Record<string, Uint8Array> {
  let count = 0;
  let total = 0;
  try {
    return unzipSync(zip, {
      // The central directory's sizes are checked before anything is inflated.
      filter: (f) => {
        if (++count > limits.maxFiles) throw new BundleError(`bundle has more than ${limits.maxFiles} files`);
        total += f.originalSize;
        if (total > limits.maxInflatedBytes)
          throw new BundleError(`bundle inflates to more than ${limits.maxInflatedBytes} bytes`);
        if (unsafePath(f.name)) throw new BundleError(`bundle entry has an unsafe path: ${f.name}`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError(`bundle is not a valid zip archive: ${(e as Error).message}`);
  }
}

export function parseArtifactBundle(bytes: Uint8Array, limits: BundleLimits): ParsedBundle {
  // The ZIP's offsets already count the 8-byte SYSB prefix, so it is read in place, from the end.
  const entries = unzipCapped(bytes, limits);
  const raw = entries['manifest.json'];
  if (!raw) throw new BundleError('bundle has no manifest.json');
  let manifest: { files?: unknown; debug_id?: unknown; org?: unknown; release?: unknown; dist?: unknown };
  try {
    manifest = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    throw new BundleError('manifest.json is not valid JSON');
  }
  const listed = manifest.files && typeof manifest.files === 'object' ? manifest.files : {};
  const files: BundleFile[] = [];
  for (const [zipPath, info] of Object.entries(listed as Record<string, Record<string, unknown>>)) {
    const content = entries[zipPath];
    if (!content) throw new BundleError(`manifest lists ${zipPath}, which the bundle lacks`);
    const type = info?.type as ArtifactFileType;
    if (!TYPES.has(type)) continue;
    if (typeof info.url !== 'string' || !info.url) throw new BundleError(`${zipPath} has no url`);
    if (info.url.length > MAX_URL) throw new BundleError(`${zipPath} has a url longer than ${MAX_URL} characters`);
    const sourcemapRef = header(info.headers, 'sourcemap', 'x-sourcemap');
    // PostgreSQL text cannot hold NUL.
    if (`${info.url}${sourcemapRef ?? ''}`.includes('\0')) throw new BundleError(`${zipPath} has a NUL in its url`);
    files.push({
      zipPath,
      url: info.url,
      type,
      debugId: normalizeDebugId(header(info.headers, 'debug-id', 'debug_id')),
      sourcemapRef,
      sha1: sha1(content),
      content,
    });
  }
  const str = (v: unknown) => {
    if (typeof v !== 'string' || v === '') return null;
    if (v.includes('\0') || v.length > 250) throw new BundleError(`manifest has an invalid value: ${v.slice(0, 50)}`);
    return v;
  };
  return {
    bundleId: normalizeDebugId(manifest.debug_id),
    org: str(manifest.org),
    release: str(manifest.release),
    dist: str(manifest.dist),
    files,
  };
}
