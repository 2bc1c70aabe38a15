// Widget locator: records every ImGui item's label and rectangle during a frame,
// through ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE). Headless UI tests and
// the browser tests use it to find a widget by its label and click its real
// coordinates, so tests exercise what a person does rather than calling commands.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seimbang::ui::locator {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;  // ImGui display coordinates (CSS pixels on the web)
    float cx() const { return x + w * 0.5f; }
    float cy() const { return y + h * 0.5f; }
};

struct Item {
    unsigned id = 0;
    std::string label;  // full label as passed to the widget, e.g. "Simpan##emp-save"
    Rect rect;          // the part inside its window's clip rectangle (what one can click)
    // For the layout tests (tests/e2e/tests/layouts.test.mjs): the item's whole
    // rectangle before clipping (a wider item is cut by its window or table
    // column; a half-scrolled one keeps its real height) and the width of its
    // visible label in the item's font (wider than the item: the text is cut).
    Rect full;
    float text_w = 0;
};

// Turn recording on for the current ImGui context (sets TestEngineHookItems).
void enable();

// Called once per frame before ImGui::NewFrame(): the items of the frame that
// just ended become the queryable snapshot.
void begin_frame();

// Finds the item of the last complete frame whose label matches: first the full
// label, then the visible part before "##", then the id part after "###" or "##".
// When several items match, `index` picks the n-th (in submission order).
std::optional<Rect> find(std::string_view label, int index = 0);

// Records the last submitted item under `label`, for widgets whose ImGui 1.86
// code has no ItemInfo hook (BeginCombo). Call right after the widget.
void note_last_item(const char* label);

// All labelled items of the last complete frame (for debugging failed tests).
const std::vector<Item>& items();

// JSON array [{"label":..,"x":..,"y":..,"w":..,"h":..,"fx":..,"fw":..,"fh":..,"tw":..}, ...]
// of the last frame (fx/fw/fh: the unclipped rectangle, tw: label text width; see Item).
std::string items_json();

}  // namespace seimbang::ui::locator
