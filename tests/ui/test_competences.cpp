// Issue 15 item 1, competence profiles through the real screens: an employee's
// competences edited on Pegawai (level buttons, the list of tags, a tag of the
// instansi's own, refusals), the fit for their own post shown as it changes, a
// position's requirements edited on Unit & Jabatan, each save stored through
// the store's validated writer (the browser test syncs it), and accounts that may not edit see the profile read-only.
#include <doctest/doctest.h>

#include <algorithm>

#include "i18n/strings.h"
#include "plan/eligibility_records.h"
#include "store/repo.h"
#include "ui/locator.h"
#include "ui_harness.h"

using seimbang::uitest::Harness;
using seimbang::uitest::has_issue;
using seimbang::uitest::office_named;
using seimbang::uitest::open_employee;
using seimbang::uitest::sign_in_demo;
using namespace seimbang;

namespace {
// An active employee whose post requires at least one competence.
const Employee* employee_with_requirements(Harness& h) {
    for (const auto& e : h.app->workload.data.employees) {
        const Position* p = h.app->workload.position(e.position_id);
        if (!e.archived && p && !p->requirements.empty() && h.app->workload.in_scope(e.office_id)) return &e;
    }
    return nullptr;
}
}  // namespace

TEST_CASE("competences: levels, a listed tag and an own tag are edited on Pegawai and saved") {
    Harness h(1366, 2400);  // the whole form without scrolling
    sign_in_demo(h);
    const Employee* found = employee_with_requirements(h);
    REQUIRE(found);
    const std::string id = found->id;
    const Position* post = h.app->workload.position(found->position_id);
    REQUIRE(post);
    const std::string required_tag = post->requirements.begin()->first;
    const int required_level = post->requirements.begin()->second;
    open_employee(h, id);
    REQUIRE(h.app->employee_editor.open);
    auto& draft = h.app->employee_editor.draft;

    // Below the requirement: the fit says so, for that competence.
    draft.competences[required_tag] = 1;
    if (required_level == 1) draft.competences.erase(required_tag);
    h.frame(2);
    CHECK(h.has("##fit-" + required_tag));
    CHECK_FALSE(plan::requirement_fit(draft, *post).met());
    CHECK(h.has("##competence-fit-badge"));

    // The level buttons set the level (a click, as a person does).
    draft.competences[required_tag] = 1;
    h.frame(2);
    REQUIRE(h.click("empc-" + required_tag + "-5"));
    CHECK(draft.competences[required_tag] == 5);

    // A listed tag from the add list, at level 1; then level 3.
    const std::string listed = draft.competences.count("pengambilan_keputusan") ? "komunikasi" : "pengambilan_keputusan";
    draft.competences.erase(listed);
    h.frame(2);
    REQUIRE(h.click("##empc-add"));
    REQUIRE(h.click("empc-add-" + listed));
    REQUIRE(draft.competences.count(listed));
    CHECK(draft.competences[listed] == 1);
    REQUIRE(h.click("empc-" + listed + "-3"));
    CHECK(draft.competences[listed] == 3);

    // A tag of the instansi's own, typed: refused with a reason when it is not a name.
    const auto before_refusal = draft.competences;
    REQUIRE(h.type("##empc-custom", "IT/Jaringan"));
    REQUIRE(h.click("empc-add-custom"));
    CHECK(draft.competences == before_refusal);
    CHECK(h.app->employee_editor.adder.error == "competence.bad_tag_text");
    REQUIRE(h.type("##empc-custom", "Kearsipan Digital"));
    REQUIRE(h.click("empc-add-custom"));
    CHECK(draft.competences.count("kearsipan_digital"));
    CHECK(h.app->employee_editor.adder.error.empty());
    // The same tag again is said, not doubled.
    REQUIRE(h.type("##empc-custom", "kearsipan digital"));
    REQUIRE(h.click("empc-add-custom"));
    CHECK(h.app->employee_editor.adder.error == "competence.already_listed");

    // Remove one.
    REQUIRE(h.click("empc-kearsipan_digital-remove"));
    CHECK_FALSE(draft.competences.count("kearsipan_digital"));

    const auto expected = draft.competences;
    REQUIRE(h.click("emp-save"));
    h.frame(2);
    if (h.app->employee_editor.open) REQUIRE(h.click("emp-save"));  // a golongan warning asks once
    h.frame(2);
    CHECK_FALSE(h.app->employee_editor.open);
    CHECK(h.app->workload.employee(id)->competences == expected);
    const auto stored = store::get_employee(h.app->local->db(), id);
    REQUIRE(stored);
    CHECK(stored->competences == expected);
}

TEST_CASE("competences: an out-of-range level is refused on save and nothing is written") {
    Harness h(1366, 2400);
    sign_in_demo(h);
    const Employee* found = employee_with_requirements(h);
    REQUIRE(found);
    const std::string id = found->id;
    const auto before = found->competences;
    open_employee(h, id);
    h.app->employee_editor.draft.competences["integritas"] = 7;  // no button makes this: a corrupted draft
    REQUIRE(h.click("emp-save"));
    h.frame(2);
    CHECK(h.app->employee_editor.open);
    const auto& issues = h.app->employee_editor.check.issues;
    CHECK(std::any_of(issues.begin(), issues.end(), [](const Issue& i) {
        return i.code == "competence.bad_level" && i.field == "competences";
    }));
    CHECK(store::get_employee(h.app->local->db(), id)->competences == before);
}

TEST_CASE("position requirements: edited on Unit & Jabatan, checked, saved; holders' fit shown") {
    Harness h(1366, 2400);
    sign_in_demo(h);
    const Employee* holder = employee_with_requirements(h);
    REQUIRE(holder);
    const std::string pos_id = holder->position_id;
    const std::string office_id = holder->office_id;
    REQUIRE(h.click("nav-units"));
    h.app->selected_office = office_id;
    h.frame(2);
    REQUIRE(h.click("pos-edit-" + pos_id));
    REQUIRE(h.app->position_editor.open);
    auto& draft = h.app->position_editor.draft;

    // A range upside down is refused with its reason; nothing is saved.
    const Position stored_before = *h.app->workload.position(pos_id);
    REQUIRE(h.click("##pos-gol-min"));
    REQUIRE(h.click("pos-gol-min-IV/a"));
    REQUIRE(h.click("##pos-gol-max"));
    REQUIRE(h.click("pos-gol-max-II/a"));
    CHECK(draft.golongan_min == "IV/a");
    CHECK(draft.golongan_max == "II/a");
    REQUIRE(h.click("pos-save"));
    h.frame(2);
    CHECK(h.app->position_editor.open);
    const auto& issues = h.app->position_editor.check.issues;
    CHECK(std::any_of(issues.begin(), issues.end(),
                      [](const Issue& i) { return i.code == "golongan.min_above_max"; }));
    CHECK(store::get_position(h.app->local->db(), pos_id)->golongan_min == stored_before.golongan_min);

    // A sensible range and a new requirement at level 5: the holder no longer meets it.
    REQUIRE(h.click("##pos-gol-min"));
    REQUIRE(h.click("pos-gol-min-none"));
    REQUIRE(h.click("##pos-gol-max"));
    REQUIRE(h.click("pos-gol-max-IV/e"));
    draft.requirements.erase("mengelola_perubahan");
    h.frame(2);
    REQUIRE(h.click("##posc-add"));
    REQUIRE(h.click("posc-add-mengelola_perubahan"));
    REQUIRE(h.click("posc-mengelola_perubahan-5"));
    CHECK(draft.requirements["mengelola_perubahan"] == 5);
    // Before saving, each holder is shown against the draft.
    CHECK(h.has("##holder-fit-" + holder->id));
    const auto expected = draft.requirements;
    REQUIRE(h.click("pos-save"));
    h.frame(2);
    CHECK_FALSE(h.app->position_editor.open);
    const auto stored = store::get_position(h.app->local->db(), pos_id);
    REQUIRE(stored);
    CHECK(stored->requirements == expected);
    CHECK(stored->golongan_min.empty());
    CHECK(stored->golongan_max == "IV/e");
    CHECK(stored->name == stored_before.name);  // only the requirements change here
}

TEST_CASE("position requirements: only editors, only in scope, only the requirements") {
    Harness h(1366, 2400);
    sign_in_demo(h);
    const Employee* holder = employee_with_requirements(h);
    REQUIRE(holder);
    const std::string pos_id = holder->position_id;
    h.app->edit_position(pos_id);
    REQUIRE(h.app->position_editor.open);
    // A draft that renames the post is refused: names come from the reference data.
    h.app->position_editor.draft.name = "Jabatan Baru";
    CHECK_FALSE(h.app->save_position_draft().ok());
    CHECK(h.app->workload.position(pos_id)->name != "Jabatan Baru");
    h.app->close_position_editor();

    // An operator of one kelurahan edits the posts of that kelurahan only.
    bool outside = false;
    for (const auto& o : h.app->workload.data.offices) {
        if (o.kind != OfficeKind::kelurahan) continue;
        h.app->login.session->office_id = o.id;
        h.frame();
        if ((outside = !h.app->workload.in_scope(holder->office_id))) break;
    }
    REQUIRE(outside);
    h.app->edit_position(pos_id);
    CHECK_FALSE(h.app->position_editor.open);

    // Pusat reads every office but writes none: no editor opens, no button is drawn.
    h.app->login.session->role = app::Role::pusat;
    h.app->login.session->office_id = h.app->workload.data.offices.front().id;
    REQUIRE(h.click("nav-units"));
    h.app->selected_office = holder->office_id;
    h.frame(2);
    CHECK_FALSE(h.has("pos-edit-" + pos_id));
    h.app->edit_position(pos_id);
    CHECK_FALSE(h.app->position_editor.open);
}

TEST_CASE("competences: an account that may not edit sees the profile and the fit read-only") {
    Harness h(1366, 2400);
    sign_in_demo(h);
    const Employee* found = employee_with_requirements(h);
    REQUIRE(found);
    const std::string id = found->id;
    h.app->login.session->role = app::Role::pusat;  // reads every office, writes none
    h.frame(2);
    open_employee(h, id);
    h.frame(2);  // the card appears on the frames after the click
    CHECK_FALSE(h.app->employee_editor.open);
    CHECK(h.app->employee_table.selected_id == id);
    CHECK(h.has("##competence-fit-badge"));
    CHECK_FALSE(h.has("##empc-add"));  // no editing widgets
    REQUIRE(h.click("emp-view-close"));
    CHECK(h.app->employee_table.selected_id.empty());
}
