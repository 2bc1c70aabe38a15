// Reads ABK task data from CSV with the header
//   unit,position,task,output_unit,volume,period,norm_minutes,holders
// (`period` ∈ year|month|week|day; `holders` repeated on every row of a position
// and required to agree). Any malformed row is reported with its line and column
// and nothing is returned, so callers never print partial results.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "abk/abk.h"

namespace seimbang::abk {

struct CsvError {
    int line = 0;
    std::string column;  // header name, or empty for whole-line errors
    std::string code;    // string-table key, e.g. "abk.csv.bad_number"
    std::string value;   // offending text
};

struct CsvInput {
    std::vector<PositionInput> positions;
    std::vector<CsvError> errors;  // non-empty means the input was refused
};

CsvInput read_csv(std::string_view text);

}  // namespace seimbang::abk
