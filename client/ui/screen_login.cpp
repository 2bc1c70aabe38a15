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
    if (!a.login_username.empty()) {
        username = a.login_username;
        a.login_username.clear();
    }
    ImGuiViewport* vp = ImGui::GetMainViewport();
    // Navy band on the left third carries the identity; the form sits on white.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float band = std::min(vp->WorkSize.x * 0.38f, 460.0f);
    dl->AddRectFilled(vp->WorkPos, ImVec2(vp->WorkPos.x + band, vp->WorkPos.y + vp->WorkSize.y), color::nav_bg);
    ImGui::SetCursorPos(ImVec2(40, 56));
    ImGui::PushStyleColor(ImGuiCol_Text, color::rgb(0xFFFFFF));
    ImGui::PushFont(fonts().h1);
    ImGui::TextUnformatted("Seimbang");
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::SetCursorPosX(40);
    ImGui::PushStyleColor(ImGuiCol_Text, color::nav_text);
    ImGui::PushTextWrapPos(band - 40);
    ImGui::TextUnformatted(T("ui.app.tagline"));
    ImGui::Dummy(ImVec2(0, 10));
    ImGui::SetCursorPosX(40);
    ImGui::TextUnformatted(T("ui.login.pitch"));
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();

    const float card_w = 420;
    float x = band + std::max(40.0f, (vp->WorkSize.x - band - card_w) * 0.5f);
    ImGui::SetCursorPos(ImVec2(x, std::max(40.0f, vp->WorkSize.y * 0.5f - 230)));
    // Taller when a message (e.g. "session ended") is shown, so nothing is cut off.
    begin_card("##login-card", ImVec2(card_w, a.login_error.empty() ? 450 : 530));
    subheading(T("ui.login.title"));
    muted(a.online ? T("ui.login.hint_online") : T("ui.login.hint_offline"));
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextUnformatted(T("ui.login.username"));
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputText("##login-user", &username, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::TextUnformatted(T("ui.login.password"));
    ImGui::SetNextItemWidth(-1);
    enter |= ImGui::InputText("##login-pass", &password,
                              ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (!a.login_error.empty()) {
        ImGui::PushTextWrapPos(0);
        text_colored(color::bad, T(a.login_error));
        ImGui::PopTextWrapPos();
    }
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::BeginDisabled(a.login_pending);
    if (primary_button(L(a.login_pending ? "ui.login.checking" : "ui.login.submit", "login-submit"),
                       ImVec2(-1, 40)) ||
        enter) {
        a.login(username, password);
        password.clear();
    }
    ImGui::EndDisabled();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Separator();
    ImGui::PushTextWrapPos(0);
    muted(T("ui.login.demo_hint"));
    ImGui::PopTextWrapPos();
    if (ImGui::Button(L("ui.login.demo", "login-demo").c_str(), ImVec2(-1, 36))) a.start_demo();
    ImGui::Dummy(ImVec2(0, 2));
    draw_language_switch(a);
    end_card();
}

}  // namespace seimbang::ui
