#include "plan/service.h"

#include "plan/plan_json.h"
#include "plan/planner.h"

namespace seimbang::plan {

namespace {
Issue bad(const std::string& field, const nlohmann::json& value) {
    return Issue{"plan.error.bad_setting", field, value.dump(), false};
}
}  // namespace

std::variant<DbQuery, Issue> parse_plan_request(const nlohmann::json& body, const Date& today) {
    DbQuery q;
    q.today = today;
    q.year = today.year;  // the ABK year defaults to today's
    if (!body.is_object()) return Issue{"plan.error.bad_type", "", "expected a JSON object", false};
    auto scope = body.find("scope");
    if (scope == body.end() || !scope->is_string() || scope->get<std::string>().empty())
        return Issue{"plan.error.missing_field", "scope", {}, false};
    q.scope_office_id = scope->get<std::string>();
    if (auto y = body.find("year"); y != body.end()) {
        if (!y->is_number_integer() || y->get<long long>() < 2000 || y->get<long long>() > 2200) return bad("year", *y);
        q.year = static_cast<int>(y->get<long long>());
    }
    if (auto t = body.find("today"); t != body.end()) {
        auto d = t->is_string() ? parse_iso_date(t->get<std::string>()) : std::nullopt;
        if (!d) return bad("today", *t);
        q.today = *d;
    }
    for (auto [key, target] : {std::pair{"move_cost", &q.weights.move_cost},
                               std::pair{"request_bonus", &q.weights.request_bonus},
                               std::pair{"fit_bonus", &q.weights.fit_bonus}}) {
        auto v = body.find(key);
        if (v == body.end() || v->is_null()) continue;
        if (!v->is_number()) return bad(key, *v);
        *target = v->get<double>();
    }
    if (q.weights.move_cost < 0) return bad("move_cost", body["move_cost"]);
    if (auto m = body.find("max_moves"); m != body.end() && !m->is_null()) {
        if (!m->is_number_integer() || m->get<long long>() < 0 || m->get<long long>() > 1'000'000'000)
            return bad("max_moves", *m);
        q.weights.max_moves = static_cast<int>(m->get<long long>());
    }
    if (auto a = body.find("allow_managerial_moves"); a != body.end() && !a->is_null()) {
        if (!a->is_boolean()) return bad("allow_managerial_moves", *a);
        q.weights.allow_managerial_moves = a->get<bool>();
    }
    if (auto p = body.find("pinned"); p != body.end() && !p->is_null()) {
        if (!p->is_array()) return bad("pinned", *p);
        for (const auto& id : *p) {
            if (!id.is_string()) return bad("pinned", id);
            q.pinned.push_back(id.get<std::string>());
        }
    }
    return q;
}

std::variant<nlohmann::json, Issue> plan_scope(store::Db& db, const DbQuery& query, i18n::Lang lang) {
    auto built = instance_from_db(db, query);
    if (const Issue* issue = std::get_if<Issue>(&built)) return *issue;
    const Instance& inst = std::get<Instance>(built);
    const Plan plan = solve(inst);
    if (!plan.ok) return Issue{"plan.error.solver_failed", "", {}, false};
    return to_json(inst, plan, lang);
}

}  // namespace seimbang::plan
