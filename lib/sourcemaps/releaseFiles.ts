// sentry-cli 2.x's legacy per-file upload (`releases files VERSION upload`, and `sourcemaps upload` against servers
// without chunked artifact bundles): each file joins one `release_files` bundle per (release, dist), so the
// resolver finds it by release + URL like any other.
import { createHash } from 'node:crypto';
import { db } from '../db.ts';
import { ConflictError, InvalidError, NotFoundError } from '../errors.ts';
import { MAX_URL } from './bundle.ts';
import type { ArtifactFileType } from './lookup.ts';
import { signalUpload } from './uploadSignal.ts';

export interface ReleaseFileUpload {
  /** The artifact URL (`~/app.min.js`), the form's `name`. */
  name: string;
  dist: string | null;
  /** `header` fields, `Key:Value` each; `Sourcemap` (any case) names the map. */
  headers: string[];
  content: Uint8Array;
}

/** Sentry's release-file shape, as `releases files ... list` and the upload answer use it. */
export interface ReleaseFileShape {
  id: string;
  name: string;
  dist: string | null;
  size: number;
  sha1: string;
  headers: Record<string, string>;
  dateCreated: string;
}

function typeOf(name: string, content: Uint8Array): ArtifactFileType {
  if (/\.map$/i.test(name.split('?')[0])) return 'source_map';
  const head = Buffer.from(content.subarray(0, 64)).toString('utf8').trimStart();
  return head.startsWith('{') && head.includes('"version"') ? 'source_map' : 'minified_source';
}

function headerMap(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0) throw new InvalidError('header', `expected "Key:Value", got "${line}"`);
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

export async function storeReleaseFile(
  orgId: number,
  projectId: number,
  version: string,
  f: ReleaseFileUpload,
): Promise<ReleaseFileShape> {
  if (!f.name) throw new InvalidError('name', 'the file name (its URL, e.g. ~/app.min.js) is required');
  if (f.name.length > MAX_URL) throw new InvalidError('name', `must be at most ${MAX_URL} characters`);
  if (f.dist && f.dist.length > 64) throw new InvalidError('dist', 'must be at most 64 characters');
  for (const [field, v] of [['name', f.name], ['dist', f.dist ?? ''], ...f.headers.map((h) => ['header', h])])
    if (v.includes('\0')) throw new InvalidError(field, 'must not contain NUL characters');
  const release = await db().release.findUnique({ where: { orgId_version: { orgId, version } } });
  if (!release) throw new NotFoundError();
  const headers = headerMap(f.headers);
  const sourcemapRef =
    Object.entries(headers).find(([k]) => ['sourcemap', 'x-sourcemap'].includes(k.toLowerCase()))?.[1] ?? null;
  const dist = f.dist ?? '';
  const sha1 = createHash('sha1').update(f.content).digest('hex');
  const file = await db().$transaction(async (tx) => {
    // sentry-cli uploads files in parallel: one bundle per (org, release, dist) needs the lock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`release_files:${orgId}:${version}:${dist}`}))`;
    let bundle = await tx.artifactBundle.findFirst({ where: { orgId, kind: 'release_files', release: version, dist } });
    bundle ??= await tx.artifactBundle.create({ data: { orgId, kind: 'release_files', release: version, dist } });
    await tx.artifactBundleProject.createMany({ data: [{ bundleId: bundle.id, projectId }], skipDuplicates: true });
    if (await tx.artifactFile.findFirst({ where: { bundleId: bundle.id, url: f.name }, select: { id: true } }))
      throw new ConflictError('A file matching this name already exists for the given release');
    const created = await tx.artifactFile.create({
      data: {
        bundleId: bundle.id,
        url: f.name,
        type: typeOf(f.name, f.content),
        sourcemapRef,
        sha1,
        size: f.content.length,
        content: new Uint8Array(f.content),
      },
      select: { id: true },
    });
    await tx.artifactBundle.update({
      where: { id: bundle.id },
      data: { fileCount: { increment: 1 }, size: { increment: f.content.length } },
    });
    await signalUpload(tx, orgId);
    return created;
  });
  return {
    id: String(file.id),
    name: f.name,
    dist: f.dist,
    size: f.content.length,
    sha1,
    headers,
    dateCreated: new Date().toISOString(),
  };
}

/** The release's legacy files for a project (what `releases files VERSION list` shows). */
export async function listReleaseFiles(orgId: number, projectId: number, version: string): Promise<ReleaseFileShape[]> {
  const files = await db().artifactFile.findMany({
    where: { bundle: { orgId, kind: 'release_files', release: version, projects: { some: { projectId } } } },
    omit: { content: true },
    include: { bundle: { select: { dist: true, createdAt: true } } },
    orderBy: { id: 'asc' },
    take: 1000,
  });
  return files.map((f) => ({
    id: String(f.id),
    name: f.url,
    dist: f.bundle.dist || null,
    size: f.size,
    sha1: f.sha1,
    headers: (f.sourcemapRef ? { Sourcemap: f.sourcemapRef } : {}) as Record<string, string>,
    dateCreated: f.bundle.createdAt.toISOString(),
  }));
}
