// sentry-cli's chunk POST: one multipart part per chunk (`file_gzip` gzip'd, or `file`), named by its SHA-1.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { HttpError } from '../api/respond.ts';
import { InvalidError } from '../errors.ts';
import { collect, decodeBody } from '../ingest/decode.ts';

export interface Chunk {
  sha1: string;
  data: Buffer;
}

export interface ChunkLimits {
  chunkSize: number;
  chunksPerRequest: number;
}

const SHA1 = /^[0-9a-f]{40}$/;

/** The chunks of a parsed multipart body, each checked against its SHA-1 name and the advertised limits. */
export async function chunksOf(form: FormData, limits: ChunkLimits): Promise<Chunk[]> {
  const out: Chunk[] = [];
  for (const [name, value] of form.entries()) {
    if (name !== 'file' && name !== 'file_gzip') continue;
    if (typeof value === 'string') throw new InvalidError(name, 'expected a file part');
    if (out.length >= limits.chunksPerRequest)
      throw new InvalidError(null, `more than ${limits.chunksPerRequest} chunks in one request`);
    const wanted = value.name.toLowerCase();
    if (!SHA1.test(wanted)) throw new InvalidError(name, `filename must be the chunk's SHA-1, got "${value.name}"`);
    const raw = Buffer.from(await value.arrayBuffer());
    let data: Buffer;
    try {
      data = name === 'file_gzip' ? zlib.gunzipSync(raw, { maxOutputLength: limits.chunkSize }) : raw;
    } catch (e) {
      const big = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new InvalidError(name, big ? `chunk larger than ${limits.chunkSize} bytes` : 'chunk is not valid gzip');
    }
    if (data.length > limits.chunkSize) throw new InvalidError(name, `chunk larger than ${limits.chunkSize} bytes`);
    const actual = createHash('sha1').update(data).digest('hex');
    if (actual !== wanted) throw new InvalidError(name, `chunk checksum mismatch: named ${wanted}, content ${actual}`);
    out.push({ sha1: actual, data });
  }
  return out;
}

/** A multipart body (chunk POST, legacy release file), read with a hard cap before parsing. */
export async function readMultipart(req: Request, cap: number): Promise<FormData> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) throw new InvalidError(null, 'expected a multipart/form-data body');
  // Node's web ReadableStream is async-iterable (the DOM typings do not say so).
  const stream = req.body as unknown as AsyncIterable<Uint8Array> | null;
  const body = stream
    ? await collect(decodeBody(stream, 'identity', { wireBytes: cap, decodedBytes: cap })).catch((e) => {
        // The rest of the body is never read: the client must not send its next request on this connection.
        if (e instanceof HttpError && e.status === 413) throw new HttpError(413, e.message, { connection: 'close' });
        throw e;
      })
    : null;
  try {
    return await new Response(body && new Uint8Array(body), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new InvalidError(null, 'the multipart body could not be parsed');
  }
}
