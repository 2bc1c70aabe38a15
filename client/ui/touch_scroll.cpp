#include "ui/touch_scroll.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "imgui.h"
#include "imgui_internal.h"

namespace seimbang::ui {

namespace {

constexpr float kDecaySeconds = 0.325f;  // momentum's time constant
constexpr float kStopSpeed = 20.0f;      // px/s: momentum below this stops

struct State {
    bool touch = false;
    ImGuiWindow* window = nullptr;  // the window being scrolled
    ImGuiID active_before = 0;      // the active item before the press
    bool dragging = false;
    float velocity = 0;  // px/s of the content (positive: scrolls down)
} s;

// The innermost window under the pointer that can scroll vertically.
ImGuiWindow* scrollable(ImGuiWindow* w) {
    for (; w; w = w->ParentWindow) {
        if (w->ScrollMax.y > 0 && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return w;
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
    }
    return nullptr;
}

void scroll_by(float dy) {
    if (!s.window || dy == 0) return;
    // The target of an earlier call this frame counts (SetScrollY sets a target applied at Begin).
    const float from = s.window->ScrollTarget.y < FLT_MAX ? s.window->ScrollTarget.y : s.window->Scroll.y;
    ImGui::SetScrollY(s.window, std::clamp(from + dy, 0.0f, s.window->ScrollMax.y));
}

}  // namespace

void set_touch_input(bool touch) { s.touch = touch; }
bool touch_input() { return s.touch; }
bool touch_scrolling() { return s.dragging || s.velocity != 0; }

void touch_scroll() {
    ImGuiContext& g = *GImGui;
    ImGuiIO& io = g.IO;
    const float dt = io.DeltaTime > 0 ? io.DeltaTime : 1.0f / 60.0f;
    if (!s.touch) {
        s = State{false};
        return;
    }
    if (io.MouseClicked[0]) {  // a new touch stops any momentum and may start a drag
        s.window = scrollable(g.HoveredWindow);
        s.active_before = g.ActiveId;
        s.dragging = false;
        s.velocity = 0;
    }
    if (io.MouseDown[0]) {
        if (!s.window) return;
        if (!s.dragging && std::fabs(ImGui::GetMouseDragDelta(0, 0).y) > io.MouseDragThreshold) {
            s.dragging = true;
            // The press activated the item the finger started on: a drag is not a tap.
            if (g.ActiveId && g.ActiveId != s.active_before) ImGui::ClearActiveID();
            scroll_by(-ImGui::GetMouseDragDelta(0, 0).y);  // catch up with the finger
            return;
        }
        if (s.dragging) {
            const float dy = -io.MouseDelta.y;
            scroll_by(dy);
            // Smoothed speed of the last frames: what the content keeps on release.
            s.velocity = 0.6f * (dy / dt) + 0.4f * s.velocity;
            if (g.ActiveId && g.ActiveId != s.active_before) ImGui::ClearActiveID();
        }
        return;
    }
    if (s.dragging) s.dragging = false;  // released: momentum from here
    if (s.velocity == 0 || !s.window) return;
    scroll_by(s.velocity * dt);
    s.velocity *= std::exp(-dt / kDecaySeconds);
    const float y = s.window->ScrollTarget.y < FLT_MAX ? s.window->ScrollTarget.y : s.window->Scroll.y;
    if (std::fabs(s.velocity) < kStopSpeed || y <= 0 || y >= s.window->ScrollMax.y) s.velocity = 0;
}

}  // namespace seimbang::ui
