#!/bin/sh
# Run every test suite, as `make test` and CI do:
#
#   1. unit and storage-contract suites (cmocka) on SQLite;
#   2. the storage suite and the store-backed unit suites again on a real
#      PostgreSQL that this script starts and stops;
#   3. integration tests: the real `parley serve` on loopback, over HTTP;
#   4. 1-3 again built with AddressSanitizer and UndefinedBehaviorSanitizer;
#   5. each fuzz target for a short run;
#   6. browser tests, when there are any.
#
# It ends with one line "N passed, N failed" and exits non-zero on any
# failure. TEST_SKIP_ASAN=1 or TEST_SKIP_FUZZ=1 shorten a local run.
set -u

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export PARLEY_SHARED="${PARLEY_SHARED:-$ROOT/../shared}"
passed=0
failed=0
skipped=0
failures=""

say() { printf '\n== %s\n' "$*"; }

# Add up a meson test run from its JSON log.
count_meson() {
    log="$1/meson-logs/testlog.json"
    [ -f "$log" ] || return 0
    eval "$(python3 - "$log" <<'PY'
import json, sys
ok = bad = skip = 0
names = []
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"):
        ok += 1
    elif r == "SKIP":
        skip += 1
    else:
        bad += 1
        names.append(json.loads(line)["name"])
print("p=%d f=%d s=%d n='%s'" % (ok, bad, skip, " ".join(names)))
PY
)"
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ -n "$n" ] && failures="$failures $n"
    return 0
}

# meson test with a label; failures are counted, not fatal.
run_meson() {
    dir=$1; shift
    rm -f "$dir/meson-logs/testlog.json"
    meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" \
        >"$dir/meson-logs/last-run.txt" 2>&1
    grep -E '^ *[0-9]+/[0-9]+ ' "$dir/meson-logs/last-run.txt" || true
    grep -E -A40 'FAIL|ERROR|TIMEOUT' "$dir/meson-logs/last-run.txt" |
        grep -v '^ *[0-9]*/[0-9]* .* OK ' | head -80 || true
    count_meson "$dir"
}

# node's test runner over the integration (or browser) tests.
run_node() {
    label=$1; shift
    out=$(mktemp)
    node --test --test-reporter=tap "$@" >"$out" 2>&1
    grep -E '^(not ok|# (pass|fail|skip))' "$out" || true
    grep -E -B2 -A30 '^not ok' "$out" | head -120 || true
    p=$(sed -n 's/^# pass //p' "$out" | tail -1)
    f=$(sed -n 's/^# fail //p' "$out" | tail -1)
    s=$(sed -n 's/^# skip //p' "$out" | tail -1)
    if [ -z "$p" ]; then
        echo "$label: the test runner did not finish:"; tail -30 "$out"
        f=1; p=0
    fi
    passed=$((passed + p)); failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${s:-0}))
    [ "${f:-0}" -gt 0 ] && failures="$failures $label"
    rm -f "$out"
}

build() {
    dir=$1; shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >/dev/null || return 1
    else
        meson setup --reconfigure "$dir" "$@" >/dev/null || return 1
    fi
    ninja -C "$dir" -j2 >"$dir.log" 2>&1 || { tail -40 "$dir.log"; return 1; }
}

pg_url=""
start_pg() {
    pg_url=$(scripts/pg-test.sh start) || pg_url=""
    [ -n "$pg_url" ] || echo "could not start PostgreSQL for the tests"
}
stop_pg() { [ -n "$pg_url" ] && scripts/pg-test.sh stop >/dev/null 2>&1; }
trap stop_pg EXIT
trap 'stop_pg; exit 130' INT TERM

suites() {
    dir=$1
    say "unit and storage suites on SQLite ($dir)"
    run_meson "$dir" --suite unit --suite store
    if [ -n "$pg_url" ]; then
        say "storage suites on PostgreSQL ($dir)"
        PARLEY_TEST_PG_URL=$pg_url run_meson "$dir" --suite store-pg
    else
        failed=$((failed + 1)); failures="$failures postgres-unavailable"
    fi
    if ls tests/integration/*.test.mjs >/dev/null 2>&1; then
        say "integration tests on SQLite ($dir)"
        PARLEY_BIN="$ROOT/$dir/parley" run_node "integration($dir)" \
            tests/integration/
        if [ -n "$pg_url" ]; then
            say "integration tests on PostgreSQL ($dir)"
            PARLEY_BIN="$ROOT/$dir/parley" PARLEY_TEST_PG_URL=$pg_url \
                run_node "integration-pg($dir)" tests/integration/
        fi
    fi
    if ls tests/sdk/*.test.mjs >/dev/null 2>&1; then
        say "a third-party WhatsApp SDK against parley sim ($dir)"
        PARLEY_BIN="$ROOT/$dir/parley" run_node "sdk($dir)" tests/sdk/
    fi
}

say "layout: clang-format (.clang-format, 80 columns)"
if clang-format --dry-run -Werror $(git ls-files 'src/*.[ch]' 'tests/*.[ch]') \
    2>/tmp/parley-format.$$; then
    passed=$((passed + 1))
else
    head -20 /tmp/parley-format.$$
    echo "run 'make format' to fix the layout"
    failed=$((failed + 1)); failures="$failures format"
fi
rm -f /tmp/parley-format.$$

say "build"
build build --buildtype=debugoptimized || { echo "0 passed, 1 failed"; exit 1; }
start_pg
suites build

if [ "${TEST_SKIP_ASAN:-0}" != 1 ]; then
    say "build with AddressSanitizer and UndefinedBehaviorSanitizer"
    if build build-asan --buildtype=debug -Db_sanitize=address,undefined \
        -Db_lundef=false; then
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 suites build-asan
    else
        failed=$((failed + 1)); failures="$failures asan-build"
    fi
fi

if [ "${TEST_SKIP_FUZZ:-0}" != 1 ] && [ -x scripts/fuzz.sh ]; then
    say "fuzz targets, ${FUZZ_SECONDS:-10} s each"
    if FUZZ_SECONDS=${FUZZ_SECONDS:-10} scripts/fuzz.sh; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); failures="$failures fuzz"
    fi
fi

if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
    say "browser tests"
    PARLEY_BIN="$ROOT/build/parley" run_node "e2e" tests/e2e/
fi

stop_pg
pg_url=""
[ -n "$failures" ] && printf '\nfailed:%s\n' "$failures"
printf '\ntests: %d passed, %d failed' "$passed" "$failed"
[ "$skipped" -gt 0 ] && printf ', %d skipped' "$skipped"
printf '\n'
[ "$failed" -eq 0 ]
