// The legacy /store/ body: one event as JSON, or (very old clients) base64 of zlib-deflated JSON.
import zlib from 'node:zlib';
import { HttpError } from '../api/respond.ts';
import { collect, tooLarge, type Chunks } from './decode.ts';

function startsWithBrace(b: Buffer): boolean {
  for (const byte of b) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b;
  }
  return false;
}

/** The event JSON bytes of a store request (not yet validated as JSON). */
export async function readStorePayload(decoded: Chunks, maxEventBytes: number): Promise<Buffer> {
  const raw = await collect(decoded);
  if (raw.length === 0) throw new HttpError(400, 'empty body: expected an event');
  if (startsWithBrace(raw)) return raw;
  const packed = Buffer.from(raw.toString('latin1').trim(), 'base64');
  try {
    // maxOutputLength stops inflating at the cap, so a small bomb cannot expand here either.
    return zlib.inflateSync(packed, { maxOutputLength: maxEventBytes });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge('decompressed event', maxEventBytes);
    throw new HttpError(400, 'store body is neither JSON nor base64 of zlib-compressed JSON');
  }
}
