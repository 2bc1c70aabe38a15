// Unit & Jabatan: the office tree on the left; the selected office's positions
// with their requirements (rank range, competences) and B/K/+− on the right.
#include <algorithm>

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

// "B 5 / K 3": holders (bezetting) and needed (kebutuhan) of a position.
std::string bk_text(const app::App& a, const Position& p) {
    const auto* r = a.abk_position(p.id);
    return "B " + std::to_string(a.holders_of(p.id)) + " / K " + (r ? std::to_string(r->needed_rounded) : "-");
}

}  // namespace

// Office tree shared by Unit & Jabatan and ABK: selecting sets app.selected_office.
// A name wider than the tree column wraps onto further lines (the row grows), so
// long seksi names stay readable in full.
void draw_office_tree(app::App& a, const std::string& parent, const char* prefix) {
    const ImGuiStyle& st = ImGui::GetStyle();
    for (const Office* o : a.children(parent)) {
        auto kids = a.children(o->id);
        ImGuiTreeNodeFlags fl = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth |
                                ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_FramePadding;
        if (kids.empty()) fl |= ImGuiTreeNodeFlags_Leaf;
        if (a.selected_office == o->id) fl |= ImGuiTreeNodeFlags_Selected;
        // The label starts after the arrow column and keeps a frame padding at the right.
        const float text_w = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() - st.FramePadding.x * 2 - 4;
        // "###": the id ignores the wrapped text, so it stays the same when the width changes.
        std::string label = wrap_words(o->name, std::max(text_w, 40.0f)) + "###" + prefix + o->id;
        bool open = ImGui::TreeNodeEx(label.c_str(), fl);
        if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) a.selected_office = o->id;
        if (open) {
            draw_office_tree(a, o->id, prefix);
            ImGui::TreePop();
        }
    }
}

void draw_units(app::App& a) {
    if (a.selected_office.empty() && a.session) a.selected_office = a.session->office_id;
    float tree_w = 290;  // long names wrap; the positions table needs the width more
    begin_card("##units-tree", ImVec2(tree_w, 0), true);
    subheading(T("ui.units.tree"));
    draw_office_tree(a, "", "ut-");
    end_card();
    ImGui::SameLine();
    begin_card("##units-detail", ImVec2(0, 0), true);
    const Office* o = a.office(a.selected_office);
    if (!o) {
        muted(T("ui.units.pick"));
        end_card();
        return;
    }
    subheading(o->name.c_str());
    std::string meta = T(kind_key(o->kind));
    if (!o->code.empty()) meta += std::string("  \xC2\xB7  ") + T("ui.units.code") + " " + o->code;  // seksi have none
    muted(meta.c_str());
    muted(a.office_path(o->id).c_str());
    if (const app::OfficeLoad* l = a.load_of(o->id)) {
        std::string s = std::string(T("ui.col.eu")) + " " + (l->eu ? fmt_dec(*l->eu, 2) : "-") + "   " +
                        T("ui.col.needed") + " " + fmt_dec(l->needed, 1) + "   " + T("ui.col.present") + " " +
                        fmt_int(l->holders);
        ImGui::TextUnformatted(s.c_str());
        ImGui::SameLine();
        badge(T(efficiency_key(l->eu)), efficiency_color(l->eu), efficiency_bg(l->eu));
    }
    ImGui::Dummy(ImVec2(0, 4));
    subheading(T("ui.units.positions"));
    auto positions = a.positions_of(o->id);
    if (positions.empty()) muted(T("ui.units.no_positions"));
    const ImGuiTableFlags tf = kDataTableFlags;
    if (!positions.empty() && ImGui::BeginTable("##units-positions", 7, tf)) {
        // Text columns share the rest; short values take their widest value (or
        // their header on two lines).
        float w_kind = 0, w_eselon = 0, w_range = 0, w_bk = 0, w_comp = 0;
        for (const Position* p : positions) {
            w_kind = std::max(w_kind, text_width(T(position_kind_key(p->kind))));
            w_eselon = std::max(w_eselon, text_width(p->eselon.empty() ? "-" : p->eselon));
            w_range = std::max(w_range, text_width(golongan_range(*p)));
            const auto* r = a.abk_position(p->id);
            w_bk = std::max(w_bk, text_width(bk_text(a, *p)) +
                                      (r ? ImGui::GetStyle().ItemSpacing.x + text_width(fmt_signed(r->difference)) : 0));
            for (const auto& [tag, level] : p->requirements)
                w_comp = std::max(w_comp, text_width(tag + " " + std::to_string(level)));
        }
        ImGui::TableSetupColumn(T("ui.col.position"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        fit_column(T("ui.col.kind"), w_kind);
        fit_column(T("ui.col.eselon"), w_eselon);
        fit_column(T("ui.col.golongan_range"), w_range);
        fit_column(T("ui.col.bkd"), w_bk);
        fit_column(T("ui.col.competences"), w_comp);
        ImGui::TableSetupColumn(T("ui.col.holders_names"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        headers_row();
        for (const Position* p : positions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (p->is_head) ImGui::PushFont(fonts().bold);
            ImGui::TextWrapped("%s", p->name.c_str());
            if (p->is_head) ImGui::PopFont();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(T(position_kind_key(p->kind)));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p->eselon.empty() ? "-" : p->eselon.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(golongan_range(*p).c_str());
            ImGui::TableNextColumn();
            const auto* r = a.abk_position(p->id);
            ImGui::TextUnformatted(bk_text(a, *p).c_str());
            if (r) {
                ImGui::SameLine();
                text_colored(r->difference < 0 ? color::bad : r->difference > 0 ? color::warn : color::ok,
                             fmt_signed(r->difference).c_str());
            }
            ImGui::TableNextColumn();
            if (p->requirements.empty()) muted("-");
            for (const auto& [tag, level] : p->requirements) {
                std::string s = tag + " " + std::to_string(level);
                ImGui::TextWrapped("%s", s.c_str());
            }
            ImGui::TableNextColumn();
            // Holders per position are indexed when the data changes (App::reload), not per frame.
            const auto& holders = a.holder_list(p->id);
            for (size_t i : holders) ImGui::TextWrapped("%s", a.data.employees[i].name.c_str());
            if (holders.empty()) text_colored(color::bad, T("ui.units.vacant"));
        }
        ImGui::EndTable();
    }
    end_card();
}

}  // namespace seimbang::ui
