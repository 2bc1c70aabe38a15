#include "sync/scope.h"

#include <array>

#include "store/repo.h"

namespace seimbang::sync {

namespace {
constexpr std::array<std::string_view, 6> kRoles = {"pegawai", "operator", "kepala_unit", "camat", "bkpsdm", "pusat"};

Scope subtree(store::Db& db, const std::string& office) {
    Scope s;
    for (auto& id : store::office_subtree(db, office)) s.offices.insert(std::move(id));
    return s;
}
}  // namespace

bool Scope::sees(const store::TableSpec& t, const nlohmann::json& row) const {
    if (!row.is_object()) return false;
    if (all || t.office_column == "id") return true;  // (offices are reference data for everyone)
    auto text = [&](const std::string& col) {
        return !col.empty() && row.contains(col) && row[col].is_string() ? row[col].get<std::string>() : std::string();
    };
    if (own_employee_only) {
        if (employee_id.empty()) return false;
        if (t.name == "employees") return text("id") == employee_id;
        // (The pull also carries their own post; no answer names a post to a
        // pegawai, who writes none, so the post is not looked up here.)
        return !t.employee_column.empty() && text(t.employee_column) == employee_id;
    }
    if (contains(text(t.office_column))) return true;
    return !t.second_office_column.empty() && contains(text(t.second_office_column));
}

bool role_known(std::string_view role) {
    for (auto r : kRoles)
        if (r == role) return true;
    return false;
}

Scope read_scope(store::Db& db, const Principal& p) {
    if (p.role == "pusat") {
        Scope s;
        s.all = true;
        return s;
    }
    if (p.role == "pegawai") {
        Scope s;
        s.own_employee_only = true;
        s.employee_id = p.employee_id;
        return s;
    }
    if (!role_known(p.role)) return {};
    return subtree(db, p.office_id);
}

Scope write_scope(store::Db& db, const Principal& p) {
    if (p.role == "operator" || p.role == "kepala_unit" || p.role == "camat" || p.role == "bkpsdm")
        return subtree(db, p.office_id);
    return {};
}

bool role_writes_table(std::string_view role, std::string_view table) {
    if (role == "pusat" || role == "pegawai" || !role_known(role)) return false;
    if (table == "offices") return role == "bkpsdm";
    return true;
}

}  // namespace seimbang::sync
