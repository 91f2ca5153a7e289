#!/usr/bin/env bash
# The container image as operators run it, with a real container runtime (podman + runc) against this
# machine's PostgreSQL and Redis: build from a local stand-in of the official node image; check that it runs
# compiled JavaScript only (no tsx, TypeScript or esbuild); run upgrade, createuser, createproject, then web, an
# ingest-only server, cron and two workers as an arbitrary UID with group 0 on a read-only root filesystem
# (OpenShift's restricted policy); send a real @sentry/node error and see it through /api/0, and see that web
# answers SDK ingest on its lean node:http path and the dashboard through Next.js; then a rolling stop under
# load: every container must exit within 30 s of SIGTERM and every event answered 200 must be stored. Skips,
# saying why, only where podman cannot run containers.
# Usage: tests/deploy/container.sh   (from a checkout with node_modules; needs podman, runc, mmdebstrap)
set -euo pipefail
cd "$(dirname "$0")/../.."
t0=$(date +%s)
say() { echo "[container] $*"; }
fail() { echo "[container] FAIL: $*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - t0 ))s; }

for tool in podman runc mmdebstrap; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install -y podman runc mmdebstrap)"
done
P=(podman --runtime runc)
# This kernel mixes cgroup v1 and v2; runc copes, and podman's default rlimits exceed what it may set here.
LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
BASE=localhost/faultline-standin-node:bookworm
IMAGE=localhost/faultline:test
run_id=ct$$
DB=faultline_$run_id

tests/deploy/standin-base.sh "$BASE"
if ! probe=$("${P[@]}" run --rm --network host "${LIMITS[@]}" "$BASE" node -e 'console.log("ok")' 2>&1); then
  echo "SKIP container test: podman cannot run containers here: $(echo "$probe" | tail -1)"
  exit 0
fi

say "building the image"
b0=$(date +%s)
"${P[@]}" build --quiet --network host "${LIMITS[@]}" --format docker --build-arg NODE_IMAGE="$BASE" -t "$IMAGE" . >/dev/null
size=$("${P[@]}" image inspect --format '{{.Size}}' "$IMAGE")
base_size=$("${P[@]}" image inspect --format '{{.Size}}' "$BASE")
say "image built in $(( $(date +%s) - b0 ))s: $(( size / 1000000 )) MB (base $(( base_size / 1000000 )) MB)"
# It adds about 100 MB to a Debian base (340 MB in all on bookworm); a jump (a dependency tree change dragging
# dev tools back in, as npm once did through an optional peer) fails here instead of going unnoticed.
[ $(( (size - base_size) / 1000000 )) -le 125 ] || fail "the image adds $(( (size - base_size) / 1000000 )) MB to its base (budget 125 MB)"

[ "$("${P[@]}" image inspect --format '{{.Config.User}}' "$IMAGE")" = 10001:0 ] || fail "the image does not run as a non-root user by default"

say "the image holds compiled processes only: no tsx, TypeScript or esbuild, no TypeScript sources"
"${P[@]}" run --rm --no-healthcheck --network host "${LIMITS[@]}" --entrypoint node "$IMAGE" -e '
  const fs = require("fs"), path = require("path");
  const problems = ["tsx", "typescript", "esbuild"].filter((p) => fs.existsSync(`/app/node_modules/${p}`));
  for (const e of ["cli", "server", "worker", "cron"]) if (!fs.existsSync(`/app/build/${e}.mjs`)) problems.push(`no build/${e}.mjs`);
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (["node_modules", ".next"].includes(e.name) ? [] : walk(path.join(d, e.name))) : [path.join(d, e.name)]);
  // prisma.config.ts is read by Prisma'"'"'s CLI itself (faultline upgrade), not by Node.
  problems.push(...walk("/app").filter((f) => /\.tsx?$/.test(f) && f !== "/app/prisma.config.ts"));
  if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
' || fail "the image still carries the TypeScript toolchain or sources"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port=$(free_port)
ingest_port=$(free_port)
envfile=$(mktemp)
work=$(mktemp -d)
cleanup() {
  "${P[@]}" rm -f -t 0 "$run_id-web" "$run_id-ingest" "$run_id-cron" "$run_id-worker1" "$run_id-worker2" >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 --scan --pattern "$run_id:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null || true
  rm -rf "$envfile" "$work"
}
trap cleanup EXIT
cat > "$envfile" <<EOF
DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
REDIS_URL=redis://127.0.0.1:6379
REDIS_PREFIX=$run_id:
SECRET_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
PORT=$port
FAULTLINE_URL=http://127.0.0.1:$port
WORKER_BATCH_SIZE=100
METRICS_TOKEN=metrics-$run_id
EOF
# OpenShift's restricted policy: a random UID in group 0, nothing writable but /tmp (podman mounts a tmpfs).
AS_OPENSHIFT=(--network host "${LIMITS[@]}" --user 1000770000:0 --read-only --env-file "$envfile")
# The image's HEALTHCHECK runs on demand here (`podman healthcheck run`): podman's timers need systemd.
faultline() { "${P[@]}" run --rm --no-healthcheck "${AS_OPENSHIFT[@]}" "$IMAGE" "$@"; }
daemon() { "${P[@]}" run -d --health-interval disable --name "$1" "${AS_OPENSHIFT[@]}" "$IMAGE" "${@:2}" >/dev/null; }

say "a missing DATABASE_URL is one clear line"
set +e
missing=$("${P[@]}" run --rm --no-healthcheck --network host "${LIMITS[@]}" --user 1000770000:0 --read-only "$IMAGE" run worker 2>&1)
code=$?
set -e
[ "$code" = 2 ] || fail "run worker without DATABASE_URL exited $code: $missing"
[ "$(echo "$missing" | wc -l)" = 1 ] && echo "$missing" | grep -q 'DATABASE_URL is not set' || fail "unclear message: $missing"

say "upgrade, createuser, createproject, createtoken"
faultline upgrade | tail -1 | grep -qx 'database is up to date' || fail "upgrade"
faultline createuser --email admin@example.com --password container-test-pw --superuser --org acme >/dev/null
dsn=$(faultline createproject --org acme --project backend --platform node | tail -1)
token=$(faultline createtoken --email admin@example.com | tail -1)
[[ "$dsn" == http://*@127.0.0.1:$port/* ]] || fail "unexpected DSN: $dsn"
say "DSN $dsn"

say "web, ingest, cron and two workers"
daemon "$run_id-web" run web
daemon "$run_id-ingest" run ingest --port "$ingest_port"
daemon "$run_id-cron" run cron
daemon "$run_id-worker1" run worker
daemon "$run_id-worker2" run worker
wait_healthy() {
  local name=$1 url=$2
  for _ in $(seq 1 120); do
    curl -fs "$url/_health/" >/dev/null && break
    sleep 0.5
  done
  curl -fs "$url/_health/" >/dev/null || { "${P[@]}" logs "$name" | tail -20; fail "$name never answered /_health/"; }
  "${P[@]}" healthcheck run "$name" >/dev/null || fail "the image's HEALTHCHECK fails on a healthy $name container"
}
wait_healthy "$run_id-web" "http://127.0.0.1:$port"
wait_healthy "$run_id-ingest" "http://127.0.0.1:$ingest_port"
"${P[@]}" healthcheck run "$run_id-cron" >/dev/null || fail "the image's HEALTHCHECK fails on a healthy cron container"
say "web and ingest healthy after $(elapsed)"

# What runs in a container: its processes' command lines, one a line.
processes() { "${P[@]}" exec "$1" node -e '
  const fs = require("fs");
  for (const p of fs.readdirSync("/proc").filter((d) => /^[0-9]+$/.test(d)))
    try { console.log(fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").join(" ")); } catch {}'; }
for role in web ingest cron worker1; do
  entry=$(case $role in web|ingest) echo server;; worker1) echo worker;; *) echo "$role";; esac)
  ps=$(processes "$run_id-$role")
  echo "$ps" | grep -q "/app/build/$entry.mjs" || fail "$role does not run build/$entry.mjs: $ps"
  ! echo "$ps" | grep -q tsx || fail "$role runs tsx: $ps"
done
"${P[@]}" exec "$run_id-web" node -e 'require("fs").writeFileSync("/app/.next/cache/probe", "ok")' ||
  fail "Next's cache directory is not writable on a read-only root"

say "a real @sentry/node error reaches /api/0"
# Sends one event with the real @sentry/node (an exception or a message) and waits until /api/0 lists its issue.
sdk_event_shows() { # DSN MARKER exception|message WHAT
  DSN="$1" MARKER="$2" KIND="$3" node --input-type=module -e '
    import * as Sentry from "@sentry/node";
    Sentry.init({ dsn: process.env.DSN, defaultIntegrations: false });
    if (process.env.KIND === "exception") Sentry.captureException(new Error(process.env.MARKER));
    else Sentry.captureMessage(process.env.MARKER, "error");
    if (!(await Sentry.flush(10000))) { console.error("flush timed out"); process.exit(1); }
  '
  for _ in $(seq 1 60); do
    curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/0/projects/acme/backend/issues/?query=" |
      grep -q "$2" && return 0
    sleep 0.5
  done
  fail "$4 never showed as an issue in /api/0"
}

marker="container-test-$run_id-$(date +%s)"
sdk_event_shows "$dsn" "$marker" exception "the @sentry/node error"

say "web serves SDK ingest on the lean node:http path, the dashboard through Next.js"
key=${dsn#http://}; key=${key%%@*}
project=${dsn##*/}
curl -s -D "$work/ingest.h" -o "$work/ingest.b" -X POST --data '{"message":"lean path"}' \
  "http://127.0.0.1:$port/api/$project/store/?sentry_key=$key&sentry_version=7"
grep -q '^HTTP/1.1 200' "$work/ingest.h" || fail "ingest answered $(head -1 "$work/ingest.h"): $(cat "$work/ingest.b")"
curl -s -D "$work/login.h" -o /dev/null "http://127.0.0.1:$port/auth/login"
grep -q '^HTTP/1.1 200' "$work/login.h" || fail "the sign-in page answered $(head -1 "$work/login.h")"
# Next.js adds next.config.ts's security headers and its router's Vary to everything it answers, its ingest route
# handlers included; lib/server's node adapter adds neither.
grep -qi '^x-frame-options: DENY' "$work/login.h" || fail "the dashboard was not served by Next.js with its config"
! grep -qiE '^x-frame-options|^vary: .*rsc' "$work/ingest.h" || fail "ingest went through Next.js: $(cat "$work/ingest.h")"
# /metrics is lib/server's own (Next.js has no such route), and counts what its ingest accepted.
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")" = 401 ] || fail "/metrics without the token"
accepted_metric=$(curl -fs -H "Authorization: Bearer metrics-$run_id" "http://127.0.0.1:$port/metrics" |
  awk '$1 == "faultline_ingest_events_accepted_total" { print $2 }')
[ "${accepted_metric:-0}" -ge 2 ] || fail "web's /metrics counted ${accepted_metric:-no} accepted events, not the 2 sent"

say "the ingest-only server stores events and serves nothing else"
marker2="container-ingest-$run_id-$(date +%s)"
# A message, not an exception: an exception thrown from the same line as the first would join its issue.
sdk_event_shows "${dsn/:$port\//:$ingest_port/}" "$marker2" message "the event sent to run ingest"
curl -s "http://127.0.0.1:$ingest_port/auth/login" | grep -q 'serves only SDK ingest' || fail "run ingest served the dashboard"

# Stops a container with SIGTERM (SIGKILL only after 30 s, which fails the test) and checks its exit.
stop_within_30s() {
  local name=$1 s0 took code
  s0=$(date +%s%N)
  "${P[@]}" stop --time 30 "$name" >/dev/null
  took=$(( ($(date +%s%N) - s0) / 1000000 ))
  code=$("${P[@]}" inspect --format '{{.State.ExitCode}}' "$name")
  say "$name stopped in ${took} ms, exit $code"
  [ "$took" -lt 30000 ] && [ "$code" = 0 ] || { "${P[@]}" logs "$name" | tail -20; fail "$name did not stop cleanly within 30 s"; }
}

stop_within_30s "$run_id-cron"
stop_within_30s "$run_id-ingest"

say "rolling stop under load: worker1 mid-stream, then web mid-stream"
node tests/deploy/load.mjs "$dsn" 1500 "$work/a.ids" &
load=$!
sleep 2
stop_within_30s "$run_id-worker1"
wait $load
node tests/deploy/load.mjs "$dsn" 100000 "$work/b.ids" &
load=$!
sleep 2
stop_within_30s "$run_id-web"
wait $load
cat "$work/a.ids" "$work/b.ids" > "$work/accepted.ids"
accepted=$(wc -l < "$work/accepted.ids")
[ "$accepted" -gt 100 ] || fail "only $accepted events accepted: the load did not run"

count_stored() {
  { echo "CREATE TEMP TABLE accepted (id text); COPY accepted FROM STDIN;"; cat "$work/accepted.ids"; echo '\.'
    echo 'SELECT count(DISTINCT a.id) FROM accepted a JOIN "Event" e ON e."eventId" = a.id;'; } |
    psql -h 127.0.0.1 -U postgres -d "$DB" -qtA
}
stored=0
for _ in $(seq 1 120); do
  stored=$(count_stored)
  [ "$stored" = "$accepted" ] && break
  sleep 0.5
done
[ "$stored" = "$accepted" ] || fail "$accepted events were accepted but only $stored stored"
say "all $accepted accepted events stored"
stop_within_30s "$run_id-worker2"
say "passed in $(elapsed)"
