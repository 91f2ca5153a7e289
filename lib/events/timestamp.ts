// Event and breadcrumb timestamps: RFC 3339 strings or Unix seconds (float), as SDKs send them.

const NUMERIC = /^-?\d+(?:\.\d+)?$/;
// Sentry reads a date-time without an offset as UTC; Date.parse would read it as local time.
const NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** The instant a timestamp names, or undefined when it names none. */
export function parseTimestamp(v: unknown): Date | undefined {
  let ms: number;
  if (typeof v === 'number') {
    ms = v * 1000;
  } else if (typeof v === 'string') {
    const s = v.trim();
    if (NUMERIC.test(s)) ms = Number(s) * 1000;
    else if (NAIVE.test(s)) ms = Date.parse(s.replace(' ', 'T') + 'Z');
    else ms = Date.parse(s);
  } else {
    return undefined;
  }
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(Math.round(ms));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** ISO form of a timestamp, or undefined. */
export function isoTimestamp(v: unknown): string | undefined {
  return parseTimestamp(v)?.toISOString();
}
