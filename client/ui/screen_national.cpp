// Nasional: BKN's view over every instansi (client/app/national.h), read
// online from the national server's views — ABK per province, per instansi and
// per jabatan nationwide; transfers per month, reason and instansi with the
// I-MUT export; NIPs held in two instansi. Tables on a desktop; on a phone each
// row is a short block with the figures that matter (docs/CLIENT.md).
#include <algorithm>
#include <optional>

#include "app/app.h"
#include "i18n/format.h"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "ui/locator.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

namespace {

using app::NationalView;

// Rows shown per list before "Tampilkan lebih banyak" (a list holds up to 1,000).
constexpr int kShownStep = 50;
struct Shown {
    int provinces = kShownStep, instansi = kShownStep, jabatan = kShownStep;
    int months = kShownStep, moves = kShownStep, claims = kShownStep;
};
Shown g_shown;
bool g_was_offline = false;  // the network came back: the current view is asked again

std::string signed_int(long long v) {
    if (v > 0) return "+" + i18n::format_int(v);
    if (v < 0) return "\xE2\x88\x92" + i18n::format_int(-v);  // U+2212 minus
    return "0";
}
std::string eu_text(const std::optional<double>& eu) { return eu ? i18n::format_decimal(*eu, 2) : "-"; }
ImU32 difference_color(long long d) {
    return d < 0 ? status_color(abk::LoadStatus::over) : d > 0 ? status_color(abk::LoadStatus::under) : color::text;
}
const char* or_dash(const std::string& s) { return s.empty() ? "-" : s.c_str(); }

bool tab_button(const char* label, bool on) {
    if (on) return primary_button(label);
    return ImGui::Button(label);
}

// "Tampilkan lebih banyak" under a list cut at `shown` of `size` rows.
void more_button(const char* id, int& shown, size_t size) {
    if (static_cast<size_t>(shown) >= size) return;
    const std::string l = std::string(T("ui.national.show_more")) + " (" + i18n::format_int(static_cast<long long>(size) - shown) +
                          ")##" + id;
    if (ImGui::Button(l.c_str())) shown += kShownStep;
}

// The answer's state: loading, the refusal, or nothing asked yet. True when there is data to draw.
template <class Data>
bool answer_state(const app::NationalAnswer<Data>& ans) {
    if (ans.loading) muted(T("ui.national.loading"));
    if (!ans.error.empty()) colored_words(status_color(abk::LoadStatus::over), T(ans.error));
    return ans.data.has_value();
}

// --- ABK ------------------------------------------------------------------------

void figures_columns(const app::NationalFigures& f) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(i18n::format_int(f.positions).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(i18n::format_int(f.holders).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(i18n::format_int(f.needed_rounded).c_str());
    ImGui::TableNextColumn();
    text_colored(difference_color(f.difference), signed_int(f.difference).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(eu_text(f.eu).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((i18n::format_int(f.positions_short) + " / " + i18n::format_int(f.positions_surplus)).c_str());
}

void figures_setup(const char* first) {
    ImGui::TableSetupColumn(first, 0, 2.2f);
    ImGui::TableSetupColumn(T("ui.national.col.positions"), 0, 0.8f);
    ImGui::TableSetupColumn(T("ui.national.col.holders"), 0, 0.8f);
    ImGui::TableSetupColumn(T("ui.national.col.needed"), 0, 0.8f);
    ImGui::TableSetupColumn(T("ui.national.col.difference"), 0, 0.7f);
    ImGui::TableSetupColumn(T("ui.national.col.eu"), 0, 0.6f);
    ImGui::TableSetupColumn(T("ui.national.col.short_surplus"), 0, 1.0f);
}

// A phone's row: the name, then holders against need and the difference.
void figures_block(const std::string& title, const std::string& sub, const app::NationalFigures& f) {
    bold_words(title);
    if (!sub.empty()) muted_words(sub);
    text_words(std::string(T("ui.national.col.holders")) + " " + i18n::format_int(f.holders) + " \xC2\xB7 " +
               T("ui.national.col.needed") + " " + i18n::format_int(f.needed_rounded) + " \xC2\xB7 EU " + eu_text(f.eu));
    text_colored(difference_color(f.difference),
                 (std::string(T("ui.national.col.difference")) + " " + signed_int(f.difference)).c_str());
    ImGui::Separator();
}

void draw_abk_filters(app::App& a) {
    NationalView& v = a.national;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T("ui.national.year"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    ImGui::InputInt("##nat-year", &v.year, 0, 0);
    keyboard_for_last_item(Keyboard::numeric);
    v.year = std::clamp(v.year, 2000, 2200);
    if (!compact_layout()) ImGui::SameLine();
    const std::string all = T("ui.national.all_provinces");
    ImGui::SetNextItemWidth(std::min(320.0f, ImGui::GetContentRegionAvail().x - 8));
    if (combo("##nat-province", v.province.empty() ? all.c_str() : v.province.c_str())) {
        if (ImGui::Selectable((all + "##nat-province-all").c_str(), v.province.empty())) v.province.clear();
        if (v.abk.data)
            for (const auto& p : v.abk.data->provinces) {
                if (p.province.empty()) continue;
                if (ImGui::Selectable((p.province + "##nat-province-" + p.province).c_str(), p.province == v.province))
                    v.province = p.province;
            }
        ImGui::EndCombo();
    }
    if (!compact_layout()) ImGui::SameLine();
    if (primary_button(std::string(T("ui.national.show")) + "##nat-abk-show")) {
        g_shown = {};
        app::national_refresh(a);
    }
}

void draw_abk_tab(app::App& a) {
    NationalView& v = a.national;
    draw_abk_filters(a);
    if (!answer_state(v.abk)) return;
    const app::NationalAbk& d = *v.abk.data;
    const bool compact = compact_layout();
    // The nation (or the province asked) in one line.
    long long holders = 0, needed = 0;
    for (const auto& p : d.provinces) {
        holders += p.f.holders;
        needed += p.f.needed_rounded;
    }
    begin_panel("nat-provinces");
    subheading(T("ui.national.provinces_title"));
    help_line(i18n::fill(T("ui.national.provinces_hint"), {{"year", std::to_string(d.year)},
                                                           {"holders", i18n::format_int(holders)},
                                                           {"needed", i18n::format_int(needed)}})
                  .c_str());
    const int np = std::min<int>(g_shown.provinces, static_cast<int>(d.provinces.size()));
    if (compact) {
        for (int k = 0; k < np; ++k)
            figures_block(d.provinces[k].province.empty() ? T("ui.national.no_province") : d.provinces[k].province, "",
                          d.provinces[k].f);
    } else if (ImGui::BeginTable("##nat-prov", 7, kDataTableFlags, ImVec2(-16, 0))) {
        figures_setup(T("ui.national.col.province"));
        headers_row();
        for (int k = 0; k < np; ++k) {
            const auto& p = d.provinces[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(p.province.empty() ? T("ui.national.no_province") : p.province);
            figures_columns(p.f);
        }
        ImGui::EndTable();
    }
    more_button("nat-prov-more", g_shown.provinces, d.provinces.size());
    help_line(T("ui.national.hint.difference"));
    help_line(T("ui.national.hint.eu"));
    end_panel();

    begin_panel("nat-instansi");
    subheading(v.province.empty() ? T("ui.national.instansi_title")
                                  : (std::string(T("ui.national.instansi_title")) + " \xC2\xB7 " + v.province).c_str());
    if (d.instansi_total > static_cast<long long>(d.instansi.size()))
        help_line(i18n::fill(T("ui.national.first_of"), {{"shown", i18n::format_int(static_cast<long long>(d.instansi.size()))},
                                                         {"total", i18n::format_int(d.instansi_total)}})
                      .c_str());
    const int ni = std::min<int>(g_shown.instansi, static_cast<int>(d.instansi.size()));
    if (compact) {
        for (int k = 0; k < ni; ++k) figures_block(d.instansi[k].name, d.instansi[k].province, d.instansi[k].f);
    } else if (ImGui::BeginTable("##nat-inst", 7, kDataTableFlags, ImVec2(-16, 0))) {
        figures_setup(T("ui.national.col.instansi"));
        headers_row();
        for (int k = 0; k < ni; ++k) {
            const auto& i = d.instansi[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(i.province.empty() ? i.name : i.name + " (" + i.province + ")");
            figures_columns(i.f);
        }
        ImGui::EndTable();
    }
    more_button("nat-inst-more", g_shown.instansi, d.instansi.size());
    end_panel();

    begin_panel("nat-jabatan");
    subheading(T("ui.national.jabatan_title"));
    help_line(T("ui.national.jabatan_hint"));
    if (d.jabatan_total > static_cast<long long>(d.jabatan.size()))
        help_line(i18n::fill(T("ui.national.first_of"), {{"shown", i18n::format_int(static_cast<long long>(d.jabatan.size()))},
                                                         {"total", i18n::format_int(d.jabatan_total)}})
                      .c_str());
    const int nj = std::min<int>(g_shown.jabatan, static_cast<int>(d.jabatan.size()));
    if (compact) {
        for (int k = 0; k < nj; ++k) {
            const auto& j = d.jabatan[k];
            bold_words(j.name);
            text_words(std::string(T("ui.national.col.holders")) + " " + i18n::format_int(j.holders) + " \xC2\xB7 " +
                       T("ui.national.col.needed") + " " + i18n::format_int(j.needed_rounded));
            text_words(std::string(T("ui.national.col.shortage")) + " " + i18n::format_int(j.shortage) + " \xC2\xB7 " +
                       T("ui.national.col.surplus") + " " + i18n::format_int(j.surplus));
            ImGui::Separator();
        }
    } else if (ImGui::BeginTable("##nat-jab", 6, kDataTableFlags, ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(T("ui.national.col.jabatan"), 0, 2.4f);
        ImGui::TableSetupColumn(T("ui.national.col.positions"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.holders"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.needed"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.shortage"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.surplus"), 0, 0.8f);
        headers_row();
        for (int k = 0; k < nj; ++k) {
            const auto& j = d.jabatan[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(j.name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(i18n::format_int(j.positions).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(i18n::format_int(j.holders).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(i18n::format_int(j.needed_rounded).c_str());
            ImGui::TableNextColumn();
            text_colored(j.shortage > 0 ? status_color(abk::LoadStatus::over) : color::text, i18n::format_int(j.shortage).c_str());
            ImGui::TableNextColumn();
            text_colored(j.surplus > 0 ? status_color(abk::LoadStatus::under) : color::text, i18n::format_int(j.surplus).c_str());
        }
        ImGui::EndTable();
    }
    more_button("nat-jab-more", g_shown.jabatan, d.jabatan.size());
    end_panel();
}

// --- Mutasi -----------------------------------------------------------------------

using Counts = app::NationalCounts;

void counts_row(const std::string& label, const Counts& c, bool compact) {
    if (compact) {
        bold_words(label);
        text_words(std::string(T("ui.national.col.filed")) + " " + i18n::format_int(c.filed) + " \xC2\xB7 " +
                   T("ui.national.col.decided") + " " + i18n::format_int(c.decided) + " \xC2\xB7 " +
                   T("ui.national.col.rejected") + " " + i18n::format_int(c.rejected));
        ImGui::Separator();
        return;
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    text_words(label);
    for (long long n : {c.filed, c.decided, c.rejected}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(i18n::format_int(n).c_str());
    }
}

// A list of label → counts: a table on a desktop, blocks on a phone.
void counts_list(const char* id, const char* first, const std::vector<std::pair<std::string, Counts>>& rows, int& shown) {
    const bool compact = compact_layout();
    const int n = std::min<int>(shown, static_cast<int>(rows.size()));
    if (compact) {
        for (int k = 0; k < n; ++k) counts_row(rows[k].first, rows[k].second, true);
    } else if (ImGui::BeginTable(id, 4, kDataTableFlags, ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(first, 0, 2.0f);
        ImGui::TableSetupColumn(T("ui.national.col.filed"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.decided"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.rejected"), 0, 0.8f);
        headers_row();
        for (int k = 0; k < n; ++k) counts_row(rows[k].first, rows[k].second, false);
        ImGui::EndTable();
    }
    more_button((std::string(id) + "-more").c_str(), shown, rows.size());
}

// "2026-03" → "03-2026" / "Mar 2026" as the language writes months.
std::string month_label(const std::string& period) {
    if (period.size() != 7) return period;
    const int y = std::atoi(period.substr(0, 4).c_str()), m = std::atoi(period.substr(5, 2).c_str());
    const std::string d = i18n::format_date(Date{y, m, 1});  // "01-03-2026" / "1 Mar 2026"
    return i18n::current() == i18n::Lang::id ? d.substr(3) : d.substr(d.find(' ') + 1);
}

void draw_period_fields(app::App& a) {
    NationalView& v = a.national;
    const bool compact = compact_layout();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(T("ui.national.from"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130);
    ImGui::InputText("##nat-from", &v.from_text);
    ImGui::SameLine();
    ImGui::TextUnformatted(T("ui.national.to"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130);
    ImGui::InputText("##nat-to", &v.to_text);
    if (!compact) ImGui::SameLine();
    if (primary_button(std::string(T("ui.national.show")) + "##nat-moves-show")) {
        g_shown = {};
        v.export_offset = 0;
        app::national_refresh(a);
    }
    ImGui::SameLine();
    const std::string export_label = std::string(T(v.export_offset > 0 ? "ui.national.export_next" : "ui.national.export")) +
                                     "##nat-export";
    ImGui::BeginDisabled(v.exporting);
    if (ImGui::Button(export_label.c_str())) app::national_export(a);
    ImGui::EndDisabled();
    if (!v.period_error.empty()) colored_words(status_color(abk::LoadStatus::over), T(v.period_error));
    if (!v.export_message.empty()) help_line(T(v.export_message));
    help_line(T("ui.national.period_hint"));
}

void draw_transfers_tab(app::App& a) {
    NationalView& v = a.national;
    draw_period_fields(a);
    if (!answer_state(v.transfers)) return;
    const app::NationalTransfers& d = *v.transfers.data;
    begin_panel("nat-moves-total");
    subheading(T("ui.national.moves_title"));
    text_words(std::string(T("ui.national.col.filed")) + " " + i18n::format_int(d.filed) + " \xC2\xB7 " +
               T("ui.national.col.decided") + " " + i18n::format_int(d.decided) + " \xC2\xB7 " +
               T("ui.national.col.rejected") + " " + i18n::format_int(d.rejected));
    help_line(T("ui.national.hint.moves"));
    end_panel();
    std::vector<std::pair<std::string, Counts>> rows;
    for (const auto& [period, c] : d.per_month) rows.push_back({month_label(period), c});
    begin_panel("nat-months");
    subheading(T("ui.national.months_title"));
    if (rows.empty()) muted(T("ui.national.no_moves"));
    else counts_list("##nat-months-t", T("ui.national.col.month"), rows, g_shown.months);
    end_panel();
    rows.clear();
    for (const auto& [reason, c] : d.per_reason) rows.push_back({T("workflow.reason." + reason), c});
    for (const auto& [kind, c] : d.per_kind) rows.push_back({std::string(T("ui.national.kind")) + ": " + T("workflow.kind." + kind), c});
    if (!rows.empty()) {
        begin_panel("nat-reasons");
        subheading(T("ui.national.reasons_title"));
        int all = static_cast<int>(rows.size());
        counts_list("##nat-reasons-t", T("ui.national.col.reason"), rows, all);
        end_panel();
    }
    begin_panel("nat-moves-instansi");
    subheading(T("ui.national.instansi_title"));
    if (d.instansi_total > static_cast<long long>(d.instansi.size()))
        help_line(i18n::fill(T("ui.national.first_of"), {{"shown", i18n::format_int(static_cast<long long>(d.instansi.size()))},
                                                         {"total", i18n::format_int(d.instansi_total)}})
                      .c_str());
    if (d.instansi.empty()) muted(T("ui.national.no_moves"));
    const bool compact = compact_layout();
    const int n = std::min<int>(g_shown.moves, static_cast<int>(d.instansi.size()));
    if (compact) {
        for (int k = 0; k < n; ++k) {
            const auto& i = d.instansi[k];
            counts_row(i.name, {i.filed, i.decided, i.rejected}, true);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y);
            muted_words(std::string(T("ui.national.col.open")) + " " + i18n::format_int(i.open));
        }
    } else if (!d.instansi.empty() && ImGui::BeginTable("##nat-moves-inst", 5, kDataTableFlags, ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(T("ui.national.col.instansi"), 0, 2.2f);
        ImGui::TableSetupColumn(T("ui.national.col.filed"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.decided"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.rejected"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.national.col.open"), 0, 0.8f);
        headers_row();
        for (int k = 0; k < n; ++k) {
            const auto& i = d.instansi[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(i.province.empty() ? i.name : i.name + " (" + i.province + ")");
            for (long long x : {i.filed, i.decided, i.rejected, i.open}) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(i18n::format_int(x).c_str());
            }
        }
        ImGui::EndTable();
    }
    more_button("nat-moves-inst-more", g_shown.moves, d.instansi.size());
    end_panel();
}

// --- NIP ganda --------------------------------------------------------------------

void draw_claims_tab(app::App& a) {
    NationalView& v = a.national;
    help_line(T("ui.national.claims_hint"));
    if (small_button((std::string(T("ui.national.reload")) + "##nat-claims-reload").c_str())) app::national_refresh(a);
    if (!answer_state(v.claims)) return;
    const app::NationalClaims& d = *v.claims.data;
    begin_panel("nat-claims");
    subheading(i18n::fill(T("ui.national.claims_title"), {{"n", i18n::format_int(d.total)}}).c_str());
    if (d.claims.empty()) muted(T("ui.national.no_claims"));
    const int n = std::min<int>(g_shown.claims, static_cast<int>(d.claims.size()));
    for (int k = 0; k < n; ++k) {
        const auto& c = d.claims[k];
        ImGui::PushID(k);
        bold_words("NIP " + c.nip);
        if (c.in_flight) badge(T("ui.national.in_flight"), color::accent, color::info_bg);
        else badge(T("ui.national.unexplained"), status_color(abk::LoadStatus::over), status_bg(abk::LoadStatus::over));
        for (const auto& h : c.holders) {
            std::string line = "\xE2\x80\xA2 " + h.instansi_name + " \xC2\xB7 " + h.name + " \xC2\xB7 " + or_dash(h.office);
            if (!h.request_number.empty())
                line += " \xC2\xB7 " + h.request_number + " (" + T("workflow.status." + h.request_status) + ")";
            text_words(line);
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    more_button("nat-claims-more", g_shown.claims, d.claims.size());
    end_panel();
}

// --- Pertimbangan teknis -------------------------------------------------------------

// The outcome of a step BKN took (shown above the list), not a refusal.
bool advice_done(const std::string& key) {
    return key == "ui.national.advice_given" || key == "ui.national.returned" || key == "ui.national.rejected";
}

void draw_advice_tab(app::App& a) {
    NationalView& v = a.national;
    help_line(T("ui.national.advice_hint"));
    if (small_button((std::string(T("ui.national.reload")) + "##nat-advice-reload").c_str())) app::national_refresh(a);
    if (!answer_state(v.advice)) return;
    const app::NationalAdvice& d = *v.advice.data;
    if (d.requests.empty()) {
        begin_panel("nat-advice-none");
        muted(T("ui.national.advice_none"));
        end_panel();
    }
    if (advice_done(v.advice_message)) help_line(T(v.advice_message));
    if (d.total > static_cast<long long>(d.requests.size()))
        help_line(i18n::fill(T("ui.national.first_of"), {{"shown", i18n::format_int(static_cast<long long>(d.requests.size()))},
                                                         {"total", i18n::format_int(d.total)}})
                      .c_str());
    // A step is taken after the list is drawn: its answer may replace the list (a test's
    // platform answers at once), which the loop must not be walking then.
    std::optional<std::pair<std::string, NationalView::Step>> take, ask;
    for (const auto& r : d.requests) {
        ImGui::PushID(r.id.c_str());
        begin_panel("nat-advice");
        bold_words(r.number + " \xC2\xB7 " + r.name + " (NIP " + r.nip + ")");
        text_words(r.from_instansi + " \xE2\x86\x92 " + r.to_instansi + (r.to_office.empty() ? "" : " \xC2\xB7 " + r.to_office));
        text_words(std::string(T("ui.national.col.reason")) + ": " + T("workflow.reason." + r.reason) +
                   (r.explanation.empty() ? "" : " \xE2\x80\x94 " + r.explanation));
        muted_words(std::string(T("ui.national.advice_since")) + " " +
                    i18n::format_date(utc_date(r.status_ms / 1000 + 7 * 3600)));
        ImGui::TextUnformatted(T("ui.national.advice_note"));
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText(("##nat-advice-note-" + r.id).c_str(), &v.advice_notes[r.id]);
        // BKN's three outcomes at this state (shared/workflow/graph.cpp): advice, or
        // back to the proposing instansi for correction, or rejection — the last
        // two confirmed first. On a phone the buttons stack at full width.
        const bool phone = phone_layout();
        const ImVec2 size(phone ? -1.0f : 0.0f, phone ? touch_height(36) : 0.0f);
        ImGui::BeginDisabled(v.advising);
        if (primary_button(std::string(T("ui.national.advise")) + "##nat-advise-" + r.id, size))
            take = {r.id, NationalView::Step::advise};
        if (!phone) ImGui::SameLine(0, 16);
        if (ImGui::Button((std::string(T("ui.national.return")) + "##nat-return-" + r.id).c_str(), size))
            ask = {r.id, NationalView::Step::return_};
        if (!phone) ImGui::SameLine();
        if (ImGui::Button((std::string(T("ui.national.reject")) + "##nat-reject-" + r.id).c_str(), size))
            ask = {r.id, NationalView::Step::reject};
        ImGui::EndDisabled();
        if (v.confirm_for == r.id) {
            const bool back = v.confirm_step == NationalView::Step::return_;
            text_words(T(back ? "ui.national.return_confirm" : "ui.national.reject_confirm"));
            ImGui::BeginDisabled(v.advising);
            if (primary_button(std::string(T(back ? "ui.national.return_yes" : "ui.national.reject_yes")) +
                                   "##nat-confirm-yes-" + r.id,
                               size))
                take = {r.id, v.confirm_step};
            if (!phone) ImGui::SameLine();
            if (ImGui::Button((std::string(T("ui.cancel")) + "##nat-confirm-no-" + r.id).c_str(), size)) v.confirm_for.clear();
            ImGui::EndDisabled();
        }
        if (v.advice_for == r.id && !v.advice_message.empty() && !advice_done(v.advice_message))
            colored_words(status_color(abk::LoadStatus::over), T(v.advice_message));
        end_panel();
        ImGui::PopID();
    }
    if (ask) app::national_ask_confirm(a, ask->first, ask->second);
    if (take) app::national_advise(a, take->first, take->second);
}

}  // namespace

void draw_national(app::App& a) {
    NationalView& v = a.national;
    app::national_prepare(a);
    help_line(T("ui.national.intro"));
    if (!a.sync.online) {
        g_was_offline = true;
        begin_panel("nat-offline");
        subheading(T("ui.national.offline_title"));
        help_line(T("ui.national.offline"));
        end_panel();
        return;
    }
    // The first view is asked when the screen is first shown (a refusal is not
    // asked again by itself: "Tampilkan" does).
    if (g_was_offline || (v.tab == NationalView::Tab::abk && !v.abk.data && !v.abk.loading && v.abk.error.empty())) {
        g_was_offline = false;
        app::national_refresh(a);
    }
    struct TabItem {
        NationalView::Tab tab;
        const char* label;
    };
    const TabItem tabs[] = {{NationalView::Tab::abk, "ui.national.tab.abk"},
                            {NationalView::Tab::transfers, "ui.national.tab.transfers"},
                            {NationalView::Tab::claims, "ui.national.tab.claims"},
                            {NationalView::Tab::advice, "ui.national.tab.advice"}};
    for (const auto& t : tabs) {
        const std::string l = std::string(T(t.label)) + "##nat-tab-" + t.label;
        if (tab_button(l.c_str(), v.tab == t.tab) && v.tab != t.tab) {
            v.tab = t.tab;
            g_shown = {};
            // A tab asked before shows its answer; one never asked is asked now.
            const bool asked = t.tab == NationalView::Tab::abk         ? v.abk.data || v.abk.loading
                               : t.tab == NationalView::Tab::transfers ? v.transfers.data || v.transfers.loading
                               : t.tab == NationalView::Tab::claims    ? v.claims.data || v.claims.loading
                                                                       : v.advice.data || v.advice.loading;
            if (!asked) app::national_refresh(a);
        }
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Dummy(ImVec2(0, 4));
    switch (v.tab) {
        case NationalView::Tab::abk: draw_abk_tab(a); break;
        case NationalView::Tab::transfers: draw_transfers_tab(a); break;
        case NationalView::Tab::claims: draw_claims_tab(a); break;
        case NationalView::Tab::advice: draw_advice_tab(a); break;
    }
}

}  // namespace seimbang::ui
