// Coercion and size limits for untrusted event JSON: every helper returns a bounded value or undefined, never throws.

/** Longest string kept anywhere in an event (Sentry's own limit is of the same order). */
export const MAX_STRING = 16 * 1024;
/** Longest message / log template kept. */
export const MAX_MESSAGE = 8 * 1024;
/** Nesting kept in free-form data (extra, contexts, vars, request data); deeper values become TRUNCATED. */
export const MAX_DEPTH = 8;
export const TRUNCATED = '[Truncated]';

export type Rec = Record<string, unknown>;

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Cuts to `max` UTF-16 units (ellipsis included), without splitting a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 3);
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return s.slice(0, end) + '...';
}

/** A string from a string or a scalar; objects are rendered as JSON (SDKs do send `value: {...}`). */
export function text(v: unknown, max = MAX_STRING): string | undefined {
  if (typeof v === 'string') return truncate(v, max);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'object' && v !== null) {
    try {
      const json = JSON.stringify(v);
      return json === undefined ? undefined : truncate(json, max);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A trimmed, non-empty string from a string or a number; anything else is undefined. */
export function name(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : truncate(s, max);
}

/** A non-negative integer from a number or a numeric string (line and column numbers). */
export function int(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.trunc(n) : undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** The list inside `[...]` or `{values: [...]}`, the two shapes Sentry accepts for every list interface. */
export function list(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isRecord(v) && Array.isArray(v.values)) return v.values;
  return [];
}

/** Keeps the first and last halves of an over-long list, as Sentry trims stack frames. */
export function keepEnds<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const head = Math.ceil(max / 2);
  return [...items.slice(0, head), ...items.slice(items.length - (max - head))];
}

/**
 * A JSON-safe copy with long strings cut and nesting past MAX_DEPTH replaced by TRUNCATED.
 * `depth` is how deep `v` itself already sits; the bound on depth also makes cycles harmless.
 */
export function clean(v: unknown, depth = 0): unknown {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') return truncate(v, MAX_STRING);
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return String(v);
  if (typeof v !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return TRUNCATED;
  if (Array.isArray(v)) return v.map((x) => clean(x, depth + 1) ?? null);
  const out: Rec = {};
  for (const [k, x] of Object.entries(v)) {
    // JSON.parse makes `__proto__` an own key; copying it by assignment would swap the copy's prototype.
    if (k === '__proto__') continue;
    const c = clean(x, depth + 1);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** clean() for values that must be objects; anything else is dropped. */
export function cleanRecord(v: unknown, depth = 0): Rec | undefined {
  if (!isRecord(v)) return undefined;
  const c = clean(v, depth);
  return isRecord(c) ? c : undefined;
}

/** Drops undefined properties so normalized events compare and serialize predictably. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
