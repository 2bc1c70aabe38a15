#include "io/sheet_wire.h"

#include <cstdint>

#include "util/wire_bytes.h"

namespace seimbang::io {

namespace {
constexpr std::uint32_t kRequestMagic = 0x31525853;  // "SXR1"
constexpr std::uint32_t kAnswerMagic = 0x31415853;   // "SXA1"
}  // namespace

std::string encode_sheet_request(const std::string& sheet, std::string_view file_bytes) {
    wire::ByteWriter w;
    w.out.reserve(16 + sheet.size() + file_bytes.size());
    w.i32(static_cast<std::int32_t>(kRequestMagic));
    w.str(sheet);
    w.str(file_bytes);
    return std::move(w.out);
}

std::string read_sheet_encoded(std::string_view request) {
    wire::ByteReader r(request);
    ReadError error;
    if (static_cast<std::uint32_t>(r.i32()) != kRequestMagic) {
        error.code = "import.xlsx_reader_failed";
        return encode_sheet_answer(std::nullopt, error);
    }
    const std::string sheet = r.str();
    const std::string bytes = r.str();
    if (!r.done()) {
        error.code = "import.xlsx_reader_failed";
        return encode_sheet_answer(std::nullopt, error);
    }
    const auto got = read_sheet(bytes, sheet, &error);
    return encode_sheet_answer(got, error);
}

std::string encode_sheet_answer(const std::optional<Sheet>& sheet, const ReadError& error) {
    wire::ByteWriter w;
    w.i32(static_cast<std::int32_t>(kAnswerMagic));
    w.u8(sheet ? 1 : 0);
    if (!sheet) {
        w.str(error.code);
        w.i32(error.line);
        w.str(error.detail);
        return std::move(w.out);
    }
    w.str(sheet->name);
    w.i32(static_cast<std::int32_t>(sheet->rows.size()));
    for (const SheetRow& row : sheet->rows) {
        w.i32(row.line);
        w.i32(static_cast<std::int32_t>(row.cells.size()));
        for (const Cell& c : row.cells) {
            w.u8(c.number ? 1 : 0);
            w.str(c.text);
        }
    }
    return std::move(w.out);
}

std::optional<Sheet> decode_sheet_answer(std::string_view answer, ReadError* error) {
    auto failed = [&]() -> std::optional<Sheet> {
        if (error) *error = ReadError{"import.xlsx_reader_failed", 0, {}};
        return std::nullopt;
    };
    wire::ByteReader r(answer);
    if (static_cast<std::uint32_t>(r.i32()) != kAnswerMagic) return failed();
    if (!r.u8()) {
        ReadError e;
        e.code = r.str();
        e.line = r.i32();
        e.detail = r.str();
        if (!r.done() || e.code.empty()) return failed();
        if (error) *error = std::move(e);
        return std::nullopt;
    }
    Sheet s;
    s.name = r.str();
    s.rows.resize(r.count(8));  // a row is at least its line and its cell count
    for (SheetRow& row : s.rows) {
        row.line = r.i32();
        row.cells.resize(r.count(5));  // a cell is at least its flag and its length
        for (Cell& c : row.cells) {
            c.number = r.u8() != 0;
            c.text = r.str();
        }
    }
    if (!r.done()) return failed();
    return s;
}

}  // namespace seimbang::io
