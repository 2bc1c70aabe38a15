#include "plan/from_db.h"

#include <algorithm>
#include <map>
#include <set>

#include "abk/abk.h"
#include "plan/eligibility_records.h"
#include "store/abk_query.h"
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
    store::EmployeeFilter filter;
    filter.scope_office_id = q.scope_office_id;
    for (const auto& e : store::list_employees(db, filter)) {
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
