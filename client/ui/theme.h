// Visual identity: a light, calm theme for a government tool (navy navigation,
// white work surfaces, one blue accent, semantic green/amber/red for workload),
// DejaVu Sans at readable sizes, rasterised for the display's pixel ratio.
#pragma once
#include "imgui.h"

namespace seimbang::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* h2 = nullptr;
    ImFont* h1 = nullptr;
};
Fonts& fonts();

// Builds the font atlas for the given pixel ratio (fonts are rasterised at
// size × ratio and drawn at 1/ratio so text stays sharp on high-DPI screens).
void load_fonts(float pixel_ratio);
void apply_style();
// Per frame, before the first widget: the frame padding makes buttons, inputs,
// combos and check boxes `touch_target` px high (ui::kTouchTarget on touch
// widths, ui::touch_layout); 0: the compact desktop style of apply_style().
void apply_touch_metrics(float touch_target);

namespace color {
constexpr ImU32 rgb(unsigned v, unsigned a = 255) {
    return IM_COL32((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF, a);
}
inline const ImU32 nav_bg = rgb(0x0F2C4C);
inline const ImU32 nav_active = rgb(0x1D4F85);
inline const ImU32 nav_hover = rgb(0x173E69);
inline const ImU32 nav_text = rgb(0xDCE6F2);
inline const ImU32 accent = rgb(0x1F6FB2);
inline const ImU32 text = rgb(0x1F2933);
inline const ImU32 muted = rgb(0x5B6B7B);
inline const ImU32 border = rgb(0xD5DEE8);
inline const ImU32 surface = rgb(0xFFFFFF);
inline const ImU32 page = rgb(0xF2F5F8);
inline const ImU32 ok = rgb(0x2E7D32);
inline const ImU32 warn = rgb(0xB25E00);
inline const ImU32 bad = rgb(0xC62828);
inline const ImU32 ok_bg = rgb(0xE6F4EA);
inline const ImU32 warn_bg = rgb(0xFFF3E0);
inline const ImU32 bad_bg = rgb(0xFDECEA);
inline const ImU32 info_bg = rgb(0xE7F0FA);
}  // namespace color

ImVec4 to_vec(ImU32 c);

}  // namespace seimbang::ui
