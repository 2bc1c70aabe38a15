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
    // Optional: a second office column whose office's scope also reads the row
    // (a transfer request is seen by its origin and its destination office).
    std::string second_office_column = {};
    // Optional: the employee a row belongs to; a pegawai reads the rows of their
    // own employee record (their transfer requests).
    std::string employee_column = {};
    // Whether the per-office checksums of the pull cover this table. Rows seen
    // through a second scope cannot be summed per office, so such tables are
    // left out on both sides (docs/SYNC.md §6).
    bool checksummed = true;
    // Rows changed only by workflow commands (docs/WORKFLOW.md): the server
    // refuses field upserts of them.
    bool commands_only = false;
    bool has(std::string_view column) const;
    // Position of `column` in `columns`, or -1.
    int column_index(std::string_view column) const;
};

const std::vector<TableSpec>& synced_tables();
const TableSpec* find_table(std::string_view name);

}  // namespace seimbang::store
