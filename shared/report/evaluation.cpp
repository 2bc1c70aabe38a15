#include "report/evaluation.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "i18n/format.h"
#include "util/csv.h"

namespace seimbang::report {

EvaluationReport build_evaluation_report(store::Db& db, const std::string& scope, const std::string& period) {
    EvaluationReport r;
    r.period = period;
    std::map<std::string, std::map<std::string, eval::OfficeSnapshot>> by_period;  // period → office → row
    for (auto& s : eval::load_snapshots(db, /*with_positions=*/true)) by_period[s.period][s.office_id] = std::move(s);
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

std::vector<std::pair<std::string, int>> evaluation_move_lines(const EvaluationReport& r, i18n::Lang lang) {
    std::vector<std::pair<std::string, int>> out;
    if (r.rows.empty()) return out;
    const auto& m = r.rows.front().now.moves;
    const std::string reason(i18n::tr("report.eval.reason", lang)), outcome(i18n::tr("report.eval.outcome", lang));
    out.emplace_back(i18n::tr("report.eval.filed", lang), m.filed);
    // The stored codes are the workflow's; an unknown one prints as itself.
    for (const auto& [code, n] : m.by_reason)
        out.emplace_back(reason + ": " + std::string(i18n::tr("workflow.reason." + code, lang)), n);
    for (const auto& [code, n] : m.by_outcome)
        out.emplace_back(outcome + ": " + std::string(i18n::tr("workflow.status." + code, lang)), n);
    out.emplace_back(i18n::tr("report.eval.col.decided", lang), m.decided);
    return out;
}

std::vector<PositionLine> evaluation_position_lines(const EvaluationReport& r) {
    std::vector<PositionLine> out;
    for (const auto& row : r.rows)
        for (const auto& p : row.now.positions) {
            PositionLine l{&row, &p, nullptr};
            if (row.before)
                for (const auto& q : row.before->positions)
                    if (q.id == p.id) l.before = &q;
            out.push_back(l);
        }
    return out;
}

std::vector<std::string> evaluation_position_headings(i18n::Lang lang) {
    std::vector<std::string> h;
    for (const char* k : {"report.col.unit", "report.col.position", "report.col.needed", "report.col.needed_rounded",
                          "report.col.holders", "report.col.difference", "report.col.ej", "report.col.pj",
                          "report.eval.col.ej_before"})
        h.emplace_back(i18n::tr(k, lang));
    return h;
}

std::string evaluation_title(const EvaluationReport& r, i18n::Lang lang) {
    return std::string(i18n::tr("report.eval.title", lang)) + " — " + r.scope_name;
}

std::string evaluation_period_line(const EvaluationReport& r, i18n::Lang lang) {
    std::string s = std::string(i18n::tr("report.eval.period", lang)) + " " + r.period;
    if (!r.closed) s += " (" + std::string(i18n::tr("report.eval.open", lang)) + ")";
    if (!r.previous_period.empty()) s += " · " + std::string(i18n::tr("report.eval.previous", lang)) + " " + r.previous_period;
    return s;
}

std::vector<std::string> evaluation_office_cells(const EvaluationRow& x, i18n::Lang lang) {
    auto dec = [&](double v, int n) { return i18n::format_decimal(v, n, lang); };
    const auto& b = x.now.balance;
    return {std::string(static_cast<size_t>(x.depth) * 3, ' ') + x.now.office_name, b.eu ? dec(*b.eu, 2) : "-",
            dec(b.ej_cv, 2), dec(b.ej_max, 2), dec(b.ej_min, 2), dec(b.share_balanced * 100, 0) + " %",
            i18n::format_int(b.overloaded, lang), i18n::format_int(b.positions_short, lang),
            i18n::format_int(b.positions_surplus, lang), dec(b.sum_sq, 1),
            x.before ? dec(x.before->balance.ej_cv, 2) : "-", std::string(i18n::tr(eval::change_key(x.change), lang)),
            i18n::format_int(x.now.moves.decided, lang), x.now.moves.median_days ? dec(*x.now.moves.median_days, 1) : "-"};
}

std::vector<std::string> evaluation_position_cells(const PositionLine& l, i18n::Lang lang) {
    auto dec = [&](double v, int n) { return i18n::format_decimal(v, n, lang); };
    const auto& p = *l.now;
    return {l.office->now.office_name, p.name, dec(p.needed, 2), i18n::format_int(p.needed_rounded, lang),
            i18n::format_int(p.holders, lang), i18n::format_int(p.difference, lang), p.ej ? dec(*p.ej, 2) : "-",
            p.pj.empty() ? "-" : p.pj, l.before && l.before->ej ? dec(*l.before->ej, 2) : "-"};
}

PrintDocument evaluation_print(const EvaluationReport& r, i18n::Lang lang, const std::string& printed) {
    PrintDocument d;
    d.title = evaluation_title(r, lang);
    d.subtitle = evaluation_period_line(r, lang);
    d.printed = printed;
    PrintTable offices{std::string(i18n::tr("report.eval.section.offices", lang)), evaluation_headings(lang), {}, {}, {}};
    for (size_t c = 0; c < offices.columns.size(); ++c) offices.right.push_back(c > 0 && c != 11);
    for (const auto& x : r.rows) {
        offices.rows.push_back(evaluation_office_cells(x, lang));
        offices.strong.push_back(x.depth == 0);
    }
    PrintTable moves{std::string(i18n::tr("report.eval.section.moves", lang)),
                     {std::string(i18n::tr("report.eval.col.what", lang)), std::string(i18n::tr("report.eval.col.count", lang))},
                     {false, true}, {}, {}};
    for (const auto& [label, n] : evaluation_move_lines(r, lang)) moves.rows.push_back({label, i18n::format_int(n, lang)});
    PrintTable positions{std::string(i18n::tr("report.eval.section.positions", lang)), evaluation_position_headings(lang),
                         {}, {}, {}};
    for (size_t c = 0; c < positions.columns.size(); ++c) positions.right.push_back(c > 1 && c != 7);
    for (const auto& l : evaluation_position_lines(r)) positions.rows.push_back(evaluation_position_cells(l, lang));
    d.tables = {std::move(offices), std::move(moves), std::move(positions)};
    d.notes.emplace_back(i18n::tr("report.eval.note", lang));
    return d;
}

}  // namespace seimbang::report
