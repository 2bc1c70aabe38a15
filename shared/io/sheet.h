// A table read from an imported file (CSV or one XLSX worksheet), before any
// column is interpreted: rows of cells with the line (CSV) or sheet row number
// (XLSX) they came from, so every refusal can name where it is in the file.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seimbang::io {

struct Cell {
    std::string text;     // as written; numbers of XLSX cells in C locale ("44927", "2.5")
    bool number = false;  // a numeric cell of the spreadsheet (never true for CSV)
};

struct SheetRow {
    int line = 0;  // 1-based line (CSV) or row number (XLSX)
    std::vector<Cell> cells;
    bool blank() const;
};

struct Sheet {
    std::string name;  // worksheet name; empty for CSV
    std::vector<SheetRow> rows;
};

struct ReadError {
    std::string code;  // string-table key
    int line = 0;      // 0 when not about one line
    std::string detail;
};

// Limits of what is read at all (docs/IMPORT.md): bigger files are refused.
constexpr size_t kMaxFileBytes = 64u << 20;       // the file as picked
constexpr size_t kMaxXmlPartBytes = 256u << 20;   // one uncompressed XLSX part
constexpr size_t kMaxRows = 200000;
constexpr size_t kMaxColumns = 200;
constexpr size_t kMaxCellBytes = 4000;

// CSV: ',' or ';' as separator (whichever the first non-blank line has more of
// outside quotes), UTF-8 with or without BOM.
std::optional<Sheet> read_csv_sheet(std::string_view text, ReadError* error);

// XLSX (Office Open XML) worksheet by name, or the first one when `sheet` is
// empty. Shared and inline strings, numbers, booleans; merged cells are filled
// with their top-left value. nullopt + error "import.xlsx_unsupported" in builds
// without libzip/expat (WebAssembly, see docs/IMPORT.md).
std::optional<Sheet> read_xlsx_sheet(std::string_view bytes, const std::string& sheet, ReadError* error);
// Worksheet names in workbook order (empty on error).
std::vector<std::string> xlsx_sheet_names(std::string_view bytes, ReadError* error);

// Either of the two, chosen by content (is_xlsx).
std::optional<Sheet> read_sheet(std::string_view bytes, const std::string& sheet, ReadError* error);
bool xlsx_supported();
// An XLSX file is a ZIP: it starts with "PK\3\4".
bool is_xlsx(std::string_view bytes);

}  // namespace seimbang::io
