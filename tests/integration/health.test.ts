// The health endpoint and the `faultline` command against the running test stack.
import { describe, expect, it } from 'vitest';
import { baseUrl } from '../harness/fixtures.ts';

describe('GET /_health/', () => {
  it('answers 200 ok when the database and Redis answer', async () => {
    const r = await fetch(`${baseUrl()}/_health/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('ok');
  });
});
