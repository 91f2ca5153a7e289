// Readable JavaScript stack traces end to end, with the real tools: esbuild builds the app minified with maps,
// sentry-cli injects debug IDs and uploads, @sentry/node and @sentry/browser (in Chromium) send the errors, and the
// original file:line:function shows through /api/0 and on the issue page, by debug ID and by release + dist + URL.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { makeProject, makeToken, makeUser } from '../harness/fixtures.ts';
import type { Event } from '../../lib/events/contract.ts';
import { sentryBrowserScript, shots, signIn, waitFor } from './support.ts';
import { ORIGINAL_FRAMES, appDir, buildApp, inject, runNodeApp, upload } from './sourcemaps-support.ts';

type ApiFrame = { function: string; filename: string; absPath: string; lineNo: number; colNo: number };
type Setup = Awaited<ReturnType<typeof setup>>;

let s: Setup;
// Each test builds, uploads with sentry-cli and sends real SDK events: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });
let server: http.Server;
let pageOrigin: string;
/** The build the test page serves under /assets/. */
let assets = '';

async function setup() {
  const p = await makeProject({ platform: 'javascript' });
  const u = await makeUser({ org: p.org.slug, role: 'owner' });
  const token = await makeToken(u.user.id);
  return { p, u, token, cli: { token, org: p.org.slug, project: p.project.slug } };
}

test.beforeAll(async () => {
  s = await setup();
  const sentryJs = await sentryBrowserScript();
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/sentry.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(sentryJs);
    if (url.pathname.startsWith('/assets/')) {
      const file = readFileSync(path.join(assets, path.basename(url.pathname)));
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(file);
    }
    const init = { dsn: s.p.dsn, release: url.searchParams.get('release'), dist: url.searchParams.get('dist') };
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><head><title>Shop</title>
<script src="/sentry.js"></script><script src="/assets/app.min.js"></script></head><body><h1>Checkout</h1><script>
  Sentry.init(${JSON.stringify(init)});
  window.go = () => { try { App.runCheckout('BOGUS'); } catch (e) { window.sentId = Sentry.captureException(e); } };
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => {
  server?.close();
});

async function storedEvent(id: string): Promise<Event> {
  const url = `${process.env.FAULTLINE_TEST_URL}/api/0/projects/${s.p.org.slug}/${s.p.project.slug}/events/${id}/`;
  const get = async () => {
    // Under heavy load a connection can drop: that is "not yet", the poll tries again.
    const r = await fetch(url, { headers: { authorization: `Bearer ${s.token}` } }).catch(() => null);
    return r?.ok ? ((await r.json()) as Event) : null;
  };
  return (await waitFor(get, (e) => e !== null, 30_000))!;
}

function exception(ev: Event) {
  return (ev.entries.find((e) => e.type === 'exception')!.data.values as Record<string, { frames: ApiFrame[] }>[])[0];
}

/** The app's three frames, innermost last, as function / file / line:column. */
function appFrames(frames: ApiFrame[]) {
  return frames
    .filter((f) => ORIGINAL_FRAMES.some((o) => o.function === f.function))
    .map((f) => ({ function: f.function, file: path.basename(f.filename), lineNo: f.lineNo, colNo: f.colNo }));
}

async function sendFromBrowser(page: Page, query: string): Promise<string> {
  await page.goto(`${pageOrigin}/?${query}`);
  await page.evaluate(() => (window as unknown as { go: () => void }).go());
  return page.evaluate(() => (window as unknown as { sentId: string }).sentId);
}

async function openEvent(page: Page, ev: Event, signedIn = false) {
  const at = `/organizations/${s.p.org.slug}/issues/${ev.groupID}/?event=${ev.id}`;
  if (signedIn) await page.goto(process.env.FAULTLINE_TEST_URL + at);
  else await signIn(page, s.u.email, s.u.password, at);
  await expect(page.getByTestId('stacktrace')).toBeVisible();
}

test('@sentry/node: a debug-ID upload resolves the next error; one sent before the upload says why it was not', async ({
  page,
}) => {
  const dir = appDir();
  const dist = await buildApp(dir, 'node');
  inject(dist);
  const script = path.join(dist, 'app.min.js');

  const before = await storedEvent(runNodeApp(s.p.dsn, script));
  expect(before.errors).toEqual([expect.objectContaining({ type: 'js_no_source' })]);
  expect(before.errors[0].data.reason).toMatch(/^no uploaded bundle of this project has debug ID [0-9a-f-]{36}$/);
  expect(appFrames(exception(before).stacktrace.frames)).toEqual([]);

  const r = upload(dist, s.cli);
  expect(r.stdout).toContain('File processing complete'); // --wait: stored when the CLI returns
  const ev = await storedEvent(runNodeApp(s.p.dsn, script));
  const exc = exception(ev);
  expect(appFrames(exc.stacktrace.frames)).toEqual(ORIGINAL_FRAMES);
  expect(exc.stacktrace.frames.at(-1)!.absPath).toBe(path.join(dir, 'src/pricing.js'));
  expect(appFrames(exc.rawStacktrace.frames)).toEqual([]); // the minified names, kept
  expect(exc.rawStacktrace.frames.at(-1)!.filename).toBe(script);
  expect(ev.errors).toEqual([]);
  // Resolved before grouping: the two events of one bug are two issues only because one stayed minified.
  expect(ev.groupID).not.toBe(before.groupID);

  await openEvent(page, ev);
  const top = page.getByTestId('frame').first();
  await expect(top).toContainText('../src/pricing.js');
  await expect(top).toContainText('applyDiscount');
  await expect(top).toContainText('at line 10:11');
  await expect(top).toContainText('throw new Error(`unknown discount code: ${code}`);');
  await expect(top.getByTestId('frame-minified')).toContainText(`${script}:3:`);
  await page.screenshot({ path: `${shots}/sourcemaps-node-original.png`, fullPage: true });
  await page.getByRole('button', { name: 'Minified' }).click();
  await expect(page.getByTestId('frame').first()).toContainText(script);
  await expect(page.getByTestId('frame').first()).not.toContainText('applyDiscount');
  await page.screenshot({ path: `${shots}/sourcemaps-node-minified.png`, fullPage: true });
});

test('@sentry/browser in Chromium: resolved by debug ID', async ({ page }) => {
  const dir = appDir();
  assets = await buildApp(dir, 'browser');
  inject(assets);
  upload(assets, s.cli);
  const ev = await storedEvent(await sendFromBrowser(page, ''));
  expect(appFrames(exception(ev).stacktrace.frames)).toEqual(ORIGINAL_FRAMES);
  expect(exception(ev).stacktrace.frames.at(-1)!.absPath).toBe(`${pageOrigin}/src/pricing.js`);
});

test('@sentry/browser in Chromium: release + dist + ~/ URL without debug IDs; another dist says why not', async ({
  page,
}) => {
  const dir = appDir();
  assets = await buildApp(dir, 'browser');
  upload(assets, s.cli, ['--release', 'shop@1', '--dist', 'd1', '--url-prefix', '~/assets']);

  const ev = await storedEvent(await sendFromBrowser(page, 'release=shop@1&dist=d1'));
  expect(appFrames(exception(ev).stacktrace.frames)).toEqual(ORIGINAL_FRAMES);
  // Chromium adds a frame for Playwright's evaluate() that claims a line the bundle does not have (as captured).
  expect(ev.errors.every((e) => e.type === 'js_invalid_sourcemap_location')).toBe(true);
  await openEvent(page, ev);
  await expect(page.getByTestId('frame').first()).toContainText('applyDiscount');
  await expect(page.getByTestId('frame').first()).toContainText('../../src/pricing.js');
  await page.screenshot({ path: `${shots}/sourcemaps-browser-release.png`, fullPage: true });

  const other = await storedEvent(await sendFromBrowser(page, 'release=shop@1&dist=d2'));
  expect(appFrames(exception(other).stacktrace.frames)).toEqual([]);
  const reason = '~/assets/app.min.js was uploaded for release shop@1 with dist d1, but the event has dist d2';
  expect(other.errors.map((e) => e.data.reason)).toEqual([reason]);
  await openEvent(page, other, true);
  const problems = page.getByTestId('processing-errors');
  await expect(problems).toContainText('Source code was not found');
  await expect(problems).toContainText(reason);
  await expect(page.getByRole('button', { name: 'Minified' })).toHaveCount(0);
  await page.screenshot({ path: `${shots}/sourcemaps-browser-dist-mismatch.png`, fullPage: true });
});

test('@sentry/node: resolved by release + URL prefix without debug IDs', async () => {
  const dir = appDir();
  const dist = await buildApp(dir, 'node');
  upload(dist, s.cli, ['--release', 'api@2', '--url-prefix', `~${dist}`]);
  const ev = await storedEvent(runNodeApp(s.p.dsn, path.join(dist, 'app.min.js'), { release: 'api@2' }));
  expect(appFrames(exception(ev).stacktrace.frames)).toEqual(ORIGINAL_FRAMES);
  expect(exception(ev).stacktrace.frames.at(-1)).toMatchObject({ absPath: path.join(dir, 'src/pricing.js') });
});
