// Usulan Mutasi: the list of transfer requests (filters by status, office and
// waiting time; clipped, so 10,000 rows stay smooth), the new-request form with
// validation as the person types, and the detail: the buttons this user may
// press (workflow::available_commands, never decided here), the decision
// support beside them, the checklist, the documents and the timeline. On a
// phone (< 760 px) one column: the list, or the form, or the detail with a
// "Kembali" button.
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "imgui_stdlib.h"
#include "model/nip.h"
#include "ui/request_view.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {
namespace {

using app::App;
using workflow::Command;
using workflow::Status;

constexpr const char* kArrow = " \xE2\x86\x92 ";
constexpr const char* kDot = " \xC2\xB7 ";

// "3 hari" / "< 1 hari": how long the request has waited in its status.
std::string waiting_text(const App& a, const workflow::Request& r) {
    return request_waiting_text(r, app::waiting_ms(r, a.platform.unix_seconds() * 1000));
}

std::string position_text(const App& a, const std::string& id) {
    if (const app::PositionChoice* p = a.position_choice(id)) {
        const Office* o = a.workload.office(p->office_id);
        return p->name + (o ? kDot + o->name : std::string());
    }
    return std::string(T("ui.request.unknown_position")) + " (" + id.substr(0, 8) + ")";
}

void label(const char* key, bool required = true) {
    bold_words(T(key));
    if (required) {
        ImGui::SameLine(0, 2);
        text_colored(color::bad, "*");
    }
}

// The next combo's popup gets a fixed size: a popup that follows its (filtered)
// content moves between frames, away from the finger that is about to tap it.
void fixed_popup(float height) {
    const float w = ImGui::CalcItemWidth();
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, height), ImVec2(w, height));
}

void touch(app::RequestEditor& ed, const char* field) {
    if (std::find(ed.touched.begin(), ed.touched.end(), field) == ed.touched.end()) ed.touched.emplace_back(field);
}
bool shown(const app::RequestEditor& ed, const char* field) {
    return ed.attempted || std::find(ed.touched.begin(), ed.touched.end(), field) != ed.touched.end();
}

// [SECTION] Toolbar and list

void draw_toolbar(App& a) {
    auto& v = a.requests;
    const bool narrow = compact_layout();
    ImGui::SetNextItemWidth(narrow ? -1 : 210);
    const std::string st = v.status_filter ? request_status_text(*v.status_filter) : std::string(T("ui.request.all_statuses"));
    if (combo("##req-status", st.c_str(), ImGuiComboFlags_HeightLargest)) {
        if (ImGui::Selectable(T("ui.request.all_statuses"), !v.status_filter)) {
            v.status_filter.reset();
            v.filter_dirty = true;
        }
        for (Status s : workflow::all_statuses()) {
            const std::string l = request_status_text(s) + "##st-" + std::string(workflow::to_string(s));
            if (ImGui::Selectable(l.c_str(), v.status_filter == s)) {
                v.status_filter = s;
                v.filter_dirty = true;
            }
        }
        ImGui::EndCombo();
    }
    if (!narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(narrow ? -1 : 230);
    const Office* f = a.workload.office(v.office_filter);
    if (combo("##req-office", f ? f->name.c_str() : T("ui.employee.all_offices"))) {
        if (ImGui::Selectable(T("ui.employee.all_offices"), v.office_filter.empty())) {
            v.office_filter.clear();
            v.filter_dirty = true;
        }
        for (const Office* o : a.workload.scope_offices()) {
            if (o->archived) continue;
            const std::string l = o->name + "##rf" + o->id;
            if (ImGui::Selectable(l.c_str(), o->id == v.office_filter)) {
                v.office_filter = o->id;
                v.filter_dirty = true;
            }
        }
        ImGui::EndCombo();
    }
    if (!narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(narrow ? -1 : 200);
    static const char* wait_keys[] = {"ui.request.wait_any", "ui.request.wait_week", "ui.request.wait_month"};
    if (combo("##req-wait", T(wait_keys[static_cast<int>(v.wait_filter)]))) {
        for (int i = 0; i < 3; ++i) {
            const std::string l = std::string(T(wait_keys[i])) + "##w" + std::to_string(i);
            if (ImGui::Selectable(l.c_str(), static_cast<int>(v.wait_filter) == i)) {
                v.wait_filter = static_cast<app::WaitFilter>(i);
                v.filter_dirty = true;
            }
        }
        ImGui::EndCombo();
    }
    if (!narrow) ImGui::SameLine();
    if (ImGui::Checkbox(L("ui.request.mine_only", "req-mine").c_str(), &v.mine_only)) v.filter_dirty = true;
    if (!narrow) ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const std::string count = i18n::format_int(static_cast<long long>(v.shown.size())) + " " + T("ui.request.count");
    muted(count.c_str());
    if (a.can_file_request()) {
        if (narrow) {
            if (primary_button(L("ui.request.new", "req-new"), ImVec2(-1, 0))) a.new_request();
        } else {
            ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 170);
            if (primary_button(L("ui.request.new", "req-new"), ImVec2(170, 0))) a.new_request();
        }
    }
}

void draw_list(App& a, float width) {
    auto& v = a.requests;
    // A phone, or the list beside the form/detail: two columns that keep every word.
    const bool compact = compact_layout() || width < 620;
    if (v.shown.empty()) {  // said in full, not cut by a column
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        muted(T(v.rows.empty() ? "ui.request.none" : "ui.request.none_filtered"));
        ImGui::PopTextWrapPos();
    }
    ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                         ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("##req-table", compact ? 2 : 5, tf, ImVec2(width, 0))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    if (compact) {
        ImGui::TableSetupColumn(T("ui.request.col_request"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(T("ui.request.col_status"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    } else {
        ImGui::TableSetupColumn(T("ui.request.col_number"), ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableSetupColumn(T("ui.request.col_applicant"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn(T("ui.request.col_move"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn(T("ui.request.col_status"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
        ImGui::TableSetupColumn(T("ui.request.col_waiting"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
    }
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(v.shown.size()));
    while (clip.Step()) {
        for (int k = clip.DisplayStart; k < clip.DisplayEnd; ++k) {
            const app::RequestRow& row = v.rows[static_cast<size_t>(v.shown[static_cast<size_t>(k)])];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string l = row.r.number + "##req-" + row.r.id;
            if (ImGui::Selectable(l.c_str(), v.selected_id == row.r.id,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                a.close_request_editor();
                a.select_request(row.r.id);
            }
            if (compact) {
                text_words(row.applicant);
                muted_words(row.origin + kArrow + row.destination);
                ImGui::TableNextColumn();
                draw_request_status_badge(row.r.status);
                muted(waiting_text(a, row.r).c_str());
                continue;
            }
            ImGui::TableNextColumn();
            text_words(row.applicant);
            ImGui::TableNextColumn();
            text_words(row.origin + kArrow + row.destination);
            ImGui::TableNextColumn();
            draw_request_status_badge(row.r.status);
            if (row.waits_for_me) {
                ImGui::SameLine();
                text_colored(color::bad, "\xE2\x97\x8F");  // waits for you
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(waiting_text(a, row.r).c_str());
        }
    }
    ImGui::EndTable();
}

// [SECTION] New request form

// [between instansi] The applicant of a move between instansi, for the
// receiving BKPSDM: the NIP typed (digits, a numeric keyboard), "Cari" asks the
// national server online, the person found is shown (name, instansi, jabatan,
// golongan) or why not. An edit keeps the person the request names.
bool draw_between_applicant(App& a, bool editing) {
    auto& ed = a.request_editor;
    bool changed = false;
    label("ui.request.between_person");
    if (!editing) {
        help_line(T("ui.request.between_help"));
        const bool narrow = compact_layout();
        const float find_w = 120;
        ImGui::SetNextItemWidth(narrow ? -1 : std::min(320.0f, ImGui::GetContentRegionAvail().x - find_w - 8));
        if (ImGui::InputTextWithHint("##req-between-nip", T("ui.employee.nip_hint"), &ed.between_nip,
                                     ImGuiInputTextFlags_CallbackCharFilter, [](ImGuiInputTextCallbackData* d) {
                                         return (d->EventChar >= '0' && d->EventChar <= '9') || d->EventChar == ' ' ? 0 : 1;
                                     }) &&
            (ed.between || !ed.between_check.ok())) {
            ed.between.reset();  // another NIP: the person found before no longer applies
            ed.between_check = {};
            changed = true;
        }
        keyboard_for_last_item(Keyboard::numeric);
        if (!narrow) ImGui::SameLine();
        ImGui::BeginDisabled(ed.between_searching);
        if (ImGui::Button(L("ui.request.between_find", "req-between-find").c_str(),
                          ImVec2(narrow ? -1 : find_w, touch_height(0)))) {
            a.find_between_person();
            touch(ed, "between_nip");
        }
        ImGui::EndDisabled();
        if (ed.between_searching) muted(T("ui.request.between_searching"));
        field_issues(ed.between_check, "between_nip", true);
    }
    if (ed.between) {
        const app::BetweenPerson& b = *ed.between;
        text_colored(color::ok, "\xE2\x9C\x93");
        ImGui::SameLine();
        text_words(b.name + " (" + format_nip(b.nip) + ")");
        if (!b.instansi_name.empty())
            muted_words(std::string(T("ui.request.between_instansi")) + ": " + b.instansi_name);
        if (!b.position_name.empty() || !b.office_name.empty())
            muted_words(std::string(T("ui.request.current")) + ": " + (b.position_name.empty() ? "-" : b.position_name) +
                        (b.office_name.empty() ? std::string() : kDot + b.office_name));
        if (!b.golongan.empty()) muted_words(std::string(T("ui.request.between_golongan")) + ": " + b.golongan);
    }
    // (The lookup's own refusal says enough: "find the person first" only without one.)
    field_issues(ed.check, "between_nip", shown(ed, "between_nip") && ed.between_check.ok() && !ed.between_searching);
    return changed;
}

// The form's save buttons, what to fix, and the offline note. False when the
// form was closed (Batal).
bool draw_form_actions(App& a, bool returned) {
    auto& ed = a.request_editor;
    const bool narrow = compact_layout();
    if (narrow) ImGui::Separator();
    const char* submit_key = returned ? "ui.request.save_resubmit" : "ui.request.save_submit";
    const float submit_w = std::max(140.0f, ImGui::CalcTextSize(T(submit_key)).x + 2 * ImGui::GetStyle().FramePadding.x + 24);
    if (primary_button(L(submit_key, "req-submit-new"), ImVec2(narrow ? -1 : submit_w, 36))) a.save_request_draft(true);
    const ImVec2 bs(narrow ? -1 : 140, 36);
    if (!narrow) ImGui::SameLine();
    if (ImGui::Button(L("ui.request.save_draft", "req-save-draft").c_str(), bs)) a.save_request_draft(false);
    if (!narrow) ImGui::SameLine();
    if (ImGui::Button(L("ui.cancel", "req-cancel-form").c_str(), bs)) {
        a.close_request_editor();
        return false;
    }
    if (ed.attempted && !ed.check.ok()) text_colored(color::bad, T("ui.form.fix_errors"));
    help_line(T("ui.request.offline_help"));
    if (!narrow) ImGui::Separator();
    return true;
}

void draw_form(App& a) {
    auto& ed = a.request_editor;
    const bool editing = !ed.editing_id.empty();
    const bool returned = editing && ed.editing_status == Status::dikembalikan;
    subheading(T(editing ? "ui.request.edit_title" : "ui.request.new_title"));
    if (editing)
        if (const app::RequestRow* row = a.request_row(ed.editing_id)) muted_words(row->r.number);
    if (returned && a.requests.detail_for == ed.editing_id) draw_request_return_note(a.requests.timeline);
    // On a laptop the save buttons stay at the top (the form is longer than the
    // screen); a phone fills the form top to bottom, so they come at its end.
    if (!compact_layout() && !draw_form_actions(a, returned)) return;
    bool changed = false;
    const bool pegawai = a.login.session && a.login.session->role == app::Role::pegawai;

    // Kind (first: between instansi the applicant is found another way)
    const bool between_allowed = a.can_propose_between();
    label("ui.request.kind");
    for (workflow::Kind k : workflow::all_kinds()) {
        if (pegawai && k == workflow::Kind::dinas) continue;  // an employee files on their own behalf only
        const bool is_between = k == workflow::Kind::antar_instansi;
        // Between instansi the receiving instansi's BKPSDM proposes (docs/WORKFLOW.md §2);
        // a request never changes path, so an edit offers only its own side.
        if (is_between && !between_allowed) continue;
        if (editing && is_between != (ed.kind == workflow::Kind::antar_instansi)) continue;
        const std::string key = "workflow.kind." + std::string(workflow::to_string(k));
        if (ImGui::RadioButton(L(key, "req-kind-" + std::string(workflow::to_string(k))).c_str(), ed.kind == k)) {
            ed.kind = k;
            changed = true;
        }
        if (!compact_layout()) ImGui::SameLine();
    }
    if (!compact_layout()) ImGui::NewLine();  // (a phone stacks them: already on a new line)
    if (!between_allowed) help_line(T("ui.request.antar_instansi_note"));
    field_issues(ed.check, "kind", true);

    if (ed.kind == workflow::Kind::antar_instansi) {
        changed |= draw_between_applicant(a, editing);
    } else {
        // Applicant: a pegawai files their own; an operator picks an employee of the office.
        label("ui.request.applicant");
        const Employee* e = a.workload.employee(ed.employee_id);
        if (pegawai || editing) {  // a pegawai files their own; a request keeps its applicant
            text_words(e ? e->name + " (" + e->nip + ")" : std::string(T("ui.request.own_record_missing")));
        } else {
            ImGui::SetNextItemWidth(-1);
            fixed_popup(260);
            if (combo("##req-employee", e ? e->name.c_str() : T("ui.choose"), ImGuiComboFlags_HeightLarge)) {
                ImGui::SetNextItemWidth(-1);
                ImGui::InputTextWithHint("##req-employee-search", T("ui.employee.search_hint"), &ed.employee_search);
                int listed = 0;
                for (const auto& x : a.workload.data.employees) {
                    if (x.archived || !a.workload.in_scope(x.office_id)) continue;
                    if (!ed.employee_search.empty() && x.name.find(ed.employee_search) == std::string::npos &&
                        x.nip.find(ed.employee_search) == std::string::npos)
                        continue;
                    if (++listed > 200) break;  // type to narrow
                    const Office* o = a.workload.office(x.office_id);
                    const std::string l = x.name + kDot + (o ? o->name : std::string()) + "##emp-" + x.id;
                    if (ImGui::Selectable(l.c_str(), x.id == ed.employee_id)) {
                        ed.employee_id = x.id;
                        changed = true;
                        touch(ed, "employee_id");
                    }
                }
                ImGui::EndCombo();
            }
        }
        if (e) {
            const Position* p = a.workload.position(e->position_id);
            muted_words(std::string(T("ui.request.current")) + ": " + (p ? p->name : std::string("-")) + kDot +
                        a.workload.office_path(e->office_id));
        }
        field_issues(ed.check, "employee_id", shown(ed, "employee_id"));
    }

    // Wishes 1..3, in order of preference.
    label("ui.request.wishes");
    help_line(T("ui.request.wishes_help"));
    for (size_t i = 0; i < ed.wishes.size(); ++i) {
        std::string& w = ed.wishes[i];
        const std::string preview = w.empty() ? std::string(T("ui.choose")) : position_text(a, w);
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%d.", static_cast<int>(i + 1));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w.empty() ? -1 : -90);
        // An inline list under the slot (no popup: it stays where the finger is,
        // on a phone too): a search field and the matching positions.
        const std::string id = preview + "##req-wish-" + std::to_string(i + 1);
        const bool picking = ed.picking_wish == static_cast<int>(i);
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0, 0.5f));
        if (ImGui::Button(id.c_str(), ImVec2(w.empty() ? -1 : -90, 0))) {
            ed.picking_wish = picking ? -1 : static_cast<int>(i);
            ed.wish_search.clear();
        }
        ImGui::PopStyleVar();
        if (picking) {
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("##req-wish-search", T("ui.request.position_search_hint"), &ed.wish_search);
            ImGui::BeginChild("##req-wish-list", ImVec2(-1, 220), true);
            int listed = 0;
            for (const auto& p : a.position_choices()) {
                if (p.head) continue;  // heads are appointed, never requested
                const Office* o = a.workload.office(p.office_id);
                const std::string text = p.name + kDot + (o ? o->name : std::string());
                if (!ed.wish_search.empty() && text.find(ed.wish_search) == std::string::npos) continue;
                if (++listed > 300) break;
                std::string l = text;
                if (!p.golongan_min.empty() || !p.golongan_max.empty())
                    l += "  (" + p.golongan_min + "\xE2\x80\x93" + p.golongan_max + ")";
                l += "##wp-" + p.id;
                if (ImGui::Selectable(l.c_str(), p.id == w)) {
                    w = p.id;
                    ed.picking_wish = -1;
                    changed = true;
                    touch(ed, "wishes");
                }
            }
            if (listed == 0) muted(T("ui.request.no_positions"));
            ImGui::EndChild();
        }
        if (!w.empty()) {
            ImGui::SameLine();
            if (ImGui::Button(L("ui.request.remove", "req-wish-clear-" + std::to_string(i + 1)).c_str(), ImVec2(80, 0))) {
                w.clear();
                changed = true;
            }
        }
    }
    field_issues(ed.check, "wishes", shown(ed, "wishes"));

    // Reason + explanation
    label("ui.request.reason");
    ImGui::SetNextItemWidth(-1);
    const std::string reason = ed.reason ? T("workflow.reason." + std::string(workflow::to_string(*ed.reason)))
                                         : T("ui.choose");
    fixed_popup(230);
    if (combo("##req-reason", reason.c_str(), ImGuiComboFlags_HeightLargest)) {
        for (workflow::Reason r : workflow::all_reasons()) {
            const std::string code(workflow::to_string(r));
            const std::string l = std::string(T("workflow.reason." + code)) + "##rs-" + code;
            if (ImGui::Selectable(l.c_str(), ed.reason == r)) {
                ed.reason = r;
                changed = true;
                touch(ed, "reason");
                touch(ed, "explanation");  // every reason needs its explanation: say so now
            }
        }
        ImGui::EndCombo();
    }
    field_issues(ed.check, "reason", shown(ed, "reason"));
    label("ui.request.explanation");
    if (ImGui::InputTextMultiline("##req-explanation", &ed.explanation, ImVec2(-1, ImGui::GetTextLineHeight() * 4.5f))) {
        changed = true;
        touch(ed, "explanation");
    }
    field_issues(ed.check, "explanation", shown(ed, "explanation"));

    // Documents (checked by content and size when picked; stored with the request)
    label("ui.request.documents", false);
    ImGui::SetNextItemWidth(compact_layout() ? -1 : 260);
    const std::string dt = ed.doc_type.empty() ? std::string(T("ui.choose")) : T("document.type." + ed.doc_type);
    fixed_popup(260);
    if (combo("##req-doc-type", dt.c_str(), ImGuiComboFlags_HeightLargest)) {
        static const char* kTypes[] = {"surat_permohonan",   "sk_pangkat_terakhir", "surat_pengantar",
                                       "surat_ppk_penerima", "surat_ppk_pengirim",  "skp_2_tahun",
                                       "surat_bebas_hukuman_disiplin", "surat_bebas_tugas_belajar",
                                       "surat_inspektorat", "surat_keterangan_dokter"};
        for (const std::string code : kTypes) {
            const std::string l = std::string(T("document.type." + code)) + "##dt-" + code;
            if (ImGui::Selectable(l.c_str(), ed.doc_type == code)) ed.doc_type = code;
        }
        ImGui::EndCombo();
    }
    if (!compact_layout()) ImGui::SameLine();
    if (ImGui::Button(L("ui.request.pick_file", "req-pick").c_str())) a.pick_document();
    help_line(T("ui.request.file_help"));
    for (size_t i = 0; i < ed.documents.size(); ++i) {
        const auto& d = ed.documents[i];
        text_colored(color::ok, "\xE2\x9C\x93");
        ImGui::SameLine();
        text_words(std::string(T("document.type." + d.doc_type)) + kDot + d.file_name + " (" +
                   i18n::format_int(static_cast<long long>(d.bytes.size() / 1024 + 1)) + " kB)");
        ImGui::SameLine();
        if (small_button(L("ui.request.remove", "req-doc-remove-" + std::to_string(i)).c_str())) {
            ed.documents.erase(ed.documents.begin() + static_cast<long>(i));
            break;
        }
    }
    if (const Issue* i = ed.saved_check.first_error())
        colored_words(color::bad, "\xE2\x9C\x97 " + i18n::describe(*i, i18n::current()));

    if (changed) a.validate_request_draft();
    if (compact_layout()) draw_form_actions(a, returned);
}

// [SECTION] Detail

// The panel is shared with the Pelatihan case screen (decision_support.cpp).
void draw_support(App& a, const app::RequestRow& row) {
    const SupportNames names{[&](const std::string& id) {
                                 const Office* o = a.workload.office(id);
                                 return o ? o->name : std::string();
                             },
                             [&](const std::string& id) { return position_text(a, id); }};
    draw_decision_support("##req-support", a.requests.support, names);
    (void)row;
}

void draw_actions(App& a, const app::RequestRow& row) {
    auto& v = a.requests;
    std::vector<Command> buttons;
    for (Command c : row.available)
        if (c != Command::create && c != Command::edit && c != Command::attach) buttons.push_back(c);
    const bool can_edit = std::find(row.available.begin(), row.available.end(), Command::edit) != row.available.end();
    begin_panel("##req-actions");
    subheading(T("ui.request.actions"));
    if (can_edit) {
        // A draft or returned request is changed in the form, then (re)submitted there.
        if (row.r.status == Status::dikembalikan) help_line(T("ui.request.edit_returned_help"));
        if (ImGui::Button(L("ui.request.edit", "req-edit").c_str(), ImVec2(compact_layout() ? -1 : 0, 34)))
            a.edit_request(row.r.id);
    }
    if (buttons.empty()) {
        if (!can_edit)
        muted_words(T(workflow::is_final(row.r.status) ? "ui.request.final" : "ui.request.nothing_for_you"));
    } else {
        draw_step_note(v.note);
        const bool decide = std::find(buttons.begin(), buttons.end(), Command::decide) != buttons.end();
        if (decide) {
            label("ui.request.tmt");
            ImGui::SetNextItemWidth(compact_layout() ? -1 : 200);
            ImGui::InputTextWithHint("##req-tmt", T("ui.date_hint"), &v.tmt_text);
            if (!a.sync.online || !a.sync.view.account) colored_words(color::warn, T("ui.request.decide_online"));
        }
        if (auto c = draw_step_buttons(buttons, v.decide_counter != 0)) a.take_request_step(*c);
    }
    if (const Issue* i = v.step_check.first_error())
        colored_words(color::bad, "\xE2\x9C\x97 " + i18n::describe(*i, i18n::current()));
    // A step the server refused comes back here (and in Sinkronisasi's attention list).
    for (const auto& rej : a.sync.rejected) {
        if (rej.table != "requests" || rej.row_id != row.r.id) continue;
        Issue i{rej.reason_code, "", rej.detail, false};
        colored_words(color::bad, std::string(T("ui.request.refused")) + ": " + i18n::describe(i, i18n::current()));
    }
    end_panel();
}

void draw_documents(App& a, const app::RequestRow& row) {
    auto& v = a.requests;
    begin_panel("##req-docs");
    draw_request_checklist(v.missing, v.missing_evidence, v.documents);
    const bool can_attach = std::find(row.available.begin(), row.available.end(), Command::attach) != row.available.end();
    if (can_attach) {
        ImGui::SetNextItemWidth(compact_layout() ? -1 : 260);
        const std::string dt = v.doc_type.empty() ? std::string(T("ui.request.doc_type_auto")) : T("document.type." + v.doc_type);
        fixed_popup(200);
        if (combo("##req-detail-doc-type", dt.c_str(), ImGuiComboFlags_HeightLargest)) {
            if (ImGui::Selectable(T("ui.request.doc_type_auto"), v.doc_type.empty())) v.doc_type.clear();
            for (const auto* list : {&v.missing, &v.missing_evidence})
                for (const auto& m : *list) {
                    const std::string l = std::string(T("document.type." + m)) + "##ddt-" + m;
                    if (ImGui::Selectable(l.c_str(), v.doc_type == m)) v.doc_type = m;
                }
            ImGui::EndCombo();
        }
        if (!compact_layout()) ImGui::SameLine();
        if (ImGui::Button(L("ui.request.pick_file", "req-attach").c_str())) a.pick_document();
    }
    end_panel();
}

void draw_timeline(App& a) {
    begin_panel("##req-timeline");
    draw_request_timeline(a.requests.timeline);
    end_panel();
}

void draw_detail(App& a) {
    auto& v = a.requests;
    const app::RequestRow* row = a.request_row(v.selected_id);
    if (!row) {
        muted_words(T("ui.request.select_hint"));
        return;
    }
    const auto& r = row->r;
    if (compact_layout() && ImGui::Button(L("ui.request.back", "req-back").c_str())) {
        v.selected_id.clear();
        return;
    }
    static const std::vector<workflow::Event> kNoEvents;
    draw_request_summary({r, row->applicant, row->origin, row->destination, waiting_text(a, r),
                          [&](const std::string& id) { return position_text(a, id); },
                          v.detail_for == r.id ? v.timeline : kNoEvents});

    // Buttons with the decision support beside them (stacked on a phone). A
    // pegawai's copy holds no office figures: the panel is for those who decide.
    if (a.login.session && a.login.session->role == app::Role::pegawai) {
        draw_actions(a, *row);
    } else if (!compact_layout() && ImGui::GetContentRegionAvail().x > 700 &&
        ImGui::BeginTable("##req-side", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        draw_actions(a, *row);
        ImGui::TableNextColumn();
        draw_support(a, *row);
        ImGui::EndTable();
    } else {
        draw_actions(a, *row);
        draw_support(a, *row);
    }
    draw_documents(a, *row);
    draw_timeline(a);
}

}  // namespace

void draw_requests(App& a) {
    a.refresh_requests();
    auto& v = a.requests;
    const bool compact = compact_layout();
    // A phone shows one thing at a time: the form, the detail, or the list.
    if (compact && a.request_editor.open) {
        begin_card("##req-form", ImVec2(0, 0), true);
        draw_form(a);
        end_card();
        return;
    }
    if (compact && !v.selected_id.empty()) {
        begin_card("##req-detail", ImVec2(0, 0), true);
        draw_detail(a);
        end_card();
        return;
    }
    draw_toolbar(a);
    const bool side = a.request_editor.open || !v.selected_id.empty();
    const float avail = ImGui::GetContentRegionAvail().x;
    if (compact || !side) {
        draw_list(a, avail);
        return;
    }
    const float side_w = std::min(720.0f, avail * 0.58f);
    draw_list(a, avail - side_w - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SameLine();
    begin_card(a.request_editor.open ? "##req-form" : "##req-detail", ImVec2(side_w, 0), true);
    if (a.request_editor.open) draw_form(a);
    else draw_detail(a);
    end_card();
}

}  // namespace seimbang::ui
