#!/usr/bin/env bash
# Runs every test of dacibook, the browser suite included, on a Debian machine that has only Rust.
# It installs what the tests need when it is missing: Debian's chromium and chromium-driver (the
# browser suite), Node.js and npm (axe-core, pinned in tests/axe; Ajv, pinned in tests/ajv), then runs `cargo test`.
# Installing needs root or sudo; everything else runs as you.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "tests/run-all.sh: ${missing[*]} missing and no sudo: as root, run apt-get install ${missing[*]}" >&2
      exit 2
    }
    SUDO="sudo"
  fi
  echo "tests/run-all.sh: installing ${missing[*]} (Debian packages)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
if [ ! -d tests/axe/node_modules/axe-core ]; then
  npm ci --prefix tests/axe --no-audit --no-fund
fi
if [ ! -d tests/ajv/node_modules/ajv-formats ]; then
  npm ci --prefix tests/ajv --no-audit --no-fund
fi
exec cargo test --locked "$@"
