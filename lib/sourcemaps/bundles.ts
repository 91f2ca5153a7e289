// Project settings → Source maps: the project's bundles, newest first, and removing one from the project.
import { db } from '../db.ts';
import { NotFoundError } from '../errors.ts';
import type { ArtifactBundleShape } from './contract.ts';

const FILES_SHOWN = 50;

export async function listProjectBundles(
  projectId: number,
  offset: number,
  take: number,
): Promise<ArtifactBundleShape[]> {
  const rows = await db().artifactBundle.findMany({
    where: { projects: { some: { projectId } } },
    orderBy: { id: 'desc' },
    skip: offset,
    take,
    include: {
      files: {
        select: { url: true, type: true, debugId: true, size: true },
        orderBy: { url: 'asc' },
        take: FILES_SHOWN,
      },
    },
  });
  const ids = rows.map((r) => r.id);
  // Debug IDs over all files, not only the ones shown.
  const debug = await db().artifactFile.findMany({
    where: { bundleId: { in: ids }, debugId: { not: null } },
    distinct: ['bundleId', 'debugId'],
    select: { bundleId: true, debugId: true },
  });
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    bundleId: r.bundleId,
    release: r.release,
    dist: r.dist || null,
    fileCount: r.fileCount,
    size: r.size,
    date: r.createdAt.toISOString(),
    lastUsed: r.lastUsedAt?.toISOString() ?? null,
    debugIds: debug.filter((d) => d.bundleId === r.id).map((d) => d.debugId!),
    files: r.files,
  }));
}

/**
 * Removes the bundle from this project; the bundle itself goes once no project uses it (one upload may serve
 * several projects).
 */
export async function removeProjectBundle(projectId: number, id: number): Promise<void> {
  await db().$transaction(async (tx) => {
    const link = await tx.artifactBundleProject.deleteMany({ where: { bundleId: id, projectId } });
    if (!link.count) throw new NotFoundError();
    if (!(await tx.artifactBundleProject.count({ where: { bundleId: id } })))
      await tx.artifactBundle.delete({ where: { id } });
  });
}
