#!/usr/bin/env bash
# Builds crates/parallel — the only nightly + atomics part of Interleave — and its JS glue into
# target/parallel-web/, which index.html copies to dist/parallel/. Trunk runs it before every
# build (Trunk.toml's pre_build hook); it takes seconds when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/parallel-web
# The crate's own rust-toolchain.toml (nightly) and .cargo/config.toml (atomics, build-std)
# apply when cargo runs in its folder.
(cd crates/parallel && cargo build --release --quiet)
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" \
  crates/parallel/target/wasm32-unknown-unknown/release/interleave_parallel.wasm
# wasm-bindgen-rayon 1.3.0 starts its workers with the init call's old two-argument form, which
# wasm-bindgen 0.2.130 still accepts but warns about in every worker's console: pass the object.
helper=$(find "$out/snippets" -name 'workerHelpers*.js' | head -n 1)
sed -i 's/await pkg.default(data.module, data.memory);/await pkg.default({ module_or_path: data.module, memory: data.memory });/' "$helper"
grep -q 'module_or_path: data.module' "$helper" || { echo "build-parallel: $helper changed; update the patch" >&2; exit 1; }
if command -v wasm-opt > /dev/null; then
  wasm-opt -O3 --enable-threads --enable-bulk-memory --enable-mutable-globals \
    "$out/interleave_parallel_bg.wasm" -o "$out/interleave_parallel_bg.wasm"
fi
cp assets/parallel/parallel-worker.js "$out/"
