#!/usr/bin/env bash
# Builds Interleave and serves it on http://127.0.0.1:8080/ (or $PORT).
#   scripts/serve.sh                  setup, `trunk build --release`, serve dist/
#   PORT=9000 scripts/serve.sh        another port
#   scripts/serve.sh --no-isolation   serve without COOP/COEP headers (not cross-origin isolated)
# Extra arguments go to tests/support/static-server.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

scripts/setup.sh

printf '\033[1m[serve]\033[0m %s\n' "building the app (trunk build --release)"
trunk build --release

export PORT="${PORT:-8080}"
printf '\033[1m[serve]\033[0m %s\n' "serving dist/ (Ctrl-C to stop)"
exec node tests/support/static-server.mjs --port "$PORT" --dir dist "$@"
