// Analisis Beban Kerja: pick an office and a position; edit its task table
// (form A); see the live results (needed, holders, PJ with EJ and the gap in
// persons, status), the unit and kecamatan roll-ups, and a bar chart of needed vs
// present per position. Only offices in the account's scope are listed.
#include <algorithm>
#include <cmath>

#include "app/figures.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "app/abk_report.h"
#include "ui/locator.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

void draw_scope_tree(app::App& a, const char* prefix);  // screen_units.cpp
void draw_outside_scope(app::App& a, const Office& o);   // screen_units.cpp

namespace {

const char* period_key(Period p) {
    switch (p) {
        case Period::year: return "ui.period.year";
        case Period::month: return "ui.period.month";
        case Period::week: return "ui.period.week";
        case Period::day: return "ui.period.day";
    }
    return "ui.period.year";
}

std::string volume_text(const AbkTask& k) { return i18n::format_number(k.volume, 3); }

double yearly_minutes(const app::App& a, const AbkTask& k) {
    return abk::task_minutes({k.task, k.output_unit, k.volume, k.period, k.norm_minutes}, a.workload.data.settings);
}

void draw_task_editor(app::App& a) {
    auto& ed = a.task_editor;
    if (!ed.open) return;
    if (!ImGui::IsPopupOpen("##abk-task-modal")) ImGui::OpenPopup("##abk-task-modal");
    ImGui::SetNextWindowSize(ImVec2(std::min(520.0f, ImGui::GetMainViewport()->WorkSize.x - 16), 0));
    ImVec2 c = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(c, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(22, 18));
    if (ImGui::BeginPopupModal("##abk-task-modal", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) {
        AbkTask& t = ed.draft;
        subheading(ed.is_new ? T("ui.abk.new_task") : T("ui.abk.edit_task"));
        if (const Position* p = a.workload.position(t.position_id)) muted(p->name.c_str());
        auto field = [&](const char* key, const char* f) {
            ImGui::PushFont(fonts().bold);
            ImGui::TextUnformatted(T(key));
            ImGui::PopFont();
            (void)f;
        };
        field("ui.abk.task", "task");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##task-task", &t.task);
        field_issues(ed.check, "task", ed.attempted);
        field("ui.abk.output_unit", "output_unit");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##task-output_unit", &t.output_unit);
        field_issues(ed.check, "output_unit", ed.attempted);
        field("ui.abk.volume", "volume");
        ImGui::SetNextItemWidth(200);
        // Text, read in the UI language's conventions on save ("2,5", "1.000").
        ImGui::InputTextWithHint("##task-volume", T("ui.abk.volume_hint"),
                                 &ed.volume_text);
        keyboard_for_last_item(Keyboard::decimal);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1);
        if (combo("##task-period", T(period_key(t.period)))) {
            for (Period p : {Period::year, Period::month, Period::week, Period::day})
                if (ImGui::Selectable(T(period_key(p)), p == t.period)) t.period = p;
            ImGui::EndCombo();
        }
        field_issues(ed.check, "volume", ed.attempted);
        field("ui.abk.norm", "norm_minutes");
        ImGui::SetNextItemWidth(200);
        ImGui::InputTextWithHint("##task-norm", T("ui.abk.norm_hint"),
                                 &ed.norm_text);
        keyboard_for_last_item(Keyboard::decimal);
        field_issues(ed.check, "norm_minutes", ed.attempted);
        field_issues(ed.check, "year", ed.attempted);
        // Live preview of this task's yearly minutes, from the text as typed.
        const auto vol = i18n::parse_number(ed.volume_text), norm = i18n::parse_number(ed.norm_text);
        if (vol.value && norm.value) {
            const double minutes = abk::task_minutes({t.task, t.output_unit, *vol.value, t.period, *norm.value},
                                                     a.workload.data.settings);
            std::string prev = std::string(T("ui.abk.preview")) + ": " +
                               i18n::format_int(static_cast<long long>(minutes)) + " " + T("ui.abk.minutes_year") +
                               " = " + i18n::format_decimal(minutes / a.workload.data.settings.wke_minutes, 3) + " " +
                               T("ui.abk.staff");
            muted(prev.c_str());
        }
        ImGui::Dummy(ImVec2(0, 4));
        // Warnings shown: the same figures are saved on the next press.
        const bool confirm = ed.attempted && ed.check.ok() && !ed.warned_for.empty();
        // "###": one widget id whatever the label says, so a click lands while it changes.
        if (primary_button(std::string(T(confirm ? "ui.abk.save_anyway" : "ui.save")) + "###task-save",
                           ImVec2(confirm ? 200 : 140, 38)))
            a.save_task_draft();
        ImGui::SameLine();
        if (ImGui::Button(L("ui.cancel", "task-cancel").c_str(), ImVec2(110, touch_height(38)))) a.close_task_editor();
        if (!a.task_editor.open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
}

// One bar pair of the chart: needed (red when short) over present.
struct Bar {
    std::string label;
    double needed = 0;
    int holders = 0;
};

void draw_chart(const char* title, const std::vector<Bar>& bars) {
    subheading(title);
    help_line(T("ui.abk.chart_hint"));
    float maxv = 1;
    for (const Bar& b : bars) maxv = std::max({maxv, static_cast<float>(b.needed), static_cast<float>(b.holders)});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = std::min(300.0f, ImGui::GetContentRegionAvail().x * 0.38f);
    float bar_w = ImGui::GetContentRegionAvail().x - label_w - 100;
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    for (const Bar& b : bars) {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        // Long names wrap inside the label column; the row grows with them.
        const float wrap = label_w - 8;
        const float text_h = ImGui::CalcTextSize(b.label.c_str(), nullptr, false, wrap).y;
        float row_h = std::max(34.0f, text_h + 8);
        dl->AddText(font, fs, ImVec2(pos.x, pos.y + std::max(4.0f, (row_h - text_h) * 0.5f)), color::text,
                    b.label.c_str(), nullptr, wrap);
        float x0 = pos.x + label_w;
        float y0 = pos.y + (row_h - 34) * 0.5f;
        float hn = static_cast<float>(b.needed) / maxv * bar_w;
        float hh = static_cast<float>(b.holders) / maxv * bar_w;
        ImU32 nc = b.needed - b.holders >= 0.05 ? color::bad : color::accent;
        dl->AddRectFilled(ImVec2(x0, y0 + 4), ImVec2(x0 + hn, y0 + 15), nc, 2);
        dl->AddRectFilled(ImVec2(x0, y0 + 18), ImVec2(x0 + hh, y0 + 29), color::rgb(0x9AA9B8), 2);
        std::string v = i18n::format_decimal(b.needed, 2) + " / " + i18n::format_int(b.holders);
        dl->AddText(ImVec2(x0 + std::max(hn, hh) + 8, y0 + 8), color::muted, v.c_str());
        ImGui::Dummy(ImVec2(label_w + bar_w, row_h));
    }
    // Legend
    ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddRectFilled(ImVec2(p.x, p.y + 4), ImVec2(p.x + 14, p.y + 14), color::accent, 2);
    dl->AddText(ImVec2(p.x + 20, p.y), color::muted, T("ui.abk.legend_needed"));
    float off = 40 + ImGui::CalcTextSize(T("ui.abk.legend_needed")).x;
    dl->AddRectFilled(ImVec2(p.x + off, p.y + 4), ImVec2(p.x + off + 14, p.y + 14), color::rgb(0x9AA9B8), 2);
    dl->AddText(ImVec2(p.x + off + 20, p.y), color::muted, T("ui.abk.legend_present"));
    ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight() + 4));
}

// One row of the results table (form D): a position, or in the kecamatan view a
// unit's heading with the totals of its own positions. Texts are made first so the
// figure columns can be as wide as their widest value.
constexpr int kCells = 4;  // time, holders / needed (B / K), PJ (EJ) · gap, status
struct ResultRow {
    const Office* unit = nullptr;       // heading row
    const Position* position = nullptr;  // position row
    std::string cells[kCells];
    abk::LoadStatus status = abk::LoadStatus::none;
};

ResultRow unit_result(const app::App& a, const Office& u) {
    const app::OfficeLoad l = a.workload.own_load(u.id);
    double minutes = 0;
    for (const Position* p : a.workload.positions_of(u.id))
        if (const auto* r = a.workload.abk_position(p->id)) minutes += r->workload_minutes;
    ResultRow row;
    row.unit = &u;
    row.status = abk::load_status(l.eu, a.workload.data.settings);
    row.cells[0] = i18n::format_int(static_cast<long long>(minutes));
    row.cells[1] = i18n::format_int(l.holders) + " / " + i18n::format_decimal(l.needed, 2);
    row.cells[2] = app::pu_text(l, false);
    row.cells[3] = row.status == abk::LoadStatus::none ? "-" : T(app::status_key(row.status));
    return row;
}

ResultRow position_result(const app::App& a, const Position& p) {
    const auto* r = a.workload.abk_position(p.id);
    ResultRow row;
    row.position = &p;
    row.status = r ? app::position_status(*r, a.workload.data.settings) : abk::LoadStatus::none;
    row.cells[0] = r ? i18n::format_int(static_cast<long long>(r->workload_minutes)) : "-";
    row.cells[1] = i18n::format_int(a.workload.holders_of(p.id)) + " / " + (r ? i18n::format_decimal(r->needed, 2) : "-");
    row.cells[2] = r ? app::pj_text(*r, false) : "-";
    row.cells[3] = r && !r->ej && r->needed > 0              ? std::string(T("ui.units.vacant"))
                   : row.status == abk::LoadStatus::none ? std::string("-")
                                                         : std::string(T(app::status_key(row.status)));
    return row;
}

// A phone draws cards instead (draw_result_cards).
void draw_result_row(app::App& a, const ResultRow& row, bool indent) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (row.unit) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, color::info_bg);
        ImGui::PushFont(fonts().bold);
        text_words(row.unit->name);
    } else {
        const Position& p = *row.position;
        if (indent) ImGui::Indent(14);
        // The selectable spans the row; the name wraps inside the column.
        const float wrap = ImGui::GetContentRegionAvail().x;
        bool shortened = false;
        const std::string name = fit_words(p.name, wrap, &shortened);  // whole words per line, "…" past the edge
        const float text_h = ImGui::CalcTextSize(name.c_str()).y;
        const ImVec2 size(0, std::max(text_h, touch_height(0)));  // finger-high on touch widths
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable(("##pos-" + p.id).c_str(), a.selected_position == p.id,
                              ImGuiSelectableFlags_SpanAllColumns, size))
            a.selected_position = p.id;
        if (shortened && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.name.c_str());
        locator::note_last_item((p.name + "##pos-" + p.id).c_str());  // found by the name it shows
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x, at.y + (size.y - text_h) * 0.5f), color::text, name.c_str());
        if (indent) ImGui::Unindent(14);
    }
    for (int c = 0; c < kCells; ++c) {
        ImGui::TableNextColumn();
        if (c >= 2) {  // PJ (EJ) · gap and the status word, in the status colour
            ImGui::PushStyleColor(ImGuiCol_Text, status_color(row.status));
            text_words(row.cells[c]);  // a narrow column wraps "A (1,78) ·" / "kurang 1,6"
            ImGui::PopStyleColor();
        } else {
            ImGui::TextUnformatted(row.cells[c].c_str());
        }
    }
    if (row.unit) ImGui::PopFont();
}

// Form D on a phone: a card per position (name; B / K and PJ · gap in the
// status colour), a unit's own line above its positions in the kecamatan view;
// the card selects the position as the row did (same locator name and id). A
// long list scrolls in its own box, as the table did.
void draw_result_cards(app::App& a, const std::vector<ResultRow>& rows, float max_h) {
    const ImGuiStyle& st = ImGui::GetStyle();
    float total = 0;
    for (const ResultRow& r : rows) total += (r.unit ? ImGui::GetTextLineHeightWithSpacing() * 2 : record_card_height(2)) + st.ItemSpacing.y;
    if (!ImGui::BeginChild("##abk-result-cards", ImVec2(0, std::min(total, max_h)), false)) {
        ImGui::EndChild();
        return;
    }
    for (const ResultRow& r : rows) {
        const std::string bk = std::string(T("ui.col.bk")) + "  " + r.cells[1];
        if (r.unit) {
            bold_words(r.unit->name);
            colored_words(status_color(r.status), bk + "  \xC2\xB7  " + r.cells[2]);
            continue;
        }
        const Position& p = *r.position;
        if (record_card("##pos-" + p.id, {{p.name, true}, {bk, false, true, 0, r.cells[2], status_color(r.status)}},
                        a.selected_position == p.id))
            a.selected_position = p.id;
        locator::note_last_item((p.name + "##pos-" + p.id).c_str());  // found by the name it shows
    }
    ImGui::EndChild();
}

// The office and its parents up to the account's own office: figures above the
// scope would be this office's figures under the kecamatan's or kota's name.
void draw_rollup(app::App& a, const std::string& office_id) {
    subheading(T("ui.abk.rollup_title"));
    const ImGuiTableFlags tf = kDataTableFlags;
    if (!ImGui::BeginTable("##abk-rollup", 5, tf, ImVec2(0, 0))) return;
    ImGui::TableSetupColumn(T("ui.col.office"), 0, 2.0f);
    ImGui::TableSetupColumn(T("ui.col.needed"), 0, 0.9f);
    ImGui::TableSetupColumn(T("ui.col.holders"), 0, 0.9f);
    ImGui::TableSetupColumn(T("ui.col.pu_gap"), 0, 2.0f);
    ImGui::TableSetupColumn(T("ui.col.short_surplus"), 0, 2.0f);
    headers_row();
    std::string id = office_id;
    bool above_scope = false;
    for (int d = 0; !id.empty() && d < 8; ++d) {
        const Office* o = a.workload.office(id);
        if (!o) break;
        if (!a.workload.in_scope(id)) {
            above_scope = true;
            break;
        }
        if (const app::OfficeLoad* l = a.workload.load_of(id)) {
            const auto st = abk::load_status(l->eu, a.workload.data.settings);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(o->name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(i18n::format_decimal(l->needed, 2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(i18n::format_int(l->holders).c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, status_color(st));
            text_words(app::pu_text(*l));
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            text_words(app::short_surplus_text(*l));
        }
        id = o->parent_id;
    }
    ImGui::EndTable();
    help_line(T("ui.abk.rollup_hint"));
    if (above_scope) help_line(T("ui.scope.above_hidden"));
}

// Year of the ABK tables: this year by default, any year with tasks on request.
void draw_year_picker(app::App& a) {
    ImGui::SetNextItemWidth(110);
    const std::string preview = std::to_string(a.workload.abk_year);
    if (combo("##abk-year", preview.c_str())) {
        for (int y : a.workload.abk_years()) {
            const std::string l = std::to_string(y) + "##year-" + std::to_string(y);
            if (ImGui::Selectable(l.c_str(), y == a.workload.abk_year)) a.workload.set_abk_year(y);
        }
        ImGui::EndCombo();
    }
}

}  // namespace

// "Unduh" (the server's XLSX online, a CSV of this device's data offline) and the
// print view of the forms of the office shown (app/abk_report.h): beside the year
// when they fit, so the table keeps its place; what they do is a tooltip, what
// happened a line under them.
static void draw_abk_downloads(app::App& a, const std::string& office_id) {
    static std::string outcome;  // string-table key of the last download's outcome
    static std::string outcome_for;
    if (outcome_for != office_id) outcome.clear();
    const std::string download = std::string(T("ui.eval.download")) + "##abk-download";
    const std::string print = std::string(T("ui.print.button")) + "##abk-print";
    const ImGuiStyle& st = ImGui::GetStyle();
    const float need = ImGui::CalcTextSize(T("ui.eval.download")).x + ImGui::CalcTextSize(T("ui.print.button")).x +
                       4 * st.FramePadding.x + 2 * st.ItemSpacing.x;
    // (room left on the line of the last item: the line's right edge minus that item's)
    if (ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x - ImGui::GetItemRectMax().x -
            st.ItemSpacing.x > need)
        ImGui::SameLine();
    auto remember = [office_id](const std::string& key) {
        outcome = key;
        outcome_for = office_id;
    };
    if (ImGui::Button(download.c_str())) app::download_abk(a, office_id, a.workload.abk_year, remember);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T("ui.eval.download_hint"));
    ImGui::SameLine();
    if (ImGui::Button(print.c_str())) app::print_abk(a, office_id, a.workload.abk_year, remember);
    if (!outcome.empty()) help_line(T(outcome.c_str()));
}

void draw_abk(app::App& a) {
    if (a.selected_office.empty() && a.login.session) a.selected_office = a.login.session->office_id;
    // The same tree as Unit & Jabatan (long names wrap); above the results on a phone.
    const bool compact = compact_layout();
    // A phone: a panel as tall as the tree (no fixed box scrolled inside the page).
    if (compact) begin_panel("abk-tree");
    else begin_card("##abk-tree", ImVec2(290, 0), true);
    subheading(T("ui.abk.pick_office"));
    draw_scope_tree(a, "at-");
    if (compact) end_panel();
    else end_card();
    if (!compact) ImGui::SameLine();
    // A phone: at least most of a screen tall; the page scrolls past the tree to it.
    const float main_h = compact ? std::max(ImGui::GetContentRegionAvail().y, ImGui::GetMainViewport()->Size.y * 0.85f) : 0;
    ImGui::BeginChild("##abk-main", ImVec2(0, main_h), false);
    const Office* o = a.workload.office(a.selected_office);
    if (!o) {
        muted(T("ui.units.pick"));
        ImGui::EndChild();
        return;
    }
    if (!a.workload.in_scope(o->id)) {  // not "no positions": this copy does not hold them
        draw_outside_scope(a, *o);
        ImGui::EndChild();
        return;
    }
    // A kecamatan (or kota) is judged with everything below it: its results list
    // every position of the subtree, grouped under a row per unit with that unit's
    // own figures, like the roll-up. A leaf office lists its own positions.
    const bool whole = !a.workload.children(o->id).empty();
    std::vector<const Office*> units = whole ? a.workload.subtree(o->id) : std::vector<const Office*>{o};
    std::vector<std::pair<const Office*, std::vector<const Position*>>> groups;
    std::vector<const Position*> positions;
    for (const Office* u : units) {
        auto ps = a.workload.positions_of(u->id);
        if (ps.empty()) continue;
        positions.insert(positions.end(), ps.begin(), ps.end());
        groups.emplace_back(u, std::move(ps));
    }
    if (std::none_of(positions.begin(), positions.end(), [&](auto* p) { return p->id == a.selected_position; }))
        a.selected_position = positions.empty() ? "" : positions.front()->id;

    begin_panel("abk-positions");
    std::string title = o->name + " \xC2\xB7 " + T("ui.abk.year");
    // The year beside the title when both fit on the line, else under it (a phone).
    ImGui::PushFont(fonts().h2);
    const bool year_beside = ImGui::CalcTextSize(title.c_str()).x + 110 + 3 * ImGui::GetStyle().ItemSpacing.x <=
                             ImGui::GetContentRegionAvail().x;
    ImGui::PopFont();
    subheading(title.c_str());
    if (year_beside) ImGui::SameLine();
    draw_year_picker(a);
    if (!positions.empty()) draw_abk_downloads(a, o->id);
    if (whole && !positions.empty()) help_line(T("ui.abk.subtree_hint"));
    help_line(T("ui.help.pj_ej"));
    help_line(T("ui.help.bk"));
    if (positions.empty()) muted(T("ui.units.no_positions"));
    // Form D: per position results; click a row to open its task table. Figures
    // columns fit their header and values; the position name takes the rest.
    ImGuiTableFlags tf = kDataTableFlags;
    ImVec2 table_size(0, 0);  // the panel's width (begin_panel sets the region)
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const int rows = static_cast<int>(positions.size() + (whole ? groups.size() : 0)) + 1;
    // A long list scrolls inside its own box so the selected position's tasks stay in view.
    const float max_h = std::max(8 * row_h, ImGui::GetMainViewport()->Size.y * 0.42f);
    if (rows * row_h > max_h) {
        tf |= ImGuiTableFlags_ScrollY;
        table_size.y = max_h;
    }
    std::vector<ResultRow> rows_view;
    for (const auto& [u, ps] : groups) {
        if (whole) rows_view.push_back(unit_result(a, *u));
        for (const Position* p : ps) rows_view.push_back(position_result(a, *p));
    }
    float widths[kCells] = {};
    for (const ResultRow& r : rows_view)
        for (int c = 0; c < kCells; ++c) widths[c] = std::max(widths[c], text_width(r.cells[c], r.unit != nullptr));
    if (!positions.empty() && phone_layout()) {
        draw_result_cards(a, rows_view, max_h);
    } else if (!positions.empty() && ImGui::BeginTable("##abk-results", 1 + kCells, tf, table_size)) {
        // Every column from a portrait tablet up (a phone: cards).
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(T("ui.col.position"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        fit_column(T("ui.col.workload"), widths[0]);
        fit_column(T("ui.col.bk"), widths[1]);
        fit_column(T(whole ? "ui.col.pj_pu_gap" : "ui.col.pj_gap"), widths[2]);
        fit_column(T("ui.col.grade"), widths[3]);
        headers_row();
        for (const ResultRow& r : rows_view) draw_result_row(a, r, whole);
        ImGui::EndTable();
    }
    end_panel();

    // Form A: tasks of the selected position.
    if (const Position* p = a.workload.position(a.selected_position)) {
        ImGui::Dummy(ImVec2(0, 2));
        begin_panel("abk-tasks");
        std::string t = std::string(T("ui.abk.tasks_of")) + " " + p->name;
        subheading(t.c_str());
        if (a.can_edit()) {
            if (phone_layout()) {  // below the title, which the button covered
                if (primary_button(L("ui.abk.add_task", "abk-add-task"), ImVec2(-1, 0))) a.new_task(p->id);
            } else {
                ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 160 - 16);  // SameLine counts from the panel's group (16 in)
                if (primary_button(L("ui.abk.add_task", "abk-add-task"), ImVec2(160, 0))) a.new_task(p->id);
            }
        }
        // In the kecamatan view the position may be of any unit below: say which.
        if (p->office_id != o->id)
            if (const Office* po = a.workload.office(p->office_id)) muted(a.workload.office_path(po->id).c_str());
        auto tasks = a.workload.tasks_of(p->id);
        tasks.erase(std::remove_if(tasks.begin(), tasks.end(), [&](auto* x) { return x->year != a.workload.abk_year; }),
                    tasks.end());
        if (tasks.empty()) muted(T("ui.abk.no_tasks"));
        double total_minutes = 0;
        for (const AbkTask* k : tasks) total_minutes += yearly_minutes(a, *k);
        const std::string total_text = i18n::format_int(static_cast<long long>(total_minutes));
        if (!tasks.empty() && phone_layout()) {
            // A card per task (task; volume, output unit, period; norm and yearly
            // time), the card opens the editor as the row's Ubah did (same id).
            for (const AbkTask* k : tasks) {
                const std::string what = volume_text(*k) + " " + k->output_unit + " \xC2\xB7 " + T(period_key(k->period));
                const std::string time = std::string(T("ui.card.norm")) + " " + i18n::format_number(k->norm_minutes, 2) +
                                         " " + T("ui.card.minutes") + " \xC2\xB7 " +
                                         i18n::format_int(static_cast<long long>(yearly_minutes(a, *k))) + " " +
                                         T("ui.abk.minutes_year");
                const std::string id = (a.can_edit() ? "##task-edit-" : "##task-") + k->id;
                if (record_card(id, {{k->task, true}, {what}, {time, false, true}}) && a.can_edit()) a.edit_task(k->id);
            }
            ImGui::PushFont(fonts().bold);
            text_words(std::string(T("ui.abk.total")) + " " + total_text + " " + T("ui.abk.minutes_year") + " = " +
                       i18n::format_decimal(total_minutes / a.workload.data.settings.wke_minutes, 2) + " " + T("ui.abk.staff"));
            ImGui::PopFont();
        } else if (!tasks.empty() && ImGui::BeginTable("##abk-task-table", 7, kDataTableFlags, ImVec2(0, 0))) {
            float w_vol = 0, w_period = 0, w_norm = 0, w_min = text_width(total_text, true), w_edit = 0;
            for (const AbkTask* k : tasks) {
                w_vol = std::max(w_vol, text_width(volume_text(*k)));
                w_period = std::max(w_period, text_width(T(period_key(k->period))));
                w_norm = std::max(w_norm, text_width(i18n::format_number(k->norm_minutes, 2)));
                w_min = std::max(w_min, text_width(i18n::format_int(static_cast<long long>(yearly_minutes(a, *k)))));
            }
            if (a.can_edit())
                w_edit = text_width(T("ui.edit")) + ImGui::GetStyle().FramePadding.x * 2;
            ImGui::TableSetupColumn(T("ui.abk.task"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
            ImGui::TableSetupColumn(T("ui.abk.output_unit"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            fit_column(T("ui.abk.volume"), w_vol);
            fit_column(T("ui.abk.period"), w_period);
            fit_column(T("ui.abk.norm_short"), w_norm);
            fit_column(T("ui.abk.time_year"), w_min);
            fit_column("", w_edit);
            headers_row();
            for (const AbkTask* k : tasks) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                text_words(k->task);
                ImGui::TableNextColumn();
                text_words(k->output_unit);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(volume_text(*k).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(T(period_key(k->period)));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(i18n::format_number(k->norm_minutes, 2).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(i18n::format_int(static_cast<long long>(yearly_minutes(a, *k))).c_str());
                ImGui::TableNextColumn();
                if (a.can_edit()) {
                    std::string b = std::string(T("ui.edit")) + "##task-edit-" + k->id;
                    if (small_button(b.c_str())) a.edit_task(k->id);
                }
            }
            // Totals row: the position's time and what it means in persons (÷ WKE).
            ImGui::TableNextRow();
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, color::info_bg);
            ImGui::TableNextColumn();
            ImGui::PushFont(fonts().bold);
            const std::string persons = std::string(T("ui.abk.total")) + " = " +
                                        i18n::format_decimal(total_minutes / a.workload.data.settings.wke_minutes, 2) + " " +
                                        T("ui.abk.staff");
            text_words(persons);
            for (int c = 0; c < 4; ++c) ImGui::TableNextColumn();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(total_text.c_str());
            ImGui::PopFont();
            ImGui::EndTable();
        }
        const std::string wke = std::string(T("ui.help.wke")) + " " +
                                i18n::format_int(static_cast<long long>(a.workload.data.settings.wke_minutes)) + " " +
                                T("ui.abk.minutes_year") + ".";
        help_line(wke.c_str());
        end_panel();
    }
    ImGui::Dummy(ImVec2(0, 2));
    begin_panel("abk-chart");
    std::vector<Bar> bars;
    if (whole) {  // one bar pair per unit: where the kecamatan is short at a glance
        for (const auto& [u, ps] : groups) {
            app::OfficeLoad l = a.workload.own_load(u->id);
            bars.push_back({u->name, l.needed, l.holders});
        }
    } else {
        for (const Position* p : positions)
            if (const auto* r = a.workload.abk_position(p->id)) bars.push_back({p->name, r->needed, r->holders});
    }
    draw_chart(T(whole ? "ui.abk.chart_title_units" : "ui.abk.chart_title"), bars);
    end_panel();
    ImGui::Dummy(ImVec2(0, 2));
    begin_panel("abk-rollup");
    draw_rollup(a, o->id);
    end_panel();
    ImGui::EndChild();
    draw_task_editor(a);
}

}  // namespace seimbang::ui
