// Bad requests get a JSON 4xx: a URL path with a malformed percent-escape (never Next's plain-text 500), a method
// the route does not serve.
import fs from 'node:fs';
import path from 'node:path';
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

// Every /api/0 route answers a method it does not serve with a JSON 405 naming the allowed ones (Next.js alone
// answers an empty 405 without `Allow`). Read from the route files, so a new route without it fails here.
describe('methods a route does not serve', () => {
  const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const root = path.resolve(import.meta.dirname, '../../app/api/0');
  const routes = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('route.ts'))
    .map((f) => {
      const source = fs.readFileSync(path.join(root, f), 'utf8');
      const m = /export const \{([^}]*)\} = otherMethods\(([^)]*)\)/.exec(source);
      const url =
        '/api/0/' +
        path
          .dirname(f)
          .split(path.sep)
          .map((seg) => (seg.startsWith('[') ? 'x1' : seg))
          .join('/') +
        '/';
      return {
        file: f,
        url: url.replace('/./', '/'),
        refused: m ? m[1].split(',').map((s) => s.trim()) : [],
        allowed: m ? [...m[2].matchAll(/'(\w+)'/g)].map((a) => a[1]) : [],
      };
    });

  it('every route file serves or refuses each method', () => {
    expect(routes.length).toBeGreaterThan(50);
    for (const r of routes) expect([...r.allowed, ...r.refused].sort(), r.file).toEqual([...METHODS].sort());
  });

  it('a refused method is a JSON 405 with Allow', async () => {
    for (const r of routes) {
      const method = r.refused[0];
      const res = await fetch(baseUrl() + r.url, { method });
      expect(res.status, `${method} ${r.url}`).toBe(405);
      expect(res.headers.get('allow'), r.url).toBe(r.allowed.join(', '));
      expect(((await res.json()) as { detail: string }).detail).toMatch(/not allowed/);
    }
  });
});
