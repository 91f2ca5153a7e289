// Request bodies as SDKs send them (identity, gzip, deflate, br, zstd where Node has it), decoded as a stream with hard
// caps.
import zlib from 'node:zlib';
import { Readable, pipeline, type Transform } from 'node:stream';
import { HttpError } from '../api/respond.ts';

/** Body chunks: a stream, or (fast path) the whole decoded body in one buffer. */
export type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface BodyCaps {
  /** Bytes accepted on the wire (what the client sent, before decoding). */
  wireBytes: number;
  /** Bytes accepted after decoding: a decompression bomb is cut off here, never expanded further. */
  decodedBytes: number;
}

type Encoding = 'identity' | 'gzip' | 'deflate' | 'br' | 'zstd';

// zstd arrived in Node 22.15 / 23.8; typed loosely so this compiles against Node 20's types too.
const zstd = (zlib as unknown as { createZstdDecompress?: () => Transform }).createZstdDecompress;

/** The encoding named by Content-Encoding, or a 415 naming what is not supported. */
export function parseContentEncoding(header: string | null): Encoding {
  const v = (header ?? '').trim().toLowerCase();
  if (v === '' || v === 'identity') return 'identity';
  if (v === 'gzip' || v === 'x-gzip') return 'gzip';
  if (v === 'deflate') return 'deflate';
  if (v === 'br') return 'br';
  if (v === 'zstd') {
    if (zstd) return 'zstd';
    throw new HttpError(
      415,
      'Content-Encoding zstd is not supported by this server (needs Node.js >= 22.15); use gzip',
    );
  }
  throw new HttpError(415, `unsupported Content-Encoding "${header}" (use gzip, deflate, br or none)`);
}

function decoder(encoding: Exclude<Encoding, 'identity'>): Transform {
  switch (encoding) {
    case 'gzip':
      return zlib.createGunzip();
    case 'deflate':
      // HTTP "deflate" is zlib-wrapped (RFC 9110), which is what the SDKs produce.
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'zstd':
      return zstd!();
  }
}

export function tooLarge(what: string, cap: number): HttpError {
  return new HttpError(413, `${what} is larger than the limit of ${cap} bytes`);
}

/** Wire-body cap that applies to an encoding: compressed bodies have their own, smaller one. */
export function wireCap(encoding: Encoding, caps: BodyCaps): number {
  return encoding === 'identity' ? caps.decodedBytes : caps.wireBytes;
}

async function* capped(body: Chunks, cap: number, what: string): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const chunk of body) {
    n += chunk.byteLength;
    if (n > cap) throw tooLarge(what, cap);
    yield chunk;
  }
}

/**
 * A decoder's complaint about its input, whatever the codec calls it: zlib's `Z_DATA_ERROR`, brotli's
 * `ERR__ERROR_FORMAT_PADDING_1` (its codes are the C enum names, with no common prefix), zstd's. The input is the
 * client's bytes, so each is a 400; only errors of the body source itself (a cap, a client gone) are not.
 */
function corrupt(encoding: Encoding, e: unknown): HttpError {
  return new HttpError(400, `body is not valid ${encoding} data: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * The decoded body as a stream of chunks. Throws HttpError 413 as soon as either cap is passed (the
 * decompressor is destroyed, so at most one more output chunk was produced), 400 on corrupt data.
 */
export async function* decodeBody(body: Chunks, encoding: Encoding, caps: BodyCaps): AsyncGenerator<Uint8Array> {
  if (encoding === 'identity') {
    yield* capped(body, caps.decodedBytes, 'request body');
    return;
  }
  const z = decoder(encoding);
  // pipeline() hands a source error to the decoder, so the iterator below throws it too: remember which it was.
  let sourceError: unknown;
  const src = Readable.from(
    (async function* () {
      try {
        yield* capped(body, caps.wireBytes, `compressed request body`);
      } catch (e) {
        sourceError = e;
        throw e;
      }
    })(),
  );
  pipeline(src, z, () => undefined); // errors reach us through z's iterator
  let out = 0;
  try {
    for await (const chunk of z as AsyncIterable<Buffer>) {
      out += chunk.length;
      if (out > caps.decodedBytes) throw tooLarge(`decompressed body`, caps.decodedBytes);
      yield chunk;
    }
  } catch (e) {
    if (e === sourceError || e instanceof HttpError) throw e;
    throw corrupt(encoding, e);
  } finally {
    z.destroy();
    src.destroy();
  }
}

// Most SDK requests are a few KB: those are read whole and decoded in one synchronous call whose output is
// capped small, which costs far less than a stream pipeline. Larger bodies, and small ones that expand past
// the small cap (a bomb, or a big attachment compressed well), take the streaming path.
const SMALL_WIRE_BYTES = 64 * 1024;
const SMALL_DECODED_BYTES = 4 * 1024 * 1024;

function decodeSync(encoding: Exclude<Encoding, 'identity'>, input: Buffer, maxOutputLength: number): Buffer {
  const opts = { maxOutputLength };
  switch (encoding) {
    case 'gzip':
      return zlib.gunzipSync(input, opts);
    case 'deflate':
      return zlib.inflateSync(input, opts);
    case 'br':
      return zlib.brotliDecompressSync(input, opts);
    case 'zstd':
      return (zlib as unknown as { zstdDecompressSync: (b: Buffer, o: object) => Buffer }).zstdDecompressSync(
        input,
        opts,
      );
  }
}

export function toAsyncIterator(chunks: Chunks): AsyncIterator<Uint8Array> {
  if (Symbol.asyncIterator in chunks) return chunks[Symbol.asyncIterator]();
  const it = chunks[Symbol.iterator]();
  return { next: async () => it.next() };
}

async function* replay(prefix: Buffer[], rest: AsyncIterator<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  yield* prefix;
  if (rest) for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/**
 * The decoded body: one buffer for a small body (fast path), else a capped decoding stream. Same caps, same
 * errors as decodeBody.
 */
export async function decodeRequestBody(body: Chunks, encoding: Encoding, caps: BodyCaps): Promise<Chunks> {
  const it = toAsyncIterator(body);
  const prefix: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size <= SMALL_WIRE_BYTES) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    const c = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    prefix.push(c);
    size += c.length;
  }
  if (ended) {
    const whole = prefix.length === 1 ? prefix[0] : Buffer.concat(prefix);
    if (encoding === 'identity') {
      if (whole.length > caps.decodedBytes) throw tooLarge('request body', caps.decodedBytes);
      return [whole];
    }
    const limit = Math.min(caps.decodedBytes, SMALL_DECODED_BYTES);
    try {
      return [decodeSync(encoding, whole, limit)];
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        if (limit === caps.decodedBytes) throw tooLarge('decompressed body', caps.decodedBytes);
        return decodeBody([whole], encoding, caps);
      }
      // A whole buffer in, no I/O: anything else the decoder throws is about the bytes.
      throw corrupt(encoding, e);
    }
  }
  return decodeBody(replay(prefix, it), encoding, caps);
}

/** Reads a decoded stream into one buffer (used where the whole body is one small document). */
export async function collect(chunks: Chunks): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}
