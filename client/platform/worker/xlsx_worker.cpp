// The XLSX reader's Web Worker (Impor, docs/IMPORT.md "Web"): receives the
// bytes of io::encode_sheet_request, reads the worksheet with io::read_sheet
// (libzip, expat and zlib live in this module only, so a first visit of the
// app does not download them) and answers with io::encode_sheet_answer's
// bytes. Empty answer: the read ran out of memory.
#include <emscripten.h>

#include <exception>
#include <string>
#include <string_view>

#include "io/sheet_wire.h"

extern "C" EMSCRIPTEN_KEEPALIVE void seimbang_xlsx_read(char* data, int size) {
    std::string answer;
    try {
        answer = seimbang::io::read_sheet_encoded(std::string_view(data, data ? static_cast<size_t>(size) : 0));
    } catch (const std::exception&) {
        answer.clear();
    }
    emscripten_worker_respond(answer.empty() ? nullptr : answer.data(), static_cast<int>(answer.size()));
}
