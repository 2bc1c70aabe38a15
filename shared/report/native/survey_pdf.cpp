#include <stdexcept>
#include <hpdf.h>

#include "report/native/pdf_table.h"
#include "report/native/writers.h"

namespace seimbang::report {

namespace {
std::string tr(const char* key, i18n::Lang lang) { return std::string(i18n::tr(key, lang)); }
}  // namespace

std::string survey_pdf(const survey::CampaignResults& r, i18n::Lang lang, const std::string& printed) {
    pdf::Document d;
    if (!d.doc) throw std::runtime_error("cannot create the PDF");
    const std::string footer = r.campaign.title + " · " + tr("survey.report.period", lang) + " " + r.campaign.period +
                               " · " + tr("report.printed", lang) + " " + printed + " · " + tr("report.page", lang);
    pdf::PdfTable t(d.doc, d.regular, d.bold, survey_title(r, lang), footer);

    // Office 150 pt, then 8 figure columns and one per facet in what is left of
    // the 770 pt of an A4 landscape line.
    const auto h = survey_headings(r, lang);
    std::vector<pdf::PdfTable::Column> cols = {{h[0], 130, false}, {h[1], 38, true}, {h[2], 48, true}, {h[3], 50, true},
                                          {h[4], 40, true},   {h[5], 40, true}, {h[6], 62, false}, {h[7], 34, true},
                                          {h[8], 44, true}};
    const size_t facets = h.size() - 9;
    const float rest = (770.0f - 486.0f) / static_cast<float>(facets ? facets : 1);
    for (size_t i = 9; i < h.size(); ++i) cols.push_back({h[i], rest, true});
    t.section(tr("survey.report.campaign", lang) + ": " + r.campaign.title + " (" + r.campaign.opens + " – " +
                  r.campaign.closes + ")",
              cols);
    for (const auto& l : survey_lines(r)) t.row(survey_cells(r, l, lang, true), l.total);
    t.heading(survey_k_note(r, lang));
    t.paragraph(tr("survey.report.index_note", lang));

    bool any = false;
    for (const auto& l : survey_lines(r)) {
        if (!l.group || !l.group->comments_shown) continue;
        if (!any) t.heading(tr("survey.report.comments", lang));
        any = true;
        t.heading(l.total ? tr("survey.report.total", lang) : l.name);
        for (const auto& c : l.group->figures.comments) t.paragraph("- " + c);
    }
    std::string out = d.bytes();
    if (out.empty()) throw std::runtime_error("cannot write the PDF (libharu error " + std::to_string(d.error) + ")");
    return out;
}

}  // namespace seimbang::report
