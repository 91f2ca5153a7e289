// Search within one issue's events (the events tab's box, Sentry's `/issues/{id}/events/?query=`): `key:value`
// matches the event's tags, the [key, value] pairs of its payload's `tags` (`user.email:` its user,
// `release:`/`environment:`/`level:` their columns), other words its text.
import { Prisma } from '../generated/prisma/client.ts';
import { SearchError, tokenize } from './search.ts';

const USER_FIELDS: Record<string, string> = {
  'user.id': 'id',
  'user.email': 'email',
  'user.username': 'username',
  'user.ip': 'ip_address',
};

function likeContains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A WHERE fragment over `"Event"` (no alias) for `query`; empty query = no condition. */
export function eventSearchSql(query: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const words: string[] = [];
  for (const t of tokenize(query)) {
    if (t.key === undefined) {
      words.push(t.values[0]);
      continue;
    }
    const key = t.key.toLowerCase();
    const user = USER_FIELDS[key];
    if (key === 'is' || key === 'has' || t.values.some((v) => v.includes('*'))) {
      throw new SearchError(`${t.key}: not supported in event search (use key:value or free text)`);
    }
    const column =
      key === 'release' || key === 'environment' || key === 'level'
        ? Prisma.raw(`"${key}"`)
        : user
          ? Prisma.sql`(data->'user'->>${user})`
          : undefined;
    const match = column
      ? Prisma.sql`${column} IN (${Prisma.join(t.values)})`
      : Prisma.sql`(data->'tags') @> ANY (${t.values.map((v) => JSON.stringify([[t.key, v]]))}::jsonb[])`;
    parts.push(t.negated ? Prisma.sql`NOT COALESCE(${match}, false)` : match);
  }
  const text = words.join(' ').trim();
  if (text)
    parts.push(
      Prisma.sql`(message ILIKE ${likeContains(text)} OR title ILIKE ${likeContains(text)}
        OR "eventId" = ${text.replace(/-/g, '').toLowerCase()})`,
    );
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`;
}
