#include "store/abk_query.h"

#include <map>

#include "store/repo.h"

namespace seimbang::store {

std::vector<abk::PositionInput> abk_inputs(Db& db, const std::string& scope, int year) {
    std::vector<abk::PositionInput> out;
    std::map<std::string, size_t> index;
    for (const auto& p : list_positions(db, scope)) {
        index[p.id] = out.size();
        out.push_back({p.office_id, p.id, 0, {}});
    }
    {
        auto s = db.prepare("SELECT position_id, count(*) FROM employees WHERE archived = 0 AND position_id IS NOT NULL "
                            "GROUP BY position_id");
        while (s.step()) {
            auto it = index.find(s.text(0));
            if (it != index.end()) out[it->second].holders = static_cast<int>(s.int64(1));
        }
    }
    for (const auto& t : list_tasks_in_scope(db, scope, year)) {
        auto it = index.find(t.position_id);
        if (it == index.end()) continue;  // task of an archived position
        out[it->second].tasks.push_back({t.task, t.output_unit, t.volume, t.period, t.norm_minutes});
    }
    return out;
}

AbkReport analyse_scope(Db& db, const std::string& scope, int year, const Settings& settings) {
    AbkReport r;
    r.result = abk::analyse(abk_inputs(db, scope, year), settings);
    std::map<std::string, std::string> parent;
    for (const auto& o : list_offices(db)) parent[o.id] = o.parent_id;
    // Roll up only inside the scope: stop above the scope root.
    r.rollup = abk::roll_up(r.result, settings, [&](const std::string& id) -> std::string {
        if (id == scope) return {};
        auto it = parent.find(id);
        return it == parent.end() ? std::string() : it->second;
    });
    return r;
}

}  // namespace seimbang::store
