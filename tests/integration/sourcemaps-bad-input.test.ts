// Bad input to the upload routes, sent raw: every answer is a JSON 4xx with a `detail`, never Next.js's plain-text
// 500. The chunk POST and legacy release-file routes bypass proxy.ts (their bodies must not be buffered) only for
// URLs that always decode, so a malformed escape there is caught like anywhere else.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { baseUrl, makeProject, makeToken, makeUser } from '../harness/fixtures.ts';

let org: string;
let project: string;
let auth: Record<string, string>;

beforeAll(async () => {
  const a = await makeProject();
  await db().release.create({
    data: { orgId: a.org.id, version: 'web@1.0', projects: { create: { projectId: a.project.id } } },
  });
  const u = await makeUser({ org: a.org.slug, role: 'admin' });
  auth = { authorization: `Bearer ${await makeToken(u.user.id, ['org:read', 'project:read', 'project:releases'])}` };
  org = a.org.slug;
  project = a.project.slug;
});

/** The answer must be a 4xx JSON `{"detail": ...}`; returns status and detail. */
async function answer(r: Response): Promise<[number, string]> {
  const text = await r.text();
  expect(r.headers.get('content-type'), text).toContain('application/json');
  const { detail } = JSON.parse(text) as { detail: string };
  expect(typeof detail).toBe('string');
  return [r.status, detail];
}

const send = (path: string, init: RequestInit = {}) =>
  fetch(`${baseUrl()}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });

const multipart = (parts: [string, Blob | string, string?][]) => {
  const f = new FormData();
  for (const [name, value, filename] of parts)
    if (typeof value === 'string') f.append(name, value);
    else f.append(name, value, filename);
  return f;
};

describe('URLs and methods', () => {
  /** Each upload route with the methods it serves; ORG and VERSION are where the bad segment goes. */
  const routes = (): [string, string[]][] => [
    ['/api/0/organizations/ORG/chunk-upload/', ['GET', 'POST']],
    ['/api/0/organizations/ORG/artifactbundle/assemble/', ['POST']],
    [`/api/0/projects/${org}/${project}/releases/VERSION/files/`, ['GET', 'POST']],
    [`/api/0/projects/${org}/${project}/releases/VERSION/`, ['GET', 'PUT']],
    [`/api/0/projects/ORG/${project}/releases/`, ['GET', 'POST']],
  ];
  const at = (path: string, segment: string) => path.replace('ORG', segment).replace('VERSION', segment);
  const call = (path: string, method: string) => send(path, { method, body: method === 'GET' ? null : '{}' });

  it.each(['%E0%A4%A', '%C0%AF', '%ZZ', 'acme%', '%FF%FE'])('a malformed escape (%s) is a 400', async (bad) => {
    for (const [path, methods] of routes())
      for (const method of methods) {
        const [status, detail] = await answer(await call(at(path, bad), method));
        expect([method, path, status]).toEqual([method, path, 400]);
        expect(detail).toMatch(/percent-escape/);
      }
  });

  it('a NUL (%00) names nothing: 404', async () => {
    for (const [path, methods] of routes())
      for (const method of methods) {
        const [status] = await answer(await call(at(path, '%00'), method));
        expect([method, path, status]).toEqual([method, path, 404]);
      }
  });

  it('a method the route does not serve: 405 with Allow', async () => {
    for (const [path, methods] of routes())
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !methods.includes(m))) {
        const r = await call(at(path, path.includes('ORG') ? org : 'web%401.0'), method);
        const [status, detail] = await answer(r);
        expect([method, path, status]).toEqual([method, path, 405]);
        expect(detail).toMatch(/Method not allowed/);
        expect(r.headers.get('allow')).toBe(methods.join(', '));
      }
  });

  it('well-formed non-ASCII escapes and very long segments are looked up, not refused', async () => {
    const files = `/api/0/projects/${org}/${project}/releases/w%C3%A9b%401.0/files/`;
    expect(await answer(await send(files, { method: 'POST', body: multipart([['name', '~/a.js']]) }))).toEqual([
      400,
      'file: a file part is required',
    ]);
    const long = `/api/0/organizations/${'a'.repeat(3000)}/chunk-upload/`;
    expect((await answer(await send(long)))[0]).toBe(404);
  });
});

describe('chunk POST bodies', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    send(`/api/0/organizations/${org}/chunk-upload/`, { method: 'POST', body, headers });
  const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
  const data = new TextEncoder().encode('chunk');

  it.each([
    ['not multipart', () => post('{}', { 'content-type': 'application/json' }), /multipart/],
    ['multipart without a boundary', () => post('x', { 'content-type': 'multipart/form-data' }), /multipart/],
    [
      'garbage multipart',
      () => post('--x\r\nnonsense', { 'content-type': 'multipart/form-data; boundary=x' }),
      /multipart/,
    ],
    ['a part named other than its SHA-1', () => post(multipart([['file', new Blob([data]), 'chunk.bin']])), /SHA-1/],
    ['a text field as the chunk', () => post(multipart([['file', 'text']])), /file part/],
    ['file_gzip that is not gzip', () => post(multipart([['file_gzip', new Blob([data]), sha1(data)]])), /gzip/],
    [
      'a chunk whose content is not its name',
      () => post(multipart([['file_gzip', new Blob([new Uint8Array(zlib.gzipSync(data))]), 'a'.repeat(40)]])),
      /checksum mismatch/,
    ],
  ])('%s: 400', async (_, request, detail) => {
    const [status, text] = await answer(await request());
    expect(status).toBe(400);
    expect(text).toMatch(detail);
  });

  it('a body over the request limit: 413', async () => {
    const big = new Uint8Array(9 * 1024 * 1024);
    const [status] = await answer(await post(multipart([['file', new Blob([big]), sha1(big)]])));
    expect(status).toBe(413);
  });
});

describe('assemble bodies', () => {
  const post = (body: string) =>
    send(`/api/0/organizations/${org}/artifactbundle/assemble/`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
  const ok = () => ({ checksum: 'a'.repeat(40), chunks: ['a'.repeat(40)], projects: [project] });

  it.each([
    ['not JSON', () => '{"checksum":', /not valid JSON/],
    ['a JSON array', () => '[]', /expected object/],
    ['no checksum', () => JSON.stringify({ ...ok(), checksum: undefined }), /checksum/],
    ['chunks not a list', () => JSON.stringify({ ...ok(), chunks: 'a'.repeat(40) }), /chunks/],
    ['a NUL in a project slug', () => JSON.stringify({ ...ok(), projects: ['we\u0000b'] }), /NUL/],
    ['a project id past int4', () => JSON.stringify({ ...ok(), projects: [2 ** 31] }), /projects/],
    ['a numeric slug past int4', () => JSON.stringify({ ...ok(), projects: ['99999999999'] }), /invalid/],
    ['version ".."', () => JSON.stringify({ ...ok(), version: '..' }), /version/],
    ['a version with a newline', () => JSON.stringify({ ...ok(), version: 'a\nb' }), /version/],
    [
      'more chunks than allowed',
      () => JSON.stringify({ ...ok(), chunks: Array(10_001).fill('a'.repeat(40)) }),
      /chunks/,
    ],
  ])('%s: 400', async (_, body, detail) => {
    const [status, text] = await answer(await post(body()));
    expect(status).toBe(400);
    expect(text).toMatch(detail);
  });
});

describe('legacy release-file bodies', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    send(`/api/0/projects/${org}/${project}/releases/web%401.0/files/`, { method: 'POST', body, headers });
  const file = new Blob([new TextEncoder().encode('var a;')]);

  it.each([
    ['not multipart', () => post('{}', { 'content-type': 'application/json' }), /multipart/],
    ['no file part', () => post(multipart([['name', '~/a.js']])), /file part/],
    [
      'a header without a colon',
      () =>
        post(
          multipart([
            ['file', file, 'a.js'],
            ['header', 'nocolon'],
          ]),
        ),
      /header/,
    ],
    [
      'a NUL in the name',
      () =>
        post(
          multipart([
            ['file', file, 'a.js'],
            ['name', '~/a\u0000.js'],
          ]),
        ),
      /NUL/,
    ],
    [
      'a very long name',
      () =>
        post(
          multipart([
            ['file', file, 'a.js'],
            ['name', `~/${'a'.repeat(3000)}`],
          ]),
        ),
      /name/,
    ],
    [
      'a very long dist',
      () =>
        post(
          multipart([
            ['file', file, 'a.js'],
            ['dist', 'd'.repeat(100)],
          ]),
        ),
      /dist/,
    ],
  ])('%s: 400', async (_, request, detail) => {
    const [status, text] = await answer(await request());
    expect(status).toBe(400);
    expect(text).toMatch(detail);
  });

  it('for a release that does not exist: 404', async () => {
    const r = await send(`/api/0/projects/${org}/${project}/releases/nope/files/`, {
      method: 'POST',
      body: multipart([['file', file, 'a.js']]),
    });
    expect((await answer(r))[0]).toBe(404);
  });
});
