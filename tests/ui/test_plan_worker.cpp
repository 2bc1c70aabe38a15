// The planner's worker as the app uses it (Platform::solve_plan, issue 15):
// requests out at the same time (a Rekomendasi run and a Pelatihan lesson's
// plan) each get their own answer, routed by request id; the worker keeps the
// database copy between runs while the data has not changed, and a warm-up on
// entering Rekomendasi leaves it ready.
#include <doctest/doctest.h>

#include <string>

#include "app/rekomendasi.h"
#include "demo/seed.h"
#include "plan/from_db.h"
#include "plan/planner.h"
#include "plan/wire.h"
#include "ui_harness.h"
#include "workflow/sync_commands.h"

using namespace seimbang;
using seimbang::uitest::Harness;

namespace {

void camat_on_rekomendasi(Harness& h) {
    seimbang::uitest::sign_in_demo_as(h, app::Role::camat, "Kecamatan Medan Marelan");
    REQUIRE(h.click("nav-rekomendasi"));
    REQUIRE(h.app->screen == app::Screen::rekomendasi);
    h.frame(2);
}

// The plan the planner makes of the device's own data for the form's settings.
plan::Plan expected_plan(Harness& h) {
    const auto inst = plan::instance_from_db(h.app->local->db(), app::rekom_query(h.app->rekom.settings, workflow::today_wib()));
    REQUIRE(std::holds_alternative<plan::Instance>(inst));
    return plan::solve(std::get<plan::Instance>(inst));
}

void check_shows(Harness& h, const plan::Plan& expected) {
    const auto& v = h.app->rekom;
    REQUIRE(v.phase == app::RekomPhase::done);
    REQUIRE(v.moves.size() == expected.moves.size());
    for (size_t i = 0; i < v.moves.size(); ++i) CHECK(v.moves[i].to == expected.moves[i].to);
    CHECK(v.plan.objective == expected.objective);
}

void run_to_end(Harness& h) {
    REQUIRE(h.click("rekom-run"));
    for (int i = 0; i < 20 && h.app->rekom.phase != app::RekomPhase::done && h.app->rekom.phase != app::RekomPhase::failed; ++i)
        h.frame();
}

}  // namespace

TEST_CASE("planner worker: a Rekomendasi run and a lesson's plan out at once each get their own answer") {
    Harness h(1366, 9000);
    camat_on_rekomendasi(h);
    h.platform.defer_plans = true;
    REQUIRE(h.click("rekom-run"));
    h.frame(3);
    auto& v = h.app->rekom;
    REQUIRE(v.posted);
    REQUIRE(h.platform.held_plans.size() == 1);
    // Meanwhile a Pelatihan lesson asks the same worker for its sandbox plan.
    h.app->request_lesson_plan("Kecamatan Medan Marelan");
    REQUIRE(h.platform.held_plans.size() == 2);
    CHECK(h.platform.held_plans[0].id != h.platform.held_plans[1].id);
    // Answered the other way round: each answer reaches its own request.
    auto held = std::move(h.platform.held_plans);
    h.platform.held_plans.clear();
    held[1].done(plan::solve_encoded(held[1].bytes));
    REQUIRE(h.app->training.lesson_plan.answer);
    CHECK_FALSE(h.app->training.lesson_plan.answer->issue);
    CHECK(h.app->training.lesson_plan.answer->solved);
    CHECK(v.phase == app::RekomPhase::solving);  // the lesson's answer did not land in the run
    CHECK(v.posted);
    held[0].done(plan::solve_encoded(held[0].bytes));
    h.frame(2);
    check_shows(h, expected_plan(h));

    // A run cancelled while a lesson's plan is out: the worker goes on (not
    // terminated), the lesson gets its answer, the run's answer reaches nobody.
    h.app->forget_lesson_plan();
    h.app->request_lesson_plan("Kecamatan Medan Marelan");
    REQUIRE(h.click("rekom-run"));
    h.frame(3);
    REQUIRE(h.platform.held_plans.size() == 2);
    const auto run_id = h.platform.held_plans[1].id;
    h.app->rekom_cancel();
    CHECK(v.phase == app::RekomPhase::idle);
    REQUIRE(h.platform.held_plans.size() == 1);  // the lesson's request is still out
    CHECK(h.platform.held_plans[0].id != run_id);
    CHECK(h.platform.plan_router.pending() == 1);
    CHECK(h.platform.answer_plans() == 1);
    REQUIRE(h.app->training.lesson_plan.answer);
    CHECK(h.app->training.lesson_plan.answer->solved);
    CHECK(v.phase == app::RekomPhase::idle);
}

TEST_CASE("planner worker: the router gives each answer to its request once, none after cancel or failure") {
    app::PlanRouter r;
    std::string got_a, got_b, got_c;
    const auto a = r.add([&](const std::string& x) { got_a += "a:" + x; });
    const auto b = r.add([&](const std::string& x) { got_b += "b:" + x; });
    CHECK(a != b);
    CHECK_FALSE(r.cancel(b + 100));  // unknown: nothing stopped
    if (auto cb = r.take(b)) cb("1");
    CHECK(got_b == "b:1");
    CHECK_FALSE(r.take(b));  // once
    const auto c = r.add([&](const std::string& x) { got_c += "c:" + x; });
    CHECK_FALSE(r.cancel(c));  // a is still out: the worker must go on
    CHECK_FALSE(r.take(c));
    CHECK(r.cancel(a));  // the only one out: the worker may be stopped
    CHECK(r.pending() == 0);
    const auto d = r.add([&](const std::string& x) { got_a += "d:" + x; });
    CHECK(d > c);
    for (auto& cb : r.take_all()) cb("");
    CHECK(got_a == "d:");
    CHECK(got_c.empty());
}

TEST_CASE("planner worker: the database copy is kept while the data holds, sent again when it changed or was lost") {
    Harness h(1366, 9000);
    camat_on_rekomendasi(h);
    auto& v = h.app->rekom;
    run_to_end(h);
    check_shows(h, expected_plan(h));
    CHECK(v.snapshot_sent);
    const size_t with_snapshot = v.instance_bytes;
    CHECK(with_snapshot > 100000);

    // Other weights, same data: the request is the query only; the plan is that of the data.
    v.settings.move_cost = 0.2;
    h.frame();
    run_to_end(h);
    check_shows(h, expected_plan(h));
    CHECK_FALSE(v.snapshot_sent);
    CHECK(v.instance_bytes < 1000);

    // A change of the data (an ABK workload): the snapshot goes again, the plan follows the change.
    h.app->local->db().exec(
        "UPDATE abk_tasks SET volume = volume + 5000 WHERE id = (SELECT id FROM abk_tasks WHERE archived = 0 ORDER BY id LIMIT 1)");
    run_to_end(h);
    check_shows(h, expected_plan(h));
    CHECK(v.snapshot_sent);

    // The worker lost its copy without the app knowing (it was restarted): it asks, the app sends it.
    plan::forget_cached_db();
    run_to_end(h);
    check_shows(h, expected_plan(h));
    CHECK(v.snapshot_sent);
    run_to_end(h);
    CHECK_FALSE(v.snapshot_sent);
}

TEST_CASE("planner worker: entering Rekomendasi warms the worker up once per data version") {
    Harness h(1366, 9000);
    camat_on_rekomendasi(h);
    h.platform.defer_plans = true;
    auto& v = h.app->rekom;
    h.app->rekom_warm();
    REQUIRE(h.platform.held_plans.size() == 1);
    CHECK(v.warm_posted);
    h.app->rekom_warm();  // once
    CHECK(h.platform.held_plans.size() == 1);
    CHECK(h.platform.answer_plans() == 1);
    CHECK(v.warmed);
    CHECK_FALSE(v.warm_posted);
    CHECK(v.warm_solve_ms >= 0);
    h.app->rekom_warm();  // the same data: warm already
    CHECK(h.platform.held_plans.empty());
    // The first run finds the database copy in the worker.
    h.platform.defer_plans = false;
    run_to_end(h);
    check_shows(h, expected_plan(h));
    CHECK_FALSE(v.snapshot_sent);
    // Signing out drops a warm-up still out.
    h.platform.defer_plans = true;
    h.app->local->db().exec("UPDATE abk_tasks SET volume = volume + 1 WHERE id = (SELECT id FROM abk_tasks ORDER BY id LIMIT 1)");
    h.app->rekom_warm();
    REQUIRE(h.platform.held_plans.size() == 1);
    auto held = h.platform.held_plans;
    h.app->login.sign_out();
    CHECK(h.platform.held_plans.empty());
    held[0].done(plan::solve_encoded(held[0].bytes));
    CHECK_FALSE(h.app->rekom.warmed);
}
