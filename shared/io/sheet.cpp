#include "io/sheet.h"

#include "util/csv.h"

namespace seimbang::io {

bool SheetRow::blank() const {
    for (const auto& c : cells)
        if (c.text.find_first_not_of(" \t\r\n") != std::string::npos) return false;
    return true;
}

namespace {
char guess_delimiter(std::string_view text) {
    size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == '\n') {
            if (commas + semicolons > 0) break;
        } else if (!quoted && c == ',') ++commas;
        else if (!quoted && c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}
}  // namespace

std::optional<Sheet> read_csv_sheet(std::string_view text, ReadError* error) {
    auto fail = [&](std::string code, int line, std::string detail = {}) -> std::optional<Sheet> {
        if (error) *error = {std::move(code), line, std::move(detail)};
        return std::nullopt;
    };
    if (text.size() > kMaxFileBytes) return fail("import.file_too_big", 0, std::to_string(kMaxFileBytes >> 20) + " MB");
    csv::ParseError perr;
    auto records = csv::parse(text, &perr, guess_delimiter(text));
    if (!records) return fail(perr.code, perr.line);
    if (records->size() > kMaxRows) return fail("import.too_many_rows", 0, std::to_string(kMaxRows));
    Sheet sheet;
    sheet.rows.reserve(records->size());
    for (auto& r : *records) {
        if (r.fields.size() > kMaxColumns) return fail("import.too_many_columns", r.line, std::to_string(kMaxColumns));
        SheetRow row{r.line, {}};
        row.cells.reserve(r.fields.size());
        for (auto& f : r.fields) {
            if (f.size() > kMaxCellBytes) return fail("import.cell_too_long", r.line, std::to_string(kMaxCellBytes));
            row.cells.push_back({std::move(f), false});
        }
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

bool is_xlsx(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

std::optional<Sheet> read_sheet(std::string_view bytes, const std::string& sheet, ReadError* error) {
    if (bytes.size() > kMaxFileBytes) {
        if (error) *error = {"import.file_too_big", 0, std::to_string(kMaxFileBytes >> 20) + " MB"};
        return std::nullopt;
    }
    if (is_xlsx(bytes)) return read_xlsx_sheet(bytes, sheet, error);
    return read_csv_sheet(bytes, error);
}

}  // namespace seimbang::io
