// Creating an organization if it does not exist yet, as `faultline createuser --org` and first start need.
import type { Db } from '../db.ts';
import { assertSlug } from '../slug.ts';

export async function ensureOrg(db: Db, slug: string, name?: string) {
  assertSlug(slug);
  return db.organization.upsert({ where: { slug }, update: {}, create: { slug, name: name ?? slug } });
}
