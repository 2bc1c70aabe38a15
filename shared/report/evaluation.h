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
#include "report/print_html.h"
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

// The scope's transfer requests of the period as (label, count) lines: filed,
// one per reason and per outcome in words ("Alasan: Kesehatan"), decided.
std::vector<std::pair<std::string, int>> evaluation_move_lines(const EvaluationReport& r, i18n::Lang lang);

// Per position of each office (the snapshot's own positions of the office):
// the period's figures beside the position's EJ in the period before.
struct PositionLine {
    const EvaluationRow* office = nullptr;
    const eval::PositionFigures* now = nullptr;
    const eval::PositionFigures* before = nullptr;  // null: no figures the period before
};
std::vector<PositionLine> evaluation_position_lines(const EvaluationReport& r);
std::vector<std::string> evaluation_position_headings(i18n::Lang lang);

// As people read them (PDF, print view): "EVALUASI … — <scope>", the period line
// ("Periode 2026-S2 · dibandingkan dengan 2026-S1"), and the cells of a line in
// `lang`'s number style.
std::string evaluation_title(const EvaluationReport& r, i18n::Lang lang);
std::string evaluation_period_line(const EvaluationReport& r, i18n::Lang lang);
std::vector<std::string> evaluation_office_cells(const EvaluationRow& row, i18n::Lang lang);
std::vector<std::string> evaluation_position_cells(const PositionLine& l, i18n::Lang lang);
// The print-friendly view (report/print_html.h): offices, requests, positions.
PrintDocument evaluation_print(const EvaluationReport& r, i18n::Lang lang, const std::string& printed);

}  // namespace seimbang::report
