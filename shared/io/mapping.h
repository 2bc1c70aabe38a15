// Which column of an imported sheet holds which field. The usual Indonesian
// headers of SIMPEG/SIASN exports and ABK worksheets are recognised ("NIP",
// "Nama", "Gol/Ruang", "Pangkat/Gol" over "Gol", "Unit Kerja", "TMT Jabatan",
// "Uraian Tugas", "Satuan Hasil", "Volume", "Norma Waktu (menit)", ...), also as
// a header of two rows (a merged title over sub-columns). What was found can be
// saved as a JSON mapping, adjusted by the user and given back (docs/IMPORT.md).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/sheet.h"
#include "model/result.h"

namespace seimbang::io {

enum class ImportKind { employees, positions, tasks };
std::string_view to_string(ImportKind k);
std::optional<ImportKind> parse_import_kind(std::string_view s);

struct FieldSpec {
    std::string_view key;  // "nip", "office", "norm_minutes", ...
    bool required;         // a row without it is refused
    std::vector<std::string_view> headers;  // recognised header texts (normalised)
};
const std::vector<FieldSpec>& fields_of(ImportKind k);

struct Mapping {
    ImportKind kind = ImportKind::employees;
    std::string sheet;       // XLSX worksheet; empty: the first
    int header_line = 0;     // line of the (first) header row; 0: found automatically
    int header_rows = 0;     // 1 or 2; 0: found automatically
    // field → header text (compared normalised) or column letter ("C").
    std::map<std::string, std::string> columns;
    // Names as the file writes them → office (name, code or id) / position name.
    std::map<std::string, std::string> offices;
    std::map<std::string, std::string> positions;
    std::string office;            // office (name, code or id) for rows without one
    bool create_positions = false; // positions missing in the office are added
    int year = 0;                  // tasks without a year column; 0: the current year
};

// Reads a mapping file's JSON; errors are "import.mapping.*" issues.
Mapping mapping_from_json(const nlohmann::json& j, Check& check);
nlohmann::json to_json(const Mapping& m);

// Where the data is in a sheet once the mapping is applied.
struct Layout {
    int header_line = 0;
    int header_rows = 1;
    size_t first_data = 0;                // index into Sheet::rows
    std::map<std::string, int> column;    // field → 0-based column
    std::vector<std::string> labels;      // header text per column (two rows joined by " / ")
    std::vector<std::string> unused;      // header texts of columns no field uses
};

// Finds the header row(s) (among the first 30 rows, the one recognising most
// fields) and the column of every field. Refuses ("import.no_header",
// "import.missing_column", "import.mapping.unknown_column") when a required field
// has no column.
// `found`, when given, receives the header and the columns found even when a
// required field has none, so a screen can offer the file's columns to choose from.
std::optional<Layout> find_layout(const Sheet& sheet, const Mapping& m, ReadError* error, Layout* found = nullptr);

// "A", "B", ... "AA" for a 0-based column.
std::string column_letter(int col);
// The normalised form headers are compared in: lower case words of letters and digits.
std::string header_key(std::string_view text);

}  // namespace seimbang::io
