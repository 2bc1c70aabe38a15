// The real screens, headless: demo sign-in, every screen for a few frames, and
// the employee form's inline validation and save, all through clicks.
#include <doctest/doctest.h>

#include <algorithm>

#include "i18n/format.h"
#include "i18n/strings.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/locator.h"
#include "ui_harness.h"

using seimbang::uitest::Harness;
using seimbang::uitest::has_issue;
using seimbang::uitest::office_named;
using seimbang::uitest::sign_in_demo;
using seimbang::app::Screen;

namespace {
}  // namespace

TEST_CASE("login screen: demo mode seeds Medan Marelan and signs in offline") {
    Harness h;
    h.frame(2);
    CHECK(h.app->screen == Screen::login);
    CHECK(h.has("login-submit"));
    REQUIRE(h.click("login-demo"));
    CHECK(h.app->login.logged_in());
    CHECK(h.app->screen == Screen::home);
    CHECK(h.app->workload.data.employees.size() > 50);
    CHECK(h.platform.persist_requests > 0);  // seeded data is flushed to durable storage
}

TEST_CASE("login without network and without a cached credential explains why") {
    Harness h;
    h.frame(2);
    REQUIRE(h.type("##login-user", "operator.terjun"));
    REQUIRE(h.type("##login-pass", "rahasia"));
    REQUIRE(h.click("login-submit"));
    CHECK_FALSE(h.app->login.logged_in());
    CHECK(h.app->login.error == "ui.login.first_online");
}

TEST_CASE("every screen draws from the navigation") {
    Harness h;
    sign_in_demo(h);
    for (auto [nav, screen] : {std::pair{"nav-employees", Screen::employees}, {"nav-units", Screen::units},
                               {"nav-abk", Screen::abk}, {"nav-sync", Screen::sync}, {"nav-home", Screen::home}}) {
        REQUIRE(h.click(nav));
        CHECK(h.app->screen == screen);
        h.frame(3);
    }
}

TEST_CASE("Beranda lists overloaded offices first") {
    Harness h;
    sign_in_demo(h);
    auto loads = h.app->workload.loads_by_pressure();
    REQUIRE(loads.size() >= 5);
    for (size_t i = 1; i < loads.size(); ++i)
        CHECK(loads[i - 1]->eu.value_or(0) >= loads[i]->eu.value_or(0));
    CHECK(loads.front()->eu.value_or(0) > 1.0);  // the demo has an overloaded kelurahan
}

TEST_CASE("employee form: wrong NIP is refused inline, a valid one is saved") {
    Harness h;
    sign_in_demo(h);
    REQUIRE(h.click("nav-employees"));
    const size_t before = h.app->workload.data.employees.size();
    REQUIRE(h.click("emp-add"));
    REQUIRE(h.app->employee_editor.open);
    REQUIRE(h.type("##emp-nip", "12345"));
    REQUIRE(h.type("##emp-name", "Siti Rahmawati Lubis"));
    REQUIRE(h.click("emp-save"));
    CHECK(h.app->employee_editor.open);
    CHECK(has_issue(h.app->employee_editor.check, "nip", "nip.bad_length"));
    CHECK(h.app->workload.data.employees.size() == before);

    // Fill the rest through the draft (combo popups are exercised by the browser test).
    auto& d = h.app->employee_editor.draft;
    REQUIRE(h.type("##emp-nip", "199005142015031007"));
    REQUIRE(h.type("##emp-birth_date", "1990-05-14"));
    const auto& pos = h.app->workload.data.positions.front();
    d.golongan = pos.golongan_min.empty() ? "III/a" : pos.golongan_min;  // within the post's range: no question
    d.education = "S-1";
    d.office_id = pos.office_id;
    d.position_id = pos.id;
    REQUIRE(h.click("emp-save"));
    CHECK_FALSE(h.app->employee_editor.open);
    CHECK(h.app->workload.data.employees.size() == before + 1);
    CHECK(h.app->save_state == seimbang::app::SaveState::saved);
}

TEST_CASE("ABK: editing a task volume updates the live results") {
    Harness h;
    sign_in_demo(h);
    REQUIRE(h.click("nav-abk"));
    h.frame(2);
    const std::string pos = h.app->selected_position;
    REQUIRE_FALSE(pos.empty());
    auto tasks = h.app->workload.tasks_of(pos);
    REQUIRE_FALSE(tasks.empty());
    const double before = h.app->workload.abk_position(pos)->workload_minutes;
    const std::string id = tasks.front()->id;
    const double old_volume = tasks.front()->volume;
    REQUIRE(h.click("task-edit-" + id));
    REQUIRE(h.app->task_editor.open);
    REQUIRE(h.type("##task-volume", seimbang::i18n::format_number(old_volume * 2, 3)));
    REQUIRE(h.click("task-save"));
    CHECK_FALSE(h.app->task_editor.open);
    CHECK(h.app->workload.abk_position(pos)->workload_minutes > before);
}

TEST_CASE("ABK: the kecamatan lists the positions of every unit below it, per unit") {
    Harness h;
    sign_in_demo(h);
    REQUIRE(h.click("nav-abk"));
    h.frame(2);
    const seimbang::Office* kec = h.app->workload.office(h.app->selected_office);
    REQUIRE(kec);
    REQUIRE(kec->kind == seimbang::OfficeKind::kecamatan);
    const auto units = h.app->workload.subtree(kec->id);
    REQUIRE(units.size() > 1);
    CHECK(units.front() == kec);
    // The first kelurahan's positions are in the list, and open their tasks.
    auto kel = std::find_if(units.begin(), units.end(),
                            [](auto* u) { return u->kind == seimbang::OfficeKind::kelurahan; });
    REQUIRE(kel != units.end());
    const auto positions = h.app->workload.positions_of((*kel)->id);
    REQUIRE_FALSE(positions.empty());
    const std::string pos = positions.front()->id;
    REQUIRE(h.has("pos-" + pos));
    REQUIRE(h.click("pos-" + pos));
    CHECK(h.app->selected_position == pos);
    CHECK(h.has("abk-add-task"));
    // The unit rows (each unit's own positions) add up to the kecamatan's roll-up.
    double needed = 0;
    int holders = 0;
    for (const auto* u : units) {
        const auto l = h.app->workload.own_load(u->id);
        needed += l.needed;
        holders += l.holders;
    }
    REQUIRE(h.app->workload.load_of(kec->id));
    CHECK(needed == doctest::Approx(h.app->workload.load_of(kec->id)->needed));
    CHECK(holders == h.app->workload.load_of(kec->id)->holders);
    // A kelurahan alone lists only its own positions.
    REQUIRE(h.click((*kel)->name));
    h.frame(2);
    CHECK(h.app->selected_office == (*kel)->id);
    CHECK_FALSE(h.has("pos-" + h.app->workload.positions_of(kec->id).front()->id));
}

TEST_CASE("office tree: a long seksi name wraps inside the tree instead of being cut") {
    Harness h(1366, 768);
    sign_in_demo(h);
    for (const char* nav : {"nav-units", "nav-abk"}) {
        REQUIRE(h.click(nav));
        h.frame(2);
        // Found by its full name (the locator reads the wrapped label on one line).
        auto r = seimbang::ui::locator::find("Seksi Ketenteraman dan Ketertiban Umum");
        REQUIRE(r);
        auto one_line = seimbang::ui::locator::find("Kelurahan Terjun");
        REQUIRE(one_line);
        CHECK(r->h > one_line->h * 1.4f);  // two lines tall
        REQUIRE(h.click("Seksi Ketenteraman dan Ketertiban Umum"));
        CHECK(h.app->workload.office(h.app->selected_office)->name == "Seksi Ketenteraman dan Ketertiban Umum");
    }
}

TEST_CASE("every data table's headers fit their columns at 1366 px, in both languages") {
    Harness h(1366, 768);
    sign_in_demo(h);
    for (auto lang : {seimbang::i18n::Lang::id, seimbang::i18n::Lang::en}) {
        h.app->set_language(lang);
        for (const char* nav : {"nav-home", "nav-employees", "nav-units", "nav-abk", "nav-sync"}) {
            REQUIRE(h.click(nav));
            h.frame(3);
            ImGuiContext& g = *ImGui::GetCurrentContext();
            for (int n = 0; n < g.Tables.GetMapSize(); ++n) {
                ImGuiTable* t = g.Tables.TryGetMapData(n);
                if (!t || t->LastFrameActive != g.FrameCount) continue;  // drawn in the last frame
                for (int c = 0; c < t->ColumnsCount; ++c) {
                    const ImGuiTableColumn& col = t->Columns[c];
                    if (!col.IsEnabled || col.NameOffset < 0) continue;
                    const std::string where = std::string(nav) + " column " + ImGui::TableGetColumnName(t, c);
                    INFO(where);
                    // TableHeader cuts the label with "..." past the cell's right edge.
                    CHECK(col.ContentMaxXHeadersIdeal <= col.MaxX + 0.5f);
                }
            }
        }
    }
}
