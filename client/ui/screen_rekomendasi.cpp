// Rekomendasi: the rebalancing planner on this device's data (camat, BKPSDM,
// pusat). The form (office subtree, ABK year, weights explained in plain words,
// optional maximum of moves, managerial moves, pinned people), the run with its
// progress, then the answer: proven optimal or the gap, the figures before and
// after (each with its one-line meaning, also on hover), a chart of EJ per
// position before and after, the moves with their reasons and what-if buttons
// (drop, pin, add a move of one's own, "optimalkan sisanya"), the vacancies
// that stay and why, and "Jadikan usulan" (dinas requests in Usulan Mutasi).
// The work is in client/app/rekomendasi.cpp; on a phone everything stacks.
#include <algorithm>
#include <cmath>

#include "i18n/format.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "plan/reasons.h"
#include "ui/rekomendasi_parts.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {
namespace rekom {

void colored_wrapped(ImU32 c, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x - 16, 120.0f));
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void tooltip(const char* key) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T(key));
}

void figures_table(const char* id, const plan::Metrics& before, const plan::Metrics& after) {
    const bool narrow = compact_layout();
    if (!ImGui::BeginTable(id, narrow ? 3 : 4, kDataTableFlags)) return;
    ImGui::TableSetupColumn(T("rekom.metric.name"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(T("rekom.metric.before"), ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn(T("rekom.metric.after"), ImGuiTableColumnFlags_WidthFixed, 90);
    if (!narrow) ImGui::TableSetupColumn(T("rekom.metric.meaning"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableHeadersRow();
    for (const auto& r : app::figure_rows(before, after)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        text_words(T(r.name));
        tooltip(r.help);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.before.c_str());
        tooltip(r.help);
        ImGui::TableNextColumn();
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted(r.after.c_str());
        ImGui::PopFont();
        tooltip(r.help);
        if (!narrow) {
            ImGui::TableNextColumn();
            ImGui::PushTextWrapPos(0);
            muted(T(r.help));
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::EndTable();
}

}  // namespace rekom

namespace {
using rekom::colored_wrapped;
using rekom::tooltip;

using app::App;
using app::RekomPhase;

constexpr const char* kArrow = " \xE2\x86\x92 ";
constexpr size_t kChartRows = 150;  // positions drawn in the EJ chart at most

// Numbers as typed, read in the UI language's convention (like the ABK form).
struct FormText {
    bool loaded = false;
    std::string move_cost, request_bonus, fit_bonus, max_moves;
    std::string pin_search, employee_search, position_search;
};
FormText g_form;

void field_label(const char* key) {
    ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted(T(key));
    ImGui::PopFont();
}

// A weight typed as text; false when it does not read as a number ≥ 0.
bool weight_input(const char* id, const char* label_key, const char* help_key, std::string& text, double& out) {
    field_label(label_key);
    ImGui::SetNextItemWidth(compact_layout() ? -1 : 160);
    ImGui::InputText(id, &text);
    const auto v = i18n::parse_number(text);
    const bool ok = v.value && *v.value >= 0 && std::isfinite(*v.value);
    if (ok) out = *v.value;
    else text_colored(color::bad, T("rekom.error.weight"));
    help_line(T(help_key));
    return ok;
}

std::string ej_text(double ej) { return ej < 0 ? std::string(T("plan.reason.vacant")) : i18n::format_decimal(ej, 2); }

bool draw_form(App& a) {
    auto& s = a.rekom.settings;
    if (!g_form.loaded) {
        g_form.move_cost = i18n::format_number(s.move_cost, 3);
        g_form.request_bonus = i18n::format_number(s.request_bonus, 3);
        g_form.fit_bonus = i18n::format_number(s.fit_bonus, 3);
        g_form.max_moves = std::to_string(s.max_moves);
        g_form.loaded = true;
    }
    if (s.scope_office.empty() && a.login.session) s.scope_office = a.login.session->office_id;
    if (s.year == 0) s.year = a.workload.abk_year;
    const bool narrow = compact_layout();
    begin_panel("rekom-form");
    subheading(T("rekom.form.title"));
    field_label("rekom.form.scope");
    const Office* scope = a.workload.office(s.scope_office);
    ImGui::SetNextItemWidth(narrow ? -1 : 340);
    if (combo("##rekom-scope", scope ? scope->name.c_str() : T("ui.choose"), ImGuiComboFlags_HeightLarge)) {
        for (const Office* o : a.workload.scope_offices()) {
            if (o->archived) continue;
            const std::string l = o->name + "##rs" + o->id;
            if (ImGui::Selectable(l.c_str(), o->id == s.scope_office)) s.scope_office = o->id;
        }
        ImGui::EndCombo();
    }
    if (!narrow) ImGui::SameLine();
    ImGui::SetNextItemWidth(narrow ? -1 : 120);
    const std::string year = std::to_string(s.year);
    if (combo("##rekom-year", year.c_str())) {
        for (int y : a.workload.abk_years()) {
            const std::string l = std::to_string(y) + "##ry" + std::to_string(y);
            if (ImGui::Selectable(l.c_str(), y == s.year)) s.year = y;
        }
        ImGui::EndCombo();
    }
    help_line(T("rekom.form.scope_help"));
    ImGui::Dummy(ImVec2(0, 4));
    // The three weights side by side on wide screens (the result stays closer to the top).
    const bool columns = !narrow && ImGui::BeginTable("##rekom-weights", 3, ImGuiTableFlags_SizingStretchSame);
    if (columns) ImGui::TableNextColumn();
    bool ok = weight_input("##rekom-move-cost", "rekom.form.move_cost", "rekom.form.move_cost_help", g_form.move_cost,
                           s.move_cost);
    if (columns) ImGui::TableNextColumn();
    ok = weight_input("##rekom-request-bonus", "rekom.form.request_bonus", "rekom.form.request_bonus_help",
                      g_form.request_bonus, s.request_bonus) && ok;
    if (columns) ImGui::TableNextColumn();
    ok = weight_input("##rekom-fit-bonus", "rekom.form.fit_bonus", "rekom.form.fit_bonus_help", g_form.fit_bonus,
                      s.fit_bonus) && ok;
    if (columns) ImGui::EndTable();
    ImGui::Checkbox(L("rekom.form.limit_moves", "rekom-limit").c_str(), &s.limit_moves);
    if (s.limit_moves) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(100);
        ImGui::InputText("##rekom-max-moves", &g_form.max_moves, ImGuiInputTextFlags_CharsDecimal);
        const auto m = i18n::parse_number(g_form.max_moves);
        if (m.value && *m.value >= 0 && *m.value == std::floor(*m.value) && *m.value < 1e6) {
            s.max_moves = static_cast<int>(*m.value);
        } else {
            text_colored(color::bad, T("rekom.error.max_moves"));
            ok = false;
        }
    }
    help_line(T("rekom.form.limit_help"));
    ImGui::Checkbox(L("rekom.form.allow_managerial", "rekom-managerial").c_str(), &s.allow_managerial);
    help_line(T("rekom.form.allow_managerial_help"));

    // Pinned people: kept in place by every run and re-solve.
    field_label("rekom.form.pinned");
    for (size_t i = 0; i < s.pinned.size(); ++i) {
        const Employee* e = a.workload.employee(s.pinned[i]);
        ImGui::TextUnformatted((e ? e->name : s.pinned[i]).c_str());
        ImGui::SameLine();
        if (small_button((std::string(T("rekom.form.unpin")) + "##unpin" + s.pinned[i]).c_str())) {
            a.rekom_unpin(s.pinned[i]);
            break;
        }
    }
    ImGui::SetNextItemWidth(narrow ? -1 : 340);
    if (combo("##rekom-pin", T("rekom.form.pin_pick"), ImGuiComboFlags_HeightLarge)) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##rekom-pin-search", T("ui.employee.search_hint"), &g_form.pin_search);
        int listed = 0;
        for (const auto& e : a.workload.data.employees) {
            if (e.archived || !a.workload.in_scope(e.office_id)) continue;
            if (!g_form.pin_search.empty() && e.name.find(g_form.pin_search) == std::string::npos) continue;
            if (++listed > 200) break;
            if (ImGui::Selectable((e.name + "##pin" + e.id).c_str(), false)) a.rekom_pin(e.id);
        }
        ImGui::EndCombo();
    }
    help_line(T("rekom.form.pinned_help"));
    ImGui::Dummy(ImVec2(0, 6));
    const bool running = a.rekom.phase == RekomPhase::preparing || a.rekom.phase == RekomPhase::building ||
                         a.rekom.phase == RekomPhase::solving;
    ImGui::BeginDisabled(!ok || running);
    if (primary_button(L("rekom.run", "rekom-run"), ImVec2(narrow ? -1 : 220, 38))) a.rekom_run();
    ImGui::EndDisabled();
    if (running) {
        // Frames keep coming while the worker solves: the seconds count up and the run can be stopped.
        if (!narrow) ImGui::SameLine();
        if (ImGui::Button(L("rekom.cancel", "rekom-cancel").c_str(), ImVec2(narrow ? -1 : 0, touch_height(38)))) a.rekom_cancel();
        if (!narrow) ImGui::SameLine();
        const char* key = a.rekom.phase == RekomPhase::solving ? "rekom.progress.solving" : "rekom.progress.reading";
        const double seconds = std::max(0.0, a.platform.now_ms() - a.rekom.run_started_ms) / 1000.0;
        muted((std::string(T(key)) + " " + i18n::format_decimal(seconds, 1) + " " + T("rekom.progress.seconds")).c_str());
    }
    if (a.rekom.phase == RekomPhase::failed) {
        std::string msg = i18n::describe(a.rekom.issue, i18n::current());
        if (!a.rekom.issue.field.empty()) msg = a.rekom.issue.field + ": " + msg;
        colored_wrapped(color::bad, msg.c_str());
    }
    end_panel();
    return ok;
}

// Before / after with the meaning of each figure (on hover everywhere, as a
// third column on wide screens).
void draw_figures(App& a) {
    const auto& v = a.rekom;
    const bool narrow = compact_layout();
    begin_panel("rekom-figures");
    subheading(T("rekom.figures.title"));
    // Proven optimal, the gap, or edited by hand (then how far above the optimum).
    if (v.edited) {
        const double above = v.objective_now - v.plan.objective;
        std::string t = std::string(T("rekom.status.edited")) + " " + i18n::format_signed(above, 3);
        colored_wrapped(color::warn, t.c_str());
        tooltip("rekom.status.edited_help");
    } else if (v.plan.optimal) {
        colored_wrapped(color::ok, T("rekom.status.optimal"));
        tooltip("rekom.status.optimal_help");
    } else {
        std::string t = std::string(T("rekom.status.gap")) + " " + i18n::format_decimal(v.plan.gap, 3);
        colored_wrapped(color::warn, t.c_str());
        tooltip("rekom.status.gap_help");
    }
    {
        std::string t = std::string(T("rekom.status.moves")) + ": " + std::to_string(std::count_if(
                            v.moves.begin(), v.moves.end(), [](const app::RekomMove& m) { return !m.dropped; })) +
                        "  \xC2\xB7  " + T("rekom.status.objective") + ": " + i18n::format_decimal(v.objective_now, 3);
        muted(t.c_str());
        tooltip("rekom.status.objective_help");
    }
    rekom::figures_table("##rekom-metrics", v.before, v.now);
    if (narrow) help_line(T("rekom.figures.tap_help"));
    end_panel();
}

// EJ per position, before (grey) and after (coloured), on a scale to 2 with
// the balanced band 0.9–1.1 shaded and 1.0 marked. Clipped: thousands of rows stay smooth.
void draw_chart(App& a) {
    const auto& v = a.rekom;
    begin_panel("rekom-chart");
    subheading(T("rekom.chart.title"));
    help_line(T("rekom.chart.help"));
    std::vector<int> rows;
    for (size_t p = 0; p < v.inst.positions.size(); ++p)
        if (v.holders_before[p] > 0 || v.holders_now[p] > 0 || v.inst.needed(static_cast<int>(p)) > 0)
            rows.push_back(static_cast<int>(p));
    // A whole kota has thousands of positions: the chart keeps the ones furthest
    // from balance (before or after) so it stays readable, and says so.
    const size_t total = rows.size();
    if (rows.size() > kChartRows) {
        auto off = [&](int p) {
            const double n = v.inst.needed(p);
            const double eb = plan::ej(n, v.holders_before[static_cast<size_t>(p)]);
            const double ea = plan::ej(n, v.holders_now[static_cast<size_t>(p)]);
            return std::max(eb < 0 ? 9.0 : std::abs(eb - 1), ea < 0 ? 9.0 : std::abs(ea - 1));
        };
        std::stable_sort(rows.begin(), rows.end(), [&](int x, int y) { return off(x) > off(y); });
        rows.resize(kChartRows);
        std::sort(rows.begin(), rows.end());
        const std::string note = std::string(T("rekom.chart.top")) + " " + std::to_string(kChartRows) + " / " +
                                 std::to_string(total);
        muted(note.c_str());
    }
    const bool narrow = compact_layout();
    const float row_h = narrow ? 46.0f : 30.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float avail = ImGui::GetContentRegionAvail().x - 16;
    const float label_w = narrow ? avail : std::min(340.0f, avail * 0.42f);
    const float bar_x = narrow ? 0 : label_w + 8;
    const float bar_w = std::max(60.0f, (narrow ? avail : avail - label_w - 8) - 90);
    const float scale_max = 2.0f;
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()), row_h);
    while (clip.Step()) {
        for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
            const int p = rows[static_cast<size_t>(r)];
            const double n = v.inst.needed(p);
            const double eb = plan::ej(n, v.holders_before[static_cast<size_t>(p)]);
            const double ea = plan::ej(n, v.holders_now[static_cast<size_t>(p)]);
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            bool cut = false;
            const std::string label = one_line(v.inst.positions[static_cast<size_t>(p)].label(), label_w - 4, &cut);
            dl->AddText(ImVec2(pos.x, pos.y + 4), color::text, label.c_str());
            const float x0 = pos.x + bar_x;
            const float y0 = pos.y + (narrow ? 22.0f : 4.0f);
            auto xs = [&](double e) { return x0 + static_cast<float>(std::min(e, 2.0) / scale_max) * bar_w; };
            dl->AddRectFilled(ImVec2(xs(0.9), y0), ImVec2(xs(1.1), y0 + 20), color::ok_bg);
            dl->AddLine(ImVec2(xs(1.0), y0 - 2), ImVec2(xs(1.0), y0 + 22), color::muted);
            auto bar = [&](double e, float y, ImU32 c) {
                if (e < 0) {  // vacant with workload: no finite EJ
                    dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + bar_w, y + 8), color::bad_bg);
                    return;
                }
                dl->AddRectFilled(ImVec2(x0, y), ImVec2(std::max(x0 + 2, xs(e)), y + 8), c, 2);
            };
            bar(eb, y0 + 1, color::border);
            const ImU32 after_c = ea < 0 || ea > 1.2 ? color::bad : (ea >= 0.9 && ea <= 1.1 ? color::ok : color::accent);
            bar(ea, y0 + 11, after_c);
            const std::string fig = ej_text(eb) + kArrow + ej_text(ea);
            dl->AddText(ImVec2(x0 + bar_w + 6, y0 + 2), color::muted, fig.c_str());
            ImGui::Dummy(ImVec2(avail, row_h));
            if (ImGui::IsItemHovered()) {
                const std::string tip = v.inst.positions[static_cast<size_t>(p)].label() + ": EJ " + fig + " (" +
                                        T("rekom.chart.tip") + ")";
                ImGui::SetTooltip("%s", tip.c_str());
            }
        }
    }
    end_panel();
}

// On a phone (< 600 px) the moves are cards: the person, from, to, and what
// became of the move (dropped, manual, ticked); a tap opens the card's detail
// below it (the reason, the tick, drop and keep in place), one card at a time.
int g_detail_move = -1;          // the move whose detail is open (index into rekom.moves)
std::string g_detail_plan;       // ... in the plan with this key (another plan closes it)

void move_cards(App& a, size_t first, size_t last, std::string& pin_now) {
    auto& v = a.rekom;
    if (g_detail_plan != v.plan_key) g_detail_move = -1, g_detail_plan = v.plan_key;
    help_line(T("rekom.moves.tap_help"));
    for (size_t i = first; i < last; ++i) {
        auto& m = v.moves[i];
        const auto& e = v.inst.employees[static_cast<size_t>(m.employee)];
        const bool open = g_detail_move == static_cast<int>(i);
        const char* state = m.dropped ? "rekom.moves.dropped" : m.manual ? "rekom.moves.manual"
                            : m.selected ? "rekom.moves.selected" : nullptr;
        const ImU32 state_color = m.dropped ? color::muted : m.manual ? color::accent : color::ok;
        ImGui::PushID(static_cast<int>(i));
        if (record_card("##rekom-card-" + std::to_string(i),
                        {{e.name.empty() ? e.id : e.name, true, m.dropped, 0, state ? T(state) : "", state_color},
                         // (from and to wrap: the office at the end of the label is what tells moves apart)
                         {v.inst.positions[static_cast<size_t>(m.from)].label(), false, true, 0, {}, 0, 2},
                         {std::string(kArrow + 1) + v.inst.positions[static_cast<size_t>(m.to)].label(), false, false, 0, {}, 0, 2}},
                        open))
            g_detail_move = open ? -1 : static_cast<int>(i);
        if (open) {
            ImGui::Indent(8);
            help_line(a.rekom_reason(m).c_str());
            ImGui::BeginDisabled(m.dropped);
            ImGui::Checkbox((std::string(T("rekom.moves.select")) + "##rekom-sel-" + std::to_string(i)).c_str(), &m.selected);
            ImGui::EndDisabled();
            const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
            if (ImGui::Button(std::string(T(m.dropped ? "rekom.moves.restore" : "rekom.moves.drop")).append("##rekom-drop-").append(std::to_string(i)).c_str(),
                              ImVec2(w, touch_height(38))))
                a.rekom_drop(i, !m.dropped);
            ImGui::SameLine();
            if (ImGui::Button(std::string(T("rekom.moves.pin")).append("##rekom-pin-").append(std::to_string(i)).c_str(),
                              ImVec2(w, touch_height(38))))
                pin_now = e.id;
            ImGui::Unindent(8);
            ImGui::Spacing();
        }
        ImGui::PopID();
    }
}

void draw_moves(App& a) {
    auto& v = a.rekom;
    const bool narrow = compact_layout();
    begin_panel("rekom-moves");
    subheading(T("rekom.moves.title"));
    help_line(T("rekom.moves.help"));
    if (v.moves.empty()) muted(T("rekom.moves.none"));
    if (!v.moves.empty()) {
        if (small_button(L("rekom.moves.select_all", "rekom-select-all").c_str()))
            for (auto& m : v.moves) m.selected = true;
        ImGui::SameLine();
        if (small_button(L("rekom.moves.select_none", "rekom-select-none").c_str()))
            for (auto& m : v.moves) m.selected = false;
    }
    // Thousands of moves at Kota scale: one page at a time keeps every frame short.
    const int per_page = app::RekomView::kMovesPerPage;
    const int pages = std::max(1, static_cast<int>((v.moves.size() + per_page - 1) / per_page));
    v.page = std::clamp(v.page, 0, pages - 1);
    if (pages > 1) {
        ImGui::BeginDisabled(v.page == 0);
        if (small_button(L("rekom.moves.prev", "rekom-page-prev").c_str())) --v.page;
        ImGui::EndDisabled();
        ImGui::SameLine();
        const std::string where = std::to_string(v.page * per_page + 1) + "\xE2\x80\x93" +
                                  std::to_string(std::min<size_t>(v.moves.size(), static_cast<size_t>((v.page + 1) * per_page))) +
                                  " / " + std::to_string(v.moves.size());
        ImGui::TextUnformatted(where.c_str());
        ImGui::SameLine();
        ImGui::BeginDisabled(v.page + 1 >= pages);
        if (small_button(L("rekom.moves.next", "rekom-page-next").c_str())) ++v.page;
        ImGui::EndDisabled();
    }
    std::string pin_now;
    const size_t first = static_cast<size_t>(v.page * per_page);
    const size_t last = std::min(v.moves.size(), first + static_cast<size_t>(per_page));
    if (phone_layout()) {
        move_cards(a, first, last, pin_now);
        if (!pin_now.empty()) a.rekom_pin(pin_now);
        end_panel();
        return;
    }
    for (size_t i = first; i < last; ++i) {
        auto& m = v.moves[i];
        const auto& e = v.inst.employees[static_cast<size_t>(m.employee)];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        ImGui::BeginDisabled(m.dropped);
        ImGui::Checkbox(("##rekom-sel-" + std::to_string(i)).c_str(), &m.selected);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", T("rekom.moves.select_help"));
        ImGui::SameLine();
        ImGui::PushFont(fonts().bold);
        ImGui::TextUnformatted((e.name.empty() ? e.id : e.name).c_str());
        ImGui::PopFont();
        if (m.manual) {
            ImGui::SameLine();
            badge(T("rekom.moves.manual"), color::accent, color::info_bg);
        }
        if (m.dropped) {
            ImGui::SameLine();
            badge(T("rekom.moves.dropped"), color::muted, color::page);
        }
        const std::string path = v.inst.positions[static_cast<size_t>(m.from)].label() + kArrow +
                                 v.inst.positions[static_cast<size_t>(m.to)].label();
        // Wrapped short of the panel's right padding (long office names).
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x - 16, 120.0f));
        ImGui::TextUnformatted(path.c_str());
        ImGui::PopTextWrapPos();
        help_line(a.rekom_reason(m).c_str());
        if (small_button(std::string(T(m.dropped ? "rekom.moves.restore" : "rekom.moves.drop")).append("##rekom-drop-").append(std::to_string(i)).c_str()))
            a.rekom_drop(i, !m.dropped);
        ImGui::SameLine();
        if (small_button(std::string(T("rekom.moves.pin")).append("##rekom-pin-").append(std::to_string(i)).c_str()))
            pin_now = e.id;
        ImGui::PopID();
    }
    if (!pin_now.empty()) a.rekom_pin(pin_now);
    (void)narrow;
    end_panel();
}

void draw_manual(App& a) {
    auto& v = a.rekom;
    const bool narrow = compact_layout();
    begin_panel("rekom-manual");
    subheading(T("rekom.manual.title"));
    help_line(T("rekom.manual.help"));
    const int me = [&] {
        for (size_t i = 0; i < v.inst.employees.size(); ++i)
            if (v.inst.employees[i].id == v.manual_employee) return static_cast<int>(i);
        return -1;
    }();
    ImGui::SetNextItemWidth(narrow ? -1 : 300);
    if (combo("##rekom-manual-employee", me >= 0 ? v.inst.employees[static_cast<size_t>(me)].name.c_str() : T("rekom.manual.employee"),
              ImGuiComboFlags_HeightLarge)) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##rekom-me-search", T("ui.employee.search_hint"), &g_form.employee_search);
        int listed = 0;
        for (const auto& e : v.inst.employees) {
            if (!e.movable) continue;
            if (!g_form.employee_search.empty() && e.name.find(g_form.employee_search) == std::string::npos) continue;
            if (++listed > 200) break;
            if (ImGui::Selectable((e.name + "##me" + e.id).c_str(), e.id == v.manual_employee)) v.manual_employee = e.id;
        }
        ImGui::EndCombo();
    }
    if (!narrow) ImGui::SameLine();
    const int mp = [&] {
        for (size_t i = 0; i < v.inst.positions.size(); ++i)
            if (v.inst.positions[i].id == v.manual_position) return static_cast<int>(i);
        return -1;
    }();
    ImGui::SetNextItemWidth(narrow ? -1 : 340);
    if (combo("##rekom-manual-position", mp >= 0 ? v.inst.positions[static_cast<size_t>(mp)].label().c_str() : T("rekom.manual.position"),
              ImGuiComboFlags_HeightLarge)) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##rekom-mp-search", T("rekom.manual.position_search"), &g_form.position_search);
        int listed = 0;
        for (const auto& p : v.inst.positions) {
            if (!g_form.position_search.empty() && p.label().find(g_form.position_search) == std::string::npos) continue;
            if (++listed > 200) break;
            if (ImGui::Selectable((p.label() + "##mp" + p.id).c_str(), p.id == v.manual_position)) v.manual_position = p.id;
        }
        ImGui::EndCombo();
    }
    if (!narrow) ImGui::SameLine();
    if (ImGui::Button(L("rekom.manual.add", "rekom-manual-add").c_str())) a.rekom_add_move();
    for (const auto& issue : v.manual_check.issues) colored_wrapped(color::bad, i18n::describe(issue, i18n::current()).c_str());
    end_panel();
}

void draw_unfilled(App& a) {
    const auto& v = a.rekom;
    if (v.plan.unfilled.empty()) return;
    begin_panel("rekom-unfilled");
    subheading(T("rekom.unfilled.title"));
    for (const auto& u : v.plan.unfilled) {
        if (v.holders_now[static_cast<size_t>(u.position)] > 0) continue;  // filled by a manual move
        ImGui::PushFont(fonts().bold);
        text_words(v.inst.positions[static_cast<size_t>(u.position)].label());
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::muted));
        text_words(plan::unfilled_reason(u, i18n::current()));
        ImGui::PopStyleColor();
    }
    end_panel();
}

void draw_actions(App& a) {
    auto& v = a.rekom;
    const bool narrow = compact_layout();
    begin_panel("rekom-actions");
    int chosen = 0;
    for (const auto& m : v.moves) chosen += !m.dropped && m.selected;
    if (ImGui::Button(L("rekom.reoptimise", "rekom-reoptimise").c_str(), ImVec2(narrow ? -1 : 0, touch_height(38)))) a.rekom_reoptimise();
    help_line(T("rekom.reoptimise_help"));
    ImGui::BeginDisabled(chosen == 0);
    const std::string adopt = std::string(T("rekom.adopt")) + " (" + std::to_string(chosen) + ")###rekom-adopt";
    if (primary_button(adopt, ImVec2(narrow ? -1 : 260, 38))) a.rekom_adopt();
    ImGui::EndDisabled();
    help_line(T("rekom.adopt_help"));
    if (v.adopted_new > 0 || v.adopted_existing > 0) {
        const std::string t = std::string(T("rekom.adopt.created")) + ": " + std::to_string(v.adopted_new) + "  \xC2\xB7  " +
                              T("rekom.adopt.existing") + ": " + std::to_string(v.adopted_existing);
        text_colored(color::ok, t.c_str());
    }
    for (const auto& issue : v.adopt_check.issues) {
        const std::string t = issue.field + ": " + i18n::describe(issue, i18n::current());
        colored_wrapped(color::bad, t.c_str());
    }
    end_panel();
}

}  // namespace

void draw_rekomendasi(App& a) {
    help_line(T("rekom.intro"));
    if (!a.can_plan()) {
        muted(T("rekom.error.forbidden"));
        return;
    }
    draw_form(a);
    static RekomPhase shown = RekomPhase::idle;
    const bool just_done = a.rekom.phase == RekomPhase::done && shown != RekomPhase::done;
    shown = a.rekom.phase;
    if (a.rekom.phase == RekomPhase::done) {
        // On a phone the form fills several screens: show the answer after "Hitung".
        if (just_done && compact_layout()) ImGui::SetScrollHereY(0.0f);
        // What a camat acts on first: the figures, the buttons, saving, the moves;
        // then the chart, adding a move, and the vacancies that stay.
        draw_figures(a);
        draw_actions(a);
        draw_rekomendasi_saved(a);  // save this plan; the saved ones, open, compare (a few rows)
        draw_moves(a);
        draw_manual(a);
        draw_chart(a);
        draw_unfilled(a);
    } else {
        draw_rekomendasi_saved(a);  // saved plans can be read before computing a new one
    }
}

}  // namespace seimbang::ui
