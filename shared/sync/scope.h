// Who is asking and what they may read or write. Roles come from domain.md;
// the matrix is documented in docs/API.md. Scope is an office subtree: a row
// belongs to the office named by its table's office column.
#pragma once
#include <string>
#include <string_view>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "store/db.h"
#include "store/schema.h"

namespace seimbang::sync {

struct Principal {
    std::string user_id, username, display_name, role, office_id, employee_id, device_id;
};


// Offices a principal sees (reads) or may change (writes).
struct Scope {
    bool all = false;                       // every office (pusat reads; nothing else)
    bool own_employee_only = false;         // pegawai: offices + own employee row
    std::string employee_id;
    std::unordered_set<std::string> offices;
    bool contains(const std::string& office_id) const { return all || offices.count(office_id) > 0; }
    // Whether a row of `t` (as JSON, with its id) is one this principal's pull
    // carries: the same rule as the pull's queries (server_pull.cpp), for answers
    // that name a single row (a refused push's current state).
    bool sees(const store::TableSpec& t, const nlohmann::json& row) const;
};

Scope read_scope(store::Db& db, const Principal& p);
// Empty scope when the role writes nothing (pusat, pegawai).
Scope write_scope(store::Db& db, const Principal& p);
// Offices themselves are reference data: only bkpsdm (within its subtree) edits them.
// The rules live in the one permission table (access/access.h); these apply them.
bool role_writes_table(std::string_view role, std::string_view table);

}  // namespace seimbang::sync
