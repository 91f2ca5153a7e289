// Security headers on pages and API answers (item 10), Secure cookies and next-auth URLs from an https
// FAULTLINE_URL (item 11), and the per-IP sign-in limit taken from the socket, never X-Forwarded-For (item 12).
// Items 11 and 12 need their own Faultline: FAULTLINE_URL=https://faultline.example (served over plain HTTP
// here, as behind a TLS-terminating proxy), a per-IP limit of 3, and in front of it a node:http layer that
// stamps the socket address as Faultline's own server does (lib/auth/clientIp.ts, stampPeerAddress).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, makeProject, uniqueSlug } from '../harness/fixtures.ts';
import { SessionClient } from '../harness/session.ts';
import { startStack, type Stack } from '../harness/stack.ts';
import { stampPeerAddress } from '../../lib/auth/clientIp.ts';
import { createLocalUser } from '../../lib/users/users.ts';
import { createDb } from '../../lib/db.ts';

describe('security headers', () => {
  const expectHeaders = (r: Response) => {
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src [^;]*'self'/);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  };

  it.each(['/auth/login', '/api/0/', '/api/0/organizations/', '/api/auth/csrf', '/_health/', '/no-such-page'])(
    'are on %s',
    async (path) => expectHeaders(await fetch(baseUrl() + path, { redirect: 'manual' })),
  );

  it('are on ingest answers, which keep their CORS headers', async () => {
    const p = await makeProject();
    const origin = 'https://shop.example';
    const pre = await fetch(`${baseUrl()}/api/${p.project.id}/envelope/`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    const r = await fetch(`${baseUrl()}/api/${p.project.id}/store/?sentry_key=${p.key.publicKey}`, {
      method: 'POST',
      headers: { origin },
      body: JSON.stringify({ message: 'hello' }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(origin);
    expect(r.headers.get('access-control-expose-headers')).toContain('X-Sentry-Rate-Limits');
  });
});

describe('behind HTTPS, with a socket-address server layer', () => {
  const PUBLIC = 'https://faultline.example';
  let stack: Stack;
  let front: http.Server;
  let frontUrl: string;
  const password = 'correct horse battery';
  let email: string;

  beforeAll(async () => {
    stack = await startStack({
      name: 'https',
      workers: 0,
      env: { FAULTLINE_URL: PUBLIC, AUTH_MAX_FAILURES_PER_IP: '3', AUTH_MAX_FAILURES_PER_USER: '100' },
    });
    front = http.createServer((req, res) => {
      stampPeerAddress(req.headers, req.socket.remoteAddress, stack.env.SECRET_KEY);
      const up = http.request(
        new URL(req.url ?? '/', stack.baseUrl),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(up);
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    frontUrl = `http://127.0.0.1:${(front.address() as { port: number }).port}`;
    // This stack has its own database: the user is made there.
    email = `${uniqueSlug('https')}@example.com`;
  }, 120_000);
  afterAll(async () => {
    front?.close();
    await stack?.stop();
  });

  it('marks session cookies Secure and sends next-auth redirects to FAULTLINE_URL', async () => {
    await createUserIn(stack, email, password);
    const c = new SessionClient(frontUrl);
    const csrfToken = await c.csrfToken();
    const r = await c.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, username: email, password, callbackUrl: `${PUBLIC}/issues/` }).toString(),
    });
    expect(r.headers.get('location')).toBe(`${PUBLIC}/issues/`);
    const session = r.headers.getSetCookie().find((l) => l.includes('next-auth.session-token='));
    expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(session).toMatch(/;\s*Secure/i);
    // next-auth's sign-in page redirect names its callback by FAULTLINE_URL, not http://localhost:3000.
    const signin = decodeURIComponent((await c.fetch('/api/auth/signin')).headers.get('location') ?? '');
    expect(signin).toContain(`callbackUrl=${PUBLIC}/`);
    expect(signin).not.toContain('localhost');
  });

  it('limits sign-in failures per socket address, whatever X-Forwarded-For says', async () => {
    const errors: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      // A new made-up address and a new made-up user each time: only the socket address is shared.
      const c = new SessionClient(frontUrl, `203.0.113.${i + 1}`);
      errors.push((await c.signIn(`${uniqueSlug('nobody')}@example.com`, 'wrong password')).error);
    }
    expect(errors).toEqual([
      'CredentialsSignin',
      'CredentialsSignin',
      'CredentialsSignin',
      'RateLimited',
      'RateLimited',
    ]);
  });
});

/** A local user in another stack's database, through lib/ like every fixture. */
async function createUserIn(stack: Stack, email: string, password: string) {
  const other = createDb(stack.databaseUrl, 1);
  try {
    await createLocalUser(other, { email, password });
  } finally {
    await other.$disconnect();
  }
}
