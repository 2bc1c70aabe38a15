#!/usr/bin/env bash
# Sets up the machine, builds both trees and runs every test (unit natively and
# as WebAssembly under Node, integration with a real server, UI, browser e2e).
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh all
cd build/native
ctest --output-on-failure --timeout 900 -j 2 "$@"
