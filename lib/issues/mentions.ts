// Pure: who a comment mentions. `@alice` (a username, or the part of an email before the @) or `@alice@example.com`.

const MENTION = /(^|[^\w.@])@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)/g;

/** The handles mentioned in `text`, lower-cased, each once, without a trailing full stop. */
export function mentionHandles(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION)) out.add(m[2].replace(/\.+$/, '').toLowerCase());
  return [...out];
}

export interface Mentionable {
  id: number;
  email: string;
  username: string | null;
}

/** Members a handle names: the same email, username, or email local part (only when that part is unique). */
export function resolveMentions(handles: string[], members: Mentionable[]): Mentionable[] {
  const found = new Map<number, Mentionable>();
  for (const h of handles) {
    const exact = members.filter((m) => m.email.toLowerCase() === h || m.username?.toLowerCase() === h);
    const local = members.filter((m) => m.email.toLowerCase().split('@')[0] === h);
    for (const m of exact.length ? exact : local.length === 1 ? local : []) found.set(m.id, m);
  }
  return [...found.values()];
}
