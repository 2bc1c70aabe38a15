#include "ui/competences.h"

#include <algorithm>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "model/competence.h"
#include "model/golongan.h"
#include "plan/eligibility_records.h"
#include "ui/locator.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

std::string competence_name(const std::string& tag) {
    const std::string key = "competence." + tag;
    if (i18n::has(key, i18n::current())) return std::string(T(key));
    std::string s = tag;
    std::replace(s.begin(), s.end(), '_', ' ');
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string competence_label(const std::string& tag, int level) {
    return competence_name(tag) + " (" + std::to_string(level) + ")";
}

namespace {

bool is_managerial(const std::string& tag) {
    return std::find(kManagerialCompetences.begin(), kManagerialCompetences.end(), tag) !=
           kManagerialCompetences.end();
}

// Five level buttons, the chosen one filled. Touch-sized on a phone.
bool level_buttons(const std::string& id, int& level) {
    const bool compact = compact_layout();
    const ImVec2 size(compact ? 44 : 32, compact ? 44 : 0);
    bool changed = false;
    for (int l = 1; l <= 5; ++l) {
        if (l > 1) ImGui::SameLine(0, 4);
        const std::string label = std::to_string(l) + "##" + id + "-" + std::to_string(l);
        const bool chosen = l == level;
        if (chosen) {
            ImGui::PushStyleColor(ImGuiCol_Button, color::accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color::accent);
            ImGui::PushStyleColor(ImGuiCol_Text, color::surface);
        }
        if (ImGui::Button(label.c_str(), size) && !chosen) {
            level = l;
            changed = true;
        }
        if (chosen) ImGui::PopStyleColor(3);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T("ui.competence.level_help"));
    }
    return changed;
}

}  // namespace

bool edit_competences(app::App& a, const char* id, CompetenceLevels& levels, app::CompetenceAdder& adder,
                      const Check& check, const char* field, bool attempted) {
    bool changed = false;
    const bool compact = compact_layout();
    if (levels.empty()) muted(T("ui.competence.none"));
    std::string remove;
    for (auto& [tag, level] : levels) {
        const std::string row = std::string(id) + "-" + tag;
        ImGui::AlignTextToFramePadding();
        // A phone: the name on its own line, buttons below; wider: one row.
        if (compact) text_words(competence_name(tag));
        else {
            const float name_w = std::max(160.0f, ImGui::GetContentRegionAvail().x - 5 * 36 - 110);
            const std::string name = one_line(competence_name(tag), name_w);
            ImGui::TextUnformatted(name.c_str());
            ImGui::SameLine(name_w + ImGui::GetStyle().ItemSpacing.x);
        }
        changed |= level_buttons(row, level);
        ImGui::SameLine(0, compact ? 12 : 10);
        if (ImGui::Button((std::string(T("ui.competence.remove")) + "##" + row + "-remove").c_str(),
                          ImVec2(0, compact ? 44 : 0)))
            remove = tag;
    }
    if (!remove.empty()) {
        levels.erase(remove);
        changed = true;
    }
    field_issues(check, field, attempted);

    // Add: the known tags not yet listed, managerial first.
    ImGui::SetNextItemWidth(compact ? -1 : 320);
    const std::string add_id = std::string("##") + id + "-add";
    if (combo(add_id.c_str(), T("ui.competence.add"), ImGuiComboFlags_HeightLarge)) {
        bool managerial_header = false, technical_header = false;
        for (const auto& tag : adder.choices) {
            if (levels.count(tag)) continue;
            const bool m = is_managerial(tag);
            if (m && !managerial_header) {
                muted(T("ui.competence.managerial"));
                managerial_header = true;
            }
            if (!m && !technical_header) {
                muted(T("ui.competence.technical"));
                technical_header = true;
            }
            const std::string label = competence_name(tag) + "##" + id + "-add-" + tag;
            if (ImGui::Selectable(label.c_str())) {
                levels[tag] = 1;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    // A competence of the instansi's own, typed.
    const float button_w = text_width(T("ui.competence.add_custom")) + 24;
    ImGui::SetNextItemWidth(compact ? -1 : std::min(320.0f, ImGui::GetContentRegionAvail().x - button_w - 8));
    const std::string custom_id = std::string("##") + id + "-custom";
    const bool enter = ImGui::InputTextWithHint(custom_id.c_str(), T("ui.competence.custom_hint"), &adder.custom_text,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    if (!compact) ImGui::SameLine();
    const std::string add_custom = std::string(T("ui.competence.add_custom")) + "##" + id + "-add-custom";
    if ((ImGui::Button(add_custom.c_str(), ImVec2(compact ? -1 : 0, compact ? 44 : 0)) || enter) &&
        !adder.custom_text.empty())
        changed |= a.add_custom_competence(adder, levels);
    if (!adder.error.empty()) text_colored(color::bad, T(adder.error));
    return changed;
}

void draw_competence_fit(const Employee& e, const Position& p) {
    subheading(T("ui.competence.fit_title"));
    help_line((std::string(T("ui.competence.fit_for")) + " " + p.name).c_str());
    const plan::RequirementFit req = plan::requirement_fit(e, p);
    const auto& fit = req.competences;
    const bool rank_ok = req.golongan_met;
    if (req.met()) badge(T("ui.competence.fit_all"), color::ok, color::ok_bg);
    else badge(i18n::fill(T("ui.competence.fit_missing"), {{"n", std::to_string(req.not_met())}}).c_str(), color::bad,
               color::bad_bg);
    locator::note_last_item("##competence-fit-badge");

    if (!p.golongan_min.empty() || !p.golongan_max.empty() || !rank_ok) {
        const std::string range = p.golongan_min + " \xE2\x80\x93 " + p.golongan_max;
        const char* key = rank_ok ? "ui.competence.rank_in"
                          : parse_golongan(e.golongan) ? "ui.competence.rank_out"
                                                       : "ui.competence.rank_unknown";
        const std::string line = std::string(T("ui.employee.golongan")) + " " + (e.golongan.empty() ? "-" : e.golongan) +
                                 ": " + i18n::fill(T(key), {{"range", range}});
        text_colored(rank_ok ? color::text : color::bad, line.c_str());
    }
    if (fit.empty()) {
        muted(T("ui.competence.no_requirements"));
        return;
    }
    const bool compact = compact_layout();
    if (ImGui::BeginTable("##competence-fit", compact ? 2 : 4, kDataTableFlags)) {
        ImGui::TableSetupColumn(T("ui.competence.col_name"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        if (!compact) {
            fit_column(T("ui.competence.col_required"), text_width("5"));
            fit_column(T("ui.competence.col_have"), text_width("5"));
        }
        ImGui::TableSetupColumn(T("ui.competence.col_status"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        headers_row();
        for (const auto& f : fit) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(competence_name(f.tag));
            if (!compact) {
                ImGui::TableNextColumn();
                ImGui::Text("%d", f.required);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(f.have ? std::to_string(f.have).c_str() : "-");
            }
            ImGui::TableNextColumn();
            // A phone: "3 dari 4" says both levels in the status column.
            std::string status;
            if (f.met()) status = T("ui.competence.met");
            else if (f.have == 0) status = T("ui.competence.absent");
            else status = i18n::fill(T("ui.competence.short_by"), {{"n", std::to_string(f.gap())}});
            if (compact)
                status += " (" + i18n::fill(T("ui.competence.have_of"), {{"have", std::to_string(f.have)},
                                                                               {"required", std::to_string(f.required)}}) +
                          ")";
            text_colored(f.met() ? color::ok : color::bad, status.c_str());
            locator::note_last_item(("##fit-" + f.tag).c_str());
        }
        ImGui::EndTable();
    }
}

}  // namespace seimbang::ui
