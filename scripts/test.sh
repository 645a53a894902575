#!/usr/bin/env bash
# Runs every check Interleave has, in order, and prints a summary table.
# Every stage runs even when an earlier one failed, so the summary is complete;
# the exit status is non-zero when any stage failed.
#
#   scripts/test.sh
#
# Stages: setup, rustfmt, clippy, cargo test (includes the CPython conformance suite),
# wasm-pack test (headless Chromium), trunk build --release, wasm size, e2e (Playwright).
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD

export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
# wasm-pack / wasm-bindgen-test-runner: use Debian's chromedriver, never download one.
export CHROMEDRIVER=/usr/bin/chromedriver

if [ -t 1 ]; then
  bold=$'\033[1m' red=$'\033[31m' green=$'\033[32m' reset=$'\033[0m'
else
  bold='' red='' green='' reset=''
fi

stage_names=()
stage_results=()
stage_seconds=()

now() { date +%s.%N; }

# run_stage NAME COMMAND [ARGS...]: runs the command with no stdin, records result and time.
run_stage() {
  local name=$1
  shift
  printf '\n%s==> %s%s\n' "$bold" "$name" "$reset"
  printf '    $ %s\n' "$*"
  local start end status
  start=$(now)
  "$@" </dev/null
  status=$?
  end=$(now)
  local seconds
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  stage_names+=("$name")
  stage_seconds+=("$seconds")
  if [ "$status" -eq 0 ]; then
    stage_results+=(ok)
    printf '%s<== %s: ok (%s s)%s\n' "$green" "$name" "$seconds" "$reset"
  else
    stage_results+=("FAILED ($status)")
    printf '%s<== %s: FAILED with status %s (%s s)%s\n' "$red" "$name" "$status" "$seconds" "$reset"
  fi
}

# The page's wasm must stay within this many gzip bytes. Issue 6 set 250 KB after wasm-opt;
# the teaching panels of issue 7 and the comparison view of issue 8 took it to 272 KB (measured
# 2026-12-06: 242,278 -> 254,285 -> 272,326 bytes), so the budget is 275 KB until the page is
# slimmed again (see README "Timeline speed"): a known regression, not a new target.
PAGE_WASM_GZIP_BUDGET=275000

# Prints the size of each wasm file Trunk wrote (the page's and the worker's), raw and gzipped,
# and fails when the page's is over its budget.
wasm_sizes() {
  shopt -s nullglob
  local files=(dist/*_bg.wasm)
  shopt -u nullglob
  if [ "${#files[@]}" -eq 0 ]; then
    echo "no dist/*_bg.wasm files: did trunk build fail?" >&2
    return 1
  fi
  printf '%-40s %8s %12s %14s\n' "file" "role" "raw bytes" "gzip -9 bytes"
  local f role raw gz
  for f in "${files[@]}"; do
    case "$(basename "$f")" in
      worker*) role=worker ;;
      *) role=page ;;
    esac
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    printf '%-40s %8s %12s %14s   (%s KiB raw, %s KiB gzip)\n' "$f" "$role" "$raw" "$gz" \
      "$((raw / 1024))" "$((gz / 1024))"
    if [ "$role" = page ] && [ "$gz" -gt "$PAGE_WASM_GZIP_BUDGET" ]; then
      echo "the page's wasm is $gz gzip bytes, over its budget of $PAGE_WASM_GZIP_BUDGET" >&2
      over=1
    fi
  done
  [ "${over:-0}" -eq 0 ] && echo "page wasm within its budget of $PAGE_WASM_GZIP_BUDGET gzip bytes"
}

run_stage "setup" scripts/setup.sh --test
run_stage "rustfmt" cargo fmt --all -- --check
run_stage "clippy" cargo clippy --workspace --all-targets -- -D warnings
run_stage "cargo test" cargo test --workspace
# --chromedriver: Debian's driver (skips wasm-pack's download step);
# --mode no-install: never download wasm-bindgen-cli either (it is on PATH at the right version).
run_stage "wasm-pack test" wasm-pack test --headless --chrome \
  --chromedriver /usr/bin/chromedriver --mode no-install
run_stage "trunk build" trunk build --release
run_stage "wasm size" wasm_sizes
run_stage "e2e" node --test tests/e2e/

# Summary.
failed=0
printf '\n%s%-16s %-14s %9s%s\n' "$bold" "stage" "result" "seconds" "$reset"
for i in "${!stage_names[@]}"; do
  result=${stage_results[$i]}
  if [ "$result" = ok ]; then color=$green; else color=$red; failed=$((failed + 1)); fi
  printf '%-16s %s%-14s%s %9s\n' "${stage_names[$i]}" "$color" "$result" "$reset" "${stage_seconds[$i]}"
done
passed=$((${#stage_names[@]} - failed))
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
