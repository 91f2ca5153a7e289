// Test support: the event items of the captured SDK envelopes in tests/fixtures/sdk (a minimal reader, not the ingest parser).

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../../tests/fixtures/sdk');

export interface FixtureEnvelope {
  header: Record<string, unknown>;
  itemHeader: Record<string, unknown>;
  /** The first item's payload, parsed. */
  payload: unknown;
}

/** The envelope whose file name starts with `prefix` (e.g. "02"). */
export function readFixture(prefix: string): FixtureEnvelope {
  const file = readdirSync(DIR).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.body'));
  if (!file) throw new Error(`no fixture ${prefix}-*.body in ${DIR}`);
  const body = readFileSync(path.join(DIR, file));
  const first = body.indexOf(0x0a);
  const second = body.indexOf(0x0a, first + 1);
  const header = JSON.parse(body.subarray(0, first).toString('utf8'));
  const itemHeader = JSON.parse(body.subarray(first + 1, second).toString('utf8'));
  const start = second + 1;
  const length = typeof itemHeader.length === 'number' ? itemHeader.length : undefined;
  const end = length !== undefined ? start + length : body.indexOf(0x0a, start) < 0 ? body.length : body.indexOf(0x0a, start);
  return { header, itemHeader, payload: JSON.parse(body.subarray(start, end).toString('utf8')) };
}
