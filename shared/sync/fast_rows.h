// Row reads and the typed row writer with cached prepared statements, for the
// bulk paths of sync: the server applying a batch of mutations (and recording
// its change log, ServerSync) and a client reading rows while applying pulled
// pages. JSON writes of synced rows have one writer, store::write_row (which
// notifies the change hook); the typed writer here is the server's, whose caller
// records the change itself so the log columns go into the row's own statement.
// Re-preparing three statements per row was most of the cost of a push.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"
#include "store/schema.h"
#include "store/value.h"
#include "sync/stmt_cache.h"

namespace seimbang::sync {

// The row (id + columns) or null.
nlohmann::json cached_read_row(StmtCache& cache, const store::TableSpec& t, const std::string& id);

// Appends the row as a JSON object ({"id":…,"column":value,…}, values as SQLite
// returns them, the same JSON as cached_read_row's dump up to key order) to
// `out`; false (nothing appended) when the row does not exist.
bool append_row_json(StmtCache& cache, const store::TableSpec& t, const std::string& id, std::string& out);

// The typed twins used by the server's push (store/value.h).
// Reads the row into `out` (resized to id + columns); false when absent.
bool cached_read_row(StmtCache& cache, const store::TableSpec& t, const std::string& id, store::Row& out);
// A column index (into t.columns) and its value, bound by reference.
using ColumnValue = std::pair<int, const store::Value*>;
// The server's change-log columns of a row (`_seq`, `_meta`: shared schema 3,
// docs/SYNC.md §2), written by the same statement as the row's columns.
struct LogColumns {
    int64_t seq;
    const std::string& meta;
};
// Inserts a new row with these columns (the others take their defaults) or
// updates these columns of an existing one, plus the log columns when given.
// `if_absent` (with insert): nothing happens when a row with this id exists.
// Returns whether a row was written. Does NOT notify the change hook: the
// caller records the change itself (ServerSync, which owns the hook on the
// server). Throws DbError when SQLite refuses the write (nothing written).
bool cached_write_row(StmtCache& cache, const store::TableSpec& t, const std::string& id, bool insert,
                      const std::vector<ColumnValue>& columns, const LogColumns* log = nullptr, bool if_absent = false);

}  // namespace seimbang::sync
