// Finding a release for a request: the org by slug, the caller's role, and the release among visible projects.
import { orgAccess, requirePrincipal, requireScope, visibleProjectIds } from '../auth/access.ts';
import { db } from '../db.ts';
import { findRelease } from './releases.ts';

/**
 * Release endpoints read with org:read and write with project:releases (what sentry-cli's CI tokens carry).
 * Next.js has already percent-decoded the version segment (sentry-cli encodes `@`, `+`, spaces...).
 */
export async function releaseAccess(req: Request, params: { org: string; version: string }, write: boolean) {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'org:read');
  if (write) requireScope(p, role, 'project:releases');
  const release = await findRelease(db(), org.id, await visibleProjectIds(p, org.id, role), params.version);
  return { p, org, role, release };
}
