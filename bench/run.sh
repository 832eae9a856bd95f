#!/bin/sh
# make bench: every benchmark under bench/, each printing a markdown table
# with the machine and the command, to paste into docs/benchmarks.md.
# Benchmarks never decide pass or fail; they measure.
set -u
cd "$(dirname "$0")/.."
BIN=${PARLEY_BIN:-$(pwd)/build/parley}
export PARLEY_BIN=$BIN

echo "# Parley benchmarks, $(date -u +%Y-%m-%d)"
echo
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, \
$(free -g | awk '/^Mem:/ {print $2}') GiB"
echo
for script in bench/*/run.sh; do
    [ -x "$script" ] || continue
    echo "## $(dirname "$script" | sed 's|bench/||')"
    echo
    "$script" || echo "(failed: $script)"
    echo
done
