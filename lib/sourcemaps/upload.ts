// The upload side of sentry-cli `sourcemaps upload`: store chunks, then assemble them into a stored bundle.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { db } from '../db.ts';
import { InvalidError, isUniqueViolation } from '../errors.ts';
import { log } from '../log.ts';
import { config } from '../config.ts';
import { createRelease, resolveProjects } from '../releases/releases.ts';
import { BundleError, parseArtifactBundle, type ParsedBundle } from './bundle.ts';
import type { Chunk } from './chunks.ts';

/** Idempotent per (organization, SHA-1): re-sent chunks are ignored. */
export async function storeChunks(orgId: number, chunks: Chunk[]): Promise<void> {
  if (!chunks.length) return;
  await db().uploadChunk.createMany({
    data: chunks.map((c) => ({ orgId, sha1: c.sha1, size: c.data.length, data: new Uint8Array(c.data) })),
    skipDuplicates: true,
  });
}

const sha1 = z.string().regex(/^[0-9a-f]{40}$/, 'must be a SHA-1 in lower-case hex');

export const assembleSchema = z
  .object({
    checksum: sha1,
    chunks: z.array(sha1).max(10_000),
    projects: z.array(z.union([z.string().min(1), z.number().int()])).min(1, 'at least one project is required'),
    version: z
      .string()
      .min(1)
      .max(250)
      .refine((v) => !v.includes('/'), 'must not contain "/"')
      .optional(),
    dist: z.string().min(1).max(64).optional(),
  })
  .refine((b) => b.dist === undefined || b.version !== undefined, {
    path: ['dist'],
    message: 'You need to specify a release together with a dist',
  });
export type AssembleRequest = z.infer<typeof assembleSchema>;

export type AssembleState = 'created' | 'assembling' | 'ok' | 'error' | 'not_found';
/** `missingChunks` is required by sentry-cli in every answer, `ok` and `error` included. */
export interface AssembleAnswer {
  state: AssembleState;
  detail: string | null;
  missingChunks: string[];
}

const answer = (state: AssembleState, detail: string | null = null, missingChunks: string[] = []): AssembleAnswer => ({
  state,
  detail,
  missingChunks,
});

interface Org {
  id: number;
  slug: string;
}

/**
 * Sentry's assemble endpoint: an already stored bundle answers `ok` (so re-runs upload nothing), missing chunks are
 * listed, otherwise the bundle is assembled here and now (bundles are capped, so this takes well under a second).
 */
export async function assembleBundle(org: Org, visibleIds: number[], body: AssembleRequest): Promise<AssembleAnswer> {
  // Numeric strings are project ids (sentry-cli sends whatever --project said).
  const refs = body.projects.map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
  const projects = await resolveProjects(db(), org.id, visibleIds, refs).catch((e) => {
    // Never 404 here: sentry-cli would print "release not found".
    if (e instanceof InvalidError) throw new InvalidError(null, `One or more projects are invalid: ${e.message}`);
    throw e;
  });
  const projectIds = projects.map((p) => p.id);
  const existing = await db().artifactBundle.findUnique({
    where: { orgId_checksum: { orgId: org.id, checksum: body.checksum } },
  });
  if (existing) {
    await linkProjects(existing.id, projectIds);
    return answer('ok');
  }
  const stored = await db().uploadChunk.findMany({
    where: { orgId: org.id, sha1: { in: body.chunks } },
    select: { sha1: true },
  });
  const have = new Set(stored.map((c) => c.sha1));
  const missing = [...new Set(body.chunks.filter((c) => !have.has(c)))];
  if (missing.length) return answer('not_found', null, missing);
  const status = await db().assembleStatus.findUnique({
    where: { orgId_checksum: { orgId: org.id, checksum: body.checksum } },
  });
  if (status) return answer(status.state as AssembleState, status.detail);
  if (!body.chunks.length) return answer('not_found');
  try {
    const bytes = await joinChunks(org.id, body);
    const bundle = parseArtifactBundle(bytes, {
      maxFiles: config().SOURCEMAPS_MAX_FILES_PER_BUNDLE,
      maxInflatedBytes: config().SOURCEMAPS_MAX_BUNDLE_BYTES * 4,
    });
    checkManifest(bundle, org, body);
    await saveBundle(org.id, projectIds, bundle, { checksum: body.checksum, release: body.version, dist: body.dist });
    if (body.version) await createRelease(db(), org.id, body.version, projectIds, {});
    await db().uploadChunk.deleteMany({ where: { orgId: org.id, sha1: { in: body.chunks } } });
    return answer('ok');
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    log.warn('source map bundle refused', { org: org.slug, checksum: body.checksum, reason: e.message });
    await db().assembleStatus.upsert({
      where: { orgId_checksum: { orgId: org.id, checksum: body.checksum } },
      create: { orgId: org.id, checksum: body.checksum, state: 'error', detail: e.message },
      update: { state: 'error', detail: e.message },
    });
    return answer('error', e.message);
  }
}

async function joinChunks(orgId: number, body: AssembleRequest): Promise<Buffer> {
  const rows = await db().uploadChunk.findMany({ where: { orgId, sha1: { in: body.chunks } } });
  const bySha = new Map(rows.map((r) => [r.sha1, Buffer.from(r.data)]));
  const size = body.chunks.reduce((n, c) => n + (bySha.get(c)?.length ?? 0), 0);
  const max = config().SOURCEMAPS_MAX_BUNDLE_BYTES;
  if (size > max) throw new BundleError(`bundle is larger than the limit of ${max} bytes`);
  // An equal chunk may repeat in the list: the list, not the stored rows, gives the order.
  const bytes = Buffer.concat(body.chunks.map((c) => bySha.get(c)!));
  const actual = createHash('sha1').update(bytes).digest('hex');
  if (actual !== body.checksum) throw new BundleError(`checksum mismatch: expected ${body.checksum}, got ${actual}`);
  return bytes;
}

function checkManifest(bundle: ParsedBundle, org: Org, body: AssembleRequest) {
  if (bundle.org && bundle.org !== org.slug)
    throw new BundleError(`bundle was made for organization "${bundle.org}", not "${org.slug}"`);
  if (bundle.release && body.version && bundle.release !== body.version)
    throw new BundleError(`bundle is for release "${bundle.release}" but the upload names "${body.version}"`);
}

async function linkProjects(bundleId: number, projectIds: number[]) {
  await db().artifactBundleProject.createMany({
    data: projectIds.map((projectId) => ({ bundleId, projectId })),
    skipDuplicates: true,
  });
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
        return row.id;
        // Large bundles under load need longer than Prisma's 5 s default.
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (e) {
    // A concurrent assemble of the same checksum stored it first.
    if (!isUniqueViolation(e)) throw e;
    const row = await db().artifactBundle.findUniqueOrThrow({
      where: { orgId_checksum: { orgId, checksum: meta.checksum } },
    });
    await linkProjects(row.id, projectIds);
    return row.id;
  }
}
