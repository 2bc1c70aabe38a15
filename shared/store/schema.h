// Database schema as numbered migrations (PRAGMA user_version = last applied).
// Each migration runs in its own transaction; re-running is a no-op. The same
// schema is used by the browser, the native client and the server.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace seimbang::store {

// Highest migration this build knows. Also the sync schema version.
int latest_schema_version();
int schema_version(Db& db);

// Applies pending migrations; throws DbError when the database is newer than
// this build (never downgrades).
void migrate(Db& db);
// Up to `target` only (tests of a later migration build an older database).
void migrate(Db& db, int target);

// A table whose rows sync between devices: UUIDv7 `id` primary key plus these
// columns. `office_column` names the column holding the row's office (its scope).
struct TableSpec {
    std::string name;
    std::vector<std::string> columns;  // excluding id
    std::string office_column;         // "id" for offices themselves
    bool has(std::string_view column) const;
    // Position of `column` in `columns`, or -1.
    int column_index(std::string_view column) const;
};

const std::vector<TableSpec>& synced_tables();
const TableSpec* find_table(std::string_view name);

}  // namespace seimbang::store
