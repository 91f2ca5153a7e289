// Creating a team if it does not exist yet, as project setup and LDAP group mapping need.
import type { Db } from '../db.ts';
import { assertSlug } from '../slug.ts';

export async function ensureTeam(db: Db, orgId: number, slug: string) {
  assertSlug(slug);
  return db.team.upsert({
    where: { orgId_slug: { orgId, slug } },
    update: {},
    create: { orgId, slug, name: slug },
  });
}
