// Analisis Beban Kerja: pick an office and a position; edit its task table
// (form A); see the live results (needed, holders, +/−, EJ, PJ), the unit and
// kecamatan roll-ups, and a bar chart of needed vs present per position.
#include <algorithm>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

void draw_office_tree(app::App& a, const std::string& parent, const char* prefix);  // screen_units.cpp

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

void draw_task_editor(app::App& a) {
    auto& ed = a.task_editor;
    if (!ed.open) return;
    if (!ImGui::IsPopupOpen("##abk-task-modal")) ImGui::OpenPopup("##abk-task-modal");
    ImGui::SetNextWindowSize(ImVec2(520, 0));
    ImVec2 c = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(c, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(22, 18));
    if (ImGui::BeginPopupModal("##abk-task-modal", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) {
        AbkTask& t = ed.draft;
        subheading(ed.is_new ? T("ui.abk.new_task") : T("ui.abk.edit_task"));
        if (const Position* p = a.position(t.position_id)) muted(p->name.c_str());
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
        ImGui::InputDouble("##task-volume", &t.volume, 0, 0, "%.2f");
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
        ImGui::InputDouble("##task-norm", &t.norm_minutes, 0, 0, "%.1f");
        field_issues(ed.check, "norm_minutes", ed.attempted);
        field_issues(ed.check, "year", ed.attempted);
        // Live preview of this task's yearly minutes.
        double minutes = abk::task_minutes({t.task, t.output_unit, t.volume, t.period, t.norm_minutes}, a.data.settings);
        std::string prev = std::string(T("ui.abk.preview")) + ": " + fmt_int(static_cast<long long>(minutes)) + " " +
                           T("ui.abk.minutes_year") + " = " + fmt_dec(minutes / a.data.settings.wke_minutes, 3) + " " +
                           T("ui.abk.staff");
        muted(prev.c_str());
        ImGui::Dummy(ImVec2(0, 4));
        if (primary_button(L("ui.save", "task-save"), ImVec2(140, 38))) a.save_task_draft();
        ImGui::SameLine();
        if (ImGui::Button(L("ui.cancel", "task-cancel").c_str(), ImVec2(110, 38))) a.close_task_editor();
        if (!a.task_editor.open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar();
}

void draw_chart(app::App& a, const std::vector<const Position*>& positions) {
    subheading(T("ui.abk.chart_title"));
    muted(T("ui.abk.chart_hint"));
    float maxv = 1;
    for (const Position* p : positions) {
        const auto* r = a.abk_position(p->id);
        if (r) maxv = std::max({maxv, static_cast<float>(r->needed), static_cast<float>(r->holders)});
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float label_w = std::min(300.0f, ImGui::GetContentRegionAvail().x * 0.38f);
    float bar_w = ImGui::GetContentRegionAvail().x - label_w - 100;
    for (const Position* p : positions) {
        const auto* r = a.abk_position(p->id);
        if (!r) continue;
        ImVec2 pos = ImGui::GetCursorScreenPos();
        float row_h = 34;
        ImGui::PushClipRect(pos, ImVec2(pos.x + label_w - 8, pos.y + row_h), true);
        dl->AddText(ImVec2(pos.x, pos.y + 8), color::text, p->name.c_str());
        ImGui::PopClipRect();
        float x0 = pos.x + label_w;
        float hn = static_cast<float>(r->needed) / maxv * bar_w;
        float hh = static_cast<float>(r->holders) / maxv * bar_w;
        ImU32 nc = r->difference < 0 ? color::bad : color::accent;
        dl->AddRectFilled(ImVec2(x0, pos.y + 4), ImVec2(x0 + hn, pos.y + 15), nc, 2);
        dl->AddRectFilled(ImVec2(x0, pos.y + 18), ImVec2(x0 + hh, pos.y + 29), color::rgb(0x9AA9B8), 2);
        std::string v = fmt_dec(r->needed, 2) + " / " + std::to_string(r->holders);
        dl->AddText(ImVec2(x0 + std::max(hn, hh) + 8, pos.y + 8), color::muted, v.c_str());
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

void draw_rollup(app::App& a, const std::string& office_id) {
    subheading(T("ui.abk.rollup_title"));
    const ImGuiTableFlags tf = kDataTableFlags;
    if (!ImGui::BeginTable("##abk-rollup", 6, tf, ImVec2(-16, 0))) return;
    ImGui::TableSetupColumn(T("ui.col.office"), 0, 2.4f);
    ImGui::TableSetupColumn(T("ui.col.needed"), 0, 1.0f);
    ImGui::TableSetupColumn(T("ui.col.present"), 0, 0.8f);
    ImGui::TableSetupColumn(T("ui.col.diff"), 0, 0.6f);
    ImGui::TableSetupColumn(T("ui.col.eu"), 0, 0.7f);
    ImGui::TableSetupColumn(T("ui.col.pu"), 0, 1.2f);
    ImGui::TableHeadersRow();
    // The office itself, then up the tree (kelurahan → kecamatan → kota).
    std::string id = office_id;
    for (int d = 0; !id.empty() && d < 8; ++d) {
        const Office* o = a.office(id);
        const app::OfficeLoad* l = a.load_of(id);
        if (!o) break;
        if (l) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o->name.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt_dec(l->needed, 2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt_int(l->holders).c_str());
            ImGui::TableNextColumn();
            int diff = l->holders - l->needed_rounded;
            text_colored(diff < 0 ? color::bad : diff > 0 ? color::warn : color::ok, fmt_signed(diff).c_str());
            ImGui::TableNextColumn();
            text_colored(efficiency_color(l->eu), l->eu ? fmt_dec(*l->eu, 2).c_str() : "-");
            ImGui::TableNextColumn();
            std::string pu = l->pu ? l->pu->grade + " \xE2\x80\x94 " + l->pu->label : "-";
            ImGui::TextUnformatted(pu.c_str());
        }
        id = o->parent_id;
    }
    ImGui::EndTable();
}

}  // namespace

void draw_abk(app::App& a) {
    if (a.selected_office.empty() && a.session) a.selected_office = a.session->office_id;
    float left_w = 320;
    begin_card("##abk-tree", ImVec2(left_w, 0), true);
    subheading(T("ui.abk.pick_office"));
    draw_office_tree(a, "", "at-");
    end_card();
    ImGui::SameLine();
    ImGui::BeginChild("##abk-main", ImVec2(0, 0), false);
    const Office* o = a.office(a.selected_office);
    if (!o) {
        muted(T("ui.units.pick"));
        ImGui::EndChild();
        return;
    }
    auto positions = a.positions_of(o->id);
    if (std::none_of(positions.begin(), positions.end(), [&](auto* p) { return p->id == a.selected_position; }))
        a.selected_position = positions.empty() ? "" : positions.front()->id;

    begin_panel("abk-positions");
    std::string title = o->name + " \xC2\xB7 " + T("ui.abk.year") + " " + std::to_string(a.abk_year);
    subheading(title.c_str());
    if (positions.empty()) muted(T("ui.units.no_positions"));
    // Form D: per position results; click a row to open its task table.
    const ImGuiTableFlags tf = kDataTableFlags;
    if (!positions.empty() && ImGui::BeginTable("##abk-results", 7, tf, ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(T("ui.col.position"), 0, 1.9f);
        ImGui::TableSetupColumn(T("ui.col.workload"), 0, 1.9f);
        ImGui::TableSetupColumn(T("ui.col.needed"), 0, 1.1f);
        ImGui::TableSetupColumn(T("ui.col.holders"), 0, 1.2f);
        ImGui::TableSetupColumn(T("ui.col.diff"), 0, 0.6f);
        ImGui::TableSetupColumn(T("ui.col.ej"), 0, 0.6f);
        ImGui::TableSetupColumn(T("ui.col.pj"), 0, 1.3f);
        ImGui::TableHeadersRow();
        for (const Position* p : positions) {
            const auto* r = a.abk_position(p->id);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            std::string l = p->name + "##pos-" + p->id;
            if (ImGui::Selectable(l.c_str(), a.selected_position == p->id, ImGuiSelectableFlags_SpanAllColumns))
                a.selected_position = p->id;
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r ? fmt_int(static_cast<long long>(r->workload_minutes)).c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r ? fmt_dec(r->needed, 2).c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::to_string(a.holders_of(p->id)).c_str());
            ImGui::TableNextColumn();
            if (r)
                text_colored(r->difference < 0 ? color::bad : r->difference > 0 ? color::warn : color::ok,
                             fmt_signed(r->difference).c_str());
            ImGui::TableNextColumn();
            std::optional<double> ej = r ? r->ej : std::nullopt;
            text_colored(efficiency_color(ej), ej ? fmt_dec(*ej, 2).c_str() : "-");
            ImGui::TableNextColumn();
            std::string pj = r && r->pj ? r->pj->grade + " \xE2\x80\x94 " + r->pj->label : "-";
            ImGui::TextUnformatted(pj.c_str());
        }
        ImGui::EndTable();
    }
    end_panel();

    // Form A: tasks of the selected position.
    if (const Position* p = a.position(a.selected_position)) {
        ImGui::Dummy(ImVec2(0, 2));
        begin_panel("abk-tasks");
        std::string t = std::string(T("ui.abk.tasks_of")) + " " + p->name;
        subheading(t.c_str());
        if (a.can_edit()) {
            ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 160 - 32);
            if (primary_button(L("ui.abk.add_task", "abk-add-task"), ImVec2(160, 0))) a.new_task(p->id);
        }
        auto tasks = a.tasks_of(p->id);
        tasks.erase(std::remove_if(tasks.begin(), tasks.end(), [&](auto* x) { return x->year != a.abk_year; }),
                    tasks.end());
        if (tasks.empty()) muted(T("ui.abk.no_tasks"));
        if (!tasks.empty() && ImGui::BeginTable("##abk-task-table", 7, tf, ImVec2(-16, 0))) {
            ImGui::TableSetupColumn(T("ui.abk.task"), 0, 2.5f);
            ImGui::TableSetupColumn(T("ui.abk.output_unit"), 0, 1.3f);
            ImGui::TableSetupColumn(T("ui.abk.volume"), 0, 0.8f);
            ImGui::TableSetupColumn(T("ui.abk.period"), 0, 1.1f);
            ImGui::TableSetupColumn(T("ui.abk.norm_short"), 0, 1.4f);
            ImGui::TableSetupColumn(T("ui.abk.minutes_year"), 0, 1.1f);
            ImGui::TableSetupColumn("", 0, 0.7f);
            ImGui::TableHeadersRow();
            for (const AbkTask* k : tasks) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", k->task.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(k->output_unit.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(fmt_dec(k->volume, k->volume == static_cast<long long>(k->volume) ? 0 : 2).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(T(period_key(k->period)));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(fmt_dec(k->norm_minutes, 0).c_str());
                ImGui::TableNextColumn();
                double m = abk::task_minutes({k->task, k->output_unit, k->volume, k->period, k->norm_minutes},
                                             a.data.settings);
                ImGui::TextUnformatted(fmt_int(static_cast<long long>(m)).c_str());
                ImGui::TableNextColumn();
                if (a.can_edit()) {
                    std::string b = std::string(T("ui.edit")) + "##task-edit-" + k->id;
                    if (ImGui::SmallButton(b.c_str())) a.edit_task(k->id);
                }
            }
            ImGui::EndTable();
        }
        end_panel();
    }
    ImGui::Dummy(ImVec2(0, 2));
    begin_panel("abk-chart");
    draw_chart(a, positions);
    end_panel();
    ImGui::Dummy(ImVec2(0, 2));
    begin_panel("abk-rollup");
    draw_rollup(a, o->id);
    end_panel();
    ImGui::EndChild();
    draw_task_editor(a);
}

}  // namespace seimbang::ui
