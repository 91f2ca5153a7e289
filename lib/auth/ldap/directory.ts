// Talking to the directory with ldapts: service bind, user search by filter, bind as the user, group lookup.
// Every client is unbound in `finally` (also after a failed bind), or its socket keeps the process alive.
import { Client, InvalidCredentialsError } from 'ldapts';
import { escapeFilterValue, userFilter } from './filter.ts';
import { cachedGroups } from './groupCache.ts';
import type { LdapSettings } from './settings.ts';

export type Attributes = Record<string, string[]>;

export interface DirectoryEntry {
  dn: string;
  attrs: Attributes;
}

/** The directory cannot be asked (down, TLS failure, wrong service credentials, bad search base). */
export class DirectoryUnavailableError extends Error {}

/** One step of a directory sign-in, for the admin test page. Never carries a password. */
export interface DirectoryStep {
  step: string;
  ok: boolean;
  detail: string;
}
export type StepSink = (s: DirectoryStep) => void;

export type LookupResult =
  | { kind: 'not-found' }
  | { kind: 'ambiguous'; count: number }
  | { kind: 'bad-password'; entry: DirectoryEntry }
  | { kind: 'ok'; entry: DirectoryEntry; groups: string[]; passwordChecked: boolean };

function toStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}

export function firstAttr(entry: DirectoryEntry, name: string): string | undefined {
  const key = Object.keys(entry.attrs).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? entry.attrs[key][0] : undefined;
}

/** The LDAP error as an admin can read it: ldapts' messages are often just "Code: 0x31", so name the result. */
function errorText(e: unknown): string {
  const err = e as { message?: string; code?: unknown; name?: string };
  const message = (err?.message ?? String(e)).replace(/\s*Code: 0x[0-9a-f]+\s*$/i, '').trim();
  if (typeof err?.code === 'number' && err.name?.endsWith('Error')) {
    const name = err.name
      .replace(/Error$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    return `${name} (LDAP result ${err.code})${message ? `: ${message}` : ''}`;
  }
  return message || String(e);
}

async function connect(s: LdapSettings): Promise<Client> {
  const client = new Client({ url: s.server, timeout: s.timeoutMs, connectTimeout: s.timeoutMs });
  if (s.startTls) await client.startTLS({});
  return client;
}

async function safeUnbind(client: Client) {
  await client.unbind().catch(() => undefined);
}

async function fetchGroups(client: Client, s: LdapSettings, entry: DirectoryEntry): Promise<string[]> {
  if (s.groupType === 'memberOf') return toStrings(entry.attrs.memberOf ?? entry.attrs.memberof);
  const dn = escapeFilterValue(entry.dn);
  let filter: string;
  if (s.groupType === 'groupOfUniqueNames') filter = `(&(objectClass=groupOfUniqueNames)(uniqueMember=${dn}))`;
  else if (s.groupType === 'groupOfNames') filter = `(&(objectClass=groupOfNames)(member=${dn}))`;
  else {
    // posixGroup lists members by uid (memberUid); the primary group is the entry's gidNumber.
    const uid = escapeFilterValue(firstAttr(entry, 'uid') ?? firstAttr(entry, s.usernameField) ?? '');
    const gid = firstAttr(entry, 'gidNumber');
    filter = gid
      ? `(&(objectClass=posixGroup)(|(memberUid=${uid})(gidNumber=${escapeFilterValue(gid)})))`
      : `(&(objectClass=posixGroup)(memberUid=${uid}))`;
  }
  const { searchEntries } = await client.search(s.groupDn!, { scope: 'sub', filter, attributes: ['dn'] });
  return searchEntries.map((e) => e.dn);
}

/**
 * Finds the one entry the filter matches for `username`, checks `password` by binding as it (skipped when
 * password is undefined: the admin test without a password), and reads its groups.
 */
export async function lookupUser(
  s: LdapSettings,
  username: string,
  password: string | undefined,
  step: StepSink = () => undefined,
): Promise<LookupResult> {
  const service = await connectAndBindService(s, step);
  try {
    const filter = userFilter(s.userFilter, username);
    let found: DirectoryEntry[];
    try {
      const attributes = ['*', 'memberOf'];
      // sizeLimit 2: one is a match, two is ambiguous; more would only cost time.
      const { searchEntries } = await service.search(s.userDn, { scope: 'sub', filter, attributes, sizeLimit: 2 });
      found = searchEntries.map((e) => ({
        dn: e.dn,
        attrs: Object.fromEntries(
          Object.entries(e)
            .filter(([k]) => k !== 'dn')
            .map(([k, v]) => [k, toStrings(v)]),
        ),
      }));
    } catch (e) {
      if ((e as Error).name === 'SizeLimitExceededError')
        found = [
          { dn: '', attrs: {} },
          { dn: '', attrs: {} },
        ];
      else {
        step({ step: 'search', ok: false, detail: `base ${s.userDn}, filter ${filter}: ${errorText(e)}` });
        throw new DirectoryUnavailableError(`user search failed: ${errorText(e)}`);
      }
    }
    step({
      step: 'search',
      ok: found.length === 1,
      detail: `base ${s.userDn}, filter ${filter}: ${found.length} entr${found.length === 1 ? 'y' : 'ies'}`,
    });
    if (found.length === 0) return { kind: 'not-found' };
    if (found.length > 1) return { kind: 'ambiguous', count: found.length };
    const entry = found[0];
    step({ step: 'entry', ok: true, detail: entry.dn });

    let passwordChecked = false;
    if (password !== undefined) {
      if (!(await bindAsUser(s, entry.dn, password, step))) return { kind: 'bad-password', entry };
      passwordChecked = true;
    } else {
      step({ step: 'user bind', ok: true, detail: 'skipped (no password given)' });
    }

    let groups: string[];
    try {
      groups = await cachedGroups(s, entry.dn, () => fetchGroups(service, s, entry));
    } catch (e) {
      step({ step: 'groups', ok: false, detail: `${s.groupType}: ${errorText(e)}` });
      throw new DirectoryUnavailableError(`group lookup failed: ${errorText(e)}`);
    }
    step({ step: 'groups', ok: true, detail: `${s.groupType}: ${groups.length ? groups.join('; ') : '(none)'}` });
    return { kind: 'ok', entry, groups, passwordChecked };
  } finally {
    await safeUnbind(service);
  }
}

async function connectAndBindService(s: LdapSettings, step: StepSink): Promise<Client> {
  let client: Client | undefined;
  try {
    client = await connect(s);
    if (s.bindDn) await client.bind(s.bindDn, s.bindPassword ?? '');
    step({
      step: 'service bind',
      ok: true,
      detail: `${s.server} as ${s.bindDn ?? 'anonymous'}${s.startTls ? ' (StartTLS)' : ''}`,
    });
    return client;
  } catch (e) {
    if (client) await safeUnbind(client);
    step({ step: 'service bind', ok: false, detail: `${s.server} as ${s.bindDn ?? 'anonymous'}: ${errorText(e)}` });
    throw new DirectoryUnavailableError(`cannot bind to ${s.server} as ${s.bindDn ?? 'anonymous'}: ${errorText(e)}`);
  }
}

/** True when the password is right. An empty password is refused before any bind: LDAP treats a simple bind
 *  with a DN and no password as an anonymous ("unauthenticated") bind that succeeds (RFC 4513 5.1.2). */
async function bindAsUser(s: LdapSettings, dn: string, password: string, step: StepSink): Promise<boolean> {
  if (!password) {
    step({ step: 'user bind', ok: false, detail: 'empty password refused' });
    return false;
  }
  let client: Client | undefined;
  try {
    client = await connect(s);
    await client.bind(dn, password);
    step({ step: 'user bind', ok: true, detail: `bound as ${dn}` });
    return true;
  } catch (e) {
    if (e instanceof InvalidCredentialsError) {
      step({ step: 'user bind', ok: false, detail: `${dn}: ${errorText(e)}` });
      return false;
    }
    step({ step: 'user bind', ok: false, detail: `${dn}: ${errorText(e)}` });
    throw new DirectoryUnavailableError(`bind as ${dn} failed: ${errorText(e)}`);
  } finally {
    if (client) await safeUnbind(client);
  }
}
