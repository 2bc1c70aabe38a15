// Unit & Jabatan: the office tree on the left; the selected office's positions
// with their requirements (rank range, competences) and B/K/+− on the right.
#include <algorithm>

#include "app/figures.h"
#include "model/golongan.h"
#include "plan/eligibility_records.h"
#include "ui/competences.h"
#include "ui/locator.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {
namespace {

const char* kind_key(OfficeKind k) {
    switch (k) {
        case OfficeKind::kota: return "ui.office.kota";
        case OfficeKind::kecamatan: return "ui.office.kecamatan";
        case OfficeKind::kelurahan: return "ui.office.kelurahan";
        case OfficeKind::seksi: return "ui.office.seksi";
    }
    return "ui.office.kelurahan";
}

const char* position_kind_key(PositionKind k) {
    switch (k) {
        case PositionKind::jpt: return "ui.poskind.jpt";
        case PositionKind::administrator: return "ui.poskind.administrator";
        case PositionKind::pengawas: return "ui.poskind.pengawas";
        case PositionKind::fungsional: return "ui.poskind.fungsional";
        case PositionKind::pelaksana: return "ui.poskind.pelaksana";
    }
    return "ui.poskind.pelaksana";
}

std::string golongan_range(const Position& p) {
    if (p.golongan_min.empty() && p.golongan_max.empty()) return "-";
    return p.golongan_min + " \xE2\x80\x93 " + p.golongan_max;
}

// "B 5 / K 3,56": holders (bezetting) and needed (kebutuhan, decimal) of a position.
std::string bk_text(const app::App& a, const Position& p) {
    const auto* r = a.workload.abk_position(p.id);
    return "B " + i18n::format_int(a.workload.holders_of(p.id)) + " / K " + (r ? i18n::format_decimal(r->needed, 2) : "-");
}

void draw_office_nodes(app::App& a, const std::vector<const Office*>& nodes, const char* prefix, int depth = 0);

// A golongan bound: none, a PNS grade (with its pangkat) or a PPPK grade.
void golongan_bound(const char* key, const char* id, std::string& value, const Check& check, const char* field,
                    bool attempted) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(T(key));
    ImGui::PopFont();
    ImGui::SetNextItemWidth(compact_layout() ? -1 : 260);
    if (combo(id, value.empty() ? T("ui.position.no_bound") : value.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable((std::string(T("ui.position.no_bound")) + id + "-none").c_str(), value.empty()))
            value.clear();
        for (GolonganScale scale : {GolonganScale::pns, GolonganScale::pppk}) {
            muted(scale == GolonganScale::pns ? "PNS" : "PPPK");
            for (int rank = 1; rank <= kGolonganCount; ++rank) {
                const Golongan g{scale, rank};
                std::string item = format_golongan(g);
                if (!pangkat_name(g).empty()) item += " \xC2\xB7 " + std::string(pangkat_name(g));
                item += std::string(id) + "-" + format_golongan(g);
                if (ImGui::Selectable(item.c_str(), value == format_golongan(g))) value = format_golongan(g);
            }
        }
        ImGui::EndCombo();
    }
    field_issues(check, field, attempted);
}

// The requirements of one position (golongan range, minimum competences), and
// how the current holders meet them as they are edited.
void draw_position_editor(app::App& a) {
    auto& ed = a.position_editor;
    Position& p = ed.draft;
    ImGui::Dummy(ImVec2(0, 4));
    subheading((std::string(T("ui.position.edit_title")) + ": " + p.name).c_str());
    help_line(T("ui.position.edit_help"));
    const bool compact = compact_layout();
    if (primary_button(L("ui.save", "pos-save"), ImVec2(140, compact ? 44 : 36))) a.save_position_draft();
    ImGui::SameLine();
    if (ImGui::Button(L("ui.cancel", "pos-cancel").c_str(), ImVec2(110, compact ? 44 : 36))) {
        a.close_position_editor();
        return;
    }
    if (ed.attempted && !ed.check.ok()) {
        text_colored(color::bad, T("ui.form.fix_errors"));
        for (const auto& i : ed.check.issues)
            if (i.field != "golongan_min" && i.field != "golongan_max" && i.field != "requirements")
                text_colored(color::bad, i18n::describe(i, i18n::current()).c_str());
    }
    ImGui::Separator();
    // Side by side on a wide screen (each label above its combo), stacked on a phone.
    ImGui::BeginGroup();
    golongan_bound("ui.position.golongan_min", "##pos-gol-min", p.golongan_min, ed.check, "golongan_min", ed.attempted);
    ImGui::EndGroup();
    if (!compact) ImGui::SameLine(0, 24);
    ImGui::BeginGroup();
    golongan_bound("ui.position.golongan_max", "##pos-gol-max", p.golongan_max, ed.check, "golongan_max", ed.attempted);
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, 4));
    subheading(T("ui.position.requirements"));
    help_line(T("ui.competence.help"));
    edit_competences(a, "posc", p.requirements, ed.adder, ed.check, "requirements", ed.attempted);

    // The holders against the draft: who would no longer meet them.
    const auto& holders = a.workload.holder_list(p.id);
    if (!holders.empty()) {
        ImGui::Dummy(ImVec2(0, 4));
        subheading(T("ui.position.holders_fit"));
        for (size_t i : holders) {
            const Employee& e = a.workload.data.employees[i];
            const int missing = plan::requirement_fit(e, p).not_met();
            const std::string line =
                e.name + ": " +
                (missing == 0 ? std::string(T("ui.position.holder_meets"))
                              : i18n::fill(T("ui.position.holder_short"), {{"n", std::to_string(missing)}}));
            text_colored(missing == 0 ? color::ok : color::bad, line.c_str());
            locator::note_last_item(("##holder-fit-" + e.id).c_str());
        }
    }
}

}  // namespace

// The account's part of the office tree (its own office and everything below;
// the whole tree for pusat), shared by Unit & Jabatan and ABK.
void draw_scope_tree(app::App& a, const char* prefix) {
    std::vector<const Office*> roots;
    if (a.workload.reads_all_offices()) roots = a.workload.children("");
    else if (const Office* own = a.login.session ? a.workload.office(a.login.session->office_id) : nullptr) roots = {own};
    draw_office_nodes(a, roots, prefix);
}

// Said instead of "no positions" when an office is outside the account's scope:
// its data is not on this device, the office is not empty.
void draw_outside_scope(app::App& a, const Office& o) {
    subheading(o.name.c_str());
    muted(a.workload.office_path(o.id).c_str());
    ImGui::Dummy(ImVec2(0, 4));
    help_line(T("ui.scope.outside"));
    locator::note_last_item("##scope-outside");  // tests find the notice
}

namespace {
// Selecting sets app.selected_office. A name wider than the tree column wraps onto
// further lines (the row grows), so long seksi names stay readable in full.
// On a phone only the first level below the account's office is open at first
// (the tree sits above the results and grows with its content, no fixed box).
void draw_office_nodes(app::App& a, const std::vector<const Office*>& nodes, const char* prefix, int depth) {
    const ImGuiStyle& st = ImGui::GetStyle();
    for (const Office* o : nodes) {
        auto kids = a.workload.children(o->id);
        ImGuiTreeNodeFlags fl = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth |
                                ImGuiTreeNodeFlags_FramePadding;
        if (!compact_layout() || depth == 0) fl |= ImGuiTreeNodeFlags_DefaultOpen;
        if (kids.empty()) fl |= ImGuiTreeNodeFlags_Leaf;
        if (a.selected_office == o->id) fl |= ImGuiTreeNodeFlags_Selected;
        // The label starts after the arrow column and keeps a frame padding at the right.
        const float text_w = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() - st.FramePadding.x * 2 - 4;
        // "###": the id ignores the wrapped text, so it stays the same when the width changes.
        std::string label = wrap_words(o->name, std::max(text_w, 40.0f)) + "###" + prefix + o->id;
        bool open = ImGui::TreeNodeEx(label.c_str(), fl);
        if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) a.selected_office = o->id;
        if (open) {
            draw_office_nodes(a, kids, prefix, depth + 1);
            ImGui::TreePop();
        }
    }
}
}  // namespace

void draw_units(app::App& a) {
    if (a.selected_office.empty() && a.login.session) a.selected_office = a.login.session->office_id;
    // Long names wrap; the positions table needs the width more. Above it on a phone.
    const bool compact = compact_layout();
    // A phone: a panel as tall as the tree (a fixed box scrolled inside the scrolling page).
    if (compact) begin_panel("units-tree");
    else begin_card("##units-tree", ImVec2(290, 0), true);
    subheading(T("ui.units.tree"));
    draw_scope_tree(a, "ut-");
    if (compact) end_panel();
    else end_card();
    if (!compact) ImGui::SameLine();
    // A phone: at least most of a screen tall; the page scrolls past the tree to it.
    const float detail_h = compact ? std::max(ImGui::GetContentRegionAvail().y, ImGui::GetMainViewport()->Size.y * 0.85f) : 0;
    begin_card("##units-detail", ImVec2(0, detail_h), true);
    const Office* o = a.workload.office(a.selected_office);
    if (!o) {
        muted(T("ui.units.pick"));
        end_card();
        return;
    }
    if (!a.workload.in_scope(o->id)) {
        draw_outside_scope(a, *o);
        end_card();
        return;
    }
    subheading(o->name.c_str());
    std::string meta = T(kind_key(o->kind));
    if (!o->code.empty()) meta += std::string("  \xC2\xB7  ") + T("ui.units.code") + " " + o->code;  // seksi have none
    muted(meta.c_str());
    help_line(a.workload.office_path(o->id).c_str());
    if (const app::OfficeLoad* l = a.workload.load_of(o->id)) {
        // The whole office (with the units below): PU with EU, need and staff, and
        // shortage beside surplus.
        const auto st = abk::load_status(l->eu, a.workload.data.settings);
        std::string s = std::string(T("ui.col.pu")) + " " + app::pu_text(*l) + "   " + T("ui.col.needed") + " " +
                        i18n::format_decimal(l->needed, 1) + "   " + T("ui.col.holders") + " " +
                        i18n::format_int(l->holders);
        text_words(s);
        status_badge(st);
        help_line(app::short_surplus_text(*l).c_str());
    }
    ImGui::Dummy(ImVec2(0, 4));
    subheading(T("ui.units.positions"));
    help_line(T("ui.help.bk"));
    // Editing one position's requirements takes the place of the table.
    if (a.position_editor.open) {
        if (a.position_editor.draft.office_id == o->id) {
            draw_position_editor(a);
            end_card();
            return;
        }
        a.close_position_editor();  // another office was chosen in the tree
    }
    auto positions = a.workload.positions_of(o->id);
    if (positions.empty()) muted(T("ui.units.no_positions"));
    const ImGuiTableFlags tf = kDataTableFlags;
    // A phone: cards; a portrait tablet: every column but the competences (long names).
    if (!positions.empty() && phone_layout()) {
        // A card per position: name; B / K and the gap in the status colour; the
        // holders (or "Lowong"). The card opens the requirements editor as the
        // row's Ubah did (same id) for an account that may edit it.
        for (const Position* p : positions) {
            const auto* r = a.workload.abk_position(p->id);
            const auto& holders = a.workload.holder_list(p->id);
            std::string names;
            for (size_t i : holders) names += (names.empty() ? "" : ", ") + a.workload.data.employees[i].name;
            CardLine who{names, false, true};
            if (holders.empty()) who = CardLine{T("ui.units.vacant"), false, false, color::bad};
            CardLine bk{bk_text(a, *p), false, true};
            if (r) {
                bk.right = app::gap_text(r->needed, r->holders);
                bk.right_color = status_color(app::position_status(*r, a.workload.data.settings));
            }
            const bool editable = a.can_edit_position(*p);
            if (record_card((editable ? "##pos-edit-" : "##unit-pos-") + p->id, {{p->name, true}, bk, who}) && editable)
                a.edit_position(p->id);
        }
    } else if (!positions.empty() && ImGui::BeginTable("##units-positions", compact ? 6 : 7, tf)) {
        // Text columns share the rest; short values take their widest value (or
        // their header on two lines).
        float w_kind = 0, w_eselon = 0, w_range = 0, w_bk = 0;
        for (const Position* p : positions) {
            w_kind = std::max(w_kind, text_width(T(position_kind_key(p->kind))));
            w_eselon = std::max(w_eselon, text_width(p->eselon.empty() ? "-" : p->eselon));
            w_range = std::max(w_range, text_width(golongan_range(*p)));
            const auto* r = a.workload.abk_position(p->id);
            w_bk = std::max(w_bk, std::max(text_width(bk_text(a, *p)),
                                           r ? text_width(app::gap_text(r->needed, r->holders)) : 0.0f));
        }
        ImGui::TableSetupColumn(T("ui.col.position"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        fit_column(T("ui.col.kind"), w_kind);
        fit_column(T("ui.col.eselon"), w_eselon);
        fit_column(T("ui.col.golongan_range"), w_range);
        fit_column(T("ui.col.bkd"), w_bk);
        // Readable competence names are long: they share the rest with the names, wrapped.
        if (!compact) ImGui::TableSetupColumn(T("ui.col.competences"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn(T("ui.col.holders_names"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        headers_row();
        for (const Position* p : positions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (p->is_head) ImGui::PushFont(fonts().bold);
            text_words(p->name);
            if (p->is_head) ImGui::PopFont();
            if (a.can_edit_position(*p)) {
                // A phone's position column is narrower than "Ubah syarat": "Ubah" there.
                const std::string edit =
                    std::string(T(compact ? "ui.edit" : "ui.position.edit")) + "##pos-edit-" + p->id;
                if (small_button(edit.c_str())) a.edit_position(p->id);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(T(position_kind_key(p->kind)));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p->eselon.empty() ? "-" : p->eselon.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(golongan_range(*p).c_str());
            ImGui::TableNextColumn();
            const auto* r = a.workload.abk_position(p->id);
            ImGui::TextUnformatted(bk_text(a, *p).c_str());
            if (r) text_colored(status_color(app::position_status(*r, a.workload.data.settings)),
                                app::gap_text(r->needed, r->holders).c_str());
            if (!compact) {
                ImGui::TableNextColumn();
                if (p->requirements.empty()) muted("-");
                for (const auto& [tag, level] : p->requirements) text_words(competence_label(tag, level));
            }
            ImGui::TableNextColumn();
            // Holders per position are indexed when the data changes (App::reload), not per frame.
            const auto& holders = a.workload.holder_list(p->id);
            for (size_t i : holders) ImGui::TextUnformatted(a.workload.data.employees[i].name.c_str());
            if (holders.empty()) text_colored(color::bad, T("ui.units.vacant"));
        }
        ImGui::EndTable();
    }
    end_card();
}

}  // namespace seimbang::ui
