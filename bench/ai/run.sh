#!/bin/sh
# Local AI benchmark: per-message latency (p50/p99, one core) and resident
# memory, on the held-out phrasings of every language. Builds the bench
# program against the static library of $BUILD (default: build).
#   usage: bench/ai/run.sh            (from the repository root)
set -eu
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" --buildtype=debugoptimized >/dev/null
ninja -C "$BUILD" --quiet
out="$BUILD/bench_ai"
# shellcheck disable=SC2046
cc -O2 -Isrc -o "$out" bench/ai/bench_ai.c "$BUILD/libparley.a" \
    $(pkg-config --libs libutf8proc libexttextcat jansson sqlite3 libpq \
      libcrypto libargon2 liboath libpcre2-8 libmicrohttpd libcurl) \
    -llinear -lstemmer -lmagic -lm -lpthread
echo "## local AI ($(lscpu | sed -n 's/^Model name: *//p'), 1 core)"
taskset -c 0 "$out" data/intents/test/*.tsv
