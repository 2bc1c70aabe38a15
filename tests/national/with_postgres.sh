#!/usr/bin/env bash
# Runs a command against a PostgreSQL server of its own: initdb in a fresh
# temporary folder, the server on a free port of 127.0.0.1 with its socket in
# that folder, then the command with SEIMBANG_PG_URL set, then the server is
# stopped and the folder removed. Nothing is mocked: the national tier's tests
# and bench/national run against this real server.
#   tests/national/with_postgres.sh COMMAND [ARGS...]
# SEIMBANG_PG_OPTIONS adds server options (an A/B of settings, e.g.
# "-c wal_compression=lz4"; statistics with "-c shared_preload_libraries=pg_stat_statements").
# As root (CI), initdb refuses to run: the cluster then belongs to the
# `postgres` system user the Debian package creates (run through runuser).
# Exit status: the command's, or 1 when PostgreSQL cannot start (a failure,
# never a skip).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "with_postgres: $PGBIN/initdb not found (scripts/setup.sh installs postgresql-15)" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/seimbang-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
cleanup() {
  "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

if ! "${as_owner[@]}" "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
  echo "with_postgres: initdb failed:" >&2
  cat "$dir/initdb.log" >&2
  exit 1
fi

# A free port: try a few random ones (another test run may take one in between;
# pg_ctl then fails and the next is tried).
started=0
for attempt in 1 2 3 4 5 6 7 8; do
  port=$(( 20000 + RANDOM % 30000 ))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi  # taken
  # Settings for a test and bench server: durability as in production
  # (fsync on), a work memory large enough for the roll-up's aggregates.
  if "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
       -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c work_mem=64MB -c max_wal_size=2GB ${SEIMBANG_PG_OPTIONS:-}" \
       start >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "with_postgres: PostgreSQL did not start:" >&2
  cat "$dir/server.log" >&2 2>/dev/null || true
  exit 1
fi
export SEIMBANG_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
set +e
"$@"
rc=$?
set -e
exit $rc
