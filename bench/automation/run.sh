#!/bin/sh
# The rules-engine benchmark: builds bench_rules against the engine's
# sources with the release flags and runs it once. Usage: from the
# repository root, bench/automation/run.sh
set -eu
out=${TMPDIR:-/tmp}/parley-bench-rules
cc -O2 -D_GNU_SOURCE -Isrc -o "$out" bench/automation/bench_rules.c \
    src/automation/engine.c src/base/buf.c src/base/mem.c src/base/log.c \
    src/base/clock.c -ljansson -lpcre2-8 -lutf8proc -lpthread
"$out"
