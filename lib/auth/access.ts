// The one authorization helper: who is asking (API token or session) and what they may see.
// Anything of an organization the principal does not belong to answers 404, never 403, so ids cannot be probed.
import { getServerSession } from 'next-auth';
import { db } from '../db.ts';
import { HttpError } from '../api/respond.ts';
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
  return { user: { id: u.id, email: u.email, name: u.name, isSuperuser: u.isSuperuser, username: u.username }, tokenScopes: null };
}

/** The principal of a request, or null. A bad bearer token is not silently ignored: it is a 401. */
export async function authenticate(req: Request): Promise<Principal | null> {
  const header = req.headers.get('authorization');
  if (header) {
    const p = await fromToken(header);
    if (!p) throw new HttpError(401, 'Invalid token');
    return p;
  }
  return fromSession();
}

export async function requirePrincipal(req: Request): Promise<Principal> {
  const p = await authenticate(req);
  if (!p) throw new HttpError(401, 'Authentication credentials were not provided.');
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

/** Throws 403 unless the principal has the scope in this role. */
export function requireScope(p: Principal, role: RoleName | null, scope: Scope): void {
  if (!allowed(p, role, scope)) throw new HttpError(403, `You do not have permission to perform this action (needs ${scope}).`);
}

export async function orgAccess(p: Principal, orgSlug: string, scope: Scope = 'org:read') {
  const org = await db().organization.findUnique({ where: { slug: orgSlug } });
  if (!org) throw new HttpError(404, 'The requested resource does not exist');
  const m = await db().membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: p.user.id } } });
  if (!m && !p.user.isSuperuser) throw new HttpError(404, 'The requested resource does not exist');
  const role = (m?.role ?? null) as RoleName | null;
  requireScope(p, role, scope);
  return { org, role };
}

/** Ids of the org's projects the principal may see: all with open membership or admin+, else their teams'. */
export async function visibleProjectIds(p: Principal, orgId: number, role: RoleName | null): Promise<number[]> {
  const org = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
  if (p.user.isSuperuser || org.openMembership || (role && role !== 'member')) {
    return (await db().project.findMany({ where: { orgId }, select: { id: true } })).map((r) => r.id);
  }
  const rows = await db().project.findMany({
    where: { orgId, teams: { some: { team: { members: { some: { userId: p.user.id } } } } } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function projectAccess(p: Principal, orgSlug: string, projectSlug: string, scope: Scope = 'project:read') {
  const { org, role } = await orgAccess(p, orgSlug, 'org:read');
  const project = await db().project.findUnique({ where: { orgId_slug: { orgId: org.id, slug: projectSlug } } });
  if (!project || !(await visibleProjectIds(p, org.id, role)).includes(project.id)) {
    throw new HttpError(404, 'The requested resource does not exist');
  }
  requireScope(p, role, scope);
  return { org, project, role };
}

/** Access to one issue by its numeric id; 404 for malformed ids and other orgs' issues alike. */
export async function issueAccess(p: Principal, issueId: string, scope: Scope = 'event:read') {
  if (!/^\d{1,12}$/.test(issueId)) throw new HttpError(404, 'The requested resource does not exist');
  const issue = await db().issue.findUnique({ where: { id: Number(issueId) }, include: { project: { include: { org: true } } } });
  if (!issue) throw new HttpError(404, 'The requested resource does not exist');
  const { org, project, role } = await projectAccess(p, issue.project.org.slug, issue.project.slug, 'project:read');
  requireScope(p, role, scope);
  return { org, project, role, issue };
}

/** Account-level actions (own API tokens, admin pages) need a signed-in person, not an API token. */
export function requireSession(p: Principal): void {
  if (p.tokenScopes) throw new HttpError(403, 'This endpoint needs a signed-in session; API tokens cannot use it.');
}

/** Instance administration (users, directory test): superusers only. */
export function requireSuperuser(p: Principal): void {
  if (!p.user.isSuperuser) throw new HttpError(403, 'You do not have permission to perform this action (superuser only).');
}
