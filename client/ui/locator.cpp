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

// The widest line of the label's visible part in the current font (what the
// widget draws; 0 for a hidden label "##id").
float label_width(std::string_view label) {
    std::string_view v = visible_part(label);
    if (v.empty()) return 0;
    return ImGui::CalcTextSize(v.data(), v.data() + v.size()).x;
}

Item make_item(ImGuiID id, std::string label, const ImRect& full, const ImRect& clipped) {
    Item it{id, std::move(label), {clipped.Min.x, clipped.Min.y, clipped.GetWidth(), clipped.GetHeight()}};
    it.full = {full.Min.x, full.Min.y, full.GetWidth(), full.GetHeight()};
    it.text_w = label_width(it.label);
    return it;
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
    const ImRect full = g.LastItemData.Rect;
    ImRect bb = full;
    if (ImGuiWindow* w = g.CurrentWindow) bb.ClipWithFull(w->ClipRect);
    if (bb.GetWidth() <= 0 || bb.GetHeight() <= 0) return;
    Item item = make_item(g.LastItemData.ID, label, full, bb);
    item.text_w = 0;  // (the caller draws its own text, maybe shortened with "…": its width is not known here)
    g_current.labelled.push_back(std::move(item));
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
    char buf[192];
    for (const auto& it : g_last) {
        if (out.size() > 1) out += ',';
        out += "{\"label\":\"";
        for (char c : it.label) {
            if (c == '"' || c == '\\') out += '\\';
            if (static_cast<unsigned char>(c) < 0x20) continue;
            out += c;
        }
        std::snprintf(buf, sizeof buf, "\",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"fx\":%.1f,\"fw\":%.1f,\"fh\":%.1f,\"tw\":%.1f}",
                      it.rect.x, it.rect.y, it.rect.w, it.rect.h, it.full.x, it.full.w, it.full.h, it.text_w);
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
    ImRect full;
    auto it = g_current.rects.find(id);
    if (it != g_current.rects.end()) full = it->second;
    else full = ctx->LastItemData.Rect;
    // Clip to the window so a half-scrolled item reports the part one can click.
    ImRect bb = full;
    if (ImGuiWindow* w = ctx->CurrentWindow) bb.ClipWithFull(w->ClipRect);
    if (bb.GetWidth() <= 0 || bb.GetHeight() <= 0) return;
    Item item = make_item(id, label, full, bb);  // (text width of the label as drawn, lines and all)
    // A label wrapped onto several lines (office tree) is found by its text on one line.
    std::replace(item.label.begin(), item.label.end(), '\n', ' ');
    g_current.labelled.push_back(std::move(item));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID id) {
    for (const auto& it : g_current.labelled)
        if (it.id == id) return it.label.c_str();
    return nullptr;
}
