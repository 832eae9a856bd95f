#!/bin/sh
# Automation benchmarks, from the repository root:
#   bench/automation/run.sh            the rules engine alone (bench_rules,
#                                      built with the release flags)
#   bench/automation/run.sh reply [N R T]
#                                      automated reply latency under the
#                                      simulator's load mode (a built
#                                      binary: PARLEY_BIN, default
#                                      build/parley; node); defaults 20
#                                      customers x 1 msg/s x 20 s
set -eu
cd "$(dirname "$0")/../.."
if [ "${1:-}" = reply ]; then
    export PARLEY_BIN="${PARLEY_BIN:-$PWD/build/parley}"
    echo "machine: $(nproc) cores, $(uname -srm), load $(cut -d' ' -f1-3 \
        /proc/loadavg)"
    exec node bench/automation/reply.mjs "${2:-20}" "${3:-1}" "${4:-20}"
fi
out=${TMPDIR:-/tmp}/parley-bench-rules
cc -O2 -D_GNU_SOURCE -Isrc -o "$out" bench/automation/bench_rules.c \
    src/automation/engine.c src/base/buf.c src/base/mem.c src/base/log.c \
    src/base/clock.c -ljansson -lpcre2-8 -lutf8proc -lpthread
"$out"
