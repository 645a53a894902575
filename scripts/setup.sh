#!/usr/bin/env bash
# Installs what Interleave needs and is missing; skips what is present at the right version.
#   scripts/setup.sh          tools to build and serve the app
#   scripts/setup.sh --test   plus what the tests need (Chromium, chromedriver, wasm-pack)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

TRUNK_VERSION=0.22.1
WASM_PACK_VERSION=0.15.1
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or Trunk tries to download it.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[" ]/, "", $0); sub("version=", "", $0); print; exit}' Cargo.lock)

step() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

has_version() { # has_version CMD VERSION: CMD --version mentions VERSION
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q -- "$2"
}

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  step "installing the nightly toolchain (Trunk 0.22 needs rustc >= 1.96.1)"
  rustup toolchain install nightly --profile minimal
fi
# crates/parallel (the real rayon pool) rebuilds std with atomics on nightly: it needs the
# standard library's source and the wasm target there too.
if ! rustup component list --installed --toolchain nightly | grep -q '^rust-src'; then
  step "adding rust-src to nightly (for crates/parallel's build-std)"
  rustup component add rust-src --toolchain nightly
fi
if ! rustup target list --installed --toolchain nightly | grep -q wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target to nightly"
  rustup target add wasm32-unknown-unknown --toolchain nightly
fi

if ! has_version trunk "$TRUNK_VERSION"; then
  step "building trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo +nightly install trunk --version "$TRUNK_VERSION" --locked
fi
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  step "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing Node packages (binaryen for wasm-opt, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$want_test" = 1 ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    step "installing Debian chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if ! has_version wasm-pack "$WASM_PACK_VERSION"; then
    step "building wasm-pack $WASM_PACK_VERSION (about 2 minutes)"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
  fi
fi
step "tools ready"
