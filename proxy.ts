// Runs before routing: a path with a malformed percent-escape would otherwise reach Next's router, which fails
// decoding it with a plain-text 500. Answer it as the bad input it is. Ingest paths are excluded (hot path).
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
