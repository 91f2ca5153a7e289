// Repositories by name, for set-commits. Sentry's repository shape with a "manual" provider (no integration).
import type { Db } from '../db.ts';
import type { Repository } from '../generated/prisma/client.ts';
import { ConflictError, conflictOn, NotFoundError } from '../errors.ts';

export function serializeRepo(r: Repository) {
  return {
    id: String(r.id),
    name: r.name,
    url: r.url,
    provider: { id: 'manual', name: 'Manual' },
    status: 'active',
    dateCreated: r.createdAt.toISOString(),
    integrationId: null,
    externalSlug: null,
  };
}

export function listRepos(db: Db, orgId: number, offset: number, take: number) {
  return db.repository.findMany({ where: { orgId }, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: offset, take });
}

export async function createRepo(db: Db, orgId: number, opts: { name: string; url?: string | null }) {
  const detail = `A repository named ${opts.name} already exists.`;
  if (await db.repository.findUnique({ where: { orgId_name: { orgId, name: opts.name } } }))
    throw new ConflictError(detail);
  return conflictOn(db.repository.create({ data: { orgId, name: opts.name, url: opts.url ?? null } }), detail);
}

export async function deleteRepo(db: Db, orgId: number, repoId: string) {
  const r = /^\d{1,12}$/.test(repoId)
    ? await db.repository.deleteMany({ where: { orgId, id: Number(repoId) } })
    : { count: 0 };
  if (r.count === 0) throw new NotFoundError();
}

/** The org's repositories among `names` (case-insensitive, as sentry-cli compares), by lowercased name. */
export async function reposByName(db: Db, orgId: number, names: string[]) {
  const rows = await db.repository.findMany({ where: { orgId, name: { in: names, mode: 'insensitive' } } });
  return new Map(rows.map((r) => [r.name.toLowerCase(), r]));
}
