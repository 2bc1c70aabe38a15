// Rekomendasi: the planner on the local database, what-if edits and adoption
// as `dinas` transfer requests (see rekomendasi.h and docs/PLANNER.md).
#include "app/rekomendasi.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "i18n/format.h"
#include "plan/eligibility.h"
#include "plan/from_db.h"
#include "plan/reasons.h"
#include "plan/wire.h"
#include "store/db.h"
#include "util/sha256.h"
#include "util/utf8.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

namespace seimbang::app {

using nlohmann::json;

std::string adoption_request_id(const std::string& plan_key, const std::string& employee_id,
                                const std::string& from_position, const std::string& to_position) {
    std::string h = sha256_hex("seimbang.rekomendasi\n" + plan_key + "\n" + employee_id + "\n" + from_position + "\n" +
                               to_position);
    // UUID layout (8-4-4-4-12) with version 8 (custom) and the RFC variant bits.
    h[12] = '8';
    h[16] = "89ab"[(h[16] >= 'a' ? h[16] - 'a' + 10 : h[16] - '0') & 3];
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
           h.substr(20, 12);
}

plan::DbQuery rekom_query(const RekomSettings& s, const Date& today) {
    plan::DbQuery q;
    q.scope_office_id = s.scope_office;
    q.year = s.year;
    q.today = today;
    q.pinned = s.pinned;
    q.weights.move_cost = s.move_cost;
    q.weights.request_bonus = s.request_bonus;
    q.weights.fit_bonus = s.fit_bonus;
    q.weights.allow_managerial_moves = s.allow_managerial;
    if (s.limit_moves) q.weights.max_moves = s.max_moves;
    return q;
}

namespace {

int find_employee(const plan::Instance& inst, const std::string& id) {
    for (size_t i = 0; i < inst.employees.size(); ++i)
        if (inst.employees[i].id == id) return static_cast<int>(i);
    return -1;
}

int find_position(const plan::Instance& inst, const std::string& id) {
    for (size_t i = 0; i < inst.positions.size(); ++i)
        if (inst.positions[i].id == id) return static_cast<int>(i);
    return -1;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

bool App::can_plan() const {
    return login.session && access::may(login.session->role, access::Feature::plan_run);
}

Check App::rekom_run() {
    Check c;
    RekomView& v = rekom;
    if (!can_plan()) {
        c.error("rekom.error.forbidden", "role");
        v.issue = c.issues.front();
        return c;
    }
    if (v.settings.scope_office.empty()) v.settings.scope_office = login.session->office_id;
    if (v.settings.year == 0) v.settings.year = workload.abk_year;
    const RekomSettings& s = v.settings;
    if (!workload.office(s.scope_office) || !workload.in_scope(s.scope_office)) c.error("rekom.error.scope", "scope", s.scope_office);
    if (s.move_cost < 0) c.error("plan.error.bad_setting", "move_cost");
    if (s.request_bonus < 0) c.error("plan.error.bad_setting", "request_bonus");
    if (s.fit_bonus < 0) c.error("plan.error.bad_setting", "fit_bonus");
    if (s.limit_moves && s.max_moves < 0) c.error("plan.error.bad_setting", "max_moves");
    if (s.year < 2000 || s.year > 2200) c.error("plan.error.bad_setting", "year");
    if (!c.ok()) {
        v.issue = c.issues.front();
        v.phase = RekomPhase::failed;
        return c;
    }
    v.issue = {};
    v.moves.clear();
    v.page = 0;
    v.edited = false;
    v.adopted_new = v.adopted_existing = 0;
    v.adopt_check = {};
    v.manual_check = {};
    if (v.phase == RekomPhase::solving && v.posted) plan_cancel(rekom_request_);  // a re-run replaces it
    ++rekom_ticket_;
    rekom_clear_run();
    v.reoptimising = false;
    v.run_started_ms = platform.now_ms();
    v.phase = RekomPhase::preparing;
    v.run_frames = 0;
    return c;
}

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

void App::rekom_step() {
    RekomView& v = rekom;
    saved_plan_check_step();  // a saved plan's "data changed" check waits for a free worker
    saved_plan_save_step();   // a save in progress: the next slice of its moves
    if (v.phase != RekomPhase::preparing && v.phase != RekomPhase::building && v.phase != RekomPhase::solving) return;
    ++v.run_frames;
    // One frame carries one piece of work: the request and its post, or the
    // answer's decode and application. Each is a few ms to ~25 ms at Kota scale
    // (bench/web/rekom.mjs); one frame each, not a frame per half, because every
    // frame in the path adds a whole frame interval to the plan's latency.
    const auto started = std::chrono::steady_clock::now();
    if (v.posted) return;
    if (v.answered) {
        rekom_apply();  // decode
        if (v.answered && v.decoded) rekom_apply();  // moves and figures
    } else {
        // A check of a saved plan's data gives way: it is posted again after this
        // run. Before the request is made: cancelling may stop the worker, and
        // with it the database copy the request would otherwise count on.
        if (saved_plans.check_posted) {
            plan_cancel(saved_check_request_);
            saved_plans.check_posted = false;
        }
        if (v.phase == RekomPhase::preparing) v.phase = RekomPhase::building;  // the click's frame showed the progress line
        if (v.phase == RekomPhase::building) {
            // The worker builds the instance (instance_from_db over a snapshot of the
            // local database) and solves it: this thread only reads the file into
            // the request (at Kota scale building here took 0.4-1 s, one frame).
            const auto t = std::chrono::steady_clock::now();
            v.solve_started_ms = platform.now_ms();
            try {
                v.request = plan_db_request(rekom_query(v.settings, workflow::today_wib()), plan::DbJob::solve,
                                            &v.snapshot_sent);
            } catch (const std::exception& e) {
                v.issue = Issue{"rekom.error.db", "", e.what(), false};
                v.phase = RekomPhase::failed;
                return;
            }
            v.posted_db = true;
            v.phase = RekomPhase::solving;
            v.request_ms = ms_since(t);
        } else if (v.request.empty()) {
            // "Optimalkan sisanya": the edited instance. The user's choices stay
            // fixed: manual moves are made first and their people no longer move,
            // pinned people and those whose move was dropped stay.
            const auto t = std::chrono::steady_clock::now();
            v.solve_started_ms = platform.now_ms();
            plan::Instance fixed = v.inst;
            for (auto& e : fixed.employees)
                if (contains(v.settings.pinned, e.id)) e.movable = false;
            std::vector<plan::Move> manual;
            for (const auto& m : v.moves) {
                if (!m.manual && m.dropped) fixed.employees[static_cast<size_t>(m.employee)].movable = false;
                if (!m.manual || m.dropped) continue;
                auto& e = fixed.employees[static_cast<size_t>(m.employee)];
                e.position = m.to;
                e.movable = false;
                e.requests.clear();
                manual.push_back(plan::Move{m.employee, m.from, m.to, false, 0});
            }
            if (fixed.weights.max_moves)
                fixed.weights.max_moves = std::max(0, *fixed.weights.max_moves - static_cast<int>(manual.size()));
            // The worker answers the plan and its key (the manual moves are part of it).
            v.request = plan::encode_reoptimise_request(rekom_query(v.settings, workflow::today_wib()), fixed, manual);
            v.posted_db = false;
            v.request_ms = ms_since(t);
        }
        const auto t = std::chrono::steady_clock::now();
        v.instance_bytes = v.request.size();
        v.posted = true;
        // An answer for an earlier run (re-run, sign-out meanwhile) finds another ticket and is dropped.
        const long long ticket = ++rekom_ticket_;
        std::string bytes = std::move(v.request);
        v.request.clear();
        rekom_request_ =
            platform.solve_plan(std::move(bytes), [this, ticket](const std::string& answer) { rekom_solved(ticket, answer); });
        v.post_ms = ms_since(t);
    }
    v.ui_max_ms = std::max(v.ui_max_ms, ms_since(started));
}

void App::rekom_solved(long long ticket, const std::string& answer) {
    RekomView& v = rekom;
    if (ticket != rekom_ticket_ || v.phase != RekomPhase::solving || !v.posted) return;  // a stale answer
    v.posted = false;
    rekom_request_ = 0;
    if (v.posted_db && !answer.empty() && answer.size() < 16) {
        // The worker no longer holds the database version the request relied on
        // (terminated, or another database was sent meanwhile): once more, with the snapshot.
        const auto a = plan::decode_db_answer(answer);
        if (a && a->needs_snapshot) {
            plan_worker_lost();
            v.phase = RekomPhase::building;
            return;
        }
    }
    if (answer.empty()) {
        // The browser's worker failed to load or crashed: no bytes.
        plan_worker_lost();
        v.issue = Issue{"rekom.error.worker", "", {}, false};
        v.phase = RekomPhase::failed;
        v.reoptimising = false;
        return;
    }
    // Applied on the next frame (rekom_apply): this event only keeps the bytes.
    v.answer = answer;
    v.answered = true;
    v.decoded = false;
}

void App::rekom_apply() {
    RekomView& v = rekom;
    const auto started = std::chrono::steady_clock::now();
    auto fail = [&](const char* code) {
        v.issue = Issue{code, "", {}, false};
        v.phase = RekomPhase::failed;
        v.reoptimising = false;
        v.answered = v.decoded = false;
        v.answer.clear();
    };
    if (!v.decoded) {
        // Step 1: decode (a run from the database: the instance the worker built, its plan, key and digest).
        std::optional<plan::Plan> decoded;
        if (v.posted_db) {
            auto solved = plan::decode_db_answer(v.answer);
            if (solved && solved->issue) {
                v.issue = *solved->issue;
                v.phase = RekomPhase::failed;
                v.answered = false;
                v.answer.clear();
                return;
            }
            if (solved && solved->solved) {
                v.inst = std::move(solved->instance);
                v.inst_digest = std::move(solved->instance_digest);
                v.pending_key = std::move(solved->plan_key);
                v.build_ms = solved->build_seconds * 1000.0;
                v.build_reused = solved->instance_reused;
                decoded = std::move(solved->plan);
            }
        } else if (auto re = plan::decode_reoptimise_answer(v.answer)) {
            decoded = std::move(re->plan);
            v.pending_key = std::move(re->plan_key);
        }
        bool fits = decoded && decoded->ok;
        if (fits)
            for (const auto& m : decoded->moves)
                if (m.employee < 0 || static_cast<size_t>(m.employee) >= v.inst.employees.size() || m.from < 0 ||
                    static_cast<size_t>(m.from) >= v.inst.positions.size() || m.to < 0 ||
                    static_cast<size_t>(m.to) >= v.inst.positions.size())
                    fits = false;
        if (!fits) return fail("plan.error.solver_failed");
        v.pending = std::move(*decoded);
        v.answer.clear();
        v.answer.shrink_to_fit();
        v.decoded = true;
        v.decode_ms = ms_since(started);
        return;
    }
    // Step 2: the moves, holders, figures and (after "optimalkan sisanya") the plan key.
    v.answered = v.decoded = false;
    v.plan = std::move(v.pending);
    v.pending = {};
    v.reoptimising = false;
    v.worker_ms = v.plan.stats.seconds * 1000.0;
    std::vector<RekomMove> manual;
    for (const auto& m : v.moves)
        if (m.manual && !m.dropped) manual.push_back(m);
    v.moves = manual;
    for (const auto& m : v.plan.moves) {
        RekomMove r;
        r.employee = m.employee;
        r.from = m.from;
        r.to = m.to;
        r.requested = m.requested;
        r.fit_gain = m.fit_gain;
        v.moves.push_back(r);
    }
    std::stable_sort(v.moves.begin(), v.moves.end(), [](const RekomMove& a, const RekomMove& b) { return a.employee < b.employee; });
    v.destination.resize(v.inst.employees.size());
    for (size_t i = 0; i < v.inst.employees.size(); ++i) v.destination[i] = v.inst.employees[i].position;
    for (const auto& m : v.moves) v.destination[static_cast<size_t>(m.employee)] = m.to;
    {
        std::vector<int> origin(v.inst.employees.size());
        for (size_t i = 0; i < origin.size(); ++i) origin[i] = v.inst.employees[i].position;
        v.holders_before = plan::holders(v.inst, origin);
    }
    v.before = plan::compute_metrics(v.inst, v.holders_before);

    // The plan key: the settings and the moves (what "the same plan" means for
    // adoption), from the worker (plan/plan_key.h).
    v.plan_key = std::move(v.pending_key);
    v.pending_key.clear();

    v.edited = false;
    rekom_refigure();
    v.apply_ms = ms_since(started);
    v.plan_ms = platform.now_ms() - v.solve_started_ms;
    v.solve_ms = platform.now_ms() - v.run_started_ms;
    v.phase = RekomPhase::done;
}

void App::rekom_refigure() {
    RekomView& v = rekom;
    const auto started = std::chrono::steady_clock::now();
    v.holders_now = plan::holders(v.inst, v.destination);
    v.now = plan::compute_metrics(v.inst, v.holders_now);
    v.objective_now = plan::objective(v.inst, v.destination);
    // Reasons quote EJ after the current assignment; they are written when shown
    // (rekom_reason), so an edit among thousands of moves costs O(moves + positions).
    v.figures.holders_before = v.holders_before;
    v.figures.holders_after = v.holders_now;
    ++v.revision;
    v.refigure_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

std::string App::rekom_reason(const RekomMove& m) const {
    plan::Move pm;
    pm.employee = m.employee;
    pm.from = m.from;
    pm.to = m.to;
    pm.requested = m.requested;
    pm.fit_gain = m.fit_gain;
    return plan::reason(rekom.inst, rekom.figures, pm, i18n::current());
}

void App::rekom_drop(size_t index, bool dropped) {
    RekomView& v = rekom;
    if (v.phase != RekomPhase::done || index >= v.moves.size()) return;
    RekomMove& m = v.moves[index];
    if (m.dropped == dropped) return;
    m.dropped = dropped;
    v.destination[static_cast<size_t>(m.employee)] = dropped ? m.from : m.to;
    v.edited = true;
    rekom_refigure();
}

Check App::rekom_pin(const std::string& employee_id) {
    Check c;
    RekomView& v = rekom;
    if (contains(v.settings.pinned, employee_id)) return c;
    if (v.phase == RekomPhase::done) {
        const int e = find_employee(v.inst, employee_id);
        if (e < 0) {
            c.error("rekom.error.unknown_employee", "employee", employee_id);
            return c;
        }
        // A pinned person stays: their move (planned or manual) is taken out.
        for (size_t i = 0; i < v.moves.size(); ++i)
            if (v.moves[i].employee == e && !v.moves[i].dropped) rekom_drop(i, true);
        v.moves.erase(std::remove_if(v.moves.begin(), v.moves.end(),
                                     [&](const RekomMove& m) { return m.employee == e && m.manual; }),
                      v.moves.end());
        v.edited = true;
    }
    v.settings.pinned.push_back(employee_id);
    return c;
}

void App::rekom_unpin(const std::string& employee_id) {
    auto& p = rekom.settings.pinned;
    p.erase(std::remove(p.begin(), p.end(), employee_id), p.end());
}

Check App::rekom_add_move() {
    RekomView& v = rekom;
    Check& c = v.manual_check;
    c = {};
    if (v.phase != RekomPhase::done) {
        c.error("rekom.error.no_plan", "plan");
        return c;
    }
    const int e = find_employee(v.inst, v.manual_employee);
    const int to = find_position(v.inst, v.manual_position);
    if (e < 0) c.error("rekom.error.unknown_employee", "employee", v.manual_employee);
    if (to < 0) c.error("rekom.error.unknown_position", "position", v.manual_position);
    if (!c.ok()) return c;
    const plan::Employee& emp = v.inst.employees[static_cast<size_t>(e)];
    if (contains(v.settings.pinned, emp.id)) c.error("rekom.error.pinned", "employee", emp.id);
    else if (!emp.movable) c.error("rekom.error.not_movable", "employee", emp.id);
    else if (emp.position == to) c.error("rekom.error.same_position", "position", v.manual_position);
    else if (!plan::same_kind_transfer(v.inst.weights, v.inst.positions[static_cast<size_t>(emp.position)],
                                       v.inst.positions[static_cast<size_t>(to)]))
        c.error("rekom.error.other_kind", "position", v.manual_position);
    else if (!plan::eligible(emp, v.inst.positions[static_cast<size_t>(to)]))
        c.error("rekom.error.not_eligible", "position", v.manual_position);
    if (!c.ok()) return c;
    // The person's earlier move (planned or manual) gives way to this one.
    for (size_t i = 0; i < v.moves.size(); ++i)
        if (v.moves[i].employee == e && !v.moves[i].manual && !v.moves[i].dropped) rekom_drop(i, true);
    v.moves.erase(std::remove_if(v.moves.begin(), v.moves.end(),
                                 [&](const RekomMove& m) { return m.employee == e && m.manual; }),
                  v.moves.end());
    RekomMove m;
    m.employee = e;
    m.from = emp.position;
    m.to = to;
    m.manual = true;
    m.requested = std::binary_search(emp.requests.begin(), emp.requests.end(), to);
    m.fit_gain = plan::surplus(emp.competences, v.inst.positions[static_cast<size_t>(to)].required) -
                 plan::surplus(emp.competences, v.inst.positions[static_cast<size_t>(emp.position)].required);
    v.moves.push_back(m);
    v.destination[static_cast<size_t>(e)] = to;
    v.edited = true;
    v.manual_employee.clear();
    v.manual_position.clear();
    rekom_refigure();
    return c;
}

void App::rekom_clear_run() {
    RekomView& v = rekom;
    v.request.clear();
    v.answer.clear();
    v.posted = v.answered = v.decoded = false;
    v.pending = {};
    v.pending_key.clear();
    v.request_ms = v.post_ms = v.decode_ms = v.apply_ms = v.ui_max_ms = 0;
}

void App::rekom_reoptimise() {
    if (rekom.phase != RekomPhase::done) return;
    rekom_clear_run();
    rekom.phase = RekomPhase::solving;
    rekom.reoptimising = true;
    rekom.run_started_ms = platform.now_ms();
    rekom.run_frames = 0;
}

void App::rekom_cancel() {
    RekomView& v = rekom;
    if (v.phase != RekomPhase::preparing && v.phase != RekomPhase::building && v.phase != RekomPhase::solving) return;
    if (v.posted) plan_cancel(rekom_request_);
    ++rekom_ticket_;  // an answer already on its way is dropped
    rekom_clear_run();
    // A cancelled "optimalkan sisanya" leaves the plan as it was (its moves are untouched until an answer).
    v.phase = v.reoptimising ? RekomPhase::done : RekomPhase::idle;
    v.reoptimising = false;
}

void App::rekom_reset() {
    if (rekom.phase == RekomPhase::solving && rekom.posted) plan_cancel(rekom_request_);
    if (saved_plans.check_posted) plan_cancel(saved_check_request_);
    if (rekom.warm_posted) plan_cancel(warm_request_);
    ++rekom_ticket_;  // an answer already on its way is dropped
    ++saved_check_ticket_;
    rekom = {};
    saved_plans = {};  // another user's saved plans are not shown
}

std::string App::rekom_explanation(const RekomMove& m) const {
    const RekomView& v = rekom;
    const i18n::Lang lang = i18n::Lang::id;  // stored text: the instansi's language
    const Office* o = workload.office(v.settings.scope_office);
    std::string t = i18n::fill(
        i18n::tr("rekom.adopt.explanation", lang),
        {{"key", v.plan_key.substr(0, 10)},
         {"scope", o ? o->name : v.settings.scope_office},
         {"year", std::to_string(v.settings.year)},
         {"move_cost", i18n::format_number(v.settings.move_cost, 3, lang)},
         {"request_bonus", i18n::format_number(v.settings.request_bonus, 3, lang)},
         {"fit_bonus", i18n::format_number(v.settings.fit_bonus, 3, lang)},
         {"max", v.settings.limit_moves ? std::to_string(v.settings.max_moves) : "-"},
         {"reason", rekom_reason(m)},
         {"ss_before", i18n::format_number(v.before.sum_sq, 2, lang)},
         {"ss_after", i18n::format_number(v.now.sum_sq, 2, lang)},
         {"cv_before", i18n::format_number(v.before.ej_cv, 3, lang)},
         {"cv_after", i18n::format_number(v.now.ej_cv, 3, lang)},
         {"over_before", std::to_string(v.before.overloaded)},
         {"over_after", std::to_string(v.now.overloaded)},
         {"status", std::string(i18n::tr(v.edited         ? "rekom.adopt.edited"
                                         : v.plan.optimal ? "rekom.adopt.optimal"
                                                          : "rekom.adopt.gap",
                                         lang))}});
    // Cut at a character boundary: the stored explanation stays valid UTF-8.
    t.resize(utf8_boundary(t, workflow::kMaxTextLength));
    return t;
}

Check App::rekom_adopt() {
    RekomView& v = rekom;
    Check& c = v.adopt_check;
    c = {};
    v.adopted_new = v.adopted_existing = 0;
    if (v.phase != RekomPhase::done) {
        c.error("rekom.error.no_plan", "plan");
        return c;
    }
    store::Db& db = local->db();
    const Date today = workflow::today_wib();
    bool wrote = false;
    for (const auto& m : v.moves) {
        if (m.dropped || !m.selected) continue;
        const auto& e = v.inst.employees[static_cast<size_t>(m.employee)];
        const std::string& from = v.inst.positions[static_cast<size_t>(m.from)].id;
        const std::string& to = v.inst.positions[static_cast<size_t>(m.to)].id;
        const std::string id = adoption_request_id(v.plan_key, e.id, from, to);
        if (workflow::get_request(db, id)) {
            ++v.adopted_existing;
            continue;
        }
        json args = {{"employee_id", e.id},
                     {"kind", std::string(workflow::to_string(workflow::Kind::dinas))},
                     {"reason", std::string(workflow::to_string(workflow::Reason::kebutuhan_organisasi))},
                     {"explanation", rekom_explanation(m)},
                     {"to_positions", json::array({to})}};
        auto res = workflow::take_step_offline(db, actor(), {workflow::Command::create, id, "", args}, today);
        if (!res.check.ok()) {
            // The first refusal, naming the person; the other moves are still tried.
            if (c.ok()) c.error(res.check.issues.front().code, e.name.empty() ? e.id : e.name, res.check.issues.front().detail);
            continue;
        }
        ++v.adopted_new;
        wrote = true;
    }
    if (wrote) {
        requests.dirty = true;
        committed();
        show_notice("rekom.adopt.done");
    } else if (c.ok()) {
        show_notice("rekom.adopt.nothing_new");
    }
    return c;
}

}  // namespace seimbang::app
