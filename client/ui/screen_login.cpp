// Masuk: first login online against the server, later logins offline with the
// verifier cached on this device; plus the offline demonstration mode.
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

void draw_login(app::App& a) {
    static std::string username, password;
    // After the server ended the session the name is already known: only the password is asked.
    if (!a.login.prefilled_username.empty()) {
        username = a.login.prefilled_username;
        a.login.prefilled_username.clear();
    }
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
    muted(a.sync.online ? T("ui.login.hint_online") : T("ui.login.hint_offline"));
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextUnformatted(T("ui.login.username"));
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputText("##login-user", &username, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::TextUnformatted(T("ui.login.password"));
    ImGui::SetNextItemWidth(-1);
    enter |= ImGui::InputText("##login-pass", &password,
                              ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (!a.login.error.empty()) {
        ImGui::PushTextWrapPos(0);
        text_colored(color::bad, T(a.login.error));
        ImGui::PopTextWrapPos();
    }
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::BeginDisabled(a.login.pending);
    if (primary_button(L(a.login.pending ? "ui.login.checking" : "ui.login.submit", "login-submit"),
                       ImVec2(-1, touch_height(40))) ||
        enter) {
        a.login.sign_in(username, password);
        password.clear();
    }
    ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Separator();
    ImGui::PushTextWrapPos(0);
    muted(T("ui.login.demo_hint"));
    ImGui::PopTextWrapPos();
    if (ImGui::Button(L("ui.login.demo", "login-demo").c_str(), ImVec2(-1, touch_height(36)))) a.login.start_demo();
    ImGui::Dummy(ImVec2(0, 2));
    draw_language_switch(a);
    card_h = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    end_card();
}

}  // namespace seimbang::ui
