// Evaluation report of a period for a scope (docs/EVALUATION.md): per office of
// the scope's subtree (tree order) the balance figures of the period's stored
// snapshot beside the period before it and the verdict, plus the scope's moves.
// Built from the stored snapshots only (closed ones never change, so a report
// printed twice says the same). CSV here (both builds); XLSX and PDF writers in
// report/native/ (server and CLI).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "eval/compare.h"
#include "eval/snapshot.h"
#include "i18n/strings.h"
#include "store/db.h"

namespace seimbang::report {

struct EvaluationRow {
    int depth = 0;  // 0 = the scope root
    eval::OfficeSnapshot now;
    std::optional<eval::OfficeSnapshot> before;  // the stored period before, when there is one
    eval::Change change = eval::Change::unknown;
};

struct EvaluationReport {
    std::string scope_name, period, previous_period;  // previous empty when none is stored
    bool closed = false;
    std::vector<EvaluationRow> rows;  // empty: no snapshot of this period for the scope
};

// The period's rows for `scope_office_id` and every office below it.
EvaluationReport build_evaluation_report(store::Db& db, const std::string& scope_office_id,
                                         const std::string& period);

std::vector<std::string> evaluation_headings(i18n::Lang lang);
// One line per office: the headings' columns, figures with a decimal point.
std::string evaluation_csv(const EvaluationReport& r, i18n::Lang lang);

}  // namespace seimbang::report
