// What `GET /api/0/` answers: the API version, the caller and the scopes it holds (sentry-cli's `info`).
import type { Db } from '../db.ts';
import type { Principal } from '../auth/access.ts';
import type { RoleName } from '../auth/roles.ts';
import { effectiveScopes, serializeUser } from './serialize.ts';

/**
 * A token's scopes as granted; a session's are the union of its roles' scopes over its organizations
 * (what the person may do somewhere), so the dashboard can tell what to offer.
 */
export async function apiIndex(db: Db, p: Principal | null) {
  if (!p) return { version: '0', auth: null, user: null };
  const user = await db.user.findUniqueOrThrow({ where: { id: p.user.id } });
  let scopes: string[];
  if (p.tokenScopes) scopes = [...p.tokenScopes].sort();
  else {
    const roles = await db.membership.findMany({ where: { userId: p.user.id }, select: { role: true } });
    const all = new Set<string>(effectiveScopes(null, p.user.isSuperuser, null));
    for (const r of roles) for (const s of effectiveScopes(r.role as RoleName, false, null)) all.add(s);
    scopes = [...all].sort();
  }
  return { version: '0', auth: { scopes }, user: serializeUser(user) };
}
