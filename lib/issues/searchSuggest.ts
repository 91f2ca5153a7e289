// Pure: what the issue search box offers at the caret. The word being typed is either a key (`lev` → `level:`) or a
// value of a key (`level:er` → `error`); applying a suggestion replaces just that word.
import { LEVELS } from '../events/level.ts';
import { IS_VALUES } from './search.ts';

/** Keys offered first, in the order triagers reach for them; stored tag keys follow. */
export const SUGGESTED_KEYS = [
  'is',
  'level',
  'release',
  'first-release',
  'environment',
  'assigned',
  'user.email',
  'user.id',
  'user.username',
  'user.ip',
  'firstSeen',
  'lastSeen',
  'times_seen',
  'has',
  'message',
];

export interface CaretWord {
  /** Where the word starts and ends in the text (a leading `!` belongs to it). */
  start: number;
  end: number;
  negated: boolean;
  /** Set when the word is `key:value…`. */
  key?: string;
  /** What is typed of the key (no colon yet) or of the value. */
  typed: string;
}

/** The word at `caret`; a quoted value with spaces is not completed (the caret is inside quotes). */
export function wordAt(text: string, caret: number): CaretWord {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end])) end++;
  const word = text.slice(start, caret);
  const negated = word.startsWith('!');
  const body = negated ? word.slice(1) : word;
  const colon = body.indexOf(':');
  if (colon < 0) return { start, end, negated, typed: body };
  return { start, end, negated, key: body.slice(0, colon), typed: body.slice(colon + 1).replace(/^"/, '') };
}

/** Values known without asking the server; undefined = ask the tag values endpoint. */
export function staticValues(key: string): string[] | undefined {
  const k = key.toLowerCase();
  if (k === 'is') return IS_VALUES;
  if (k === 'level') return [...LEVELS].reverse();
  if (k === 'has')
    return SUGGESTED_KEYS.filter(
      (x) => !['is', 'has', 'firstSeen', 'lastSeen', 'times_seen', 'message', 'assigned', 'first-release'].includes(x),
    );
  if (k === 'firstseen' || k === 'lastseen') return ['-1h', '-24h', '-7d', '+7d', '+30d'];
  if (k === 'times_seen' || k === 'timesseen') return ['>10', '>100', '>1000'];
  return undefined;
}

/** Case-insensitive "contains", with prefix matches first; at most `limit`. */
export function rank(options: string[], typed: string, limit = 10): string[] {
  const t = typed.toLowerCase();
  const hits = options.filter((o) => o.toLowerCase().includes(t) && o !== typed);
  const prefix = hits.filter((o) => o.toLowerCase().startsWith(t));
  return [...new Set([...prefix, ...hits])].slice(0, limit);
}

/** Quotes a value that has spaces or quotes, the way the parser reads it back. */
export function quoteValue(v: string): string {
  return /[\s"]/.test(v) ? `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"` : v;
}

/**
 * The text after choosing `choice` for the word at the caret, and where the caret goes: a key gets its colon
 * (the value comes next), a value gets a trailing space (the next token comes next).
 */
export function applySuggestion(text: string, w: CaretWord, choice: string): { text: string; caret: number } {
  const bang = w.negated ? '!' : '';
  const before =
    text.slice(0, w.start) + (w.key === undefined ? `${bang}${choice}:` : `${bang}${w.key}:${quoteValue(choice)} `);
  const after = text.slice(w.end).replace(/^\s+/, '');
  const joined = w.key === undefined && after ? `${before} ${after}` : before + after;
  return { text: joined, caret: before.length };
}
