// The one route wrapper for /api/0: a handler declares what it needs (principal, organization, project, issue,
// release, scopes, session, superuser), the wrapper resolves and checks it, and the handler gets a typed context.
// Thrown errors become `{"detail": ...}` answers through the one mapping in respond.ts. Writes by a signed-in
// session must come from Faultline's own origin (crossSite.ts); API tokens are not sent by browsers on their own.
import type { Scope } from '../auth/scopes.ts';
import {
  authenticate,
  orgAccess,
  requirePrincipal,
  requireScope,
  requireScopes,
  requireSession,
  requireSuperuser,
  type Principal,
  type Scopes,
} from '../auth/access.ts';
import type { RoleName } from '../auth/roles.ts';
import { issueAccess } from '../issues/access.ts';
import { NotFoundError } from '../errors.ts';
import { log } from '../log.ts';
import { projectAccess } from '../projects/access.ts';
import { visibleProjectIds } from '../projects/visibility.ts';
import { releaseAccess } from '../releases/access.ts';
import { requireSameOriginWrite } from './crossSite.ts';
import { toErrorResponse } from './respond.ts';

/**
 * What a route needs. At most one of org / project / issue / release, each with the scopes to check in order.
 * Checks run as: principal, session, superuser, then the resource, then `scope`.
 */
export interface Needs {
  /** `'optional'`: anonymous callers get `principal: null` (the API root). Otherwise a principal is required (401). */
  principal?: 'optional';
  /** A signed-in person, not an API token (403 for tokens). */
  session?: true;
  /** Instance administration (403 for everyone else). */
  superuser?: true;
  /** `params.org`: 404 unless a member (or superuser), then these scopes. */
  org?: Scopes;
  /** `params.org` + `params.project`: org:read, the project among those visible (else 404), then these scopes. */
  project?: Scopes;
  /** `params.issueId` (and `params.org` when the route sits under one): project:read, then these scopes. */
  issue?: Scopes;
  /** `params.org` + `params.version`: these scopes on the organization, then the release among visible projects. */
  release?: Scopes;
  /** Scopes with no organization: membership decides what is seen, so only the API token must carry them. */
  scope?: Scopes;
}

type Params = Record<string, string>;

interface OrgContext {
  org: Awaited<ReturnType<typeof orgAccess>>['org'];
  role: RoleName | null;
  /** Throws forbidden unless the caller has this scope here; for checks that depend on what the handler found. */
  requireScope(scope: Scope): void;
  /** The organization's projects the caller may see (looked up once, on first call). */
  visibleProjectIds(): Promise<number[]>;
}

type Any<N, K extends keyof Needs> = N extends { [k in K]: Scopes } ? true : never;

export type AccessContext<N extends Needs> = {
  req: Request;
  params: Params;
  principal: N extends { principal: 'optional' } ? Principal | null : Principal;
} & (true extends Any<N, 'org'> | Any<N, 'project'> | Any<N, 'issue'> | Any<N, 'release'> ? OrgContext : unknown) &
  (true extends Any<N, 'project'> | Any<N, 'issue'>
    ? { project: Awaited<ReturnType<typeof projectAccess>>['project'] }
    : unknown) &
  (true extends Any<N, 'issue'> ? { issue: Awaited<ReturnType<typeof issueAccess>>['issue'] } : unknown) &
  (true extends Any<N, 'release'> ? { release: Awaited<ReturnType<typeof releaseAccess>>['release'] } : unknown);

function param(params: Params, name: string): string {
  const v = params[name];
  if (v === undefined) throw new Error(`route declares a need for the "${name}" URL segment but has none`);
  return v;
}

/** Resolves the one resource a route declared: its organization, role, and project / issue / release. */
async function resolve(p: Principal, needs: Needs, params: Params) {
  if (needs.issue !== undefined)
    return issueAccess(p, { issueId: param(params, 'issueId'), org: params.org }, needs.issue);
  if (needs.project !== undefined)
    return projectAccess(p, param(params, 'org'), param(params, 'project'), needs.project);
  if (needs.release !== undefined)
    return releaseAccess(p, { org: param(params, 'org'), version: param(params, 'version') }, needs.release);
  if (needs.org !== undefined) return orgAccess(p, param(params, 'org'), needs.org);
  return null;
}

/** The caller; a signed-in session (no token) must also pass the cross-site check for writes. */
async function caller(req: Request, optional: boolean): Promise<Principal | null> {
  const p = optional ? await authenticate(req) : await requirePrincipal(req);
  if (p && !p.tokenScopes) requireSameOriginWrite(req);
  return p;
}

async function context(req: Request, needs: Needs, params: Params): Promise<Record<string, unknown>> {
  if (needs.principal === 'optional') return { req, params, principal: await caller(req, true) };
  const p = (await caller(req, false))!;
  // A NUL (`%00`) names nothing (PostgreSQL text cannot hold one): not found, rather than a failing query.
  if (Object.values(params ?? {}).some((v) => typeof v === 'string' && v.includes('\0'))) throw new NotFoundError();
  if (needs.session) requireSession(p);
  if (needs.superuser) requireSuperuser(p);
  const found = await resolve(p, needs, params);
  // Without an organization there is no role: 'owner' stands for "whatever the token carries".
  if (needs.scope !== undefined) requireScopes(p, found ? found.role : 'owner', needs.scope);
  if (!found) return { req, params, principal: p };
  const { org, role } = found;
  let visible: Promise<number[]> | undefined;
  return {
    ...found,
    req,
    params,
    principal: p,
    requireScope: (scope: Scope) => requireScope(p, role, scope),
    visibleProjectIds: () => (visible ??= visibleProjectIds(p, org.id, role)),
  };
}

/**
 * `export const GET = withAccess({ project: 'event:read' }, async ({ project }) => json(...))`.
 * The result has the signature Next.js calls route handlers with.
 */
export function withAccess<const N extends Needs>(needs: N, handler: (ctx: AccessContext<N>) => Promise<Response>) {
  return async (req: Request, ctx: { params: Promise<Params> }): Promise<Response> => {
    try {
      return await handler((await context(req, needs, await ctx.params)) as AccessContext<N>);
    } catch (e) {
      return toErrorResponse(e, log.error);
    }
  };
}
