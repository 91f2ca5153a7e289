// A URL path with a malformed percent-escape is bad input: a JSON 400, never Next's plain-text 500.
import { describe, expect, it } from 'vitest';
import { baseUrl } from '../harness/fixtures.ts';

describe('malformed URL paths', () => {
  it.each([
    '/api/0/projects/%E0%A4%A/x/',
    '/api/0/issues/%ZZ/',
    '/organizations/%E0%A4%A/issues/',
    '/api/1/store/%E0%A4%A',
    '/api/1/envelope/%',
  ])('%s → 400', async (path) => {
    const r = await fetch(baseUrl() + path);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(((await r.json()) as { detail: string }).detail).toMatch(/percent-escape/);
  });

  it('leaves well-formed escapes alone', async () => {
    const r = await fetch(baseUrl() + '/api/0/organizations/no%20such%20org/');
    expect(r.status).toBe(401);
  });
});
