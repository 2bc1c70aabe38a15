#include "ui/theme.h"

#include <algorithm>

extern const unsigned char seimbang_font_DejaVuSans[];
extern const unsigned seimbang_font_DejaVuSans_size;
extern const unsigned char seimbang_font_DejaVuSans_Bold[];
extern const unsigned seimbang_font_DejaVuSans_Bold_size;

namespace seimbang::ui {

Fonts& fonts() {
    static Fonts f;
    return f;
}

ImVec4 to_vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

void load_fonts(float ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Latin, Latin-1, Latin Extended-A and the symbols the UI draws (Σ: Rekomendasi's Σ(h−n)²).
    static const ImWchar ranges[] = {0x0020, 0x017F, 0x03A3, 0x03A3, 0x2010, 0x2027, 0x2030, 0x203A, 0x2190, 0x2199,
                                     0x2212, 0x2212, 0x2260, 0x2265, 0x25A0, 0x25CF, 0x26A0, 0x26A0, 0x2713, 0x2718, 0};
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    auto add = [&](const unsigned char* data, unsigned size, float px) {
        return io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), px * ratio,
                                              &cfg, ranges);
    };
    Fonts& f = fonts();
    f.body = add(seimbang_font_DejaVuSans, seimbang_font_DejaVuSans_size, 15.0f);
    f.bold = add(seimbang_font_DejaVuSans_Bold, seimbang_font_DejaVuSans_Bold_size, 15.0f);
    // Headings are large enough without horizontal oversampling: half the
    // rasterising work for two of the four fonts (cold start, bench/web/load.mjs).
    cfg.OversampleH = 1;
    f.h2 = add(seimbang_font_DejaVuSans_Bold, seimbang_font_DejaVuSans_Bold_size, 18.0f);
    f.h1 = add(seimbang_font_DejaVuSans_Bold, seimbang_font_DejaVuSans_Bold_size, 23.0f);
    io.FontDefault = f.body;
    io.FontGlobalScale = 1.0f / ratio;
    io.Fonts->Build();
}

void apply_touch_metrics(float touch_target) {
    ImGuiStyle& s = ImGui::GetStyle();
    s.FramePadding.y = std::max(7.0f, (touch_target - ImGui::GetFontSize()) * 0.5f);
    s.SelectableTextAlign.y = 0.5f;  // a list line made finger-high keeps its text in the middle
}

void apply_style() {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(20, 16);
    s.FramePadding = ImVec2(10, 7);
    s.CellPadding = ImVec2(10, 6);
    s.ItemSpacing = ImVec2(10, 10);
    s.ItemInnerSpacing = ImVec2(8, 6);
    s.ScrollbarSize = 14;
    s.GrabMinSize = 12;
    s.WindowRounding = 0;
    s.ChildRounding = 6;
    s.FrameRounding = 5;
    s.PopupRounding = 6;
    s.ScrollbarRounding = 6;
    s.GrabRounding = 5;
    s.TabRounding = 5;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.FrameBorderSize = 1;
    s.PopupBorderSize = 1;
    s.IndentSpacing = 18;

    ImVec4* c = s.Colors;
    using namespace color;
    c[ImGuiCol_Text] = to_vec(text);
    c[ImGuiCol_TextDisabled] = to_vec(muted);
    c[ImGuiCol_WindowBg] = to_vec(page);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = to_vec(surface);
    c[ImGuiCol_Border] = to_vec(border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = to_vec(surface);
    c[ImGuiCol_FrameBgHovered] = to_vec(rgb(0xF5F9FD));
    c[ImGuiCol_FrameBgActive] = to_vec(rgb(0xEEF5FC));
    c[ImGuiCol_TitleBg] = to_vec(surface);
    c[ImGuiCol_TitleBgActive] = to_vec(surface);
    c[ImGuiCol_TitleBgCollapsed] = to_vec(surface);
    c[ImGuiCol_MenuBarBg] = to_vec(surface);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = to_vec(rgb(0xC3CDD8));
    c[ImGuiCol_ScrollbarGrabHovered] = to_vec(rgb(0xA9B6C4));
    c[ImGuiCol_ScrollbarGrabActive] = to_vec(rgb(0x8D9DAE));
    c[ImGuiCol_CheckMark] = to_vec(accent);
    c[ImGuiCol_SliderGrab] = to_vec(accent);
    c[ImGuiCol_SliderGrabActive] = to_vec(rgb(0x185A91));
    c[ImGuiCol_Button] = to_vec(rgb(0xFFFFFF));
    c[ImGuiCol_ButtonHovered] = to_vec(rgb(0xEAF2FA));
    c[ImGuiCol_ButtonActive] = to_vec(rgb(0xD6E6F5));
    c[ImGuiCol_Header] = to_vec(rgb(0xE1ECF7));
    c[ImGuiCol_HeaderHovered] = to_vec(rgb(0xEDF4FB));
    c[ImGuiCol_HeaderActive] = to_vec(rgb(0xD3E4F4));
    c[ImGuiCol_Separator] = to_vec(border);
    c[ImGuiCol_SeparatorHovered] = to_vec(accent);
    c[ImGuiCol_SeparatorActive] = to_vec(accent);
    c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripHovered] = to_vec(accent);
    c[ImGuiCol_ResizeGripActive] = to_vec(accent);
    c[ImGuiCol_Tab] = to_vec(rgb(0xE9EEF3));
    c[ImGuiCol_TabHovered] = to_vec(rgb(0xFFFFFF));
    c[ImGuiCol_TabActive] = to_vec(rgb(0xFFFFFF));
    c[ImGuiCol_TableHeaderBg] = to_vec(rgb(0xEEF2F6));
    c[ImGuiCol_TableBorderStrong] = to_vec(border);
    c[ImGuiCol_TableBorderLight] = to_vec(rgb(0xE6EBF0));
    c[ImGuiCol_TableRowBg] = to_vec(surface);
    c[ImGuiCol_TableRowBgAlt] = to_vec(rgb(0xF8FAFC));
    c[ImGuiCol_TextSelectedBg] = to_vec(rgb(0xB9D4F0));
    c[ImGuiCol_NavHighlight] = to_vec(accent);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.06f, 0.12f, 0.2f, 0.35f);
    c[ImGuiCol_PlotHistogram] = to_vec(accent);
}

}  // namespace seimbang::ui
