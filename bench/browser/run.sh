#!/bin/sh
# The time from a customer's message to it showing in an agent's browser:
# a simulated customer sends (POST /sim/customers/.../messages), the
# message goes through the signed webhook, the durable log, the
# processor and the event stream, and the open inbox renders it.
#
#   bench/browser/run.sh   (PARLEY_BIN, MESSAGES)
set -eu
cd "$(dirname "$0")/../.."
BIN=${PARLEY_BIN:-build/parley}
MESSAGES=${MESSAGES:-40}
exec node bench/browser/arrival.mjs "$BIN" "$MESSAGES"
