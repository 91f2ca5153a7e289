import type { NextConfig } from 'next';

// Security headers on every page and API answer (the ingest routes add their CORS headers themselves).
// Next.js inlines its bootstrap and flight-data scripts, so scripts need 'unsafe-inline' (nonces would force every
// page to render per request); 'unsafe-eval' only in development, where React's tooling needs it.
const dev = process.env.NODE_ENV === 'development';
const CSP = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: CSP },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

const nextConfig: NextConfig = {
  // SDKs post to `/api/<id>/envelope/` with the trailing slash; a 308 redirect would lose the body.
  skipTrailingSlashRedirect: true,
  // Server-only packages that must not be bundled.
  serverExternalPackages: ['ioredis', 'pg', '@prisma/adapter-pg', 'ldapts', 'nodemailer'],
  poweredByHeader: false,
  // Lets several builds of one checkout coexist (parallel development and test runs).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The container image build asks for a self-contained server with only the files it needs (see Dockerfile).
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // Type errors fail `npm test` through its own `tsc --noEmit` step; building twice would only be slower.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
