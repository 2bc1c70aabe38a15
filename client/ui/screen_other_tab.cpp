// The notice a browser tab shows while another tab of the same browser owns the
// local database (docs/CLIENT.md, "One tab owns the database"): what happened,
// that nothing is lost, and one button to continue in this tab.
#include <algorithm>

#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

bool draw_other_tab_notice(OtherTabNotice kind) {
    ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##other-tab", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const float card_w = std::min(520.0f, vp->WorkSize.x - 32);
    ImGui::SetCursorPos(ImVec2(std::max(16.0f, (vp->WorkSize.x - card_w) * 0.5f), std::max(24.0f, vp->WorkSize.y * 0.25f)));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card_w);
    const bool busy = kind == OtherTabNotice::claiming || kind == OtherTabNotice::starting;
    const char* title = kind == OtherTabNotice::handed_over || kind == OtherTabNotice::taken ? "ui.tabs.moved_title"
                        : kind == OtherTabNotice::claiming  ? "ui.tabs.claiming"
                        : kind == OtherTabNotice::starting  ? "ui.tabs.starting"
                                                            : "ui.tabs.elsewhere_title";
    heading(T(title));
    bool pressed = false;
    if (!busy) {
        ImGui::Dummy(ImVec2(0, 6));
        ImGui::TextUnformatted(T(kind == OtherTabNotice::handed_over ? "ui.tabs.moved_body"
                                 : kind == OtherTabNotice::taken     ? "ui.tabs.taken_body"
                                                                     : "ui.tabs.elsewhere_body"));
        ImGui::Dummy(ImVec2(0, 6));
        muted(T("ui.tabs.safe"));
        ImGui::Dummy(ImVec2(0, 14));
        pressed = primary_button(L("ui.tabs.continue_here", "tab-continue"), ImVec2(0, 40));
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::End();
    return pressed;
}

}  // namespace seimbang::ui
