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

export const config = { matcher: ['/((?!api/\\d+/(?:envelope|store)/?$|_next/static|_next/image).*)'] };
