// The request side of sentry-cli `sourcemaps upload`: store chunks, then answer assemble requests (assembly.ts works).
import { z } from 'zod';
import { db } from '../db.ts';
import { InvalidError } from '../errors.ts';
import { resolveProjects } from '../releases/releases.ts';
import { versionSchema } from '../releases/version.ts';
import { addJobProjects, createJob, isClaimable, isInFlight } from './assembly.ts';
import type { Chunk } from './chunks.ts';
import { linkBundleProjects } from './saveBundle.ts';

/** Idempotent per (organization, SHA-1): re-sent chunks are ignored. */
export async function storeChunks(orgId: number, chunks: Chunk[]): Promise<void> {
  if (!chunks.length) return;
  await db().uploadChunk.createMany({
    data: chunks.map((c) => ({ orgId, sha1: c.sha1, size: c.data.length, data: new Uint8Array(c.data) })),
    skipDuplicates: true,
  });
}

// PostgreSQL's int4: a larger id cannot name a project (and would fail the query rather than find nothing).
const MAX_INT = 2 ** 31 - 1;
const sha1 = z.string().regex(/^[0-9a-f]{40}$/, 'must be a SHA-1 in lower-case hex');

export const assembleSchema = z
  .object({
    checksum: sha1,
    chunks: z.array(sha1).max(10_000),
    projects: z
      .array(z.union([z.string().min(1).max(200), z.number().int().positive().max(MAX_INT)]))
      .min(1, 'at least one project is required')
      .max(1000),
    version: versionSchema.optional(),
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

/** The answer, and whether this process should now try to advance the assembly (after answering). */
export interface AssembleReply {
  answer: AssembleAnswer;
  advance: boolean;
}

/** The body's projects among those the caller sees; never a 404 here (sentry-cli would print "release not found"). */
async function uploadProjects(org: Org, visibleIds: number[], projects: AssembleRequest['projects']) {
  // Numeric strings are project ids (sentry-cli sends whatever --project said).
  const refs = projects.map((p) => (typeof p === 'string' && /^\d{1,9}$/.test(p) ? Number(p) : p));
  const rows = await resolveProjects(db(), org.id, visibleIds, refs).catch((e) => {
    if (e instanceof InvalidError) throw new InvalidError(null, `One or more projects are invalid: ${e.message}`);
    throw e;
  });
  return rows.map((p) => p.id);
}

async function missingChunks(orgId: number, chunks: string[]): Promise<string[]> {
  const stored = await db().uploadChunk.findMany({ where: { orgId, sha1: { in: chunks } }, select: { sha1: true } });
  const have = new Set(stored.map((c) => c.sha1));
  return [...new Set(chunks.filter((c) => !have.has(c)))];
}

/**
 * Sentry's assemble endpoint, answered at once: a stored bundle is `ok` (so re-runs upload nothing), missing chunks
 * are listed, otherwise the request is recorded as an assembly job (`created`) that runs off the request path
 * (assembly.ts), and polls (`--wait`) see `assembling` until it is `ok` or `error`.
 */
export async function requestAssembly(org: Org, visibleIds: number[], body: AssembleRequest): Promise<AssembleReply> {
  const projectIds = await uploadProjects(org, visibleIds, body.projects);
  const key = { orgId_checksum: { orgId: org.id, checksum: body.checksum } };
  // The status first, then the bundle: an assembly stores its bundle before it leaves `assembling`, so a job still
  // in flight here with no bundle below is truly not stored yet.
  const status = await db().assembleStatus.findUnique({ where: key });
  const existing = await db().artifactBundle.findUnique({ where: key, select: { id: true } });
  if (existing) {
    await linkBundleProjects(org.id, existing.id, projectIds);
    return { answer: answer('ok'), advance: false };
  }
  if (status && isInFlight(status.state)) {
    if (projectIds.some((id) => !status.projectIds.includes(id)))
      await addJobProjects(org.id, body.checksum, projectIds);
    return { answer: answer(status.state as AssembleState), advance: isClaimable(status) };
  }
  const missing = await missingChunks(org.id, body.chunks);
  if (missing.length) return { answer: answer('not_found', null, missing), advance: false };
  // A bundle that failed stays failed (its bytes cannot change); `ok` without a bundle was deleted since: redo it.
  if (status?.state === 'error') return { answer: answer('error', status.detail), advance: false };
  if (!body.chunks.length) return { answer: answer('not_found'), advance: false };
  await createJob(org.id, body.checksum, {
    chunks: body.chunks,
    projectIds,
    version: body.version ?? null,
    dist: body.dist ?? null,
  });
  return { answer: answer('created'), advance: true };
}
