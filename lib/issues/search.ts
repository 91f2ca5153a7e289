// Parses Sentry's issue search syntax (`is:unresolved level:error !browser:Chrome "db timeout"`) into typed terms.
// Pure: relative dates are resolved against the `now` the caller passes. The SQL lives in lib/issues/queries/search.ts.
import { DERIVED_TAG_KEYS } from '../events/tags.ts';
import { levelRank, LEVELS } from '../events/level.ts';

/** Sentry's default when the `query` parameter is absent (an empty `query=` means everything); the UI's too. */
export const DEFAULT_QUERY = 'is:unresolved';

export type IssueStatusValue = 'unresolved' | 'resolved' | 'ignored';
export type Comparison = '>' | '>=' | '<' | '<=' | '=';

export type AssignTarget =
  { type: 'me' } | { type: 'user'; value: string } | { type: 'team'; slug: string } | { type: 'none' };

export type SearchTerm =
  | { kind: 'status'; values: IssueStatusValue[]; negated: boolean }
  /** Sentry's substatus facets: `is:new`, `is:regressed`, `is:ongoing`. */
  | { kind: 'substatus'; value: 'new' | 'regressed' | 'ongoing'; negated: boolean }
  /** `is:assigned` (anyone), `is:unassigned`. */
  | { kind: 'hasAssignee'; value: boolean }
  | { kind: 'assigned'; targets: AssignTarget[]; negated: boolean }
  | { kind: 'level'; values: string[]; negated: boolean }
  /** Any other `key:value`, including `environment:`; a `*` in a value is a wildcard. */
  | { kind: 'tag'; key: string; values: string[]; negated: boolean }
  /**
   * `release:` (the events' release tag) and `first-release:` (the issue's first release). A value is a full version,
   * a bare version (`1.5.0` for `shop@1.5.0`, resolved against the projects' releases) or `latest`.
   */
  | { kind: 'release'; field: 'release' | 'firstRelease'; values: string[]; negated: boolean }
  /** Sentry's "For Review" inbox: unresolved issues that are new or regressed within the last 7 days. */
  | { kind: 'forReview'; negated: boolean }
  | { kind: 'has'; key: string; negated: boolean }
  | { kind: 'date'; field: 'firstSeen' | 'lastSeen'; op: Comparison; value: Date }
  | { kind: 'timesSeen'; op: Comparison; value: number }
  /** Free text over title and culprit; `shortId` when the text looks like `PROJECT-1A`. */
  | { kind: 'text'; value: string; shortId?: { projectSlug: string; number: number } };

export const ISSUE_SORTS = ['date', 'new', 'freq', 'user'] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

/** Sentry calls an unresolved issue "new" for its first 7 days, then "ongoing". */
export const NEW_ISSUE_DAYS = 7;

export interface IssueFilter {
  projectIds: number[];
  terms: SearchTerm[];
  /** Who asks, for `assigned:me`. */
  viewerId: number;
  /** The instant relative dates were resolved against. */
  now: Date;
}

export class SearchError extends Error {}

interface Token {
  negated: boolean;
  key?: string;
  /** Bare or quoted value; a `[a, b]` list has several. */
  values: string[];
  quoted: boolean;
}

const KEY = /^(!?)([A-Za-z_][\w.\-]*):/;

function readQuoted(q: string, start: number): { value: string; end: number } {
  let out = '';
  for (let i = start + 1; i < q.length; i++) {
    if (q[i] === '\\' && i + 1 < q.length) out += q[++i];
    else if (q[i] === '"') return { value: out, end: i + 1 };
    else out += q[i];
  }
  throw new SearchError('unterminated quoted value');
}

function readBare(q: string, start: number): { value: string; end: number } {
  let i = start;
  while (i < q.length && !/\s/.test(q[i])) i++;
  return { value: q.slice(start, i), end: i };
}

function readList(q: string, start: number): { values: string[]; end: number } {
  const close = q.indexOf(']', start);
  if (close < 0) throw new SearchError('unterminated list (missing "]")');
  const values = q
    .slice(start + 1, close)
    .split(',')
    .map((v) => v.trim().replace(/^"(.*)"$/, '$1'))
    .filter((v) => v !== '');
  if (values.length === 0) throw new SearchError('empty list');
  return { values, end: close + 1 };
}

export function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    if (/\s/.test(q[i])) {
      i++;
      continue;
    }
    const m = KEY.exec(q.slice(i));
    // `http://…` is a URL typed as free text, not a tag named http.
    if (m && !q.startsWith('//', i + m[0].length)) {
      const key = m[2];
      const at = i + m[0].length;
      if (at >= q.length || /\s/.test(q[at])) throw new SearchError(`${key}: needs a value`);
      if (q[at] === '"') {
        const r = readQuoted(q, at);
        tokens.push({ negated: m[1] === '!', key, values: [r.value], quoted: true });
        i = r.end;
      } else if (q[at] === '[') {
        const r = readList(q, at);
        tokens.push({ negated: m[1] === '!', key, values: r.values, quoted: false });
        i = r.end;
      } else {
        const r = readBare(q, at);
        tokens.push({ negated: m[1] === '!', key, values: [r.value], quoted: false });
        i = r.end;
      }
      continue;
    }
    const r = q[i] === '"' ? readQuoted(q, i) : readBare(q, i);
    tokens.push({ negated: false, values: [r.value], quoted: q[i] === '"' });
    i = r.end;
  }
  return tokens;
}

export const IS_VALUES = [
  'unresolved',
  'resolved',
  'ignored',
  'muted',
  'archived',
  'assigned',
  'unassigned',
  'for_review',
  'regressed',
  'new',
  'ongoing',
];
const RELEASE_KEYS: Record<string, 'release' | 'firstRelease'> = {
  release: 'release',
  'release.version': 'release',
  'first-release': 'firstRelease',
  firstrelease: 'firstRelease',
  first_release: 'firstRelease',
};
const STATUS_ALIASES: Record<string, IssueStatusValue> = {
  unresolved: 'unresolved',
  resolved: 'resolved',
  ignored: 'ignored',
  muted: 'ignored',
  archived: 'ignored',
};
const DATE_KEYS: Record<string, 'firstSeen' | 'lastSeen'> = {
  firstseen: 'firstSeen',
  age: 'firstSeen',
  lastseen: 'lastSeen',
};
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

function splitComparison(value: string): { op: Comparison | undefined; rest: string } {
  const m = /^(>=|<=|>|<|=)?(.*)$/.exec(value)!;
  return { op: m[1] as Comparison | undefined, rest: m[2] };
}

function parseDateTerms(field: 'firstSeen' | 'lastSeen', raw: string, now: Date): SearchTerm[] {
  const rel = /^([-+])(\d+)([smhdw])$/.exec(raw);
  if (rel) {
    // Sentry: `-24h` is "within the last 24 hours", `+24h` "more than 24 hours ago".
    const at = new Date(now.getTime() - Number(rel[2]) * UNIT_MS[rel[3]]);
    return [{ kind: 'date', field, op: rel[1] === '-' ? '>=' : '<=', value: at }];
  }
  const { op, rest } = splitComparison(raw);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(rest);
  const iso = dateOnly ? `${rest}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(rest) ? rest : `${rest}Z`;
  const value = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(rest) || Number.isNaN(value.getTime())) {
    throw new SearchError(`${field}: "${raw}" is not a date (use -24h, +7d, >2026-01-01 or <2026-01-01T12:00:00)`);
  }
  if (op === undefined || op === '=') {
    if (!dateOnly) return [{ kind: 'date', field, op: '=', value }];
    // A bare day means that whole (UTC) day.
    return [
      { kind: 'date', field, op: '>=', value },
      { kind: 'date', field, op: '<', value: new Date(value.getTime() + UNIT_MS.d) },
    ];
  }
  return [{ kind: 'date', field, op, value }];
}

function parseAssignTarget(v: string): AssignTarget {
  if (v === 'me') return { type: 'me' };
  if (v === 'none') return { type: 'none' };
  if (v.startsWith('#')) {
    if (v.length === 1) throw new SearchError('assigned: "#" needs a team slug');
    return { type: 'team', slug: v.slice(1) };
  }
  return { type: 'user', value: v };
}

/** `PROJ-1A` → project slug `proj`, number 46. Sentry's short ids: the project slug upper-cased, a dash, base 36. */
export function parseShortId(text: string): { projectSlug: string; number: number } | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)-([0-9A-Za-z]{1,10})$/.exec(text);
  if (!m) return undefined;
  const number = parseInt(m[2], 36);
  // Issue.shortNumber is a 32-bit integer; anything larger is a word that merely looks like a short id.
  return number > 0 && number <= 2 ** 31 - 1 ? { projectSlug: m[1].toLowerCase(), number } : undefined;
}

function termFor(t: Token & { key: string }, now: Date): SearchTerm[] {
  const key = t.key;
  const lower = key.toLowerCase();
  const one = () => {
    if (t.values.length !== 1) throw new SearchError(`${key}: does not take a list`);
    return t.values[0];
  };
  if (lower === 'is') {
    // Statuses in one list (`is:[unresolved, ignored]`) are alternatives; everything else is ANDed.
    const statuses: IssueStatusValue[] = [];
    const out: SearchTerm[] = [];
    for (const v of t.values) {
      const value = v.toLowerCase();
      if (!IS_VALUES.includes(value))
        throw new SearchError(`invalid value "${v}" for "is" (valid: ${IS_VALUES.join(', ')})`);
      if (STATUS_ALIASES[value]) statuses.push(STATUS_ALIASES[value]);
      else if (value === 'assigned' || value === 'unassigned')
        out.push({ kind: 'hasAssignee', value: (value === 'assigned') !== t.negated });
      else if (value === 'for_review') out.push({ kind: 'forReview', negated: t.negated });
      else out.push({ kind: 'substatus', value: value as 'new' | 'regressed' | 'ongoing', negated: t.negated });
    }
    return statuses.length ? [{ kind: 'status', values: statuses, negated: t.negated }, ...out] : out;
  }
  if (lower === 'status') {
    const values = t.values.map((v) => {
      const s = STATUS_ALIASES[v.toLowerCase()];
      if (!s) throw new SearchError(`invalid status "${v}" (valid: unresolved, resolved, ignored)`);
      return s;
    });
    return [{ kind: 'status', values, negated: t.negated }];
  }
  if (lower === 'level') {
    const values = t.values.map((v) => v.toLowerCase());
    const bad = values.find((v) => !v.includes('*') && levelRank(v) < 0);
    if (bad !== undefined)
      throw new SearchError(`invalid value "${bad}" for "${key}" (valid: ${[...LEVELS].reverse().join(', ')})`);
    return [{ kind: 'level', values, negated: t.negated }];
  }
  if (RELEASE_KEYS[lower])
    return [{ kind: 'release', field: RELEASE_KEYS[lower], values: t.values, negated: t.negated }];
  if (lower === 'assigned' || lower === 'assigned_to' || lower === 'assignee') {
    return [{ kind: 'assigned', targets: t.values.map(parseAssignTarget), negated: t.negated }];
  }
  if (lower === 'has') return [{ kind: 'has', key: userTagKey(one()), negated: t.negated }];
  if (DATE_KEYS[lower]) {
    if (t.negated) throw new SearchError(`${key}: cannot be negated; use < or > instead`);
    return parseDateTerms(DATE_KEYS[lower], one(), now);
  }
  if (lower === 'times_seen' || lower === 'timesseen') {
    if (t.negated) throw new SearchError(`${key}: cannot be negated; use < or > instead`);
    const { op, rest } = splitComparison(one());
    if (!/^\d{1,15}$/.test(rest)) throw new SearchError(`${key}: "${rest}" is not a whole number`);
    return [{ kind: 'timesSeen', op: op ?? '=', value: Number(rest) }];
  }
  if (lower === 'message') return t.values.map((value) => ({ kind: 'text', value }) as SearchTerm);
  return [{ kind: 'tag', key: userTagKey(key), values: t.values, negated: t.negated }];
}

/**
 * `user.email:` and friends search the per-field identity tags the digest stores for every event (lib/events/user.ts
 * `userIdentityTags`), not the `user` tag, which holds only one identity (`id:…` when the SDK sent an id).
 */
function userTagKey(key: string): string {
  const lower = key.toLowerCase();
  if (lower === 'user.ip_address') return 'user.ip';
  return USER_TAG_KEYS.includes(lower) ? lower : key;
}
export const USER_TAG_KEYS = ['user.id', 'user.email', 'user.username', 'user.ip'];

/**
 * Keys the search understands without looking at stored tags; any other key must be a tag key some issue of the
 * selected projects carries (checked by the caller against the database), or the query is rejected.
 */
export const BUILTIN_KEYS = [
  'is',
  'status',
  'level',
  'assigned',
  'assigned_to',
  'assignee',
  'has',
  'firstSeen',
  'lastSeen',
  'age',
  'times_seen',
  'timesSeen',
  ...Object.keys(RELEASE_KEYS).filter((k) => k !== 'firstrelease'),
  'firstRelease',
  ...USER_TAG_KEYS,
  'message',
  ...DERIVED_TAG_KEYS,
];
const BUILTIN_LOWER = new Set(BUILTIN_KEYS.map((k) => k.toLowerCase()));

/** Tag keys of `terms` that are not built in: each must exist in the stored tags, or the search is an error. */
export function customTagKeys(terms: SearchTerm[]): string[] {
  const keys = terms.flatMap((t) => (t.kind === 'tag' || t.kind === 'has' ? [t.key] : []));
  return [...new Set(keys.filter((k) => !BUILTIN_LOWER.has(k.toLowerCase())))];
}

/**
 * Sentry joins all free text into one phrase matched against the message; quoted parts keep their spaces.
 * A single word shaped like a short id (`BACKEND-3F`) also finds that issue.
 */
export function parseSearch(query: string, now: Date = new Date()): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const words: string[] = [];
  for (const t of tokenize(query)) {
    if (t.key !== undefined) terms.push(...termFor(t as Token & { key: string }, now));
    else words.push(t.values[0]);
  }
  const text = words.join(' ').trim();
  if (text) {
    const shortId = words.length === 1 ? parseShortId(text) : undefined;
    terms.push(shortId ? { kind: 'text', value: text, shortId } : { kind: 'text', value: text });
  }
  return terms;
}
