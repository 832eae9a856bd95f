#!/bin/sh
# A throw-away PostgreSQL 15 for the tests, in a temporary directory, on a
# free loopback port, with trust authentication and a database parley_test.
#
#   scripts/pg-test.sh start   start it (or reuse the running one), print URL
#   scripts/pg-test.sh url     print the URL of the running one
#   scripts/pg-test.sh stop    stop it and remove everything
#
# The URL and directory are kept in $PARLEY_PG_STATE (default
# ${TMPDIR:-/tmp}/parley-pg-test.env). PostgreSQL refuses to run as root, so
# as root the server runs as the `postgres` system user. Debian's own
# cluster, running or not, is neither used nor touched.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
STATE=${PARLEY_PG_STATE:-${TMPDIR:-/tmp}/parley-pg-test.env}

die() {
    echo "pg-test: $*" >&2
    exit 1
}

# Run a PostgreSQL program as the user that owns the cluster.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# A parent directory the cluster's owner can enter: TMPDIR may be private
# to root, /tmp never is.
pick_parent() {
    parent=${TMPDIR:-/tmp}
    if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$parent"
    then
        parent=/tmp
    fi
    echo "$parent"
}

load_state() {
    PG_URL="" PG_DIR=""
    [ -f "$STATE" ] || return 1
    # shellcheck disable=SC1090
    . "$STATE"
    [ -n "$PG_URL" ] && [ -n "$PG_DIR" ]
}

running() {
    load_state && [ -d "$PG_DIR/data" ] &&
        as_owner "$PGBIN/pg_ctl" status -D "$PG_DIR/data" >/dev/null 2>&1
}

# Start the server in $dir on a free port; retried by start() because the
# port can be taken between choosing and binding it.
try_start() {
    port=$(free_port)
    opts="-c listen_addresses=127.0.0.1 -p $port -k $dir/sock"
    opts="$opts -c fsync=on -c max_connections=300"
    as_owner "$PGBIN/pg_ctl" start -w -t 60 -D "$dir/data" \
        -l "$dir/server.log" -o "$opts" >>"$dir/setup.log" 2>&1
}

start() {
    [ -x "$PGBIN/initdb" ] ||
        die "no $PGBIN/initdb (apt-get install postgresql)"
    if running; then
        echo "$PG_URL"
        return 0
    fi
    [ -f "$STATE" ] && stop
    dir=$(mktemp -d "$(pick_parent)/parley-pg.XXXXXX")
    mkdir "$dir/sock"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
    if ! as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust \
            -E UTF8 --no-locale >"$dir/setup.log" 2>&1; then
        cat "$dir/setup.log" >&2
        rm -rf "$dir"
        die "initdb failed"
    fi
    started=""
    for _ in 1 2 3; do
        if try_start; then
            started=yes
            break
        fi
    done
    if [ -z "$started" ]; then
        tail -n 20 "$dir/server.log" "$dir/setup.log" >&2 || true
        rm -rf "$dir"
        die "the server did not start"
    fi
    as_owner "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres \
        parley_test >>"$dir/setup.log" 2>&1 || {
        as_owner "$PGBIN/pg_ctl" stop -D "$dir/data" -m immediate \
            >/dev/null 2>&1
        rm -rf "$dir"
        die "createdb failed"
    }
    PG_URL="postgres://postgres@127.0.0.1:$port/parley_test"
    printf 'PG_URL=%s\nPG_DIR=%s\n' "$PG_URL" "$dir" >"$STATE"
    echo "$PG_URL"
}

stop() {
    if ! load_state; then
        rm -f "$STATE"
        return 0
    fi
    case "$PG_DIR" in
        */parley-pg.*) ;;
        *) die "refusing to remove $PG_DIR named in $STATE" ;;
    esac
    if [ -d "$PG_DIR/data" ]; then
        as_owner "$PGBIN/pg_ctl" stop -w -D "$PG_DIR/data" -m fast \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
    rm -f "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url)
        running || die "not running (scripts/pg-test.sh start)"
        echo "$PG_URL"
        ;;
    *)
        echo "usage: $0 start|stop|url" >&2
        exit 2
        ;;
esac
