// Rekomendasi, saved plans (issue 15 item 5): save the plan shown under a name,
// the list of this user's saved plans with open / CSV / delete and the A/B
// choice, a saved plan as it was saved (and whether the data changed since),
// and two plans side by side: figures, and the moves that differ.
// State and commands: client/app/saved_plans.*.
#include <algorithm>
#include <string>

#include "i18n/format.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/rekomendasi_parts.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

using app::App;
using app::SavedPlan;

namespace {

using rekom::colored_wrapped;
using rekom::figures_table;
using rekom::tooltip;

const char* const kArrow = " \xE2\x86\x92 ";
std::string g_confirm_delete;  // the plan whose "Hapus" asks for confirmation

void show_issue(const Check& c) {
    if (c.ok()) return;
    std::string msg = i18n::describe(c.issues.front(), i18n::current());
    colored_wrapped(color::bad, msg.c_str());
}

std::string saved_when(long long ms) {
    const long long s = ms / 1000;
    return i18n::format_date(utc_date(s + 7 * 3600));  // WIB, as the workflow's dates
}

std::string status_line(const SavedPlan& p) {
    if (p.edited) return std::string(T("rekom.status.edited")) + " " + i18n::format_signed(p.objective - p.optimum, 3);
    if (p.optimal) return T("rekom.status.optimal");
    return std::string(T("rekom.status.gap")) + " " + i18n::format_decimal(p.gap, 3);
}

std::string params_line(const SavedPlan& p) {
    const auto& s = p.settings;
    return std::string(T("saved.params")) + ": " + p.scope_name + ", " + std::to_string(p.year) + "  \xC2\xB7  " +
           T("rekom.form.move_cost") + " " + i18n::format_number(s.move_cost, 3) + "  \xC2\xB7  " +
           T("rekom.form.request_bonus") + " " + i18n::format_number(s.request_bonus, 3) + "  \xC2\xB7  " +
           T("rekom.form.fit_bonus") + " " + i18n::format_number(s.fit_bonus, 3) + "  \xC2\xB7  " +
           T("rekom.form.limit_moves") + ": " + (s.limit_moves ? std::to_string(s.max_moves) : T("saved.no_limit")) +
           (s.allow_managerial ? std::string("  \xC2\xB7  ") + T("rekom.form.allow_managerial") : std::string()) +
           (s.pinned.empty() ? std::string() : "  \xC2\xB7  " + std::string(T("rekom.form.pinned")) + ": " +
                                                   std::to_string(s.pinned.size()));
}

void move_line(const app::SavedMove& m) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted((m.employee.empty() ? m.employee_id : m.employee).c_str());
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x - 16, 120.0f));
    ImGui::TextUnformatted((m.from + kArrow + m.to).c_str());
    ImGui::PopTextWrapPos();
}

void draw_list(App& a) {
    auto& s = a.saved_plans;
    const bool narrow = compact_layout();
    begin_panel("saved-plans");
    subheading(T("saved.title"));
    help_line(T("saved.help"));
    if (a.rekom.phase == app::RekomPhase::done) {
        ImGui::SetNextItemWidth(narrow ? -1 : 380);
        ImGui::InputTextWithHint("##saved-name", T("saved.name_hint"), &s.save_name);
        if (!narrow) ImGui::SameLine();
        if (s.saving.active) muted(T("saved.saving"));  // written over the next frames (App::saved_plan_save_step)
        else if (primary_button(L("saved.save", "saved-save"), ImVec2(narrow ? -1 : 0, 0))) a.rekom_save_plan();
        show_issue(s.save_check);
    }
    if (!s.loaded) a.saved_plans_reload();
    if (s.list.empty()) {
        muted(T("saved.none"));
        end_panel();
        return;
    }
    // The plan on screen can be one side of a comparison without saving it first.
    if (a.rekom.phase == app::RekomPhase::done) {
        ImGui::Separator();
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted(T("saved.current"));
        ImGui::PopFont();
        help_line(T("saved.current_help"));
        if (ImGui::RadioButton((std::string(T("saved.pick_a")) + "##saved-a-current").c_str(), s.compare_a == app::kCurrentPlanId))
            s.compare_a = app::kCurrentPlanId;
        ImGui::SameLine();
        if (ImGui::RadioButton((std::string(T("saved.pick_b")) + "##saved-b-current").c_str(), s.compare_b == app::kCurrentPlanId))
            s.compare_b = app::kCurrentPlanId;
    } else {
        // No plan on screen any more: it cannot stay chosen.
        if (s.compare_a == app::kCurrentPlanId) s.compare_a.clear();
        if (s.compare_b == app::kCurrentPlanId) s.compare_b.clear();
    }
    for (size_t i = 0; i < s.list.size(); ++i) {
        const auto& r = s.list[i];
        const std::string n = std::to_string(i);
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted(r.name.c_str());
        ImGui::PopFont();
        const Office* o = a.workload.office(r.scope_office_id);
        const std::string meta = saved_when(r.saved_ms) + "  \xC2\xB7  " + (o ? o->name : r.scope_office_id) + "  \xC2\xB7  " +
                                 std::to_string(r.year) + "  \xC2\xB7  " + std::to_string(r.moves) + " " + T("saved.col.moves");
        help_line(meta.c_str());
        if (small_button((std::string(T("saved.open")) + "##saved-open-" + n).c_str())) a.saved_plan_open(r.id);
        ImGui::SameLine();
        if (small_button((std::string(T("saved.csv_moves")) + "##saved-csv-" + n).c_str())) a.saved_plan_export(r.id, false);
        ImGui::SameLine();
        if (small_button((std::string(T("saved.csv_figures")) + "##saved-fig-" + n).c_str())) a.saved_plan_export(r.id, true);
        if (!narrow) ImGui::SameLine(0, 24);
        if (ImGui::RadioButton((std::string(T("saved.pick_a")) + "##saved-a-" + n).c_str(), s.compare_a == r.id)) s.compare_a = r.id;
        ImGui::SameLine();
        if (ImGui::RadioButton((std::string(T("saved.pick_b")) + "##saved-b-" + n).c_str(), s.compare_b == r.id)) s.compare_b = r.id;
        ImGui::SameLine(0, 24);
        std::string deleted;
        if (g_confirm_delete == r.id) {
            if (small_button((std::string(T("saved.delete")) + "?##saved-del-yes-" + n).c_str())) deleted = r.id;
            ImGui::SameLine();
            if (small_button((std::string(T("ui.cancel")) + "##saved-del-no-" + n).c_str())) g_confirm_delete.clear();
        } else if (small_button((std::string(T("saved.delete")) + "##saved-del-" + n).c_str())) {
            g_confirm_delete = r.id;
        }
        ImGui::PopID();
        if (!deleted.empty()) {
            g_confirm_delete.clear();
            a.saved_plan_delete(deleted);
            break;  // the list changed
        }
    }
    ImGui::Separator();
    help_line(T("saved.pick_help"));
    ImGui::BeginDisabled(s.compare_a.empty() || s.compare_b.empty() || s.compare_a == s.compare_b);
    if (ImGui::Button(L("saved.compare", "saved-compare").c_str(), ImVec2(narrow ? -1 : 0, touch_height(38)))) a.saved_plans_compare();
    ImGui::EndDisabled();
    help_line(T("saved.csv_help"));
    show_issue(s.check);
    end_panel();
}

void draw_open(App& a) {
    auto& s = a.saved_plans;
    const SavedPlan& p = s.open;
    begin_panel("saved-open");
    subheading(p.name.c_str());
    if (small_button(L("saved.close", "saved-close").c_str())) s.open_id.clear();
    if (s.open_checking) muted(T("saved.data_checking"));
    else if (s.open_data_changed) colored_wrapped(color::warn, T("saved.data_changed"));
    else muted(T("saved.data_same"));
    help_line(params_line(p).c_str());
    colored_wrapped(p.edited || !p.optimal ? color::warn : color::ok, status_line(p).c_str());
    figures_table("##saved-open-figures", p.before, p.after);
    // The first moves (the whole list is in "CSV mutasi").
    const size_t shown = std::min<size_t>(p.moves.size(), 50);
    muted((std::string(T("rekom.status.moves")) + ": " + std::to_string(p.moves.size())).c_str());
    for (size_t i = 0; i < shown; ++i) {
        ImGui::Separator();
        move_line(p.moves[i]);
        help_line(p.moves[i].reason.c_str());
    }
    if (p.moves.size() > shown) help_line(T("saved.csv_help"));
    end_panel();
}

void diff_list(const char* title, const SavedPlan& p, const std::vector<size_t>& idx) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted((std::string(title) + " (" + std::to_string(idx.size()) + ")").c_str());
    ImGui::PopFont();
    if (idx.empty()) muted(T("saved.compare.none"));
    for (size_t k = 0; k < idx.size() && k < 100; ++k) {
        const auto& m = p.moves[idx[k]];
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x - 16, 120.0f));
        ImGui::TextUnformatted(((m.employee.empty() ? m.employee_id : m.employee) + ": " + m.from + kArrow + m.to).c_str());
        ImGui::PopTextWrapPos();
    }
}

void draw_compare(App& a) {
    auto& s = a.saved_plans;
    const bool narrow = compact_layout();
    begin_panel("saved-compare-panel");
    subheading(T("saved.compare.title"));
    if (small_button(L("saved.close", "saved-compare-close").c_str())) s.comparing = false;
    help_line((std::string("A: ") + s.a.name + "  \xC2\xB7  " + params_line(s.a)).c_str());
    help_line((std::string("B: ") + s.b.name + "  \xC2\xB7  " + params_line(s.b)).c_str());
    // Figures: before (A's; B's too when it differs), A after, B after.
    const auto ra = app::figure_rows(s.a.before, s.a.after), rb = app::figure_rows(s.b.before, s.b.after);
    if (ImGui::BeginTable("##saved-compare-figures", narrow ? 3 : 4, kDataTableFlags)) {
        ImGui::TableSetupColumn(T("rekom.metric.name"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        if (!narrow) ImGui::TableSetupColumn(T("saved.compare.before"), ImGuiTableColumnFlags_WidthFixed, 110);
        ImGui::TableSetupColumn(T("saved.compare.after_a"), ImGuiTableColumnFlags_WidthFixed, 90);
        ImGui::TableSetupColumn(T("saved.compare.after_b"), ImGuiTableColumnFlags_WidthFixed, 90);
        ImGui::TableHeadersRow();
        for (size_t i = 0; i < ra.size(); ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(T(ra[i].name));
            tooltip(ra[i].help);
            if (!narrow) {
                ImGui::TableNextColumn();
                const std::string b = ra[i].before == rb[i].before ? ra[i].before : ra[i].before + " / " + rb[i].before;
                ImGui::TextUnformatted(b.c_str());
                tooltip(ra[i].help);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ra[i].after.c_str());
            tooltip(ra[i].help);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(rb[i].after.c_str());
            tooltip(ra[i].help);
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, 6));
    muted((std::string(T("saved.compare.same")) + ": " + std::to_string(s.diff.same)).c_str());
    ImGui::Separator();
    diff_list(T("saved.compare.only_a"), s.a, s.diff.only_a);
    ImGui::Separator();
    diff_list(T("saved.compare.only_b"), s.b, s.diff.only_b);
    ImGui::Separator();
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted((std::string(T("saved.compare.other_post")) + " (" + std::to_string(s.diff.other_post.size()) + ")").c_str());
    ImGui::PopFont();
    if (s.diff.other_post.empty()) muted(T("saved.compare.none"));
    for (size_t k = 0; k < s.diff.other_post.size() && k < 100; ++k) {
        const auto& ma = s.a.moves[s.diff.other_post[k].first];
        const auto& mb = s.b.moves[s.diff.other_post[k].second];
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x - 16, 120.0f));
        ImGui::TextUnformatted(((ma.employee.empty() ? ma.employee_id : ma.employee) + ": " + ma.from).c_str());
        ImGui::TextUnformatted(("   A" + std::string(kArrow) + ma.to).c_str());
        ImGui::TextUnformatted(("   B" + std::string(kArrow) + mb.to).c_str());
        ImGui::PopTextWrapPos();
    }
    end_panel();
}

}  // namespace

void draw_rekomendasi_saved(App& a) {
    draw_list(a);
    if (!a.saved_plans.open_id.empty()) draw_open(a);
    if (a.saved_plans.comparing) draw_compare(a);
}

}  // namespace seimbang::ui
