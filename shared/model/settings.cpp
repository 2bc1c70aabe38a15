#include "model/settings.h"

#include <nlohmann/json.hpp>

namespace seimbang {

nlohmann::json to_json(const Settings& s) {
    nlohmann::json grades = nlohmann::json::array();
    for (const auto& g : s.grades)
        grades.push_back({{"min", g.min_efficiency}, {"strict", g.strictly_above}, {"grade", g.grade},
                          {"label", g.label}});
    return {{"wke_minutes", s.wke_minutes},
            {"annualisation", {{"year", s.per_year}, {"month", s.per_month}, {"week", s.per_week}, {"day", s.per_day}}},
            {"rounding", s.rounding == RoundingRule::ceil ? "ceil" : "half_up"},
            {"grades", grades},
            {"status_bands", {{"balanced_min", s.balanced_min}, {"balanced_max", s.balanced_max}}},
            {"min_tenure_months", s.min_tenure_months},
            {"max_tenure_months", s.max_tenure_months}};
}

Check settings_from_json(const nlohmann::json& j, Settings& out) {
    Check c;
    Settings s = out;
    try {
        if (j.contains("wke_minutes")) s.wke_minutes = j.at("wke_minutes").get<double>();
        if (j.contains("annualisation")) {
            const auto& a = j.at("annualisation");
            s.per_year = a.value("year", s.per_year);
            s.per_month = a.value("month", s.per_month);
            s.per_week = a.value("week", s.per_week);
            s.per_day = a.value("day", s.per_day);
        }
        if (j.contains("rounding")) {
            const auto r = j.at("rounding").get<std::string>();
            if (r == "ceil") s.rounding = RoundingRule::ceil;
            else if (r == "half_up") s.rounding = RoundingRule::half_up;
            else c.error("settings.bad_rounding", "rounding", r);
        }
        if (j.contains("grades")) {
            s.grades.clear();
            for (const auto& g : j.at("grades"))
                s.grades.push_back({g.at("min").get<double>(), g.value("strict", false), g.at("grade").get<std::string>(),
                                    g.value("label", std::string())});
        }
        if (j.contains("status_bands")) {
            const auto& b = j.at("status_bands");
            s.balanced_min = b.value("balanced_min", s.balanced_min);
            s.balanced_max = b.value("balanced_max", s.balanced_max);
        }
        s.min_tenure_months = j.value("min_tenure_months", s.min_tenure_months);
        s.max_tenure_months = j.value("max_tenure_months", s.max_tenure_months);
    } catch (const nlohmann::json::exception& e) {
        c.error("settings.bad_value", "settings", e.what());
        return c;
    }
    if (!(s.wke_minutes > 0)) c.error("settings.bad_wke", "wke_minutes", std::to_string(s.wke_minutes));
    if (!(s.per_year > 0 && s.per_month > 0 && s.per_week > 0 && s.per_day > 0))
        c.error("settings.bad_annualisation", "annualisation");
    if (s.grades.empty()) c.error("settings.bad_grades", "grades");
    for (size_t i = 1; i < s.grades.size(); ++i)
        if (s.grades[i].min_efficiency > s.grades[i - 1].min_efficiency) c.error("settings.bad_grades", "grades");
    if (!(s.balanced_min > 0 && s.balanced_max >= s.balanced_min && s.balanced_max < 10))
        c.error("settings.bad_status_bands", "status_bands");
    if (s.min_tenure_months < 0 || s.max_tenure_months < s.min_tenure_months)
        c.error("settings.bad_tenure", "min_tenure_months");
    if (c.ok()) out = s;
    return c;
}

}  // namespace seimbang
