// Saved plans: save, list, open, compare, export, delete (see saved_plans.h).
#include "app/saved_plans.h"

#include <algorithm>
#include <chrono>
#include <map>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "i18n/format.h"
#include "plan/plan_json.h"
#include "plan/wire.h"
#include "store/db.h"
#include "util/csv.h"
#include "util/uuid.h"
#include "workflow/sync_commands.h"

namespace seimbang::app {

using nlohmann::json;

namespace {

constexpr size_t kMaxNameLength = 200;

plan::Metrics metrics_from_json(const json& j) {
    plan::Metrics m;
    m.sum_sq = j.value("sum_sq", 0.0);
    m.ej_cv = j.value("ej_cv", 0.0);
    m.ej_max = j.value("ej_max", 0.0);
    m.ej_min = j.value("ej_min", 0.0);
    m.share_balanced = j.value("share_balanced", 0.0);
    m.overloaded = j.value("overloaded", 0);
    m.vacant_with_workload = j.value("vacant_with_workload", 0);
    m.positions = j.value("positions", 0);
    return m;
}

json settings_json(const RekomSettings& s) {
    return {{"scope", s.scope_office}, {"year", s.year}, {"move_cost", s.move_cost},
            {"request_bonus", s.request_bonus}, {"fit_bonus", s.fit_bonus},
            {"max_moves", s.limit_moves ? json(s.max_moves) : json(nullptr)},
            {"allow_managerial", s.allow_managerial}, {"pinned", s.pinned}};
}

RekomSettings settings_from_json(const json& j) {
    RekomSettings s;
    s.scope_office = j.value("scope", "");
    s.year = j.value("year", 0);
    s.move_cost = j.value("move_cost", s.move_cost);
    s.request_bonus = j.value("request_bonus", s.request_bonus);
    s.fit_bonus = j.value("fit_bonus", s.fit_bonus);
    if (j.contains("max_moves") && j["max_moves"].is_number_integer()) {
        s.limit_moves = true;
        s.max_moves = j["max_moves"].get<int>();
    }
    s.allow_managerial = j.value("allow_managerial", false);
    if (j.contains("pinned") && j["pinned"].is_array())
        for (const auto& p : j["pinned"])
            if (p.is_string()) s.pinned.push_back(p.get<std::string>());
    return s;
}

std::string num(double v, int decimals, i18n::Lang lang) { return i18n::format_decimal(v, decimals, lang); }

}  // namespace

SavedPlanDiff compare_saved_plans(const SavedPlan& a, const SavedPlan& b) {
    SavedPlanDiff d;
    std::map<std::string, size_t> in_b;
    for (size_t i = 0; i < b.moves.size(); ++i) in_b[b.moves[i].employee_id] = i;
    std::map<std::string, size_t> in_a;
    for (size_t i = 0; i < a.moves.size(); ++i) {
        in_a[a.moves[i].employee_id] = i;
        auto it = in_b.find(a.moves[i].employee_id);
        if (it == in_b.end()) d.only_a.push_back(i);
        else if (b.moves[it->second].to_id != a.moves[i].to_id) d.other_post.emplace_back(i, it->second);
        else ++d.same;
    }
    for (size_t i = 0; i < b.moves.size(); ++i)
        if (!in_a.count(b.moves[i].employee_id)) d.only_b.push_back(i);
    return d;
}

std::vector<FigureRow> figure_rows(const plan::Metrics& b, const plan::Metrics& a, i18n::Lang lang) {
    auto pct = [&](double x) { return num(x * 100, 1, lang) + " %"; };
    return {
        {"rekom.metric.sum_sq", "rekom.metric.sum_sq_help", num(b.sum_sq, 2, lang), num(a.sum_sq, 2, lang)},
        {"rekom.metric.cv", "rekom.metric.cv_help", num(b.ej_cv, 3, lang), num(a.ej_cv, 3, lang)},
        {"rekom.metric.max", "rekom.metric.max_help", num(b.ej_max, 2, lang), num(a.ej_max, 2, lang)},
        {"rekom.metric.min", "rekom.metric.min_help", num(b.ej_min, 2, lang), num(a.ej_min, 2, lang)},
        {"rekom.metric.balanced", "rekom.metric.balanced_help", pct(b.share_balanced), pct(a.share_balanced)},
        {"rekom.metric.overloaded", "rekom.metric.overloaded_help", std::to_string(b.overloaded),
         std::to_string(a.overloaded)},
        {"rekom.metric.vacant", "rekom.metric.vacant_help", std::to_string(b.vacant_with_workload),
         std::to_string(a.vacant_with_workload)},
    };
}

std::string saved_moves_csv(const SavedPlan& p, i18n::Lang lang) {
    std::vector<std::string> head;
    for (const char* k : {"saved.col.employee_id", "saved.col.employee", "saved.col.from_id", "saved.col.from",
                          "saved.col.to_id", "saved.col.to", "saved.col.kind", "saved.col.reason"})
        head.emplace_back(i18n::tr(k, lang));
    std::string out = csv::line(head);
    for (const auto& m : p.moves)
        out += csv::line({m.employee_id, m.employee, m.from_id, m.from, m.to_id, m.to,
                          std::string(i18n::tr(m.manual ? "saved.kind.manual" : "saved.kind.planner", lang)), m.reason});
    return out;
}

std::string saved_figures_csv(const SavedPlan& p, i18n::Lang lang) {
    std::string out = csv::line({std::string(i18n::tr("rekom.metric.name", lang)), std::string(i18n::tr("rekom.metric.before", lang)),
                                 std::string(i18n::tr("rekom.metric.after", lang)), std::string(i18n::tr("rekom.metric.meaning", lang))});
    for (const auto& r : figure_rows(p.before, p.after, lang))
        out += csv::line({std::string(i18n::tr(r.name, lang)), r.before, r.after, std::string(i18n::tr(r.help, lang))});
    out += csv::line({std::string(i18n::tr("rekom.status.moves", lang)), "", std::to_string(p.moves.size()), ""});
    return out;
}

// --- App commands -------------------------------------------------------------

namespace {

// One frame's share of a save (App::saved_plan_save_step), in ms of the UI thread.
constexpr double kSaveStepMs = 8;

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// A saved move in the stored body: [employee_id, employee, from_id, from, to_id, to, reason, manual, requested].
std::string saved_move_json(const SavedMove& m) {
    return json::array({m.employee_id, m.employee, m.from_id, m.from, m.to_id, m.to, m.reason, m.manual, m.requested})
        .dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Check App::rekom_save_plan() {
    RekomView& v = rekom;
    SavedPlansView& s = saved_plans;
    Check& c = s.save_check;
    c = {};
    if (v.phase != RekomPhase::done || !login.session) {
        c.error("rekom.error.no_plan", "plan");
        return c;
    }
    if (s.saving.active) {
        c.error("saved.error.saving", "name");
        return c;
    }
    std::string name = s.save_name;
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(name.begin());
    if (name.empty()) c.error("saved.error.name_empty", "name");
    else if (name.size() > kMaxNameLength) c.error("saved.error.name_long", "name", std::to_string(kMaxNameLength));
    if (!c.ok()) return c;
    {
        auto q = local->db().prepare("SELECT 1 FROM saved_plans WHERE username = ?1 AND name = ?2");
        q.bind(1, login.session->username).bind(2, name);
        if (q.step()) {
            c.error("saved.error.name_taken", "name", name);
            return c;
        }
    }
    s.saving = {};
    s.saving.active = true;
    s.saving.name = std::move(name);
    s.saving.started_ms = platform.now_ms();
    s.save_ms = s.save_step_max_ms = s.save_wall_ms = 0;
    s.save_steps = 0;
    saved_plan_save_step();  // a plan of a kecamatan is written at once
    return c;
}

void App::saved_plan_save_step() {
    SavedPlansView& s = saved_plans;
    SavedPlansView::Saving& job = s.saving;
    if (!job.active) return;
    const RekomView& v = rekom;
    const auto started = std::chrono::steady_clock::now();
    if (v.phase != RekomPhase::done || !login.session) {
        job = {};
        s.save_check.error("rekom.error.no_plan", "plan");
        return;
    }
    const int lang = static_cast<int>(i18n::current());
    if (job.next == 0 || job.revision != v.revision || job.lang != lang) {  // (again) from the plan as it is now
        job.revision = v.revision;
        job.lang = lang;
        job.next = 0;
        job.kept = 0;
        job.moves_json.clear();
    }
    size_t here = 0;
    while (job.next < v.moves.size()) {
        const RekomMove& m = v.moves[job.next++];
        if (m.dropped) continue;
        if (job.kept++ > 0) job.moves_json += ',';
        job.moves_json += saved_move_json(rekom_saved_move(m));
        ++here;
        if (s.save_slice_moves && here >= s.save_slice_moves) break;
        if (here % 16 == 0 && ms_since(started) > kSaveStepMs) break;
    }
    const auto step_done = [&] {
        const double ms = ms_since(started);
        s.save_ms += ms;
        s.save_step_max_ms = std::max(s.save_step_max_ms, ms);
        ++s.save_steps;
    };
    if (job.next < v.moves.size()) return step_done();
    // The row in a frame of its own when this one already wrote moves for half its share.
    if (here > 0 && ms_since(started) > kSaveStepMs / 2) return step_done();
    // The last step: the plan's parameters and figures, and the row.
    SavedPlan p = rekom_saved_head();
    json body = {{"settings", settings_json(p.settings)}, {"scope_name", p.scope_name},
                 {"plan_key", v.plan_key}, {"optimal", p.optimal}, {"edited", p.edited}, {"gap", p.gap},
                 {"objective", p.objective}, {"optimum", p.optimum},
                 {"before", plan::metrics_json(p.before)}, {"after", plan::metrics_json(p.after)}};
    std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
    text.pop_back();  // the object's '}': the moves follow as its last member
    text.append(",\"moves\":[").append(job.moves_json).append("]}");
    const std::string name = job.name;
    const int kept = job.kept;
    const double started_ms = job.started_ms;
    job = {};
    try {
        auto ins = local->db().prepare(
            "INSERT INTO saved_plans (id, username, name, saved_ms, scope_office_id, year, moves, data_digest, body) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        ins.bind(1, new_uuid_v7()).bind(2, login.session->username).bind(3, name)
            .bind(4, static_cast<int64_t>(platform.unix_seconds()) * 1000).bind(5, v.settings.scope_office)
            .bind(6, v.settings.year).bind(7, kept).bind(8, v.inst_digest.empty() ? plan::instance_digest(v.inst) : v.inst_digest).bind(9, text);
        ins.run();
    } catch (const store::DbError& e) {
        s.save_check.error("rekom.error.db", "", e.what());
        return step_done();
    }
    // Device-local, not synced, not part of the loaded data: written to storage,
    // no re-read of the data (App::committed's reload is seconds at Kota scale) and no sync.
    save_state = SaveState::saving;
    platform.request_persist();
    s.save_name.clear();
    s.loaded = false;
    saved_plans_reload();
    show_notice("saved.done");
    step_done();
    s.save_wall_ms = platform.now_ms() - started_ms;
}

SavedMove App::rekom_saved_move(const RekomMove& m) const {
    const RekomView& v = rekom;
    const auto& e = v.inst.employees[static_cast<size_t>(m.employee)];
    const auto& from = v.inst.positions[static_cast<size_t>(m.from)];
    const auto& to = v.inst.positions[static_cast<size_t>(m.to)];
    return {e.id, e.name, from.id, from.label(), to.id, to.label(), rekom_reason(m), m.manual, m.requested};
}

SavedPlan App::rekom_saved_head() const {
    const RekomView& v = rekom;
    SavedPlan p;
    p.id = kCurrentPlanId;
    p.name = std::string(i18n::tr("saved.current", i18n::current()));
    p.scope_office_id = v.settings.scope_office;
    const Office* o = workload.office(v.settings.scope_office);
    p.scope_name = o ? o->name : v.settings.scope_office;
    p.year = v.settings.year;
    p.settings = v.settings;
    p.optimal = v.plan.optimal;
    p.edited = v.edited;
    p.gap = v.plan.gap;
    p.objective = v.objective_now;
    p.optimum = v.plan.objective;
    p.before = v.before;
    p.after = v.now;
    return p;
}

SavedPlan App::rekom_as_saved() const {
    SavedPlan p = rekom_saved_head();
    for (const auto& m : rekom.moves)
        if (!m.dropped) p.moves.push_back(rekom_saved_move(m));
    return p;
}

void App::saved_plans_reload() {
    SavedPlansView& s = saved_plans;
    s.list.clear();
    s.loaded = true;
    if (!login.session) return;
    auto q = local->db().prepare(
        "SELECT id, name, scope_office_id, year, moves, saved_ms FROM saved_plans WHERE username = ?1 "
        "ORDER BY saved_ms DESC, rowid DESC");
    q.bind(1, login.session->username);
    while (q.step())
        s.list.push_back({q.text(0), q.text(1), q.text(2), static_cast<int>(q.int64(3)), static_cast<int>(q.int64(4)),
                          q.int64(5)});
}

std::optional<SavedPlan> App::saved_plan(const std::string& id) {
    if (!login.session) return std::nullopt;
    if (id == kCurrentPlanId) {
        if (rekom.phase != RekomPhase::done) {
            saved_plans.check.error("rekom.error.no_plan", "plan");
            return std::nullopt;
        }
        return rekom_as_saved();
    }
    auto q = local->db().prepare(
        "SELECT id, name, scope_office_id, year, saved_ms, data_digest, body FROM saved_plans WHERE id = ?1 AND username = ?2");
    q.bind(1, id).bind(2, login.session->username);
    if (!q.step()) {
        saved_plans.check.error("saved.error.unknown", "id", id);
        return std::nullopt;
    }
    SavedPlan p;
    p.id = q.text(0);
    p.name = q.text(1);
    p.scope_office_id = q.text(2);
    p.year = static_cast<int>(q.int64(3));
    p.saved_ms = q.int64(4);
    p.data_digest = q.text(5);
    const json body = json::parse(q.text(6), nullptr, false);
    if (!body.is_object()) return std::nullopt;
    p.settings = settings_from_json(body.value("settings", json::object()));
    p.scope_name = body.value("scope_name", p.scope_office_id);
    p.optimal = body.value("optimal", false);
    p.edited = body.value("edited", false);
    p.gap = body.value("gap", 0.0);
    p.objective = body.value("objective", 0.0);
    p.optimum = body.value("optimum", 0.0);
    p.before = metrics_from_json(body.value("before", json::object()));
    p.after = metrics_from_json(body.value("after", json::object()));
    for (const auto& m : body.value("moves", json::array())) {
        if (!m.is_array() || m.size() < 9) continue;
        SavedMove sm;
        sm.employee_id = m[0].get<std::string>(), sm.employee = m[1].get<std::string>();
        sm.from_id = m[2].get<std::string>(), sm.from = m[3].get<std::string>();
        sm.to_id = m[4].get<std::string>(), sm.to = m[5].get<std::string>();
        sm.reason = m[6].get<std::string>();
        sm.manual = m[7].get<bool>(), sm.requested = m[8].get<bool>();
        p.moves.push_back(std::move(sm));
    }
    return p;
}

// The digest of the planner's input (plan::instance_digest): the same data and
// settings give the same digest. The worker rebuilds the instance from a
// snapshot, as for a run; at Kota scale that is 0.4-1 s of WebAssembly, which
// on this thread was one frame.
void App::saved_plan_check_step() {
    SavedPlansView& s = saved_plans;
    if (!s.open_checking || s.check_posted || s.open_id.empty()) return;
    // A run has the worker: the check waits (one job at a time in the worker).
    const RekomView& v = rekom;
    if (v.posted || !v.request.empty() || v.phase == RekomPhase::preparing || v.phase == RekomPhase::building) return;
    std::string request;
    try {
        request = plan_db_request(rekom_query(s.open.settings, workflow::today_wib()), plan::DbJob::digest_only);
    } catch (const std::exception&) {
        s.open_checking = false;
        s.open_data_changed = true;  // cannot be shown to be the same
        return;
    }
    s.check_posted = true;
    const long long ticket = ++saved_check_ticket_;
    saved_check_request_ =
        platform.solve_plan(std::move(request), [this, ticket](const std::string& answer) { saved_plan_checked(ticket, answer); });
}

void App::saved_plan_checked(long long ticket, const std::string& answer) {
    SavedPlansView& s = saved_plans;
    if (ticket != saved_check_ticket_ || !s.check_posted) return;  // another plan opened meanwhile, or signed out
    s.check_posted = false;
    saved_check_request_ = 0;
    const auto checked = plan::decode_db_answer(answer);
    if (!checked || checked->needs_snapshot) plan_worker_lost();
    // The worker lost the database copy the request relied on: posted again (next tick), with the snapshot.
    if (checked && checked->needs_snapshot) return;
    s.open_checking = false;
    // A refusal (a stored golongan that no longer parses) or a failed worker: not the same data.
    s.open_data_changed = !checked || checked->issue || checked->instance_digest != s.open.data_digest;
}

Check App::saved_plan_open(const std::string& id) {
    SavedPlansView& s = saved_plans;
    s.check = {};
    const auto started = std::chrono::steady_clock::now();
    auto p = saved_plan(id);  // says so in s.check when there is none
    if (!p) return s.check;
    s.open = std::move(*p);
    s.open_id = id;
    s.comparing = false;
    // Another plan's check still out is dropped (its ticket); this one goes now if the worker is free.
    if (s.check_posted) {
        plan_cancel(saved_check_request_);
        s.check_posted = false;
    }
    ++saved_check_ticket_;
    s.open_data_changed = false;
    s.open_checking = true;
    saved_plan_check_step();
    s.open_ms = ms_since(started);
    return s.check;
}

Check App::saved_plans_compare() {
    SavedPlansView& s = saved_plans;
    s.check = {};
    if (s.compare_a.empty() || s.compare_b.empty() || s.compare_a == s.compare_b) {
        s.check.error("saved.error.pick_two", "compare");
        return s.check;
    }
    const auto started = std::chrono::steady_clock::now();
    auto a = saved_plan(s.compare_a), b = saved_plan(s.compare_b);
    if (!a || !b) return s.check;
    s.a = std::move(*a);
    s.b = std::move(*b);
    s.diff = compare_saved_plans(s.a, s.b);
    s.comparing = true;
    s.open_id.clear();
    s.compare_ms = ms_since(started);
    return s.check;
}

Check App::saved_plan_export(const std::string& id, bool figures) {
    SavedPlansView& s = saved_plans;
    s.check = {};
    const auto started = std::chrono::steady_clock::now();
    auto p = saved_plan(id);  // says so in s.check when there is none
    if (!p) return s.check;
    // File names from the plan's name: letters, digits and '-' only.
    std::string base;
    for (char ch : p->name) {
        const unsigned char u = static_cast<unsigned char>(ch);
        base += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
    }
    if (base.size() > 60) base.resize(60);
    platform.save_file("rencana-" + base + (figures ? "-angka.csv" : "-mutasi.csv"), "text/csv;charset=utf-8",
                       figures ? saved_figures_csv(*p) : saved_moves_csv(*p));
    s.export_ms = ms_since(started);
    return s.check;
}

Check App::saved_plan_delete(const std::string& id) {
    SavedPlansView& s = saved_plans;
    s.check = {};
    if (!login.session) return s.check;
    auto del = local->db().prepare("DELETE FROM saved_plans WHERE id = ?1 AND username = ?2");
    del.bind(1, id).bind(2, login.session->username);
    del.run();
    if (local->db().changes() == 0) {
        s.check.error("saved.error.unknown", "id", id);
        return s.check;
    }
    save_state = SaveState::saving;  // device-local: to storage, no re-read, no sync (see saved_plan_save_step)
    platform.request_persist();
    if (s.open_id == id) s.open_id.clear();
    if (s.compare_a == id) s.compare_a.clear();
    if (s.compare_b == id) s.compare_b.clear();
    if (s.comparing && (s.a.id == id || s.b.id == id)) s.comparing = false;
    saved_plans_reload();
    return s.check;
}

}  // namespace seimbang::app
