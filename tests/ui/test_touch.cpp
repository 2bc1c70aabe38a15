// Issue 16, touch: on a phone a finger's drag scrolls the list with momentum and
// is not a tap (it must not open the employee it started on); a tap still opens
// it; a mouse drag on a desktop does not scroll (ui/touch_scroll.h). And the
// employee list is a list of cards on a phone (name, NIP, jabatan), each a
// finger-sized target.
#include <doctest/doctest.h>

#include <string>

#include "imgui.h"
#include "ui/locator.h"
#include "ui/touch_scroll.h"
#include "ui/widgets.h"
#include "ui_harness.h"

using seimbang::uitest::Harness;
using namespace seimbang;

namespace {

// The first employee card's rectangle (its selectable: "##row-<id>").
std::optional<ui::locator::Rect> first_card(std::string* label = nullptr) {
    for (const auto& it : ui::locator::items())
        if (it.label.rfind("##row-", 0) == 0 && it.rect.h > 0) {
            if (label) *label = it.label;
            return it.rect;
        }
    return std::nullopt;
}

void on_employees(Harness& h) {
    uitest::sign_in_demo(h);
    REQUIRE(h.click("nav-menu"));
    REQUIRE(h.click("nav-employees"));
    h.frame(3);
    REQUIRE(h.app->screen == app::Screen::employees);
}

// Drags from (x, y) by `dy` in `steps` frames and releases.
void drag(Harness& h, float x, float y, float dy, int steps) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    h.frame();
    io.MouseDown[0] = true;
    h.frame();
    for (int i = 1; i <= steps; ++i) {
        io.MousePos = ImVec2(x, y + dy * i / steps);
        h.frame();
    }
    io.MouseDown[0] = false;
    h.frame();
}

}  // namespace

TEST_CASE("touch: a finger's drag scrolls the phone's employee cards with momentum and opens nothing; a tap opens") {
    Harness h(390, 844);
    on_employees(h);
    ui::set_touch_input(true);
    std::string label;
    const auto start = first_card(&label);
    REQUIRE(start);
    CHECK(start->h >= ui::kTouchTarget);
    CHECK(start->w > 300);  // a card across the phone, not a table cell
    REQUIRE(h.app->employee_table.rows.size() > 10);

    // A quick flick up by 200 px.
    drag(h, 200, 600, -200, 5);
    CHECK_FALSE(h.app->employee_editor.open);  // a drag is not a tap
    CHECK(ui::touch_scrolling());              // still moving after the finger left
    h.frame(120);  // 2 s: the speed has fallen below 20 px/s (time constant 325 ms)
    const auto after = ui::locator::find(label);
    const float moved = start->y - (after ? after->y : -10000.0f);  // gone above the list: moved far
    CHECK(moved > 200 + 20);  // momentum carried it past the finger's 200 px
    CHECK_FALSE(ui::touch_scrolling());  // and it stopped

    // A tap on a card opens that employee's form.
    const auto card = first_card(&label);
    REQUIRE(card);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(card->cx(), card->cy());
    h.frame();
    io.MouseDown[0] = true;
    h.frame();
    io.MouseDown[0] = false;
    h.frame(2);
    CHECK(h.app->employee_editor.open);
    CHECK(label == "##row-" + h.app->employee_editor.draft.id);
    ui::set_touch_input(false);
}

TEST_CASE("touch: a mouse drag does not scroll (desktop behaviour unchanged)") {
    Harness h(390, 844);
    on_employees(h);
    ui::set_touch_input(false);
    std::string label;
    const auto start = first_card(&label);
    REQUIRE(start);
    drag(h, 200, 600, -200, 5);
    h.frame(10);
    const auto after = ui::locator::find(label);
    REQUIRE(after);
    CHECK(after->y == doctest::Approx(start->y));
    CHECK_FALSE(ui::touch_scrolling());
}

// [field5] Every other table a phone would squeeze is a list of cards below
// 600 px: Beranda's offices, ABK's positions and tasks, Unit & Jabatan's
// positions. Each card is one target across the width, at least 44 px high,
// found by the row's old id; tapping it does what the row (or its Ubah) did.
TEST_CASE("phone: Beranda, ABK and Unit & Jabatan tables are cards; a tap does what the row did") {
    Harness h(360, 2400);  // tall: the task cards are in view without scrolling (the layout follows the width)
    sign_in_demo(h);
    const Office* terjun = uitest::office_named(h, "Kelurahan Terjun");
    REQUIRE(terjun);
    auto card = [&](const std::string& id) {
        const auto r = ui::locator::find(id);
        REQUIRE_MESSAGE(r, id);
        CHECK(r->h >= ui::kTouchTarget - 0.5f);
        CHECK(r->w > 270);             // across the width of a 360 px screen (less its panel's margins)
        CHECK(r->x + r->w <= 360.5f);  // nothing outside the screen
        return *r;
    };
    // Beranda: an office card opens the office's ABK.
    REQUIRE(h.click("nav-menu"));
    REQUIRE(h.click("nav-home"));
    h.frame(2);
    card("home-" + terjun->id);
    REQUIRE(h.click("home-" + terjun->id));
    h.frame(2);
    CHECK(h.app->screen == app::Screen::abk);
    CHECK(h.app->selected_office == terjun->id);
    // ABK: a position card selects the position; its tasks are cards opening the editor.
    const auto positions = h.app->workload.positions_of(terjun->id);
    REQUIRE(positions.size() > 1);
    const Position* p = positions[1];
    h.frame(2);
    card("pos-" + p->id);
    REQUIRE(h.click("pos-" + p->id));
    h.frame(2);
    CHECK(h.app->selected_position == p->id);
    const auto tasks = h.app->workload.tasks_of(p->id);
    REQUIRE_FALSE(tasks.empty());
    const std::string task = "task-edit-" + tasks[0]->id;
    REQUIRE(ui::locator::find(task));
    card(task);
    CHECK_FALSE(h.app->task_editor.open);
    REQUIRE(h.click(task));
    h.frame(2);
    CHECK(h.app->task_editor.open);
    // Unit & Jabatan: a position card opens its requirements editor.
    h.app->close_task_editor();
    REQUIRE(h.click("nav-menu"));
    REQUIRE(h.click("nav-units"));
    REQUIRE(h.click("Kelurahan Terjun"));
    h.frame(2);
    card("pos-edit-" + p->id);
    REQUIRE(h.click("pos-edit-" + p->id));
    h.frame(2);
    CHECK(h.app->position_editor.open);
}
