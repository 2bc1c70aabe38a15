// Repositories: typed reads and validated writes of the core records. Writes go
// through write_row (rows.h), so every saved edit reaches the sync outbox in the
// same transaction. A failed save returns the issues and changes nothing.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/result.h"
#include "model/settings.h"
#include "model/types.h"
#include "store/db.h"

namespace seimbang::store {

// [offices]
std::vector<Office> list_offices(Db& db, bool include_archived = false);
// The database's one root office (parent NULL) — on an instansi's database its
// instansi — or "" when there is none or several (a national tier's database).
std::string sole_root_office(Db& db);
std::optional<Office> get_office(Db& db, const std::string& id);
Check save_office(Db& db, Office& o);  // assigns a UUIDv7 id when empty
// The office and all its descendants (ids), for scope filtering.
std::vector<std::string> office_subtree(Db& db, const std::string& office_id);
// True when `office_id` is `ancestor_id` or lies below it.
bool office_within(Db& db, const std::string& office_id, const std::string& ancestor_id);

// [positions]
std::vector<Position> list_positions(Db& db, const std::string& scope_office_id = {}, bool include_archived = false);
std::optional<Position> get_position(Db& db, const std::string& id);
Check save_position(Db& db, Position& p);

// [employees]
struct EmployeeFilter {
    std::string scope_office_id;  // empty: all offices
    bool include_archived = false;
};
std::vector<Employee> list_employees(Db& db, const EmployeeFilter& f = {});
std::optional<Employee> get_employee(Db& db, const std::string& id);
// Validates fields, references (position in office, office exists) and NIP
// uniqueness among active employees; fills office_id from the position when empty.
Check save_employee(Db& db, Employee& e);
Check archive_employee(Db& db, const std::string& id);

// [abk tasks]
std::vector<AbkTask> list_tasks(Db& db, const std::string& position_id, int year);
std::vector<AbkTask> list_tasks_in_scope(Db& db, const std::string& scope_office_id, int year);
Check save_task(Db& db, AbkTask& t);
Check archive_task(Db& db, const std::string& id);

// [settings] rule parameters, stored as JSON; defaults when never saved.
Settings load_settings(Db& db);
Check save_settings(Db& db, const Settings& s);

// [local meta] facts about this database that never sync.
std::string get_local_meta(Db& db, const std::string& key, const std::string& fallback = {});
void set_local_meta(Db& db, const std::string& key, const std::string& value);

}  // namespace seimbang::store
