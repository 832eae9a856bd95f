#!/bin/sh
# Install what Parley needs to build, run and test on Debian 12, and nothing
# when it is all there already. Safe to run any number of times.
set -eu

cd "$(dirname "$0")/.."

# Build tools, the libraries of ARCHITECTURE.md, and what the tests start:
# PostgreSQL, clang for the fuzzers, wrk for the benchmarks.
packages="
  build-essential meson ninja-build pkg-config python3 git curl
  clang libclang-rt-14-dev clang-format
  libmicrohttpd-dev libcurl4-openssl-dev libjansson-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql
  libssl-dev libargon2-dev liboath-dev libpcre2-dev libutf8proc-dev
  libmagic-dev libexttextcat-dev liblinear-dev libstemmer-dev
  libcmocka-dev wrk nodejs npm chromium
"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'
    then
        # A node from elsewhere (nvm, NodeSource) will do as well as Debian's.
        case "$p" in
            nodejs|npm) command -v "${p%js}" >/dev/null 2>&1 && continue ;;
        esac
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "setup: installing$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        --no-install-recommends $missing >/dev/null
fi

# npm packages, each folder pinned by its lock file: the web app's build
# tools (web/), the browser-test driver (tests/), the WhatsApp SDK that
# talks to the simulator in a test (tests/sdk/).
for dir in web tests tests/sdk; do
    [ -f "$dir/package-lock.json" ] || continue
    if [ ! -d "$dir/node_modules" ] ||
       [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]
    then
        echo "setup: installing npm packages for $dir/"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
done
