// Who is asking (API token or session) and what their organization role and token scopes let them do.
// Anything of an organization the principal does not belong to answers 404, never 403, so ids cannot be probed.
import { getServerSession } from 'next-auth';
import { db } from '../db.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.ts';
import { hashToken, type Scope } from './apiTokens.ts';
import { authOptions } from './nextAuthOptions.ts';
import { ROLE_SCOPES } from './scopes.ts';
import type { RoleName } from './roles.ts';

export interface Principal {
  user: { id: number; email: string; name: string; isSuperuser: boolean; username: string | null };
  /** Scopes of the API token; null for a signed-in session (limited by role only). */
  tokenScopes: ReadonlySet<string> | null;
  tokenId?: number;
}

async function fromToken(header: string): Promise<Principal | null> {
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(m[1]) }, include: { user: true } });
  if (!row || !row.user.isActive || (row.expiresAt && row.expiresAt < new Date())) return null;
  // Updating on every call would write per request; once a minute is enough to show "last used".
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const u = row.user;
  return {
    user: { id: u.id, email: u.email, name: u.name, isSuperuser: u.isSuperuser, username: u.username },
    tokenScopes: new Set(row.scopes),
    tokenId: row.id,
  };
}

async function fromSession(): Promise<Principal | null> {
  const session = (await getServerSession(authOptions())) as { uid?: number } | null;
  if (!session?.uid) return null;
  const u = await db().user.findUnique({ where: { id: session.uid } });
  if (!u || !u.isActive) return null;
  return {
    user: { id: u.id, email: u.email, name: u.name, isSuperuser: u.isSuperuser, username: u.username },
    tokenScopes: null,
  };
}

/** The principal of a request, or null. A bad bearer token is not silently ignored: it is a 401. */
export async function authenticate(req: Request): Promise<Principal | null> {
  const header = req.headers.get('authorization');
  if (header) {
    const p = await fromToken(header);
    if (!p) throw new UnauthenticatedError('Invalid token');
    return p;
  }
  return fromSession();
}

export async function requirePrincipal(req: Request): Promise<Principal> {
  const p = await authenticate(req);
  if (!p) throw new UnauthenticatedError('Authentication credentials were not provided.');
  return p;
}

/** Page variant: the signed-in user or null (pages redirect to the login page). */
export async function currentPrincipal(): Promise<Principal | null> {
  return fromSession();
}

function allowed(p: Principal, role: RoleName | null, scope: Scope): boolean {
  if (p.tokenScopes && !p.tokenScopes.has(scope)) return false;
  if (p.user.isSuperuser) return true;
  return role !== null && ROLE_SCOPES[role].has(scope);
}

/** Throws forbidden unless the principal has the scope in this role. */
export function requireScope(p: Principal, role: RoleName | null, scope: Scope): void {
  if (!allowed(p, role, scope))
    throw new ForbiddenError(`You do not have permission to perform this action (needs ${scope}).`);
}

/**
 * One scope, several all checked in order (the first missing one is named in the 403), or `{ anyOf }`: any one
 * of them suffices, as Sentry's endpoint permissions list alternatives (`org:write` or `alerts:write`).
 */
export type Scopes = Scope | readonly Scope[] | { anyOf: readonly Scope[] };

export function requireScopes(p: Principal, role: RoleName | null, scopes: Scopes): void {
  if (typeof scopes === 'object' && 'anyOf' in scopes) {
    if (!scopes.anyOf.some((scope) => allowed(p, role, scope)))
      throw new ForbiddenError(
        `You do not have permission to perform this action (needs one of ${scopes.anyOf.join(', ')}).`,
      );
    return;
  }
  for (const scope of typeof scopes === 'string' ? [scopes] : scopes) requireScope(p, role, scope);
}

/** The organization by slug and the principal's role in it; 404 unless a member (or superuser), then the scopes. */
export async function orgAccess(p: Principal, orgSlug: string, scopes: Scopes = 'org:read') {
  const org = await db().organization.findUnique({ where: { slug: orgSlug } });
  if (!org) throw new NotFoundError();
  const m = await db().membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: p.user.id } } });
  if (!m && !p.user.isSuperuser) throw new NotFoundError();
  const role = (m?.role ?? null) as RoleName | null;
  requireScopes(p, role, scopes);
  return { org, role };
}

/** Account-level actions (own API tokens, admin pages) need a signed-in person, not an API token. */
export function requireSession(p: Principal): void {
  if (p.tokenScopes) throw new ForbiddenError('This endpoint needs a signed-in session; API tokens cannot use it.');
}

/** Instance administration (users, directory test): superusers only. */
export function requireSuperuser(p: Principal): void {
  if (!p.user.isSuperuser)
    throw new ForbiddenError('You do not have permission to perform this action (superuser only).');
}
