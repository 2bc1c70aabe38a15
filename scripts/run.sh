#!/usr/bin/env bash
# Sets up the machine, builds everything and starts the server on
# http://localhost:8080 serving the web client and the API, on an embedded
# SQLite database seeded with the Kecamatan Medan Marelan demo data.
#   PORT=8080 DB=var/seimbang.db scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh all
PORT=${PORT:-8080}
DB=${DB:-var/seimbang.db}
mkdir -p "$(dirname "$DB")"
./build/native/server/seimbang-server init --db "$DB" --demo
cat <<INFO

  Seimbang is starting on http://localhost:$PORT/
  Demo logins (password: marelan2026):
    operator.terjun, operator.payapasir   Operator Kelurahan
    lurah.terjun                          Lurah (Kepala Unit)
    camat.marelan                         Camat Medan Marelan
    bkpsdm.medan                          BKPSDM Kota Medan
    pusat.bkn                             Konsolidasi Pusat (read-only)
    pegawai.terjun                        Pegawai
  Stop with Ctrl+C.

INFO
exec ./build/native/server/seimbang-server serve --db "$DB" --web build/wasm/web --host 0.0.0.0 --port "$PORT"
