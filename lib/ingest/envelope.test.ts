import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../api/respond.ts';
import { EnvelopeReader, parseEnvelope } from './envelope.ts';

const dir = path.resolve(import.meta.dirname, '../../tests/fixtures/sdk');
const fixture = (prefix: string) =>
  readFileSync(
    path.join(
      dir,
      readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.body'))!,
    ),
  );

async function failure(p: Promise<unknown>): Promise<HttpError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(HttpError);
  return e as HttpError;
}

async function* chunks(buf: Buffer, size: number) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('parseEnvelope on captured SDK payloads', () => {
  it('reads the @sentry/node event envelope (item without length)', async () => {
    const { header, items } = await parseEnvelope(fixture('02-'));
    expect(header.event_id).toBe('81893c59f6184c2b8f8655a7bd5a61c2');
    expect(items).toHaveLength(1);
    expect(items[0].type).toBe('event');
    const event = JSON.parse(items[0].payload!.toString());
    expect(event.exception.values[0].type).toBe('TypeError');
  });

  it('reads the @sentry/node session envelope', async () => {
    const { items } = await parseEnvelope(fixture('01-'));
    expect(items.map((i) => i.type)).toEqual(['session']);
  });

  it('reads the sentry-cli envelope (item with length, dashed event_id in the header)', async () => {
    const body = fixture('05-');
    const { header, items } = await parseEnvelope(body);
    expect(header.event_id).toBe('30011660-4b97-4a42-a5c3-a72ad9b96f38');
    expect(items[0].size).toBe(608);
    expect(JSON.parse(items[0].payload!.toString()).logentry.message).toBe('backup of %s failed');
  });

  it('gives the same items whatever the chunking (1, 7 and 64 byte chunks)', async () => {
    for (const prefix of ['02-', '05-']) {
      const body = fixture(prefix);
      const whole = await parseEnvelope(body);
      for (const size of [1, 7, 64]) {
        const reader = new EnvelopeReader(chunks(body, size), { maxKeptBytes: 1e6, maxEnvelopeBytes: 1e8 });
        expect(await reader.readHeader()).toEqual(whole.header);
        const got = [];
        for (let i = await reader.next(); i; i = await reader.next()) got.push(i.payload!.toString());
        expect(got).toEqual(whole.items.map((i) => i.payload!.toString()));
      }
    }
  });
});

describe('envelope layout variants', () => {
  it('accepts empty lines between items, a missing final newline and mixed sized/unsized items', async () => {
    const body = Buffer.from('{}\n{"type":"attachment","length":3}\nabc\n\n\n{"type":"event"}\n{"a":1}');
    const { items } = await parseEnvelope(body);
    expect(items.map((i) => [i.type, i.payload!.toString()])).toEqual([
      ['attachment', 'abc'],
      ['event', '{"a":1}'],
    ]);
  });

  it('keeps payloads containing newlines when a length is given', async () => {
    const { items } = await parseEnvelope(Buffer.from('{}\n{"type":"attachment","length":5}\na\nb\n\n'));
    expect(items[0].payload!.toString()).toBe('a\nb\n\n'.slice(0, 5));
  });

  it('an envelope with only a header has no items', async () => {
    expect((await parseEnvelope(Buffer.from('{"dsn":"x"}'))).items).toEqual([]);
  });

  it('skips payloads of types the caller does not keep, without buffering them', async () => {
    const body = Buffer.from(
      '{}\n{"type":"attachment","length":4}\nxxxx\n{"type":"replay_recording"}\nyyy\n{"type":"event"}\n{}\n',
    );
    const reader = new EnvelopeReader(
      chunks(body, 5),
      { maxKeptBytes: 10, maxEnvelopeBytes: 1e6 },
      (t) => t === 'event',
    );
    await reader.readHeader();
    const got = [];
    for (let i = await reader.next(); i; i = await reader.next())
      got.push([i.type, i.payload?.toString() ?? null, i.size]);
    expect(got).toEqual([
      ['attachment', null, 4],
      ['replay_recording', null, 3],
      ['event', '{}', 2],
    ]);
  });
});

describe('malformed envelopes', () => {
  const table: Array<[string, string, number, RegExp]> = [
    ['empty body', '', 400, /empty body/],
    ['invalid header JSON', '{"event_id":\n', 400, /envelope header is not valid JSON/],
    ['header not an object', '[1]\n', 400, /envelope header is not a JSON object/],
    ['invalid item header', '{}\n{"type":"event"\n{}\n', 400, /item 1 header is not valid JSON/],
    ['item header without type', '{}\n{"length":2}\n{}\n', 400, /item 1 header has no "type"/],
    ['negative length', '{}\n{"type":"event","length":-1}\n', 400, /invalid "length"/],
    [
      'length past the end',
      '{}\n{"type":"event","length":100}\n{"a":1}\n',
      400,
      /truncated envelope: item 1 \(event\) declares length 100 but only 8 bytes follow/,
    ],
    [
      'kept item larger than its cap',
      '{}\n{"type":"event","length":5000}\n',
      413,
      /item 1 \(event\) is larger than the limit of 1000 bytes/,
    ],
    [
      'unsized kept item larger than its cap',
      `{}\n{"type":"event"}\n${'x'.repeat(2000)}\n`,
      413,
      /larger than the limit of 1000/,
    ],
    [
      'declared length beyond the envelope cap',
      '{}\n{"type":"attachment","length":99999999}\n',
      413,
      /larger than the limit of 100000 bytes/,
    ],
  ];
  for (const [name, body, status, detail] of table) {
    it(name, async () => {
      const e = await failure(parseEnvelope(Buffer.from(body), { maxKeptBytes: 1000, maxEnvelopeBytes: 100_000 }));
      expect(e.status).toBe(status);
      expect(e.message).toMatch(detail);
    });
  }

  it('a header line without newline that never ends is cut off (413), not buffered', async () => {
    async function* zeros() {
      for (let i = 0; i < 100; i++) yield Buffer.alloc(16 * 1024);
    }
    const reader = new EnvelopeReader(zeros(), { maxKeptBytes: 1000, maxEnvelopeBytes: 1e9 });
    const e = await failure(reader.readHeader());
    expect(e.status).toBe(413);
  });
});
