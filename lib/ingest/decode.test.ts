import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../api/respond.ts';
import { collect, decodeBody, decodeRequestBody, parseContentEncoding } from './decode.ts';

async function* chunked(buf: Buffer, size = 64 * 1024) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

const caps = { wireBytes: 1_000_000, decodedBytes: 2_000_000 };
const text = Buffer.from(JSON.stringify({ message: 'hello', n: [1, 2, 3] }).repeat(50));

async function failure(p: Promise<unknown>): Promise<HttpError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(HttpError);
  return e as HttpError;
}

describe('parseContentEncoding', () => {
  it.each([
    [null, 'identity'],
    ['', 'identity'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['br', 'br'],
  ])('%s → %s', (h, want) => expect(parseContentEncoding(h)).toBe(want));

  it('refuses unknown encodings with 415', () => {
    expect(() => parseContentEncoding('compress')).toThrow(HttpError);
    try {
      parseContentEncoding('compress');
    } catch (e) {
      expect((e as HttpError).status).toBe(415);
    }
  });
});

describe('decodeBody', () => {
  it.each([
    ['gzip', zlib.gzipSync(text)],
    ['deflate', zlib.deflateSync(text)],
    ['br', zlib.brotliCompressSync(text)],
    ['identity', text],
  ] as const)('decodes %s', async (enc, body) => {
    expect((await collect(decodeBody(chunked(body, 100), enc, caps))).equals(text)).toBe(true);
  });

  it('refuses corrupt gzip with 400', async () => {
    const e = await failure(collect(decodeBody(chunked(Buffer.from('this is not gzip at all')), 'gzip', caps)));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/not valid gzip/);
  });

  it('refuses truncated gzip with 400', async () => {
    const gz = zlib.gzipSync(text);
    const e = await failure(collect(decodeBody(chunked(gz.subarray(0, gz.length - 20)), 'gzip', caps)));
    expect(e.status).toBe(400);
  });

  it('cuts a decompression bomb at the decoded cap without expanding it (413)', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(200 * 1024 * 1024)); // ~200 KB on the wire
    expect(bomb.length).toBeLessThan(caps.wireBytes);
    let produced = 0;
    const before = process.memoryUsage().rss;
    const e = await failure(
      (async () => {
        for await (const c of decodeBody(chunked(bomb), 'gzip', caps)) produced += c.length;
      })(),
    );
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/decompressed body is larger than the limit of 2000000 bytes/);
    // At most one zlib output chunk past the cap was produced.
    expect(produced).toBeLessThanOrEqual(caps.decodedBytes);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('caps the compressed bytes on the wire (413)', async () => {
    const big = zlib.gzipSync(Buffer.from(Array.from({ length: 400_000 }, (_, i) => String(i * 7919)).join(',')));
    expect(big.length).toBeGreaterThan(1000);
    const e = await failure(collect(decodeBody(chunked(big, 100), 'gzip', { wireBytes: 1000, decodedBytes: 1e9 })));
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/compressed request body/);
  });

  it('caps identity bodies at the decoded cap (413)', async () => {
    const e = await failure(
      collect(decodeBody(chunked(Buffer.alloc(5000), 100), 'identity', { wireBytes: 1e9, decodedBytes: 4096 })),
    );
    expect(e.status).toBe(413);
  });
});

describe('decodeRequestBody (small bodies decoded in one call, the rest streamed)', () => {
  it('decodes a small gzip body to one buffer', async () => {
    const out = await decodeRequestBody(chunked(zlib.gzipSync(text), 100), 'gzip', caps);
    expect(Array.isArray(out)).toBe(true);
    expect((await collect(out)).equals(text)).toBe(true);
  });

  it('accepts a body already read whole (an array of chunks)', async () => {
    expect((await collect(await decodeRequestBody([zlib.deflateSync(text)], 'deflate', caps))).equals(text)).toBe(true);
  });

  it('falls back to streaming when a small body expands past the small cap, and still cuts bombs (413)', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 'x');
    const ok = await decodeRequestBody([zlib.gzipSync(big)], 'gzip', {
      wireBytes: 1e6,
      decodedBytes: 10 * 1024 * 1024,
    });
    expect(Array.isArray(ok)).toBe(false);
    expect((await collect(ok)).length).toBe(big.length);
    const e = await failure(
      collect(await decodeRequestBody([zlib.gzipSync(big)], 'gzip', { wireBytes: 1e6, decodedBytes: 5 * 1024 * 1024 })),
    );
    expect(e.status).toBe(413);
  });

  it('answers 413 at once when the small cap is the decoded cap (store: 1 MB)', async () => {
    const e = await failure(
      decodeRequestBody([zlib.gzipSync(Buffer.alloc(3 * 1024 * 1024))], 'gzip', {
        wireBytes: 1e6,
        decodedBytes: 1024 * 1024,
      }),
    );
    expect(e.status).toBe(413);
  });

  it('streams bodies larger than 64 KB on the wire', async () => {
    const noise = Buffer.from(Array.from({ length: 60_000 }, (_, i) => (i * 2654435761) % 1000003).join(','));
    const gz = zlib.gzipSync(noise);
    expect(gz.length).toBeGreaterThan(64 * 1024);
    const out = await decodeRequestBody(chunked(gz, 16 * 1024), 'gzip', caps);
    expect(Array.isArray(out)).toBe(false);
    expect((await collect(out)).equals(noise)).toBe(true);
  });

  it('refuses corrupt small bodies with 400', async () => {
    const e = await failure(decodeRequestBody([Buffer.from('nope')], 'gzip', caps));
    expect(e.status).toBe(400);
  });

  // Brotli names its errors after the C enum (ERR__ERROR_FORMAT_PADDING_1, ...): they were once a 500.
  const garbage = Buffer.from('garbage, not brotli at all '.repeat(4));
  const bigNoise = Buffer.from(Array.from({ length: 60_000 }, (_, i) => (i * 2654435761) % 1000003).join(','));
  it.each([
    ['br', 'garbage', garbage],
    ['br', 'gzip bytes', zlib.gzipSync(text)],
    ['br', 'truncated brotli', zlib.brotliCompressSync(text).subarray(0, 20)],
    ['deflate', 'gzip bytes', zlib.gzipSync(text)],
    ['gzip', 'brotli bytes', zlib.brotliCompressSync(text)],
  ] as const)('refuses %s labelled data that is %s with 400, whole and streamed', async (enc, _what, body) => {
    expect((await failure(decodeRequestBody([body], enc, caps))).status).toBe(400);
    expect((await failure(collect(decodeBody(chunked(body, 7), enc, caps)))).status).toBe(400);
  });

  it('refuses a large body labelled br that is gzip with 400 (the streaming path)', async () => {
    const gz = zlib.gzipSync(bigNoise);
    expect(gz.length).toBeGreaterThan(64 * 1024);
    const e = await failure(decodeRequestBody(chunked(gz, 16 * 1024), 'br', caps).then(collect));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/not valid br data/);
  });

  it('passes on an error of the body source itself (a client gone) rather than calling it corrupt', async () => {
    const gone = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    async function* dying() {
      yield zlib.brotliCompressSync(text).subarray(0, 10);
      throw gone;
    }
    await expect(collect(decodeBody(dying(), 'br', caps))).rejects.toBe(gone);
  });
});
