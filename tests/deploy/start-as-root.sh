#!/usr/bin/env bash
# `npm start` the way a first-time user runs it in a fresh VM or container: as root, on a fresh clone inside a
# directory only root can enter (like /root, mode 700), with DATABASE_URL unset, so the embedded PostgreSQL
# must run as the `postgres` OS user, who cannot enter the clone. It must answer /_health/, print the first
# DSN, stop on SIGTERM, and never print a stack trace; a failure it cannot fix must be one line.
# Usage: tests/deploy/start-as-root.sh   (as root; needs the machine's Redis)
set -euo pipefail
cd "$(dirname "$0")/../.."
t0=$(date +%s)
say() { echo "[start-as-root] $*"; }
fail() { echo "[start-as-root] FAIL: $*" >&2; [ -f "${log:-}" ] && tail -30 "$log" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP start-as-root: needs root (it tests what happens to root)"; exit 0; }

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
home=$(mktemp -d) # mode 700, like root's home
system=/tmp/faultline-start-as-root-$$ # where the postgres user's copy of PostgreSQL and its data go
log=$home/start.log
pid=
cleanup() {
  [ -n "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null || true
  redis-cli -h 127.0.0.1 --scan --pattern "sr$$:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null || true
  rm -rf "$home" "$system"
}
trap cleanup EXIT
chmod 700 "$home"
git clone -q "$(pwd)" "$home/faultline"
cd "$home/faultline"

port=$(free_port)
pg_port=$(free_port)
say "npm start in $home/faultline (mode-700 parent), web on $port, embedded PostgreSQL on $pg_port"
# setsid: its own process group, stopped as a whole like a terminal's Ctrl-C or a service manager.
env -u DATABASE_URL PORT="$port" FAULTLINE_EMBEDDED_PG_PORT="$pg_port" FAULTLINE_SYSTEM_DATA_DIR="$system" \
  REDIS_URL=redis://127.0.0.1:6379 REDIS_PREFIX="sr$$:" NEXT_TELEMETRY_DISABLED=1 \
  setsid npm start > "$log" 2>&1 &
pid=$!
healthy=
for _ in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || fail "npm start exited"
  if curl -fs "http://127.0.0.1:$port/_health/" >/dev/null 2>&1; then healthy=1; break; fi
  sleep 1
done
[ -n "$healthy" ] || fail "no answer on /_health/ after 10 minutes"
say "healthy after $(( $(date +%s) - t0 ))s (install, build, initdb, migrations)"
grep -q "the postgres OS user cannot enter" "$log" || fail "expected PostgreSQL to move out of the checkout"
dsn=$(grep -oE "http://[0-9a-f]+@[^ ]+/[0-9]+" "$log" | head -1)
[ -n "$dsn" ] || fail "no DSN printed on first start"
[ "$(stat -c %U "$system/postgres")" = postgres ] || fail "the data directory is not owned by postgres"

s0=$(date +%s)
kill -TERM -- "-$pid"
# Every process of the group (npm, the supervisor, web, worker, PostgreSQL as the postgres user) must end.
for _ in $(seq 1 60); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 -- "-$pid" 2>/dev/null; then ps -o pid,user,args -g "$pid" >&2; fail "still running 30 s after SIGTERM"; fi
pid=
say "everything stopped $(( $(date +%s) - s0 ))s after SIGTERM"

say "a failure it cannot fix is one line: the embedded PostgreSQL's port taken"
node -e 'require("net").createServer().listen(Number(process.argv[1]),"127.0.0.1");setTimeout(()=>{},20000)' "$pg_port" &
blocker=$!
sleep 0.5
set +e
out=$(env -u DATABASE_URL FAULTLINE_EMBEDDED_PG_PORT="$pg_port" FAULTLINE_SYSTEM_DATA_DIR="$system" node lib/cli/faultline.mjs start 2>&1)
code=$?
set -e
kill "$blocker"
[ "$code" != 0 ] || fail "start succeeded with its port taken"
[ "$(echo "$out" | grep -c .)" -le 3 ] && echo "$out" | grep -q "port $pg_port for the embedded PostgreSQL is taken" || fail "unclear failure: $out"
if grep -qE '^\s+at .+:[0-9]+:[0-9]+\)?$' "$log" || echo "$out" | grep -qE '^\s+at '; then fail "a stack trace was printed"; fi
say "passed in $(( $(date +%s) - t0 ))s"
