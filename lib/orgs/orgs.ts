// Organizations: the principal's list and settings changes.
import type { Db } from '../db.ts';
import { ConflictError, conflictOn, InvalidError } from '../errors.ts';
import { slugProblem } from '../slug.ts';
import type { Principal } from '../auth/access.ts';

/** The principal's organizations by name (all of them for a superuser), a page at a time. */
export function listOrgs(db: Db, p: Principal, offset: number, take: number) {
  return db.organization.findMany({
    where: p.user.isSuperuser ? {} : { memberships: { some: { userId: p.user.id } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    skip: offset,
    take,
  });
}

export interface OrgChanges {
  name?: string;
  slug?: string;
  openMembership?: boolean;
}

export async function updateOrg(db: Db, orgId: number, changes: OrgChanges) {
  if (changes.slug !== undefined) {
    const problem = slugProblem(changes.slug);
    if (problem) throw new InvalidError('slug', `${problem}`);
    const taken = await db.organization.findUnique({ where: { slug: changes.slug } });
    if (taken && taken.id !== orgId) throw new ConflictError('slug: an organization with this slug already exists');
  }
  return conflictOn(
    db.organization.update({ where: { id: orgId }, data: changes }),
    'slug: an organization with this slug already exists',
  );
}
