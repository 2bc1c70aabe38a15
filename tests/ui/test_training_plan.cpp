// Pelatihan: the plan lesson shows Rekomendasi's plan over the sandbox (issue 12:
// "the real screens of the app shown in place, on sandbox data"), solved by the
// same worker path, and never over the device's own data.
#include <doctest/doctest.h>

#include "app/rekomendasi.h"
#include "demo/seed.h"
#include "plan/from_db.h"
#include "plan/planner.h"
#include "plan/reasons.h"
#include "store/snapshot.h"
#include "training/sandbox.h"
#include "ui_harness.h"
#include "workflow/sync_commands.h"

using namespace seimbang;
using seimbang::uitest::Harness;

TEST_CASE("pelatihan: the plan lesson shows the planner's plan of the practice copy, worked in the worker") {
    Harness h(1366, 9000);  // the whole screen without scrolling
    seimbang::uitest::sign_in_demo_as(h, app::Role::camat, "Kecamatan Medan Marelan");
    const std::string before = store::snapshot(h.app->local->db());
    REQUIRE(h.click("nav-training"));
    h.platform.defer_plans = true;  // the answer arrives frames later, as from the browser's worker
    REQUIRE(h.click("training-lesson-membaca-rencana"));
    h.frame(2);
    CHECK(h.app->training.lesson_plan.solving);
    CHECK_FALSE(h.has("training-plan-figures"));
    REQUIRE(h.platform.held_plans.size() == 1);  // one request, not one per frame
    h.frame(3);
    CHECK(h.platform.held_plans.size() == 1);
    CHECK(h.platform.answer_plans() == 1);
    h.frame(2);
    REQUIRE(h.app->training.lesson_plan.answer);
    const auto& shown = *h.app->training.lesson_plan.answer;
    CHECK_FALSE(shown.issue);
    CHECK(h.has("training-plan-moves"));
    CHECK(h.has("training-plan-figures"));
    CHECK(h.has("training-banner"));

    // The same plan as the planner makes on a fresh practice copy for the kecamatan.
    training::Sandbox fresh;
    app::RekomSettings s;
    s.scope_office = fresh.office_id("Kecamatan Medan Marelan");
    s.year = demo::kDemoYear;
    const auto inst = plan::instance_from_db(fresh.db(), app::rekom_query(s, workflow::today_wib()));
    REQUIRE(std::holds_alternative<plan::Instance>(inst));
    const plan::Plan expected = plan::solve(std::get<plan::Instance>(inst));
    REQUIRE(expected.ok);
    CHECK_FALSE(expected.moves.empty());
    REQUIRE(shown.plan.moves.size() == expected.moves.size());
    for (size_t i = 0; i < expected.moves.size(); ++i) {
        CHECK(shown.plan.moves[i].employee == expected.moves[i].employee);
        CHECK(shown.plan.moves[i].to == expected.moves[i].to);
    }
    CHECK(shown.plan.after.sum_sq == doctest::Approx(expected.after.sum_sq));
    CHECK(shown.plan.after.sum_sq < shown.plan.before.sum_sq);

    // Resetting the practice copy drops the plan (and an answer still on its way).
    h.app->reset_sandbox();
    CHECK_FALSE(h.app->training.lesson_plan.done);
    // The device's own database was never touched.
    CHECK(store::snapshot(h.app->local->db()) == before);
}
