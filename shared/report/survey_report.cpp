#include "report/survey_report.h"

#include <cstdio>

#include "i18n/format.h"
#include "util/csv.h"

namespace seimbang::report {

namespace {
std::string tr(const char* key, i18n::Lang lang) { return std::string(i18n::tr(key, lang)); }

std::string with_k(std::string text, int k) {
    const auto at = text.find("{k}");
    if (at != std::string::npos) text.replace(at, 3, std::to_string(k));
    return text;
}

std::string machine(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}
}  // namespace

std::vector<SurveyLine> survey_lines(const survey::CampaignResults& r) {
    std::vector<SurveyLine> out;
    auto workload = [](const survey::GroupResult* g) -> std::optional<double> {
        if (!g || !g->shown) return std::nullopt;
        for (const auto& f : g->figures.facets)
            if (f.facet_id == survey::kWorkloadFacet) return f.index;
        return std::nullopt;
    };
    SurveyLine total;
    total.total = true;
    total.eligible = r.eligible;
    total.participated = r.participated;
    if (r.eligible > 0) total.rate = 100.0 * r.participated / r.eligible;
    total.group = &r.results.total;
    total.workload_index = workload(total.group);
    out.push_back(total);
    for (const auto& o : r.offices) {
        SurveyLine l;
        l.name = o.name;
        l.depth = o.depth;
        l.eligible = o.eligible;
        l.participated = o.participated;
        if (o.eligible > 0) l.rate = 100.0 * o.participated / o.eligible;
        l.ej = o.ej;
        for (const auto& g : r.results.offices)
            if (g.office_id == o.office_id) l.group = &g;
        l.workload_index = workload(l.group);
        out.push_back(std::move(l));
    }
    return out;
}

std::vector<std::string> survey_headings(const survey::CampaignResults& r, i18n::Lang lang) {
    std::vector<std::string> h = {tr("survey.report.office", lang),     tr("survey.report.eligible", lang),
                                  tr("survey.report.participated", lang), tr("survey.report.rate", lang),
                                  tr("survey.report.answers", lang),      tr("survey.report.index", lang),
                                  tr("survey.report.category", lang),     tr("survey.report.ej", lang),
                                  tr("survey.report.workload_index", lang)};
    for (const auto& f : r.campaign.instrument.facets) h.push_back(survey::name(f, lang));
    return h;
}

std::vector<std::string> survey_cells(const survey::CampaignResults& r, const SurveyLine& l, i18n::Lang lang,
                                      bool for_people) {
    auto num = [&](std::optional<double> v, int decimals) {
        if (!v) return std::string(for_people ? "-" : "");
        return for_people ? i18n::format_decimal(*v, decimals, lang) : machine(*v);
    };
    std::vector<std::string> c = {
        l.total ? tr("survey.report.total", lang) : std::string(for_people ? static_cast<size_t>(l.depth) * 3 : 0, ' ') + l.name,
        std::to_string(l.eligible), std::to_string(l.participated), num(l.rate, 1)};
    const bool shown = l.group && l.group->shown;
    // An office without answers says 0; one with answers under the k rule says "< k", never how many.
    const std::string hidden = l.group ? "< " + std::to_string(r.results.k) : std::string("0");
    if (shown) {
        const auto& f = l.group->figures;
        c.push_back(std::to_string(f.answers));
        c.push_back(num(f.index, 1));
        c.push_back(std::string(1, f.category) + " " + tr(survey::category_key(f.category).c_str(), lang));
    } else {
        c.push_back(hidden);
        c.push_back(for_people ? "-" : "");
        c.push_back(for_people ? "-" : "");
    }
    c.push_back(num(l.ej, 2));
    c.push_back(num(l.workload_index, 1));
    for (size_t i = 0; i < r.campaign.instrument.facets.size(); ++i)
        c.push_back(shown && i < l.group->figures.facets.size() ? num(l.group->figures.facets[i].index, 1)
                                                                : std::string(for_people ? "-" : ""));
    return c;
}

std::string survey_title(const survey::CampaignResults& r, i18n::Lang lang) {
    return tr("survey.report.title", lang) + " — " + r.scope_name;
}

std::string survey_k_note(const survey::CampaignResults& r, i18n::Lang lang) {
    return with_k(tr("survey.report.k_note", lang), r.results.k);
}

std::string survey_csv(const survey::CampaignResults& r, i18n::Lang lang) {
    std::string out = csv::line(survey_headings(r, lang));
    for (const auto& l : survey_lines(r)) out += csv::line(survey_cells(r, l, lang, false));
    return out;
}

PrintDocument survey_print(const survey::CampaignResults& r, i18n::Lang lang, const std::string& printed) {
    PrintDocument d;
    d.title = survey_title(r, lang);
    d.subtitle = tr("survey.report.campaign", lang) + ": " + r.campaign.title + " · " + tr("survey.report.period", lang) +
                 " " + r.campaign.period + " (" + r.campaign.opens + " – " + r.campaign.closes + ")";
    d.printed = printed;
    PrintTable t{"", survey_headings(r, lang), {}, {}, {}};
    for (size_t c = 0; c < t.columns.size(); ++c) t.right.push_back(c > 0 && c != 6);
    for (const auto& l : survey_lines(r)) {
        t.rows.push_back(survey_cells(r, l, lang, true));
        t.strong.push_back(l.total);
    }
    d.tables.push_back(std::move(t));
    for (const auto& l : survey_lines(r)) {
        if (!l.group || !l.group->comments_shown) continue;
        PrintTable c{tr("survey.report.comments", lang) + " — " + (l.total ? tr("survey.report.total", lang) : l.name),
                     {tr("survey.report.comments", lang)}, {false}, {}, {}};
        for (const auto& text : l.group->figures.comments) c.rows.push_back({text});
        d.tables.push_back(std::move(c));
    }
    d.notes = {survey_k_note(r, lang), tr("survey.report.index_note", lang)};
    return d;
}

}  // namespace seimbang::report
