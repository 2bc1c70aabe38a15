// Implements ImGui 1.86's test-engine hooks (declared in imgui_internal.h) to feed
// the widget locator. ItemAdd gives every item's rectangle, ItemInfo the label of
// labelled widgets (buttons, inputs, selectables, tree nodes, tabs, menu items).
#include "ui/locator.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <unordered_map>

#include "imgui.h"
#include "imgui_internal.h"

namespace seimbang::ui::locator {
namespace {

struct Frame {
    std::unordered_map<ImGuiID, ImRect> rects;  // every item added this frame
    std::vector<Item> labelled;                 // items with a label, in order
};

Frame g_current;
std::vector<Item> g_last;

std::string_view visible_part(std::string_view label) {
    auto p = label.find("##");
    return p == std::string_view::npos ? label : label.substr(0, p);
}

std::string_view id_part(std::string_view label) {
    auto p = label.find("###");
    if (p != std::string_view::npos) return label.substr(p + 3);
    p = label.find("##");
    if (p != std::string_view::npos) return label.substr(p + 2);
    return {};
}

}  // namespace

void enable() {
    if (ImGuiContext* ctx = ImGui::GetCurrentContext()) ctx->TestEngineHookItems = true;
}

void begin_frame() {
    g_last = std::move(g_current.labelled);
    g_current.labelled.clear();
    g_current.rects.clear();
}

const std::vector<Item>& items() { return g_last; }

void note_last_item(const char* label) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!g.TestEngineHookItems) return;
    ImRect bb = g.LastItemData.Rect;
    if (ImGuiWindow* w = g.CurrentWindow) bb.ClipWithFull(w->ClipRect);
    if (bb.GetWidth() <= 0 || bb.GetHeight() <= 0) return;
    g_current.labelled.push_back({g.LastItemData.ID, label, {bb.Min.x, bb.Min.y, bb.GetWidth(), bb.GetHeight()}});
}

std::optional<Rect> find(std::string_view label, int index) {
    for (int pass = 0; pass < 3; ++pass) {
        int seen = 0;
        for (const auto& it : g_last) {
            std::string_view l = it.label;
            bool match = pass == 0 ? l == label
                       : pass == 1 ? visible_part(l) == label
                                   : (!id_part(l).empty() && id_part(l) == label);
            if (match && seen++ == index) return it.rect;
        }
    }
    return std::nullopt;
}

std::string items_json() {
    std::string out = "[";
    char buf[128];
    for (const auto& it : g_last) {
        if (out.size() > 1) out += ',';
        out += "{\"label\":\"";
        for (char c : it.label) {
            if (c == '"' || c == '\\') out += '\\';
            if (static_cast<unsigned char>(c) < 0x20) continue;
            out += c;
        }
        std::snprintf(buf, sizeof buf, "\",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f}", it.rect.x, it.rect.y,
                      it.rect.w, it.rect.h);
        out += buf;
    }
    return out + "]";
}

}  // namespace seimbang::ui::locator

using namespace seimbang::ui::locator;

void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect& bb, ImGuiID id) {
    if (id) g_current.rects[id] = bb;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    if (!label || !*label) return;
    ImRect bb;
    auto it = g_current.rects.find(id);
    if (it != g_current.rects.end()) bb = it->second;
    else bb = ctx->LastItemData.Rect;
    // Clip to the window so a half-scrolled item reports the part one can click.
    if (ImGuiWindow* w = ctx->CurrentWindow) bb.ClipWithFull(w->ClipRect);
    if (bb.GetWidth() <= 0 || bb.GetHeight() <= 0) return;
    // A label wrapped onto several lines (office tree) is found by its text on one line.
    std::string text = label;
    std::replace(text.begin(), text.end(), '\n', ' ');
    g_current.labelled.push_back({id, std::move(text), {bb.Min.x, bb.Min.y, bb.GetWidth(), bb.GetHeight()}});
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
    for (const auto& it : g_current.labelled)
        if (it.id == id) return it.label.c_str();
    return nullptr;
}
