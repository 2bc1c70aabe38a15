#include "store/placements.h"

#include "model/validate.h"
#include "store/records.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "util/uuid.h"

namespace seimbang::store {

namespace {

const TableSpec& placements_table() { return *find_table("placements"); }

// A history row for `e` as it is before the change (from_*), filled by the caller.
Placement entry_for(const Employee& e, const std::string& cause, const PlacementNote& note) {
    Placement p;
    p.id = new_uuid_v7();
    p.employee_id = e.id;
    p.office_id = e.office_id;
    p.position_id = e.position_id;
    p.from_office_id = e.office_id;
    p.from_position_id = e.position_id;
    p.tmt = note.tmt;
    p.cause = cause;
    p.reference = note.reference;
    p.reason = note.reason;
    p.recorded_by = note.recorded_by;
    p.recorded_ms = note.recorded_ms;
    return p;
}

struct Refused {};  // rolls the change back; the issues are in the Check

// Saves the employee and writes the history row in one transaction; a refusal
// of either leaves both unchanged.
Check save_with_history(Db& db, Employee& e, const Placement& p) {
    Check c = validate_placement(p);
    if (!c.ok()) return c;
    try {
        db.transaction([&] {
            c.merge(save_employee(db, e));
            if (!c.ok()) throw Refused{};
            write_row(db, placements_table(), p.id, to_fields(p));
        });
    } catch (const Refused&) {
    } catch (const DbError& err) {
        c.error("store.error", "", err.what());
    }
    return c;
}

}  // namespace

std::vector<Placement> list_placements(Db& db, const std::string& employee_id) {
    const TableSpec& t = placements_table();
    std::string sql = "SELECT id";
    for (const auto& col : t.columns) sql += ", " + col;
    sql += " FROM placements WHERE employee_id = ?1 ORDER BY tmt, recorded_ms, id";
    std::vector<Placement> out;
    try {
        auto s = db.prepare(sql);
        s.bind(1, employee_id);
        while (s.step()) {
            nlohmann::json row = nlohmann::json::object();
            for (int i = 0; i < s.columns(); ++i) row[s.column_name(i)] = s.json_value(i);
            out.push_back(placement_from_row(row));
        }
    } catch (const DbError&) {
        out.clear();  // a history that cannot be read is shown as none, never half
    }
    return out;
}

namespace {
// The employee a recorded change applies to: known and not archived (else the
// reason is in `c` and nothing is returned).
std::optional<Employee> active_employee(Db& db, const std::string& employee_id, Check& c) {
    auto e = get_employee(db, employee_id);
    if (!e) c.error("employee.not_found", "employee_id", employee_id);
    else if (e->archived) c.error("placement.archived", "employee_id");
    if (!c.ok()) return std::nullopt;
    return e;
}
}  // namespace

Check correct_placement(Db& db, const std::string& employee_id, const std::string& office_id,
                        const std::string& position_id, const PlacementNote& note) {
    Check c;
    auto e = active_employee(db, employee_id, c);
    if (!e) return c;
    if (e->office_id == office_id && e->position_id == position_id) {
        c.error("placement.no_change", "position_id");
        return c;
    }
    Placement p = entry_for(*e, "koreksi", note);
    p.office_id = office_id;
    p.position_id = position_id;
    e->office_id = office_id;
    e->position_id = position_id;
    if (!note.tmt.empty()) e->tmt_position = note.tmt;
    return save_with_history(db, *e, p);
}

Check archive_employee_recorded(Db& db, const std::string& employee_id, const std::string& exit_kind,
                                const PlacementNote& note) {
    Check c;
    auto e = active_employee(db, employee_id, c);
    if (!e) return c;
    Placement p = entry_for(*e, "arsip", note);
    p.exit_kind = exit_kind;
    e->archived = true;
    return save_with_history(db, *e, p);
}

Check unarchive_employee(Db& db, const std::string& employee_id, const PlacementNote& note) {
    Check c;
    auto e = get_employee(db, employee_id);
    if (!e) {
        c.error("employee.not_found", "employee_id", employee_id);
        return c;
    }
    if (!e->archived) {
        c.error("placement.not_archived", "employee_id");
        return c;
    }
    Placement p = entry_for(*e, "batal_arsip", note);
    e->archived = false;
    return save_with_history(db, *e, p);
}

}  // namespace seimbang::store
