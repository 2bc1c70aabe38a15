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
