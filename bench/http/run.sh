#!/bin/sh
# Requests/second and latency of an authenticated GET /api/v1/me (session
# cookie checked against the database on every request) next to the same
# server's plain GET /healthz, in one run, with wrk on loopback.
#
#   bench/http/run.sh            (PARLEY_BIN, DURATION, CONNECTIONS)
set -eu
cd "$(dirname "$0")/../.."
BIN=${PARLEY_BIN:-build/parley}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

"$BIN" serve --demo --data "$data" --listen "127.0.0.1:$port" \
    --log-level warn >"$data/out" 2>"$data/err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do
    grep -q 'running at' "$data/out" 2>/dev/null && break
    sleep 0.1
done

cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"email":"admin@demo.test","password":"demo-password"}' \
    "http://127.0.0.1:$port/api/v1/auth/login" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(parley_session=[^;]*\).*/\1/p')

# wrk prints "Requests/sec:" and, with --latency, a percentile table.
measure() {
    wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" 2>&1 |
        awk '/Requests\/sec:/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
             END {printf "%s | %s | %s", rps, p50, p99}'
}

plain=$(measure "http://127.0.0.1:$port/healthz")
authed=$(measure -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/me")
rps_plain=${plain%% *}
rps_authed=${authed%% *}

echo "command: bench/http/run.sh (wrk -t1 -c$CONNECTIONS -d$DURATION --latency; \
server: parley serve --demo on SQLite, 2 HTTP threads)"
echo
echo "| request | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
echo "| GET /healthz (plain 200) | $plain |"
echo "| GET /api/v1/me (session checked) | $authed |"
echo
python3 -c "print('authenticated / plain throughput: %.2f' % ($rps_authed / $rps_plain))"
