// What the event resolver asks of stored source maps: by debug ID first, else by release + dist + URL.
import { db } from '../db.ts';
import { decodeDataUrl, candidateUrls, resolveArtifactUrl, sourceMappingUrlOf } from './urls.ts';

export type ArtifactFileType = 'minified_source' | 'source_map' | 'source' | 'indexed_ram_bundle';

/** A stored file's text. `fileId` is null for a map inlined as a `data:` URL in its script. */
export interface ArtifactText {
  fileId: number | null;
  bundleId: number;
  /** `~/app.min.js` or absolute, as uploaded; a map's URL is the base for its relative `sources`. */
  url: string;
  type: ArtifactFileType;
  debugId: string | null;
  text: string;
}

/** The outcome of one lookup; `sourceMap` null means nothing usable was found (see `minifiedSource`, `tried`). */
export interface SourceLookup {
  via: 'debug_id' | 'release';
  /** The script; null when nothing matched (or, by debug ID, when only the map was uploaded). */
  minifiedSource: ArtifactText | null;
  sourceMap: ArtifactText | null;
  /** What was looked up: the debug ID, or the candidate artifact URLs in the order tried. */
  tried: string[];
  /** The reference the script gave for its map (release path), when the map itself was not found. */
  sourceMapRef?: string | null;
}

const fileMeta = { id: true, bundleId: true, url: true, type: true, debugId: true, sourcemapRef: true } as const;
type FileMeta = { id: number; bundleId: number; url: string; type: string; debugId: string | null };

async function textOf(file: FileMeta): Promise<ArtifactText> {
  const row = await db().artifactFile.findUniqueOrThrow({ where: { id: file.id }, select: { content: true } });
  return {
    fileId: file.id,
    bundleId: file.bundleId,
    url: file.url,
    type: file.type as ArtifactFileType,
    debugId: file.debugId,
    text: Buffer.from(row.content).toString('utf8'),
  };
}

/** The newest bundle of this project with a source map for `debugId` (normalized, see debugId.ts), and its script. */
export async function findByDebugId(projectId: number, debugId: string): Promise<SourceLookup> {
  const files = await db().artifactFile.findMany({
    where: { debugId, type: { in: ['source_map', 'minified_source'] }, bundle: { projects: { some: { projectId } } } },
    orderBy: { bundleId: 'desc' },
    select: fileMeta,
    take: 20,
  });
  const map = files.find((f) => f.type === 'source_map');
  const script = files.find((f) => f.type === 'minified_source' && (!map || f.bundleId === map.bundleId));
  return {
    via: 'debug_id',
    minifiedSource: script ? await textOf(script) : null,
    sourceMap: map ? await textOf(map) : null,
    tried: [debugId],
  };
}

/**
 * The project's script for `absPath` in (release, dist) and the map it names (its `sourcemap` header, else its
 * last `//# sourceMappingURL=`, which may be an inline `data:` URL). An absent dist matches only bundles uploaded
 * without `--dist`, as in Sentry.
 */
export async function findByReleaseUrl(
  projectId: number,
  release: string,
  dist: string | null | undefined,
  absPath: string,
): Promise<SourceLookup> {
  const tried = candidateUrls(absPath);
  const inRelease = { release, dist: dist ?? '', projects: { some: { projectId } } };
  const scripts = await db().artifactFile.findMany({
    where: { url: { in: tried }, type: { in: ['minified_source', 'source'] }, bundle: inRelease },
    orderBy: { bundleId: 'desc' },
    select: fileMeta,
  });
  const script = tried.map((u) => scripts.find((s) => s.url === u)).find(Boolean);
  if (!script) return { via: 'release', minifiedSource: null, sourceMap: null, tried };
  const minifiedSource = await textOf(script);
  const ref = script.sourcemapRef ?? sourceMappingUrlOf(minifiedSource.text);
  if (!ref) return { via: 'release', minifiedSource, sourceMap: null, tried, sourceMapRef: null };
  const inline = ref.startsWith('data:') ? decodeDataUrl(ref) : null;
  if (inline !== null) {
    const sourceMap: ArtifactText = {
      ...minifiedSource,
      fileId: null,
      type: 'source_map',
      url: script.url,
      text: inline,
    };
    return { via: 'release', minifiedSource, sourceMap, tried };
  }
  const mapUrl = resolveArtifactUrl(script.url, ref);
  const maps = await db().artifactFile.findMany({
    where: { url: mapUrl, type: 'source_map', bundle: inRelease },
    orderBy: { bundleId: 'desc' },
    select: fileMeta,
  });
  const map = maps.find((m) => m.bundleId === script.bundleId) ?? maps[0];
  return { via: 'release', minifiedSource, sourceMap: map ? await textOf(map) : null, tried, sourceMapRef: mapUrl };
}

/** A `source` file of a bundle, for maps whose `sourcesContent` is missing. */
export async function findSourceFile(bundleId: number, url: string): Promise<ArtifactText | null> {
  const file = await db().artifactFile.findFirst({ where: { bundleId, url }, select: fileMeta });
  return file ? textOf(file) : null;
}
