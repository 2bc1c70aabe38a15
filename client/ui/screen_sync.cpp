// Sinkronisasi: connectivity, last sync, what waits in the outbox (count and age
// of the oldest), changes the server refused with their reasons, and conflicts
// with base / mine / theirs side by side.
#include <ctime>

#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

std::string age_text(long long s) {
    if (s < 0) s = 0;
    if (s < 60) return std::to_string(s) + " " + T("ui.unit.seconds");
    if (s < 3600) return std::to_string(s / 60) + " " + T("ui.unit.minutes");
    if (s < 86400) return std::to_string(s / 3600) + " " + T("ui.unit.hours");
    return std::to_string(s / 86400) + " " + T("ui.unit.days");
}

static std::string when(long long unix_s) {
    if (!unix_s) return "-";
    std::time_t t = static_cast<std::time_t>(unix_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%d-%m-%Y %H:%M", &tm);
    return buf;
}

void draw_sync(app::App& a) {
    const long long now = a.platform.unix_seconds();
    begin_panel("sync-status");
    subheading(T("ui.sync.status_title"));
    if (a.online) badge(T("ui.status.online"), color::ok, color::ok_bg);
    else badge(T("ui.status.offline"), color::warn, color::warn_bg);
    ImGui::SameLine();
    muted(a.online ? T("ui.sync.online_hint") : T("ui.sync.offline_hint"));
    std::string last = std::string(T("ui.sync.last")) + ": " +
                       (a.last_sync_unix ? when(a.last_sync_unix) + " (" + age_text(now - a.last_sync_unix) + " " +
                                               T("ui.ago") + ")"
                                         : std::string(T("ui.sync.never")));
    ImGui::TextUnformatted(last.c_str());
    std::string pend = std::string(T("ui.sync.pending")) + ": " + fmt_int(a.outbox.pending);
    if (a.outbox.pending && a.outbox.oldest_unix)
        pend += "  \xC2\xB7  " + std::string(T("ui.sync.oldest")) + " " + age_text(now - a.outbox.oldest_unix);
    ImGui::TextUnformatted(pend.c_str());
    std::string local = std::string(T("ui.sync.local_save")) + ": " +
                        (a.save_state == app::SaveState::failed ? T("ui.status.save_failed")
                         : a.save_state == app::SaveState::saving ? T("ui.status.saving")
                                                                   : T("ui.status.saved"));
    ImGui::TextUnformatted(local.c_str());
    muted(T("ui.sync.auto_hint"));
    end_panel();

    ImGui::Dummy(ImVec2(0, 2));
    begin_panel("sync-rejected");
    subheading(T("ui.sync.rejected_title"));
    if (a.rejected.empty()) muted(T("ui.sync.rejected_none"));
    else if (ImGui::BeginTable("##sync-rejected", 4,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH,
                               ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(T("ui.col.when"));
        ImGui::TableSetupColumn(T("ui.col.data"));
        ImGui::TableSetupColumn(T("ui.col.reason"));
        ImGui::TableSetupColumn(T("ui.col.detail"));
        ImGui::TableHeadersRow();
        for (const auto& r : a.rejected) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(when(r.at).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((r.table + " " + r.row_id.substr(0, 8)).c_str());
            ImGui::TableNextColumn();
            text_colored(color::bad, T(r.reason_code));
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.detail.c_str());
        }
        ImGui::EndTable();
    }
    end_panel();

    ImGui::Dummy(ImVec2(0, 2));
    begin_panel("sync-conflicts");
    subheading(T("ui.sync.conflicts_title"));
    if (a.conflicts.empty()) muted(T("ui.sync.conflicts_none"));
    else if (ImGui::BeginTable("##sync-conflicts", 6,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH,
                               ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(T("ui.col.data"));
        ImGui::TableSetupColumn(T("ui.col.field"));
        ImGui::TableSetupColumn(T("ui.sync.base"));
        ImGui::TableSetupColumn(T("ui.sync.mine"));
        ImGui::TableSetupColumn(T("ui.sync.theirs"));
        ImGui::TableSetupColumn(T("ui.col.when"));
        ImGui::TableHeadersRow();
        for (const auto& c : a.conflicts) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((c.table + " " + c.row_id.substr(0, 8)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.field.c_str());
            ImGui::TableNextColumn();
            muted(c.base.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.mine.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((c.theirs + (c.theirs_by.empty() ? "" : " (" + c.theirs_by + ")")).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(when(c.at).c_str());
        }
        ImGui::EndTable();
    }
    end_panel();
}

}  // namespace seimbang::ui
