#!/bin/sh
# Builds plan_bench (or, with --steps first, plan_steps) with Emscripten and runs it
# under Node: the same planner the browser client runs offline. The bench directory
# is native-only in CMake (bench/ is skipped for WASM builds), so this compiles the
# few sources directly, with the flags of the browser's planner worker (shared/plan
# at -O2, wasm exceptions; the worker links at -O3, which changes little here).
#   bench/plan/run_wasm.sh [plan_bench args, e.g. --quick]
#   bench/plan/run_wasm.sh --steps --wire FILE   (FILE from the native plan_steps --write)
# Needs: emscripten (em++), node; NODE_PATH=/usr/share/nodejs for Emscripten 3.1.6.
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${PLAN_WASM_OUT:-$ROOT/build/wasm-plan-bench}
mkdir -p "$OUT"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
NAME=plan_bench MAIN=main.cpp
if [ "$1" = "--steps" ]; then NAME=plan_steps MAIN=steps.cpp; shift; fi
SOURCES=$(ls "$ROOT"/shared/plan/*.cpp | grep -v -e from_db.cpp -e service.cpp)
if [ ! -f "$OUT/$NAME.js" ] || [ -n "$(find "$ROOT/shared/plan" "$ROOT/bench/plan" -newer "$OUT/$NAME.js" -name '*.[ch]*')" ]; then
  em++ -std=c++20 -O2 -fwasm-exceptions -DNDEBUG -I "$ROOT/shared" -isystem "$ROOT/.deps/include" \
    $SOURCES "$ROOT/shared/model/golongan.cpp" "$ROOT/shared/i18n/strings.cpp" "$ROOT/bench/plan/$MAIN" \
    -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sSINGLE_FILE=1 -sENVIRONMENT=node -sEXIT_RUNTIME=1 -sNODERAWFS=1 \
    -o "$OUT/$NAME.js"
fi
# Node 20 + Emscripten 3.1.6: SINGLE_FILE avoids the loader's fetch of the .wasm.
exec node --no-experimental-fetch "$OUT/$NAME.js" "$@"
