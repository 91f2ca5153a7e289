// Runs before routing: a path with a malformed percent-escape would otherwise reach Next's router, which fails
// decoding it with a plain-text 500. Answer it as the bad input it is. Ingest paths are excluded (hot path).
// Top level on purpose: Next.js looks for its proxy file only at the project root (or in src/), no setting moves it,
// and no route handler or layout runs early enough to catch the decode failure.
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(req: NextRequest) {
  try {
    decodeURIComponent(req.nextUrl.pathname);
  } catch {
    return NextResponse.json({ detail: 'The URL path has a malformed percent-escape.' }, { status: 400 });
  }
  return NextResponse.next();
}

// sentry-cli's chunk POSTs and legacy release-file uploads are excluded too: Next.js buffers the body of every
// request the proxy sees (10 MB, `proxyClientMaxBodySize`) and silently truncates the rest.
// The matcher must be a literal: Next.js reads it statically at build time.
export const config = {
  matcher: [
    // eslint-disable-next-line max-len
    '/((?!api/\\d+/(?:envelope|store)/?$|api/0/organizations/[^/]+/chunk-upload/?$|api/0/projects/[^/]+/[^/]+/releases/[^/]+/files/?$|_next/static|_next/image).*)',
  ],
};
