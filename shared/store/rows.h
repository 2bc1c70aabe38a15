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
