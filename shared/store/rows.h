// Generic reads and writes of synced rows as JSON objects (column -> value).
// Every write of a synced table goes through write_row: it stores only columns
// that really changed and reports them to the connection's change hook, which is
// how the sync outbox sees every local edit (one way to write, one place to hook).
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"
#include "store/schema.h"
#include "store/value.h"

namespace seimbang::store {

// The row's columns (including "id") or nullopt when absent.
std::optional<nlohmann::json> read_row(Db& db, const TableSpec& t, const std::string& id);

// Inserts the row when absent, otherwise updates the given columns. `fields` may
// hold any subset of the table's columns; unknown columns throw DbError. Returns
// false when nothing changed. Runs in (or joins) a transaction.
bool write_row(Db& db, const TableSpec& t, const std::string& id, const nlohmann::json& fields, bool local = true);
// The same, with the row as the caller has just read it (null when absent): a
// client applying pulled pages reads each row once.
bool write_row(Db& db, const TableSpec& t, const std::string& id, const nlohmann::json& fields,
               const nlohmann::json& current, bool local);

// The typed forms, for the bulk paths of sync (the server's push and change
// log, the pull's pages), through the connection's one statement cache.
// Reads the row into `out` (resized to id + columns); false when absent.
bool read_row(Db& db, const TableSpec& t, const std::string& id, Row& out);
// Appends the row as a JSON object ({"id":…,"column":value,…}, values as SQLite
// returns them, the same JSON as read_row's dump up to key order) to `out`;
// false (nothing appended) when the row does not exist.
bool append_row_json(Db& db, const TableSpec& t, const std::string& id, std::string& out);
// A column index (into t.columns) and its value, bound by reference.
using ColumnValue = std::pair<int, const Value*>;
// The server's change-log columns of a row (`_seq`, `_meta`: shared schema 3,
// docs/SYNC.md §2), written by the same statement as the row's columns.
struct LogColumns {
    int64_t seq;
    const std::string& meta;
};
// THE statement builder of synced-row writes: inserts a new row with these
// columns (the others take their defaults) or updates these columns of an
// existing one, plus the log columns when given. `if_absent` (with insert):
// nothing happens when a row with this id exists. Returns whether a row was
// written. Does NOT notify the change hook: write_row does, and the server's
// push, which records its change log in the same statement, calls the change
// log steps itself (ServerSync). Throws DbError when SQLite refuses the write.
bool write_columns(Db& db, const TableSpec& t, const std::string& id, bool insert,
                   const std::vector<ColumnValue>& columns, const LogColumns* log = nullptr, bool if_absent = false);

// Removes the row (a device dropping a row that left its scope, a re-snapshot)
// and reports it to the change hook as a RowChange whose `after` is null (see
// is_deletion). Returns whether a row was there. Runs in (or joins) a transaction.
bool delete_row(Db& db, const TableSpec& t, const std::string& id, bool local = false);
// Removes every row of the table (a device's re-snapshot): one deletion with an
// empty id tells the hook.
void delete_all_rows(Db& db, const TableSpec& t, bool local = false);
// Whether a change reported to the hook removed its row (delete_row, delete_all_rows).
inline bool is_deletion(const RowChange& c) { return c.after.is_null(); }

}  // namespace seimbang::store
