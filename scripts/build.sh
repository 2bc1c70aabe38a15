#!/usr/bin/env bash
# Builds the native tree (server, CLI, desktop app, tests, benchmarks) and the
# WebAssembly tree (browser client + the core's unit tests for Node).
#   scripts/build.sh [native|wasm|all|asan]   (default: all; asan is not part of all)
# Incremental: re-running rebuilds only what changed (Ninja + ccache).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
export NODE_PATH=/usr/share/nodejs   # Emscripten 3.1.6 needs acorn from Debian's node modules
jobs=$(nproc)
# Let ccache share results between clones in different folders (CI uses a fresh one).
export CCACHE_BASEDIR="$(pwd)" CCACHE_NOHASHDIR=true

build_wasm() {
  if [ ! -f build/wasm/build.ninja ]; then
    emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build build/wasm -j "$jobs"
}

build_native() {
  # Re-configure each time (cheap): it picks up whether the WASM tests exist.
  cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$jobs"
}

# Address and undefined-behaviour sanitizers: only what the sanitizer stage of
# scripts/test.sh runs (core unit tests, CLI tests, the server with its
# integration tests, the fuzz corpora replay); no UI, no benchmarks.
build_asan() {
  cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEIMBANG_SANITIZE=ON >/dev/null
  local targets=(seimbang_unit_tests seimbang_cli_tests fuzz_replay)
  for t in sync_integration_tests security_integration_tests; do
    if ninja -C build/asan -t query "$t" >/dev/null 2>&1; then targets+=("$t"); fi
  done
  cmake --build build/asan -j "$jobs" --target "${targets[@]}"
}

case "$what" in
  wasm) build_wasm ;;
  native) build_native ;;
  all) build_wasm; build_native ;;
  asan) build_asan ;;
  *) echo "usage: $0 [native|wasm|all|asan]" >&2; exit 2 ;;
esac
