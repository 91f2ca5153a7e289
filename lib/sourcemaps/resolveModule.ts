// One parsed source map (and the minified script it belongs to, when uploaded): positions, enclosing function names
// and source context, memoized, because the same few hot frames are looked up for every event of a bug.
import { AnyMap, traceSegment, type TraceMap } from '@jridgewell/trace-mapping';
import { resolveArtifactUrl } from './urls.ts';

export class InvalidSourceMap extends Error {}

/** Where a minified position came from. `sourceIndex` indexes the map's `sources`. */
export interface OriginalPosition {
  sourceIndex: number;
  line: number; // 1-based
  column: number; // 0-based
  name: string | null;
}

// Memos are per parsed map; a hot bundle sees few distinct positions, a fuzzer many: cap them.
const MAX_MEMO = 10_000;

// A minified `function NAME(`; esbuild and terser keep declarations as such, so NAME's own mapping is the original
// name of the function a position runs in (the token at the position itself names the callee: the reference's trap).
const FUNCTION_DECL = /function\s*\*?\s*([\w$]+)\s*\(/g;
// Symbolicator skips these as scope names: they are bundler plumbing, not the user's function.
const PLUMBING = new Set(['<anonymous>', '__webpack_require__', '__webpack_modules__']);

export class ParsedMap {
  readonly map: TraceMap;
  /** Rough heap cost for the cache: a decoded map holds about three times its JSON (measured: 5 MB → ~15 MB). */
  readonly bytes: number;
  private readonly lines = new Map<number, string[] | null>();
  private readonly names = new Map<string, string | null>();
  private readonly absSources = new Map<string, string>();
  private lacking: boolean | undefined;

  constructor(json: string) {
    try {
      this.map = new AnyMap(json) as TraceMap;
    } catch (e) {
      throw new InvalidSourceMap(`not a source map: ${(e as Error).message}`);
    }
    if (!Array.isArray(this.map.sources)) throw new InvalidSourceMap('the map has no sources');
    this.bytes = json.length * 3;
  }

  get sources(): readonly (string | null)[] {
    return this.map.sources;
  }

  position(line: number, column: number): OriginalPosition | null {
    if (line < 1 || column < 0) return null;
    const seg = traceSegment(this.map, line - 1, column);
    if (!seg || seg.length === 1) return null;
    return {
      sourceIndex: seg[1],
      line: seg[2] + 1,
      column: seg[3],
      name: seg.length === 5 ? this.map.names[seg[4]] : null,
    };
  }

  /** `sources[i]` (after `sourceRoot`) resolved against the map's URL; URL parsing is the hot path, so memoized. */
  absoluteSource(sourcemapUrl: string, sourceIndex: number): string {
    const key = `${sourceIndex}|${sourcemapUrl}`;
    let abs = this.absSources.get(key);
    if (abs === undefined) {
      if (this.absSources.size >= MAX_MEMO) this.absSources.clear();
      const root = this.map.sourceRoot ? this.map.sourceRoot.replace(/\/?$/, '/') : '';
      abs = resolveArtifactUrl(sourcemapUrl, root + (this.map.sources[sourceIndex] ?? ''));
      this.absSources.set(key, abs);
    }
    return abs;
  }

  /** The source file's lines (split like Rust's `lines()`: no trailing empty line), or null without sourcesContent. */
  sourceLines(sourceIndex: number): string[] | null {
    if (!this.lines.has(sourceIndex)) {
      const content = this.map.sourcesContent?.[sourceIndex];
      this.lines.set(sourceIndex, typeof content === 'string' ? splitLines(content) : null);
    }
    return this.lines.get(sourceIndex)!;
  }

  /** Some source has no `sourcesContent` (maps built without it, uploaded with `--no-rewrite`). */
  get lacksSourcesContent(): boolean {
    if (this.lacking === undefined) {
      const content = this.map.sourcesContent;
      this.lacking = !content || this.map.sources.some((_, i) => typeof content[i] !== 'string');
    }
    return this.lacking;
  }

  /**
   * The original name of the innermost function declaration still open at (line, column) of the minified script,
   * or null. Braces are counted naively (strings holding braces can fool it); the caller falls back to the caller's
   * token, then the minified name.
   */
  enclosingFunction(script: MinifiedScript, line: number, column: number): string | null {
    const key = `${script.fileId}:${line}:${column}`;
    if (this.names.has(key)) return this.names.get(key)!;
    if (this.names.size >= MAX_MEMO) this.names.clear();
    const text = script.line(line)?.slice(0, column) ?? '';
    const found: RegExpExecArray[] = [];
    for (const m of text.matchAll(FUNCTION_DECL)) found.push(m);
    let name: string | null = null;
    for (let i = found.length - 1; i >= 0 && name === null; i--) {
      const m = found[i];
      if (!isOpenAt(text, m.index + m[0].length)) continue;
      const original = this.position(line, m.index + m[0].lastIndexOf(m[1]))?.name;
      if (original && !PLUMBING.has(original)) name = original;
      else break;
    }
    this.names.set(key, name);
    return name;
  }
}

/** After a function's `(`: its body `{` is opened and not yet closed before the end of `text`. */
function isOpenAt(text: string, from: number): boolean {
  let depth = 0;
  let opened = false;
  let parens = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (parens > 0) {
      if (c === '(') parens++;
      else if (c === ')') parens--;
      continue;
    }
    if (c === '{') {
      depth++;
      opened = true;
    } else if (c === '}') {
      depth--;
      if (opened && depth === 0) return false;
    }
  }
  return opened && depth > 0;
}

/** Like Rust's `lines()`, as symbolicator splits sources for context: no trailing empty line. */
export function splitLines(text: string): string[] {
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}

/** An original source file uploaded beside its map, for context lines when the map has no `sourcesContent`. */
export class SourceFile {
  readonly bytes: number;
  readonly lines: string[];

  constructor(text: string) {
    this.lines = splitLines(text);
    this.bytes = text.length * 4; // the text and its lines
  }
}

/** A minified script, kept as lines (a bundle is often one very long line). */
export class MinifiedScript {
  readonly bytes: number;
  private readonly lines: string[];

  constructor(
    readonly fileId: string,
    readonly text: string,
  ) {
    this.lines = text.split(/\r?\n/);
    this.bytes = text.length * 4; // the text and its lines
  }

  line(n: number): string | undefined {
    return this.lines[n - 1];
  }
}
