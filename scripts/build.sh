#!/usr/bin/env bash
# Builds the native tree (server, CLI, desktop app, tests, benchmarks) and the
# WebAssembly tree (browser client + the core's unit tests for Node).
#   scripts/build.sh [native|wasm|all]   (default: all)
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

case "$what" in
  wasm) build_wasm ;;
  native) build_native ;;
  all) build_wasm; build_native ;;
  *) echo "usage: $0 [native|wasm|all]" >&2; exit 2 ;;
esac
