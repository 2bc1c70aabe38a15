#include "sync/scope.h"

#include "access/access.h"
#include "store/repo.h"

namespace seimbang::sync {

namespace {
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

Scope read_scope(store::Db& db, const Principal& p) {
    const auto role = access::parse_role(p.role);  // an unknown role reads nothing
    Scope s;
    switch (role ? access::read_reach(*role) : access::Reach::none) {
        case access::Reach::everything: s.all = true; break;
        case access::Reach::own_records:
            s.own_employee_only = true;
            s.employee_id = p.employee_id;
            break;
        case access::Reach::office_subtree: return subtree(db, p.office_id);
        case access::Reach::none: break;
    }
    return s;
}

Scope write_scope(store::Db& db, const Principal& p) {
    const auto role = access::parse_role(p.role);
    if (role && access::write_reach(*role) == access::Reach::office_subtree) return subtree(db, p.office_id);
    return {};
}

bool role_writes_table(std::string_view role, std::string_view table) {
    const auto r = access::parse_role(role);
    return r && access::writes_table(*r, table);
}

}  // namespace seimbang::sync
