#include "store/record_rules.h"

#include "store/records.h"
#include "store/repo.h"
#include "store/rows.h"

namespace seimbang::store {

std::optional<Office> DbRefReader::office(const std::string& id) { return get_office(db_, id); }
std::optional<Position> DbRefReader::position(const std::string& id) { return get_position(db_, id); }
std::vector<Office> DbRefReader::children(const std::string& id) {
    std::vector<Office> out;
    for (auto& o : list_offices(db_, true))
        if (o.parent_id == id) out.push_back(std::move(o));
    return out;
}

bool DbRefReader::employee_exists(const std::string& id) { return get_employee(db_, id).has_value(); }

bool kind_fits(OfficeKind parent, OfficeKind child) {
    switch (child) {
        case OfficeKind::kota: return false;
        case OfficeKind::kecamatan: return parent == OfficeKind::kota;
        case OfficeKind::kelurahan: return parent == OfficeKind::kecamatan;
        case OfficeKind::seksi: return parent == OfficeKind::kecamatan || parent == OfficeKind::kelurahan;
    }
    return false;
}

Check check_office_refs(RefReader& r, const Office& o, const std::optional<OfficeKind>& stored_kind) {
    Check c;
    if (o.archived) return c;
    if (o.kind == OfficeKind::kota && !o.parent_id.empty()) c.error("office.bad_hierarchy", "parent_id");
    if (!o.parent_id.empty()) {
        auto parent = r.office(o.parent_id);
        if (!parent || parent->archived) {
            c.error("office.unknown_parent", "parent_id", o.parent_id);
            return c;
        }
        if (!kind_fits(parent->kind, o.kind)) {
            c.error("office.bad_hierarchy", "kind", std::string(to_string(o.kind)));
            return c;
        }
        // Refuse cycles: walk up from the new parent; meeting this office (or a
        // chain longer than any real tree) means the office would sit below itself.
        std::string at = o.parent_id;
        for (int depth = 0; !at.empty(); ++depth) {
            if (at == o.id || depth > kMaxOfficeDepth) {
                c.error("office.bad_hierarchy", "parent_id");
                return c;
            }
            auto up = r.office(at);
            at = up ? up->parent_id : std::string();
        }
    }
    // A changed kind must still hold the offices already below it.
    if (!o.id.empty() && stored_kind && *stored_kind != o.kind)
        for (const auto& child : r.children(o.id))
            if (!child.archived && !kind_fits(o.kind, child.kind)) {
                c.error("office.bad_hierarchy", "kind", std::string(to_string(o.kind)));
                break;
            }
    return c;
}

Check check_position_refs(RefReader& r, const Position& p) {
    Check c;
    if (p.archived) return c;
    auto o = r.office(p.office_id);
    if (!o || o->archived) c.error("position.unknown_office", "office_id", p.office_id);
    return c;
}

Check check_employee_refs(RefReader& r, const Employee& e) {
    Check c;
    if (e.archived) return c;
    if (!e.position_id.empty()) {
        auto p = r.position(e.position_id);
        if (!p || p->archived) c.error("employee.unknown_position", "position_id", e.position_id);
        else if (p->office_id != e.office_id) c.error("employee.position_office_mismatch", "position_id");
    }
    if (!e.office_id.empty()) {
        auto o = r.office(e.office_id);
        if (!o || o->archived) c.error("employee.unknown_office", "office_id", e.office_id);
    }
    return c;
}

Check check_task_refs(RefReader& r, const AbkTask& t, const std::string& office_id) {
    Check c;
    if (t.archived) return c;
    auto p = r.position(t.position_id);
    if (!p || p->archived) c.error("position.not_found", "position_id", t.position_id);
    else if (p->office_id != office_id) c.error("abk.task_office_mismatch", "office_id", office_id);
    return c;
}

Check check_placement_refs(RefReader& r, const Placement& p) {
    Check c;
    if (!r.employee_exists(p.employee_id)) c.error("employee.not_found", "employee_id", p.employee_id);
    if (!r.office(p.office_id)) c.error("employee.unknown_office", "office_id", p.office_id);
    if (!p.position_id.empty()) {
        auto pos = r.position(p.position_id);
        if (!pos) c.error("employee.unknown_position", "position_id", p.position_id);
        else if (pos->office_id != p.office_id) c.error("employee.position_office_mismatch", "position_id");
    }
    return c;
}

}  // namespace seimbang::store
