// Issue 20, the employee's placement through the real screens: a recorded
// correction (reason required, only offices of the account's scope, shown in
// the history), an archive asked twice and undone with a reason, archived
// employees out of counts and lists but found under "Tampilkan arsip".
#include <doctest/doctest.h>

#include <algorithm>

#include "i18n/strings.h"
#include "ui/locator.h"
#include "ui_harness.h"

using seimbang::uitest::Harness;
using seimbang::uitest::has_issue;
using seimbang::uitest::office_named;
using seimbang::uitest::sign_in_demo;
using namespace seimbang;

namespace {
void become(Harness& h, app::Role role, const std::string& office_name) {
    const Office* o = office_named(h, office_name);
    REQUIRE(o);
    h.app->login.session->role = role;
    h.app->login.session->office_id = o->id;
    h.app->selected_office.clear();
    h.app->employee_table.dirty = true;
    h.frame(2);
}
// An active Terjun employee with a post, and another post of Terjun.
std::pair<std::string, std::string> terjun_employee_and_other_post(Harness& h) {
    const Office* terjun = office_named(h, "Kelurahan Terjun");
    REQUIRE(terjun);
    for (const auto& e : h.app->workload.data.employees) {
        if (e.archived || e.office_id != terjun->id || e.position_id.empty()) continue;
        for (const Position* p : h.app->workload.positions_of(terjun->id))
            if (p->id != e.position_id) return {e.id, p->id};
    }
    FAIL("no Terjun employee with another post");
    return {};
}
// Opens the employee's form by clicking their row in Pegawai.
// The harness's open_employee, for an account that edits: the form is open.
void open_employee_form(Harness& h, const std::string& id) {
    uitest::open_employee(h, id);
    REQUIRE(h.app->employee_editor.open);
}
}  // namespace

TEST_CASE("placement correction: reason required, recorded in the history, office and post changed") {
    Harness h(1366, 1400);  // tall enough for the form and its history without scrolling
    sign_in_demo(h);
    become(h, app::Role::operator_, "Kelurahan Terjun");
    const auto [id, post] = terjun_employee_and_other_post(h);
    const std::string before = h.app->workload.employee(id)->position_id;
    open_employee_form(h, id);
    REQUIRE(h.click("emp-correct"));
    REQUIRE(h.app->placement_dialog.action == app::PlacementAction::correct);
    REQUIRE(h.click("##pl-position"));
    REQUIRE(h.click("plp" + post));
    CHECK(h.app->placement_dialog.position_id == post);

    // Without a reason: refused with the field's message, nothing saved.
    REQUIRE(h.click("pl-save"));
    CHECK(has_issue(h.app->placement_dialog.check, "reason", "field.required"));
    CHECK(h.app->workload.employee(id)->position_id == before);
    CHECK(h.app->placement_history(id).empty());

    REQUIRE(h.type("##pl-reason", "salah input saat pendataan awal"));
    REQUIRE(h.type("##pl-tmt", "01-03-2026"));
    REQUIRE(h.click("pl-save"));
    h.frame(2);
    CHECK(h.app->placement_dialog.action == app::PlacementAction::none);
    CHECK(h.app->workload.employee(id)->position_id == post);
    CHECK(h.app->workload.employee(id)->tmt_position == "2026-03-01");
    const auto history = h.app->placement_history(id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].cause == "koreksi");
    CHECK(history[0].from_position_id == before);
    CHECK(history[0].reason == "salah input saat pendataan awal");

    // The employee's form shows the history with the date, the cause, from -> to and the reason.
    open_employee_form(h, id);
    h.frame(2);
    CHECK(h.has("01-03-2026  Koreksi"));
    CHECK(h.has("salah input saat pendataan awal"));
}

TEST_CASE("placement correction: only offices of the account's scope are offered or accepted") {
    Harness h;
    sign_in_demo(h);
    become(h, app::Role::operator_, "Kelurahan Terjun");
    const Office* paya = office_named(h, "Kelurahan Paya Pasir");
    REQUIRE(paya);
    const auto [id, post] = terjun_employee_and_other_post(h);
    open_employee_form(h, id);
    REQUIRE(h.click("emp-correct"));
    REQUIRE(h.click("##pl-office"));
    h.frame(2);
    CHECK_FALSE(h.has("plo" + paya->id));  // not offered
    // Forced anyway (a stale state): refused, nothing changes.
    auto& d = h.app->placement_dialog;
    d.office_id = paya->id;
    d.position_id = h.app->workload.positions_of(paya->id).front()->id;
    d.reason = "pindah";
    const Check c = h.app->submit_placement_dialog();
    CHECK(has_issue(c, "office_id", "scope.forbidden"));
    CHECK(h.app->workload.employee(id)->office_id != paya->id);
    CHECK(h.app->placement_history(id).empty());
}

TEST_CASE("archive: asked once more, out of the counts and the list, found under Tampilkan arsip, undone") {
    Harness h(1366, 2400);  // the history sits below the competences: the whole form in view
    sign_in_demo(h);
    become(h, app::Role::operator_, "Kelurahan Terjun");
    const auto [id, post] = terjun_employee_and_other_post(h);
    const std::string held = h.app->workload.employee(id)->position_id;
    const int holders = h.app->workload.holders_of(held);
    open_employee_form(h, id);
    REQUIRE(h.click("emp-archive"));
    REQUIRE(h.app->placement_dialog.action == app::PlacementAction::archive);

    // Exit kind and reason are required.
    REQUIRE(h.click("pl-save"));
    CHECK(has_issue(h.app->placement_dialog.check, "exit_kind", "placement.bad_exit_kind"));
    CHECK(has_issue(h.app->placement_dialog.check, "reason", "field.required"));
    REQUIRE(h.click("##pl-exit"));
    REQUIRE(h.click("ple-pensiun"));
    REQUIRE(h.type("##pl-reason", "BUP 58 tahun"));

    // First Save only asks; the archive happens on "Ya, arsipkan".
    REQUIRE(h.click("pl-save"));
    CHECK(h.app->placement_dialog.confirming);
    CHECK_FALSE(h.app->workload.employee(id)->archived);
    REQUIRE(h.click("pl-confirm"));
    h.frame(2);
    CHECK(h.app->workload.employee(id)->archived);
    CHECK(h.app->workload.holders_of(held) == holders - 1);
    for (int i : h.app->employee_table.rows) CHECK(h.app->workload.data.employees[i].id != id);

    // Findable under the filter, with the archive in its history and an undo.
    REQUIRE(h.click("emp-show-archived"));
    h.app->employee_table.search = h.app->workload.employee(id)->name;
    h.app->employee_table.dirty = true;
    h.frame(2);
    REQUIRE(h.click("row-" + id));
    h.frame(2);
    CHECK(h.has("DIARSIPKAN"));
    const std::string today = "01-01-2027";  // the harness clock: the default effective date
    CHECK(h.has(today + "  Diarsipkan (Pensiun)"));
    REQUIRE(h.click("emp-unarchive"));
    REQUIRE(h.click("pl-save"));
    CHECK(has_issue(h.app->placement_dialog.check, "reason", "field.required"));
    CHECK(h.app->workload.employee(id)->archived);
    REQUIRE(h.type("##pl-reason", "salah pilih pegawai"));
    REQUIRE(h.click("pl-save"));
    h.frame(2);
    CHECK_FALSE(h.app->workload.employee(id)->archived);
    CHECK(h.app->workload.holders_of(held) == holders);
    const auto history = h.app->placement_history(id);
    REQUIRE(history.size() == 2);
    CHECK(history[0].cause == "arsip");
    CHECK(history[0].exit_kind == "pensiun");
    CHECK(history[1].cause == "batal_arsip");
    CHECK(history[1].reason == "salah pilih pegawai");
}

TEST_CASE("golongan outside the post's range warns on the form, and saves") {
    Harness h;
    sign_in_demo(h);
    const Employee* e = nullptr;
    for (const auto& x : h.app->workload.data.employees) {
        const Position* p = h.app->workload.position(x.position_id);
        if (!x.archived && p && p->golongan_min == "III/b" && x.asn_type != "PPPK") {
            e = &x;
            break;
        }
    }
    if (!e)
        for (const auto& x : h.app->workload.data.employees) {
            const Position* p = h.app->workload.position(x.position_id);
            if (!x.archived && p && !p->golongan_min.empty() && x.asn_type != "PPPK") {
                e = &x;
                break;
            }
        }
    REQUIRE(e);
    const std::string id = e->id;
    open_employee_form(h, id);
    REQUIRE(h.click("##emp-golongan"));
    REQUIRE(h.click("gol-II/a"));
    const std::string before = h.app->workload.employee(id)->golongan;
    // The first Save shows the warning on the form and saves nothing yet.
    REQUIRE(h.click("emp-save"));
    h.frame(2);
    CHECK(has_issue(h.app->employee_editor.check, "golongan", "employee.golongan_outside_range"));
    CHECK(h.app->employee_editor.open);
    CHECK(h.app->workload.employee(id)->golongan == before);
    CHECK(h.has("Tetap simpan###emp-save"));
    // The second saves: legacy placements exist, a warning never blocks.
    REQUIRE(h.click("emp-save"));
    h.frame(2);
    CHECK_FALSE(h.app->employee_editor.open);
    CHECK(h.app->workload.employee(id)->golongan == "II/a");
}
