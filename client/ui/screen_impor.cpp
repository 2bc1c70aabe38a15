// Impor data (docs/IMPORT.md "Web"): pick the kind and a CSV/XLSX file from
// the device, see the columns found (and change them), the dry run (counts,
// refused rows with line, column and reason, changes field by field with the
// names of offices and positions), save it as a CSV report, then apply. Export
// of the same shape. State and commands are in client/app/impor.cpp.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/app.h"
#include "imgui.h"
#include "io/import.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

namespace {

using app::ImportPhase;
using io::ImportKind;

// Long lists stop here; the CSV report has every row.
constexpr size_t kShownRows = 100;

const char* kind_key(ImportKind k) {
    switch (k) {
        case ImportKind::employees: return "ui.import.kind.employees";
        case ImportKind::positions: return "ui.import.kind.positions";
        case ImportKind::tasks: return "ui.import.kind.tasks";
    }
    return "ui.import.kind.employees";
}

// "Gol/Ruang" for a field of the file or of the stored record.
std::string field_label(const std::string& field) {
    const std::string key = "ui.import.field." + field;
    return i18n::has(key, i18n::current()) ? std::string(T(key)) : field;
}

void draw_file_bar(app::App& a) {
    app::ImportView& v = a.impor;
    const bool busy = v.phase == ImportPhase::reading || v.phase == ImportPhase::planning || v.phase == ImportPhase::applying;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T("ui.import.kind"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(220.0f, ImGui::GetContentRegionAvail().x - 8));
    if (combo("##imp-kind", T(kind_key(v.kind)))) {
        for (ImportKind k : {ImportKind::employees, ImportKind::positions, ImportKind::tasks}) {
            const std::string l = std::string(T(kind_key(k))) + "##imp-kind-" + std::string(io::to_string(k));
            if (ImGui::Selectable(l.c_str(), k == v.kind) && !busy) a.import_set_kind(k);
        }
        ImGui::EndCombo();
    }
    if (!compact_layout()) ImGui::SameLine();
    if (busy) ImGui::BeginDisabled();
    if (primary_button(L("ui.import.pick", "imp-pick"))) a.import_pick();
    ImGui::SameLine();
    if (ImGui::Button(L("ui.import.export", "imp-export").c_str())) a.import_export();
    if (busy) ImGui::EndDisabled();
    if (!v.file_name.empty()) {
        const std::string f = std::string(T("ui.import.file")) + ": " + v.file_name;
        text_words(f);
    }
    help_line(T("ui.import.export_hint"));
}

// What is being done right now, with a moving mark so the page visibly lives.
void draw_busy(app::App& a) {
    const app::ImportView& v = a.impor;
    const char* key = v.phase == ImportPhase::reading    ? "ui.import.busy.reading"
                      : v.phase == ImportPhase::planning ? "ui.import.busy.planning"
                                                         : "ui.import.busy.applying";
    begin_panel("imp-busy");
    static const char* const marks[] = {"\xE2\x97\x8F\xE2\x97\x8B\xE2\x97\x8B", "\xE2\x97\x8B\xE2\x97\x8F\xE2\x97\x8B",
                                        "\xE2\x97\x8B\xE2\x97\x8B\xE2\x97\x8F"};
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted((std::string(marks[(a.frame / 8) % 3]) + "  " + T(key)).c_str());
    ImGui::PopFont();
    help_line(T("ui.import.busy_hint"));
    end_panel();
}

void draw_counts(const io::ImportPlan& p) {
    subheading(T("ui.import.result_title"));
    struct C {
        const char* key;
        int n;
        ImU32 fg, bg;
    } counts[] = {
        {"ui.import.count.add", p.added, color::ok, color::ok_bg},
        {"ui.import.count.change", p.changed, color::accent, color::info_bg},
        {"ui.import.count.same", p.same, color::muted, color::rgb(0xEEF2F6)},
        {"ui.import.count.refused", p.refused, p.refused ? color::bad : color::muted,
         p.refused ? color::bad_bg : color::rgb(0xEEF2F6)},
        {"ui.import.count.skipped", p.skipped, color::muted, color::rgb(0xEEF2F6)},
    };
    float x = 0;
    const float avail = ImGui::GetContentRegionAvail().x;
    for (const auto& c : counts) {
        const std::string t = std::string(T(c.key)) + " " + i18n::format_int(c.n);
        const float w = ImGui::CalcTextSize(t.c_str()).x + 16 + ImGui::GetStyle().ItemSpacing.x;
        if (x > 0 && x + w > avail) x = 0;  // wrap on a phone
        else if (x > 0) ImGui::SameLine();
        badge(t.c_str(), c.fg, c.bg);
        x += w;
    }
    help_line(T("ui.import.not_saved_yet"));
}

// Which file column feeds `field`: automatic or one of the file's columns.
void draw_column_choice(app::App& a, const std::string& field) {
    app::ImportView& v = a.impor;
    const io::Layout& lay = v.plan.layout;
    auto it = lay.column.find(field);
    const int col = it == lay.column.end() ? -1 : it->second;
    std::string preview = T("ui.import.none");
    if (col >= 0) {
        preview = io::column_letter(col);
        if (static_cast<size_t>(col) < lay.labels.size() && !lay.labels[static_cast<size_t>(col)].empty())
            preview += " \xC2\xB7 " + lay.labels[static_cast<size_t>(col)];
    }
    ImGui::SetNextItemWidth(-1);
    const std::string id = "##imp-col-" + field;
    if (combo(id.c_str(), preview.c_str())) {
        const std::string auto_l = std::string(T("ui.import.auto")) + id + "-auto";
        if (ImGui::Selectable(auto_l.c_str(), !v.mapping.columns.count(field))) a.import_set_column(field, -1);
        for (size_t c = 0; c < lay.labels.size(); ++c) {
            if (lay.labels[c].empty()) continue;
            const std::string l = io::column_letter(static_cast<int>(c)) + " \xC2\xB7 " + lay.labels[c] + id + "-" +
                                  io::column_letter(static_cast<int>(c));
            if (ImGui::Selectable(l.c_str(), static_cast<int>(c) == col)) a.import_set_column(field, static_cast<int>(c));
        }
        ImGui::EndCombo();
    }
}

void draw_columns(app::App& a) {
    app::ImportView& v = a.impor;
    const io::Layout& lay = v.plan.layout;
    subheading(T("ui.import.columns_title"));
    help_line(T("ui.import.columns_hint"));
    if (lay.header_line > 0)
        help_line((std::string(T("ui.import.header_at")) + " " + std::to_string(lay.header_line)).c_str());
    if (v.mapping_restored) help_line(T("ui.import.mapping_restored"));
    const bool compact = compact_layout();
    if (phone_layout()) {
        // On a phone each field's name above its column choice, across the width.
        for (const auto& f : io::fields_of(v.kind)) {
            const std::string field(f.key);
            ImGui::Separator();
            text_words(field_label(field) + (f.required ? std::string(" (") + T("ui.import.required") + ")" : ""));
            draw_column_choice(a, field);
        }
    } else if (ImGui::BeginTable("##imp-columns", 2, kDataTableFlags, ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(T("ui.import.col_field"), 0, compact ? 1.0f : 0.8f);
        ImGui::TableSetupColumn(T("ui.import.col_column"), 0, compact ? 1.4f : 1.6f);
        headers_row();
        for (const auto& f : io::fields_of(v.kind)) {
            const std::string field(f.key);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            text_words(field_label(field) + (f.required ? std::string(" (") + T("ui.import.required") + ")" : ""));
            ImGui::TableNextColumn();
            draw_column_choice(a, field);
        }
        ImGui::EndTable();
    }
    if (!lay.unused.empty()) {
        std::string u = std::string(T("ui.import.unused")) + ": ";
        for (size_t i = 0; i < lay.unused.size(); ++i) u += (i ? ", " : "") + lay.unused[i];
        help_line(u.c_str());
    }
    if (v.mapping_restored && ImGui::Button(L("ui.import.reset_mapping", "imp-reset").c_str())) a.import_reset_mapping();
}

void draw_issues(const io::ImportPlan& p, bool warnings) {
    size_t n = 0, shown = 0;
    for (const auto& i : p.issues) n += i.warning == warnings;
    if (n == 0) return;
    subheading(T(warnings ? "ui.import.warnings_title" : "ui.import.refused_title"));
    if (!warnings) help_line(T("ui.import.refused_hint"));
    for (const auto& i : p.issues) {
        if (i.warning != warnings) continue;
        if (shown++ == kShownRows) break;
        ImGui::PushStyleColor(ImGuiCol_Text, warnings ? color::warn : color::bad);
        text_words(io::describe(i, i18n::current()));
        ImGui::PopStyleColor();
    }
    if (n > kShownRows) muted((i18n::format_int(static_cast<long long>(n - kShownRows)) + " " + T("ui.import.more")).c_str());
}

void draw_changes(const io::ImportPlan& p) {
    if (p.changed > 0) {
        subheading(T("ui.import.changes_title"));
        size_t shown = 0;
        for (const auto& r : p.rows) {
            if (r.action != io::RowAction::change) continue;
            if (shown++ == kShownRows) break;
            ImGui::PushFont(fonts().bold);
            text_words(std::string(T("ui.import.line")) + " " + std::to_string(r.line) + " \xC2\xB7 " + r.key);
            ImGui::PopFont();
            for (const auto& c : r.changes) {
                const std::string before = c.shown_before().empty() ? "-" : c.shown_before();
                const std::string after = c.shown_after().empty() ? "-" : c.shown_after();
                text_words("   " + field_label(c.field) + ": " + before + " \xE2\x86\x92 " + after);
            }
        }
        if (static_cast<size_t>(p.changed) > kShownRows)
            muted((i18n::format_int(p.changed - static_cast<int>(kShownRows)) + " " + T("ui.import.more")).c_str());
    }
    if (p.added > 0) {
        subheading(T("ui.import.added_title"));
        size_t shown = 0;
        for (const auto& r : p.rows) {
            if (r.action != io::RowAction::add) continue;
            if (shown++ == kShownRows) break;
            text_words(std::string(T("ui.import.line")) + " " + std::to_string(r.line) + " \xC2\xB7 " + r.key);
        }
        if (static_cast<size_t>(p.added) > kShownRows)
            muted((i18n::format_int(p.added - static_cast<int>(kShownRows)) + " " + T("ui.import.more")).c_str());
    }
}

void draw_new_positions(app::App& a) {
    app::ImportView& v = a.impor;
    if (v.kind == ImportKind::positions) return;  // a positions file adds them as rows
    bool create = v.mapping.create_positions;
    if (ImGui::Checkbox(L("ui.import.create_positions", "imp-create-positions").c_str(), &create))
        a.import_set_create_positions(create);
    if (v.plan.new_positions.empty()) return;
    subheading(T("ui.import.new_positions_title"));
    for (const auto& p : v.plan.new_positions) {
        const Office* o = a.workload.office(p.office_id);
        text_words(p.name + (o ? " \xC2\xB7 " + o->name : std::string()));
    }
}

void draw_actions(app::App& a) {
    app::ImportView& v = a.impor;
    if (ImGui::Button(L("ui.import.save_report", "imp-report").c_str())) a.import_save_report();
    if (!v.plan.file_refused) {
        if (v.plan.refused > 0) {
            if (!compact_layout()) ImGui::SameLine();
            ImGui::Checkbox(L("ui.import.skip_refused", "imp-skip").c_str(), &v.skip_refused);
        }
        if (primary_button(L("ui.import.apply", "imp-apply"))) a.import_apply();
        help_line(T("ui.import.apply_hint"));
    }
    if (!v.last_saved.empty()) help_line(T(v.last_saved));
}

}  // namespace

void draw_impor(app::App& a) {
    if (!a.can_import()) {
        muted(T("scope.forbidden"));
        return;
    }
    app::ImportView& v = a.impor;
    help_line(T("ui.import.intro"));
    begin_panel("imp-file");
    draw_file_bar(a);
    end_panel();
    for (const auto& i : v.check.issues) {  // why the last pick, apply or export was refused
        ImGui::PushStyleColor(ImGuiCol_Text, color::bad);
        text_words(i18n::describe(i, i18n::current()));
        ImGui::PopStyleColor();
    }
    if (v.phase == ImportPhase::reading || v.phase == ImportPhase::planning || v.phase == ImportPhase::applying) {
        draw_busy(a);
        return;
    }
    if (v.phase == ImportPhase::applied) {
        begin_panel("imp-applied");
        subheading(T("ui.import.applied"));
        text_words(i18n::format_int(v.written) + " " + T("ui.import.applied_count"));
        end_panel();
        return;
    }
    if (!v.has_plan) return;
    const io::ImportPlan& p = v.plan;
    if (p.file_refused) {
        begin_panel("imp-refused-file");
        subheading(T("ui.import.file_refused"));
        draw_issues(p, false);
        if (p.layout.labels.empty()) {
            end_panel();
            return;
        }
        end_panel();
    } else {
        begin_panel("imp-result");
        draw_counts(p);
        ImGui::Dummy(ImVec2(0, 4));
        draw_actions(a);
        end_panel();
        if (p.refused > 0) {
            begin_panel("imp-refused");
            draw_issues(p, false);
            end_panel();
        }
    }
    begin_panel("imp-columns");
    draw_columns(a);
    end_panel();
    if (p.file_refused) return;
    begin_panel("imp-changes");
    draw_new_positions(a);
    draw_changes(p);
    draw_issues(p, true);
    end_panel();
}

}  // namespace seimbang::ui
