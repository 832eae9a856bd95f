#!/bin/sh
# Build the libFuzzer targets with clang in build-fuzz (configured on first
# use) and run each for FUZZ_SECONDS (default 10) over a copy of its seed
# corpus in tests/fuzz/corpus/<target>/. Prints one line per target and
# fails if any target finds a crash; the reproducer lands in tests/fuzz/.
set -eu

cd "$(dirname "$0")/.."
build=${FUZZ_BUILD:-build-fuzz}
seconds=${FUZZ_SECONDS:-10}

# The whole library is instrumented for coverage and sanitizers; the unit
# suites are not built here.
if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" -Dfuzz=true -Dtests=false \
        -Db_lundef=false \
        -Dc_args=-fsanitize=fuzzer-no-link,address,undefined \
        -Dc_link_args=-fsanitize=address,undefined >/dev/null
fi
ninja -C "$build" -j2 >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
found=0
for exe in "$build"/tests/fuzz/fuzz_*; do
    [ -f "$exe" ] && [ -x "$exe" ] || continue
    found=1
    name=$(basename "$exe")
    mkdir -p "$work/$name"
    if [ -d "tests/fuzz/corpus/$name" ]; then
        cp -R "tests/fuzz/corpus/$name/." "$work/$name/"
    fi
    log="$work/$name.log"
    if "$exe" -max_total_time="$seconds" -artifact_prefix=tests/fuzz/ \
        -print_final_stats=1 "$work/$name" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        echo "fuzz: $name ok, ${runs:-?} runs in ${seconds}s"
    else
        echo "fuzz: $name FAILED; its output follows"
        tail -n 40 "$log"
        status=1
    fi
done
if [ "$found" -eq 0 ]; then
    echo "fuzz: no targets built in $build" >&2
    exit 1
fi
exit $status
