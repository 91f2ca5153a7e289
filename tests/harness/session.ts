// A cookie-keeping HTTP client that signs in through the real next-auth endpoints, as a browser would:
// GET /api/auth/csrf → POST /api/auth/callback/credentials → GET /api/auth/session.

export interface SignInResult {
  ok: boolean;
  /** next-auth's `?error=` code: CredentialsSignin, RateLimited, DirectoryUnavailable... */
  error: string | null;
  status: number;
}

export class SessionClient {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    /** Sent as X-Forwarded-For, so rate-limit tests can pose as distinct clients. */
    readonly ip?: string,
  ) {}

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    if (this.ip) headers.set('x-forwarded-for', this.ip);
    // As a browser on Faultline's own pages: writes carry the page's Origin (the cross-site check needs it).
    if (!['GET', 'HEAD'].includes((init.method ?? 'GET').toUpperCase()) && !headers.has('origin'))
      headers.set('origin', new URL(this.baseUrl).origin);
    const res = await fetch(this.baseUrl + path, { ...init, headers, redirect: 'manual' });
    this.store(res);
    return res;
  }

  async csrfToken(): Promise<string> {
    const r = await this.fetch('/api/auth/csrf');
    return ((await r.json()) as { csrfToken: string }).csrfToken;
  }

  async signIn(username: string, password: string): Promise<SignInResult> {
    const csrfToken = await this.csrfToken();
    const r = await this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, username, password, callbackUrl: this.baseUrl + '/' }).toString(),
    });
    const location = r.headers.get('location') ?? '';
    const error = location ? new URL(location, this.baseUrl).searchParams.get('error') : null;
    return { ok: r.status >= 300 && r.status < 400 && !error, error, status: r.status };
  }

  async session(): Promise<{ uid?: number; user?: { email?: string; name?: string } } | null> {
    const r = await this.fetch('/api/auth/session');
    const body = (await r.json()) as Record<string, unknown>;
    return Object.keys(body).length ? (body as { uid?: number }) : null;
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.fetch('/api/auth/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken }).toString(),
    });
  }

  /** JSON request to the API with this client's session cookie. */
  async api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const r = await this.fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }
}
