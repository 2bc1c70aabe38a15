#include "abk/json_output.h"

#include <cmath>

namespace seimbang::abk {

namespace {
// Decimals are rounded for output only (4 places for EJ, 3 for needed staff):
// enough to compare with forms filled by hand, without float noise.
double round_to(double v, int places) {
    const double f = std::pow(10.0, places);
    return std::round(v * f) / f;
}
nlohmann::json opt(const std::optional<double>& v, int places) {
    return v ? nlohmann::json(round_to(*v, places)) : nlohmann::json(nullptr);
}
nlohmann::json grade(const std::optional<Grade>& g) {
    return g ? nlohmann::json(g->grade) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json to_json(const PositionResult& p) {
    return {{"unit", p.unit},
            {"position", p.position},
            {"workload_minutes", round_to(p.workload_minutes, 2)},
            {"needed", round_to(p.needed, 3)},
            {"needed_rounded", p.needed_rounded},
            {"holders", p.holders},
            {"difference", p.difference},
            {"ej", opt(p.ej, 4)},
            {"pj", grade(p.pj)}};
}

nlohmann::json to_json(const UnitResult& u) {
    return {{"unit", u.unit},
            {"workload_minutes", round_to(u.workload_minutes, 2)},
            {"needed", round_to(u.needed, 3)},
            {"needed_rounded", u.needed_rounded},
            {"holders", u.holders},
            {"difference", u.difference},
            {"positions_short", u.positions_short},
            {"positions_surplus", u.positions_surplus},
            {"eu", opt(u.eu, 4)},
            {"pu", grade(u.pu)}};
}

nlohmann::json to_json(const Result& r) {
    nlohmann::json j{{"positions", nlohmann::json::array()}, {"units", nlohmann::json::array()}};
    for (const auto& p : r.positions) j["positions"].push_back(to_json(p));
    for (const auto& u : r.units) j["units"].push_back(to_json(u));
    return j;
}

}  // namespace seimbang::abk
