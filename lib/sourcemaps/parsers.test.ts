// The chunk, assemble-body and bundle parsers against what the real sentry-cli 3.8.0 sent (tests/fixtures/sourcemaps).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BundleError, parseArtifactBundle } from './bundle.ts';
import { chunksOf } from './chunks.ts';
import { assembleSchema } from './upload.ts';
import { zipSync } from 'fflate';

const dir = path.join(import.meta.dirname, '../../tests/fixtures/sourcemaps');
interface Captured {
  path: string;
  headers: Record<string, string>;
  json?: { chunks: string[] };
}
interface ManifestFile {
  type: string;
  url: string;
  headers?: Record<string, string>;
}
const read = (...p: string[]) => readFileSync(path.join(dir, ...p));
const requests = (u: string) => JSON.parse(read(u, 'requests.json').toString()) as Captured[];
const limits = { maxFiles: 100, maxInflatedBytes: 10_000_000 };
const UPLOADS = ['upload-debug-id', 'upload-release-dist', 'upload-browser-url-prefix'];

async function formOf(u: string): Promise<FormData> {
  const post = requests(u).find((r) => r.headers['content-type']?.startsWith('multipart/'))!;
  const res = new Response(read(u, 'chunk-request.multipart'), {
    headers: { 'content-type': post.headers['content-type'] },
  });
  return res.formData();
}

describe.each(UPLOADS)('%s', (u) => {
  it('chunk POST: the part gunzips to the chunk its filename names, which is the whole bundle', async () => {
    const chunks = await chunksOf(await formOf(u), { chunkSize: 4 << 20, chunksPerRequest: 64 });
    const assemble = requests(u).find((r) => r.path.endsWith('/assemble/'))!.json!;
    expect(chunks.map((c) => c.sha1)).toEqual(assemble.chunks);
    expect(chunks[0].data.equals(read(u, 'artifact-bundle.bin'))).toBe(true);
  });

  it('assemble body parses', () => {
    const body = requests(u).find((r) => r.path.endsWith('/assemble/'))!.json;
    expect(assembleSchema.parse(body)).toEqual(body);
  });

  it('bundle: files and headers equal the manifest', () => {
    const manifest = JSON.parse(read(u, 'manifest.json').toString());
    const b = parseArtifactBundle(read(u, 'artifact-bundle.bin'), limits);
    expect(b.bundleId).toBe(manifest.debug_id);
    expect(b.org).toBe(manifest.org);
    expect(b.release).toBe(manifest.release ?? null);
    expect(b.dist).toBe(manifest.dist ?? null);
    const want = Object.entries(manifest.files as Record<string, ManifestFile>).map(([zipPath, f]) => ({
      zipPath,
      url: f.url,
      type: f.type,
      debugId: f.headers?.['debug-id'] ?? null,
      sourcemapRef: f.headers?.sourcemap ?? null,
    }));
    expect(
      b.files.map(({ zipPath, url, type, debugId, sourcemapRef }) => ({ zipPath, url, type, debugId, sourcemapRef })),
    ).toEqual(want);
    const map = b.files.find((f) => f.type === 'source_map')!;
    expect(JSON.parse(Buffer.from(map.content).toString()).version).toBe(3);
  });
});

describe('chunk POST refusals', () => {
  const part = (name: string, filename: string, body: Uint8Array) => {
    const f = new FormData();
    f.append(name, new Blob([new Uint8Array(body)]), filename);
    return f;
  };
  const data = Buffer.from('hello chunk');
  const sha = 'b2f4b8f6a5c8e8b1e8d9c1e0a7d6c3e1f0a9b8c7';

  it('a wrong SHA-1 name', async () => {
    await expect(chunksOf(part('file', sha, data), { chunkSize: 100, chunksPerRequest: 1 })).rejects.toThrow(
      /checksum mismatch/,
    );
  });
  it('a chunk over chunkSize, even gzip-compressed well', async () => {
    const big = Buffer.alloc(1000);
    const name = createHash('sha1').update(big).digest('hex');
    await expect(
      chunksOf(part('file_gzip', name, zlib.gzipSync(big)), { chunkSize: 100, chunksPerRequest: 1 }),
    ).rejects.toThrow(/larger than 100/);
  });
  it('more parts than chunksPerRequest', async () => {
    const good = createHash('sha1').update(data).digest('hex');
    const f = part('file', good, data);
    f.append('file', new Blob([data]), good);
    await expect(chunksOf(f, { chunkSize: 100, chunksPerRequest: 1 })).rejects.toThrow(/more than 1 chunks/);
  });
});

describe('assemble body refusals', () => {
  const ok = { checksum: 'a'.repeat(40), chunks: ['a'.repeat(40)], projects: ['web'] };
  it.each([
    [{ ...ok, checksum: 'XYZ' }, 'checksum'],
    [{ ...ok, projects: [] }, 'projects'],
    [{ ...ok, dist: 'd1' }, 'dist'],
    [{ ...ok, version: 'a/b' }, 'version'],
  ])('%j', (body, field) => {
    const r = assembleSchema.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path[0]).toBe(field);
  });
});

describe('bundle refusals', () => {
  const manifest = (files: object) => new TextEncoder().encode(JSON.stringify({ files }));
  it.each([
    ['no manifest', zipSync({ 'files/_/_/a.js': new Uint8Array([1]) }), /no manifest/],
    ['a ../ entry', zipSync({ 'manifest.json': manifest({}), '../evil.js': new Uint8Array([1]) }), /unsafe path/],
    [
      'a listed file missing',
      zipSync({ 'manifest.json': manifest({ 'files/_/_/a.js': { type: 'source', url: '~/a.js' } }) }),
      /lacks/,
    ],
    ['not a zip', new Uint8Array([1, 2, 3]), /not a valid zip/],
  ])('%s', (_, bytes, re) => {
    expect(() => parseArtifactBundle(bytes, limits)).toThrow(BundleError);
    expect(() => parseArtifactBundle(bytes, limits)).toThrow(re);
  });
  it('too many bytes once inflated (a zip bomb)', () => {
    const bomb = zipSync({ 'manifest.json': manifest({}), 'files/x': new Uint8Array(5_000_000) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => parseArtifactBundle(bomb, { maxFiles: 10, maxInflatedBytes: 1_000_000 })).toThrow(/inflates/);
  });
});
