// Sentry envelopes read as a stream: a header line, then items with or without `length`; only kept payloads are
// buffered.
import { HttpError } from '../api/respond.ts';
import { tooLarge } from './decode.ts';

export interface EnvelopeItem {
  /** 1-based position, for error messages. */
  index: number;
  type: string;
  header: Record<string, unknown>;
  /** The payload bytes, or null for an item the caller chose not to keep (its bytes were skipped). */
  payload: Buffer | null;
  /** Payload size in bytes (also for dropped items). */
  size: number;
}

export interface EnvelopeLimits {
  /** Largest payload kept in memory (an event's JSON). */
  maxKeptBytes: number;
  /** Largest whole envelope: a declared item length beyond it is refused before reading. */
  maxEnvelopeBytes: number;
}

// Envelope and item headers are small JSON objects; a longer "line" is garbage or a bomb of bytes without newlines.
const MAX_HEADER_LINE = 256 * 1024;
const NEWLINE = 0x0a;
const EMPTY = Buffer.alloc(0);

function toBuffer(c: Uint8Array): Buffer {
  return Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
}

function parseJsonObject(line: Buffer, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(line.toString('utf8'));
  } catch {
    throw new HttpError(400, `${what} is not valid JSON`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, `${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

export class EnvelopeReader {
  private chunk: Buffer = EMPTY;
  private pos = 0;
  private ended = false;
  private count = 0;
  /** Size of the last line read, also when its bytes were not kept. */
  private lineSize = 0;

  constructor(
    private readonly source: AsyncIterator<Uint8Array>,
    private readonly limits: EnvelopeLimits,
    /** Which item types to buffer; the others are skipped byte by byte. */
    private readonly keep: (type: string) => boolean = () => true,
  ) {}

  /** Ensures an unread byte is available; false at the end of the body. */
  private async fill(): Promise<boolean> {
    while (this.pos >= this.chunk.length) {
      if (this.ended) return false;
      const r = await this.source.next();
      if (r.done) {
        this.ended = true;
        return false;
      }
      this.chunk = toBuffer(r.value);
      this.pos = 0;
    }
    return true;
  }

  /** Bytes up to the next newline (consumed) or the end; null when the body is already at its end. */
  private async readLine(keep: boolean, max: number, what: string): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let size = 0;
    for (;;) {
      this.lineSize = size;
      if (!(await this.fill())) return size === 0 ? null : keep ? Buffer.concat(parts) : EMPTY;
      const nl = this.chunk.indexOf(NEWLINE, this.pos);
      const end = nl === -1 ? this.chunk.length : nl;
      size += end - this.pos;
      if (keep) {
        if (size > max) throw tooLarge(what, max);
        parts.push(this.chunk.subarray(this.pos, end));
      }
      this.pos = end;
      if (nl !== -1) {
        this.pos = nl + 1;
        this.lineSize = size;
        if (!keep) return EMPTY;
        return parts.length === 1 ? parts[0] : Buffer.concat(parts);
      }
    }
  }

  /** Exactly n bytes; `got` < n means the body ended first. */
  private async readExact(n: number, keep: boolean): Promise<{ payload: Buffer | null; got: number }> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      if (!(await this.fill())) return { payload: null, got };
      const take = Math.min(n - got, this.chunk.length - this.pos);
      if (keep) parts.push(this.chunk.subarray(this.pos, this.pos + take));
      this.pos += take;
      got += take;
    }
    return { payload: keep ? (parts.length === 1 ? parts[0] : Buffer.concat(parts)) : null, got };
  }

  /** The envelope header (every field optional). */
  async readHeader(): Promise<Record<string, unknown>> {
    const line = await this.readLine(true, MAX_HEADER_LINE, 'envelope header line');
    if (line === null) throw new HttpError(400, 'empty body: expected an envelope header line');
    return parseJsonObject(line, 'envelope header');
  }

  /** The next item, or null at the end of the envelope. */
  async next(): Promise<EnvelopeItem | null> {
    let line: Buffer | null;
    // Empty lines between items are allowed.
    do line = await this.readLine(true, MAX_HEADER_LINE, 'item header line');
    while (line !== null && line.length === 0);
    if (line === null) return null;

    const index = ++this.count;
    const header = parseJsonObject(line, `item ${index} header`);
    if (typeof header.type !== 'string' || !header.type) throw new HttpError(400, `item ${index} header has no "type"`);
    const type = header.type;
    const keep = this.keep(type);
    const what = `item ${index} (${type})`;

    if (header.length === undefined || header.length === null) {
      // Without a length the payload is the rest of the line (a missing payload at the very end is empty).
      const payload = await this.readLine(keep, this.limits.maxKeptBytes, what);
      return {
        index,
        type,
        header,
        payload: keep ? (payload ?? EMPTY) : null,
        size: payload === null ? 0 : this.lineSize,
      };
    }

    const length = header.length;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      throw new HttpError(400, `item ${index} header has an invalid "length": ${JSON.stringify(length)}`);
    }
    if (length > this.limits.maxEnvelopeBytes) throw tooLarge(what, this.limits.maxEnvelopeBytes);
    if (keep && length > this.limits.maxKeptBytes) throw tooLarge(what, this.limits.maxKeptBytes);
    const { payload, got } = await this.readExact(length, keep);
    if (got < length) {
      throw new HttpError(
        400,
        `truncated envelope: ${what} declares length ${length} but only ${got} bytes follow (item length past ` +
          `the end of the body)`,
      );
    }
    // The newline after a sized payload is optional at the end of the envelope.
    if ((await this.fill()) && this.chunk[this.pos] === NEWLINE) this.pos++;
    return { index, type, header, payload, size: length };
  }
}

/** Parses a whole envelope held in memory (tests, tools); every item is kept. */
export async function parseEnvelope(
  body: Uint8Array,
  limits: EnvelopeLimits = { maxKeptBytes: Number.MAX_SAFE_INTEGER, maxEnvelopeBytes: Number.MAX_SAFE_INTEGER },
): Promise<{ header: Record<string, unknown>; items: EnvelopeItem[] }> {
  const reader = new EnvelopeReader(
    (async function* () {
      yield body;
    })(),
    limits,
  );
  const header = await reader.readHeader();
  const items: EnvelopeItem[] = [];
  for (let item = await reader.next(); item; item = await reader.next()) items.push(item);
  return { header, items };
}
