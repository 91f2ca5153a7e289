#!/usr/bin/env bash
# Builds a local stand-in for the official `node` image, because no container registry is reachable here:
# Debian bookworm (minbase, like node:*-bookworm-slim) plus this machine's node and npm, plus this machine's
# extra CA certificates (the egress proxy re-signs TLS, so `npm ci` inside a build fails without them).
# The certificates live in this stand-in only; the product Dockerfile never mentions them.
# Usage: tests/deploy/standin-base.sh [tag]   (does nothing when the tag exists; FORCE=1 rebuilds)
set -euo pipefail
tag=${1:-localhost/faultline-standin-node:bookworm}
if [ "${FORCE:-0}" != 1 ] && podman image exists "$tag"; then
  echo "stand-in base $tag exists"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
cat /usr/local/share/ca-certificates/*.crt > "$work/extra-ca.pem" 2>/dev/null || : > "$work/extra-ca.pem"

start=$(date +%s)
mmdebstrap --quiet --variant=minbase \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook="cp -a $(readlink -f "$(command -v node)") \"\$1/usr/local/bin/node\"" \
  --customize-hook="mkdir -p \"\$1/usr/local/lib/node_modules\" && cp -a $npm_dir \"\$1/usr/local/lib/node_modules/npm\"" \
  --customize-hook='ln -s ../lib/node_modules/npm/bin/npm-cli.js "$1/usr/local/bin/npm"' \
  --customize-hook='ln -s ../lib/node_modules/npm/bin/npx-cli.js "$1/usr/local/bin/npx"' \
  --customize-hook="mkdir -p \"\$1/usr/local/share/ca-certificates\" && cp $work/extra-ca.pem \"\$1/usr/local/share/ca-certificates/extra.pem\"" \
  bookworm "$work/rootfs.tar"
podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/extra.pem' \
  --change 'CMD ["node"]' \
  "$work/rootfs.tar" "$tag" >/dev/null
echo "stand-in base $tag built in $(( $(date +%s) - start ))s ($(podman image inspect --format '{{.Size}}' "$tag") bytes)"
