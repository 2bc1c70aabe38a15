#include "report/abk_forms.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "i18n/format.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "util/csv.h"

namespace seimbang::report {

AbkForms build_abk_forms(store::Db& db, const std::string& scope, int year) {
    AbkForms f;
    f.year = year;
    f.settings = store::load_settings(db);
    auto root = store::get_office(db, scope);
    if (!root) return f;
    f.scope_name = root->name;

    // The office tree below the scope, in depth-first order by name.
    std::map<std::string, std::vector<Office>> children;
    std::map<std::string, std::string> office_name;
    for (const auto& o : store::list_offices(db)) {
        office_name[o.id] = o.name;
        children[o.parent_id].push_back(o);
    }
    for (auto& [parent, list] : children)
        std::sort(list.begin(), list.end(), [](const Office& a, const Office& b) {
            // The office's own sections first (as on its forms), then the offices below it.
            const bool sa = a.kind == OfficeKind::seksi, sb = b.kind == OfficeKind::seksi;
            if (sa != sb) return sa;
            return a.name < b.name;
        });
    std::vector<std::pair<std::string, int>> order;  // office id, depth
    std::vector<std::pair<std::string, int>> stack{{scope, 0}};
    while (!stack.empty()) {
        auto [id, depth] = stack.back();
        stack.pop_back();
        order.emplace_back(id, depth);
        const auto& kids = children[id];
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(it->id, depth + 1);
    }
    std::map<std::string, size_t> rank;
    for (size_t i = 0; i < order.size(); ++i) rank.emplace(order[i].first, i);

    const store::AbkReport r = store::analyse_scope(db, scope, year, f.settings);
    std::map<std::string, const abk::UnitResult*> unit_result;
    for (const auto& u : r.rollup) unit_result[u.unit] = &u;
    for (const auto& [id, depth] : order)
        if (auto it = unit_result.find(id); it != unit_result.end())
            f.units.push_back({office_name[id], depth, *it->second});

    std::map<std::string, Position> positions;
    for (const auto& p : store::list_positions(db, scope)) positions[p.id] = p;
    auto position_order = [&](const std::string& a_office, const std::string& a_pos, const std::string& b_office,
                              const std::string& b_pos) {
        if (rank[a_office] != rank[b_office]) return rank[a_office] < rank[b_office];
        const Position &pa = positions[a_pos], &pb = positions[b_pos];
        if (pa.is_head != pb.is_head) return pa.is_head;  // the head of the office first, as on the forms
        return pa.name < pb.name;
    };
    std::vector<const abk::PositionResult*> sorted;
    for (const auto& p : r.result.positions) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) {
        return position_order(a->unit, a->position, b->unit, b->position);
    });
    for (const auto* p : sorted) f.positions.push_back({office_name[p->unit], positions[p->position].name, *p});

    auto tasks = store::list_tasks_in_scope(db, scope, year);
    std::stable_sort(tasks.begin(), tasks.end(), [&](const AbkTask& a, const AbkTask& b) {
        const std::string &oa = positions[a.position_id].office_id, &ob = positions[b.position_id].office_id;
        if (a.position_id != b.position_id) return position_order(oa, a.position_id, ob, b.position_id);
        return a.task < b.task;
    });
    for (const auto& t : tasks) {
        const Position& p = positions[t.position_id];
        abk::TaskInput in{t.task, t.output_unit, t.volume, t.period, t.norm_minutes};
        f.tasks.push_back({office_name[p.office_id], p.name, t.task, t.output_unit, t.volume, t.period,
                           t.volume * abk::annual_factor(t.period, f.settings), t.norm_minutes,
                           abk::task_minutes(in, f.settings)});
    }
    return f;
}

namespace {
std::vector<std::string> headings(std::initializer_list<const char*> keys, i18n::Lang lang) {
    std::vector<std::string> out;
    for (const char* k : keys) out.emplace_back(i18n::tr(k, lang));
    return out;
}
}  // namespace

std::vector<std::string> position_headings(i18n::Lang lang) {
    return headings({"report.col.unit", "report.col.position", "report.col.workload_minutes", "report.col.needed",
                     "report.col.needed_rounded", "report.col.holders", "report.col.difference", "report.col.ej",
                     "report.col.pj", "report.col.status"},
                    lang);
}

std::vector<std::string> unit_headings(i18n::Lang lang) {
    return headings({"report.col.unit", "report.col.workload_minutes", "report.col.needed",
                     "report.col.needed_rounded", "report.col.holders", "report.col.difference",
                     "report.col.positions_short", "report.col.positions_surplus", "report.col.eu", "report.col.pu",
                     "report.col.status"},
                    lang);
}

std::vector<std::string> task_headings(i18n::Lang lang) {
    return headings({"report.col.unit", "report.col.position", "report.col.task", "report.col.output_unit",
                     "report.col.volume", "report.col.period", "report.col.annual_volume", "report.col.norm_minutes",
                     "report.col.workload_minutes"},
                    lang);
}

std::string load_status_text(std::optional<double> efficiency, const Settings& s, i18n::Lang lang) {
    switch (abk::load_status(efficiency, s)) {
        case abk::LoadStatus::over: return std::string(i18n::tr("ui.load.over", lang));
        case abk::LoadStatus::balanced: return std::string(i18n::tr("ui.load.ok", lang));
        case abk::LoadStatus::under: return std::string(i18n::tr("ui.load.under", lang));
        case abk::LoadStatus::none: break;
    }
    return std::string(i18n::tr("ui.load.none", lang));
}

std::string positions_csv(const AbkForms& forms, i18n::Lang lang) {
    auto num = [](double v) {
        std::ostringstream s;
        s.precision(10);
        s << v;
        return s.str();
    };
    std::string out = csv::line(position_headings(lang));
    for (const auto& p : forms.positions) {
        const auto& x = p.figures;
        out += csv::line({p.unit, p.position, num(x.workload_minutes), num(x.needed), std::to_string(x.needed_rounded),
                          std::to_string(x.holders), std::to_string(x.difference), x.ej ? num(*x.ej) : std::string(),
                          x.pj ? x.pj->grade : std::string(),
                          x.holders == 0 && x.needed > 0 ? std::string(i18n::tr("report.vacant", lang))
                                                         : load_status_text(x.ej, forms.settings, lang)});
    }
    return out;
}

PrintDocument abk_print(const AbkForms& f, i18n::Lang lang, const std::string& printed) {
    PrintDocument d;
    d.title = std::string(i18n::tr("report.abk.title", lang)) + " \xE2\x80\x94 " + f.scope_name;
    auto tr = [&](const char* key) { return std::string(i18n::tr(key, lang)); };
    d.subtitle = tr("report.year") + " " + std::to_string(f.year) + " \xC2\xB7 " + tr("report.wke") + " " +
                 i18n::format_number(f.settings.wke_minutes, 2, lang) + " " + tr("report.minutes_per_year") +
                 " \xC2\xB7 " + tr("report.abk.subtitle");
    d.printed = printed;
    auto opt = [&](const std::optional<double>& v) { return v ? i18n::format_decimal(*v, 2, lang) : std::string("-"); };
    auto minutes = [&](double v) { return i18n::format_int(static_cast<long long>(v + 0.5), lang); };
    PrintTable units{std::string(i18n::tr("report.form.e", lang)), unit_headings(lang), {}, {}, {}};
    for (size_t c = 0; c < units.columns.size(); ++c) units.right.push_back(c > 0 && c < 9);
    for (const auto& u : f.units) {
        const auto& x = u.figures;
        units.rows.push_back({std::string(static_cast<size_t>(u.depth) * 2, ' ') + u.unit, minutes(x.workload_minutes),
                              i18n::format_decimal(x.needed, 2, lang), i18n::format_int(x.needed_rounded, lang),
                              i18n::format_int(x.holders, lang), i18n::format_signed(x.difference, 0, lang),
                              i18n::format_int(x.positions_short, lang), i18n::format_int(x.positions_surplus, lang),
                              opt(x.eu), x.pu ? x.pu->grade : std::string("-"), load_status_text(x.eu, f.settings, lang)});
        units.strong.push_back(u.depth == 0);
    }
    PrintTable positions{std::string(i18n::tr("report.form.d", lang)), position_headings(lang), {}, {}, {}};
    for (size_t c = 0; c < positions.columns.size(); ++c) positions.right.push_back(c > 1 && c < 8);
    for (const auto& p : f.positions) {
        const auto& x = p.figures;
        positions.rows.push_back({p.unit, p.position, minutes(x.workload_minutes), i18n::format_decimal(x.needed, 2, lang),
                                  i18n::format_int(x.needed_rounded, lang), i18n::format_int(x.holders, lang),
                                  i18n::format_signed(x.difference, 0, lang), opt(x.ej),
                                  x.pj ? x.pj->grade : std::string("-"),
                                  x.holders == 0 && x.needed > 0 ? std::string(i18n::tr("report.vacant", lang))
                                                                 : load_status_text(x.ej, f.settings, lang)});
        positions.strong.push_back(false);
    }
    d.tables = {std::move(units), std::move(positions)};
    return d;
}

}  // namespace seimbang::report
