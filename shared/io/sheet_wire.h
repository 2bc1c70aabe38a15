// An XLSX worksheet read in another thread of execution: the browser client
// posts the picked file's bytes to the XLSX reader's Web Worker
// (client/platform/worker/xlsx_worker.cpp), which reads it with io::read_sheet
// and answers with these bytes — the Sheet, or the ReadError — so the main
// module needs neither libzip, expat nor zlib (docs/CLIENT.md "Web Workers").
// Layout: util/wire_bytes.h, with a magic; decoding checks every length and
// refuses anything malformed.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "io/sheet.h"

namespace seimbang::io {

// The request: which worksheet (empty: the first) and the file's bytes.
std::string encode_sheet_request(const std::string& sheet, std::string_view file_bytes);
// The worker's one job: decode a request, read the sheet, encode the answer.
std::string read_sheet_encoded(std::string_view request);

std::string encode_sheet_answer(const std::optional<Sheet>& sheet, const ReadError& error);
// The sheet, or nullopt with `error` filled: the reader's own error, or
// "import.xlsx_reader_failed" when the answer is empty or malformed (the worker
// could not be loaded or crashed).
std::optional<Sheet> decode_sheet_answer(std::string_view answer, ReadError* error);

}  // namespace seimbang::io
