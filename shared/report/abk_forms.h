// ABK report content laid out like the forms offices already fill (Permenpan RB
// 1/2020, domain.md "Standard forms"): Form A (tasks with volume and norma
// waktu), Form D (per position: workload, K needed, B holders, +/−, EJ, PJ) and
// Form E (per unit: EU, PU), for an office subtree and a year. Built once from
// the database and written by the CSV writer here (both builds) or the XLSX and
// PDF writers (report/native/, server and CLI only).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "abk/abk.h"
#include "i18n/strings.h"
#include "model/settings.h"
#include "report/print_html.h"
#include "store/db.h"

namespace seimbang::report {

struct AbkTaskRow {  // Form A
    std::string unit, position, task, output_unit;
    double volume = 0;
    Period period = Period::year;
    double annual_volume = 0, norm_minutes = 0, workload_minutes = 0;
};

struct AbkPositionRow {  // Form D
    std::string unit, position;
    abk::PositionResult figures;
};

struct AbkUnitRow {  // Form E: the unit's totals over its subtree
    std::string unit;
    int depth = 0;  // 0 = the scope root
    abk::UnitResult figures;
};

struct AbkForms {
    std::string scope_name;
    int year = 0;
    Settings settings;
    std::vector<AbkUnitRow> units;          // tree order: each unit before the units below it
    std::vector<AbkPositionRow> positions;  // grouped by unit in tree order, then by name
    std::vector<AbkTaskRow> tasks;          // grouped like positions, then by task text
};

// Reads the scope (an office id) for `year` with the database's settings.
// Throws store::DbError on a database failure; an unknown office gives empty forms.
AbkForms build_abk_forms(store::Db& db, const std::string& scope_office_id, int year);

// Column headings of Form D and Form E in `lang` (shared by every writer).
std::vector<std::string> position_headings(i18n::Lang lang);
std::vector<std::string> unit_headings(i18n::Lang lang);
std::vector<std::string> task_headings(i18n::Lang lang);

// What an EJ/EU means for staffing ("Beban berlebih", "Seimbang", ...), by the
// settings' status bands: printed beside the regulation's grade letter, which
// alone reads the wrong way round (EJ 1,78 is graded A and is overloaded).
std::string load_status_text(std::optional<double> efficiency, const Settings& s, i18n::Lang lang);

// Form D as CSV (RFC 4180, UTF-8, comma separated, decimal point: a file for
// spreadsheets and programs; the headings are in `lang`).
std::string positions_csv(const AbkForms& forms, i18n::Lang lang);

// The print-friendly view (report/print_html.h) of Form E and Form D, figures in
// `lang`'s conventions: what the web client offers offline beside the CSV.
PrintDocument abk_print(const AbkForms& forms, i18n::Lang lang, const std::string& printed);

}  // namespace seimbang::report
