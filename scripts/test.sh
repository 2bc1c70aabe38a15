#!/usr/bin/env bash
# Sets up the machine, builds both trees and runs every test (unit natively and
# as WebAssembly under Node, integration with a real server, UI, browser e2e),
# and, with SEIMBANG_SANITIZE_STAGE=1, the unit, CLI and integration tests again
# under ASan/UBSan (build/asan). Exits non-zero on any failure.
#   scripts/test.sh [CTEST ARGS...]   (extra arguments go to the main ctest run)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh all
(cd build/native && ctest --output-on-failure --timeout 900 -j 2 "$@")
# Opt-in until it has run green on the merged code (not yet verified in session 4).
if [ "${SEIMBANG_SANITIZE_STAGE:-0}" = 1 ]; then
  bash scripts/build.sh asan
  (cd build/asan && ctest --output-on-failure --timeout 900 -j 2 -R '^(unit|cli|sync_integration|security_integration)$')
fi
