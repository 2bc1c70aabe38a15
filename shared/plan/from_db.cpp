#include "plan/from_db.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "abk/abk.h"
#include "plan/eligibility_records.h"
#include "store/abk_query.h"
#include "store/db.h"
#include "store/records.h"
#include "store/repo.h"

namespace seimbang::plan {

namespace {

Levels levels_of(Instance& inst, std::map<std::string, int>& tags, const std::map<std::string, int>& m) {
    Levels out;
    for (const auto& [tag, level] : m) {
        auto [it, added] = tags.emplace(tag, static_cast<int>(inst.tags.size()));
        if (added) inst.tags.push_back(tag);
        out.emplace_back(it->second, level);
    }
    normalise(out);
    return out;
}

// What the planner reads of an employee (store::Employee has 16 fields).
struct StaffRow {
    std::string id, name, position_id, golongan, tmt_position;
    CompetenceLevels competences;
};

// A text column as the store's record reader sees it (records.cpp JsonRow::str):
// text (or a blob) as is, anything else (NULL, a number) as "".
std::string text_of(const store::Stmt& s, int c) {
    const nlohmann::json v = s.json_value(c);
    return v.is_string() ? v.get<std::string>() : std::string();
}

// The active employees of the scope in store::list_employees's order (name,
// id) with the columns the planner needs, read straight from the statement:
// at Kota scale (20,000 rows) list_employees's row → JSON object → record
// path was most of the build, which the browser's planner worker runs per plan.
// Same rows, same order, same values (test_plan_db.cpp compares them).
std::vector<StaffRow> staff_of(store::Db& db, const std::string& scope) {
    static const char* kCols = "SELECT e.id, e.name, e.position_id, e.golongan, e.tmt_position, e.competences FROM employees e ";
    const std::string sql =
        scope.empty() ? std::string(kCols) + "WHERE e.archived = 0 ORDER BY e.name, e.id"
                      : std::string("WITH RECURSIVE scope(id) AS (SELECT id FROM offices WHERE id = ?1 "
                                    "UNION SELECT o.id FROM offices o JOIN scope s ON o.parent_id = s.id) ") +
                            kCols + "JOIN scope s ON e.office_id = s.id WHERE e.archived = 0 ORDER BY e.name, e.id";
    auto s = db.prepare(sql);
    if (!scope.empty()) s.bind(1, scope);
    std::vector<StaffRow> out;
    while (s.step()) {
        StaffRow r;
        r.id = text_of(s, 0);
        r.name = text_of(s, 1);
        r.position_id = text_of(s, 2);
        r.golongan = text_of(s, 3);
        r.tmt_position = text_of(s, 4);
        r.competences = store::competences_from_text(text_of(s, 5));
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

std::variant<Instance, Issue> instance_from_db(store::Db& db, const DbQuery& q) {
    const Settings settings = store::load_settings(db);
    Instance inst;
    inst.weights = q.weights;
    inst.weights.wke_minutes = settings.wke_minutes;
    std::map<std::string, int> tags;

    // Workload per position from ABK task rows (same computation as `seimbang abk`).
    std::map<std::string, double> workload;
    for (const auto& in : store::abk_inputs(db, q.scope_office_id, q.year)) {
        double minutes = 0;
        for (const auto& t : in.tasks) minutes += abk::task_minutes(t, settings);
        workload[in.position] = minutes;
    }

    std::map<std::string, std::string> office_name;
    for (const auto& o : store::list_offices(db)) office_name[o.id] = o.name;

    std::map<std::string, int> pos_index;
    std::set<std::string> heads;
    for (const auto& p : store::list_positions(db, q.scope_office_id)) {
        Position pos;
        pos.id = p.id;
        pos.unit = p.office_id;
        // Names repeat across offices ("Sekretaris Kelurahan"): add the office.
        pos.name = p.name + " (" + office_name[p.office_id] + ")";
        pos.workload_minutes = workload.count(p.id) ? workload[p.id] : 0.0;
        pos.required = levels_of(inst, tags, p.requirements);
        if (!p.golongan_min.empty() && !(pos.golongan_min = parse_golongan(p.golongan_min)))
            return Issue{"plan.error.bad_golongan", "positions[" + p.id + "].golongan_min", p.golongan_min, false};
        if (!p.golongan_max.empty() && !(pos.golongan_max = parse_golongan(p.golongan_max)))
            return Issue{"plan.error.bad_golongan", "positions[" + p.id + "].golongan_max", p.golongan_max, false};
        const PostClass cls = post_class(p);  // (eligibility_records.h)
        pos.kind = cls.kind;
        pos.family = cls.family;
        if (p.is_head) heads.insert(p.id);
        pos_index[p.id] = static_cast<int>(inst.positions.size());
        inst.positions.push_back(std::move(pos));
    }

    const std::set<std::string> pinned(q.pinned.begin(), q.pinned.end());
    for (const auto& e : staff_of(db, q.scope_office_id)) {
        auto p = pos_index.find(e.position_id);
        if (p == pos_index.end()) continue;  // no position, or one outside the scope
        Employee emp;
        emp.id = e.id;
        emp.name = e.name;
        emp.position = p->second;
        auto g = parse_golongan(e.golongan);
        if (!g) return Issue{"plan.error.bad_golongan", "employees[" + e.id + "].golongan", e.golongan, false};
        emp.golongan = *g;
        emp.competences = levels_of(inst, tags, e.competences);
        const auto tmt = parse_iso_date(e.tmt_position);
        const bool tenure_ok = tmt && *tmt <= q.today && months_between(*tmt, q.today) >= settings.min_tenure_months;
        emp.movable = tenure_ok && !heads.count(e.position_id) && !pinned.count(e.id);
        inst.employees.push_back(std::move(emp));
    }
    return inst;
}

}  // namespace seimbang::plan
