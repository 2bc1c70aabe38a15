#!/bin/sh
# Builds plan_bench with Emscripten and runs it under Node: the same planner
# the browser client runs offline. The bench directory is native-only in CMake
# (bench/ is skipped for WASM builds), so this compiles the few sources directly.
#   bench/plan/run_wasm.sh [plan_bench args, e.g. --quick]
# Needs: emscripten (em++), node; NODE_PATH=/usr/share/nodejs for Emscripten 3.1.6.
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${PLAN_WASM_OUT:-$ROOT/build/wasm-plan-bench}
mkdir -p "$OUT"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
SOURCES=$(ls "$ROOT"/shared/plan/*.cpp | grep -v from_db.cpp)
if [ ! -f "$OUT/plan_bench.js" ] || [ -n "$(find "$ROOT/shared/plan" "$ROOT/bench/plan" -newer "$OUT/plan_bench.js" -name '*.[ch]*')" ]; then
  em++ -std=c++20 -O3 -DNDEBUG -I "$ROOT/shared" -isystem "$ROOT/.deps/include" \
    $SOURCES "$ROOT/shared/model/golongan.cpp" "$ROOT/shared/i18n/strings.cpp" "$ROOT/bench/plan/main.cpp" \
    -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sSINGLE_FILE=1 -sENVIRONMENT=node -sEXIT_RUNTIME=1 \
    -o "$OUT/plan_bench.js"
fi
# Node 20 + Emscripten 3.1.6: SINGLE_FILE avoids the loader's fetch of the .wasm.
exec node --no-experimental-fetch "$OUT/plan_bench.js" "$@"
