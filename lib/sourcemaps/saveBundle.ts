// Storing an assembled artifact bundle: the bundle row, its projects, and its files extracted for lookups.
import { db } from '../db.ts';
import { isUniqueViolation } from '../errors.ts';
import type { ParsedBundle } from './bundle.ts';
import { signalUpload } from './uploadSignal.ts';

/** A stored bundle serves more projects (one upload for several); their workers hear of it like of an upload. */
export async function linkBundleProjects(orgId: number, bundleId: number, projectIds: number[]): Promise<void> {
  if (!projectIds.length) return;
  const added = await db().artifactBundleProject.createMany({
    data: projectIds.map((projectId) => ({ bundleId, projectId })),
    skipDuplicates: true,
  });
  if (added.count) await signalUpload(db(), orgId);
}

/** Stores a parsed bundle and its files for these projects (also used by tests to seed bundles). */
export async function saveBundle(
  orgId: number,
  projectIds: number[],
  bundle: ParsedBundle,
  meta: { checksum: string; release?: string | null; dist?: string | null },
): Promise<number> {
  try {
    return await db().$transaction(
      async (tx) => {
        const row = await tx.artifactBundle.create({
          data: {
            orgId,
            bundleId: bundle.bundleId,
            checksum: meta.checksum,
            release: meta.release ?? bundle.release,
            dist: meta.dist ?? bundle.dist ?? '',
            fileCount: bundle.files.length,
            size: bundle.files.reduce((n, f) => n + f.content.length, 0),
            projects: { create: projectIds.map((projectId) => ({ projectId })) },
          },
        });
        // One file at a time keeps a single statement's parameters small (maps can be many MB each).
        for (const f of bundle.files) {
          await tx.artifactFile.create({
            data: {
              bundleId: row.id,
              url: f.url,
              type: f.type,
              debugId: f.debugId,
              sourcemapRef: f.sourcemapRef,
              sha1: f.sha1,
              size: f.content.length,
              content: new Uint8Array(f.content),
            },
          });
        }
        await signalUpload(tx, orgId);
        return row.id;
        // Large bundles under load need longer than Prisma's 5 s default.
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (e) {
    // A concurrent assembly of the same checksum stored it first.
    if (!isUniqueViolation(e)) throw e;
    const row = await db().artifactBundle.findUniqueOrThrow({
      where: { orgId_checksum: { orgId, checksum: meta.checksum } },
    });
    await linkBundleProjects(orgId, row.id, projectIds);
    return row.id;
  }
}
