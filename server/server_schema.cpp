#include "server_schema.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include "store/schema.h"

namespace seimbang::server {

namespace {
// Append-only, like the shared list.
const std::vector<std::string_view>& migrations() {
    static const std::vector<std::string_view> m = {
        R"sql(
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('pegawai','operator','kepala_unit','camat','bkpsdm','pusat')),
  office_id     TEXT NOT NULL REFERENCES offices(id),
  employee_id   TEXT,                     -- pegawai: the employee record they may read
  password_hash TEXT NOT NULL,            -- libsodium crypto_pwhash_str (Argon2id)
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_ms    INTEGER NOT NULL
);
CREATE TABLE devices (
  device_id    TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  name         TEXT NOT NULL DEFAULT '',
  token_hash   TEXT NOT NULL UNIQUE,      -- BLAKE2b of the bearer token; the token itself is never stored
  created_ms   INTEGER NOT NULL,
  expires_ms   INTEGER NOT NULL,
  revoked      INTEGER NOT NULL DEFAULT 0,
  last_seen_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX devices_user ON devices(user_id);
)sql",
        // 2: was `CREATE INDEX sync_rows_office_seq ON sync_rows(office_id, seq)`.
        // Shared migration 3 (which runs first) replaced sync_rows by columns of the
        // synced rows with their own (office_id, _seq) indexes, so on a new database
        // there is nothing left to do; an older one got the index and lost it with
        // its table.
        R"sql(
-- superseded by shared migration 3
)sql",
        // 3: documents of transfer requests, content-addressed (SHA-256), stored
        // once; an upload is resumable (`received` bytes so far of `total`).
        // Complete only after the content's hash and type were checked.
        R"sql(
CREATE TABLE blobs (
  sha256     TEXT PRIMARY KEY,
  mime       TEXT NOT NULL DEFAULT '',
  total      INTEGER NOT NULL,
  received   INTEGER NOT NULL DEFAULT 0,
  data       BLOB NOT NULL DEFAULT x'',
  complete   INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL
);
)sql",
        // 4: every change of the rule settings (docs/SETTINGS.md): who, when,
        // the group's value before and after. Its highest id is the version the
        // devices compare (GET /api/v1/settings?version=N).
        R"sql(
CREATE TABLE settings_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  grp        TEXT NOT NULL,
  before     TEXT NOT NULL,
  after      TEXT NOT NULL,
  username   TEXT NOT NULL,
  role       TEXT NOT NULL,
  at_ms      INTEGER NOT NULL
);
)sql",
        // 5 [upstream]: role `instansi` (docs/SCALE.md "Upstream": the account an
        // instansi server forwards with on the national server). A CHECK cannot be
        // altered in SQLite: the table is rebuilt (foreign keys off meanwhile,
        // kFkOffMigrations; devices keep referring to `users` by name).
        R"sql(
CREATE TABLE users_new (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('pegawai','operator','kepala_unit','camat','bkpsdm','pusat','instansi')),
  office_id     TEXT NOT NULL REFERENCES offices(id),
  employee_id   TEXT,                     -- pegawai: the employee record they may read
  password_hash TEXT NOT NULL,            -- libsodium crypto_pwhash_str (Argon2id)
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_ms    INTEGER NOT NULL
);
INSERT INTO users_new(id, username, display_name, role, office_id, employee_id, password_hash, disabled, created_ms)
  SELECT id, username, display_name, role, office_id, employee_id, password_hash, disabled, created_ms FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
)sql",
    };
    return m;
}
}  // namespace

void migrate_server(store::Db& db) {
    store::migrate(db);
    db.exec("CREATE TABLE IF NOT EXISTS server_schema (version INTEGER NOT NULL)");
    int v = 0;
    {
        auto s = db.prepare("SELECT max(version) FROM server_schema");
        if (s.step() && !s.is_null(0)) v = static_cast<int>(s.int64(0));
    }
    if (v > static_cast<int>(migrations().size()))
        throw store::DbError(0, "server schema is newer than this program");
    // Migrations that rebuild a table others refer to run with foreign keys off
    // (SQLite's procedure for schema changes ALTER TABLE cannot make); they are
    // checked before the commit (the rebuilt table and the one referring to it).
    constexpr int kFkOffMigrations[] = {5};
    for (; v < static_cast<int>(migrations().size()); ++v) {
        const bool fk_off = std::find(std::begin(kFkOffMigrations), std::end(kFkOffMigrations), v + 1) !=
                            std::end(kFkOffMigrations);
        if (fk_off) db.exec("PRAGMA foreign_keys=OFF");
        try {
            db.transaction([&] {
                db.exec(migrations()[static_cast<size_t>(v)]);
                if (fk_off && (db.prepare("PRAGMA foreign_key_check(users)").step() ||
                               db.prepare("PRAGMA foreign_key_check(devices)").step()))
                    throw store::DbError(0, "server migration " + std::to_string(v + 1) + " broke a foreign key");
                auto s = db.prepare("INSERT INTO server_schema(version) VALUES (?1)");
                s.bind(1, v + 1);
                s.run();
            });
        } catch (...) {
            if (fk_off) db.exec("PRAGMA foreign_keys=ON");
            throw;
        }
        if (fk_off) db.exec("PRAGMA foreign_keys=ON");
    }
    // Evaluation: the server never drops a closed balance snapshot (clients may
    // drop their copies when re-pulling). Idempotent, so it needs no number of
    // its own in the list above.
    db.exec("CREATE TRIGGER IF NOT EXISTS eval_snapshots_keep BEFORE DELETE ON eval_snapshots "
            "WHEN OLD.closed = 1 BEGIN SELECT RAISE(ABORT, 'eval.snapshot_closed'); END");
}

}  // namespace seimbang::server
