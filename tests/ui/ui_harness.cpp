#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "ui_harness.h"

#include <algorithm>

#include "i18n/strings.h"

#include "imgui.h"
#include "ui/locator.h"
#include "ui/screens.h"
#include "ui/theme.h"

namespace seimbang::uitest {

Harness::Harness(float w, float h) {
    ImGui::CreateContext();
    ui::locator::enable();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_Backspace] = 8;
    ui::load_fonts(1.0f);
    ui::apply_style();
    unsigned char* px;
    int tw, th;
    io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);  // builds the atlas as a renderer would
    app = std::make_unique<app::App>(platform, app::open_store_data(":memory:"));
}

Harness::~Harness() {
    app.reset();
    ImGui::DestroyContext();
}

void Harness::frame(int n) {
    for (int i = 0; i < n; ++i) {
        platform.clock_ms += 16;
        ui::locator::begin_frame();
        ImGui::NewFrame();
        ui::draw_app(*app);
        ImGui::Render();
    }
}

bool Harness::has(const std::string& label) { return ui::locator::find(label).has_value(); }

bool Harness::click(const std::string& label, int index) {
    auto r = ui::locator::find(label, index);
    for (int i = 0; !r && i < 5; ++i) {  // popups and new screens lay out over a few frames
        frame();
        r = ui::locator::find(label, index);
    }
    if (!r) return false;
    // A popup is laid out hidden on its first frame and placed on the next (a
    // long combo list may open above its field): click where it settled.
    frame();
    r = ui::locator::find(label, index);
    if (!r) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r->cx(), r->cy());  // hover first, like a person
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame(2);
    return true;
}

bool Harness::type(const std::string& label, const std::string& text) {
    if (!click(label)) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown['A'] = true;
    frame();
    io.KeysDown['A'] = false;
    io.KeyCtrl = false;
    io.KeysDown[8] = true;
    frame();
    io.KeysDown[8] = false;
    io.AddInputCharactersUTF8(text.c_str());
    frame(2);
    return true;
}

void sign_in_demo(Harness& h) {
    h.frame(2);
    REQUIRE(h.click("login-demo"));
    REQUIRE(h.app->login.logged_in());
    h.app->set_language(i18n::Lang::id);
    h.frame(2);  // the navigation appears on the next frames
}

void sign_in_demo_as(Harness& h, app::Role role, const std::string& office) {
    sign_in_demo(h);
    const Office* o = office_named(h, office);
    REQUIRE(o);
    h.app->login.session->role = role;
    h.app->login.session->office_id = o->id;
    h.frame(2);
}

bool has_issue(const Check& c, const std::string& field, const std::string& code) {
    return std::any_of(c.issues.begin(), c.issues.end(), [&](const Issue& i) { return i.field == field && i.code == code; });
}

void open_employee(Harness& h, const std::string& id) {
    REQUIRE(h.click("nav-employees"));
    const Employee* e = h.app->workload.employee(id);
    REQUIRE(e);
    h.app->employee_table.search = e->name;
    h.app->employee_table.dirty = true;
    h.frame(2);
    REQUIRE(h.click("row-" + id));
}

const Office* office_named(Harness& h, const std::string& name) {
    for (const auto& o : h.app->workload.data.offices)
        if (o.name == name) return &o;
    return nullptr;
}

}  // namespace seimbang::uitest
