// The print-friendly view of a report (docs/EVALUATION.md, docs/SURVEY.md): one
// self-contained HTML page (no script from anywhere, inline style for A4
// landscape) that a browser opens and prints, or saves as PDF. The web client
// offers it offline, where the server's XLSX/PDF writers are out of reach; both
// builds. Every text is escaped.
#pragma once
#include <string>
#include <vector>

#include "i18n/strings.h"

namespace seimbang::report {

struct PrintTable {
    std::string heading;
    std::vector<std::string> columns;
    std::vector<bool> right;                      // per column: figures right-aligned
    std::vector<std::vector<std::string>> rows;   // cells as people read them
    std::vector<bool> strong;                     // per row: bold (totals, the scope's own line)
};

struct PrintDocument {
    std::string title, subtitle;
    std::vector<PrintTable> tables;
    std::vector<std::string> notes;               // paragraphs after the tables
    std::string printed;                          // "7 Desember 2026": shown in the footer line
};

std::string print_html(const PrintDocument& d, i18n::Lang lang);

// &, <, >, " and ' as entities.
std::string html_escape(const std::string& text);

}  // namespace seimbang::report
