// Beranda: workload per office at a glance (EU, needed vs present, overloaded
// first), what is waiting, and whether this device is in sync.
#include <ctime>

#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {
namespace {

void kpi(const char* id, const char* label, const std::string& value, const char* sub, ImU32 value_color,
         float width) {
    begin_card(id, ImVec2(width, 112));
    muted(label);
    ImGui::PushFont(fonts().h1);
    text_colored(value_color, value.c_str());
    ImGui::PopFont();
    if (sub) muted(sub);
    end_card();
}

}  // namespace

// defined in screen_sync.cpp
std::string age_text(long long seconds);
std::string sync_headline(const app::App& a, ImU32& col);
std::string sync_error_text(const std::string& code);

void draw_home(app::App& a) {
    // Scope: the user's office (kecamatan for the demo operator).
    std::string root = a.session ? a.session->office_id : "";
    const app::OfficeLoad* total = a.load_of(root);
    int staff = 0;
    for (const auto& e : a.data.employees)
        if (!e.archived) ++staff;

    float avail = ImGui::GetContentRegionAvail().x;
    float w = (avail - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
    kpi("##kpi-staff", T("ui.home.staff_present"), fmt_int(total ? total->holders : staff), T("ui.home.staff_sub"),
        color::text, w);
    ImGui::SameLine();
    kpi("##kpi-needed", T("ui.home.staff_needed"), total ? fmt_dec(total->needed, 1) : "-", T("ui.home.needed_sub"),
        color::text, w);
    ImGui::SameLine();
    std::optional<double> eu = total ? total->eu : std::nullopt;
    kpi("##kpi-eu", T("ui.home.eu"), eu ? fmt_dec(*eu, 2) : "-", T(efficiency_key(eu)), efficiency_color(eu), w);
    ImGui::SameLine();
    std::string pending_sub = !a.sync.account   ? std::string(T("ui.home.demo_not_sent"))
                              : a.outbox.pending ? std::string(T("ui.home.oldest")) + " " +
                                                       age_text(a.platform.unix_seconds() - a.outbox.oldest_unix) + " " + T("ui.ago")
                                                 : std::string(a.online ? T("ui.home.all_sent") : T("ui.home.none_waiting"));
    kpi("##kpi-pending", T("ui.home.pending"), fmt_int(a.outbox.pending), pending_sub.c_str(),
        a.outbox.pending ? color::accent : color::ok, w);

    ImGui::Dummy(ImVec2(0, 6));
    subheading(T("ui.home.offices_title"));
    muted(T("ui.home.offices_hint"));
    auto loads = a.loads_by_pressure();
    const ImGuiTableFlags tf = kDataTableFlags;
    if (ImGui::BeginTable("##home-offices", 7, tf)) {
        ImGui::TableSetupColumn(T("ui.col.office"), ImGuiTableColumnFlags_WidthStretch, 2.6f);
        ImGui::TableSetupColumn(T("ui.col.eu"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn(T("ui.col.load"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(T("ui.col.needed"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn(T("ui.col.present"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn(T("ui.col.diff"), ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn(T("ui.col.grade"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        headers_row();
        for (const app::OfficeLoad* l : loads) {
            const Office* o = a.office(l->office_id);
            if (!o) continue;
            ImGui::TableNextRow(0, 34);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            if (o->kind == OfficeKind::kecamatan) ImGui::PushFont(fonts().bold);
            std::string label = o->name + "##home-" + o->id;
            if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
                a.selected_office = o->id;
                a.navigate(app::Screen::abk);
            }
            if (o->kind == OfficeKind::kecamatan) ImGui::PopFont();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            text_colored(efficiency_color(l->eu), l->eu ? fmt_dec(*l->eu, 2).c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            efficiency_bar(l->eu, ImGui::GetContentRegionAvail().x - 8);
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(fmt_dec(l->needed, 1).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(fmt_int(l->holders).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            int diff = l->holders - l->needed_rounded;
            text_colored(diff < 0 ? color::bad : diff > 0 ? color::warn : color::ok, fmt_signed(diff).c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            badge(T(efficiency_key(l->eu)), efficiency_color(l->eu), efficiency_bg(l->eu));
        }
        ImGui::EndTable();
    }

    ImGui::Dummy(ImVec2(0, 6));
    float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    begin_card("##home-short", ImVec2(half, 190));
    subheading(T("ui.home.short_title"));
    int shown = 0;
    for (const auto& p : a.data.positions) {
        const auto* r = a.abk_position(p.id);
        if (!r || r->difference >= 0) continue;
        const Office* o = a.office(p.office_id);
        std::string line = p.name + " \xE2\x80\x94 " + (o ? o->name : "") + "  (" + fmt_signed(r->difference) + ")";
        text_colored(color::bad, line.c_str());
        if (++shown == 4) break;
    }
    if (!shown) muted(T("ui.home.short_none"));
    end_card();
    ImGui::SameLine();
    begin_card("##home-sync", ImVec2(half, 190));
    subheading(T("ui.home.sync_title"));
    if (!a.sync.account) badge(T("ui.sync.demo_badge"), color::muted, color::rgb(0xEEF2F6));
    else if (a.online) badge(T("ui.status.online"), color::ok, color::ok_bg);
    else badge(T("ui.status.offline"), color::warn, color::warn_bg);
    ImU32 col;
    std::string head = sync_headline(a, col);
    ImGui::PushTextWrapPos(0);
    ImGui::PushFont(fonts().bold);
    text_colored(col, head.c_str());
    ImGui::PopFont();
    if (a.sync.account) {
        std::string last = std::string(T("ui.sync.last")) + ": " +
                           (a.last_sync_unix ? age_text(a.platform.unix_seconds() - a.last_sync_unix) + " " +
                                                   T("ui.ago")
                                             : std::string(T("ui.sync.never")));
        muted(last.c_str());
        if (a.sync.rejected || a.sync.conflicts) {
            std::string att = std::string(T("ui.home.attention")) + ": " + fmt_int(a.sync.rejected) + " " +
                              T("ui.home.rejected_n") + ", " + fmt_int(a.sync.conflicts) + " " +
                              T("ui.home.conflicts_n");
            text_colored(color::bad, att.c_str());
        }
    }
    ImGui::PopTextWrapPos();
    if (ImGui::Button(L("ui.home.open_sync", "home-open-sync").c_str())) a.navigate(app::Screen::sync);
    end_card();
}

}  // namespace seimbang::ui
