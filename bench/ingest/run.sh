#!/bin/sh
# Durable webhook ingest: signed WhatsApp webhooks per second and their ack
# latency (signature check, group commit to the inbound log with
# synchronous=FULL, then 200) next to the same server's plain GET /healthz,
# in one run, with wrk on loopback, on SQLite. Then how fast the processor
# applied what was logged.
#
#   bench/ingest/run.sh   (PARLEY_BIN, DURATION, CONNECTIONS, THREADS)
set -eu
cd "$(dirname "$0")/../.."
BIN=${PARLEY_BIN:-build/parley}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
# A webhook request waits for its commit, so the HTTP thread pool bounds
# how many bodies one commit can hold.
THREADS=${THREADS:-64}
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

python3 bench/ingest/gen_lua.py "$data/webhook.lua" 20000

"$BIN" serve --demo --data "$data" --listen "127.0.0.1:$port" \
    --threads "$THREADS" --log-level warn >"$data/out" 2>"$data/err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do
    grep -q 'running at' "$data/out" 2>/dev/null && break
    sleep 0.1
done

measure() {
    wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" 2>&1 |
        awk '/Requests\/sec:/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
             /Non-2xx/ {bad=$NF}
             END {printf "%s | %s | %s | %s", rps, p50, p99, bad ? bad : 0}'
}

db="$data/parley.db"
q() { sqlite3 -cmd '.timeout 10000' "$db" "$1"; }
plain=$(measure "http://127.0.0.1:$port/healthz")

# The acknowledgement path alone: another (fake) node holds the processor
# lease, so nothing competes with the committer for SQLite's write lock.
q "INSERT INTO leases (name, holder, expires_at) VALUES
    ('wa_inbound_processor', 'bench-standby', 9000000000000)
    ON CONFLICT (name) DO UPDATE SET holder = 'bench-standby',
    expires_at = 9000000000000"
sleep 4 # the processor notices at its next lease renewal and stands by
alone=$(measure -s "$data/webhook.lua" "http://127.0.0.1:$port/webhooks/whatsapp")
q "DELETE FROM leases WHERE name = 'wa_inbound_processor'"
for _ in $(seq 600); do
    left=$(q "SELECT COUNT(*) FROM wa_inbound WHERE state = 'pending'")
    [ "$left" = 0 ] && break
    sleep 0.1
done
drain=$(q "SELECT COUNT(*), printf('%.0f', COUNT(*) * 1000.0 /
    MAX(1, MAX(processed_at) - MIN(processed_at))),
    (SELECT COUNT(*) FROM wa_inbound) FROM wa_inbound
    WHERE state = 'done'" | tr '|' ' ')
q "UPDATE wa_inbound SET processed_at = NULL"

# The whole server: the processor applies while webhooks arrive, and what
# it applies wakes the other modules (automation, events) that write too.
ingest=$(measure -s "$data/webhook.lua" "http://127.0.0.1:$port/webhooks/whatsapp")

# Let the processor finish, then read its pace from the log's timestamps.
for _ in $(seq 600); do
    left=$(q "SELECT COUNT(*) FROM wa_inbound WHERE state = 'pending'")
    [ "$left" = 0 ] && break
    sleep 0.1
done
applied=$(q "SELECT COUNT(*), printf('%.0f', COUNT(*) * 1000.0 /
    MAX(1, MAX(processed_at) - MIN(processed_at))) FROM wa_inbound
    WHERE state = 'done' AND processed_at IS NOT NULL" | tr '|' ' ')
messages=$(q "SELECT COUNT(*) FROM messages WHERE wamid LIKE 'wamid.bench.%'")

echo "command: bench/ingest/run.sh (wrk -t1 -c$CONNECTIONS -d$DURATION --latency; \
server: parley serve --demo --threads $THREADS on SQLite, WAL, synchronous=FULL)"
echo
echo "| request | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
echo "| GET /healthz (plain 200) | $plain |"
echo "| POST /webhooks/whatsapp, processor standing by | $alone |"
echo "| POST /webhooks/whatsapp, processor applying | $ingest |"
echo
set -- $drain
echo "processor, draining the backlog of the first run (for at most 60 s):" \
    "$1 of $3 logged entries applied, at $2/s"
set -- $applied
echo "processor, during and after the second run: $1 entries at $2/s"
echo "($messages distinct messages stored; the 20,000 bodies repeat and" \
    "repeats are deduplicated)"
