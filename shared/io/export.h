// Export of employees, positions and ABK tasks as CSV of the same shape the
// importer reads (Indonesian headers, decimal comma, dates DD-MM-YYYY), so data
// can go back out to the source system and a re-import changes nothing.
#pragma once
#include <string>

#include "io/mapping.h"
#include "store/db.h"

namespace seimbang::io {

// `scope_office_id`: that office and the ones below it (empty: all). `year`:
// tasks of that year only (0: every year).
std::string export_csv(store::Db& db, ImportKind kind, const std::string& scope_office_id = {}, int year = 0);

// A number the Indonesian way without thousands separator ("2,5", "1500"); a
// fraction of exactly three digits gets a fourth ("1,1250") so it cannot be
// read as a thousands group.
std::string format_number_id(double v);

}  // namespace seimbang::io
