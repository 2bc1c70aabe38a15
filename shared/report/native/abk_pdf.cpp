#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <hpdf.h>

#include "i18n/format.h"
#include "report/native/pdf_table.h"
#include "report/native/writers.h"

namespace seimbang::report {
namespace {

std::string opt(const std::optional<double>& v, i18n::Lang lang) { return v ? i18n::format_decimal(*v, 2, lang) : "-"; }

}  // namespace

std::string abk_pdf(const AbkForms& forms, i18n::Lang lang, const std::string& printed) {
    HPDF_STATUS error = HPDF_OK;
    HPDF_Doc doc = HPDF_New(on_error, &error);
    if (!doc) throw std::runtime_error("cannot create the PDF");
    struct Free {
        HPDF_Doc d;
        ~Free() { HPDF_Free(d); }
    } free_doc{doc};
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HPDF_Font regular = HPDF_GetFont(doc, "Helvetica", "WinAnsiEncoding");
    HPDF_Font bold = HPDF_GetFont(doc, "Helvetica-Bold", "WinAnsiEncoding");
    const std::string title = std::string(i18n::tr("report.abk.title", lang)) + " — " + forms.scope_name + " · " +
                              std::string(i18n::tr("report.year", lang)) + " " + std::to_string(forms.year);
    const std::string footer = std::string(i18n::tr("report.abk.subtitle", lang)) + " · " +
                               std::string(i18n::tr("report.wke", lang)) + " " +
                               i18n::format_int(static_cast<long long>(forms.settings.wke_minutes), lang) + " " +
                               std::string(i18n::tr("report.minutes_per_year", lang)) + " · " +
                               std::string(i18n::tr("report.printed", lang)) + " " + printed + " · " +
                               std::string(i18n::tr("report.page", lang));
    PdfTable t(doc, regular, bold, title, footer);

    const auto uh = unit_headings(lang);
    t.section(std::string(i18n::tr("report.form.e", lang)),
              {{uh[0], 192, false}, {uh[1], 80, true}, {uh[2], 58, true}, {uh[3], 48, true}, {uh[4], 50, true},
               {uh[5], 44, true}, {uh[6], 58, true}, {uh[7], 58, true}, {uh[8], 38, true}, {uh[9], 70, false},
               {uh[10], 74, false}});
    for (const auto& u : forms.units) {
        const auto& x = u.figures;
        t.row({std::string(static_cast<size_t>(u.depth) * 3, ' ') + u.unit,
               i18n::format_int(static_cast<long long>(x.workload_minutes + 0.5), lang),
               i18n::format_decimal(x.needed, 2, lang), i18n::format_int(x.needed_rounded, lang),
               i18n::format_int(x.holders, lang), i18n::format_signed(x.difference, 0, lang),
               i18n::format_int(x.positions_short, lang), i18n::format_int(x.positions_surplus, lang), opt(x.eu, lang),
               x.pu ? x.pu->grade + " — " + x.pu->label : "-", load_status_text(x.eu, forms.settings, lang)},
              u.depth == 0);
    }

    const auto ph = position_headings(lang);
    t.section(std::string(i18n::tr("report.form.d", lang)),
              {{ph[0], 132, false}, {ph[1], 200, false}, {ph[2], 80, true}, {ph[3], 56, true}, {ph[4], 48, true},
               {ph[5], 50, true}, {ph[6], 44, true}, {ph[7], 40, true}, {ph[8], 40, false}, {ph[9], 80, false}});
    for (const auto& p : forms.positions) {
        const auto& x = p.figures;
        t.row({p.unit, p.position, i18n::format_int(static_cast<long long>(x.workload_minutes + 0.5), lang),
               i18n::format_decimal(x.needed, 2, lang), i18n::format_int(x.needed_rounded, lang),
               i18n::format_int(x.holders, lang), i18n::format_signed(x.difference, 0, lang), opt(x.ej, lang),
               x.pj ? x.pj->grade : "-",
               x.holders == 0 && x.needed > 0 ? std::string(i18n::tr("report.vacant", lang))
                                              : load_status_text(x.ej, forms.settings, lang)});
    }

    return save_pdf(doc, error);
}

}  // namespace seimbang::report
