// @sentry/browser on a page of another origin posts to the ingest edge: CORS lets it through and the event reaches the
// stream.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { makeProject } from '../harness/fixtures.ts';
import { findOnStream, testRedis } from '../integration/ingest-support.ts';
import { sentryBrowserScript } from './support.ts';

let server: http.Server;
let pageOrigin: string;
let dsn: string;
let projectId: number;

test.beforeAll(async () => {
  const p = await makeProject({ platform: 'javascript' });
  dsn = p.dsn;
  projectId = p.project.id;
  const js = await sentryBrowserScript();
  const html = `<!doctype html><html><head><title>Shop (other origin)</title><script src="/sentry.js"></script></head>
<body><h1>Checkout</h1><p id="status">sending…</p><script>
  window.sentIds = [];
  Sentry.init({
    dsn: ${JSON.stringify(dsn)},
    release: 'browser-edge@1.0.0',
    beforeSend(event) { window.sentIds.push(event.event_id); return event; },
  });
  setTimeout(() => { throw new TypeError('checkout button broke: ' + Date.now()); }, 0);
</script></body></html>`;
  server = http.createServer((req, res) => {
    if (req.url === '/sentry.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // localhost vs 127.0.0.1 and another port: a different origin from Faultline's.
  pageOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server?.close();
  testRedis().disconnect();
});

test('an uncaught error on a cross-origin page reaches Faultline (200 with CORS headers, event on the stream)', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  // The SDK also sends a session envelope (answered `{}`); wait for the one that carried the event.
  const all: Array<{ status: number; cors: string | undefined }> = [];
  const answered = page.waitForResponse(async (r) => {
    if (!r.url().includes(`/api/${projectId}/envelope/`) || r.request().method() !== 'POST') return false;
    all.push({ status: r.status(), cors: r.headers()['access-control-allow-origin'] });
    return Boolean(((await r.json()) as { id?: string }).id);
  });
  await page.goto(`${pageOrigin}/`);
  const response = await answered;
  expect(all.every((a) => a.status === 200 && a.cors === pageOrigin)).toBe(true);

  expect(new URL(response.url()).origin).not.toBe(pageOrigin);
  expect(response.status()).toBe(200);
  expect(response.headers()['access-control-allow-origin']).toBe(pageOrigin);
  expect(response.request().headers()['content-type']).toMatch(/text\/plain/);
  const body = (await response.json()) as { id: string };

  const sentIds = await page.evaluate(() => (window as unknown as { sentIds: string[] }).sentIds);
  expect(sentIds).toContain(body.id);
  const entry = await findOnStream(body.id);
  expect(entry?.projectId).toBe(projectId);
  const event = JSON.parse(entry!.payload);
  expect(event.exception.values[0].type).toBe('TypeError');
  expect(event.exception.values[0].value).toMatch(/checkout button broke/);
  expect(event.request.headers.Referer ?? event.request.url).toContain(pageOrigin);
  // Chromium logs a CORS refusal to the console; there must be none (the thrown error itself is logged).
  expect(consoleErrors.filter((m) => /CORS|Access-Control/i.test(m))).toEqual([]);

  await page.evaluate((id) => {
    document.getElementById('status')!.textContent = `event ${id} accepted by Faultline (cross-origin, HTTP 200)`;
  }, body.id);
  await page.screenshot({ path: 'tests/e2e/screenshots/ingest-browser.png' });
});
