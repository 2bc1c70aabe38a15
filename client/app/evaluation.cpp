#include "app/evaluation.h"

#include "app/app.h"
#include "i18n/strings.h"
#include "report/evaluation.h"
#include "sync/client.h"
#include "i18n/format.h"
#include "report/print_html.h"
#include "workflow/sync_commands.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace seimbang::app {

const eval::OfficeSnapshot* OfficeTrend::at(const std::string& period) const {
    for (const auto& p : periods)
        if (p.period == period) return &p;
    return nullptr;
}

const OfficeTrend* EvaluationData::office(const std::string& id) const {
    for (const auto& o : offices)
        if (o.office_id == id) return &o;
    return nullptr;
}

namespace {
// The configured length (handed down with the settings at each sync); when no
// stored snapshot has it yet (the setting changed, the first period of the new
// length has not ended), the length of the period that ended last, so the old
// series stays in view until the new one starts.
std::optional<eval::PeriodLength> length_in_use(store::Db& db, const std::vector<eval::OfficeSnapshot>& rows) {
    const eval::PeriodLength configured = eval::period_length_setting(db);
    std::optional<eval::PeriodId> latest;
    for (const auto& s : rows)
        if (auto p = eval::parse_period(s.period)) {
            if (p->length == configured) return configured;
            if (!latest || eval::last_day(*p) > eval::last_day(*latest)) latest = p;
        }
    if (!latest) return std::nullopt;
    return latest->length;
}
bool of_length(const std::string& period, std::optional<eval::PeriodLength> len) {
    const auto p = eval::parse_period(period);
    return p && len && p->length == *len;
}
}  // namespace

EvaluationData load_evaluation(store::Db& db) {
    EvaluationData d;
    std::map<std::string, size_t> index;
    auto rows = eval::load_snapshots(db);
    const auto len = length_in_use(db, rows);
    for (auto& s : rows) {  // ordered by period, then office
        if (!of_length(s.period, len)) {
            ++d.other_length_rows;
            continue;
        }
        if (d.periods.empty() || d.periods.back() != s.period) d.periods.push_back(s.period);
        auto [it, fresh] = index.try_emplace(s.office_id, d.offices.size());
        if (fresh) d.offices.push_back({s.office_id, s.office_name, s.office_kind, s.parent_id, {}});
        auto& o = d.offices[it->second];
        o.office_name = s.office_name;  // the latest name
        o.parent_id = s.parent_id;
        o.periods.push_back(std::move(s));
    }
    std::sort(d.offices.begin(), d.offices.end(),
              [](const OfficeTrend& a, const OfficeTrend& b) { return a.office_name < b.office_name; });
    return d;
}

OfficePositions load_office_positions(store::Db& db, const EvaluationData& d, const std::string& office_id) {
    OfficePositions out;
    out.office_id = office_id;
    for (auto& s : eval::load_office_snapshots(db, office_id))
        if (std::find(d.periods.begin(), d.periods.end(), s.period) != d.periods.end()) out.periods.push_back(std::move(s));
    std::map<std::string, size_t> index;
    // Newest period first, so a renamed position shows its latest name.
    for (size_t k = out.periods.size(); k-- > 0;)
        for (const auto& p : out.periods[k].positions) {
            auto [it, fresh] = index.try_emplace(p.id, out.positions.size());
            if (fresh) out.positions.push_back({p.id, p.name, std::vector<const eval::PositionFigures*>(out.periods.size())});
            out.positions[it->second].at[k] = &p;
        }
    std::stable_sort(out.positions.begin(), out.positions.end(),
                     [](const PositionTrend& a, const PositionTrend& b) { return a.name < b.name; });
    return out;
}

std::vector<Comparison> compare_children(const EvaluationData& d, const std::string& office_id) {
    std::vector<Comparison> out;
    const OfficeTrend* parent = d.office(office_id);
    if (!parent || parent->periods.size() < 2) return out;
    const std::string& p0 = parent->periods[parent->periods.size() - 2].period;
    const std::string& p1 = parent->periods.back().period;
    for (const auto& o : d.offices) {
        if (o.parent_id != office_id) continue;
        Comparison c{o.office_id, o.office_name, o.at(p0), o.at(p1)};
        if (c.before && c.after) c.change = eval::compare(*c.before, *c.after);
        out.push_back(c);
    }
    auto rank = [](Change c) { return c == Change::better ? 0 : c == Change::worse ? 1 : c == Change::same ? 2 : 3; };
    std::stable_sort(out.begin(), out.end(), [&](const Comparison& a, const Comparison& b) {
        if (rank(a.change) != rank(b.change)) return rank(a.change) < rank(b.change);
        return a.office_name < b.office_name;
    });
    return out;
}

std::vector<BatchEffect> batch_effects(const EvaluationData& d, const std::string& office_id) {
    std::vector<BatchEffect> out;
    const OfficeTrend* o = d.office(office_id);
    if (!o) return out;
    for (size_t k = 0; k < o->periods.size(); ++k) {
        const auto& p = o->periods[k];
        if (p.moves.decided == 0) continue;
        BatchEffect b{p.period, p.moves.decided, k > 0 ? &o->periods[k - 1] : nullptr, &p};
        if (b.before) b.change = eval::compare(*b.before, *b.after);
        out.push_back(b);
    }
    return out;
}

namespace {
// The local snapshots as CSV (offline download).
void save_local_csv(App& a, const std::string& scope, const std::string& period,
                    const std::function<void(const std::string&)>& done) {
    const auto r = report::build_evaluation_report(a.local->db(), scope, period);
    if (r.rows.empty()) return done("eval.no_snapshot");
    a.platform.save_file("evaluasi-" + period + ".csv", "text/csv;charset=utf-8",
                         report::evaluation_csv(r, i18n::current()));
    done("ui.eval.saved_csv");
}
}  // namespace

void print_evaluation(App& a, const std::string& scope, const std::string& period,
                      std::function<void(const std::string&)> done) {
    const auto r = report::build_evaluation_report(a.local->db(), scope, period);
    if (r.rows.empty()) return done("eval.no_snapshot");
    const i18n::Lang lang = i18n::current();
    a.platform.save_file("evaluasi-" + period + ".html", "text/html;charset=utf-8",
                         report::print_html(report::evaluation_print(r, lang, i18n::format_date(workflow::today_wib())), lang));
    done("ui.print.saved");
}

void download_evaluation(App& a, const std::string& scope, const std::string& period,
                         std::function<void(const std::string&)> done) {
    if (!a.login.session || a.login.session->token.empty() || !a.platform.online() || a.login.demo_mode())
        return save_local_csv(a, scope, period, done);
    const std::string path = "/api/v1/reports/evaluation.xlsx?scope=" + scope + "&period=" + period +
                             "&lang=" + (i18n::current() == i18n::Lang::en ? "en" : "id");
    HttpRequest req{"GET", path, "", a.login.session->token, sync::device_id(a.local->db())};
    a.platform.http(req, [&a, scope, period, done](const HttpResponse& r) {
        if (r.status == 0) return save_local_csv(a, scope, period, done);  // no answer: what this device has
        if (r.status != 200) return done("ui.eval.download_failed");
        a.platform.save_file("evaluasi-" + period + ".xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.body);
        done("ui.eval.saved_xlsx");
    });
}

}  // namespace seimbang::app
