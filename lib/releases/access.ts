// Access to one release: the organization and the caller's scopes first, then the release among visible projects.
// Release endpoints read with org:read and write with project:releases (what sentry-cli's CI tokens carry).
import { orgAccess, type Principal, type Scopes } from '../auth/access.ts';
import { db } from '../db.ts';
import { visibleProjectIds } from '../projects/visibility.ts';
import { findRelease } from './releases.ts';

/** Next.js has already percent-decoded the version segment (sentry-cli encodes `@`, `+`, spaces...). */
export async function releaseAccess(p: Principal, params: { org: string; version: string }, scopes: Scopes) {
  const { org, role } = await orgAccess(p, params.org, scopes);
  const release = await findRelease(db(), org.id, await visibleProjectIds(p, org.id, role), params.version);
  return { org, role, release };
}
