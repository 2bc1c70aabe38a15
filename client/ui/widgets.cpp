#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "app/figures.h"
#include "i18n/strings.h"
#include "ui/locator.h"
#include "ui/theme.h"
#include "imgui_internal.h"

namespace seimbang::ui {

const char* T(std::string_view key) { return i18n::tr(key).data(); }

// 760 px for the screen itself plus the side bar's 236: a portrait tablet
// (800 px) gets the menu and the whole width, not two 280 px columns.
bool compact_layout() { return ImGui::GetMainViewport()->WorkSize.x < 996; }

bool touch_layout() { return ImGui::GetMainViewport()->WorkSize.x < 1100; }

float touch_height(float desktop) { return touch_layout() ? std::max(desktop, kTouchTarget) : desktop; }

bool small_button(const char* label) {
    return touch_layout() ? ImGui::Button(label, ImVec2(0, kTouchTarget)) : ImGui::SmallButton(label);
}

namespace {
Keyboard g_keyboard = Keyboard::text;
int g_keyboard_frame = -1;
}  // namespace

void keyboard_for_last_item(Keyboard k) {
    if (!ImGui::IsItemActive()) return;
    g_keyboard = k;
    g_keyboard_frame = ImGui::GetFrameCount();
}

Keyboard active_keyboard() { return g_keyboard_frame == ImGui::GetFrameCount() ? g_keyboard : Keyboard::text; }

std::string L(std::string_view key, std::string_view id) {
    std::string s(i18n::tr(key));
    s += "##";
    s += id;
    return s;
}

bool combo(const char* label, const char* preview, ImGuiComboFlags flags) {
    bool open = ImGui::BeginCombo(label, preview, flags);
    locator::note_last_item(label);
    return open;
}

void heading(const char* text) {
    ImGui::PushFont(fonts().h1);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void subheading(const char* text) {
    ImGui::PushFont(fonts().h2);
    // A long office name on a phone wraps at words instead of running off the card.
    ImGui::TextUnformatted(wrap_words(text, ImGui::GetContentRegionAvail().x + 1).c_str());
    ImGui::PopFont();
}

void muted(const char* text) { text_colored(color::muted, text); }

void text_colored(ImU32 c, const char* text) {
    // Wrapped at the region's right edge unless the caller set a wrap position:
    // on a phone a sentence ("Tidak ada usulan mutasi yang menunggu …") ran past
    // its card's edge and was cut.
    const bool wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0;
    if (wrap) ImGui::PushTextWrapPos(0);
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    if (wrap) ImGui::PopTextWrapPos();
}

std::string wrap_words(const std::string& text, float width) {
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    std::string out;
    const char* s = text.c_str();
    const char* end = s + text.size();
    bool first = true;
    while (s < end) {
        const char* brk = font->CalcWordWrapPositionA(scale, s, end, width);
        if (brk <= s) brk = s + 1;  // not even one character fits: keep going
        // A word wider than the line stays whole (it overflows and is clipped)
        // instead of being cut mid-word ("Ketenterama / n").
        if (brk < end && *brk != ' ' && *brk != '\n' && brk[-1] != ' ')
            while (brk < end && *brk != ' ' && *brk != '\n') ++brk;
        while (brk < end && (static_cast<unsigned char>(*brk) & 0xC0) == 0x80) ++brk;  // whole UTF-8 characters
        const char* line_end = brk;
        while (line_end > s && line_end[-1] == ' ') --line_end;
        if (!first) out += '\n';
        first = false;
        out.append(s, line_end);
        s = brk;
        while (s < end && (*s == ' ' || *s == '\n')) ++s;
    }
    return out;
}

std::string fit_words(const std::string& text, float width, bool* shortened) {
    if (shortened) *shortened = false;
    const std::string wrapped = wrap_words(text, width);
    std::string out;
    size_t b = 0;
    while (b <= wrapped.size()) {
        size_t e = wrapped.find('\n', b);
        if (e == std::string::npos) e = wrapped.size();
        std::string line = wrapped.substr(b, e - b);
        if (ImGui::CalcTextSize(line.c_str()).x > width) {
            // One word longer than the column: cut at a character with "…" (never
            // mid-word without saying so); the caller shows the whole text on hover/tap.
            static const std::string kEllipsis = "\xE2\x80\xA6";
            while (!line.empty() && ImGui::CalcTextSize((line + kEllipsis).c_str()).x > width) {
                line.pop_back();
                while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
                if (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0xC0) line.pop_back();
            }
            line += kEllipsis;
            if (shortened) *shortened = true;
        }
        if (!out.empty()) out += '\n';
        out += line;
        if (e == wrapped.size()) break;
        b = e + 1;
    }
    return out;
}

std::string one_line(const std::string& text, float width, bool* shortened) {
    if (shortened) *shortened = false;
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    static const std::string kEllipsis = "\xE2\x80\xA6";
    // The longest run of whole words that fits with "…" after it.
    size_t cut = text.size();
    while ((cut = text.rfind(' ', cut - 1)) != std::string::npos && cut > 0) {
        const std::string head = text.substr(0, cut) + " " + kEllipsis;
        if (ImGui::CalcTextSize(head.c_str()).x <= width) {
            if (shortened) *shortened = true;
            return head;
        }
    }
    bool cut_word = false;  // not even the first word fits: fit_words cuts it with "…"
    const std::string first = fit_words(text.substr(0, text.find(' ')), width, &cut_word);
    if (shortened) *shortened = true;
    return first.substr(0, first.find('\n')) + (cut_word ? "" : " " + kEllipsis);
}

void text_words(const std::string& text) {
    bool shortened = false;
    ImGui::TextUnformatted(fit_words(text, ImGui::GetContentRegionAvail().x + 1, &shortened).c_str());
    if (shortened && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}

void bold_words(const std::string& text) {
    ImGui::PushFont(fonts().bold);
    text_words(text);
    ImGui::PopFont();
}

void muted_words(const std::string& text) { colored_words(color::muted, text); }

void colored_words(ImU32 c, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    text_words(text);
    ImGui::PopStyleColor();
}

float text_width(const std::string& text, bool bold) {
    ImFont* f = bold ? fonts().bold : ImGui::GetFont();
    return f->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, 0, text.c_str()).x;
}

float wrapped_width(const std::string& text, int lines) {
    const float full = ImGui::CalcTextSize(text.c_str()).x;
    float widest_word = 0;
    for (size_t b = 0; b < text.size();) {
        size_t e = text.find(' ', b);
        if (e == std::string::npos) e = text.size();
        widest_word = std::max(widest_word, ImGui::CalcTextSize(text.c_str() + b, text.c_str() + e).x);
        b = e + 1;
    }
    for (float w = std::ceil(widest_word); w < full; w += 2) {
        const std::string wrapped = wrap_words(text, w);
        if (std::count(wrapped.begin(), wrapped.end(), '\n') < lines) return w;
    }
    return std::ceil(full);
}

void fit_column(const char* header, float content_w) {
    // A short header stays on one line; a long one takes two rather than widening
    // a column of short figures.
    const float one_line = ImGui::CalcTextSize(header).x;
    const float head = one_line <= std::max(content_w, 60.0f) * 1.5f ? one_line : wrapped_width(header, 2);
    ImGui::TableSetupColumn(header, ImGuiTableColumnFlags_WidthFixed, std::ceil(std::max(content_w, head)) + 1);
}

void headers_row() {
    const float min_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, min_h);
    const int n = ImGui::TableGetColumnCount();
    for (int c = 0; c < n; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const std::string name = wrap_words(ImGui::TableGetColumnName(c), ImGui::GetContentRegionAvail().x + 1);
        ImGui::PushID(c);
        ImGui::TableHeader(name.c_str());
        ImGui::PopID();
    }
}

bool phone_layout() { return ImGui::GetMainViewport()->WorkSize.x < 600; }

namespace {
constexpr float kRecordPad = 8.0f;
}

float record_card_height(int lines) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const int n = std::max(lines, 1);
    return std::max(kTouchTarget, 2 * kRecordPad + n * ImGui::GetTextLineHeight() + (n - 1) * st.ItemInnerSpacing.y);
}

namespace {
// A card line's text as drawn: up to `max_rows` rows wrapped at spaces within
// `width`, the last shortened with "…" when the rest does not fit.
std::vector<std::string> card_rows(const std::string& text, int max_rows, float width, bool* shortened) {
    std::vector<std::string> rows;
    std::string rest = text;
    while (static_cast<int>(rows.size()) + 1 < max_rows && ImGui::CalcTextSize(rest.c_str()).x > width) {
        size_t cut = rest.size(), fit = std::string::npos;
        while ((cut = rest.rfind(' ', cut - 1)) != std::string::npos && cut > 0) {
            if (ImGui::CalcTextSize(rest.substr(0, cut).c_str()).x <= width) {
                fit = cut;
                break;
            }
        }
        if (fit == std::string::npos) break;  // not even the first word fits: one_line below cuts it
        rows.push_back(rest.substr(0, fit));
        rest = rest.substr(fit + 1);
    }
    bool cut_last = false;
    rows.push_back(one_line(rest, width, &cut_last));
    if (shortened) *shortened = cut_last;
    return rows;
}
}  // namespace

bool record_card(const std::string& id, const std::vector<CardLine>& lines, bool selected) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float line_h = ImGui::GetTextLineHeight();
    const float w = ImGui::GetContentRegionAvail().x;
    // Each line's rows (measured in its own font) and its right-hand figure's width.
    struct Laid {
        std::vector<std::string> rows;
        float right_w = 0;
        bool shortened = false;
    };
    std::vector<Laid> laid(lines.size());
    int rows = 0;
    for (size_t k = 0; k < lines.size(); ++k) {
        const CardLine& l = lines[k];
        if (l.bold) ImGui::PushFont(fonts().bold);
        if (!l.right.empty()) laid[k].right_w = ImGui::CalcTextSize(l.right.c_str()).x + 12.0f;
        laid[k].rows = card_rows(l.text, std::max(l.max_rows, 1), w - 2 * kRecordPad - laid[k].right_w, &laid[k].shortened);
        if (l.bold) ImGui::PopFont();
        rows += static_cast<int>(laid[k].rows.size());
    }
    const float h = record_card_height(rows);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool tapped = ImGui::Selectable(id.c_str(), selected, 0, ImVec2(w, h));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(at, ImVec2(at.x + w, at.y + h), color::border, 6.0f);
    std::string whole;  // the texts that were shortened, for the tooltip
    float y = at.y + kRecordPad;
    for (size_t k = 0; k < lines.size(); ++k) {
        const CardLine& l = lines[k];
        if (l.bold) ImGui::PushFont(fonts().bold);
        if (!l.right.empty())
            dl->AddText(ImVec2(at.x + w - kRecordPad - (laid[k].right_w - 12.0f), y),
                        l.right_color ? l.right_color : color::text, l.right.c_str());
        const ImU32 c = l.color ? l.color : l.muted ? color::muted : color::text;
        for (const std::string& row : laid[k].rows) {
            dl->AddText(ImVec2(at.x + kRecordPad, y), c, row.c_str());
            y += line_h + st.ItemInnerSpacing.y;
        }
        if (l.bold) ImGui::PopFont();
        if (laid[k].shortened) whole += (whole.empty() ? "" : "\n") + l.text;
    }
    if (hovered && !whole.empty()) ImGui::SetTooltip("%s", whole.c_str());
    return tapped;
}

bool begin_card(const char* id, ImVec2 size, bool scroll) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, color::surface);
    ImGui::PushStyleColor(ImGuiCol_Border, color::border);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18, 14));
    ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysUseWindowPadding;
    if (!scroll) flags |= ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    if (size.y == 0) flags |= 0;
    bool open = ImGui::BeginChild(id, size, true, flags);
    return open;
}

void end_card() {
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

namespace {
struct PanelState {
    ImDrawListSplitter splitter;
    ImVec2 start;
    float right = 0;
    float work_right = 0, content_right = 0;  // the window's right edges, given back at end_panel
};
std::vector<PanelState*> g_panels;
constexpr float kPanelPad = 16;
}  // namespace

void begin_panel(const char* id) {
    auto* ps = new PanelState;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ps->splitter.Split(dl, 2);
    ps->splitter.SetCurrentChannel(dl, 1);
    ps->start = ImGui::GetCursorScreenPos();
    ps->right = ps->start.x + ImGui::GetContentRegionAvail().x;
    g_panels.push_back(ps);
    ImGui::PushID(id);
    ImGui::SetCursorScreenPos(ImVec2(ps->start.x + kPanelPad, ps->start.y + kPanelPad - 4));
    ImGui::BeginGroup();
    // The panel's right padding is the edge of the region for everything inside:
    // an item "as wide as the space" (width -1, a button of width -1) ends there,
    // instead of under the border (a phone showed the Catatan field and the step
    // buttons cut by the panel's edge).
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    ps->work_right = w->WorkRect.Max.x;
    ps->content_right = w->ContentRegionRect.Max.x;
    const float inner = ps->right - kPanelPad;
    w->WorkRect.Max.x = std::min(w->WorkRect.Max.x, inner);
    w->ContentRegionRect.Max.x = std::min(w->ContentRegionRect.Max.x, inner);
    ImGui::PushItemWidth(-FLT_MIN);
    ImGui::PushClipRect(ImVec2(ps->start.x, -1e6f), ImVec2(inner + 4, 1e6f), true);
}

void end_panel() {
    ImGui::PopClipRect();
    ImGui::PopItemWidth();
    PanelState* ps = g_panels.back();
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    w->WorkRect.Max.x = ps->work_right;
    w->ContentRegionRect.Max.x = ps->content_right;
    ImGui::EndGroup();
    ImGui::PopID();
    g_panels.pop_back();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 end = ImGui::GetItemRectMax();
    ImVec2 bottom_right(ps->right, end.y + kPanelPad - 4);
    ps->splitter.SetCurrentChannel(dl, 0);
    dl->AddRectFilled(ps->start, bottom_right, color::surface, 6);
    dl->AddRect(ps->start, bottom_right, color::border, 6);
    ps->splitter.Merge(dl);
    float x = ps->start.x;
    delete ps;
    ImGui::SetCursorScreenPos(ImVec2(x, bottom_right.y));
    ImGui::Dummy(ImVec2(0, 0));
}

void badge(const char* text, ImU32 fg, ImU32 bg) {
    ImVec2 ts = ImGui::CalcTextSize(text);
    ImVec2 pad(8, 2);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec2 size(ts.x + pad.x * 2, ts.y + pad.y * 2);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), bg, size.y * 0.5f);
    dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), fg, text);
    ImGui::Dummy(size);
}

bool primary_button(const std::string& label, ImVec2 size) {
    ImGui::PushStyleColor(ImGuiCol_Button, color::accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color::rgb(0x185A91));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, color::rgb(0x124775));
    ImGui::PushStyleColor(ImGuiCol_Text, color::rgb(0xFFFFFF));
    ImGui::PushStyleColor(ImGuiCol_Border, color::accent);
    ImGui::PushFont(fonts().bold);
    if (size.y > 0) size.y = touch_height(size.y);  // (a fixed height below a finger's on touch widths)
    bool pressed = ImGui::Button(label.c_str(), size);
    ImGui::PopFont();
    ImGui::PopStyleColor(5);
    return pressed;
}

bool has_error(const Check& check, const char* field) {
    for (const auto& i : check.issues)
        if (!i.warning && i.field == field) return true;
    return false;
}

void field_issues(const Check& check, const char* field, bool show) {
    if (!show) return;
    for (const auto& i : check.issues) {
        if (i.field != field) continue;
        std::string msg = i18n::describe(i, i18n::current());
        ImGui::PushStyleColor(ImGuiCol_Text, i.warning ? color::warn : color::bad);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
        ImGui::TextUnformatted(((i.warning ? "\xE2\x9A\xA0 " : "\xE2\x9C\x97 ") + msg).c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
}

ImU32 status_color(abk::LoadStatus s) {
    switch (s) {
        case abk::LoadStatus::over: return color::bad;
        case abk::LoadStatus::balanced: return color::ok;
        case abk::LoadStatus::under: return color::warn;
        case abk::LoadStatus::none: break;
    }
    return color::muted;
}

ImU32 status_bg(abk::LoadStatus s) {
    switch (s) {
        case abk::LoadStatus::over: return color::bad_bg;
        case abk::LoadStatus::balanced: return color::ok_bg;
        case abk::LoadStatus::under: return color::warn_bg;
        case abk::LoadStatus::none: break;
    }
    return color::rgb(0xEEF2F6);
}

void status_badge(abk::LoadStatus s) { badge(T(app::status_key(s)), status_color(s), status_bg(s)); }

void help_line(const char* text) {
    // Short of the right edge: inside a panel the last 16 px are its padding.
    const float width = std::max(ImGui::GetContentRegionAvail().x - 16, 120.0f);
    // Broken at spaces only (no ImGui wrap on top): ImGui's own wrap also breaks
    // after a comma, which splits an Indonesian decimal ("0,\n9").
    muted(wrap_words(text, width).c_str());
}

void efficiency_bar(std::optional<double> e, ImU32 bar_color, float width, float max_value) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight() * 0.55f;
    float y = p.y + (ImGui::GetTextLineHeight() - h) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + width, y + h), color::rgb(0xE8EDF2), 3);
    if (e) {
        float f = static_cast<float>(std::min(*e, static_cast<double>(max_value)) / max_value);
        dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + width * f, y + h), bar_color, 3);
    }
    float one = p.x + width / max_value;
    dl->AddLine(ImVec2(one, y - 3), ImVec2(one, y + h + 3), color::text, 1.5f);
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
}

float trend_bar_row(const std::string& id, const std::string& label, float label_w, float bar_w, float value_w,
                    double fraction, const std::string& value, ImU32 bar_color, const std::string& tooltip) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = touch_height(kTrendRowHeight);  // a row is tapped for its tooltip on a phone
    const float mid = p.y + h * 0.5f, text_y = mid - ImGui::GetFontSize() * 0.5f;
    const float bar_half = kTrendRowHeight * 0.5f - 6;
    dl->AddText(ImVec2(p.x, text_y), color::text, label.c_str());
    const float x0 = p.x + label_w;
    float end = x0;
    if (fraction >= 0) {
        const float w = std::max(static_cast<float>(std::min(fraction, 1.0)) * bar_w, 2.0f);
        dl->AddRectFilled(ImVec2(x0, mid - bar_half), ImVec2(x0 + w, mid + bar_half), bar_color, 3);
        end = x0 + w + 6;
    }
    dl->AddText(ImVec2(end, text_y), color::muted, value.c_str());
    const std::string item = "##" + id;
    ImGui::InvisibleButton(item.c_str(), ImVec2(label_w + bar_w + value_w, h));
    locator::note_last_item(item.c_str());  // (1.86 reports no label for an invisible button)
    if (ImGui::IsItemHovered() && !tooltip.empty()) ImGui::SetTooltip("%s", tooltip.c_str());
    return x0;
}

}  // namespace seimbang::ui
