// Pegawai: searchable, sortable table (clipped, so 20,000 rows stay smooth) and
// an edit form beside it with inline validation messages under each field.
#include <algorithm>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "model/golongan.h"
#include "model/nip.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {
namespace {

const char* kAsnTypes[] = {"PNS", "CPNS", "PPPK"};

void label(const char* key, bool required = true) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(T(key));
    ImGui::PopFont();
    if (required) {
        ImGui::SameLine(0, 2);
        text_colored(color::bad, "*");
    }
}

// Text field with a red frame when it has an error.
// Returns true when the text changed.
bool text_field(app::EmployeeEditor& ed, const char* key, const char* field, std::string& value, const char* hint,
                ImGuiInputTextFlags flags = 0) {
    label(key);
    bool err = ed.attempted && has_error(ed.check, field);
    if (err) ImGui::PushStyleColor(ImGuiCol_Border, color::bad);
    ImGui::SetNextItemWidth(-1);
    std::string id = std::string("##emp-") + field;
    const bool changed = ImGui::InputTextWithHint(id.c_str(), hint, &value, flags);
    if (err) ImGui::PopStyleColor();
    field_issues(ed.check, field, ed.attempted);
    return changed;
}

void combo_strings(const char* id, std::string& value, const std::vector<std::string_view>& options) {
    ImGui::SetNextItemWidth(-1);
    if (combo(id, value.empty() ? T("ui.choose") : value.c_str())) {
        for (auto o : options) {
            std::string s(o);
            if (ImGui::Selectable(s.c_str(), value == s)) value = s;
        }
        ImGui::EndCombo();
    }
}

void draw_editor(app::App& a) {
    auto& ed = a.employee_editor;
    Employee& e = ed.draft;
    subheading(ed.is_new ? T("ui.employee.new_title") : T("ui.employee.edit_title"));
    if (!ed.is_new) muted(a.office_path(e.office_id).c_str());
    // Save/Cancel stay at the top: the form is longer than a laptop screen.
    if (primary_button(L("ui.save", "emp-save"), ImVec2(140, 36))) a.save_employee_draft();
    ImGui::SameLine();
    if (ImGui::Button(L("ui.cancel", "emp-cancel").c_str(), ImVec2(110, 36))) {
        a.close_employee_editor();
        return;
    }
    if (ed.attempted && !ed.check.ok()) text_colored(color::bad, T("ui.form.fix_errors"));
    ImGui::Separator();

    // Two columns so the whole form fits a laptop screen without scrolling.
    if (ImGui::BeginTable("##emp-form", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        ImGui::TableNextColumn();
        // Digits and spaces ("19660801 198803 1 001"); a valid NIP fills birth date and gender.
        label("ui.employee.nip");
        {
            const bool err = ed.attempted && has_error(ed.check, "nip");
            if (err) ImGui::PushStyleColor(ImGuiCol_Border, color::bad);
            ImGui::SetNextItemWidth(-1);
            if (ImGui::InputTextWithHint("##emp-nip", T("ui.employee.nip_hint"), &e.nip,
                                         ImGuiInputTextFlags_CallbackCharFilter,
                                         [](ImGuiInputTextCallbackData* d) {
                                             return (d->EventChar >= '0' && d->EventChar <= '9') || d->EventChar == ' ' ? 0 : 1;
                                         }))
                a.employee_nip_changed();
            if (err) ImGui::PopStyleColor();
            field_issues(ed.check, "nip", ed.attempted);
        }
        ImGui::TableNextColumn();
        text_field(ed, "ui.employee.name", "name", e.name, T("ui.employee.name_hint"));

        ImGui::TableNextColumn();
        label("ui.employee.asn_type");
        ImGui::SetNextItemWidth(-1);
        if (combo("##emp-asn_type", e.asn_type.c_str())) {
            for (const char* t : kAsnTypes)
                if (ImGui::Selectable(t, e.asn_type == t) && e.asn_type != t) {
                    // PNS and PPPK grades are different scales: a grade of the other one is cleared.
                    const auto g = parse_golongan(e.golongan);
                    e.asn_type = t;
                    if (g && g->scale != scale_for(parse_asn_type(t).value_or(AsnType::pns))) e.golongan.clear();
                    a.employee_nip_changed();
                }
            ImGui::EndCombo();
        }
        field_issues(ed.check, "asn_type", ed.attempted);
        ImGui::TableNextColumn();
        label("ui.employee.gender");
        int g = e.gender == Gender::male ? 0 : 1;
        if (ImGui::RadioButton(L("ui.gender.male", "emp-gender-m").c_str(), g == 0)) e.gender = Gender::male;
        ImGui::SameLine();
        if (ImGui::RadioButton(L("ui.gender.female", "emp-gender-f").c_str(), g == 1)) e.gender = Gender::female;
        field_issues(ed.check, "gender", ed.attempted);

        ImGui::TableNextColumn();
        if (text_field(ed, "ui.employee.birth_date", "birth_date", ed.birth_text, T("ui.date_hint")))
            ed.birth_from_nip = false;  // typed by the person: a later NIP edit leaves it
        ImGui::TableNextColumn();
        // A picker of the grades of this ASN type's scale (PNS I/a–IV/e, PPPK I–XVII).
        label("ui.employee.golongan");
        {
            const auto scale = scale_for(parse_asn_type(e.asn_type).value_or(AsnType::pns));
            const auto cur = parse_golongan(e.golongan);
            std::string preview = e.golongan.empty() ? std::string(T("ui.choose")) : e.golongan;
            if (cur && !pangkat_name(*cur).empty()) preview += " \xC2\xB7 " + std::string(pangkat_name(*cur));
            ImGui::SetNextItemWidth(-1);
            if (combo("##emp-golongan", preview.c_str())) {
                for (int rank = 1; rank <= kGolonganCount; ++rank) {
                    const Golongan g{scale, rank};
                    std::string item = format_golongan(g);
                    if (!pangkat_name(g).empty()) item += " \xC2\xB7 " + std::string(pangkat_name(g));
                    item += "##gol-" + format_golongan(g);
                    if (ImGui::Selectable(item.c_str(), cur && *cur == g)) e.golongan = format_golongan(g);
                }
                ImGui::EndCombo();
            }
            field_issues(ed.check, "golongan", ed.attempted);
        }

        ImGui::TableNextColumn();
        label("ui.employee.education");
        combo_strings("##emp-education", e.education, kEducationLevels);
        field_issues(ed.check, "education", ed.attempted);
        ImGui::TableNextColumn();
        label("ui.employee.tmt_position", false);
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##emp-tmt_position", T("ui.date_hint"), &ed.tmt_text);
        field_issues(ed.check, "tmt_position", ed.attempted);

        ImGui::TableNextColumn();
        label("ui.employee.office");
        const Office* cur = a.office(e.office_id);
        const Position* pos = a.position(e.position_id);
        if (ed.is_new) {
            // A new record is placed in an office of the account's scope.
            ImGui::SetNextItemWidth(-1);
            if (combo("##emp-office", cur ? cur->name.c_str() : T("ui.choose"))) {
                for (const Office* o : a.scope_offices()) {
                    if (o->archived || o->kind == OfficeKind::kota) continue;
                    std::string l = o->name + "##o" + o->id;
                    if (ImGui::Selectable(l.c_str(), o->id == e.office_id)) {
                        if (e.office_id != o->id) e.position_id.clear();
                        e.office_id = o->id;
                    }
                }
                ImGui::EndCombo();
            }
        } else {
            // Moving a person is a transfer (usulan mutasi), not an edit of the record.
            ImGui::TextWrapped("%s", cur ? cur->name.c_str() : "-");
        }
        field_issues(ed.check, "office_id", ed.attempted);
        ImGui::TableNextColumn();
        label("ui.employee.position");
        if (ed.is_new) {
            ImGui::SetNextItemWidth(-1);
            if (combo("##emp-position", pos ? pos->name.c_str() : T("ui.choose"))) {
                for (const Position* p : a.positions_of(e.office_id)) {
                    std::string l = p->name + "##p" + p->id;
                    if (!p->golongan_min.empty() || !p->golongan_max.empty())
                        l = p->name + "  (" + p->golongan_min + "\xE2\x80\x93" + p->golongan_max + ")##p" + p->id;
                    if (ImGui::Selectable(l.c_str(), p->id == e.position_id)) e.position_id = p->id;
                }
                ImGui::EndCombo();
            }
        } else {
            ImGui::TextWrapped("%s", pos ? pos->name.c_str() : "-");
        }
        field_issues(ed.check, "position_id", ed.attempted);
        ImGui::EndTable();
    }
    if (!ed.is_new) help_line(T("ui.employee.move_hint"));
    ImGui::Checkbox(L("ui.employee.commitment", "emp-commitment").c_str(), &e.commitment_10y);

    // Issues without a field of their own (or a field not on this form).
    if (ed.attempted)
        for (const auto& i : ed.check.issues) {
            static const char* known[] = {"nip",      "name",      "asn_type",    "gender",      "birth_date",
                                          "golongan", "education", "office_id",   "position_id", "tmt_position"};
            if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return i.field == k; }) !=
                std::end(known))
                continue;
            text_colored(i.warning ? color::warn : color::bad, i18n::describe(i, i18n::current()).c_str());
        }

}

}  // namespace

void draw_employees(app::App& a) {
    auto& v = a.employee_table;
    // Toolbar
    ImGui::SetNextItemWidth(320);
    if (ImGui::InputTextWithHint("##emp-search", T("ui.employee.search_hint"), &v.search)) v.dirty = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(260);
    const Office* f = a.office(v.office_filter);
    if (combo("##emp-filter", f ? f->name.c_str() : T("ui.employee.all_offices"))) {
        if (ImGui::Selectable(T("ui.employee.all_offices"), v.office_filter.empty())) {
            v.office_filter.clear();
            v.dirty = true;
        }
        for (const Office* o : a.scope_offices()) {  // offices of the account's scope only
            if (o->archived || o->kind == OfficeKind::kota) continue;
            std::string l = o->name + "##f" + o->id;
            if (ImGui::Selectable(l.c_str(), o->id == v.office_filter)) {
                v.office_filter = o->id;
                v.dirty = true;
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    std::string count = i18n::format_int(static_cast<long long>(v.rows.size())) + " " + T("ui.employee.count");
    ImGui::AlignTextToFramePadding();
    muted(count.c_str());
    if (a.can_edit()) {
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 170);
        if (primary_button(L("ui.employee.add", "emp-add"), ImVec2(170, 0))) a.new_employee();
    }

    const bool editing = a.employee_editor.open;
    float avail = ImGui::GetContentRegionAvail().x;
    float form_w = editing ? std::min(600.0f, avail * 0.55f) : 0;
    float table_w = editing ? avail - form_w - ImGui::GetStyle().ItemSpacing.x : avail;

    ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                         ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable |
                         ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    if (ImGui::BeginTable("##emp-table", 5, tf, ImVec2(table_w, 0))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(T("ui.col.nip"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn(T("ui.col.name"), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort,
                                1.7f);
        ImGui::TableSetupColumn(T("ui.col.golongan"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableSetupColumn(T("ui.col.position"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(T("ui.col.office"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableHeadersRow();
        if (ImGuiTableSortSpecs* ss = ImGui::TableGetSortSpecs(); ss && ss->SpecsDirty && ss->SpecsCount > 0) {
            v.sort_column = ss->Specs[0].ColumnIndex;
            v.sort_ascending = ss->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
            ss->SpecsDirty = false;
            a.refresh_employee_rows();
        }
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(v.rows.size()));
        while (clip.Step()) {
            for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
                const Employee& e = a.data.employees[v.rows[r]];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                std::string l = format_nip(e.nip) + "##row-" + e.id;
                if (ImGui::Selectable(l.c_str(), v.selected_id == e.id, ImGuiSelectableFlags_SpanAllColumns)) {
                    if (a.can_edit()) a.edit_employee(e.id);
                    else v.selected_id = e.id;
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(e.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(e.golongan.c_str());
                ImGui::TableNextColumn();
                const Position* p = a.position(e.position_id);
                ImGui::TextUnformatted(p ? p->name.c_str() : "-");
                ImGui::TableNextColumn();
                const Office* o = a.office(e.office_id);
                ImGui::TextUnformatted(o ? o->name.c_str() : "-");
            }
        }
        if (v.rows.empty()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            muted(T("ui.employee.none"));
        }
        ImGui::EndTable();
    }
    if (editing) {
        ImGui::SameLine();
        begin_card("##emp-editor", ImVec2(form_w, 0), true);
        draw_editor(a);
        end_card();
    }
}

}  // namespace seimbang::ui
