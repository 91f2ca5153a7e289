// Assembling uploaded chunks into a stored bundle, off the request path. The job is the assemble status row in
// PostgreSQL (what to assemble, a lease, attempts), not a message on the Redis event stream: the chunks it needs are
// in PostgreSQL too, Redis here runs without persistence (a lost message would strand chunks sentry-cli was told are
// being processed), and any process can take a row with one conditional UPDATE. Three kinds of process advance jobs:
// the web replica that recorded one (right after answering), any replica a `--wait` poll reaches once the lease has
// lapsed (its assembler died), and the worker's sweep every few seconds (so a job without a polling client and whose
// replica died still finishes). A lease keeps two of them from assembling the same bundle at once; if they did, the
// unique (org, checksum) bundle makes the second one a no-op.
import { createHash } from 'node:crypto';
import { config } from '../config.ts';
import { db } from '../db.ts';
import { log } from '../log.ts';
import { createRelease } from '../releases/releases.ts';
import { BundleError, parseArtifactBundle, type ParsedBundle } from './bundle.ts';
import { linkBundleProjects, saveBundle } from './saveBundle.ts';

const IN_FLIGHT = ['created', 'assembling'];
/** Longer than the bundle transaction may take (saveBundle: 120 s), so a live assembler never loses its job. */
export const LEASE_MS = 3 * 60 * 1000;
/** A job that failed unexpectedly (database gone) is tried again after this, at most MAX_ATTEMPTS times. */
const RETRY_MS = 10_000;
const MAX_ATTEMPTS = 5;

interface Job {
  orgId: number;
  checksum: string;
  chunks: string[];
  projectIds: number[];
  version: string | null;
  dist: string | null;
  attempts: number;
}

/** Chunks listed by the job that are no longer stored (deleted by another assembly or the cleanup). */
class MissingChunks extends Error {}

export const isInFlight = (state: string) => IN_FLIGHT.includes(state);

/** Nobody holds the job: never taken, or its lease lapsed (the process assembling it died). */
export const isClaimable = (s: { state: string; leaseUntil: Date | null }, now = new Date()) =>
  isInFlight(s.state) && (!s.leaseUntil || s.leaseUntil < now);

/** Records a new job, or restarts one whose bundle was deleted since; a job already in flight is left alone. */
export async function createJob(
  orgId: number,
  checksum: string,
  what: Pick<Job, 'chunks' | 'projectIds' | 'version' | 'dist'>,
): Promise<void> {
  const fresh = { ...what, state: 'created', detail: null, attempts: 0, leaseUntil: null };
  const created = await db().assembleStatus.createMany({ data: [{ orgId, checksum, ...fresh }], skipDuplicates: true });
  if (!created.count) await db().assembleStatus.updateMany({ where: { orgId, checksum, state: 'ok' }, data: fresh });
}

/**
 * Another upload of the same bundle for more projects while it assembles. Once the job has finished (the update
 * finds no job in flight), the bundle is stored, and the projects are linked to it directly.
 */
export async function addJobProjects(orgId: number, checksum: string, projectIds: number[]): Promise<void> {
  const updated = await db().assembleStatus.updateMany({
    where: { orgId, checksum, state: { in: IN_FLIGHT } },
    data: { projectIds: { push: projectIds } },
  });
  if (updated.count) return;
  const bundle = await db().artifactBundle.findUnique({ where: { orgId_checksum: { orgId, checksum } } });
  if (bundle) await linkBundleProjects(orgId, bundle.id, projectIds);
}

/** Takes the job if nobody holds it; the one UPDATE is what makes two processes never both win. */
async function claim(orgId: number, checksum: string): Promise<Job | null> {
  const now = new Date();
  const [job] = await db().assembleStatus.updateManyAndReturn({
    where: {
      orgId,
      checksum,
      state: { in: IN_FLIGHT },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { state: 'assembling', leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
  });
  return job ?? null;
}

/**
 * Assembles the job if no other process holds it. Never throws: a bad bundle becomes the `error` state with a detail
 * for sentry-cli, anything unexpected is logged and tried again later.
 */
export async function advanceAssembly(orgId: number, checksum: string): Promise<void> {
  let job: Job | null = null;
  try {
    job = await claim(orgId, checksum);
    if (job) await assemble(job);
  } catch (e) {
    if (job) await settleFailure(job, e).catch((err) => log.error('recording an assembly failure failed', { err }));
    else log.error('claiming a source map assembly failed', { err: e, orgId, checksum });
  }
}

/** Advances every job nobody holds (the worker runs this every few seconds). */
export async function sweepAssemblies(limit = 20): Promise<number> {
  const now = new Date();
  const jobs = await db().assembleStatus.findMany({
    where: { state: { in: IN_FLIGHT }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { orgId: true, checksum: true },
    orderBy: { updatedAt: 'asc' },
    take: limit,
  });
  for (const j of jobs) await advanceAssembly(j.orgId, j.checksum);
  return jobs.length;
}

async function assemble(job: Job): Promise<void> {
  const org = await db().organization.findUnique({ where: { id: job.orgId }, select: { slug: true } });
  if (!org) return; // deleted meanwhile, and the job with it
  const bundle = parseArtifactBundle(await joinChunks(job), {
    maxFiles: config().SOURCEMAPS_MAX_FILES_PER_BUNDLE,
    maxInflatedBytes: config().SOURCEMAPS_MAX_BUNDLE_BYTES * 4,
  });
  checkManifest(bundle, org.slug, job.version);
  // Projects deleted since the request are left out rather than failing the bundle.
  const projects = await db().project.findMany({
    where: { orgId: job.orgId, id: { in: job.projectIds } },
    select: { id: true },
  });
  const projectIds = projects.map((p) => p.id);
  const meta = { checksum: job.checksum, release: job.version, dist: job.dist };
  const bundleId = await saveBundle(job.orgId, projectIds, bundle, meta);
  if (job.version) await createRelease(db(), job.orgId, job.version, projectIds, {});
  await deleteChunks(job);
  // The same UPDATE that ends the job returns the projects added while it ran (addJobProjects).
  const [done] = await db().assembleStatus.updateManyAndReturn({
    where: { orgId: job.orgId, checksum: job.checksum },
    data: { state: 'ok', detail: null, leaseUntil: null },
  });
  const late = [...new Set(done?.projectIds ?? [])].filter((id) => !projectIds.includes(id));
  if (late.length) {
    await linkBundleProjects(job.orgId, bundleId, late);
    if (job.version) await createRelease(db(), job.orgId, job.version, late, {});
  }
}

async function settleFailure(job: Job, e: unknown): Promise<void> {
  const where = { orgId: job.orgId, checksum: job.checksum };
  if (e instanceof BundleError) {
    log.warn('source map bundle refused', { orgId: job.orgId, checksum: job.checksum, reason: e.message });
    await db().assembleStatus.updateMany({ where, data: { state: 'error', detail: e.message, leaseUntil: null } });
  } else if (e instanceof MissingChunks) {
    // Forget the job: the next assemble request lists the missing chunks, and sentry-cli uploads them again.
    log.warn('source map assembly lost chunks; the next upload sends them again', { ...where, reason: e.message });
    await db().assembleStatus.deleteMany({ where });
  } else if (job.attempts >= MAX_ATTEMPTS) {
    log.error('source map assembly failed; giving up', { err: e, ...where, attempts: job.attempts });
    const detail = `assembly failed ${job.attempts} times; the server log says why`;
    await db().assembleStatus.updateMany({ where, data: { state: 'error', detail, leaseUntil: null } });
  } else {
    log.error('source map assembly failed; it will be tried again', { err: e, ...where, attempts: job.attempts });
    const leaseUntil = new Date(Date.now() + RETRY_MS);
    await db().assembleStatus.updateMany({ where, data: { state: 'created', leaseUntil } });
  }
}

async function joinChunks(job: Job): Promise<Buffer> {
  const rows = await db().uploadChunk.findMany({ where: { orgId: job.orgId, sha1: { in: job.chunks } } });
  const bySha = new Map(rows.map((r) => [r.sha1, Buffer.from(r.data)]));
  const missing = job.chunks.filter((c) => !bySha.has(c));
  if (missing.length) throw new MissingChunks(`chunks no longer stored: ${missing.join(', ')}`);
  const size = job.chunks.reduce((n, c) => n + bySha.get(c)!.length, 0);
  const max = config().SOURCEMAPS_MAX_BUNDLE_BYTES;
  if (size > max) throw new BundleError(`bundle is larger than the limit of ${max} bytes`);
  // An equal chunk may repeat in the list: the list, not the stored rows, gives the order.
  const bytes = Buffer.concat(job.chunks.map((c) => bySha.get(c)!));
  const actual = createHash('sha1').update(bytes).digest('hex');
  if (actual !== job.checksum) throw new BundleError(`checksum mismatch: expected ${job.checksum}, got ${actual}`);
  return bytes;
}

function checkManifest(bundle: ParsedBundle, orgSlug: string, version: string | null) {
  if (bundle.org && bundle.org !== orgSlug)
    throw new BundleError(`bundle was made for organization "${bundle.org}", not "${orgSlug}"`);
  if (bundle.release && version && bundle.release !== version)
    throw new BundleError(`bundle is for release "${bundle.release}" but the upload names "${version}"`);
}

/** The job's chunks, except those another job in flight still needs (two bundles may share an equal chunk). */
async function deleteChunks(job: Job): Promise<void> {
  const others = await db().assembleStatus.findMany({
    where: { orgId: job.orgId, state: { in: IN_FLIGHT }, checksum: { not: job.checksum } },
    select: { chunks: true },
  });
  const needed = new Set(others.flatMap((o) => o.chunks));
  const sha1 = job.chunks.filter((c) => !needed.has(c));
  if (sha1.length) await db().uploadChunk.deleteMany({ where: { orgId: job.orgId, sha1: { in: sha1 } } });
}
