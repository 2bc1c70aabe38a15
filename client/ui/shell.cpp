// The frame around every screen: left navigation (role-aware), top bar with the
// screen title, connectivity, local-save state and language, then the screen.
#include <cfloat>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "i18n/strings.h"
#include "ui/screens.h"
#include "ui/touch_scroll.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {
namespace {

using app::App;
using app::Screen;

constexpr float kNavWidth = 236.0f;
constexpr float kTopBar = 64.0f;

// Phone layout: the navigation is a menu behind a button instead of a column.
bool g_menu_open = false;

struct NavItem {
    Screen screen;
    const char* id;
    const char* icon;
};

// Which screens a role sees, from the permission table (shared/access): the
// office screens for those who may read ABK figures, Rekomendasi for those who
// may run plans; a pegawai has Data saya, their requests and sync.
bool visible_for(const App& a, Screen s) {
    if (!a.login.session) return false;
    // An online-only session (pusat on the national tier) has no local data:
    // Nasional is its one screen, and no other session has it.
    if (a.login.session->online_only || s == Screen::national)
        return a.login.session->online_only && s == Screen::national &&
               access::may(a.login.session->role, access::Feature::national_rollup);
    switch (s) {
        case Screen::employees:
        case Screen::units:
        case Screen::abk:
        case Screen::evaluation:  // balance over time: who reads ABK (docs/EVALUATION.md)
        case Screen::settings:    // the rules the figures are computed with (docs/SETTINGS.md)
            return access::may(a.login.session->role, access::Feature::abk_read);
        case Screen::rekomendasi: return access::may(a.login.session->role, access::Feature::plan_run);
        case Screen::impor: return access::may(a.login.session->role, access::Feature::records_import);
        case Screen::training: return access::may(a.login.session->role, access::Feature::training_take);  // docs/TRAINING.md
        default: return true;
    }
}

void draw_nav(App& a, float width) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, color::nav_bg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 18));
    ImGui::BeginChild("##nav", ImVec2(width, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PushStyleColor(ImGuiCol_Text, color::rgb(0xFFFFFF));
    ImGui::PushFont(fonts().h1);
    ImGui::TextUnformatted("Seimbang");
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Text, color::nav_text);
    ImGui::PushTextWrapPos(width - 14);
    ImGui::TextUnformatted(T("ui.app.tagline"));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 14));

    static const NavItem items[] = {
        {Screen::national, "nav-national", "\xE2\x96\xA0"},
        {Screen::home, "nav-home", "\xE2\x96\xA0"},          {Screen::employees, "nav-employees", "\xE2\x96\xA0"},
        {Screen::units, "nav-units", "\xE2\x96\xA0"},        {Screen::abk, "nav-abk", "\xE2\x96\xA0"},
        {Screen::requests, "nav-requests", "\xE2\x96\xA0"}, {Screen::rekomendasi, "nav-rekomendasi", "\xE2\x96\xA0"},
        {Screen::evaluation, "nav-evaluation", "\xE2\x96\xA0"},
        {Screen::survey, "nav-survey", "\xE2\x96\xA0"},
        {Screen::impor, "nav-impor", "\xE2\x96\xA0"},
        {Screen::training, "nav-training", "\xE2\x96\xA0"},
        {Screen::sync, "nav-sync", "\xE2\x96\xA0"},
        {Screen::settings, "nav-settings", "\xE2\x96\xA0"},
    };
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 4));
    for (const auto& it : items) {
        if (!visible_for(a, it.screen)) continue;
        bool active = a.screen == it.screen;
        ImGui::PushStyleColor(ImGuiCol_Header, color::nav_active);
        ImGui::PushStyleColor(ImGuiCol_HeaderHovered, color::nav_hover);
        ImGui::PushStyleColor(ImGuiCol_HeaderActive, color::nav_active);
        ImGui::PushStyleColor(ImGuiCol_Text, active ? color::rgb(0xFFFFFF) : color::nav_text);
        ImGui::PushFont(active ? fonts().bold : fonts().body);
        std::string label = "   " + std::string(screen_title(a, it.screen));
        if (it.screen == Screen::sync && a.sync.outbox.pending > 0) label += "  (" + std::to_string(a.sync.outbox.pending) + ")";
        label += "##";
        label += it.id;
        ImVec2 p = ImGui::GetCursorScreenPos();
        const float h = touch_height(38);
        if (ImGui::Selectable(label.c_str(), active, 0, ImVec2(0, h))) {
            a.navigate(it.screen);
            g_menu_open = false;
        }
        if (active)
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 14, p.y), ImVec2(p.x - 10, p.y + h),
                                                      color::rgb(0x7FB8F0));
        ImGui::PopFont();
        ImGui::PopStyleColor(4);
    }
    ImGui::PopStyleVar(2);

    // User block at the bottom.
    float bottom = ImGui::GetWindowHeight() - 120;
    if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
    ImGui::PushStyleColor(ImGuiCol_Separator, color::nav_hover);
    ImGui::Separator();
    ImGui::PopStyleColor();
    if (a.login.session) {
        ImGui::PushStyleColor(ImGuiCol_Text, color::rgb(0xFFFFFF));
        ImGui::PushFont(fonts().bold);
        // A personal account shows the person's name, not the office's.
        ImGui::TextUnformatted(a.workload.account_name().c_str());
        ImGui::PopFont();
        ImGui::PopStyleColor();
        ImGui::PushStyleColor(ImGuiCol_Text, color::nav_text);
        ImGui::TextUnformatted(T(app::role_key(a.login.session->role)));
        ImGui::PopStyleColor();
        ImGui::PushStyleColor(ImGuiCol_Button, color::nav_bg);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color::nav_hover);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, color::nav_active);
        ImGui::PushStyleColor(ImGuiCol_Border, color::nav_hover);
        ImGui::PushStyleColor(ImGuiCol_Text, color::nav_text);
        if (ImGui::Button(L("ui.logout", "logout").c_str())) a.login.sign_out();
        ImGui::PopStyleColor(5);
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

struct Badge {
    std::string text;
    ImU32 fg, bg;
};

// Connectivity, local durability of the last edit (what the office clerk needs
// to trust), what waits for the server, and a running sync.
std::vector<Badge> status_badges(const App& a) {
    std::vector<Badge> out;
    if (a.login.session && a.login.session->online_only)  // nothing kept here: online or nothing
        out.push_back(a.sync.online ? Badge{T("ui.national.badge_online"), color::ok, color::ok_bg}
                                    : Badge{T("ui.status.offline"), color::warn, color::warn_bg});
    else if (!a.sync.view.account) out.push_back({T("ui.sync.demo_badge"), color::muted, color::rgb(0xEEF2F6)});
    else if (a.sync.online) out.push_back({T("ui.status.online"), color::ok, color::ok_bg});
    else out.push_back({T("ui.status.offline"), color::warn, color::warn_bg});
    switch (a.save_state) {
        case app::SaveState::saving: out.push_back({T("ui.status.saving"), color::muted, color::rgb(0xEEF2F6)}); break;
        case app::SaveState::saved: out.push_back({T("ui.status.saved"), color::ok, color::ok_bg}); break;
        case app::SaveState::failed: out.push_back({T("ui.status.save_failed"), color::bad, color::bad_bg}); break;
        case app::SaveState::full: out.push_back({T("ui.status.storage_full"), color::bad, color::bad_bg}); break;
        case app::SaveState::idle: break;
    }
    if (a.sync.view.running && a.sync.view.pulled_last > 0)  // a long pull (the first one): how far it is
        out.push_back({i18n::format_int(a.sync.view.pulled_last) + " " + T("ui.sync.rows_received") + " \xC2\xB7 " +
                           i18n::format_int(a.sync.view.pulled_saved) + " " + T("ui.sync.rows_saved"),
                       color::accent, color::info_bg});
    else if (a.sync.view.running) out.push_back({T("ui.sync.running_badge"), color::accent, color::info_bg});
    else if (a.sync.outbox.pending > 0)
        out.push_back({std::to_string(a.sync.outbox.pending) + " " + T("ui.status.pending"), color::accent, color::info_bg});
    if (a.sync.view.rejected + a.sync.view.conflicts > 0)
        out.push_back({std::string(T("ui.home.attention")) + " (" + std::to_string(a.sync.view.rejected + a.sync.view.conflicts) +
                           ")",
                       color::bad, color::bad_bg});
    return out;
}

void draw_top_bar(App& a) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, color::surface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 0));
    ImGui::BeginChild("##top", ImVec2(0, kTopBar), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
    dl->AddLine(ImVec2(wp.x, wp.y + ws.y - 1), ImVec2(wp.x + ws.x, wp.y + ws.y - 1), color::border);
    const bool compact = compact_layout();
    if (compact) {  // the menu button; the title goes on the row below (no room beside the language)
        ImGui::SetCursorPosY((kTopBar - ImGui::GetFrameHeight()) * 0.5f);
        if (ImGui::Button(L("ui.menu", "nav-menu").c_str())) g_menu_open = !g_menu_open;
    } else {
        ImGui::SetCursorPosY((kTopBar - ImGui::GetFontSize() * 23.0f / 15.0f) * 0.5f);
        heading(screen_title(a, a.screen));
    }
    // Right side: status badges (right-aligned against the language switch) and language.
    auto badges = compact ? std::vector<Badge>{} : status_badges(a);  // phone: a row below the bar
    float w = 0;
    for (const auto& b : badges) w += ImGui::CalcTextSize(b.text.c_str()).x + 16 + ImGui::GetStyle().ItemSpacing.x;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 16, ImGui::GetWindowWidth() - 136 - w));
    ImGui::SetCursorPosY((kTopBar - ImGui::GetFrameHeight()) * 0.5f + 3);
    for (const auto& b : badges) {
        badge(b.text.c_str(), b.fg, b.bg);
        ImGui::SameLine();
    }
    ImGui::SameLine(ImGui::GetWindowWidth() - 120);
    ImGui::SetCursorPosY((kTopBar - ImGui::GetFrameHeight()) * 0.5f);
    draw_language_switch(a);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace

const char* screen_title(const App& a, Screen s) {
    if (s == Screen::home && a.login.session && a.login.session->role == app::Role::pegawai) return T("ui.nav.my_data");
    return T(app::screen_key(s));
}

bool draw_language_choice(i18n::Lang& chosen) {
    bool id = i18n::current() == i18n::Lang::id;
    bool picked = false;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 4);
    auto seg = [&](const char* text, const char* wid, bool on, i18n::Lang lang) {
        ImGui::PushStyleColor(ImGuiCol_Button, on ? color::accent : color::surface);
        ImGui::PushStyleColor(ImGuiCol_Text, on ? color::rgb(0xFFFFFF) : color::text);
        std::string label = std::string(text) + "##" + wid;
        if (ImGui::Button(label.c_str(), ImVec2(44, 0)) && !on) {
            chosen = lang;
            picked = true;
        }
        ImGui::PopStyleColor(2);
    };
    seg("ID", "lang-id", id, i18n::Lang::id);
    ImGui::SameLine();
    seg("EN", "lang-en", !id, i18n::Lang::en);
    ImGui::PopStyleVar(2);
    return picked;
}

void draw_language_switch(App& a) {
    i18n::Lang chosen = i18n::current();
    if (draw_language_choice(chosen)) a.set_language(chosen);
}

namespace {

// The root window every frame draws into (the same one before and after the App exists).
void begin_root() {
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
}

}  // namespace

void draw_before_app(EarlyLogin& early, bool online) {
    apply_touch_metrics(touch_layout() ? kTouchTarget : 0.0f);
    begin_root();
    draw_login_before_app(early, online);
    ImGui::End();
}

void draw_app(App& a) {
    a.tick();
    apply_touch_metrics(touch_layout() ? kTouchTarget : 0.0f);
    touch_scroll();  // a finger's drag scrolls, with momentum (before any window)
    begin_root();
    if (!a.login.session || a.screen == Screen::login) {
        draw_login(a);
    } else {
        const bool compact = compact_layout();
        if (!compact) {
            g_menu_open = false;
            draw_nav(a, kNavWidth);
            ImGui::SameLine(0, 0);
        }
        ImGui::BeginGroup();
        draw_top_bar(a);
        if (compact) {
            // Status under the bar, then either the menu (full width) or the screen.
            ImGui::Dummy(ImVec2(0, 2));
            ImGui::Indent(12);
            subheading(screen_title(a, a.screen));
            for (const auto& b : status_badges(a)) {
                badge(b.text.c_str(), b.fg, b.bg);
                ImGui::SameLine();
            }
            ImGui::NewLine();
            ImGui::Unindent(12);
        }
        if (compact && g_menu_open) {
            draw_nav(a, ImGui::GetContentRegionAvail().x);
            ImGui::EndGroup();
            ImGui::End();
            return;
        }
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, compact ? ImVec2(10, 12) : ImVec2(24, 20));
        ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
        switch (a.screen) {
            case Screen::home: draw_home(a); break;
            case Screen::employees: draw_employees(a); break;
            case Screen::units: draw_units(a); break;
            case Screen::abk: draw_abk(a); break;
            case Screen::requests: draw_requests(a); break;
            case Screen::survey: draw_survey(a); break;
            case Screen::training: draw_training(a); break;
            case Screen::sync: draw_sync(a); break;
            case Screen::rekomendasi: draw_rekomendasi(a); break;
            case Screen::evaluation: draw_evaluation(a); break;
            case Screen::national: draw_national(a); break;
            case Screen::impor: draw_impor(a); break;
            case Screen::settings: draw_settings(a); break;
            case Screen::login: break;
        }
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::EndGroup();
    }
    // Transient notice, bottom right; on a phone it wraps within the screen
    // (a long notice used to run off the left edge).
    if (!a.notice.empty()) {
        ImGuiViewport* vp = ImGui::GetMainViewport();
        const char* msg = T(a.notice);
        const float margin = compact_layout() ? 12 : 24;
        const float max_text = vp->WorkSize.x - 2 * margin - 40;
        ImFont* font = ImGui::GetFont();
        const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, max_text, msg);
        const ImVec2 size(ts.x + 40, ts.y + 22);
        const ImVec2 pos(vp->WorkPos.x + vp->WorkSize.x - size.x - margin,
                         vp->WorkPos.y + vp->WorkSize.y - size.y - margin);
        ImDrawList* fg = ImGui::GetForegroundDrawList();
        fg->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), color::rgb(0x1F2933), 6);
        fg->AddText(font, font->FontSize, ImVec2(pos.x + 20, pos.y + 11), color::rgb(0xFFFFFF), msg, nullptr, max_text);
    }
    ImGui::End();
}

}  // namespace seimbang::ui
