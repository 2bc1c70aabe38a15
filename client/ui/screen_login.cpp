// Masuk: first login online against the server, later logins offline with the
// verifier cached on this device; plus the offline demonstration mode. On a
// first visit the form is drawn before the App exists (the local database opens
// once the second module has arrived, docs/CLIENT.md "Two modules"): what is
// asked then waits in EarlyLogin, its button shows "Memeriksa…".
#include "i18n/strings.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

namespace {

std::string g_username, g_password;  // what is typed in the form (kept across frames)

}  // namespace

LoginAsk draw_login_form(LoginForm& f) {
    std::string& username = g_username;
    std::string& password = g_password;
    LoginAsk asked = LoginAsk::none;
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool compact = compact_layout();
    // Desktop: a navy band on the left third carries the identity; the form sits
    // on white. Phone: the band is a strip across the top and the form takes the
    // width below it (the card used to run off a phone's right edge).
    const float band = compact ? 0.0f : std::min(vp->WorkSize.x * 0.38f, 460.0f);
    const float margin = compact ? 16.0f : 40.0f;
    const float text_right = compact ? vp->WorkSize.x - margin : band - margin;
    float strip = 0;  // phone: the navy strip's height (name + wrapped tagline)
    if (compact) {
        ImGui::PushFont(fonts().h1);
        const float name_h = ImGui::GetTextLineHeight();
        ImGui::PopFont();
        strip = 16 + name_h + ImGui::GetStyle().ItemSpacing.y +
                ImGui::CalcTextSize(T("ui.app.tagline"), nullptr, false, text_right - margin).y + 16;
        dl->AddRectFilled(vp->WorkPos, ImVec2(vp->WorkPos.x + vp->WorkSize.x, vp->WorkPos.y + strip), color::nav_bg);
    } else {
        dl->AddRectFilled(vp->WorkPos, ImVec2(vp->WorkPos.x + band, vp->WorkPos.y + vp->WorkSize.y), color::nav_bg);
    }
    ImGui::SetCursorPos(ImVec2(margin, compact ? 16.0f : 56.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, color::rgb(0xFFFFFF));
    ImGui::PushFont(fonts().h1);
    ImGui::TextUnformatted("Seimbang");
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::SetCursorPosX(margin);
    ImGui::PushStyleColor(ImGuiCol_Text, color::nav_text);
    ImGui::PushTextWrapPos(text_right);
    ImGui::TextUnformatted(T("ui.app.tagline"));
    if (!compact) {  // (a phone has no room for the pitch above the form)
        ImGui::Dummy(ImVec2(0, 10));
        ImGui::SetCursorPosX(margin);
        ImGui::TextUnformatted(T("ui.login.pitch"));
    }
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();

    // The card's height is what its content took the frame before (touch widths
    // make every control taller; a message adds lines).
    static float card_h = 450;
    const float card_w = compact ? vp->WorkSize.x - 24 : 420.0f;
    const float x = compact ? 12.0f : band + std::max(40.0f, (vp->WorkSize.x - band - card_w) * 0.5f);
    ImGui::SetCursorPos(ImVec2(x, compact ? strip + 12 : std::max(40.0f, vp->WorkSize.y * 0.5f - card_h * 0.5f)));
    begin_card("##login-card", ImVec2(card_w, card_h));
    subheading(T("ui.login.title"));
    muted(f.online ? T("ui.login.hint_online") : T("ui.login.hint_offline"));
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextUnformatted(T("ui.login.username"));
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputText("##login-user", &username, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::TextUnformatted(T("ui.login.password"));
    ImGui::SetNextItemWidth(-1);
    enter |= ImGui::InputText("##login-pass", &password,
                              ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (!f.error.empty()) {
        ImGui::PushTextWrapPos(0);
        text_colored(color::bad, T(f.error));
        ImGui::PopTextWrapPos();
    }
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::BeginDisabled(f.pending);
    if (primary_button(L(f.pending ? "ui.login.checking" : "ui.login.submit", "login-submit"),
                       ImVec2(-1, touch_height(40))) ||
        enter)
        asked = LoginAsk::sign_in;
    ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Separator();
    ImGui::PushTextWrapPos(0);
    muted(T("ui.login.demo_hint"));
    ImGui::PopTextWrapPos();
    if (ImGui::Button(L("ui.login.demo", "login-demo").c_str(), ImVec2(-1, touch_height(36)))) asked = LoginAsk::demo;
    ImGui::Dummy(ImVec2(0, 2));
    if (draw_language_choice(f.chosen_language)) asked = LoginAsk::language;
    card_h = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    end_card();
    return asked;
}

void draw_login(app::App& a) {
    // After the server ended the session the name is already known: only the password is asked.
    if (!a.login.prefilled_username.empty()) {
        g_username = a.login.prefilled_username;
        a.login.prefilled_username.clear();
    }
    LoginForm f{a.sync.online, a.login.error, a.login.pending};
    switch (draw_login_form(f)) {
        case LoginAsk::sign_in:
            a.login.sign_in(g_username, g_password);
            g_password.clear();
            break;
        case LoginAsk::demo: a.login.start_demo(); break;
        case LoginAsk::language: a.set_language(f.chosen_language); break;
        case LoginAsk::none: break;
    }
}

void draw_login_before_app(EarlyLogin& e, bool online) {
    LoginForm f{online, "", e.sign_in || e.demo};
    switch (draw_login_form(f)) {
        case LoginAsk::sign_in:
            e.sign_in = true;
            e.username = g_username;
            e.password = std::move(g_password);
            g_password.clear();
            break;
        case LoginAsk::demo: e.demo = true; break;
        case LoginAsk::language:
            i18n::set_current(f.chosen_language);
            e.language = f.chosen_language;
            e.language_chosen = true;
            break;
        case LoginAsk::none: break;
    }
}

void apply_early_login(app::App& a, EarlyLogin& e) {
    if (e.language_chosen) a.set_language(e.language);
    if (!a.login.session) {
        if (e.sign_in) a.login.sign_in(e.username, e.password);
        else if (e.demo) a.login.start_demo();
    }
    e = EarlyLogin{};
}

}  // namespace seimbang::ui
