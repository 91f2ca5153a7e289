// The worker's ArtifactStore over the uploaded bundles in PostgreSQL: each method answers all keys of a batch in one
// query (unnest of parallel arrays), and file contents are fetched only for what the parsed-map cache lacks.
import type pg from 'pg';
import type {
  ArtifactRef,
  ArtifactStore,
  BundleUrlKey,
  DebugIdKey,
  ReleaseKey,
  ReleaseUrlKey,
} from './resolveTypes.ts';

type Row = Omit<ArtifactRef, 'fileId' | 'bundleId'> & { fileId: number; bundleId: number };

const FILE_COLUMNS = `f.id AS "fileId", f."bundleId", f.type, f.url, f."debugId"::text AS "debugId",
  f."sourcemapRef" AS sourcemap, f.size`;

const ref = <T extends Row>(r: T) => ({ ...r, fileId: String(r.fileId), bundleId: String(r.bundleId) });

export class SqlArtifactStore implements ArtifactStore {
  constructor(private readonly pool: () => pg.Pool) {}

  async filesByDebugId(keys: DebugIdKey[]) {
    const { rows } = await this.pool().query<Row & DebugIdKey>(
      `SELECT ${FILE_COLUMNS}, k.pid AS "projectId", k.did::text AS "debugId"
         FROM unnest($1::int[], $2::uuid[]) AS k(pid, did)
         JOIN "ArtifactFile" f ON f."debugId" = k.did AND f.type IN ('source_map', 'minified_source')
         JOIN "ArtifactBundleProject" bp ON bp."bundleId" = f."bundleId" AND bp."projectId" = k.pid
        ORDER BY f."bundleId" DESC`,
      [keys.map((k) => k.projectId), keys.map((k) => k.debugId)],
    );
    return rows.map(ref);
  }

  async filesByUrl(keys: ReleaseUrlKey[]) {
    const { rows } = await this.pool().query<Row & ReleaseUrlKey & { dist: string }>(
      `SELECT ${FILE_COLUMNS}, k.pid AS "projectId", k.rel AS release, b.dist
         FROM unnest($1::int[], $2::text[], $3::text[]) AS k(pid, rel, url)
         JOIN "ArtifactBundleProject" bp ON bp."projectId" = k.pid
         JOIN "ArtifactBundle" b ON b.id = bp."bundleId" AND b.release = k.rel
         JOIN "ArtifactFile" f ON f."bundleId" = b.id AND f.url = k.url
        ORDER BY f."bundleId" DESC`,
      [keys.map((k) => k.projectId), keys.map((k) => k.release), keys.map((k) => k.url)],
    );
    return rows.map(ref);
  }

  async releaseDists(keys: ReleaseKey[]) {
    const { rows } = await this.pool().query<ReleaseKey & { dist: string }>(
      `SELECT DISTINCT k.pid AS "projectId", k.rel AS release, b.dist
         FROM unnest($1::int[], $2::text[]) AS k(pid, rel)
         JOIN "ArtifactBundleProject" bp ON bp."projectId" = k.pid
         JOIN "ArtifactBundle" b ON b.id = bp."bundleId" AND b.release = k.rel`,
      [keys.map((k) => k.projectId), keys.map((k) => k.release)],
    );
    return rows;
  }

  async filesInBundles(keys: BundleUrlKey[]) {
    const { rows } = await this.pool().query<Row>(
      `SELECT ${FILE_COLUMNS}
         FROM unnest($1::int[], $2::text[]) AS k(bid, url)
         JOIN "ArtifactFile" f ON f."bundleId" = k.bid AND f.url = k.url
        WHERE f.type IN ('source', 'minified_source')`,
      [keys.map((k) => Number(k.bundleId)), keys.map((k) => k.url)],
    );
    return rows.map(ref);
  }

  async touchBundles(bundleIds: string[]) {
    // Other worker processes may have just written it: once a minute at most, whoever comes first.
    await this.pool().query(
      `UPDATE "ArtifactBundle" SET "lastUsedAt" = now() AT TIME ZONE 'UTC'
        WHERE id = ANY($1::int[])
          AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() AT TIME ZONE 'UTC' - interval '1 minute')`,
      [bundleIds.map(Number)],
    );
  }

  async contents(fileIds: string[]) {
    const { rows } = await this.pool().query<{ id: number; content: Buffer }>(
      `SELECT id, content FROM "ArtifactFile" WHERE id = ANY($1::int[])`,
      [fileIds.map(Number)],
    );
    return new Map(rows.map((r) => [String(r.id), r.content.toString('utf8')]));
  }
}
