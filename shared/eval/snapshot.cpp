#include "eval/snapshot.h"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "abk/abk.h"
#include "plan/instance.h"
#include "plan/metrics.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "util/uuid.h"

namespace seimbang::eval {

using nlohmann::json;

namespace {

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// The period's bounds in Unix ms, by the calendar in Medan (WIB, UTC+7).
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kWibOffsetMs = 7 * 3'600'000;
int64_t start_ms(const Date& d) { return days_from_civil(d.year, d.month, d.day) * kDayMs - kWibOffsetMs; }

std::optional<double> opt(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return it->get<double>();
}

// The ancestors of each office, itself first (the walk stops at 64 levels,
// like abk::roll_up, so a malformed tree cannot loop).
std::unordered_map<std::string, std::vector<std::string>> chains(const std::vector<Office>& offices) {
    std::unordered_map<std::string, std::string> parent;
    for (const auto& o : offices) parent[o.id] = o.parent_id;
    std::unordered_map<std::string, std::vector<std::string>> out;
    for (const auto& o : offices) {
        auto& c = out[o.id];
        std::string p = o.id;
        for (int depth = 0; !p.empty() && depth < 64; ++depth) {
            c.push_back(p);
            auto it = parent.find(p);
            p = it == parent.end() ? std::string() : it->second;
        }
    }
    return out;
}

struct RequestTimes {
    std::string office_id, reason, status;
    int64_t submitted_ms = -1, decided_ms = -1;
};

std::vector<RequestTimes> request_times(store::Db& db) {
    std::vector<RequestTimes> out;
    std::unordered_map<std::string, size_t> index;
    {
        auto s = db.prepare("SELECT id, office_id, reason, status FROM requests");
        while (s.step()) {
            index[s.text(0)] = out.size();
            out.push_back({s.text(1), s.text(2), s.text(3)});
        }
    }
    // The first submission and the first decision of each request.
    auto s = db.prepare("SELECT request_id, to_status, min(at_ms) FROM request_events "
                        "WHERE to_status = 'diajukan' OR to_status = 'ditetapkan' GROUP BY request_id, to_status");
    while (s.step()) {
        auto it = index.find(s.text(0));
        if (it == index.end()) continue;
        auto& r = out[it->second];
        (s.text(1) == "diajukan" ? r.submitted_ms : r.decided_ms) = s.int64(2);
    }
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

std::vector<OfficeSnapshot> compute_snapshot(store::Db& db, const PeriodId& period, const Settings& settings) {
    const auto offices = store::list_offices(db);
    const auto chain = chains(offices);
    std::unordered_map<std::string, size_t> office_index;
    std::vector<OfficeSnapshot> out;
    for (const auto& o : offices) {
        office_index[o.id] = out.size();
        OfficeSnapshot s;
        s.period = to_string(period);
        s.office_id = o.id;
        s.office_name = o.name;
        s.office_kind = std::string(to_string(o.kind));
        s.parent_id = o.parent_id;
        out.push_back(std::move(s));
    }

    // ABK per position over every root's subtree, and the roll-up per office.
    std::unordered_map<std::string, std::string> position_name;
    for (const auto& p : store::list_positions(db)) position_name[p.id] = p.name;
    std::vector<abk::PositionResult> positions;
    std::vector<abk::UnitResult> units;
    for (const auto& o : offices) {
        if (!o.parent_id.empty()) continue;
        auto r = store::analyse_scope(db, o.id, period.year, settings);
        positions.insert(positions.end(), r.result.positions.begin(), r.result.positions.end());
        units.insert(units.end(), r.rollup.begin(), r.rollup.end());
    }
    for (const auto& u : units) {
        auto it = office_index.find(u.unit);
        if (it == office_index.end()) continue;
        auto& b = out[it->second].balance;
        b.positions_short = u.positions_short;
        b.positions_surplus = u.positions_surplus;
        b.holders = u.holders;
        b.needed = u.needed;
        b.needed_rounded = u.needed_rounded;
        b.eu = u.eu;
        b.pu = u.pu ? u.pu->grade : "";
    }

    // Balance metrics per subtree: the planner's own metrics over the
    // positions below each office (plan::compute_metrics, docs/PLANNER.md).
    std::vector<plan::Instance> inst(out.size());
    std::vector<std::vector<int>> holders(out.size());
    for (auto& i : inst) i.weights.wke_minutes = settings.wke_minutes;
    for (const auto& p : positions) {
        auto own = office_index.find(p.unit);
        if (own == office_index.end()) continue;
        PositionFigures f{p.position, position_name[p.position], p.needed, p.needed_rounded, p.holders,
                          p.difference, p.ej, p.pj ? p.pj->grade : ""};
        out[own->second].positions.push_back(std::move(f));
        for (const auto& a : chain.at(p.unit)) {
            auto it = office_index.find(a);
            if (it == office_index.end()) continue;
            plan::Position pp;
            pp.workload_minutes = p.workload_minutes;
            inst[it->second].positions.push_back(std::move(pp));
            holders[it->second].push_back(p.holders);
        }
    }
    for (size_t k = 0; k < out.size(); ++k) {
        const plan::Metrics m = plan::compute_metrics(inst[k], holders[k]);
        auto& b = out[k].balance;
        b.sum_sq = m.sum_sq;
        b.ej_cv = m.ej_cv;
        b.ej_max = m.ej_max;
        b.ej_min = m.ej_min;
        b.share_balanced = m.share_balanced;
        b.overloaded = m.overloaded;
        b.vacant_with_workload = m.vacant_with_workload;
        b.positions = m.positions;
        std::sort(out[k].positions.begin(), out[k].positions.end(),
                  [](const PositionFigures& a, const PositionFigures& b) { return a.name < b.name; });
    }

    // The period's transfer requests, counted for the origin office and its ancestors.
    const int64_t from = start_ms(first_day(period)), to = start_ms(first_day(next(period)));
    std::vector<std::vector<double>> days(out.size());
    for (const auto& r : request_times(db)) {
        auto c = chain.find(r.office_id);
        if (c == chain.end()) continue;
        const bool filed = r.submitted_ms >= from && r.submitted_ms < to;
        const bool decided = r.decided_ms >= from && r.decided_ms < to;
        for (const auto& a : c->second) {
            auto it = office_index.find(a);
            if (it == office_index.end()) continue;
            auto& mv = out[it->second].moves;
            if (filed) {
                ++mv.filed;
                ++mv.by_reason[r.reason];
                ++mv.by_outcome[r.status];
            }
            if (decided) {
                ++mv.decided;
                if (r.submitted_ms >= 0) days[it->second].push_back((r.decided_ms - r.submitted_ms) / double(kDayMs));
            }
        }
    }
    for (size_t k = 0; k < out.size(); ++k)
        if (!days[k].empty()) out[k].moves.median_days = median(days[k]);
    return out;
}

json positions_json(const OfficeSnapshot& s) {
    json positions = json::array();
    for (const auto& p : s.positions)
        positions.push_back({{"id", p.id},
                             {"name", p.name},
                             {"needed", p.needed},
                             {"needed_rounded", p.needed_rounded},
                             {"holders", p.holders},
                             {"difference", p.difference},
                             {"ej", p.ej ? json(*p.ej) : json(nullptr)},
                             {"pj", p.pj}});
    return positions;
}

json to_json(const OfficeSnapshot& s) {
    const auto& b = s.balance;
    const auto& m = s.moves;
    return {{"office_name", s.office_name},
            {"office_kind", s.office_kind},
            {"parent_id", s.parent_id},
            {"balance",
             {{"sum_sq", b.sum_sq},
              {"ej_cv", b.ej_cv},
              {"ej_max", b.ej_max},
              {"ej_min", b.ej_min},
              {"share_balanced", b.share_balanced},
              {"overloaded", b.overloaded},
              {"vacant_with_workload", b.vacant_with_workload},
              {"positions", b.positions},
              {"short", b.positions_short},
              {"surplus", b.positions_surplus},
              {"holders", b.holders},
              {"needed", b.needed},
              {"needed_rounded", b.needed_rounded},
              {"eu", b.eu ? json(*b.eu) : json(nullptr)},
              {"pu", b.pu}}},
            {"moves",
             {{"filed", m.filed},
              {"by_reason", m.by_reason},
              {"by_outcome", m.by_outcome},
              {"decided", m.decided},
              {"median_days", m.median_days ? json(*m.median_days) : json(nullptr)}}}};
}

OfficeSnapshot office_snapshot_from_row(const std::string& period, const std::string& office_id, bool closed,
                                        int64_t taken_ms, const std::string& figures_json,
                                        const std::string& positions_text) {
    OfficeSnapshot s;
    s.period = period;
    s.office_id = office_id;
    s.closed = closed;
    s.taken_ms = taken_ms;
    const json j = json::parse(figures_json, nullptr, false);
    if (!j.is_object()) return s;
    try {
        s.office_name = j.value("office_name", "");
        s.office_kind = j.value("office_kind", "");
        s.parent_id = j.value("parent_id", "");
        if (auto it = j.find("balance"); it != j.end() && it->is_object()) {
            const json& b = *it;
            auto& o = s.balance;
            o.sum_sq = b.value("sum_sq", 0.0);
            o.ej_cv = b.value("ej_cv", 0.0);
            o.ej_max = b.value("ej_max", 0.0);
            o.ej_min = b.value("ej_min", 0.0);
            o.share_balanced = b.value("share_balanced", 0.0);
            o.overloaded = b.value("overloaded", 0);
            o.vacant_with_workload = b.value("vacant_with_workload", 0);
            o.positions = b.value("positions", 0);
            o.positions_short = b.value("short", 0);
            o.positions_surplus = b.value("surplus", 0);
            o.holders = b.value("holders", 0);
            o.needed = b.value("needed", 0.0);
            o.needed_rounded = b.value("needed_rounded", 0);
            o.eu = opt(b, "eu");
            o.pu = b.value("pu", "");
        }
        const json ps = json::parse(positions_text, nullptr, false);
        if (ps.is_array())
            for (const auto& p : ps)
                s.positions.push_back({p.value("id", ""), p.value("name", ""), p.value("needed", 0.0),
                                       p.value("needed_rounded", 0), p.value("holders", 0), p.value("difference", 0),
                                       opt(p, "ej"), p.value("pj", "")});
        if (auto it = j.find("moves"); it != j.end() && it->is_object()) {
            const json& m = *it;
            s.moves.filed = m.value("filed", 0);
            s.moves.decided = m.value("decided", 0);
            s.moves.by_reason = m.value("by_reason", std::map<std::string, int>{});
            s.moves.by_outcome = m.value("by_outcome", std::map<std::string, int>{});
            s.moves.median_days = opt(m, "median_days");
        }
    } catch (const json::exception&) {
        // A row this build cannot read shows what it could read so far.
    }
    return s;
}

TakeResult take_snapshot(store::Db& db, const PeriodId& period, bool close, int64_t now_ms) {
    TakeResult r;
    const std::string pid = to_string(period);
    const Settings settings = store::load_settings(db);
    const store::TableSpec& t = *store::find_table("eval_snapshots");
    db.transaction([&] {
        {
            auto s = db.prepare("SELECT 1 FROM eval_snapshots WHERE period = ?1 AND closed = 1 LIMIT 1");
            s.bind(1, pid);
            if (s.step()) {
                r.already_closed = true;
                return;
            }
        }
        std::unordered_map<std::string, std::string> existing;
        {
            auto s = db.prepare("SELECT office_id, id FROM eval_snapshots WHERE period = ?1");
            s.bind(1, pid);
            while (s.step()) existing[s.text(0)] = s.text(1);
        }
        for (const auto& o : compute_snapshot(db, period, settings)) {
            auto it = existing.find(o.office_id);
            const std::string id = it == existing.end() ? new_uuid_v7() : it->second;
            store::write_row(db, t, id,
                             {{"period", pid},
                              {"office_id", o.office_id},
                              {"closed", close ? 1 : 0},
                              {"taken_ms", now_ms},
                              {"figures", to_json(o).dump()},
                              {"positions", positions_json(o).dump()}});
            ++r.written;
        }
    });
    return r;
}

PeriodLength period_length_setting(store::Db& db) {
    auto s = db.prepare("SELECT value FROM settings WHERE key = 'rules'");
    if (!s.step()) return PeriodLength::semester;
    const json j = json::parse(s.text(0), nullptr, false);
    if (!j.is_object()) return PeriodLength::semester;
    auto it = j.find("evaluation_period");
    if (it == j.end() || !it->is_string()) return PeriodLength::semester;
    return parse_period_length(it->get<std::string>()).value_or(PeriodLength::semester);
}

Check check_period_length(store::Db& db, const PeriodId& p) {
    Check c;
    const PeriodLength len = period_length_setting(db);
    if (p.length != len) c.error("eval.wrong_period_length", "period", std::string(to_string(len)));
    return c;
}

std::optional<std::string> close_due_period(store::Db& db, const Date& today, int64_t now_ms) {
    const PeriodLength len = period_length_setting(db);
    const PeriodId due = previous(period_of(today, len));
    const TakeResult r = take_snapshot(db, due, true, now_ms);
    if (r.already_closed) return std::nullopt;
    return to_string(due);
}

std::vector<OfficeSnapshot> load_snapshots(store::Db& db, bool with_positions) {
    std::vector<OfficeSnapshot> out;
    auto s = db.prepare(with_positions ? "SELECT period, office_id, closed, taken_ms, figures, positions FROM eval_snapshots "
                                         "ORDER BY period, office_id"
                                       : "SELECT period, office_id, closed, taken_ms, figures, '[]' FROM eval_snapshots "
                                         "ORDER BY period, office_id");
    while (s.step())
        out.push_back(office_snapshot_from_row(s.text(0), s.text(1), s.int64(2) != 0, s.int64(3), s.text(4), s.text(5)));
    return out;
}

std::vector<OfficeSnapshot> load_office_snapshots(store::Db& db, const std::string& office_id) {
    std::vector<OfficeSnapshot> out;
    auto s = db.prepare("SELECT period, closed, taken_ms, figures, positions FROM eval_snapshots WHERE office_id = ?1 "
                        "ORDER BY period");
    s.bind(1, office_id);
    while (s.step())
        out.push_back(office_snapshot_from_row(s.text(0), office_id, s.int64(1) != 0, s.int64(2), s.text(3), s.text(4)));
    return out;
}

std::vector<std::string> closed_periods(store::Db& db) {
    std::vector<std::string> out;
    auto s = db.prepare("SELECT DISTINCT period FROM eval_snapshots WHERE closed = 1 ORDER BY period");
    while (s.step()) out.push_back(s.text(0));
    return out;
}

std::vector<OfficeLoad> office_loads(store::Db& db, const std::string& period) {
    std::vector<OfficeLoad> out;
    auto s = db.prepare("SELECT office_id, closed, taken_ms, figures FROM eval_snapshots WHERE period = ?1 ORDER BY office_id");
    s.bind(1, period);
    while (s.step()) {
        const auto o = office_snapshot_from_row(period, s.text(0), s.int64(1) != 0, s.int64(2), s.text(3));
        out.push_back({o.office_id, o.office_name, o.balance.eu, o.balance.ej_cv, o.balance.share_balanced,
                       o.balance.overloaded});
    }
    return out;
}

}  // namespace seimbang::eval
