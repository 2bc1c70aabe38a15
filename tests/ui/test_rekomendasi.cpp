// Issue 15, the Rekomendasi screen: the planner on the device's own database
// (the same plan as plan::solve over instance_from_db, i.e. `seimbang plan
// --db`), the what-if figures after each edit equal to the ABK engine's figures
// computed from scratch, pinned people never moving, and adoption as `dinas`
// requests that a second adoption does not duplicate.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "abk/abk.h"
#include "i18n/strings.h"
#include "plan/eligibility.h"
#include "plan/from_db.h"
#include "plan/reasons.h"
#include "plan/wire.h"
#include "store/abk_query.h"
#include "store/db.h"
#include "store/repo.h"
#include "ui/locator.h"
#include "ui/widgets.h"
#include "ui_harness.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

using seimbang::uitest::Harness;
using seimbang::uitest::has_issue;
using seimbang::uitest::office_named;
using seimbang::uitest::sign_in_demo;
using namespace seimbang;

namespace {

// Demo data, signed in as the camat of Kecamatan Medan Marelan, on Rekomendasi.
void camat_on_rekomendasi(Harness& h) {
    seimbang::uitest::sign_in_demo_as(h, app::Role::camat, "Kecamatan Medan Marelan");
    REQUIRE(h.click("nav-rekomendasi"));
    REQUIRE(h.app->screen == app::Screen::rekomendasi);
}

// Clicks "Hitung rekomendasi" and draws frames until the run ends; returns the frames it took.
int run_plan(Harness& h) {
    h.frame(2);  // the button where the current layout puts it
    REQUIRE(h.click("rekom-run"));
    for (int i = 0; i < 20 && h.app->rekom.phase != app::RekomPhase::done && h.app->rekom.phase != app::RekomPhase::failed; ++i)
        h.frame();
    REQUIRE(h.app->rekom.phase == app::RekomPhase::done);
    return h.app->rekom.run_frames;
}

// The app's own mapping of the form to the planner's query (rekomendasi.h).
plan::DbQuery query_of(const app::RekomSettings& s) { return app::rekom_query(s, workflow::today_wib()); }

// The figures of the what-if assignment recomputed from scratch: holders
// counted from the destinations, need and EJ per position from the ABK engine
// (abk::analyse over the stored task rows), the metrics by their definitions.
void check_figures_from_scratch(Harness& h) {
    const auto& v = h.app->rekom;
    std::map<std::string, int> holders;
    for (size_t i = 0; i < v.inst.employees.size(); ++i)
        ++holders[v.inst.positions[static_cast<size_t>(v.destination[i])].id];
    auto inputs = store::abk_inputs(h.app->local->db(), v.settings.scope_office, v.settings.year);
    std::set<std::string> with_tasks;
    for (auto& in : inputs) in.holders = holders[in.position], with_tasks.insert(in.position);
    // Positions without task rows have no workload: the engine sees them with no tasks.
    for (const auto& p : v.inst.positions)
        if (!with_tasks.count(p.id)) inputs.push_back({p.unit, p.id, holders[p.id], {}});
    const abk::Result r = abk::analyse(inputs, h.app->workload.data.settings);
    REQUIRE(r.positions.size() == v.inst.positions.size());
    double sum_sq = 0, mean = 0;
    int counted = 0, balanced = 0, overloaded = 0, vacant = 0;
    std::vector<double> ejs;
    for (const auto& pr : r.positions) {
        sum_sq += (pr.holders - pr.needed) * (pr.holders - pr.needed);
        if (pr.holders == 0 && pr.needed <= 0) continue;
        ++counted;
        if (!pr.ej) {
            ++vacant, ++overloaded;
            continue;
        }
        ejs.push_back(*pr.ej);
        balanced += *pr.ej >= 0.9 - 1e-12 && *pr.ej <= 1.1 + 1e-12;
        overloaded += *pr.ej > 1.2 + 1e-12;
    }
    for (double e : ejs) mean += e;
    mean /= static_cast<double>(ejs.size());
    double var = 0;
    for (double e : ejs) var += (e - mean) * (e - mean);
    var /= static_cast<double>(ejs.size());
    CHECK(v.now.sum_sq == doctest::Approx(sum_sq).epsilon(1e-9));
    CHECK(v.now.ej_cv == doctest::Approx(std::sqrt(var) / mean).epsilon(1e-9));
    CHECK(v.now.ej_max == doctest::Approx(*std::max_element(ejs.begin(), ejs.end())));
    CHECK(v.now.ej_min == doctest::Approx(*std::min_element(ejs.begin(), ejs.end())));
    CHECK(v.now.share_balanced == doctest::Approx(static_cast<double>(balanced) / counted));
    CHECK(v.now.overloaded == overloaded);
    CHECK(v.now.vacant_with_workload == vacant);
    CHECK(v.now.positions == counted);
}

int count_dinas_requests(Harness& h) {
    auto q = h.app->local->db().prepare("SELECT count(*) FROM requests WHERE kind = 'dinas'");
    return q.step() ? static_cast<int>(q.int64(0)) : -1;
}

}  // namespace

TEST_CASE("rekomendasi: the device's plan is the planner's plan on the same data, computed over frames") {
    Harness h(1366, 9000);  // the whole screen without scrolling
    camat_on_rekomendasi(h);
    const int frames = run_plan(h);
    // Two frames: the click's successor reads the database snapshot into the request
    // and posts it (answered at once natively: the event keeps the bytes); the next
    // decodes the answer and builds the moves and figures.
    CHECK(frames == 2);
    const auto& v = h.app->rekom;
    const plan::Instance inst = std::get<plan::Instance>(plan::instance_from_db(h.app->local->db(), query_of(v.settings)));
    // The instance the worker built from the snapshot is instance_from_db's on the live database.
    CHECK(plan::encode_instance(v.inst) == plan::encode_instance(inst));
    const plan::Plan expected = plan::solve(inst);
    REQUIRE(expected.ok);
    REQUIRE(v.moves.size() == expected.moves.size());
    CHECK_FALSE(v.moves.empty());
    for (size_t i = 0; i < v.moves.size(); ++i) {
        CHECK(v.moves[i].employee == expected.moves[i].employee);
        CHECK(v.moves[i].to == expected.moves[i].to);
        CHECK(h.app->rekom_reason(v.moves[i]) == plan::reason(inst, expected, expected.moves[i], i18n::Lang::id));
    }
    CHECK(v.plan.optimal);
    CHECK(v.now.sum_sq == doctest::Approx(expected.after.sum_sq));
    CHECK(v.before.sum_sq == doctest::Approx(expected.before.sum_sq));
    CHECK(v.objective_now == doctest::Approx(expected.objective));
    // Transfers, not promotions: nobody lands in a managerial post from elsewhere.
    for (const auto& m : v.moves)
        CHECK(plan::same_kind_transfer(v.inst.weights, v.inst.positions[static_cast<size_t>(m.from)],
                                       v.inst.positions[static_cast<size_t>(m.to)]));
    check_figures_from_scratch(h);
}

TEST_CASE("rekomendasi: what-if figures after each edit equal the ABK engine's figures from scratch") {
    Harness h(1366, 9000);  // the whole screen without scrolling
    camat_on_rekomendasi(h);
    run_plan(h);
    auto& v = h.app->rekom;
    REQUIRE(v.moves.size() >= 2);
    const double optimum = v.objective_now;

    // Drop the first move (by its button): the figures change without a re-solve.
    const int solves = v.plan.stats.solves;
    h.frame(2);
    REQUIRE(h.click("rekom-drop-0"));
    h.frame();
    CHECK(v.moves[0].dropped);
    CHECK(v.edited);
    CHECK(v.plan.stats.solves == solves);
    check_figures_from_scratch(h);
    CHECK(v.objective_now >= optimum - 1e-9);  // the optimum cannot be beaten by hand

    // A manual move: someone movable to a position they may take that the plan did not pick.
    bool added = false;
    for (size_t e = 0; e < v.inst.employees.size() && !added; ++e) {
        const auto& emp = v.inst.employees[e];
        // Not the person whose move was dropped: their staying is checked below.
        if (!emp.movable || v.destination[e] != emp.position || static_cast<int>(e) == v.moves[0].employee) continue;
        for (size_t p = 0; p < v.inst.positions.size(); ++p) {
            if (static_cast<int>(p) == emp.position || !plan::may_move(v.inst, emp, static_cast<int>(p))) continue;
            v.manual_employee = emp.id;
            v.manual_position = v.inst.positions[p].id;
            CHECK(h.app->rekom_add_move().ok());
            CHECK(v.destination[e] == static_cast<int>(p));
            added = true;
            break;
        }
    }
    REQUIRE(added);
    CHECK(v.moves.back().manual);
    CHECK(h.app->rekom_reason(v.moves.back()).find("tujuan") != std::string::npos);
    check_figures_from_scratch(h);

    // A move into another kind of post is refused with its reason and changes nothing.
    const double before_bad = v.now.sum_sq;
    for (size_t e = 0; e < v.inst.employees.size(); ++e) {
        const auto& emp = v.inst.employees[e];
        if (!emp.movable || v.inst.positions[static_cast<size_t>(emp.position)].kind != plan::PostKind::pelaksana) continue;
        for (size_t p = 0; p < v.inst.positions.size(); ++p) {
            if (v.inst.positions[p].kind != plan::PostKind::managerial) continue;
            v.manual_employee = emp.id;
            v.manual_position = v.inst.positions[p].id;
            const Check c = h.app->rekom_add_move();
            REQUIRE_FALSE(c.ok());
            CHECK(c.issues.front().code == "rekom.error.other_kind");
            break;
        }
        break;
    }
    CHECK(v.now.sum_sq == before_bad);

    // "Optimalkan sisanya": the manual move stays, the dropped person stays, and
    // the result is no worse than the edited plan.
    const auto manual = v.moves.back();
    const int dropped_employee = v.moves[0].employee;
    const double edited = v.objective_now;
    h.frame(2);
    REQUIRE(h.click("rekom-reoptimise"));
    for (int i = 0; i < 5 && v.phase != app::RekomPhase::done; ++i) h.frame();
    REQUIRE(v.phase == app::RekomPhase::done);
    CHECK(v.destination[static_cast<size_t>(manual.employee)] == manual.to);
    CHECK(v.destination[static_cast<size_t>(dropped_employee)] ==
          v.inst.employees[static_cast<size_t>(dropped_employee)].position);
    CHECK(v.objective_now <= edited + 1e-9);
    CHECK_FALSE(v.edited);
    check_figures_from_scratch(h);
}

TEST_CASE("rekomendasi: pinned people never move (run, what-if pin, re-optimise, manual move)") {
    Harness h(1366, 9000);  // the whole screen without scrolling
    camat_on_rekomendasi(h);
    run_plan(h);
    auto& v = h.app->rekom;
    REQUIRE_FALSE(v.moves.empty());
    std::vector<std::string> movers;
    for (const auto& m : v.moves) movers.push_back(v.inst.employees[static_cast<size_t>(m.employee)].id);

    // Pinning from the move list takes the move out at once.
    h.frame(2);
    REQUIRE(h.click("rekom-pin-0"));
    h.frame();
    const std::string first = movers[0];
    for (size_t i = 0; i < v.inst.employees.size(); ++i)
        if (v.inst.employees[i].id == first) CHECK(v.destination[i] == v.inst.employees[i].position);
    // Re-optimising keeps them; so does a fresh run with every earlier mover pinned.
    h.app->rekom_reoptimise();
    for (int i = 0; i < 5 && v.phase != app::RekomPhase::done; ++i) h.frame();
    for (const auto& m : v.moves) CHECK(v.inst.employees[static_cast<size_t>(m.employee)].id != first);
    for (const auto& id : movers) h.app->rekom_pin(id);
    run_plan(h);
    for (const auto& m : v.moves)
        CHECK(std::find(movers.begin(), movers.end(), v.inst.employees[static_cast<size_t>(m.employee)].id) == movers.end());
    // A manual move of a pinned person is refused.
    v.manual_employee = first;
    v.manual_position = v.inst.positions[0].id;
    const Check c = h.app->rekom_add_move();
    REQUIRE_FALSE(c.ok());
    CHECK(c.issues.front().code == "rekom.error.pinned");
}

TEST_CASE("rekomendasi: adopting creates dinas requests once; adopting the same plan again creates nothing") {
    Harness h(1366, 9000);  // the whole screen without scrolling
    camat_on_rekomendasi(h);
    run_plan(h);
    auto& v = h.app->rekom;
    REQUIRE(v.moves.size() >= 3);
    for (size_t i = 3; i < v.moves.size(); ++i) v.moves[i].selected = false;
    const int before = count_dinas_requests(h);
    h.frame(2);
    REQUIRE(h.click("rekom-adopt"));
    h.frame(2);
    CHECK(v.adopt_check.ok());
    CHECK(v.adopted_new == 3);
    CHECK(count_dinas_requests(h) == before + 3);
    // Each is an organisation-initiated Draf with the plan's reason and figures, queued for sync.
    for (size_t i = 0; i < 3; ++i) {
        const auto& m = v.moves[i];
        const auto& e = v.inst.employees[static_cast<size_t>(m.employee)];
        auto r = workflow::get_request(h.app->local->db(),
                                       app::adoption_request_id(v.plan_key, e.id, v.inst.positions[static_cast<size_t>(m.from)].id,
                                                                v.inst.positions[static_cast<size_t>(m.to)].id));
        REQUIRE(r);
        CHECK(r->kind == workflow::Kind::dinas);
        CHECK(r->reason == workflow::Reason::kebutuhan_organisasi);
        CHECK(r->status == workflow::Status::draf);
        CHECK(r->to_positions == std::vector<std::string>{v.inst.positions[static_cast<size_t>(m.to)].id});
        CHECK(r->explanation.find(h.app->rekom_reason(m)) != std::string::npos);
        CHECK(r->explanation.find("Σ(h−n)²") != std::string::npos);
    }
    CHECK(h.app->sync.outbox.pending >= 3);

    // The same plan again (also recomputed from scratch): nothing new.
    h.frame(2);
    REQUIRE(h.click("rekom-adopt"));
    h.frame(2);
    CHECK(v.adopted_new == 0);
    CHECK(v.adopted_existing == 3);
    CHECK(count_dinas_requests(h) == before + 3);
    run_plan(h);
    for (size_t i = 3; i < v.moves.size(); ++i) v.moves[i].selected = false;
    h.app->rekom_adopt();
    CHECK(v.adopted_new == 0);
    CHECK(v.adopted_existing == 3);
    CHECK(count_dinas_requests(h) == before + 3);
}

TEST_CASE("rekomendasi: only camat, BKPSDM and pusat see it") {
    Harness h(1366, 9000);  // the whole screen without scrolling
    h.frame(2);
    REQUIRE(h.click("login-demo"));
    h.frame(2);
    CHECK(h.app->login.session->role == app::Role::operator_);
    CHECK_FALSE(h.has("nav-rekomendasi"));
    CHECK_FALSE(h.app->rekom_run().ok());
    h.app->login.session->role = app::Role::bkpsdm;
    h.frame(2);
    CHECK(h.has("nav-rekomendasi"));
}


TEST_CASE("rekomendasi: the solve runs beside the UI: frames keep drawing, cancel and sign-out drop a stale answer") {
    Harness h(1366, 9000);
    camat_on_rekomendasi(h);
    // The platform holds the solve like the browser's worker: the answer comes frames later.
    h.platform.defer_plans = true;
    h.frame(2);
    REQUIRE(h.click("rekom-run"));
    h.frame(8);
    auto& v = h.app->rekom;
    CHECK(v.phase == app::RekomPhase::solving);
    CHECK(v.posted);
    REQUIRE(h.platform.held_plans.size() == 1);
    CHECK(v.run_frames >= 8);        // every frame drawn meanwhile (progress, seconds, cancel button)
    CHECK(v.instance_bytes == h.platform.held_plans[0].bytes.size());
    CHECK(h.has("rekom-cancel"));

    // Cancel: the worker is stopped; an answer that was already on its way is dropped.
    auto stale = h.platform.held_plans;
    REQUIRE(h.click("rekom-cancel"));
    h.frame();
    CHECK(h.platform.cancelled_plans == 1);
    CHECK(v.phase == app::RekomPhase::idle);
    stale[0].done(plan::solve_encoded(stale[0].bytes));
    CHECK(v.phase == app::RekomPhase::idle);
    CHECK(v.moves.empty());

    // A new run; the old answer arriving during it changes nothing, its own answer is the plan.
    REQUIRE(h.click("rekom-run"));
    h.frame(4);
    REQUIRE(h.platform.held_plans.size() == 1);
    stale[0].done(plan::solve_encoded(stale[0].bytes));
    CHECK(v.phase == app::RekomPhase::solving);
    CHECK(h.platform.answer_plans() == 1);
    // The answer is applied on the next frame (decode, moves and figures), not in the event.
    CHECK(v.phase == app::RekomPhase::solving);
    CHECK(v.answered);
    h.frame();
    REQUIRE(v.phase == app::RekomPhase::done);
    CHECK(v.ui_max_ms >= std::max({v.request_ms, v.post_ms, v.decode_ms, v.apply_ms}));
    CHECK(v.inst_digest == plan::instance_digest(v.inst));
    const plan::Plan expected =
        plan::solve(std::get<plan::Instance>(plan::instance_from_db(h.app->local->db(), query_of(v.settings))));
    REQUIRE(v.moves.size() == expected.moves.size());
    for (size_t i = 0; i < v.moves.size(); ++i) CHECK(v.moves[i].to == expected.moves[i].to);
    CHECK(v.plan.objective == expected.objective);

    // A cancelled "optimalkan sisanya" leaves the plan shown before.
    const size_t moves = v.moves.size();
    h.frame(2);
    REQUIRE(h.click("rekom-reoptimise"));
    h.frame(3);
    REQUIRE(h.platform.held_plans.size() == 1);
    REQUIRE(h.click("rekom-cancel"));
    h.frame();
    CHECK(v.phase == app::RekomPhase::done);
    CHECK(v.moves.size() == moves);

    // Signing out while the worker solves: its answer never reaches the next session.
    REQUIRE(h.click("rekom-run"));
    h.frame(4);
    REQUIRE(h.platform.held_plans.size() == 1);
    stale = h.platform.held_plans;
    h.app->login.sign_out();
    stale[0].done(plan::solve_encoded(stale[0].bytes));
    CHECK(h.app->rekom.phase == app::RekomPhase::idle);
    CHECK(h.app->rekom.moves.empty());
}

TEST_CASE("rekomendasi: a worker that fails to load says so instead of spinning") {
    Harness h(1366, 9000);
    camat_on_rekomendasi(h);
    h.platform.defer_plans = true;
    h.frame(2);
    REQUIRE(h.click("rekom-run"));
    h.frame(4);
    REQUIRE(h.platform.held_plans.size() == 1);
    auto held = std::move(h.platform.held_plans);
    h.platform.held_plans.clear();
    held[0].done(std::string());  // the browser's worker error: no bytes
    CHECK(h.app->rekom.phase == app::RekomPhase::failed);
    CHECK(h.app->rekom.issue.code == "rekom.error.worker");
}

// On a phone (360 px) the moves are cards (ui::record_card): person, from, to
// and what became of the move; a tap opens the card's detail (its reason, the
// tick, drop, keep in place) and another tap closes it. Nothing lies outside
// the screen and every card and button is a finger's height.
TEST_CASE("rekomendasi: on a phone the moves are cards, a tap opens the reason and the choices") {
    Harness h(360, 9000);
    seimbang::uitest::sign_in_demo_as(h, app::Role::camat, "Kecamatan Medan Marelan");
    REQUIRE(h.click("nav-menu"));
    REQUIRE(h.click("nav-rekomendasi"));
    h.frame(2);
    REQUIRE(h.app->screen == app::Screen::rekomendasi);
    run_plan(h);
    h.frame(2);
    const auto& v = h.app->rekom;
    REQUIRE(v.moves.size() >= 2);
    REQUIRE(h.has("##rekom-card-0"));
    CHECK_FALSE(h.has("rekom-drop-0"));  // the choices are in the detail
    auto check_fits = [] {
        int cards = 0;
        for (const auto& it : ui::locator::items()) {
            CHECK(it.rect.x >= -0.5f);
            CHECK(it.rect.x + it.rect.w <= 360.5f);  // nothing cut off at the right
            if (it.label.rfind("##rekom-card-", 0) == 0) {
                ++cards;
                CHECK(it.rect.h >= ui::kTouchTarget);
                CHECK(it.rect.w >= 300.0f);  // across the phone
            }
            if (it.label.find("##rekom-drop-") != std::string::npos || it.label.find("##rekom-pin-") != std::string::npos)
                CHECK(it.rect.h >= ui::kTouchTarget);
        }
        return cards;
    };
    CHECK(check_fits() == static_cast<int>(std::min<size_t>(v.moves.size(), app::RekomView::kMovesPerPage)));
    // A from/to label wider than the phone wraps to a second row (its office, at the end, is what tells
    // moves apart) instead of being cut: the card is then taller than three rows.
    {
        const auto card = ui::locator::find("##rekom-card-0");
        REQUIRE(card);
        const auto& m = v.moves[0];
        const std::string from = v.inst.positions[static_cast<size_t>(m.from)].label();
        const std::string to = v.inst.positions[static_cast<size_t>(m.to)].label();
        const float inner = card->w - 16;  // (the card's padding: 8 px each side)
        const bool wide = ImGui::CalcTextSize(from.c_str()).x > inner || ImGui::CalcTextSize(to.c_str()).x > inner;
        REQUIRE(wide);  // (the demo's labels "Jabatan (Kelurahan …)" are wider than a 360 px phone)
        CHECK(card->h >= ui::record_card_height(4) - 0.5f);
    }
    REQUIRE(h.click("##rekom-card-0"));
    h.frame(2);
    CHECK(h.has("rekom-drop-0"));
    CHECK(h.has("rekom-pin-0"));
    CHECK(h.has("rekom-sel-0"));  // "Jadikan usulan##rekom-sel-0"
    check_fits();
    const double before = v.now.sum_sq;
    REQUIRE(h.click("rekom-drop-0"));
    CHECK(v.moves[0].dropped);
    CHECK(v.now.sum_sq != before);  // the figures follow at once
    // Another card: its detail opens, the first one's closes.
    REQUIRE(h.click("##rekom-card-1"));
    h.frame(2);
    CHECK(h.has("rekom-drop-1"));
    CHECK_FALSE(h.has("rekom-drop-0"));
    REQUIRE(h.click("##rekom-card-1"));
    h.frame(2);
    CHECK_FALSE(h.has("rekom-drop-1"));
}
