// Small building blocks shared by the screens: translated labels with stable ids
// (the locator finds "Simpan##emp-save" by "emp-save" in every language), cards,
// badges, inline validation messages, help lines and status colours. Numbers and
// dates are formatted by i18n/format.h (the one module for input and output).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "abk/abk.h"
#include "i18n/format.h"
#include "imgui.h"
#include "model/result.h"

namespace seimbang::ui {

// Phone or portrait tablet (narrower than 996 px: 760 px of screen next to the
// 236 px side bar): the navigation becomes a menu, side-by-side panels stack,
// tables keep their essential columns.
bool compact_layout();

// Phone or tablet width (narrower than 1100 px, issue 16): fingers, not a mouse.
// Every control is at least kTouchTarget px high there (apply_touch_metrics in
// in theme.h sets the frame padding; fixed-height buttons use touch_height).
constexpr float kTouchTarget = 44.0f;
bool touch_layout();
// The height for a fixed-height control: `desktop` px, at least kTouchTarget on touch widths.
float touch_height(float desktop);
// ImGui::SmallButton on a desktop width; a finger-sized button on touch widths.
bool small_button(const char* label);

// The on-screen keyboard a phone shows for the text field just drawn while it is
// being edited (the web platform sets `inputmode` on its hidden input): digits
// for a NIP, a number with the decimal comma for volumes and norms.
enum class Keyboard { text = 0, numeric = 1, decimal = 2 };
void keyboard_for_last_item(Keyboard k);
// The keyboard the active text field asked for this frame (text when none did).
Keyboard active_keyboard();

// Translated text (string table, current language). Keys are literals.
const char* T(std::string_view key);
// "translated##id": a visible label plus a language-independent widget id.
std::string L(std::string_view key, std::string_view id);

// BeginCombo that the widget locator can find by its label (1.86 has no hook).
bool combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);

void heading(const char* text);      // h1
void subheading(const char* text);   // h2
void muted(const char* text);
void text_colored(ImU32 color, const char* text);

// White rounded panel; end_card() must follow begin_card() even when it returns false.
// The look of every read-only data table (rows banded, outer border, stretch columns).
constexpr ImGuiTableFlags kDataTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                            ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                            ImGuiTableFlags_PadOuterX;

// Data table columns. Headers wrap at word boundaries to their column's width
// (Indonesian headers are long) instead of losing letters: text columns stretch,
// figure columns are fixed at fit_column's width.
void headers_row();
// A fixed column as wide as its widest value (`content_w`, from text_width) or as
// its header needs on two lines, whichever is wider.
void fit_column(const char* header, float content_w);
// Narrowest width at which `text` fits on `lines` lines without breaking a word.
float wrapped_width(const std::string& text, int lines);
float text_width(const std::string& text, bool bold = false);

// `text` with line breaks at word boundaries so that no line is wider than `width`;
// a single word wider than `width` is kept whole, never broken mid-word.
std::string wrap_words(const std::string& text, float width);
// wrap_words, and then a line still wider than `width` (one word longer than a
// narrow phone column, e.g. "Ketenteraman") is shortened with "…". `shortened`
// says whether one was: the caller then shows the whole text on hover or tap.
std::string fit_words(const std::string& text, float width, bool* shortened = nullptr);
// `text` on one line of at most `width`: whole words and "…" when it is longer
// (list lines of a fixed-height card); the caller shows the whole text on hover.
std::string one_line(const std::string& text, float width, bool* shortened = nullptr);
// Text wrapped at word boundaries to the available width (table cells: ImGui's
// TextWrapped breaks long words in narrow columns); a word longer than the column
// ends in "…" and the whole text is a tooltip (hover, or tap on a phone).
void text_words(const std::string& text);
// text_words in the bold font, in the muted colour, or in a given colour
// (labels and refusals are long sentences in Indonesian; a phone is narrow).
void bold_words(const std::string& text);
void muted_words(const std::string& text);
void colored_words(ImU32 color, const std::string& text);

// A table's phone form (docs/CLIENT.md "Three widths and touch"): one record as
// a bordered card of a few lines, the whole card one selectable named `id`
// ("##row-<id>", as the table row was: tests open a record the same way), at
// least kTouchTarget high. Each line stays on one line (`one_line`: "…" and the
// whole text on hover or tap); a line may end in a right-aligned figure in its
// own colour. Returns true when tapped. phone_layout(): narrower than 600 px.
struct CardLine {
    CardLine(std::string text_, bool bold_ = false, bool muted_ = false, ImU32 color_ = 0, std::string right_ = {},
             ImU32 right_color_ = 0, int max_rows_ = 1)
        : text(std::move(text_)), bold(bold_), muted(muted_), color(color_), right(std::move(right_)),
          right_color(right_color_), max_rows(max_rows_) {}
    std::string text;
    bool bold = false;
    bool muted = false;
    ImU32 color = 0;          // 0: text (or muted) colour
    std::string right;        // right-aligned value, "" for none
    ImU32 right_color = 0;    // 0: text colour
    // Rows the text may wrap to at word boundaries before the last is shortened
    // with "…" (a card with such a line is as tall as its text; a list that
    // needs equal heights, e.g. a clipped one, keeps 1).
    int max_rows = 1;
};
bool phone_layout();
float record_card_height(int lines);
bool record_card(const std::string& id, const std::vector<CardLine>& lines, bool selected = false);

bool begin_card(const char* id, ImVec2 size = ImVec2(0, 0), bool scroll = false);
void end_card();

// Auto-height white panel for stacked sections (ImGui 1.86 child windows cannot
// size to their content): draws the background behind the content afterwards.
void begin_panel(const char* id);
void end_panel();

void badge(const char* text, ImU32 fg, ImU32 bg);
// Primary (filled) button; returns pressed.
bool primary_button(const std::string& label, ImVec2 size = ImVec2(0, 0));

// Inline messages of `check` for `field` (errors red, warnings amber). Only shown
// once the user tried to save, so an empty new form is not a wall of red.
void field_issues(const Check& check, const char* field, bool show);
bool has_error(const Check& check, const char* field);

// Colours of a load status (abk::load_status, bands from the settings): overloaded
// red, balanced green, spare capacity amber, no figure grey. Text: app::status_key.
ImU32 status_color(abk::LoadStatus s);
ImU32 status_bg(abk::LoadStatus s);
// The status word as a coloured badge.
void status_badge(abk::LoadStatus s);

// A horizontal bar with a reference line at 1.0, for EJ/EU at a glance.
void efficiency_bar(std::optional<double> e, ImU32 color, float width, float max_value = 2.0f);

// One row of a horizontal bar chart over periods or campaigns (Evaluasi, Survei):
// the label in `label_w`, a bar of `fraction` (0..1) of `bar_w` in `color`, the
// value text after it; a negative fraction draws no bar (e.g. "< 5" hidden by the
// k rule). The row is one item named `id` (hover/tap shows `tooltip`; tests find
// the row by it). Returns the bar's left x, for reference lines.
constexpr float kTrendRowHeight = 30;
float trend_bar_row(const std::string& id, const std::string& label, float label_w, float bar_w, float value_w,
                    double fraction, const std::string& value, ImU32 color, const std::string& tooltip);

// One muted line under a figure saying what it means (EJ, PJ, WKE, ...), wrapped.
void help_line(const char* text);

}  // namespace seimbang::ui
