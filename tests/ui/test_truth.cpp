// Issue 20, "screens that tell the truth", through the real screens: numbers typed
// the Indonesian way, scope per role per screen, PJ and status read against the
// settings, the pegawai's own page, and employee records that never move a person.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/figures.h"
#include "i18n/format.h"
#include "i18n/strings.h"
#include "ui/locator.h"
#include "ui/widgets.h"
#include "ui_harness.h"

using seimbang::uitest::Harness;
using seimbang::uitest::has_issue;
using seimbang::uitest::office_named;
using seimbang::uitest::sign_in_demo;
using namespace seimbang;

namespace {
// Signs the demo in again as another role of another office (same local data:
// the scope rules must hide what the role may not see).
void become(Harness& h, app::Role role, const std::string& office_name, const std::string& employee_id = "") {
    const Office* o = office_named(h, office_name);
    REQUIRE(o);
    h.app->login.session->role = role;
    h.app->login.session->office_id = o->id;
    h.app->login.session->employee_id = employee_id;
    h.app->selected_office.clear();
    h.app->employee_table.dirty = true;
    h.frame(2);
}
// Opens the task editor of the first task of a Terjun position.
std::string open_terjun_task(Harness& h) {
    REQUIRE(h.click("nav-abk"));
    REQUIRE(h.click("Kelurahan Terjun"));
    h.frame(2);
    const auto tasks = h.app->workload.tasks_of(h.app->selected_position);
    REQUIRE_FALSE(tasks.empty());
    const std::string id = tasks.front()->id;
    REQUIRE(h.click("task-edit-" + id));
    REQUIRE(h.app->task_editor.open);
    return id;
}
const AbkTask* task(Harness& h, const std::string& id) {
    for (const auto& t : h.app->workload.data.tasks)
        if (t.id == id) return &t;
    return nullptr;
}
}  // namespace

TEST_CASE("task editor: '2,5' and '1.000' typed the Indonesian way are saved as 2.5 and 1000") {
    Harness h;
    sign_in_demo(h);
    const std::string id = open_terjun_task(h);
    // The editor shows the stored figures in Indonesian format.
    CHECK(h.app->task_editor.volume_text == i18n::format_number(task(h, id)->volume, 3));
    REQUIRE(h.type("##task-volume", "2,5"));
    REQUIRE(h.type("##task-norm", "1.000"));
    REQUIRE(h.click("task-save"));
    h.frame(2);  // the button now reads "Tetap simpan"
    if (h.app->task_editor.open) REQUIRE(h.click("task-save"));  // plausibility asked once: confirm
    CHECK_FALSE(h.app->task_editor.open);
    REQUIRE(task(h, id));
    CHECK(task(h, id)->volume == 2.5);
    CHECK(task(h, id)->norm_minutes == 1000);
}

TEST_CASE("task editor: '1.5' is refused with the comma reading offered, nothing changes") {
    Harness h;
    sign_in_demo(h);
    const std::string id = open_terjun_task(h);
    const double before = task(h, id)->volume;
    REQUIRE(h.type("##task-volume", "1.5"));
    REQUIRE(h.click("task-save"));
    CHECK(h.app->task_editor.open);
    CHECK(has_issue(h.app->task_editor.check, "volume", "number.use_comma"));
    CHECK(task(h, id)->volume == before);
    REQUIRE(h.type("##task-volume", "1,000"));  // one, or a thousand?
    REQUIRE(h.click("task-save"));
    CHECK(has_issue(h.app->task_editor.check, "volume", "number.ambiguous"));
    CHECK(task(h, id)->volume == before);
}

TEST_CASE("task editor: English UI reads English numbers") {
    Harness h;
    sign_in_demo(h);
    h.app->set_language(i18n::Lang::en);
    const std::string id = open_terjun_task(h);
    REQUIRE(h.type("##task-volume", "12.5"));
    REQUIRE(h.click("task-save"));
    if (h.app->task_editor.open) REQUIRE(h.click("task-save"));
    CHECK(task(h, id)->volume == 12.5);
    h.app->set_language(i18n::Lang::id);
}

TEST_CASE("task editor: Satuan hasil is required; an output longer than a working day asks first") {
    Harness h;
    sign_in_demo(h);
    const std::string id = open_terjun_task(h);
    REQUIRE(h.type("##task-output_unit", ""));
    REQUIRE(h.click("task-save"));
    CHECK(h.app->task_editor.open);
    CHECK(has_issue(h.app->task_editor.check, "output_unit", "field.required"));
    REQUIRE(h.type("##task-output_unit", "Surat"));
    REQUIRE(h.type("##task-norm", "480"));  // 8 h per letter: more than a working day (300 min)
    REQUIRE(h.click("task-save"));
    CHECK(h.app->task_editor.open);  // asked, not saved
    CHECK(has_issue(h.app->task_editor.check, "norm_minutes", "abk.norm_over_day"));
    CHECK(task(h, id)->norm_minutes != 480);
    REQUIRE(h.click("task-save"));  // "Tetap simpan"
    CHECK_FALSE(h.app->task_editor.open);
    CHECK(task(h, id)->norm_minutes == 480);
}

TEST_CASE("task editor: a volume 100x the position's usual asks first") {
    Harness h;
    sign_in_demo(h);
    const std::string id = open_terjun_task(h);
    REQUIRE(h.type("##task-volume", "99.999.999"));
    REQUIRE(h.click("task-save"));
    CHECK(h.app->task_editor.open);
    CHECK(has_issue(h.app->task_editor.check, "volume", "abk.volume_unusual"));
    CHECK(task(h, id)->volume != 99999999);
}

TEST_CASE("scope: a Terjun operator sees Terjun only, and is told when an office is outside it") {
    Harness h;
    sign_in_demo(h);
    const Office* terjun = office_named(h, "Kelurahan Terjun");
    const Office* paya = office_named(h, "Kelurahan Paya Pasir");
    const Office* kec = office_named(h, "Kecamatan Medan Marelan");
    REQUIRE((terjun && paya && kec));
    become(h, app::Role::operator_, "Kelurahan Terjun");

    // Beranda: Terjun's own row, no kecamatan row carrying Terjun's figures.
    REQUIRE(h.click("nav-home"));
    h.frame(2);
    CHECK(h.has("home-" + terjun->id));
    CHECK_FALSE(h.has("home-" + kec->id));
    CHECK_FALSE(h.has("home-" + paya->id));
    for (const auto* l : h.app->workload.loads_by_pressure()) CHECK(l->office_id == terjun->id);

    // ABK and Unit & Jabatan: the tree starts at Terjun.
    for (const char* nav : {"nav-abk", "nav-units"}) {
        REQUIRE(h.click(nav));
        h.frame(2);
        CHECK(h.has("Kelurahan Terjun"));
        CHECK_FALSE(h.has("Kelurahan Paya Pasir"));
        CHECK_FALSE(h.has("Kecamatan Medan Marelan"));
        // Opened anyway (a link, a stale selection): "outside your scope", not "no positions".
        h.app->selected_office = paya->id;
        h.frame(2);
        CHECK(h.has("##scope-outside"));
        CHECK_FALSE(h.has("abk-add-task"));
        for (const Position* p : h.app->workload.positions_of(paya->id)) CHECK_FALSE(h.has("pos-" + p->id));
        h.app->selected_office = terjun->id;
        h.frame(2);
        CHECK_FALSE(h.has("##scope-outside"));
    }

    // Pegawai: only Terjun's staff, and the office filter offers Terjun only.
    REQUIRE(h.click("nav-employees"));
    h.frame(2);
    REQUIRE_FALSE(h.app->employee_table.rows.empty());
    for (int i : h.app->employee_table.rows) CHECK(h.app->workload.data.employees[i].office_id == terjun->id);
    const auto offices = h.app->workload.scope_offices();
    REQUIRE(offices.size() == 1);
    CHECK(offices.front() == terjun);
}

TEST_CASE("scope: the camat sees the whole kecamatan; shortage and surplus are not netted") {
    Harness h(1366, 1400);  // tall enough for the lists below the office table
    sign_in_demo(h);
    become(h, app::Role::camat, "Kecamatan Medan Marelan");
    REQUIRE(h.click("nav-home"));
    h.frame(2);
    const auto loads = h.app->workload.loads_by_pressure();
    CHECK(loads.size() == 6);  // the kecamatan and its 5 kelurahan
    const app::OfficeLoad* total = h.app->workload.load_of(h.app->login.session->office_id);
    REQUIRE(total);
    // Need − staff is the net; shortage and surplus are each larger than it.
    const double net = total->needed - total->holders;
    CHECK(total->short_persons - total->surplus_persons == doctest::Approx(net).epsilon(0.001));
    CHECK(total->short_persons > 0);
    CHECK(total->surplus_persons > 0);
    // Listed by severity (largest shortage on top), whatever the storage order;
    // beyond five, "+N lainnya".
    std::vector<std::pair<double, std::string>> short_positions;
    for (const auto& p : h.app->workload.data.positions) {
        const auto* r = h.app->workload.abk_position(p.id);
        if (r && app::position_status(*r, h.app->workload.data.settings) == abk::LoadStatus::over && r->needed > r->holders)
            short_positions.emplace_back(r->needed - r->holders, p.id);
    }
    REQUIRE(short_positions.size() >= 2);
    std::stable_sort(short_positions.begin(), short_positions.end(), [](auto& a, auto& b) { return a.first > b.first; });
    float y = -1;
    for (size_t k = 0; k < short_positions.size() && k < 5; ++k) {
        const auto r = ui::locator::find("home-short-" + short_positions[k].second);
        REQUIRE(r);
        CHECK(r->y > y);
        y = r->y;
    }
    CHECK(h.has("home-short-more") == (short_positions.size() > 5));
    const std::string worst_id = short_positions.front().second;
    REQUIRE(h.click("home-short-" + worst_id));  // a link to the row
    CHECK(h.app->screen == app::Screen::abk);
    CHECK(h.app->selected_position == worst_id);
}

TEST_CASE("PJ and status: the grade with EJ and the gap in persons, status by the settings' bands") {
    Harness h;
    sign_in_demo(h);
    abk::PositionResult r;
    r.needed = 3.56;
    r.holders = 2;
    r.ej = 1.78;
    r.pj = abk::Grade{"A", "Sangat Baik"};
    CHECK(app::pj_text(r) == "A (1,78) \xC2\xB7 kurang 1,6 orang");
    auto& s = h.app->workload.data.settings;
    CHECK(app::position_status(r, s) == abk::LoadStatus::over);
    CHECK(std::string(app::status_key(app::position_status(r, s))) == "ui.load.over");
    CHECK(std::string(i18n::tr("ui.load.over", i18n::Lang::id)) == "Beban berlebih");
    // EJ 1,48 is not a green "0": the gap reads to one decimal.
    r.needed = 2.96;
    r.ej = 1.48;
    CHECK(app::gap_text(r.needed, r.holders) == "kurang 1,0 orang");
    // A surplus.
    CHECK(app::gap_text(0.8, 2) == "lebih 1,2 orang");
    CHECK(app::gap_text(2.02, 2) == "sesuai kebutuhan");
    // Vacant with work: "Lowong", and overloaded.
    abk::PositionResult vacant;
    vacant.needed = 1;
    CHECK(app::pj_text(vacant) == "Lowong \xC2\xB7 kurang 1,0 orang");
    CHECK(app::position_status(vacant, s) == abk::LoadStatus::over);
    // The bands are the settings', not constants.
    CHECK(abk::load_status(0.95, s) == abk::LoadStatus::balanced);
    s.balanced_min = 1.0;
    CHECK(abk::load_status(0.95, s) == abk::LoadStatus::under);
    i18n::set_current(i18n::Lang::en);
    CHECK(app::pj_text(r) == "A (1.48) \xC2\xB7 short 1.0 persons");
    i18n::set_current(i18n::Lang::id);
}

TEST_CASE("pegawai: Data saya instead of the manager dashboard, under the person's name") {
    Harness h;
    sign_in_demo(h);
    const Office* terjun = office_named(h, "Kelurahan Terjun");
    REQUIRE(terjun);
    const Employee* me = nullptr;
    for (const auto& e : h.app->workload.data.employees)
        if (e.office_id == terjun->id && !e.archived) {
            me = &e;
            break;
        }
    REQUIRE(me);
    become(h, app::Role::pegawai, "Kelurahan Terjun", me->id);
    REQUIRE(h.click("nav-home"));
    h.frame(2);
    CHECK(h.has("##my-data-name"));
    CHECK_FALSE(h.has("home-" + terjun->id));   // no office table
    CHECK_FALSE(h.has("nav-abk"));
    CHECK_FALSE(h.has("nav-employees"));
    CHECK(h.app->workload.account_name() == me->name);   // not "Pegawai Kelurahan Terjun"
}

TEST_CASE("employee form: NIP fills birth date and gender; DD-MM-YYYY; NIP search ignores spaces") {
    Harness h;
    sign_in_demo(h);
    REQUIRE(h.click("nav-employees"));
    REQUIRE(h.click("emp-add"));
    REQUIRE(h.type("##emp-nip", "19660801 198803 2 001"));
    CHECK(h.app->employee_editor.birth_text == "01-08-1966");
    CHECK(h.app->employee_editor.draft.gender == Gender::female);
    REQUIRE(h.type("##emp-birth_date", "01-08-1966"));
    h.app->close_employee_editor();

    // Search "1966 0801" (as written on paper) finds a NIP starting 19660801.
    const Employee& some = h.app->workload.data.employees.front();
    const std::string nip = some.nip;
    h.app->employee_table.search = nip.substr(0, 4) + " " + nip.substr(4, 4) + " " + nip.substr(8, 6);
    h.app->employee_table.dirty = true;
    h.frame(2);
    bool found = false;
    for (int i : h.app->employee_table.rows) found = found || h.app->workload.data.employees[i].id == some.id;
    CHECK(found);
}

TEST_CASE("employee form: office and position never change by editing; golongan outside the range warns") {
    Harness h;
    sign_in_demo(h);
    // An employee whose position has a golongan range.
    const Employee* e = nullptr;
    const Position* p = nullptr;
    for (const auto& x : h.app->workload.data.employees) {
        const Position* px = h.app->workload.position(x.position_id);
        if (!x.archived && px && !px->golongan_min.empty() && x.asn_type != "PPPK") {
            e = &x;
            p = px;
            break;
        }
    }
    REQUIRE((e && p));
    const std::string id = e->id, office = e->office_id;
    h.app->edit_employee(id);
    auto& d = h.app->employee_editor.draft;
    for (const auto& other : h.app->workload.data.positions)
        if (other.office_id != office && !other.archived) {
            d.office_id = other.office_id;
            d.position_id = other.id;
            break;
        }
    h.app->save_employee_draft();
    CHECK(has_issue(h.app->employee_editor.check, "position_id", "employee.move_needs_transfer"));
    CHECK(h.app->workload.employee(id)->office_id == office);
    h.app->edit_employee(id);
    h.app->employee_editor.draft.golongan = "I/a";  // below any range in the demo
    const Check c = h.app->save_employee_draft();
    CHECK(has_issue(c, "golongan", "employee.golongan_outside_range"));
    CHECK(c.ok());  // a warning: legacy placements exist
}

TEST_CASE("year picker: this year by default when it has tables, else the latest earlier year") {
    Harness h;  // the harness clock is 1 Jan 2027; the demo tables are 2026's
    sign_in_demo(h);
    CHECK(h.app->workload.current_year() == 2027);
    CHECK(h.app->workload.abk_year == 2026);
    const auto years = h.app->workload.abk_years();
    CHECK(std::find(years.begin(), years.end(), 2027) != years.end());
    CHECK(std::find(years.begin(), years.end(), 2026) != years.end());
    h.app->workload.set_abk_year(2027);
    h.frame(2);
    CHECK(h.app->workload.abk_year == 2027);
    REQUIRE(h.click("nav-abk"));
    h.frame(2);
    CHECK(h.app->workload.abk_year == 2027);  // a picked year stays
}

TEST_CASE("columns never break a word: a word wider than its column stays whole") {
    Harness h(1366, 768);
    sign_in_demo(h);
    const std::string text = "Seksi Ketenteraman dan Ketertiban Umum";
    for (float width : {20.0f, 60.0f, 120.0f, 400.0f}) {
        const std::string wrapped = ui::wrap_words(text, width);
        std::string joined = wrapped;
        std::replace(joined.begin(), joined.end(), '\n', ' ');
        CHECK(joined == text);  // only spaces became line breaks
        CHECK(wrapped.find("Ketenterama\n") == std::string::npos);
    }
}

TEST_CASE("phone column narrower than a word: the word ends in an ellipsis, never clipped silently") {
    Harness h(390, 844);
    sign_in_demo(h);
    const std::string text = "Seksi Ketenteraman dan Ketertiban Umum";
    const float narrow = ui::text_width("Ketenteraman") - 10;
    bool shortened = false;
    const std::string fitted = ui::fit_words(text, narrow, &shortened);
    CHECK(shortened);
    CHECK(fitted.find("\xE2\x80\xA6") != std::string::npos);
    size_t b = 0;
    for (size_t e; (e = fitted.find('\n', b)) != std::string::npos || b < fitted.size(); b = e + 1) {
        if (e == std::string::npos) e = fitted.size();
        CHECK(ui::text_width(fitted.substr(b, e - b)) <= narrow);  // every line fits its column
        if (e == fitted.size()) break;
    }
    // Wide enough: no ellipsis, the same words.
    CHECK(ui::fit_words(text, 400, &shortened).find("\xE2\x80\xA6") == std::string::npos);
    CHECK_FALSE(shortened);
}

TEST_CASE("phone width: the navigation is a menu, panels stack, every screen draws") {
    Harness h(390, 844);
    sign_in_demo(h);
    CHECK_FALSE(h.has("nav-abk"));  // no navigation column eating the screen
    REQUIRE(h.click("nav-menu"));
    REQUIRE(h.click("nav-abk"));
    CHECK(h.app->screen == app::Screen::abk);
    h.frame(2);
    CHECK_FALSE(h.has("nav-home"));  // the menu closed on choosing
    // The office tree is above the results, full width.
    const auto tree = ui::locator::find("Kecamatan Medan Marelan");
    REQUIRE(tree);
    CHECK(tree->w > 250);
    for (const char* nav : {"nav-home", "nav-employees", "nav-units", "nav-sync"}) {
        REQUIRE(h.click("nav-menu"));
        REQUIRE(h.click(nav));
        h.frame(2);
    }
    CHECK(h.app->screen == app::Screen::sync);
}
