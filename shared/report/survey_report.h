// The survey report (docs/SURVEY.md "Report"): per office the response rate,
// the overall index and category, EJ beside the beban-kerja index, and the
// index of each facet; then the comments. Built from survey::CampaignResults,
// which has already applied the k rule: a hidden group has no figures to
// print, whatever the writer. CSV here (both builds); XLSX and PDF in
// report/native/writers.h.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "i18n/strings.h"
#include "report/print_html.h"
#include "survey/survey_db.h"

namespace seimbang::report {

// One printed line: an office or the scope's total.
struct SurveyLine {
    std::string name;
    int depth = 0;
    bool total = false;
    int eligible = 0, participated = 0;
    std::optional<double> rate;  // participated / eligible × 100
    std::optional<double> ej;
    const survey::GroupResult* group = nullptr;  // null: no answers
    std::optional<double> workload_index;
};
std::vector<SurveyLine> survey_lines(const survey::CampaignResults& r);

// Column headings (the facet columns follow in instrument order).
std::vector<std::string> survey_headings(const survey::CampaignResults& r, i18n::Lang lang);
// The cells of a line as text, in `lang`'s number style for people (PDF) or
// plain for machines (CSV: decimal point, no grouping).
std::vector<std::string> survey_cells(const survey::CampaignResults& r, const SurveyLine& l, i18n::Lang lang,
                                      bool for_people);

// Title "HASIL SURVEI KEPUASAN PEGAWAI — <scope>" and the notes under the table.
std::string survey_title(const survey::CampaignResults& r, i18n::Lang lang);
std::string survey_k_note(const survey::CampaignResults& r, i18n::Lang lang);

std::string survey_csv(const survey::CampaignResults& r, i18n::Lang lang);
// The print-friendly view (report/print_html.h): the table, the notes, and the
// comment lists that passed the k rule.
PrintDocument survey_print(const survey::CampaignResults& r, i18n::Lang lang, const std::string& printed);

}  // namespace seimbang::report
