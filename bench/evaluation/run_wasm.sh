#!/bin/sh
# Builds evaluation_bench with Emscripten against the WebAssembly tree's core
# (build/wasm: scripts/build.sh wasm first) and runs it under Node: the same
# code the browser runs for the Evaluasi screen. Args as evaluation_bench.
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$ROOT/build/wasm
OUT=${EVAL_WASM_OUT:-$ROOT/build/wasm-eval-bench}
mkdir -p "$OUT"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
em++ -std=c++20 -O3 -DNDEBUG -fwasm-exceptions -I "$ROOT/shared" -I "$ROOT/client" -isystem "$ROOT/.deps/include" \
  "$ROOT/bench/evaluation/main.cpp" "$ROOT/client/app/evaluation.cpp" \
  "$W/shared/libseimbang_core.a" "$W/libseimbang_sqlite.a" "$ROOT/.deps/libsodium-wasm/lib/libsodium.a" \
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sSINGLE_FILE=1 -sENVIRONMENT=node -sEXIT_RUNTIME=1 \
  -o "$OUT/evaluation_bench.js"
exec node --no-experimental-fetch "$OUT/evaluation_bench.js" "$@"
