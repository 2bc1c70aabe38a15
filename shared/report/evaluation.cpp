#include "report/evaluation.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "util/csv.h"

namespace seimbang::report {

EvaluationReport build_evaluation_report(store::Db& db, const std::string& scope, const std::string& period) {
    EvaluationReport r;
    r.period = period;
    std::map<std::string, std::map<std::string, eval::OfficeSnapshot>> by_period;  // period → office → row
    for (auto& s : eval::load_snapshots(db)) by_period[s.period][s.office_id] = std::move(s);
    auto now = by_period.find(period);
    if (now == by_period.end() || !now->second.count(scope)) return r;
    // The stored period just before (same length: ids of one length sort as text).
    for (auto it = by_period.begin(); it != now; ++it)
        if (it->first.size() == period.size() && it->first[5] == period[5]) r.previous_period = it->first;
    const auto* before = r.previous_period.empty() ? nullptr : &by_period[r.previous_period];

    const auto& rows = now->second;
    r.scope_name = rows.at(scope).office_name;
    r.closed = rows.at(scope).closed;
    std::map<std::string, std::vector<const eval::OfficeSnapshot*>> children;
    for (const auto& [id, s] : rows) children[s.parent_id].push_back(&s);
    for (auto& [parent, list] : children)
        std::sort(list.begin(), list.end(), [](auto* a, auto* b) {
            const bool sa = a->office_kind == "seksi", sb = b->office_kind == "seksi";
            if (sa != sb) return sa;  // the office's own sections first, as on its forms
            return a->office_name < b->office_name;
        });
    std::vector<std::pair<const eval::OfficeSnapshot*, int>> stack{{&rows.at(scope), 0}};
    while (!stack.empty()) {
        auto [s, depth] = stack.back();
        stack.pop_back();
        EvaluationRow row{depth, *s, std::nullopt, eval::Change::unknown};
        if (before) {
            if (auto it = before->find(s->office_id); it != before->end()) {
                row.before = it->second;
                row.change = eval::compare(it->second, *s);
            }
        }
        r.rows.push_back(std::move(row));
        const auto& kids = children[s->office_id];
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(*it, depth + 1);
    }
    return r;
}

std::vector<std::string> evaluation_headings(i18n::Lang lang) {
    std::vector<std::string> h;
    for (const char* k : {"report.col.unit", "report.col.eu", "ui.eval.col.cv", "report.eval.col.ej_max",
                          "report.eval.col.ej_min", "ui.eval.col.balanced", "ui.eval.col.over",
                          "report.col.positions_short", "report.col.positions_surplus", "ui.eval.col.sum_sq",
                          "report.eval.col.cv_before", "ui.eval.col.change", "report.eval.col.decided",
                          "report.eval.col.median_days"})
        h.emplace_back(i18n::tr(k, lang));
    return h;
}

namespace {
std::string num(double v, int decimals) {
    std::ostringstream o;
    o.setf(std::ios::fixed);
    o.precision(decimals);
    o << v;
    return o.str();
}
}  // namespace

std::string evaluation_csv(const EvaluationReport& r, i18n::Lang lang) {
    std::string out = csv::line(evaluation_headings(lang));
    auto line = [&](const std::vector<std::string>& cells) { out += csv::line(cells); };
    for (const auto& row : r.rows) {
        const auto& b = row.now.balance;
        const auto& m = row.now.moves;
        line({row.now.office_name, b.eu ? num(*b.eu, 4) : "", num(b.ej_cv, 4), num(b.ej_max, 4), num(b.ej_min, 4),
              num(b.share_balanced, 4), std::to_string(b.overloaded), std::to_string(b.positions_short),
              std::to_string(b.positions_surplus), num(b.sum_sq, 4), row.before ? num(row.before->balance.ej_cv, 4) : "",
              std::string(i18n::tr(eval::change_key(row.change), lang)), std::to_string(m.decided),
              m.median_days ? num(*m.median_days, 1) : ""});
    }
    return out;
}

}  // namespace seimbang::report
