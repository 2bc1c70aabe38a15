#include "abk/abk.h"

#include <cmath>
#include <functional>
#include <map>

namespace seimbang::abk {

double annual_factor(Period p, const Settings& s) {
    switch (p) {
        case Period::year: return s.per_year;
        case Period::month: return s.per_month;
        case Period::week: return s.per_week;
        case Period::day: return s.per_day;
    }
    return 1;
}

double task_minutes(const TaskInput& t, const Settings& s) {
    return t.volume * annual_factor(t.period, s) * t.norm_minutes;
}

int round_needed(double needed, const Settings& s) {
    // A tiny tolerance keeps 2.0000000001 (floating noise of sums) from rounding up to 3 under ceil.
    constexpr double eps = 1e-9;
    if (s.rounding == RoundingRule::ceil) return static_cast<int>(std::ceil(needed - eps));
    return static_cast<int>(std::floor(needed + 0.5 + eps));
}

std::optional<Grade> grade_for(std::optional<double> e, const Settings& s) {
    if (!e) return std::nullopt;
    for (const auto& b : s.grades) {
        if (b.strictly_above ? *e > b.min_efficiency : *e >= b.min_efficiency) return Grade{b.grade, b.label};
    }
    return std::nullopt;
}

LoadStatus load_status(std::optional<double> e, const Settings& s) {
    if (!e) return LoadStatus::none;
    if (*e > s.balanced_max) return LoadStatus::over;
    if (*e < s.balanced_min) return LoadStatus::under;
    return LoadStatus::balanced;
}

namespace {
std::optional<double> efficiency(double workload, int holders, const Settings& s) {
    if (holders <= 0) return std::nullopt;
    return workload / (holders * s.wke_minutes);
}

UnitResult make_unit(const std::string& key) {
    UnitResult u;
    u.unit = key;
    return u;
}

void finish_unit(UnitResult& u, const Settings& s) {
    u.needed = u.workload_minutes / s.wke_minutes;
    u.needed_rounded = round_needed(u.needed, s);
    u.difference = u.holders - u.needed_rounded;
    u.eu = efficiency(u.workload_minutes, u.holders, s);
    u.pu = grade_for(u.eu, s);
}
}  // namespace

Result analyse(const std::vector<PositionInput>& input, const Settings& s) {
    Result r;
    std::map<std::pair<std::string, std::string>, size_t> pos_index;
    std::map<std::string, size_t> unit_index;
    for (const auto& p : input) {
        auto key = std::make_pair(p.unit, p.position);
        auto [it, fresh] = pos_index.try_emplace(key, r.positions.size());
        if (fresh) {
            PositionResult pr;
            pr.unit = p.unit;
            pr.position = p.position;
            pr.holders = p.holders;
            r.positions.push_back(pr);
        }
        auto& pr = r.positions[it->second];
        for (const auto& t : p.tasks) pr.workload_minutes += task_minutes(t, s);
    }
    for (auto& pr : r.positions) {
        pr.needed = pr.workload_minutes / s.wke_minutes;
        pr.needed_rounded = round_needed(pr.needed, s);
        pr.difference = pr.holders - pr.needed_rounded;
        pr.ej = efficiency(pr.workload_minutes, pr.holders, s);
        pr.pj = grade_for(pr.ej, s);

        auto [it, fresh] = unit_index.try_emplace(pr.unit, r.units.size());
        if (fresh) r.units.push_back(make_unit(pr.unit));
        auto& u = r.units[it->second];
        u.workload_minutes += pr.workload_minutes;
        u.holders += pr.holders;
        if (pr.difference < 0) ++u.positions_short;
        if (pr.difference > 0) ++u.positions_surplus;
    }
    for (auto& u : r.units) finish_unit(u, s);
    return r;
}

std::vector<UnitResult> roll_up(const Result& r, const Settings& s,
                                const std::function<std::string(const std::string&)>& parent_of) {
    std::vector<UnitResult> out;
    std::map<std::string, size_t> index;
    for (const auto& u : r.units) {
        // Guard against cycles in a malformed tree: never walk more than 64 levels.
        std::string p = u.unit;
        for (int depth = 0; !p.empty() && depth < 64; ++depth, p = parent_of(p)) {
            auto [it, fresh] = index.try_emplace(p, out.size());
            if (fresh) out.push_back(make_unit(p));
            auto& a = out[it->second];
            a.workload_minutes += u.workload_minutes;
            a.holders += u.holders;
            a.positions_short += u.positions_short;
            a.positions_surplus += u.positions_surplus;
        }
    }
    for (auto& a : out) finish_unit(a, s);
    return out;
}

}  // namespace seimbang::abk
