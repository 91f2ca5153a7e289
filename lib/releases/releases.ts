// Releases of an organization: create (or extend) by version, list, change, finalize, delete; deploys.
// The worker creates the same rows from events (upsert on orgId+version), so both sides may come first.
import type { Db } from '../db.ts';
import { InvalidError, isUniqueViolation, NotFoundError } from '../errors.ts';
import { commitsFromList, commitsFromRefs, type CommitInput, type RefInput, type StoredCommit } from './commits.ts';
import { loadReleaseExtras } from './queries/extras.ts';
import { releaseInclude, serializeRelease, type ReleaseRow } from './serialize.ts';

/** Release fields a client may set. */
export interface ReleaseFields {
  ref?: string | null;
  url?: string | null;
  dateStarted?: Date | null;
  dateReleased?: Date | null;
  refs?: RefInput[];
  commits?: CommitInput[];
}

/**
 * The org's projects named by slug or numeric id (sentry-cli sends ids as numbers); unknown or invisible
 * ones are a 400 naming them, as Sentry answers.
 */
export async function resolveProjects(db: Db, orgId: number, visibleIds: number[], refs: (string | number)[]) {
  const slugs = refs.filter((r): r is string => typeof r === 'string');
  const ids = refs.filter((r): r is number => typeof r === 'number');
  const rows = await db.project.findMany({
    where: { orgId, id: { in: visibleIds }, OR: [{ slug: { in: slugs } }, { id: { in: ids } }] },
  });
  const missing = refs.filter((r) => !rows.some((p) => p.slug === r || p.id === r));
  if (missing.length) throw new InvalidError('projects', `Invalid project ids or slugs: ${missing.join(', ')}`);
  return rows;
}

async function commitsFor(db: Db, orgId: number, f: ReleaseFields): Promise<StoredCommit[] | undefined> {
  if (f.refs) return commitsFromRefs(db, orgId, f.refs);
  if (f.commits) return commitsFromList(db, orgId, f.commits);
  return undefined;
}

/**
 * Creates the release, or adds projects to an existing one (then `created` is false: Sentry answers 208).
 * An existing release (e.g. made by the worker from events) gets the fields it does not have yet.
 */
export async function createRelease(db: Db, orgId: number, version: string, projectIds: number[], f: ReleaseFields) {
  const commits = await commitsFor(db, orgId, f);
  let created = true;
  let release = await db.release
    .create({
      data: {
        orgId,
        version,
        ref: f.ref ?? null,
        url: f.url ?? null,
        dateStarted: f.dateStarted ?? null,
        dateReleased: f.dateReleased ?? null,
        ...(commits ? { commits: commits as object[] } : {}),
      },
    })
    .catch((e) => {
      if (isUniqueViolation(e)) return null;
      throw e;
    });
  if (!release) {
    created = false;
    const existing = await db.release.findUniqueOrThrow({ where: { orgId_version: { orgId, version } } });
    release = await db.release.update({
      where: { id: existing.id },
      data: {
        ref: existing.ref ?? f.ref ?? null,
        url: existing.url ?? f.url ?? null,
        dateStarted: existing.dateStarted ?? f.dateStarted ?? null,
        dateReleased: existing.dateReleased ?? f.dateReleased ?? null,
        ...(commits ? { commits: commits as object[] } : {}),
      },
    });
  }
  await addReleaseProjects(db, release.id, projectIds);
  return {
    release: await db.release.findUniqueOrThrow({ where: { id: release.id }, include: releaseInclude }),
    created,
  };
}

/** Links the release to these projects too (idempotent). */
export async function addReleaseProjects(db: Db, releaseId: number, projectIds: number[]) {
  await db.releaseProject.createMany({
    data: projectIds.map((projectId) => ({ releaseId, projectId })),
    skipDuplicates: true,
  });
}

/**
 * An update addressed through a project (sentry-cli 2.x's `releases finalize` PUTs to the project route): the release
 * is found among the caller's projects as on the organization route, and is linked to the project of the URL.
 */
export async function updateProjectRelease(
  db: Db,
  orgId: number,
  visibleIds: number[],
  projectId: number,
  version: string,
  f: ReleaseFields,
) {
  const release = await findRelease(db, orgId, visibleIds, version);
  await addReleaseProjects(db, release.id, [projectId]);
  return updateRelease(db, orgId, release.id, f);
}

/** Releases linked to any of `visibleIds` (or to one project), newest first; `query` matches the version. */
export function listReleases(
  db: Db,
  orgId: number,
  visibleIds: number[],
  opts: { query?: string; projectIds?: number[] },
  offset: number,
  take: number,
) {
  const projects = opts.projectIds ? visibleIds.filter((id) => opts.projectIds!.includes(id)) : visibleIds;
  return db.release.findMany({
    where: {
      orgId,
      projects: { some: { projectId: { in: projects } } },
      ...(opts.query ? { version: { contains: opts.query, mode: 'insensitive' as const } } : {}),
    },
    include: releaseInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: offset,
    take,
  });
}

/** One release by version; a release none of whose projects the caller sees is not found. */
export async function findRelease(db: Db, orgId: number, visibleIds: number[], version: string) {
  const r = await db.release.findUnique({ where: { orgId_version: { orgId, version } }, include: releaseInclude });
  if (!r || (r.projects.length > 0 && !r.projects.some((p) => visibleIds.includes(p.projectId))))
    throw new NotFoundError();
  return r;
}

/** PUT: `dateReleased` finalizes; `refs` / `commits` replace the commits. */
export async function updateRelease(db: Db, orgId: number, releaseId: number, f: ReleaseFields) {
  const commits = await commitsFor(db, orgId, f);
  return db.release.update({
    where: { id: releaseId },
    data: {
      ...(f.ref !== undefined ? { ref: f.ref } : {}),
      ...(f.url !== undefined ? { url: f.url } : {}),
      ...(f.dateStarted !== undefined ? { dateStarted: f.dateStarted } : {}),
      ...(f.dateReleased !== undefined ? { dateReleased: f.dateReleased } : {}),
      ...(commits ? { commits: commits as object[] } : {}),
    },
    include: releaseInclude,
  });
}

/**
 * Deletes a release with its deploys. Like Sentry, a release that issues point at (it introduced or last saw
 * them) stays: deleting it would orphan their history.
 */
export async function deleteRelease(
  db: Db,
  release: { id: number; version: string; projects: { projectId: number; newIssues: number }[] },
) {
  const projectIds = release.projects.map((p) => p.projectId);
  const used =
    release.projects.some((p) => p.newIssues > 0) ||
    (projectIds.length > 0 &&
      (await db.issue.count({
        where: {
          projectId: { in: projectIds },
          OR: [{ firstRelease: release.version }, { lastRelease: release.version }],
        },
        take: 1,
      })) > 0);
  if (used) throw new InvalidError(null, 'This release is referenced by active issues and cannot be removed.');
  await db.release.delete({ where: { id: release.id } });
}

export function listDeploys(db: Db, releaseId: number, offset: number, take: number) {
  return db.deploy.findMany({
    where: { releaseId },
    orderBy: [{ dateFinished: 'desc' }, { id: 'desc' }],
    skip: offset,
    take,
  });
}

export function createDeploy(
  db: Db,
  releaseId: number,
  d: {
    environment: string;
    name?: string | null;
    url?: string | null;
    dateStarted?: Date | null;
    dateFinished?: Date | null;
  },
) {
  return db.deploy.create({
    data: {
      releaseId,
      environment: d.environment,
      name: d.name ?? null,
      url: d.url ?? null,
      dateStarted: d.dateStarted ?? null,
      ...(d.dateFinished ? { dateFinished: d.dateFinished } : {}),
    },
  });
}

/** The API shape of a page of releases: loads what they need from other tables in three queries, then serializes. */
export async function serializeReleases(db: Db, rows: ReleaseRow[]) {
  const x = await loadReleaseExtras(db, rows);
  return rows.map((r) => serializeRelease(r, x));
}
