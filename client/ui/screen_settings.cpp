// Pengaturan: the rule settings every office computes with (docs/SETTINGS.md) —
// workload (WKE, annualisation, rounding), the PJ grade bands, the status band,
// tenure limits, the evaluation period, the document size limit and the survey's
// k. Everyone reads them; BKPSDM, online, changes them for the whole instansi.
// One column of labelled fields, so the same layout serves a phone.
#include <ctime>

#include "app/app.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

namespace {

using nlohmann::json;

int g_last_frame = -10;

// A form of labelled fields: on a laptop a two-column table (label | field), on
// a phone the label above its field, one column.
bool begin_form(const char* id) {
    if (compact_layout()) return false;
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit)) return false;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 300);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
    return true;
}
void end_form(bool table) {
    if (table) ImGui::EndTable();
}
void label_cell(bool table, const char* text) {
    if (table) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 290);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::TableSetColumnIndex(1);
    } else {
        ImGui::TextUnformatted(text);
    }
}

// A labelled figure: an input for who may change it, else the value as text.
void figure(bool table, bool editable, const char* label, const char* id, std::string& text,
            const char* unit_key = nullptr) {
    label_cell(table, label);
    if (editable) {
        ImGui::SetNextItemWidth(std::min(180.0f, ImGui::GetContentRegionAvail().x));
        ImGui::InputText((std::string("##") + id).c_str(), &text);
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text.c_str());
    }
    if (unit_key) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        muted(T(unit_key));
    }
}

// A choice among a few words (rounding, period length).
void choice(bool table, bool editable, const char* label_key, const char* id, int& value, const char* const* keys,
            int n) {
    label_cell(table, T(label_key));
    if (!editable) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(T(keys[value]));
        return;
    }
    ImGui::SetNextItemWidth(std::min(380.0f, ImGui::GetContentRegionAvail().x));
    if (combo((std::string("##") + id).c_str(), T(keys[value]))) {
        for (int i = 0; i < n; ++i)
            if (ImGui::Selectable(T(keys[i]), i == value)) value = i;
        ImGui::EndCombo();
    }
}

// The refusal of the last save of `group`, under its fields, and its Simpan.
void save_row(app::App& a, const char* group, const char* id) {
    app::SettingsForm& f = a.settings_form;
    if (f.failed_group == group) {
        for (const auto& i : f.check.issues) {
            std::string msg = i18n::describe(i, i18n::current());
            text_colored(color::bad, ("\xE2\x9C\x97 " + msg).c_str());
        }
        if (!f.error.empty()) text_colored(color::bad, T(f.error));
    }
    const bool busy = f.saving_group == group;
    ImGui::BeginDisabled(busy || !f.saving_group.empty());
    if (primary_button(std::string(T(busy ? "ui.settings.saving" : "ui.save")) + "###" + id, ImVec2(160, 38)))
        a.save_settings(group);
    ImGui::EndDisabled();
}

}  // namespace

void draw_settings(app::App& a) {
    app::SettingsForm& f = a.settings_form;
    // Entered again (another screen was drawn last frame): the values in force now.
    if (g_last_frame != a.frame - 1 || !f.loaded) a.open_settings();
    g_last_frame = a.frame;
    const bool may = a.login.session && access::may(a.login.session->role, access::Feature::settings_edit);
    const bool editable = may && a.can_edit_settings();
    help_line(T("ui.settings.intro"));
    {
        std::string who = f.version == 0 ? std::string(T("ui.settings.defaults"))
                                         : std::string(T("ui.settings.version")) + " " + std::to_string(f.version);
        if (!f.changed_by.empty()) {
            char when[32] = "";
            std::time_t t = static_cast<std::time_t>(f.changed_unix);
            std::tm tm{};
            localtime_r(&t, &tm);
            std::strftime(when, sizeof when, "%d-%m-%Y %H:%M", &tm);
            who += " \xC2\xB7 " + std::string(T("ui.settings.changed_by")) + " " + f.changed_by + ", " + when;
        }
        help_line(who.c_str());  // (wrapped: a phone is narrower than the line)
    }
    if (!may) help_line(T("ui.settings.read_only"));
    else if (!editable) text_colored(color::warn, T("ui.settings.need_online"));
    if (!f.error.empty() && f.failed_group.empty()) text_colored(color::warn, T(f.error));

    static const char* const kRounding[] = {"ui.settings.rounding.half_up", "ui.settings.rounding.ceil"};
    static const char* const kPeriod[] = {"ui.settings.period.semester", "ui.settings.period.quarter"};

    begin_panel("settings-rules");
    subheading(T("ui.settings.abk"));
    bool t = begin_form("##set-form-abk");
    figure(t, editable, T("ui.settings.wke"), "set-wke", f.wke, "ui.settings.minutes_year");
    figure(t, editable, T("ui.settings.per_month"), "set-month", f.per_month);
    figure(t, editable, T("ui.settings.per_week"), "set-week", f.per_week);
    figure(t, editable, T("ui.settings.per_day"), "set-day", f.per_day);
    choice(t, editable, "ui.settings.rounding", "set-rounding", f.rounding, kRounding, 2);
    end_form(t);
    help_line(T("ui.settings.wke_help"));
    help_line(T("ui.settings.annualisation_help"));
    ImGui::Dummy(ImVec2(0, 6));
    subheading(T("ui.settings.grades"));
    help_line(T("ui.settings.grades_help"));
    t = begin_form("##set-form-grades");
    const json& grades = f.doc["rules"]["grades"];
    for (size_t i = 0; i < f.grade_min.size() && i < grades.size(); ++i) {
        // "A · Sangat Baik, EJ lebih dari" / "B · Baik, EJ paling sedikit"
        const std::string label = grades[i].value("grade", "") + " \xC2\xB7 " + grades[i].value("label", "") + ", " +
                                  T(grades[i].value("strict", false) ? "ui.settings.grade_above" : "ui.settings.grade_from");
        figure(t, editable, label.c_str(), ("set-grade-" + std::to_string(i)).c_str(), f.grade_min[i]);
    }
    end_form(t);
    ImGui::Dummy(ImVec2(0, 6));
    subheading(T("ui.settings.status"));
    t = begin_form("##set-form-status");
    figure(t, editable, T("ui.settings.balanced_min"), "set-bal-min", f.balanced_min);
    figure(t, editable, T("ui.settings.balanced_max"), "set-bal-max", f.balanced_max);
    end_form(t);
    help_line(T("ui.settings.status_help"));
    ImGui::Dummy(ImVec2(0, 6));
    subheading(T("ui.settings.tenure_and_period"));
    t = begin_form("##set-form-tenure");
    figure(t, editable, T("ui.settings.min_tenure"), "set-min-tenure", f.min_tenure, "ui.settings.months");
    figure(t, editable, T("ui.settings.max_tenure"), "set-max-tenure", f.max_tenure, "ui.settings.months");
    choice(t, editable, "ui.settings.period", "set-period", f.period, kPeriod, 2);
    end_form(t);
    if (editable) save_row(a, "rules", "set-rules-save");
    end_panel();

    begin_panel("settings-workflow");
    subheading(T("ui.settings.workflow"));
    t = begin_form("##set-form-workflow");
    figure(t, editable, T("ui.settings.max_document"), "set-max-doc", f.max_document_mb, "ui.settings.mb");
    end_form(t);
    if (editable) save_row(a, "workflow", "set-workflow-save");
    end_panel();

    begin_panel("settings-survey");
    subheading(T("ui.settings.survey"));
    t = begin_form("##set-form-survey");
    figure(t, editable, T("ui.settings.min_group"), "set-min-group", f.min_group, "ui.settings.answers");
    figure(t, editable, T("ui.settings.late_days"), "set-late-days", f.late_days, "ui.settings.days");
    end_form(t);
    help_line(T("ui.settings.min_group_help"));
    if (editable) save_row(a, "survey", "set-survey-save");
    end_panel();
}

}  // namespace seimbang::ui
