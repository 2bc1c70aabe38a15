// Survei Kepuasan Pegawai (docs/SURVEY.md): answering (own login or a kiosk
// with one-time codes) and, for roles that read them, the results the server
// sent under the k rule: index and category per facet, response rate, and
// satisfaction beside workload (EJ) per office. Phone layout first: one column,
// one statement per block, five large choices under it.
#include <algorithm>
#include <cstdio>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "i18n/format.h"
#include "screens.h"
#include "survey/results.h"
#include "theme.h"
#include "widgets.h"
#include "workflow/sync_commands.h"

namespace seimbang::ui {

namespace {

using nlohmann::json;

const survey::Campaign* selected(const app::App& a) {
    for (const auto& c : a.surveys.campaigns)
        if (c.id == a.surveys.selected_id) return &c;
    return nullptr;
}

std::string with_k(const char* text, int k) { return i18n::fill(text, {{"k", std::to_string(k)}}); }

std::string dates(const survey::Campaign& c) {
    auto d = [](const std::string& iso) {
        auto x = parse_iso_date(iso);
        return x ? i18n::format_date(*x) : iso;
    };
    return d(c.opens) + " \xE2\x80\x93 " + d(c.closes);
}

void draw_form(app::App& a, const survey::Campaign& c) {
    auto& v = a.surveys;
    const i18n::Lang lang = i18n::current();
    begin_panel("survey-form");
    if (v.kiosk) {
        subheading(T("survey.ui.kiosk_title"));
        text_words(T("survey.ui.kiosk_intro"));
        ImGui::TextUnformatted(T("survey.ui.code"));
        ImGui::SetNextItemWidth(compact_layout() ? -1 : 220);
        ImGui::InputText("##survey-code", &v.code, ImGuiInputTextFlags_CharsUppercase);
        field_issues(v.check, "code", true);
    } else {
        text_words(T("survey.ui.anonymous_note"));
    }
    ImGui::Dummy(ImVec2(0, 6));
    muted(T("survey.ui.scale_legend"));
    end_panel();

    int n = 0;
    const bool compact = compact_layout();
    for (const auto& f : c.instrument.facets) {
        begin_panel(("survey-facet-" + f.id).c_str());
        subheading(survey::name(f, lang).c_str());
        for (const auto& item : f.items) {
            const size_t k = static_cast<size_t>(n);
            ImGui::Dummy(ImVec2(0, 4));
            text_words(std::to_string(n + 1) + ". " + survey::text(item, lang));
            const bool missing = v.check.first_error() && v.check.first_error()->field == "scores" && v.scores[k] == 0;
            // Five large choices: on a phone each is a fifth of the width.
            const float w = compact ? (ImGui::GetContentRegionAvail().x - 4 * 6) / 5 : 64;
            for (int s = 1; s <= 5; ++s) {
                if (s > 1) ImGui::SameLine(0, 6);
                const bool on = v.scores[k] == s;
                if (on) ImGui::PushStyleColor(ImGuiCol_Button, color::accent);
                if (on) ImGui::PushStyleColor(ImGuiCol_Text, color::rgb(0xFFFFFF));
                const std::string label = std::to_string(s) + "##survey-item-" + std::to_string(n) + "-" + std::to_string(s);
                if (ImGui::Button(label.c_str(), ImVec2(w, 40))) v.scores[k] = s;
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("%s", T("survey.scale." + std::to_string(s)));
                if (on) ImGui::PopStyleColor(2);
            }
            // The chosen value in words; the line is kept when nothing is chosen yet,
            // so choosing never moves the statements below (a tap lands where aimed).
            if (missing) text_colored(color::bad, T("survey.ui.choose_one"));
            else muted(v.scores[k] > 0 ? T("survey.scale." + std::to_string(v.scores[k])) : " ");
            ++n;
        }
        end_panel();
    }
    begin_panel("survey-comment");
    text_words(lang == i18n::Lang::en ? c.instrument.comment_en : c.instrument.comment_id);
    ImGui::InputTextMultiline("##survey-comment", &v.comment, ImVec2(-1, 90));
    field_issues(v.check, "comment", true);
    field_issues(v.check, "campaign", true);
    if (primary_button(L("survey.ui.submit", "survey-submit"), ImVec2(compact ? -1 : 220, 44))) a.submit_survey();
    if (!v.kiosk) {
        ImGui::SameLine();
        if (ImGui::Button(L("ui.cancel", "survey-cancel").c_str())) v.answering = false;
    } else if (ImGui::Button(L("survey.ui.kiosk_close", "survey-kiosk-close").c_str())) {
        v.answering = false;
        v.kiosk = false;
        v.thanked = false;
        v.check = {};
    }
    end_panel();
}

void draw_results(app::App& a, const survey::Campaign& c) {
    const json& r = a.surveys.results;
    const i18n::Lang lang = i18n::current();
    begin_panel("survey-results");
    subheading(T("survey.ui.results"));
    if (!r.is_object()) {
        muted(T("survey.ui.no_results"));
        end_panel();
        return;
    }
    const int k = r.value("k", 5);
    const int eligible = r.value("eligible", 0), participated = r.value("participated", 0);
    std::string rate = i18n::format_int(participated) + " / " + i18n::format_int(eligible);
    if (eligible > 0) rate += " (" + i18n::format_decimal(100.0 * participated / eligible, 1) + " %)";
    ImGui::TextUnformatted((std::string(T("survey.report.participated")) + ": " + rate).c_str());
    const json& total = r["total"];
    if (!total.value("shown", false)) {
        text_colored(color::warn, with_k(T("survey.too_few"), k).c_str());
    } else {
        const double idx = total.value("index", 0.0);
        const std::string cat = total.value("category", "D");
        ImGui::PushFont(fonts().h1);
        ImGui::TextUnformatted(i18n::format_decimal(idx, 1).c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        badge((cat + " \xC2\xB7 " + T(survey::category_key(cat[0]))).c_str(), color::accent, color::info_bg);
        muted((std::string(T("survey.report.answers")) + ": " + std::to_string(total.value("answers", 0))).c_str());
        // Per facet: a bar 0–100 with the index.
        const auto& facets = total["facets"];
        for (size_t i = 0; i < facets.size() && i < c.instrument.facets.size(); ++i) {
            const double fi = facets[i].value("index", 0.0);
            ImGui::TextUnformatted(survey::name(c.instrument.facets[i], lang).c_str());
            const float w = ImGui::GetContentRegionAvail().x - 70;
            const ImVec2 p = ImGui::GetCursorScreenPos();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(p, ImVec2(p.x + w, p.y + 10), color::rgb(0xE4E7EB), 3);
            dl->AddRectFilled(p, ImVec2(p.x + w * static_cast<float>(fi / 100.0), p.y + 10), color::accent, 3);
            ImGui::Dummy(ImVec2(w, 10));
            ImGui::SameLine();
            ImGui::TextUnformatted(i18n::format_decimal(fi, 1).c_str());
        }
    }
    end_panel();

    // Satisfaction beside workload, per office.
    begin_panel("survey-offices");
    subheading(T("survey.ui.beside_workload"));
    muted(T("survey.ui.beside_workload_help"));
    const bool compact = compact_layout();
    const int cols = compact ? 3 : 5;
    if (phone_layout()) {
        // A card per office: name and EJ; the workload index and the whole index
        // ("< k" when the k rule hides them); the response rate.
        int n = 0;
        for (const auto& o : r["offices"]) {
            const json& g = o["result"];
            const bool shown = g.value("shown", false);
            std::string wl = "< " + std::to_string(k), idx = wl;
            if (shown) {
                idx = i18n::format_decimal(g.value("index", 0.0), 1);
                for (const auto& f : g["facets"])
                    if (f.value("id", "") == survey::kWorkloadFacet) wl = i18n::format_decimal(f.value("index", 0.0), 1);
            }
            const std::string ej = std::string(T("survey.report.ej")) + " " +
                                   (o["ej"].is_number() ? i18n::format_decimal(o["ej"].get<double>(), 2) : "-");
            const int el = o.value("eligible", 0), pa = o.value("participated", 0);
            const std::string rate = std::string(T("survey.report.rate")) + " " +
                                     (el > 0 ? i18n::format_decimal(100.0 * pa / el, 0) : "-");
            record_card("##survey-office-" + std::to_string(n++),
                        {{o.value("name", ""), true, false, 0, ej},
                         {std::string(T("survey.report.workload_index")) + " " + wl, false, !shown},
                         {std::string(T("survey.report.index")) + " " + idx + " \xC2\xB7 " + rate, false, true}});
        }
    } else if (ImGui::BeginTable("##survey-office-table", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(T("survey.report.office"), ImGuiTableColumnFlags_WidthStretch, 3);
        ImGui::TableSetupColumn(T("survey.report.ej"), 0, 1);
        ImGui::TableSetupColumn(T("survey.report.workload_index"), 0, 1.4f);
        if (!compact) {
            ImGui::TableSetupColumn(T("survey.report.index"), 0, 1.2f);
            ImGui::TableSetupColumn(T("survey.report.rate"), 0, 1.2f);
        }
        ImGui::TableHeadersRow();
        for (const auto& o : r["offices"]) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted((std::string(static_cast<size_t>(o.value("depth", 0)) * 2, ' ') + o.value("name", "")).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o["ej"].is_number() ? i18n::format_decimal(o["ej"].get<double>(), 2).c_str() : "-");
            const json& g = o["result"];
            const bool shown = g.value("shown", false);
            std::string wl = "< " + std::to_string(k);
            if (shown)
                for (const auto& f : g["facets"])
                    if (f.value("id", "") == survey::kWorkloadFacet) wl = i18n::format_decimal(f.value("index", 0.0), 1);
            ImGui::TableNextColumn();
            if (shown) ImGui::TextUnformatted(wl.c_str());
            else muted(wl.c_str());
            if (!compact) {
                ImGui::TableNextColumn();
                if (shown) ImGui::TextUnformatted(i18n::format_decimal(g.value("index", 0.0), 1).c_str());
                else muted(("< " + std::to_string(k)).c_str());
                ImGui::TableNextColumn();
                const int el = o.value("eligible", 0), pa = o.value("participated", 0);
                ImGui::TextUnformatted(el > 0 ? i18n::format_decimal(100.0 * pa / el, 0).c_str() : "-");
            }
        }
        ImGui::EndTable();
    }
    muted(with_k(T("survey.report.k_note"), k).c_str());
    end_panel();

    if (total.value("comments_shown", false)) {
        begin_panel("survey-comments");
        subheading(T("survey.report.comments"));
        for (const auto& cm : total["comments"])
            if (cm.is_string()) text_words("\xE2\x80\x94 " + cm.get<std::string>());
        end_panel();
    }
}

// The new-campaign form: title, period, the office surveyed, dates; the default
// questionnaire. Checked on the device first (every field's problem at once),
// then sent (online only).
void draw_campaign_form(app::App& a) {
    auto& v = a.surveys;
    auto& d = v.draft;
    const bool compact = compact_layout();
    const float w = compact ? -1 : 420;
    begin_panel("survey-create-form");
    subheading(T("survey.ui.create_title"));
    text_words(T("survey.ui.create_intro"));
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::TextUnformatted(T("survey.ui.field.title"));
    ImGui::SetNextItemWidth(w);
    ImGui::InputText("##survey-new-title", &d.title);
    field_issues(v.create_check, "title", true);
    ImGui::TextUnformatted(T("survey.ui.field.period"));
    ImGui::SetNextItemWidth(compact ? -1 : 160);
    ImGui::InputText("##survey-new-period", &d.period, ImGuiInputTextFlags_CharsUppercase);
    field_issues(v.create_check, "period", true);
    ImGui::TextUnformatted(T("survey.ui.field.scope"));
    const Office* scope = a.workload.office(d.scope_office_id);
    ImGui::SetNextItemWidth(w);
    if (combo("##survey-new-scope", scope ? scope->name.c_str() : "-")) {
        for (const auto& o : a.workload.data.offices) {
            if (o.archived || !a.workload.in_scope(o.id) || o.kind == OfficeKind::seksi) continue;
            const std::string l = o.name + "##survey-new-scope-" + o.id;
            if (ImGui::Selectable(l.c_str(), o.id == d.scope_office_id)) d.scope_office_id = o.id;
        }
        ImGui::EndCombo();
    }
    field_issues(v.create_check, "scope_office_id", true);
    ImGui::TextUnformatted(T("survey.ui.field.opens"));
    ImGui::SetNextItemWidth(compact ? -1 : 160);
    ImGui::InputText("##survey-new-opens", &d.opens);
    field_issues(v.create_check, "opens", true);
    ImGui::TextUnformatted(T("survey.ui.field.closes"));
    ImGui::SetNextItemWidth(compact ? -1 : 160);
    ImGui::InputText("##survey-new-closes", &d.closes);
    field_issues(v.create_check, "closes", true);
    field_issues(v.create_check, "campaign", true);
    ImGui::Dummy(ImVec2(0, 6));
    if (v.create_sending) {
        muted(T("survey.ui.create_sending"));
    } else {
        if (primary_button(L("survey.ui.create_submit", "survey-new-submit"), ImVec2(compact ? -1 : 220, 44)))
            a.submit_campaign();
        if (!compact) ImGui::SameLine();
        if (ImGui::Button(L("ui.cancel", "survey-new-cancel").c_str(), ImVec2(compact ? -1 : 0, 0))) v.creating = false;
    }
    end_panel();
}

// Trend across campaigns: one bar per campaign (oldest first) of the overall
// index or of one facet, for this device's scope; a campaign under the k rule
// shows "< k" and no bar.
void draw_trend(app::App& a) {
    auto& v = a.surveys;
    if (v.trend.size() < 2) return;  // one campaign: its results above say it all
    const i18n::Lang lang = i18n::current();
    begin_panel("survey-trend");
    subheading(T("survey.ui.trend_title"));
    // The facets of the campaigns' questionnaires (newest name first).
    std::vector<std::pair<std::string, std::string>> facets;
    for (const auto& c : v.campaigns)
        for (const auto& f : c.instrument.facets)
            if (std::none_of(facets.begin(), facets.end(), [&](const auto& x) { return x.first == f.id; }))
                facets.emplace_back(f.id, survey::name(f, lang));
    std::string current = T("survey.ui.trend_overall");
    for (const auto& [id, name] : facets)
        if (id == v.trend_facet) current = name;
    ImGui::SetNextItemWidth(std::min(420.0f, ImGui::GetContentRegionAvail().x - 8));
    if (combo("##survey-trend-facet", current.c_str())) {
        if (ImGui::Selectable((std::string(T("survey.ui.trend_overall")) + "##survey-trend-facet-all").c_str(),
                              v.trend_facet.empty()))
            v.trend_facet.clear();
        for (const auto& [id, name] : facets)
            if (ImGui::Selectable((name + "##survey-trend-facet-" + id).c_str(), id == v.trend_facet)) v.trend_facet = id;
        ImGui::EndCombo();
    }
    const int k = a.surveys.results.is_object() ? a.surveys.results.value("k", 5) : 5;
    float label_w = 0;
    for (const auto& p : v.trend) label_w = std::max(label_w, ImGui::CalcTextSize(p.period.c_str()).x + 12);
    const float value_w = ImGui::CalcTextSize("100,0 (A)").x + 14;
    const float bar_w = std::max(60.0f, ImGui::GetContentRegionAvail().x - 16 - label_w - value_w);
    const std::string hidden = "< " + std::to_string(k);
    for (const auto& p : v.trend) {
        std::optional<double> idx;
        if (p.shown) {
            if (v.trend_facet.empty()) idx = p.index;
            else if (auto it = p.facets.find(v.trend_facet); it != p.facets.end()) idx = it->second;
        }
        const std::string value = !p.held ? T("survey.ui.trend_not_held")
                                  : !p.shown ? hidden
                                  : idx      ? i18n::format_decimal(*idx, 1) + " (" + survey::category_of(*idx) + ")"
                                             : "-";
        // By the category: A/B (Baik and better) green, C the accent, D red.
        const char cat = idx ? survey::category_of(*idx) : 'D';
        const ImU32 c = !idx ? color::muted
                        : cat <= 'B' ? status_color(abk::LoadStatus::balanced)
                        : cat == 'C' ? color::accent
                                     : status_color(abk::LoadStatus::over);
        trend_bar_row("survey-trend-" + p.campaign_id, p.period, label_w, bar_w, value_w, idx ? *idx / 100.0 : -1, value,
                      c, p.title + " (" + p.period + "): " + value);
    }
    help_line(with_k(T("survey.ui.trend_hint"), k).c_str());
    end_panel();
}

// "Unduh" and the print view of the selected campaign's results.
void draw_downloads(app::App& a) {
    auto& v = a.surveys;
    if (ImGui::Button((std::string(T("ui.eval.download")) + "##survey-download").c_str()))
        app::download_survey(a, [&v](const std::string& key) { v.download = key; });
    ImGui::SameLine();
    if (ImGui::Button((std::string(T("ui.print.button")) + "##survey-print").c_str()))
        app::print_survey(a, [&v](const std::string& key) { v.download = key; });
    help_line(T(v.download.empty() ? "survey.ui.download_hint" : v.download.c_str()));
}

}  // namespace

void draw_survey_card(app::App& a) {
    a.refresh_surveys();
    const survey::Campaign* c = a.survey_to_answer();
    if (!c) return;
    begin_panel("home-survey");
    subheading(T("survey.ui.home_title"));
    text_words(c->title);
    const auto closes = parse_iso_date(c->closes);
    muted((std::string(T("survey.ui.home_text")) + " " + (closes ? i18n::format_date(*closes) : c->closes)).c_str());
    if (primary_button(L("survey.ui.answer", "home-survey-answer"), ImVec2(compact_layout() ? -1 : 220, 40))) {
        a.select_survey(c->id);
        a.open_survey_form(false);
        a.navigate(app::Screen::survey);
    }
    end_panel();
    ImGui::Dummy(ImVec2(0, 6));
}

void draw_survey(app::App& a) {
    a.refresh_surveys();
    auto& v = a.surveys;
    if (v.creating) {
        draw_campaign_form(a);
        return;
    }
    if (a.can_create_survey() && !v.answering) {
        if (ImGui::Button(L("survey.ui.create", "survey-create").c_str(), ImVec2(compact_layout() ? -1 : 0, 0)))
            a.open_campaign_form();
        ImGui::Dummy(ImVec2(0, 4));
    }
    if (v.campaigns.empty()) {
        begin_panel("survey-none");
        text_words(T("survey.ui.none"));
        end_panel();
        return;
    }
    const survey::Campaign* c = selected(a);
    if (!c) {
        a.select_survey(v.campaigns.front().id);
        c = selected(a);
        if (!c) return;
    }
    if (v.campaigns.size() > 1) {
        ImGui::SetNextItemWidth(compact_layout() ? -1 : 420);
        if (combo("##survey-pick", c->title.c_str())) {
            for (const auto& x : v.campaigns)
                if (ImGui::Selectable((x.title + " (" + x.period + ")##survey-pick-" + x.id).c_str(), x.id == c->id))
                    a.select_survey(x.id);
            ImGui::EndCombo();
        }
    }
    const bool open = survey::is_open(*c, workflow::today_wib());
    begin_panel("survey-head");
    subheading(c->title.c_str());
    muted((std::string(T("survey.report.period")) + " " + c->period + " \xC2\xB7 " + dates(*c)).c_str());
    badge(open ? T("survey.ui.open") : T("survey.ui.closed"), open ? color::ok : color::muted,
          open ? color::ok_bg : color::rgb(0xEEF0F2));
    if (v.thanked) {
        ImGui::Dummy(ImVec2(0, 4));
        text_colored(color::ok, T(v.kiosk ? "survey.ui.thanks_kiosk" : "survey.ui.thanks"));
    }
    if (a.survey_answered(c->id) && !v.answering) muted(T("survey.ui.answered"));
    if (!v.answering && open) {
        const bool own = a.login.session && !a.login.session->employee_id.empty() && !a.survey_answered(c->id);
        if (own && primary_button(L("survey.ui.answer", "survey-answer"), ImVec2(compact_layout() ? -1 : 220, 40)))
            a.open_survey_form(false);
        if (a.can_open_kiosk()) {
            ImGui::Dummy(ImVec2(0, 4));
            if (ImGui::Button(L("survey.ui.kiosk_open", "survey-kiosk").c_str())) a.open_survey_form(true);
            ImGui::SameLine();
            if (ImGui::Button(L("survey.ui.fetch_codes", "survey-codes").c_str())) a.fetch_kiosk_codes(10);
            muted((std::string(T("survey.ui.codes_left")) + ": " + std::to_string(v.kiosk_codes_left)).c_str());
            field_issues(v.check, "codes", true);
            if (!v.printable_codes.empty()) {
                text_words(T("survey.ui.codes_print"));
                ImGui::PushFont(fonts().bold);
                for (const auto& code : v.printable_codes)
                    ImGui::TextUnformatted((code.substr(0, 4) + "-" + code.substr(4)).c_str());
                ImGui::PopFont();
            }
        }
    }
    end_panel();
    if (v.answering) {
        draw_form(a, *c);
        return;
    }
    if (a.can_read_survey_results()) {
        draw_downloads(a);
        draw_results(a, *c);
        draw_trend(a);
    }
}

}  // namespace seimbang::ui
