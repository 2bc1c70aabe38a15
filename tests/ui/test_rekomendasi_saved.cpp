// Issue 15 item 5, saved plans: a plan saved with its what-if edits reads the
// same later (also after the data changed, which the screen then says), two
// saved plans compare by person (only in A, only in B, other post), the CSV
// exports hold the moves and the figures as shown, names are checked, and a
// plan belongs to the user who saved it.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "app/saved_plans.h"
#include "i18n/format.h"
#include "i18n/strings.h"
#include "store/db.h"
#include "ui_harness.h"
#include "util/csv.h"

using seimbang::uitest::Harness;
using namespace seimbang;

namespace {

void camat_plans(Harness& h) {
    h.frame(2);
    REQUIRE(h.click("login-demo"));
    REQUIRE(h.app->login.logged_in());
    h.app->set_language(i18n::Lang::id);
    const Office* kec = nullptr;
    for (const auto& o : h.app->workload.data.offices)
        if (o.name == "Kecamatan Medan Marelan") kec = &o;
    REQUIRE(kec);
    h.app->login.session->role = app::Role::camat;
    h.app->login.session->office_id = kec->id;
    h.frame(2);
    REQUIRE(h.click("nav-rekomendasi"));
    h.frame(2);
    REQUIRE(h.click("rekom-run"));
    for (int i = 0; i < 20 && h.app->rekom.phase != app::RekomPhase::done; ++i) h.frame();
    REQUIRE(h.app->rekom.phase == app::RekomPhase::done);
    REQUIRE(h.app->rekom.moves.size() >= 3);
}

bool save_as(Harness& h, const std::string& name) {
    if (!h.type("##saved-name", name)) return false;
    return h.click("saved-save");
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at < text.size()) {
        size_t nl = text.find('\n', at);
        if (nl == std::string::npos) nl = text.size();
        std::string l = text.substr(at, nl - at);
        if (!l.empty() && l.back() == '\r') l.pop_back();
        out.push_back(l);
        at = nl + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("saved plans: saved with its edits, read back as saved, exported as CSV, flagged when the data changed") {
    Harness h(1366, 12000);
    camat_plans(h);
    auto& v = h.app->rekom;
    h.app->rekom_drop(0, true);  // a what-if edit: the saved plan keeps it
    const std::string dropped = v.inst.employees[static_cast<size_t>(v.moves[0].employee)].id;
    std::vector<std::string> kept;
    for (const auto& m : v.moves)
        if (!m.dropped) kept.push_back(v.inst.employees[static_cast<size_t>(m.employee)].id);
    const plan::Metrics now = v.now, before = v.before;

    // Names are checked: empty, then saved, then the same name again.
    REQUIRE(save_as(h, "   "));
    CHECK(h.app->saved_plans.save_check.issues.front().code == "saved.error.name_empty");
    REQUIRE(save_as(h, "Marelan tanpa satu"));
    CHECK(h.app->saved_plans.save_check.ok());
    REQUIRE(h.app->saved_plans.list.size() == 1);
    CHECK(h.app->saved_plans.list[0].moves == static_cast<int>(kept.size()));
    REQUIRE(save_as(h, "Marelan tanpa satu"));
    CHECK(h.app->saved_plans.save_check.issues.front().code == "saved.error.name_taken");
    CHECK(h.app->saved_plans.list.size() == 1);

    // Opened: the moves kept (not the dropped one), the figures of the edited plan, data unchanged.
    REQUIRE(h.click("saved-open-0"));
    const app::SavedPlan& p = h.app->saved_plans.open;
    REQUIRE(p.moves.size() == kept.size());
    for (size_t i = 0; i < kept.size(); ++i) CHECK(p.moves[i].employee_id == kept[i]);
    CHECK(std::none_of(p.moves.begin(), p.moves.end(), [&](const app::SavedMove& m) { return m.employee_id == dropped; }));
    CHECK(p.edited);
    CHECK(p.after.sum_sq == doctest::Approx(now.sum_sq));
    CHECK(p.after.overloaded == now.overloaded);
    CHECK(p.before.sum_sq == doctest::Approx(before.sum_sq));
    CHECK(p.moves[0].reason == h.app->rekom_reason(v.moves[1]));
    CHECK_FALSE(h.app->saved_plans.open_checking);  // natively the worker's check answers at once
    CHECK_FALSE(h.app->saved_plans.open_data_changed);
    CHECK(p.data_digest == v.inst_digest);          // saved with the digest the worker computed

    // CSV of the moves: the string table's headers, one line per move, as shown.
    REQUIRE(h.click("saved-csv-0"));
    REQUIRE(h.platform.saved.size() == 1);
    CHECK(h.platform.saved[0].name == "rencana-marelan-tanpa-satu-mutasi.csv");
    CHECK(h.platform.saved[0].mime == "text/csv;charset=utf-8");
    auto lines = lines_of(h.platform.saved[0].bytes);
    REQUIRE(lines.size() == kept.size() + 1);
    CHECK(lines[0] == "ID pegawai,Pegawai,ID jabatan asal,Jabatan asal,ID jabatan tujuan,Jabatan tujuan,Sumber,Alasan");
    const auto& m0 = p.moves[0];
    CHECK(lines[1] == csv::line({m0.employee_id, m0.employee, m0.from_id, m0.from, m0.to_id, m0.to, "perencana", m0.reason})
                          .substr(0, lines[1].size()));
    CHECK(lines[1].find(m0.employee) != std::string::npos);

    // CSV of the figures: before / after in the Indonesian format, the meaning beside.
    REQUIRE(h.click("saved-fig-0"));
    REQUIRE(h.platform.saved.size() == 2);
    CHECK(h.platform.saved[1].name == "rencana-marelan-tanpa-satu-angka.csv");
    lines = lines_of(h.platform.saved[1].bytes);
    REQUIRE(lines.size() == 9);  // header, seven figures, the number of moves
    CHECK(lines[0] == "Ukuran,Sebelum,Sesudah,Artinya");
    const std::string ss_before = i18n::format_decimal(before.sum_sq, 2, i18n::Lang::id);
    const std::string ss_after = i18n::format_decimal(now.sum_sq, 2, i18n::Lang::id);
    CHECK(ss_before.find(',') != std::string::npos);  // "12,34": a decimal comma, so the field is quoted
    CHECK(lines[1] == csv::line({std::string(i18n::tr("rekom.metric.sum_sq", i18n::Lang::id)), ss_before, ss_after,
                                 std::string(i18n::tr("rekom.metric.sum_sq_help", i18n::Lang::id))})
                          .substr(0, lines[1].size()));
    CHECK(lines[8] == "Pindah,," + std::to_string(kept.size()) + ",");

    // The data changes (an ABK task's volume): the plan still reads as saved, and says so.
    h.app->local->db().exec("UPDATE abk_tasks SET volume = volume + 500 WHERE id = (SELECT id FROM abk_tasks WHERE archived = 0 ORDER BY id LIMIT 1)");
    REQUIRE(h.click("saved-open-0"));
    CHECK(h.app->saved_plans.open_data_changed);
    CHECK(h.app->saved_plans.open.moves.size() == kept.size());
    CHECK(h.app->saved_plans.open.after.sum_sq == doctest::Approx(now.sum_sq));

    // Another user on the same device does not see it.
    const std::string me = h.app->login.session->username;
    h.app->login.session->username = "someone.else";
    h.app->saved_plans_reload();
    CHECK(h.app->saved_plans.list.empty());
    CHECK_FALSE(h.app->saved_plan(p.id));
    h.app->login.session->username = me;
    h.app->saved_plans_reload();
    CHECK(h.app->saved_plans.list.size() == 1);

    // Delete asks once more, then the plan is gone.
    h.frame(2);
    REQUIRE(h.click("saved-del-0"));
    CHECK(h.app->saved_plans.list.size() == 1);
    REQUIRE(h.click("saved-del-yes-0"));
    CHECK(h.app->saved_plans.list.empty());
}

TEST_CASE("saved plans: two plans compared by person — only in A, only in B, same person to another post") {
    Harness h(1366, 12000);
    camat_plans(h);
    auto& v = h.app->rekom;
    REQUIRE(save_as(h, "A: rencana perencana"));
    // B: the first planned person pinned, and the second sent elsewhere by hand when possible.
    const auto first = v.inst.employees[static_cast<size_t>(v.moves[0].employee)].id;
    REQUIRE(h.app->rekom_pin(first).ok());
    h.frame(3);
    REQUIRE(save_as(h, "B: satu dikunci"));
    const std::string why = h.app->saved_plans.save_check.ok() ? "ok" : h.app->saved_plans.save_check.issues.front().code;
    INFO(why);
    REQUIRE(h.app->saved_plans.list.size() == 2);  // newest first: B, A
    h.frame(2);
    REQUIRE(h.click("saved-a-1"));
    REQUIRE(h.click("saved-b-0"));
    REQUIRE(h.click("saved-compare"));
    const auto& s = h.app->saved_plans;
    REQUIRE(s.comparing);
    CHECK(s.a.name == "A: rencana perencana");
    CHECK(s.b.name == "B: satu dikunci");
    REQUIRE(s.diff.only_a.size() == 1);
    CHECK(s.a.moves[s.diff.only_a[0]].employee_id == first);
    CHECK(s.diff.only_b.empty());
    CHECK(s.diff.other_post.empty());
    CHECK(s.diff.same == static_cast<int>(s.a.moves.size()) - 1);
    CHECK(s.a.after.sum_sq != doctest::Approx(s.b.after.sum_sq));

    // The comparison itself, on plans written by hand.
    app::SavedPlan a, b;
    auto mv = [](const char* e, const char* to) {
        app::SavedMove m;
        m.employee_id = e;
        m.to_id = to;
        return m;
    };
    a.moves = {mv("e1", "p2"), mv("e2", "p3"), mv("e3", "p4")};
    b.moves = {mv("e4", "p1"), mv("e3", "p5"), mv("e2", "p3")};
    const auto d = app::compare_saved_plans(a, b);
    REQUIRE(d.only_a.size() == 1);
    CHECK(a.moves[d.only_a[0]].employee_id == "e1");
    REQUIRE(d.only_b.size() == 1);
    CHECK(b.moves[d.only_b[0]].employee_id == "e4");
    REQUIRE(d.other_post.size() == 1);
    CHECK(a.moves[d.other_post[0].first].to_id == "p4");
    CHECK(b.moves[d.other_post[0].second].to_id == "p5");
    CHECK(d.same == 1);

    // Choosing the same plan as A and B is refused with a reason.
    h.app->saved_plans.compare_b = h.app->saved_plans.compare_a;
    CHECK(h.app->saved_plans_compare().issues.front().code == "saved.error.pick_two");
}

TEST_CASE("saved plans: the plan on screen is one side of a comparison without saving it") {
    Harness h(1366, 12000);
    camat_plans(h);
    auto& v = h.app->rekom;
    REQUIRE(save_as(h, "Rencana awal"));
    REQUIRE(h.app->saved_plans.list.size() == 1);
    // An edit on screen, not saved: the first move dropped.
    const auto first = v.inst.employees[static_cast<size_t>(v.moves[0].employee)].id;
    h.app->rekom_drop(0, true);
    h.frame(3);
    REQUIRE(h.click("saved-a-current"));
    REQUIRE(h.click("saved-b-0"));
    REQUIRE(h.click("saved-compare"));
    const auto& s = h.app->saved_plans;
    REQUIRE(s.comparing);
    CHECK(s.a.name == i18n::tr("saved.current", i18n::Lang::id));
    CHECK(s.b.name == "Rencana awal");
    CHECK(s.diff.only_a.empty());
    REQUIRE(s.diff.only_b.size() == 1);
    CHECK(s.b.moves[s.diff.only_b[0]].employee_id == first);
    CHECK(s.diff.same == static_cast<int>(s.b.moves.size()) - 1);
    CHECK(s.a.after.sum_sq == doctest::Approx(v.now.sum_sq));
    CHECK(s.a.edited);
    // Nothing was saved by comparing.
    h.app->saved_plans_reload();
    CHECK(h.app->saved_plans.list.size() == 1);

    // While a new run replaces the plan there is no plan on screen to compare.
    REQUIRE(h.app->rekom_run().ok());
    REQUIRE(h.app->rekom.phase != app::RekomPhase::done);
    h.app->saved_plans.compare_a = app::kCurrentPlanId;
    const Check c = h.app->saved_plans_compare();
    REQUIRE_FALSE(c.ok());
    CHECK(c.issues.front().code == "rekom.error.no_plan");
}

TEST_CASE("saved plans: the data check runs in the planner's worker, after a run that has it") {
    Harness h(1366, 9000);
    camat_plans(h);
    REQUIRE(save_as(h, "Rencana cek"));
    h.frame(2);
    auto& s = h.app->saved_plans;
    // The worker answers frames later, as in the browser: the screen says it is checking.
    h.platform.defer_plans = true;
    REQUIRE(h.click("saved-open-0"));
    CHECK(s.open_checking);
    CHECK(s.check_posted);
    REQUIRE(h.platform.held_plans.size() == 1);
    h.frame(2);  // the screen says it is checking (saved.data_checking) meanwhile
    CHECK(s.open_checking);
    CHECK(h.platform.answer_plans() == 1);
    CHECK_FALSE(s.open_checking);
    CHECK_FALSE(s.open_data_changed);

    // A run takes the worker: the check still out is cancelled and posted again after the run.
    REQUIRE(h.click("saved-open-0"));
    REQUIRE(s.check_posted);
    h.frame(2);
    REQUIRE(h.click("rekom-run"));
    h.frame(3);  // the snapshot read and posted
    CHECK(h.platform.cancelled_plans == 1);
    CHECK_FALSE(s.check_posted);
    CHECK(s.open_checking);
    REQUIRE(h.platform.held_plans.size() == 1);  // the run (cancel dropped the check)
    CHECK(h.platform.answer_plans() == 1);
    h.frame(3);  // decode and apply; the check goes again once the run is done
    CHECK(h.app->rekom.phase == app::RekomPhase::done);
    CHECK(s.check_posted);
    REQUIRE(h.platform.held_plans.size() == 1);
    // The data changed meanwhile: the check says so.
    h.app->local->db().exec("UPDATE abk_tasks SET volume = volume + 500 WHERE id = (SELECT id FROM abk_tasks WHERE archived = 0 ORDER BY id LIMIT 1)");
    CHECK(h.platform.answer_plans() == 1);  // answered on the snapshot taken before the change
    CHECK_FALSE(s.open_data_changed);
    REQUIRE(h.click("saved-open-0"));
    CHECK(h.platform.answer_plans() == 1);
    CHECK(s.open_data_changed);
}

// At Kota scale a save is more than a frame's work (3,000+ reasons and their
// JSON): it is written a slice per frame, then one INSERT. Here the slice is one
// move, so the Marelan plan takes several frames; an edit meanwhile starts it
// again, and what is saved is the plan as it is at the end, as the one-step save
// writes it (rekom_as_saved).
TEST_CASE("saved plans: a save is written over frames and follows an edit made meanwhile") {
    Harness h(1366, 12000);
    camat_plans(h);
    auto& s = h.app->saved_plans;
    auto& v = h.app->rekom;
    const size_t n = v.moves.size();
    REQUIRE(n >= 3);
    s.save_slice_moves = 1;
    s.save_name = "Kota pelan";
    REQUIRE(h.app->rekom_save_plan().ok());
    CHECK(s.saving.active);
    CHECK(s.list.empty());
    CHECK(s.saving.kept == 1);
    h.frame();
    CHECK(s.saving.active);
    CHECK(s.saving.kept == 2);
    if (n >= 4) {  // the locator reports the frame before the last: one frame more
        h.frame();
        REQUIRE(s.saving.active);
        CHECK_FALSE(h.has("saved-save"));  // the button waits for the save (saved.saving shown)
    }
    // A second save meanwhile is refused, nothing else changes.
    s.save_name = "Kota kedua";
    const Check twice = h.app->rekom_save_plan();
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.issues.front().code == "saved.error.saving");
    CHECK(s.saving.name == "Kota pelan");
    // An edit: the save starts again from the edited plan.
    h.app->rekom_drop(1, true);
    h.frame();
    CHECK(s.saving.kept == 1);
    for (int i = 0; i < 40 && s.saving.active; ++i) h.frame();
    REQUIRE_FALSE(s.saving.active);
    REQUIRE(s.list.size() == 1);
    CHECK(s.list[0].name == "Kota pelan");
    CHECK(s.list[0].moves == static_cast<int>(n - 1));
    CHECK(s.save_steps >= static_cast<int>(n - 1));
    CHECK(s.save_step_max_ms <= s.save_ms);
    const auto saved = h.app->saved_plan(s.list[0].id);
    REQUIRE(saved);
    const app::SavedPlan expected = h.app->rekom_as_saved();
    REQUIRE(saved->moves.size() == expected.moves.size());
    for (size_t i = 0; i < expected.moves.size(); ++i) {
        CHECK(saved->moves[i].employee_id == expected.moves[i].employee_id);
        CHECK(saved->moves[i].to_id == expected.moves[i].to_id);
        CHECK(saved->moves[i].reason == expected.moves[i].reason);
        CHECK(saved->moves[i].manual == expected.moves[i].manual);
    }
    CHECK(saved->edited);
    CHECK(saved->after.sum_sq == doctest::Approx(v.now.sum_sq));
    h.frame();
    CHECK(h.has("saved-save"));

    // A plan that goes while it is saved (a new run) ends the save, nothing written.
    s.save_name = "Kota hilang";
    REQUIRE(h.app->rekom_save_plan().ok());
    REQUIRE(s.saving.active);
    REQUIRE(h.app->rekom_run().ok());
    h.frame();
    CHECK_FALSE(s.saving.active);
    CHECK(uitest::has_issue(s.save_check, "plan", "rekom.error.no_plan"));
    h.app->saved_plans_reload();
    CHECK(s.list.size() == 1);
}
