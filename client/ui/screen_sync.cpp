// Sinkronisasi: connectivity and what it means for the user's edits, last sync,
// what waits in the outbox (count and age of the oldest), the last error in
// words, changes the server refused with their reasons (dismiss), and conflicts
// as base / mine / theirs with who and when, with "keep mine" / "take theirs".
#include <algorithm>
#include <ctime>
#include <vector>

#include <nlohmann/json.hpp>

#include "i18n/strings.h"
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

std::string when_text(long long unix_s) {
    if (!unix_s) return "-";
    std::time_t t = static_cast<std::time_t>(unix_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%d-%m-%Y %H:%M", &tm);
    return buf;
}

// The last error of a sync run in words a clerk understands.
std::string sync_error_text(const std::string& code) {
    if (code.empty()) return "";
    if (code == "network") return T("ui.sync.err_network");
    if (code == "sync.retry" || code.rfind("http.5", 0) == 0 || code == "server.error") return T("ui.sync.err_server");
    if (i18n::has(code, i18n::current())) return T(code);
    return std::string(T("ui.sync.err_other")) + " (" + code + ")";
}

// One sentence that says where the user's edits are.
std::string sync_headline(const app::App& a, ImU32& col) {
    const auto& s = a.sync.view;
    const int n = a.sync.outbox.pending;
    col = color::text;
    if (!s.account) return T("ui.sync.demo_line");
    if (a.login.needs_online_login()) {  // nothing is sent for this account before an online sign-in
        col = color::warn;
        return n ? i18n::format_int(n) + " " + T("ui.sync.login_to_send") : std::string(T("ui.sync.login_to_sync"));
    }
    if (s.running) {
        col = color::accent;
        std::string line = T(s.first_pull_done ? "ui.sync.running" : "ui.sync.first_pull");
        if (s.pulled_last > 0)
            line += " " + i18n::format_int(s.pulled_last) + " " + T("ui.sync.rows_received") + ", " + i18n::format_int(s.pulled_saved) +
                    " " + T("ui.sync.rows_saved") + ".";
        return line;
    }
    if (!a.sync.online) {
        col = color::warn;
        return n ? i18n::format_int(n) + " " + T("ui.sync.offline_pending") : std::string(T("ui.sync.offline_none"));
    }
    if (!s.last_error.empty()) {
        col = color::bad;
        return n ? i18n::format_int(n) + " " + T("ui.sync.failed_pending") : std::string(T("ui.sync.failed_none"));
    }
    if (n) {
        col = color::accent;
        return i18n::format_int(n) + " " + T("ui.sync.waiting");
    }
    if (!s.first_pull_done) return T("ui.sync.first_pull");
    if (s.rejected + s.conflicts > 0) {
        col = color::warn;
        return std::string(T("ui.sync.sent_but_attention")) + " (" + i18n::format_int(s.rejected + s.conflicts) + ")";
    }
    col = color::ok;
    return T("ui.sync.all_sent");
}

namespace {

std::string field_label(const std::string& table, const std::string& field) {
    for (std::string k : {"ui.field." + field, (table == "abk_tasks" ? "ui.abk." : "ui.employee.") + field})
        if (i18n::has(k, i18n::current())) return T(k);
    return field;
}

// "Nama lengkap: Siti · NIP: 1990…" from the attempted fields (ids left out).
std::string change_summary(const std::string& table, const std::string& fields_json) {
    auto f = nlohmann::json::parse(fields_json.empty() ? "{}" : fields_json, nullptr, false);
    if (!f.is_object()) return "-";
    // The fields a person recognises a record by come first; ids and fields
    // without a label are left out.
    std::vector<std::string> keys;
    for (const char* k : {"name", "nip", "task", "volume", "norm_minutes", "golongan", "birth_date"})
        if (f.contains(k)) keys.push_back(k);
    for (const auto& [k, v] : f.items())
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    std::string out;
    int shown = 0;
    for (const auto& k : keys) {
        if (field_label(table, k) == k) continue;
        if (shown == 3) {
            out += " \xE2\x80\xA6";
            break;
        }
        const auto& v = f[k];
        if (!out.empty()) out += " \xC2\xB7 ";
        out += field_label(table, k) + ": " + (v.is_string() ? v.get<std::string>() : v.dump());
        ++shown;
    }
    return out.empty() ? "-" : out;
}

void draw_status_panel(app::App& a, long long now) {
    const auto& s = a.sync.view;
    begin_panel("sync-status");
    subheading(T("ui.sync.status_title"));
    if (!s.account) badge(T("ui.sync.demo_badge"), color::muted, color::rgb(0xEEF2F6));
    else if (a.sync.online) badge(T("ui.status.online"), color::ok, color::ok_bg);
    else badge(T("ui.status.offline"), color::warn, color::warn_bg);
    if (s.running) {
        ImGui::SameLine();
        badge(T("ui.sync.running_badge"), color::accent, color::info_bg);
    }
    ImU32 col;
    std::string head = sync_headline(a, col);
    ImGui::PushFont(fonts().bold);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);  // the panel's inner edge (begin_panel)
    text_colored(col, head.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    if (!s.account) {
        ImGui::PushTextWrapPos(0);
        muted(T("ui.sync.demo_hint"));
        ImGui::PopTextWrapPos();
        end_panel();
        return;
    }
    ImGui::Dummy(ImVec2(0, 2));
    std::string last = std::string(T("ui.sync.last")) + ": " +
                       (s.last_ok_unix ? when_text(s.last_ok_unix) + " (" + age_text(now - s.last_ok_unix) + " " +
                                             T("ui.ago") + ")"
                                       : std::string(T("ui.sync.never")));
    ImGui::TextUnformatted(last.c_str());
    std::string pend = std::string(T("ui.sync.pending")) + ": " + i18n::format_int(a.sync.outbox.pending);
    if (a.sync.outbox.pending && a.sync.outbox.oldest_unix)
        pend += "  \xC2\xB7  " + std::string(T("ui.sync.oldest")) + " " + age_text(now - a.sync.outbox.oldest_unix) + " " +
                T("ui.ago");
    ImGui::TextUnformatted(pend.c_str());
    if (!s.last_error.empty()) {
        std::string err = std::string(T("ui.sync.last_error")) + ": " + sync_error_text(s.last_error);
        if (s.last_attempt_unix) err += " (" + age_text(now - s.last_attempt_unix) + " " + T("ui.ago") + ")";
        ImGui::PushTextWrapPos(0);
        text_colored(color::bad, err.c_str());
        ImGui::PopTextWrapPos();
        if (s.next_ms > 0 && a.sync.online && !s.running) {
            long long in_s = static_cast<long long>((s.next_ms - a.platform.now_ms()) / 1000);
            std::string next = std::string(T("ui.sync.next_try")) + " " + age_text(in_s < 0 ? 0 : in_s);
            muted(next.c_str());
        }
    }
    std::string local = std::string(T("ui.sync.local_save")) + ": " +
                        (a.save_state == app::SaveState::full     ? T("ui.status.storage_full_long")
                         : a.save_state == app::SaveState::failed ? T("ui.status.save_failed")
                         : a.save_state == app::SaveState::saving ? T("ui.status.saving")
                                                                   : T("ui.status.saved"));
    ImGui::TextUnformatted(local.c_str());
    if (a.login.needs_online_login()) {  // nothing is tried in this session: no retry hint, no button
        end_panel();
        return;
    }
    ImGui::PushTextWrapPos(0);
    muted(a.sync.online ? T("ui.sync.auto_hint") : T("ui.sync.offline_hint"));
    ImGui::PopTextWrapPos();
    ImGui::BeginDisabled(s.running || !a.sync.online);
    if (ImGui::Button(L("ui.sync.now", "sync-now").c_str())) a.sync.now();
    ImGui::EndDisabled();
    end_panel();
}

void draw_rejected_panel(app::App& a) {
    begin_panel("sync-rejected");
    std::string title = T("ui.sync.rejected_title");
    if (!a.sync.rejected.empty()) title += " (" + std::to_string(a.sync.rejected.size()) + ")";
    subheading(title.c_str());
    if (a.sync.rejected.empty()) {
        muted(T("ui.sync.rejected_none"));
        end_panel();
        return;
    }
    ImGui::PushTextWrapPos(0);
    muted(T("ui.sync.rejected_hint"));
    ImGui::PopTextWrapPos();
    if (phone_layout()) {
        // On a phone one block per change: the record, the change, the reason,
        // when, and the dismiss button across the width.
        long long dismiss = 0;
        for (const auto& r : a.sync.rejected) {
            ImGui::Separator();
            bold_words(a.sync.record_label(r.table, r.row_id, r.fields_json));
            text_words(change_summary(r.table, r.fields_json));
            colored_words(color::bad, sync_error_text(r.reason_code));
            if (!r.detail.empty() && r.detail != "\"\"") muted_words(field_label(r.table, r.detail));
            muted(when_text(r.edited_at).c_str());
            std::string id = "rej-dismiss-" + std::to_string(r.counter);
            if (ImGui::Button(L("ui.sync.dismiss", id).c_str(), ImVec2(-1, 0))) dismiss = r.counter;
        }
        if (dismiss) a.sync.dismiss_rejected(dismiss);
    } else if (ImGui::BeginTable("##sync-rejected", 5, kDataTableFlags, ImVec2(0, 0))) {
        ImGui::TableSetupColumn(T("ui.col.data"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(T("ui.sync.col_change"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(T("ui.col.reason"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(T("ui.col.when"), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 90);
        headers_row();
        long long dismiss = 0;
        for (const auto& r : a.sync.rejected) {
            ImGui::TableNextRow(0, 30);
            ImGui::TableNextColumn();
            text_words(a.sync.record_label(r.table, r.row_id, r.fields_json));
            ImGui::TableNextColumn();
            text_words(change_summary(r.table, r.fields_json));
            ImGui::TableNextColumn();
            ImGui::PushTextWrapPos(0);
            text_colored(color::bad, sync_error_text(r.reason_code).c_str());
            ImGui::PopTextWrapPos();
            if (!r.detail.empty() && r.detail != "\"\"") {
                std::string d = field_label(r.table, r.detail);  // often the field that was refused
                ImGui::PushTextWrapPos(0);
                muted(d.c_str());
                ImGui::PopTextWrapPos();
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(when_text(r.edited_at).c_str());
            ImGui::TableNextColumn();
            std::string id = "rej-dismiss-" + std::to_string(r.counter);
            if (small_button(L("ui.sync.dismiss", id).c_str())) dismiss = r.counter;
        }
        ImGui::EndTable();
        if (dismiss) a.sync.dismiss_rejected(dismiss);
    }
    end_panel();
}

void draw_conflicts_panel(app::App& a) {
    begin_panel("sync-conflicts");
    std::string title = T("ui.sync.conflicts_title");
    if (!a.sync.conflicts.empty()) title += " (" + std::to_string(a.sync.conflicts.size()) + ")";
    subheading(title.c_str());
    if (a.sync.conflicts.empty()) {
        muted(T("ui.sync.conflicts_none"));
        end_panel();
        return;
    }
    ImGui::PushTextWrapPos(0);
    muted(T("ui.sync.conflicts_hint"));
    ImGui::PopTextWrapPos();
    if (phone_layout()) {
        // On a phone one block per conflict: the record and field, the base, mine
        // and theirs one under the other (who, when, which is in use), then the
        // two choices across the width.
        long long pick = 0;
        bool keep_mine = false;
        for (const auto& c : a.sync.conflicts) {
            ImGui::Separator();
            bold_words(a.sync.record_label(c.table, c.row_id));
            muted_words(field_label(c.table, c.field));
            auto side = [&](const char* key, const std::string& value, const std::string& by, long long at, bool kept) {
                muted(T(key));
                bold_words(value);
                muted_words((by.empty() ? std::string("-") : by) + " \xC2\xB7 " + when_text(at));
                if (kept) badge(T("ui.sync.in_use"), color::ok, color::ok_bg);
            };
            muted(T("ui.sync.base"));
            text_words(c.base);
            side("ui.sync.mine", c.mine, c.mine_by.empty() && a.login.session ? a.login.session->username : c.mine_by,
                 c.mine_at, c.kept == "mine");
            side("ui.sync.theirs", c.theirs, c.theirs_by, c.theirs_at, c.kept != "mine");
            std::string sid = std::to_string(c.id);
            if (ImGui::Button(L("ui.sync.keep_mine", "conf-mine-" + sid).c_str(), ImVec2(-1, 0))) {
                pick = c.id;
                keep_mine = true;
            }
            if (ImGui::Button(L("ui.sync.take_theirs", "conf-theirs-" + sid).c_str(), ImVec2(-1, 0))) pick = c.id;
        }
        if (pick) a.sync.resolve_conflict(pick, keep_mine);
    } else if (ImGui::BeginTable("##sync-conflicts", 5, kDataTableFlags, ImVec2(0, 0))) {
        ImGui::TableSetupColumn(T("ui.col.data"), ImGuiTableColumnFlags_WidthStretch, 1.7f);
        ImGui::TableSetupColumn(T("ui.sync.base"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(T("ui.sync.mine"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn(T("ui.sync.theirs"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn(T("ui.sync.col_action"), ImGuiTableColumnFlags_WidthFixed, 170);
        headers_row();
        long long pick = 0;
        bool keep_mine = false;
        for (const auto& c : a.sync.conflicts) {
            ImGui::TableNextRow(0, 30);
            ImGui::TableNextColumn();
            text_words(a.sync.record_label(c.table, c.row_id));
            muted(field_label(c.table, c.field).c_str());
            ImGui::TableNextColumn();
            text_words(c.base);
            auto side = [&](const std::string& value, const std::string& by, long long at, bool kept) {
                ImGui::PushFont(fonts().bold);
                text_words(value);
                ImGui::PopFont();
                muted(by.empty() ? "-" : by.c_str());
                muted(when_text(at).c_str());
                if (kept) badge(T("ui.sync.in_use"), color::ok, color::ok_bg);
            };
            ImGui::TableNextColumn();
            side(c.mine, c.mine_by.empty() && a.login.session ? a.login.session->username : c.mine_by, c.mine_at, c.kept == "mine");
            ImGui::TableNextColumn();
            side(c.theirs, c.theirs_by, c.theirs_at, c.kept != "mine");
            ImGui::TableNextColumn();
            std::string sid = std::to_string(c.id);
            if (ImGui::Button(L("ui.sync.keep_mine", "conf-mine-" + sid).c_str(), ImVec2(-1, 0))) {
                pick = c.id;
                keep_mine = true;
            }
            if (ImGui::Button(L("ui.sync.take_theirs", "conf-theirs-" + sid).c_str(), ImVec2(-1, 0))) pick = c.id;
        }
        ImGui::EndTable();
        if (pick) a.sync.resolve_conflict(pick, keep_mine);
    }
    end_panel();
}

}  // namespace

void draw_sync(app::App& a) {
    const long long now = a.platform.unix_seconds();
    draw_status_panel(a, now);
    if (!a.sync.view.account) return;
    ImGui::Dummy(ImVec2(0, 2));
    draw_rejected_panel(a);
    ImGui::Dummy(ImVec2(0, 2));
    draw_conflicts_panel(a);
}

}  // namespace seimbang::ui
