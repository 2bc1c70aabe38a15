// Report files for people: XLSX (libxlsxwriter) and PDF (libharu), native only
// (server and CLI; the browser offers CSV and a print view offline). Each
// returns the whole file; throws std::runtime_error when it cannot be written.
#pragma once
#include <string>

#include "i18n/strings.h"
#include "report/abk_forms.h"
#include "report/survey_report.h"

namespace seimbang::report {

// Three sheets: Form E (units), Form D (positions), Form A (tasks); figures are
// numbers (not text) so the office can keep calculating.
std::string abk_xlsx(const AbkForms& forms, i18n::Lang lang);

// A4 landscape: heading, Form E, then Form D grouped by unit; figures in
// `lang`'s conventions ("1,78", "267.320"). `printed` is the date shown.
std::string abk_pdf(const AbkForms& forms, i18n::Lang lang, const std::string& printed);

// [survey] Survey results (report/survey_report.h; the k rule is already applied
// in the results): a sheet of offices with their figures, a sheet of comments
// (only groups whose comment list passed the k rule), the notes on k and the index.
std::string survey_xlsx(const survey::CampaignResults& r, i18n::Lang lang);
// A4 landscape: the table, the notes, then the comments.
std::string survey_pdf(const survey::CampaignResults& r, i18n::Lang lang, const std::string& printed);

}  // namespace seimbang::report

// [evaluation] the evaluation of a period for a scope (report/evaluation.h).
namespace seimbang::report {
struct EvaluationReport;
// Two sheets: per office (figures as numbers) and the scope's transfer requests.
std::string evaluation_xlsx(const EvaluationReport& r, i18n::Lang lang);
// A4 landscape: per office, then the scope's transfer requests.
std::string evaluation_pdf(const EvaluationReport& r, i18n::Lang lang, const std::string& printed);
}  // namespace seimbang::report
