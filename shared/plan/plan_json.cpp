#include "plan/plan_json.h"

#include "plan/reasons.h"

namespace seimbang::plan {

namespace {
nlohmann::json ej_value(double v) { return v < 0 ? nlohmann::json(nullptr) : nlohmann::json(v); }
}  // namespace

nlohmann::json metrics_json(const Metrics& m) {
    return {{"sum_sq", m.sum_sq},
            {"ej_cv", m.ej_cv},
            {"ej_max", m.ej_max},
            {"ej_min", m.ej_min},
            {"share_balanced", m.share_balanced},
            {"overloaded", m.overloaded},
            {"vacant_with_workload", m.vacant_with_workload},
            {"positions", m.positions}};
}

nlohmann::json to_json(const Instance& inst, const Plan& plan, i18n::Lang lang) {
    nlohmann::json moves = nlohmann::json::array();
    for (const Move& m : plan.moves) {
        const Employee& e = inst.employees[static_cast<size_t>(m.employee)];
        const ReasonFigures f = reason_figures(inst, plan, m);
        nlohmann::json j = {{"employee", e.id},
                            {"from", inst.positions[static_cast<size_t>(m.from)].id},
                            {"to", inst.positions[static_cast<size_t>(m.to)].id},
                            {"reason", reason(inst, plan, m, lang)},
                            {"requested", m.requested},
                            {"fit_gain", m.fit_gain},
                            {"origin_ej_before", ej_value(f.origin_ej_before)},
                            {"origin_ej_after", ej_value(f.origin_ej_after)},
                            {"destination_ej_before", ej_value(f.destination_ej_before)},
                            {"destination_ej_after", ej_value(f.destination_ej_after)}};
        if (!e.name.empty()) j["name"] = e.name;
        const auto& from = inst.positions[static_cast<size_t>(m.from)];
        const auto& to = inst.positions[static_cast<size_t>(m.to)];
        if (!from.name.empty()) j["from_name"] = from.name;
        if (!to.name.empty()) j["to_name"] = to.name;
        moves.push_back(std::move(j));
    }
    nlohmann::json unfilled = nlohmann::json::array();
    for (const Unfilled& u : plan.unfilled) {
        const Position& p = inst.positions[static_cast<size_t>(u.position)];
        nlohmann::json j = {{"position", p.id}, {"cause", to_string(u.cause)}, {"reason", unfilled_reason(u, lang)}};
        if (!p.name.empty()) j["name"] = p.name;
        unfilled.push_back(std::move(j));
    }
    return {{"objective", plan.objective},
            {"optimal", plan.optimal},
            {"gap", plan.gap},
            {"lower_bound", plan.lower_bound},
            {"moves", std::move(moves)},
            {"before", metrics_json(plan.before)},
            {"after", metrics_json(plan.after)},
            {"unfilled", std::move(unfilled)},
            {"stats",
             {{"groups", plan.stats.groups},
              {"nodes", plan.stats.nodes},
              {"arcs", plan.stats.arcs},
              {"solves", plan.stats.solves}}}};
}

}  // namespace seimbang::plan
