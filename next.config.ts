import type { NextConfig } from 'next';

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
};

export default nextConfig;
