#!/usr/bin/env bash
# Sets up the machine, builds both trees and runs every test (unit natively and
# as WebAssembly under Node, integration with a real server, UI, browser e2e,
# the fuzz corpora), then the sanitizer stage: the unit, CLI and integration
# tests and the fuzz corpora again, built with ASan/UBSan (build/asan).
# Exits non-zero on any failure.
#   scripts/test.sh [CTEST ARGS...]   (extra arguments go to the main ctest run)
#   SEIMBANG_SANITIZE_STAGE=0 skips the sanitizer stage (a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh all
(cd build/native && ctest --output-on-failure --timeout 900 -j 2 "$@")
if [ "${SEIMBANG_SANITIZE_STAGE:-1}" = 1 ]; then
  bash scripts/build.sh asan
  # halt_on_error: the first report fails the test; detect_leaks: leaks are findings too.
  export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd build/asan && ctest --output-on-failure --timeout 900 -j 2 -R '^(unit|cli|sync_integration|fuzz_replay)$')
fi
