#!/usr/bin/env bash
# The container image as operators run it, with a real container runtime (podman + runc) against this
# machine's PostgreSQL and Redis: build from a local stand-in of the official node image; run upgrade,
# createuser, createproject, then web and two workers as an arbitrary UID with group 0 on a read-only root
# filesystem (OpenShift's restricted policy); send a real @sentry/node error and see it through /api/0; then
# a rolling stop under load: every container must exit within 30 s of SIGTERM and every event answered 200
# must be stored. Skips, saying why, only where podman cannot run containers.
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
# The aim is under 400 MB on a Debian base; a jump (a dependency tree change dragging dev tools back in,
# as npm once did through an optional peer) fails here instead of going unnoticed.
[ $(( (size - base_size) / 1000000 )) -le 180 ] || fail "the image adds $(( (size - base_size) / 1000000 )) MB to its base (budget 180 MB)"

[ "$("${P[@]}" image inspect --format '{{.Config.User}}' "$IMAGE")" = 10001:0 ] || fail "the image does not run as a non-root user by default"

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
envfile=$(mktemp)
work=$(mktemp -d)
cleanup() {
  "${P[@]}" rm -f -t 0 "$run_id-web" "$run_id-worker1" "$run_id-worker2" >/dev/null 2>&1 || true
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

say "web and two workers"
daemon "$run_id-web" run web
daemon "$run_id-worker1" run worker
daemon "$run_id-worker2" run worker
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/_health/" >/dev/null && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/_health/" >/dev/null || { "${P[@]}" logs "$run_id-web" | tail -20; fail "web never answered /_health/"; }
"${P[@]}" healthcheck run "$run_id-web" >/dev/null || fail "the image's HEALTHCHECK fails on a healthy web container"
say "web healthy after $(elapsed)"
"${P[@]}" exec "$run_id-web" node -e 'require("fs").writeFileSync("/app/.next/cache/probe", "ok")' ||
  fail "Next's cache directory is not writable on a read-only root"

say "a real @sentry/node error reaches /api/0"
marker="container-test-$run_id-$(date +%s)"
DSN="$dsn" MARKER="$marker" node --input-type=module -e '
  import * as Sentry from "@sentry/node";
  Sentry.init({ dsn: process.env.DSN, defaultIntegrations: false });
  Sentry.captureException(new Error(process.env.MARKER));
  if (!(await Sentry.flush(10000))) { console.error("flush timed out"); process.exit(1); }
'
seen=
for _ in $(seq 1 60); do
  if curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/0/projects/acme/backend/issues/?query=" | grep -q "$marker"; then seen=1; break; fi
  sleep 0.5
done
[ -n "$seen" ] || fail "the @sentry/node error never showed as an issue in /api/0"

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
