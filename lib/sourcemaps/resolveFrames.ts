// Rewrites an event's JavaScript frames to their original source, given what was found for each script path: original
// file, line, column, enclosing function and context; the minified stack kept as `raw_stacktrace`; and for every
// frame that stays minified, a processing error saying why. Pure: lookups were done before (resolveBatch.ts).
import type { Frame, NormalizedEvent } from '../events/types.ts';
import type { MinifiedScript, ParsedMap } from './resolveModule.ts';
import type { ProcessingError } from './resolveTypes.ts';
import { displaySource, isVendorSource } from './resolvePaths.ts';

/** What the lookup found for one script path. */
export type ScriptLookup =
  | {
      kind: 'found';
      map: ParsedMap;
      script?: MinifiedScript;
      /** The map's URL: the script's path joined with its `sourcemap` reference; sources resolve against it. */
      sourcemapUrl: string;
      /** A source's lines: its `sourcesContent`, else the source file uploaded in the same bundle, else null. */
      sourceLines(sourceIndex: number): string[] | null;
      resolvedWith: 'debug-id' | 'release';
    }
  /** Not ours to resolve (no debug ID, nothing uploaded for the release): the frame stays, no error. */
  | { kind: 'none' }
  | { kind: 'failed'; error: ProcessingError };

export type LookupFn = (absPath: string) => ScriptLookup;

const CONTEXT_LINES = 5;
const MAX_LINE = 150;

type Stack = { frames: Frame[] };
type StackHolder = { stacktrace?: Stack; raw_stacktrace?: Stack };

/** Relay's rule: the path is `abs_path`, else `filename`; symbolicator drops a leading `async `. */
export function framePath(f: Frame): string | undefined {
  const p = f.abs_path || f.filename;
  return p?.replace(/^async /, '');
}

/** Frames symbolicator and Sentry skip: no position, native code, Node internals (`node:internal/…`). */
export function isResolvable(f: Frame, platform: string): boolean {
  const p = framePath(f);
  if (!p || f.lineno === undefined || f.lineno < 1) return false;
  if (p === 'native' || p === '[native code]' || p === '<anonymous>') return false;
  if (platform === 'node' && !/^(\/|app:|webpack:|file:)/.test(p)) return false;
  return true;
}

/** Sentry SDKs' `snipLine`: a very long line shows ~140 characters around the column. */
function snip(line: string, column: number): string {
  if (line.length <= MAX_LINE) return line;
  const start = Math.max(0, Math.min(column - 60, line.length - 140));
  const end = Math.min(line.length, start + 140);
  return `${start > 0 ? '{snip} ' : ''}${line.slice(start, end)}${end < line.length ? ' {snip}' : ''}`;
}

function withContext(frame: Frame, lines: string[] | null, line: number, column: number): void {
  if (!lines || line > lines.length) return;
  const l = line - 1;
  frame.pre_context = lines.slice(Math.max(0, l - CONTEXT_LINES), l).map((s) => snip(s, 0));
  frame.context_line = snip(lines[l], column);
  frame.post_context = lines.slice(l + 1, l + 1 + CONTEXT_LINES).map((s) => snip(s, 0));
}

class EventResolution {
  readonly errors: ProcessingError[] = [];
  private readonly erroredPaths = new Set<string>();

  constructor(
    private readonly platform: string,
    private readonly lookup: LookupFn,
  ) {}

  fail(path: string, error: ProcessingError) {
    const key = `${error.type}|${path}`;
    if (this.erroredPaths.has(key)) return;
    this.erroredPaths.add(key);
    this.errors.push(error);
  }

  /** Resolves one stack (oldest frame first); returns null when no frame changed. */
  stack(frames: Frame[]): Frame[] | null {
    let changed = false;
    let callerToken: string | null = null;
    const out = frames.map((frame) => {
      const callsite = callerToken;
      callerToken = null;
      const r = this.frame(frame, callsite);
      if (!r) return frame;
      changed = true;
      callerToken = r.token;
      return r.frame;
    });
    return changed ? out : null;
  }

  private frame(frame: Frame, callsite: string | null): { frame: Frame; token: string | null } | null {
    if (!isResolvable(frame, this.platform)) return null;
    const path = framePath(frame)!;
    const found = this.lookup(path);
    if (found.kind === 'none') return null;
    if (found.kind === 'failed') {
      this.fail(path, found.error);
      return null;
    }
    const column = Math.max(0, (frame.colno ?? 1) - 1);
    const pos = found.map.position(frame.lineno!, column);
    const source = pos && found.map.sources[pos.sourceIndex];
    if (!pos || source == null) {
      this.fail(path, {
        type: 'js_invalid_sourcemap_location',
        row: frame.lineno!,
        column: frame.colno ?? 0,
        source: path,
        reason: `the source map has no mapping at line ${frame.lineno}, column ${frame.colno ?? 0}`,
      });
      return null;
    }
    const absPath = found.map.absoluteSource(found.sourcemapUrl, pos.sourceIndex);
    const enclosing = found.script ? found.map.enclosingFunction(found.script, frame.lineno!, column) : null;
    const resolved: Frame = {
      ...frame,
      filename: displaySource(source),
      abs_path: absPath,
      function: enclosing ?? callsite ?? frame.function,
      lineno: pos.line,
      colno: pos.column + 1,
      in_app: !isVendorSource(source) && !isVendorSource(absPath),
      data: { sourcemap: found.sourcemapUrl, resolved_with: found.resolvedWith, symbolicated: true },
    };
    // The module the SDK derived from the minified file (`dist:app.min`) would group every frame of a bundle as one.
    delete resolved.module;
    delete resolved.pre_context;
    delete resolved.context_line;
    delete resolved.post_context;
    const lines = found.sourceLines(pos.sourceIndex);
    if (lines) withContext(resolved, lines, pos.line, pos.column);
    else
      this.fail(absPath, {
        type: 'js_missing_sources_content',
        source: absPath,
        sourcemap: found.sourcemapUrl,
        reason: 'the source map has no sourcesContent for this file, and no source file was uploaded',
      });
    return { frame: resolved, token: pos.name };
  }
}

function resolveHolder(h: StackHolder, r: EventResolution): boolean {
  if (!h.stacktrace?.frames.length) return false;
  const frames = r.stack(h.stacktrace.frames);
  if (!frames) return false;
  h.raw_stacktrace = h.stacktrace;
  h.stacktrace = { ...h.stacktrace, frames };
  return true;
}

/** Where the event's frames in the script at `path` stand: line (1-based) and column (0-based), as mapped. */
export function framePositions(ev: NormalizedEvent, path: string): { line: number; column: number }[] {
  const out: { line: number; column: number }[] = [];
  for (const h of holders(ev))
    for (const f of h.stacktrace?.frames ?? [])
      if (isResolvable(f, ev.platform) && framePath(f) === path)
        out.push({ line: f.lineno!, column: Math.max(0, (f.colno ?? 1) - 1) });
  return out;
}

/** Every distinct script path of the event that resolution would look up. */
export function scriptPaths(ev: NormalizedEvent): string[] {
  const paths = new Set<string>();
  for (const h of holders(ev))
    for (const f of h.stacktrace?.frames ?? []) if (isResolvable(f, ev.platform)) paths.add(framePath(f)!);
  return [...paths];
}

function holders(ev: NormalizedEvent): StackHolder[] {
  return [...(ev.exception?.values ?? []), ...(ev.threads?.values ?? [])];
}

/** Resolves the event's exception and thread stacks in place and appends processing errors to `ev.errors`. */
export function resolveEventFrames(ev: NormalizedEvent, lookup: LookupFn): { resolved: boolean } {
  const r = new EventResolution(ev.platform, lookup);
  let resolved = false;
  for (const h of holders(ev)) resolved = resolveHolder(h, r) || resolved;
  if (r.errors.length) ev.errors = [...(Array.isArray(ev.errors) ? ev.errors : []), ...r.errors];
  return { resolved };
}
