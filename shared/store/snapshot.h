// A whole database as the bytes of a database file, to hand to another thread
// of execution: the browser's planner worker builds the planner instance from
// a snapshot of the local database (docs/PLANNER.md "In the web client").
#pragma once
#include <string>
#include <string_view>

#include "store/db.h"

namespace seimbang::store {

// A consistent copy of `db`'s committed state: its file read whole when that is
// safe (a file database, no transaction open, not WAL; no other process writes
// the client's database), else sqlite3_serialize of "main".
std::string snapshot(Db& db);
// The same bytes appended to `out` (read straight into it: no second copy of
// the file on the caller's thread; plan::encode_db_request).
void append_snapshot(Db& db, std::string& out);

// What identifies the committed state a snapshot of `db` would hold, so that a
// receiver keeping an earlier copy (the browser's planner worker) knows whether
// it is still the same: the connection's serial (a different connection, e.g.
// the database reopened, gives another), the write transactions it committed,
// and PRAGMA data_version (changes committed by any other connection to the same
// file). Equal strings: same committed content. Cheap (no read of the data).
// Empty inside a transaction (a snapshot then holds uncommitted changes).
std::string snapshot_version(Db& db);

// Replaces the database of a fresh connection (opened as ":memory:") by a
// private in-memory copy of a snapshot (sqlite3_deserialize); throws DbError
// when the bytes are not a database.
void load_snapshot(Db& db, std::string_view bytes);

}  // namespace seimbang::store
