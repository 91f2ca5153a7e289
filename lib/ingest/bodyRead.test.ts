import { describe, expect, it } from 'vitest';
import { HttpError } from '../api/respond.ts';
import { collect } from './decode.ts';
import { readBody } from './bodyRead.ts';

const bytes = (n: number) => new Uint8Array(n);

async function* stallsAfter(first: number) {
  yield bytes(first);
  await new Promise(() => undefined);
}

describe('readBody', () => {
  it('passes a body through', async () => {
    async function* two() {
      yield bytes(3);
      yield bytes(4);
    }
    expect((await collect(readBody(two(), 1000))).length).toBe(7);
  });

  it('answers 408 and closes when no bytes come for the idle time', async () => {
    const started = Date.now();
    const e = (await collect(readBody(stallsAfter(100), 200)).catch((x: unknown) => x)) as HttpError;
    expect(e).toBeInstanceOf(HttpError);
    expect([e.status, e.headers]).toEqual([408, { connection: 'close' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('counts idle time per chunk, not for the whole body', async () => {
    async function* slow() {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 80));
        yield bytes(10);
      }
    }
    expect((await collect(readBody(slow(), 200))).length).toBe(50);
  });

  it('turns a body the client cut off into a 400, not an internal error', async () => {
    async function* aborted() {
      yield bytes(10);
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    }
    const e = (await collect(readBody(aborted(), 1000)).catch((x: unknown) => x)) as HttpError;
    expect([e.status, e.message]).toEqual([400, 'the request body was cut off before its end']);
  });

  it('leaves a body already read whole alone', () => {
    const whole = [bytes(5)];
    expect(readBody(whole, 100)).toBe(whole);
  });
});
