#!/bin/sh
# End-to-end reply latency: customer message -> agent reply leaving Parley.
# Usage: bench/e2e/run.sh [N customers] [R msgs/s each] [T seconds]
# Needs a built binary (PARLEY_BIN, default build/parley) and node.
set -eu
cd "$(dirname "$0")/../.."
N=${1:-20}
R=${2:-1}
T=${3:-20}
export PARLEY_BIN="${PARLEY_BIN:-$PWD/build/parley}"
echo "machine: $(nproc) cores, $(uname -srm)"
echo "load: $N customers x $R msg/s for $T s, one agent replying via the API"
node bench/e2e/driver.mjs "$N" "$R" "$T"
