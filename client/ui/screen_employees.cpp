// Pegawai: searchable, sortable table (clipped, so 20,000 rows stay smooth) and
// an edit form beside it with inline validation messages under each field; in
// the compact layout a list of cards, and the form in place of the list.
#include <algorithm>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "model/golongan.h"
#include "model/nip.h"
#include "ui/competences.h"
#include "ui/locator.h"
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

std::string exit_kind_text(const std::string& kind) {
    return kind.empty() ? std::string() : std::string(T("ui.placement.exit." + kind));
}

// "Kelurahan Terjun · Pengadministrasi Umum" (or "(tanpa jabatan)").
std::string placement_text(app::App& a, const std::string& office_id, const std::string& position_id) {
    const Office* o = a.workload.office(office_id);
    const Position* p = a.workload.position(position_id);
    std::string s = o ? o->name : std::string("-");
    s += " \xC2\xB7 ";
    // A post that is not in this device's copy (a pegawai's earlier post) is said so, not "no post".
    s += p ? p->name : std::string(T(position_id.empty() ? "ui.placement.no_position" : "ui.mydata.position_unknown"));
    return s;
}

}  // namespace

// The employee's placement history, newest first: date, what happened, from → to,
// reason and reference, who recorded it.
void draw_placement_history(app::App& a, const std::string& employee_id) {
    ImGui::Spacing();
    subheading(T("ui.placement.history"));
    const auto history = a.placement_history(employee_id);
    if (history.empty()) {
        muted(T("ui.placement.history_none"));
        return;
    }
    if (!ImGui::BeginTable("##emp-history", 1, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                                   ImGuiTableFlags_PadOuterX))
        return;
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        const Placement& p = *it;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string head = i18n::format_iso_date_text(p.tmt, i18n::current()) + "  " +
                           std::string(T("ui.placement.cause." + p.cause));
        if (p.cause == "arsip") head += " (" + exit_kind_text(p.exit_kind) + ")";
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted(head.c_str());
        locator::note_last_item((head + "##hist-" + p.id).c_str());  // tests read what the row says
        ImGui::PopFont();
        if (p.cause == "mutasi" || p.cause == "koreksi")
            text_words(placement_text(a, p.from_office_id, p.from_position_id) + " \xE2\x86\x92 " +
                       placement_text(a, p.office_id, p.position_id));
        else
            text_words(placement_text(a, p.office_id, p.position_id));
        std::string why = p.reason;
        if (!p.reference.empty()) why += (why.empty() ? "" : " \xC2\xB7 ") + std::string("SK ") + p.reference;
        if (!why.empty()) {
            text_words(why);
            locator::note_last_item((why + "##hist-why-" + p.id).c_str());
        }
        if (!p.recorded_by.empty()) muted((std::string(T("ui.placement.by")) + " " + p.recorded_by).c_str());
    }
    ImGui::EndTable();
}

namespace {

// Correction, archive or its undo of the employee in the editor: reason
// required, new placement only within the account's scope, archive asked twice.
void draw_placement_dialog(app::App& a) {
    auto& d = a.placement_dialog;
    const Employee* e = a.workload.employee(d.employee_id);
    if (!e) {
        a.close_placement_dialog();
        return;
    }
    const char* title = d.action == app::PlacementAction::correct   ? "ui.placement.correct"
                        : d.action == app::PlacementAction::archive ? "ui.placement.archive"
                                                                    : "ui.placement.unarchive";
    const char* hint = d.action == app::PlacementAction::correct   ? "ui.placement.correct_hint"
                       : d.action == app::PlacementAction::archive ? "ui.placement.archive_hint"
                                                                   : "ui.placement.unarchive_hint";
    subheading(T(title));
    ImGui::TextUnformatted(e->name.c_str());
    help_line(placement_text(a, e->office_id, e->position_id).c_str());  // wraps on a phone
    help_line(T(hint));
    ImGui::Separator();
    auto field_label = [](const char* key, bool required = true) {
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted(T(key));
        ImGui::PopFont();
        if (required) {
            ImGui::SameLine(0, 2);
            text_colored(color::bad, "*");
        }
    };
    if (d.action == app::PlacementAction::correct) {
        field_label("ui.placement.new_office");
        const Office* o = a.workload.office(d.office_id);
        ImGui::SetNextItemWidth(-1);
        if (combo("##pl-office", o ? o->name.c_str() : T("ui.choose"))) {
            for (const Office* x : a.workload.scope_offices()) {  // only offices of the account's scope
                if (x->archived || x->kind == OfficeKind::kota) continue;
                std::string l = x->name + "##plo" + x->id;
                if (ImGui::Selectable(l.c_str(), x->id == d.office_id) && x->id != d.office_id) {
                    d.office_id = x->id;
                    d.position_id.clear();
                }
            }
            ImGui::EndCombo();
        }
        field_issues(d.check, "office_id", d.attempted);
        field_label("ui.placement.new_position");
        const Position* p = a.workload.position(d.position_id);
        ImGui::SetNextItemWidth(-1);
        if (combo("##pl-position", p ? p->name.c_str() : T("ui.choose"), ImGuiComboFlags_HeightLargest)) {
            for (const Position* x : a.workload.positions_of(d.office_id)) {
                std::string l = x->name + "##plp" + x->id;
                if (ImGui::Selectable(l.c_str(), x->id == d.position_id)) d.position_id = x->id;
            }
            ImGui::EndCombo();
        }
        field_issues(d.check, "position_id", d.attempted);
    }
    if (d.action == app::PlacementAction::archive) {
        field_label("ui.placement.exit_kind");
        ImGui::SetNextItemWidth(-1);
        if (combo("##pl-exit", d.exit_kind.empty() ? T("ui.choose") : exit_kind_text(d.exit_kind).c_str())) {
            for (auto k : kExitKinds) {
                std::string l = exit_kind_text(std::string(k)) + "##ple-" + std::string(k);
                if (ImGui::Selectable(l.c_str(), d.exit_kind == k)) d.exit_kind = std::string(k);
            }
            ImGui::EndCombo();
        }
        field_issues(d.check, "exit_kind", d.attempted);
    }
    // A field's message goes once the person changes that field (until the next Save).
    auto forget = [&](const char* field) {
        auto& is = d.check.issues;
        is.erase(std::remove_if(is.begin(), is.end(), [&](const Issue& i) { return i.field == field; }), is.end());
    };
    field_label("ui.placement.tmt");
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##pl-tmt", T("ui.date_hint"), &d.tmt_text)) forget("tmt");
    field_issues(d.check, "tmt", d.attempted);
    field_label("ui.placement.reason");
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##pl-reason", T("ui.placement.reason_hint"), &d.reason)) forget("reason");
    field_issues(d.check, "reason", d.attempted);
    field_label("ui.placement.reference", false);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##pl-reference", &d.reference);
    // Issues without a field on this form (scope, store).
    if (d.attempted)
        for (const auto& i : d.check.issues)
            if (i.field != "office_id" && i.field != "position_id" && i.field != "exit_kind" && i.field != "tmt" &&
                i.field != "reason")
                text_colored(i.warning ? color::warn : color::bad, i18n::describe(i, i18n::current()).c_str());
    ImGui::Spacing();
    if (d.confirming) {
        // The archive is asked once more, with what it means.
        ImGui::PushStyleColor(ImGuiCol_Text, color::warn);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(T("ui.placement.archive_confirm"));
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        if (primary_button(L("ui.placement.archive_yes", "pl-confirm"), ImVec2(160, 36))) a.submit_placement_dialog();
    } else {
        const char* save = d.action == app::PlacementAction::correct   ? "ui.placement.save_correction"
                           : d.action == app::PlacementAction::archive ? "ui.placement.archive"
                                                                       : "ui.placement.unarchive";
        if (primary_button(L(save, "pl-save"), ImVec2(180, 36))) a.submit_placement_dialog();
    }
    ImGui::SameLine();
    if (ImGui::Button(L("ui.cancel", "pl-cancel").c_str(), ImVec2(110, 36))) a.close_placement_dialog();
}

void draw_editor(app::App& a) {
    auto& ed = a.employee_editor;
    Employee& e = ed.draft;
    subheading(ed.is_new ? T("ui.employee.new_title") : T("ui.employee.edit_title"));
    if (!ed.is_new) help_line(a.workload.office_path(e.office_id).c_str());  // wraps on a phone
    // Save/Cancel stay at the top: the form is longer than a laptop screen.
    // A warning shown: the same record is saved on the next press ("###": one id whatever the label).
    const bool confirm = ed.attempted && ed.check.ok() && !ed.warned_for.empty();
    if (primary_button(std::string(T(confirm ? "ui.abk.save_anyway" : "ui.save")) + "###emp-save",
                       ImVec2(confirm ? 200 : 140, 36)))
        a.save_employee_draft();
    ImGui::SameLine();
    if (ImGui::Button(L("ui.cancel", "emp-cancel").c_str(), ImVec2(110, 36))) {
        a.close_employee_editor();
        return;
    }
    if (ed.attempted && !ed.check.ok()) text_colored(color::bad, T("ui.form.fix_errors"));
    ImGui::Separator();

    // Two columns so the whole form fits a laptop screen without scrolling.
    if (ImGui::BeginTable("##emp-form", compact_layout() ? 1 : 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
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
            keyboard_for_last_item(Keyboard::numeric);
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
            // All 17 grades in view: a scrolled list hides the ranks people use most (III, IV).
            if (combo("##emp-golongan", preview.c_str(), ImGuiComboFlags_HeightLargest)) {
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
        const Office* cur = a.workload.office(e.office_id);
        const Position* pos = a.workload.position(e.position_id);
        if (ed.is_new) {
            // A new record is placed in an office of the account's scope.
            ImGui::SetNextItemWidth(-1);
            if (combo("##emp-office", cur ? cur->name.c_str() : T("ui.choose"))) {
                for (const Office* o : a.workload.scope_offices()) {
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
            text_words(cur ? cur->name : std::string("-"));
        }
        field_issues(ed.check, "office_id", ed.attempted);
        ImGui::TableNextColumn();
        label("ui.employee.position");
        if (ed.is_new) {
            ImGui::SetNextItemWidth(-1);
            if (combo("##emp-position", pos ? pos->name.c_str() : T("ui.choose"))) {
                for (const Position* p : a.workload.positions_of(e.office_id)) {
                    std::string l = p->name + "##p" + p->id;
                    if (!p->golongan_min.empty() || !p->golongan_max.empty())
                        l = p->name + "  (" + p->golongan_min + "\xE2\x80\x93" + p->golongan_max + ")##p" + p->id;
                    if (ImGui::Selectable(l.c_str(), p->id == e.position_id)) e.position_id = p->id;
                }
                ImGui::EndCombo();
            }
        } else {
            text_words(pos ? pos->name : std::string("-"));
        }
        field_issues(ed.check, "position_id", ed.attempted);
        ImGui::EndTable();
    }
    if (!ed.is_new) {
        help_line(T("ui.employee.move_hint"));
        // Recorded changes of the placement: never by editing the fields above.
        const Employee* stored = a.workload.employee(e.id);
        if (stored && stored->archived) {
            badge(T("ui.placement.archived_badge"), color::bad, color::bad_bg);
            locator::note_last_item((std::string(T("ui.placement.archived_badge")) + "##emp-archived-badge").c_str());
            ImGui::SameLine();
            if (ImGui::Button(L("ui.placement.unarchive", "emp-unarchive").c_str()))
                a.open_placement_dialog(app::PlacementAction::unarchive, e.id);
        } else if (stored) {
            if (ImGui::Button(L("ui.placement.correct", "emp-correct").c_str()))
                a.open_placement_dialog(app::PlacementAction::correct, e.id);
            ImGui::SameLine();
            if (ImGui::Button(L("ui.placement.archive", "emp-archive").c_str()))
                a.open_placement_dialog(app::PlacementAction::archive, e.id);
        }
    }
    ImGui::Checkbox(L("ui.employee.commitment", "emp-commitment").c_str(), &e.commitment_10y);

    // The competence profile, and how it meets the post's requirements (live as it is edited).
    ImGui::Dummy(ImVec2(0, 4));
    subheading(T("ui.competence.title"));
    help_line(T("ui.competence.help"));
    edit_competences(a, "empc", e.competences, ed.adder, ed.check, "competences", ed.attempted);
    if (const Position* p = a.workload.position(e.position_id)) {
        ImGui::Dummy(ImVec2(0, 4));
        draw_competence_fit(e, *p);
    }

    // Issues without a field of their own (or a field not on this form).
    if (ed.attempted)
        for (const auto& i : ed.check.issues) {
            static const char* known[] = {"nip",      "name",      "asn_type",    "gender",      "birth_date",
                                          "golongan", "education", "office_id",   "position_id", "tmt_position",
                                          "competences"};
            if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return i.field == k; }) !=
                std::end(known))
                continue;
            text_colored(i.warning ? color::warn : color::bad, i18n::describe(i, i18n::current()).c_str());
        }
    if (!ed.is_new) draw_placement_history(a, e.id);
}

// What an account that may not edit sees of a selected employee: the record,
// the competence profile and its fit for the post, the placement history.
void draw_employee_view(app::App& a, const Employee& e) {
    subheading(e.name.c_str());
    if (ImGui::Button(L("ui.close", "emp-view-close").c_str(), ImVec2(110, compact_layout() ? 44 : 0))) {
        a.employee_table.selected_id.clear();
        return;
    }
    const Position* p = a.workload.position(e.position_id);
    auto fact = [](const char* key, const std::string& value) {
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted(T(key));
        ImGui::PopFont();
        text_words(value.empty() ? std::string("-") : value);
    };
    fact("ui.employee.nip", format_employee_number(e.nip, parse_asn_type(e.asn_type).value_or(AsnType::pns)));
    fact("ui.employee.golongan", e.golongan);
    fact("ui.employee.office", a.workload.office_path(e.office_id));
    fact("ui.employee.position", p ? p->name : std::string());
    ImGui::Dummy(ImVec2(0, 4));
    subheading(T("ui.competence.title"));
    if (e.competences.empty()) muted(T("ui.competence.none"));
    for (const auto& [tag, level] : e.competences) text_words(competence_label(tag, level));
    if (p) {
        ImGui::Dummy(ImVec2(0, 4));
        draw_competence_fit(e, *p);
    }
    draw_placement_history(a, e.id);
}

// The editor card's content: the placement dialog when one is open, else the
// form; for an account that may not edit, the selected employee read-only.
void draw_side(app::App& a) {
    if (a.placement_dialog.action != app::PlacementAction::none) draw_placement_dialog(a);
    else if (a.employee_editor.open) draw_editor(a);
    else if (const Employee* e = a.workload.employee(a.employee_table.selected_id)) draw_employee_view(a, *e);
}

// The employees on a phone or portrait tablet (compact layout): a list of
// cards instead of a table whose NIP column was cut — name, NIP and jabatan
// (office), each card one tap target opening the form (or the record for an
// account that may not edit). Same rows and order as the table; clipped, so
// 20,000 employees stay smooth.
void draw_employee_cards(app::App& a) {
    auto& v = a.employee_table;
    if (v.rows.empty()) {
        muted(T("ui.employee.none"));
        return;
    }
    if (!ImGui::BeginChild("##emp-cards", ImVec2(0, 0), false)) {
        ImGui::EndChild();
        return;
    }
    const float card_h = record_card_height(3);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(v.rows.size()), card_h + ImGui::GetStyle().ItemSpacing.y);
    while (clip.Step()) {
        for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
            const Employee& e = a.workload.data.employees[v.rows[r]];
            const Position* p = a.workload.position(e.position_id);
            const Office* o = a.workload.office(e.office_id);
            std::string where = p ? p->name : std::string("-");
            if (o) where += " \xC2\xB7 " + o->name;
            const std::string nip = format_employee_number(e.nip, parse_asn_type(e.asn_type).value_or(AsnType::pns)) +
                                    (e.golongan.empty() ? "" : "   " + e.golongan);
            // The card's id is the table row's: tests open an employee the same way.
            if (record_card("##row-" + e.id, {{e.name, true}, {nip}, {where, false, true}}, v.selected_id == e.id)) {
                if (a.can_edit()) a.edit_employee(e.id);
                else v.selected_id = e.id;
            }
        }
    }
    ImGui::EndChild();
}

}  // namespace

void draw_employees(app::App& a) {
    auto& v = a.employee_table;
    // Toolbar (stacked on a phone)
    const bool narrow = compact_layout();
    ImGui::SetNextItemWidth(narrow ? -1 : 320);
    if (ImGui::InputTextWithHint("##emp-search", T("ui.employee.search_hint"), &v.search)) v.dirty = true;
    if (!narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(narrow ? -1 : 260);
    const Office* f = a.workload.office(v.office_filter);
    if (combo("##emp-filter", f ? f->name.c_str() : T("ui.employee.all_offices"))) {
        if (ImGui::Selectable(T("ui.employee.all_offices"), v.office_filter.empty())) {
            v.office_filter.clear();
            v.dirty = true;
        }
        for (const Office* o : a.workload.scope_offices()) {  // offices of the account's scope only
            if (o->archived || o->kind == OfficeKind::kota) continue;
            std::string l = o->name + "##f" + o->id;
            if (ImGui::Selectable(l.c_str(), o->id == v.office_filter)) {
                v.office_filter = o->id;
                v.dirty = true;
            }
        }
        ImGui::EndCombo();
    }
    if (!narrow) ImGui::SameLine();
    // Archived employees leave the list but stay findable here.
    if (ImGui::Checkbox(L("ui.placement.show_archived", "emp-show-archived").c_str(), &v.show_archived)) {
        v.dirty = true;
        a.close_employee_editor();
        a.close_placement_dialog();
    }
    ImGui::SameLine();
    std::string count = i18n::format_int(static_cast<long long>(v.rows.size())) + " " + T("ui.employee.count");
    ImGui::AlignTextToFramePadding();
    muted(count.c_str());
    if (a.can_edit()) {
        // (a phone: on a line of its own, so it never covers the count)
        if (!narrow) ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 170);
        if (primary_button(L("ui.employee.add", "emp-add"), ImVec2(narrow ? -1 : 170, 0))) a.new_employee();
    }

    const bool viewing = !a.can_edit() && a.workload.employee(v.selected_id) != nullptr;
    const bool editing =
        a.employee_editor.open || a.placement_dialog.action != app::PlacementAction::none || viewing;
    float avail = ImGui::GetContentRegionAvail().x;
    // On a phone the form takes the whole width instead of sitting beside the table.
    const bool compact = compact_layout();
    if (editing && compact) {
        begin_card("##emp-editor", ImVec2(0, 0), true);
        draw_side(a);
        end_card();
        return;
    }
    if (compact) {
        draw_employee_cards(a);
        return;
    }
    float form_w = editing ? std::min(600.0f, avail * 0.55f) : 0;
    float table_w = editing ? avail - form_w - ImGui::GetStyle().ItemSpacing.x : avail;

    ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                         ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable |
                         ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX | ImGuiTableFlags_Hideable;
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
            a.employee_table.refresh();
        }
        ImGuiListClipper clip;
        clip.Begin(static_cast<int>(v.rows.size()));
        while (clip.Step()) {
            for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
                const Employee& e = a.workload.data.employees[v.rows[r]];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                std::string l = format_employee_number(e.nip, parse_asn_type(e.asn_type).value_or(AsnType::pns)) + "##row-" + e.id;
                // Finger-sized rows on landscape tablets (the clipper measures the first row).
                if (ImGui::Selectable(l.c_str(), v.selected_id == e.id, ImGuiSelectableFlags_SpanAllColumns,
                                      ImVec2(0, touch_layout() ? kTouchTarget : 0))) {
                    if (a.can_edit()) a.edit_employee(e.id);
                    else v.selected_id = e.id;
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(e.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(e.golongan.c_str());
                ImGui::TableNextColumn();
                const Position* p = a.workload.position(e.position_id);
                ImGui::TextUnformatted(p ? p->name.c_str() : "-");
                ImGui::TableNextColumn();
                const Office* o = a.workload.office(e.office_id);
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
        draw_side(a);
        end_card();
    }
}

}  // namespace seimbang::ui
