// How stack frames enter grouping: which stacks and frames count, and file/function names without build or run noise.

import type { ExceptionValue, Frame, NormalizedEvent } from '@/lib/events/types';

/** A stack to group by: an exception with its frames, or the frames of the thread that sent the event. */
export interface GroupingStack {
  exception?: ExceptionValue;
  frames: Frame[];
}

type Thread = NonNullable<NormalizedEvent['threads']>['values'][number];

/** The thread the event is about: the crashed one, else the one that captured it, else the only one. */
export function eventThread(ev: NormalizedEvent): Thread | undefined {
  const threads = ev.threads?.values ?? [];
  return (
    threads.find((t) => t.crashed) ?? threads.find((t) => t.current) ?? (threads.length === 1 ? threads[0] : undefined)
  );
}

/** The exception chain (oldest first, as sent), or else the event thread's stack. */
export function groupingStacks(ev: NormalizedEvent): GroupingStack[] {
  const values = ev.exception?.values ?? [];
  if (values.length > 0) return values.map((exception) => ({ exception, frames: exception.stacktrace?.frames ?? [] }));
  const frames = eventThread(ev)?.stacktrace?.frames;
  return frames ? [{ frames }] : [];
}

/** Sentry's rule: if any frame anywhere in the event is in-app, only in-app frames count. */
export function hasInAppFrame(ev: NormalizedEvent): boolean {
  const stacks = [...(ev.exception?.values ?? []), ...(ev.threads?.values ?? [])];
  return stacks.some((s) => s.stacktrace?.frames.some((f) => f.in_app === true));
}

const ANONYMOUS = new Set([
  '',
  '?',
  '??',
  '<anonymous>',
  'anonymous',
  '(anonymous function)',
  '<lambda>',
  '<unknown>',
  '{anonymous}',
  'Object',
]);

// A file-name part that changes with every build: content hashes (hex, or base32/base64 with digits and
// mixed case), numeric chunk ids and version numbers, and the `.min` marker.
function isBuildNoise(part: string): boolean {
  return (
    /^\d+$/.test(part) ||
    part === 'min' ||
    (/^[0-9a-f]{6,}$/i.test(part) && /\d/.test(part) && /[a-f]/i.test(part)) ||
    /^(?=.*\d)[0-9A-Z]{4,}$/.test(part) ||
    (part.length >= 8 && /^[0-9A-Za-z]+$/.test(part) && /\d/.test(part) && /[a-z]/.test(part) && /[A-Z]/.test(part))
  );
}

/** `main-abc12345.min.js` → `main.js`; the first part and the extension (of a file name) always stay. */
export function stripBuildHash(basename: string, hasExtension = true): string {
  const parts = basename.split(/([.\-_~])/);
  const last = hasExtension && parts.length >= 3 && parts[parts.length - 2] === '.' ? parts.length - 1 : parts.length;
  let out = isBuildNoise(parts[0]) && parts.length > 1 ? '<chunk>' : parts[0];
  for (let i = 2; i < parts.length; i += 2) {
    if (i < last && isBuildNoise(parts[i])) continue;
    out += parts[i - 1] + parts[i];
  }
  return out;
}

/**
 * The part of a path that stays the same across machines and deploys: the file name, or the path inside its
 * npm package for anything under node_modules (so `lodash/get.js` differs from `lodash-es/get.js`).
 */
export function normalizeFilename(path: string): string {
  let p = path.trim();
  if (/^(?:<anonymous>|\[native code\]|native|<unknown>|\?)$/.test(p)) return '';
  p = p.replace(/[?#].*$/s, '').replace(/\\/g, '/');
  p = p.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const nm = p.lastIndexOf('node_modules/');
  const dirs = nm >= 0 ? p.slice(nm + 'node_modules/'.length).split('/') : [p.slice(p.lastIndexOf('/') + 1)];
  const kept = dirs
    .filter((d) => d !== '' && d !== '.' && !/^v?\d+(?:\.\d+)+$/.test(d))
    .map((d, i) => (i === 0 || (i === 1 && dirs[0].startsWith('@')) ? d.replace(/(.)@[^/]*$/, '$1') : d));
  if (kept.length === 0) return '';
  kept[kept.length - 1] = stripBuildHash(kept[kept.length - 1]);
  return kept.join('/');
}

/** Module names carry build noise too: Java lambda/CGLIB classes, and JS modules derived from hashed file names. */
export function normalizeModule(module: string): string {
  const m = module
    .trim()
    .replace(/\$\$Lambda\$?\d*(?:\/(?:0x)?[0-9a-f]+)?/gi, () => '$$Lambda')
    .replace(
      /\$\$(EnhancerBy|FastClassBy)(Spring)?CGLIB\$\$[0-9a-f]+/g,
      (_m, kind: string, spring = '') => `$$${kind}${spring}CGLIB`,
    )
    .replace(/\$HibernateProxy\$\w+/g, () => '$HibernateProxy');
  const slash = m.lastIndexOf('/');
  return m.slice(0, slash + 1) + stripBuildHash(m.slice(slash + 1), false);
}

/** Function names without anonymous markers, generated lambda/closure numbers, addresses and argument lists. */
export function normalizeFunction(fn: string): string {
  let f = fn.trim();
  if (ANONYMOUS.has(f) || f === 'Object.<anonymous>') return '';
  f = f
    .replace(/\(anonymous namespace\)::|`anonymous namespace'::|\{anonymous\}::/g, '')
    .replace(/\$\$Lambda\$?\d*(?:\/(?:0x)?[0-9a-f]+)?/gi, () => '$$Lambda')
    .replace(/\blambda\$(\w*?\$)?\d+/g, (_m, mid = '') => `lambda$${mid}`)
    .replace(/\baccess\$\d+/g, () => 'access$')
    .replace(/__lambda_\d+/g, '__lambda')
    .replace(/\.func\d+(?:\.\d+)*/g, '.func')
    .replace(/^block (?:\(\d+ levels\) )?in /, 'block in ')
    .replace(/#<(\w+):0x[0-9a-f]+>/gi, '#<$1>')
    .replace(/\s*\b0x[0-9a-f]+\b/gi, '')
    .replace(/\.?<anonymous>|\.?<lambda>/g, '');
  // `foo(int, char*) const`, `Promise.all (index 0)`: arguments are not part of the name. Go's
  // `(*Server).handle` starts with its receiver and never ends with `)`, so it is left alone.
  if (!f.startsWith('(')) f = f.replace(/\s*\((?:[^()]|\([^()]*\))*\)(?:\s*const)?$/, '');
  f = f.replace(/\s+/g, ' ').trim();
  return ANONYMOUS.has(f) ? '' : f;
}

/** `"{module or file} in {function}"`, or whichever half exists; undefined when the frame names nothing stable. */
export function frameComponent(frame: Frame): string | undefined {
  const where =
    (frame.module && normalizeModule(frame.module)) || normalizeFilename(frame.filename ?? frame.abs_path ?? '');
  const fn = normalizeFunction(frame.function ?? frame.raw_function ?? frame.symbol ?? '');
  if (where && fn) return `${where} in ${fn}`;
  return where || fn || undefined;
}
