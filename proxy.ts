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
// request the proxy sees (10 MB, `proxyClientMaxBodySize`) and silently truncates the rest. Only when their URL
// segments hold nothing but plain characters and ASCII escapes (`%40` for `@` in a version), which always decode:
// anything else (a malformed or non-ASCII escape) still comes here and gets its JSON 400, its body buffered (a chunk
// POST stays under 8 MiB; a non-ASCII version's release file over 10 MB arrives truncated and is refused as bad
// multipart).
// The matcher must be a literal: Next.js reads it statically at build time. Each `(?:[^/%]|%[0-7][0-9A-Fa-f])+` is one
// such segment.
export const config = {
  matcher: [
    // eslint-disable-next-line max-len
    '/((?!api/\\d+/(?:envelope|store)/?$|api/0/organizations/(?:[^/%]|%[0-7][0-9A-Fa-f])+/chunk-upload/?$|api/0/projects/(?:[^/%]|%[0-7][0-9A-Fa-f])+/(?:[^/%]|%[0-7][0-9A-Fa-f])+/releases/(?:[^/%]|%[0-7][0-9A-Fa-f])+/files/?$|_next/static|_next/image).*)',
  ],
};
