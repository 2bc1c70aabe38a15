// Evaluasi: is workload more even after the transfers? From the balance
// snapshots synced to this device (client/app/evaluation.h), so it works
// offline: the trend of one office across periods (bars, one per period), the
// figures per period, which offices below it improved or got worse between the
// last two periods, and the balance before and after each batch of decided
// moves. Every figure has a help line (docs/EVALUATION.md has the formulas).
#include <algorithm>
#include <cmath>

#include "app/evaluation.h"
#include "imgui.h"
#include "ui/locator.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace seimbang::ui {

namespace {

using eval::OfficeSnapshot;

// The data is read again when the screen is entered and after each sync.
struct View {
    app::EvaluationData data;
    long long loaded_sync = -1;
    int last_frame = -10;
    std::string office;  // selected office
    int metric = 0;
    std::string download;  // string-table key of the last download's outcome
    app::OfficePositions positions;  // of `office`, read when the office or the data changes
    bool positions_stale = true;
};
View g_view;

enum Metric { kCv, kBalanced, kSumSq, kEu, kMetrics };
const char* metric_key(int m) {
    switch (m) {
        case kCv: return "ui.eval.metric.cv";
        case kBalanced: return "ui.eval.metric.balanced";
        case kSumSq: return "ui.eval.metric.sum_sq";
        default: return "ui.eval.metric.eu";
    }
}
const char* metric_hint(int m) {
    switch (m) {
        case kCv: return "ui.eval.hint.cv";
        case kBalanced: return "ui.eval.hint.balanced";
        case kSumSq: return "ui.eval.hint.sum_sq";
        default: return "ui.eval.hint.eu";
    }
}
double metric_value(const OfficeSnapshot& s, int m) {
    switch (m) {
        case kCv: return s.balance.ej_cv;
        case kBalanced: return s.balance.share_balanced * 100;
        case kSumSq: return s.balance.sum_sq;
        default: return s.balance.eu.value_or(0);
    }
}
std::string metric_text(const OfficeSnapshot& s, int m) {
    switch (m) {
        case kCv: return i18n::format_decimal(s.balance.ej_cv, 2);
        case kBalanced: return i18n::format_decimal(s.balance.share_balanced * 100, 0) + " %";
        case kSumSq: return i18n::format_decimal(s.balance.sum_sq, 1);
        default: return s.balance.eu ? i18n::format_decimal(*s.balance.eu, 2) : "-";
    }
}
// Lower is better for CV and the sum of squares; higher for the share; EU is
// best near 1.
bool lower_is_better(int m) { return m == kCv || m == kSumSq; }

void change_badge(app::Change c) {
    const ImU32 fg = c == app::Change::better ? status_color(abk::LoadStatus::balanced)
                     : c == app::Change::worse ? status_color(abk::LoadStatus::over)
                                               : color::muted;
    const ImU32 bg = c == app::Change::better ? status_bg(abk::LoadStatus::balanced)
                     : c == app::Change::worse ? status_bg(abk::LoadStatus::over)
                                               : color::rgb(0xEEF1F4);
    badge(T(eval::change_key(c)), fg, bg);
}

std::string period_label(const OfficeSnapshot& s) {
    return s.period + (s.closed ? "" : std::string(" (") + T("ui.eval.running") + ")");
}

void draw_office_picker(app::App& a, View& v) {
    const app::OfficeTrend* cur = v.data.office(v.office);
    ImGui::SetNextItemWidth(std::min(420.0f, ImGui::GetContentRegionAvail().x - 8));
    if (combo("##eval-office", cur ? cur->office_name.c_str() : T("ui.eval.pick_office"))) {
        for (const auto& o : v.data.offices) {
            if (!a.workload.in_scope(o.office_id)) continue;
            const std::string l = o.office_name + "##eval-office-" + o.office_id;
            if (ImGui::Selectable(l.c_str(), o.office_id == v.office)) v.office = o.office_id;
        }
        ImGui::EndCombo();
    }
}

// Horizontal bars, one per period (phones and desktops alike), value at the end.
void draw_trend(const app::OfficeTrend& o, View& v) {
    subheading(T("ui.eval.trend_title"));
    ImGui::SetNextItemWidth(std::min(300.0f, ImGui::GetContentRegionAvail().x - 8));
    if (combo("##eval-metric", T(metric_key(v.metric)))) {
        for (int m = 0; m < kMetrics; ++m) {
            const std::string l = std::string(T(metric_key(m))) + "##eval-metric-" + std::to_string(m);
            if (ImGui::Selectable(l.c_str(), m == v.metric)) v.metric = m;
        }
        ImGui::EndCombo();
    }
    help_line(T(metric_hint(v.metric)));
    double maxv = v.metric == kBalanced ? 100 : 0;
    for (const auto& s : o.periods) maxv = std::max(maxv, metric_value(s, v.metric));
    if (maxv <= 0) maxv = 1;
    const float avail = ImGui::GetContentRegionAvail().x - 16;
    // A phone shows the bare period id (the pale bar says it is running).
    auto label_of = [](const OfficeSnapshot& s) { return compact_layout() || s.closed ? s.period : period_label(s); };
    float label_w = 0;
    for (const auto& s : o.periods) label_w = std::max(label_w, ImGui::CalcTextSize(label_of(s).c_str()).x + 12);
    const float value_w = ImGui::CalcTextSize("100 %").x + 14;
    const float bar_w = std::max(60.0f, avail - label_w - value_w);
    const OfficeSnapshot* prev = nullptr;
    for (const auto& s : o.periods) {
        const double val = metric_value(s, v.metric);
        // Bar colour: better than the period before green, worse red, else the accent.
        ImU32 c = color::accent;
        if (prev) {
            const double d = val - metric_value(*prev, v.metric);
            const bool better = lower_is_better(v.metric) ? d < -1e-9 : d > 1e-9;
            const bool worse = lower_is_better(v.metric) ? d > 1e-9 : d < -1e-9;
            if (v.metric != kEu) c = better ? status_color(abk::LoadStatus::balanced)
                                     : worse ? status_color(abk::LoadStatus::over)
                                             : color::accent;
        }
        if (!s.closed) c = (c & 0x00FFFFFF) | 0x90000000;  // the running period, lighter
        const float y = ImGui::GetCursorScreenPos().y;
        const float x0 = trend_bar_row("eval-bar-" + s.period, label_of(s), label_w, bar_w, value_w, val / maxv,
                                       metric_text(s, v.metric), c,
                                       period_label(s) + ": " + T(metric_key(v.metric)) + " " + metric_text(s, v.metric));
        if (v.metric == kEu) {  // the reference line at EU 1
            const float x1 = x0 + static_cast<float>(1.0 / maxv) * bar_w;
            ImGui::GetWindowDrawList()->AddLine(ImVec2(x1, y + 2), ImVec2(x1, y + touch_height(kTrendRowHeight) - 2), color::muted, 1.5f);
        }
        prev = &s;
    }
    if (std::any_of(o.periods.begin(), o.periods.end(), [](const OfficeSnapshot& s) { return !s.closed; }))
        help_line(T("ui.eval.hint.running"));
}

// The figures of every period: all columns on a desktop, the essential ones on a phone.
void draw_period_table(const app::OfficeTrend& o) {
    subheading(T("ui.eval.table_title"));
    const bool compact = compact_layout();
    const int cols = compact ? 4 : 8;
    if (ImGui::BeginTable("##eval-periods", cols, kDataTableFlags, ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(T("ui.eval.col.period"), 0, compact ? 1.0f : 1.3f);
        if (!compact) ImGui::TableSetupColumn(T("ui.eval.col.eu"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.eval.col.cv"), 0, 0.8f);
        ImGui::TableSetupColumn(T("ui.eval.col.balanced"), 0, compact ? 1.1f : 0.9f);
        ImGui::TableSetupColumn(T("ui.eval.col.over"), 0, 0.8f);
        if (!compact) {
            ImGui::TableSetupColumn(T("ui.eval.col.short_surplus"), 0, 1.0f);
            ImGui::TableSetupColumn(T("ui.eval.col.sum_sq"), 0, 1.0f);
            ImGui::TableSetupColumn(T("ui.eval.col.moves"), 0, 1.4f);
        }
        headers_row();
        for (auto it = o.periods.rbegin(); it != o.periods.rend(); ++it) {
            const auto& s = *it;
            const auto& b = s.balance;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(compact ? s.period : period_label(s));
            if (!compact) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(b.eu ? i18n::format_decimal(*b.eu, 2).c_str() : "-");
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(i18n::format_decimal(b.ej_cv, 2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((i18n::format_decimal(b.share_balanced * 100, 0) + " %").c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(i18n::format_int(b.overloaded).c_str());
            if (!compact) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted((i18n::format_int(b.positions_short) + " / " + i18n::format_int(b.positions_surplus)).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(i18n::format_decimal(b.sum_sq, 1).c_str());
                ImGui::TableNextColumn();
                std::string mv = i18n::format_int(s.moves.decided);
                if (s.moves.median_days)
                    mv += " · " + i18n::format_decimal(*s.moves.median_days, 0) + " " + T("ui.eval.days");
                text_words(mv);
            }
        }
        ImGui::EndTable();
    }
    if (!compact) help_line(T("ui.eval.hint.eu"));
    help_line(T("ui.eval.hint.cv"));
    help_line(T("ui.eval.hint.balanced"));
    help_line(T("ui.eval.hint.over"));
    if (!compact) {
        help_line(T("ui.eval.hint.short_surplus"));
        help_line(T("ui.eval.hint.sum_sq"));
        help_line(T("ui.eval.hint.moves"));
    }
}

std::string from_to(double before, double after, int decimals, const char* unit = "") {
    return i18n::format_decimal(before, decimals) + unit + " \xE2\x86\x92 " + i18n::format_decimal(after, decimals) + unit;
}

// The office's own positions across periods: need and holders of the latest
// period, EJ per period (a phone: the last two), PJ grade of the latest.
void draw_positions(app::App& a, const app::OfficePositions& op) {
    subheading(T("ui.eval.positions_title"));
    if (op.positions.empty()) {
        help_line(T("ui.eval.no_positions"));
        return;
    }
    const bool compact = compact_layout();
    const size_t n = op.periods.size();
    // A phone: the position, "holders / need" in one column and the latest EJ only,
    // so names keep their words; a desktop: need, holders, the last four periods' EJ, PJ.
    const size_t shown = compact ? 1 : std::min<size_t>(n, 4);
    const size_t first = n - shown;
    const int cols = (compact ? 2 : 3) + static_cast<int>(shown) + (compact ? 0 : 1);
    if (phone_layout()) {
        // A card per position: name; holders / need of the latest period and its
        // EJ in the status colour (or vacant).
        for (size_t i = 0; i < op.positions.size(); ++i) {
            const auto& p = op.positions[i];
            const eval::PositionFigures* last = p.at[n - 1];
            CardLine figures{std::string(T("ui.col.bk")) + " " +
                                 (last ? i18n::format_int(last->holders) + " / " + i18n::format_decimal(last->needed, 2) : "-"),
                             false, true};
            figures.right = "EJ " + op.periods[n - 1].period + " ";
            figures.right_color = color::muted;
            if (last && last->ej) {
                figures.right += i18n::format_decimal(*last->ej, 2);
                figures.right_color = status_color(abk::load_status(last->ej, a.workload.data.settings));
            } else if (last && last->needed > 0) {
                figures.right = T("ui.eval.vacant");
                figures.right_color = status_color(abk::LoadStatus::over);
            } else {
                figures.right += "-";
            }
            record_card("##eval-pos-" + std::to_string(i), {{p.name, true}, figures});
        }
    } else if (ImGui::BeginTable("##eval-positions", cols, kDataTableFlags, ImVec2(0, 0))) {
        ImGui::TableSetupColumn(T("ui.col.position"), 0, compact ? 2.2f : 3.0f);
        if (compact) {
            ImGui::TableSetupColumn(T("ui.eval.col.holders_needed"), 0, 1.1f);
        } else {
            ImGui::TableSetupColumn(T("ui.eval.col.needed"), 0, 0.9f);
            ImGui::TableSetupColumn(T("ui.eval.col.holders"), 0, 0.9f);
        }
        for (size_t k = first; k < n; ++k) {
            const std::string h = std::string("EJ ") + op.periods[k].period;
            ImGui::TableSetupColumn(h.c_str(), 0, 0.9f);
        }
        if (!compact) ImGui::TableSetupColumn(T("report.col.pj"), 0, 0.5f);
        headers_row();
        for (const auto& p : op.positions) {
            const eval::PositionFigures* last = p.at[n - 1];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(p.name);
            ImGui::TableNextColumn();
            if (compact) {
                text_words(last ? i18n::format_int(last->holders) + " / " + i18n::format_decimal(last->needed, 2) : "-");
            } else {
                ImGui::TextUnformatted(last ? i18n::format_decimal(last->needed, 2).c_str() : "-");
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(last ? i18n::format_int(last->holders).c_str() : "-");
            }
            for (size_t k = first; k < n; ++k) {
                ImGui::TableNextColumn();
                const eval::PositionFigures* f = p.at[k];
                if (!f) {
                    muted("-");
                } else if (!f->ej) {
                    // A vacant post with work is overloaded; without work there is nothing to say.
                    if (f->needed > 0) text_colored(status_color(abk::LoadStatus::over), T("ui.eval.vacant"));
                    else muted("-");
                } else {
                    text_colored(status_color(abk::load_status(f->ej, a.workload.data.settings)),
                                 i18n::format_decimal(*f->ej, 2).c_str());
                }
            }
            if (!compact) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(last && !last->pj.empty() ? last->pj.c_str() : "-");
            }
        }
        ImGui::EndTable();
    }
    help_line(T("ui.eval.hint.positions"));
}

void draw_comparison(const app::EvaluationData& d, const app::OfficeTrend& o) {
    const auto rows = app::compare_children(d, o.office_id);
    if (rows.empty()) return;
    subheading(T("ui.eval.compare_title"));
    const std::string between = std::string(T("ui.eval.between")) + " " + o.periods[o.periods.size() - 2].period +
                                " \xE2\x86\x92 " + o.periods.back().period;
    help_line(between.c_str());
    const bool compact = compact_layout();
    if (ImGui::BeginTable("##eval-compare", compact ? 3 : 4, kDataTableFlags, ImVec2(-16, 0))) {
        ImGui::TableSetupColumn(T("ui.col.office"), 0, 1.6f);
        ImGui::TableSetupColumn(T("ui.eval.col.cv"), 0, 1.2f);
        if (!compact) ImGui::TableSetupColumn(T("ui.eval.col.balanced"), 0, 1.2f);
        ImGui::TableSetupColumn(T("ui.eval.col.change"), 0, 1.0f);
        headers_row();
        for (const auto& c : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_words(c.office_name);
            ImGui::TableNextColumn();
            text_words(c.before && c.after ? from_to(c.before->balance.ej_cv, c.after->balance.ej_cv, 2) : "-");
            if (!compact) {
                ImGui::TableNextColumn();
                text_words(c.before && c.after ? from_to(c.before->balance.share_balanced * 100,
                                                         c.after->balance.share_balanced * 100, 0, " %")
                                               : "-");
            }
            ImGui::TableNextColumn();
            change_badge(c.change);
        }
        ImGui::EndTable();
    }
    help_line(T("ui.eval.hint.change"));
}

void draw_batches(const app::EvaluationData& d, const app::OfficeTrend& o) {
    subheading(T("ui.eval.batches_title"));
    const auto rows = app::batch_effects(d, o.office_id);
    if (rows.empty()) {
        help_line(T("ui.eval.no_batches"));
        return;
    }
    for (const auto& b : rows) {
        std::string head = b.period + " · " + i18n::format_int(b.decided) + " " + T("ui.eval.moves_decided");
        ImGui::PushFont(fonts().bold);
        text_words(head);
        ImGui::PopFont();
        if (b.before) {
            const std::string cv = std::string(T("ui.eval.col.cv")) + ": " +
                                   from_to(b.before->balance.ej_cv, b.after->balance.ej_cv, 2);
            const std::string sq = std::string(T("ui.eval.col.sum_sq")) + ": " +
                                   from_to(b.before->balance.sum_sq, b.after->balance.sum_sq, 1);
            text_words(cv);
            text_words(sq);
            change_badge(b.change);
        } else {
            help_line(T("ui.eval.no_before"));
        }
        ImGui::Dummy(ImVec2(0, 6));
    }
    help_line(T("ui.eval.hint.batches"));
}

}  // namespace

void draw_evaluation(app::App& a) {
    View& v = g_view;
    // Entered again (the previous frame drew another screen) or synced since: read again.
    if (v.last_frame != a.frame - 1 || v.loaded_sync != a.sync.view.last_ok_unix) {
        v.data = app::load_evaluation(a.local->db());
        v.loaded_sync = a.sync.view.last_ok_unix;
        v.positions_stale = true;
    }
    v.last_frame = a.frame;
    if ((v.office.empty() || !v.data.office(v.office)) && a.login.session) v.office = a.login.session->office_id;
    help_line(T("ui.eval.intro"));
    if (v.data.periods.empty()) {
        begin_panel("eval-empty");
        subheading(T("ui.eval.none_title"));
        help_line(T("ui.eval.none"));
        end_panel();
        return;
    }
    draw_office_picker(a, v);
    const app::OfficeTrend* o = v.data.office(v.office);
    if (!o || !a.workload.in_scope(o->office_id)) {
        muted(T("ui.eval.pick_office"));
        return;
    }
    // "Unduh": the latest period of this office (the server's XLSX online, a CSV offline).
    if (!o->periods.empty()) {
        const std::string period = o->periods.back().period;
        if (ImGui::Button((std::string(T("ui.eval.download")) + " " + period + "##eval-download").c_str()))
            app::download_evaluation(a, o->office_id, period, [](const std::string& key) { g_view.download = key; });
        ImGui::SameLine();
        if (ImGui::Button((std::string(T("ui.print.button")) + "##eval-print").c_str()))
            app::print_evaluation(a, o->office_id, period, [](const std::string& key) { g_view.download = key; });
        help_line(T(v.download.empty() ? "ui.eval.download_hint" : v.download.c_str()));
    }
    begin_panel("eval-trend");
    draw_trend(*o, v);
    end_panel();
    begin_panel("eval-table");
    draw_period_table(*o);
    end_panel();
    if (!app::compare_children(v.data, o->office_id).empty()) {
        begin_panel("eval-compare");
        draw_comparison(v.data, *o);
        end_panel();
    }
    begin_panel("eval-batches");
    draw_batches(v.data, *o);
    end_panel();
    if (v.positions_stale || v.positions.office_id != o->office_id) {
        v.positions = app::load_office_positions(a.local->db(), v.data, o->office_id);
        v.positions_stale = false;
    }
    begin_panel("eval-positions");
    draw_positions(a, v.positions);
    end_panel();
    if (v.data.other_length_rows > 0) help_line(T("ui.eval.other_length"));
}

}  // namespace seimbang::ui
