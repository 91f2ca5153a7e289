// What one batch looks up, per script path of each event, and the small pure steps of those lookups.
import type { NormalizedEvent } from '../events/types.ts';
import { normalizeDebugId } from './debugId.ts';
import type { MinifiedScript, ParsedMap, SourceFile } from './resolveModule.ts';
import type { ArtifactRef, ProcessingError } from './resolveTypes.ts';
import { candidateUrls } from './urls.ts';

export interface EventToResolve {
  projectId: number;
  event: NormalizedEvent;
}

export type Cached = ParsedMap | MinifiedScript | SourceFile | { bytes: number; invalid: string };

/** One script path of one event, and what was found for it so far. */
export interface Target {
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

export const JS_PLATFORMS = new Set(['javascript', 'node']);

/** `debug_meta.images` of type sourcemap: the frame's file → its debug ID. */
export function debugImages(ev: NormalizedEvent): Map<string, string> {
  const images = (ev.debug_meta as { images?: unknown } | undefined)?.images;
  const out = new Map<string, string>();
  for (const i of Array.isArray(images) ? images : []) {
    const id = normalizeDebugId(i?.debug_id);
    if (i?.type === 'sourcemap' && typeof i.code_file === 'string' && id) out.set(i.code_file, id);
  }
  return out;
}

export function first<T extends ArtifactRef>(refs: T[] | undefined, type: string, bundleId?: string): T | undefined {
  const ofType = refs?.filter((r) => r.type === type) ?? [];
  return ofType.find((r) => r.bundleId === bundleId) ?? ofType[0];
}

export function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export const base = (url: string) => url.slice(url.lastIndexOf('/') + 1);
// No "no file in release" for third-party code the user cannot upload maps for (Sentry skips these too), nor for
// paths that are not script files: inline scripts report the page's URL (`http://host/`), never uploaded.
export const quiet = (path: string) =>
  /(^|\/)node_modules\//.test(path) ||
  path.startsWith('chrome-extension:') ||
  !/\.[cm]?[jt]sx?$/.test(path.split(/[?#]/)[0]);

export const releaseKey = (t: Target) =>
  `r|${t.item.projectId}|${t.item.event.release}|${t.item.event.dist ?? ''}|${t.path}`;

/** Why a script of the event's release was not found, or null when the release has no uploads at all. */
export function releaseError(
  t: Target,
  uploaded: { dist: string }[],
  rows: { projectId: number; release: string; dist: string }[],
): ProcessingError | null {
  const { release, dist = '' } = t.item.event;
  if (!uploaded.length) return null;
  const otherDist = rows.find((r) => r.projectId === t.item.projectId && r.release === release && r.dist !== dist);
  const name = (d: string) => (d ? `dist ${d}` : 'no dist');
  const reason = otherDist
    ? `${candidateUrls(t.path).at(-1)} was uploaded for release ${release} with ${name(otherDist.dist)}, ` +
      `but the event has ${name(dist)}`
    : `no file for ${t.path} in release ${release} (${name(dist)}); looked for ${candidateUrls(t.path).join(', ')}`;
  return { type: 'js_no_source', url: t.path, release: release!, dist, reason };
}
