// Minimal RFC 4180 CSV reader and writer: quoted fields, doubled quotes, CRLF or LF, a UTF-8
// BOM at the start. Reports the 1-based line of each record for error messages.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seimbang::csv {

struct Record {
    int line = 0;  // line where the record starts
    std::vector<std::string> fields;
};

struct ParseError {
    int line = 0;
    std::string code;  // "csv.unterminated_quote", "csv.bad_quote"
};

// Parses the whole text; on a syntax error returns nullopt and fills `error`.
// `delimiter`: ',' by default; ';' for CSV saved by Excel in Indonesian locales.
std::optional<std::vector<Record>> parse(std::string_view text, ParseError* error, char delimiter = ',');

// Writing: one field, quoted only when it holds a delimiter (',' or ';'), a quote
// or a line break; quotes doubled. The one CSV field writer of the product.
std::string field(std::string_view s);
// Fields joined by ',' and ended with "\n".
std::string line(const std::vector<std::string>& fields);

}  // namespace seimbang::csv
