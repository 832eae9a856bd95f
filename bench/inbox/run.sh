#!/bin/sh
# The inbox API at scale: a demo server whose SQLite database holds
# CONVERSATIONS conversations (default 100,000) and MESSAGES messages
# (default 1,000,000), generated straight into the tables, then the
# conversation list, counts, thread, search and suggestion APIs timed
# (p50/p99 over REQUESTS sequential requests each, default 300).
#
#   bench/inbox/run.sh [CONVERSATIONS MESSAGES REQUESTS]
#
# PARLEY_BIN selects the binary (default build/parley); the data goes to
# a temporary directory, removed at the end unless KEEP=1. DATA=<dir>
# reuses a directory kept that way and skips the generation.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${PARLEY_BIN:-build/parley}
convs=${1:-100000}
msgs=${2:-1000000}
reqs=${3:-300}
data=${DATA:-$(mktemp -d "${TMPDIR:-/tmp}/parley-bench-inbox.XXXXXX")}
[ -n "${DATA:-}" ] && KEEP=1
pid=

cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    [ "${KEEP:-0}" = 1 ] || rm -rf "$data"
}
trap cleanup EXIT INT TERM

# Start the demo server on data; sets pid and url.
start() {
    "$bin" serve --demo --listen 127.0.0.1:0 --data "$data" \
        --log-level warn >"$data/serve.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        url=$(grep -o 'http://[0-9.:]*' "$data/serve.log" | head -1 || true)
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    echo "server did not start" >&2
    cat "$data/serve.log" >&2
    exit 1
}

if [ -z "${DATA:-}" ]; then
    start # migrate and seed the demo account
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    echo "generating $convs conversations and $msgs messages..." >&2
    python3 "$here/gen.py" "$data/parley.db" "$convs" "$msgs" >&2
fi
start
echo "$convs conversations, $msgs messages, $reqs requests per query:"; echo
python3 "$here/measure.py" "$url" "$reqs"
