#include "report/native/pdf_table.h"

#include <cstdint>
#include <stdexcept>

namespace seimbang::report {

void on_error(HPDF_STATUS error_no, HPDF_STATUS, void* user_data) {
    auto* first = static_cast<HPDF_STATUS*>(user_data);
    if (*first == HPDF_OK) *first = error_no;
}

std::string cp1252(std::string_view utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        uint32_t cp = c;
        int len = 1;
        if (c >= 0xF0 && i + 3 < utf8.size()) {
            cp = ((c & 0x07u) << 18) | ((utf8[i + 1] & 0x3Fu) << 12) | ((utf8[i + 2] & 0x3Fu) << 6) | (utf8[i + 3] & 0x3Fu);
            len = 4;
        } else if (c >= 0xE0 && i + 2 < utf8.size()) {
            cp = ((c & 0x0Fu) << 12) | ((utf8[i + 1] & 0x3Fu) << 6) | (utf8[i + 2] & 0x3Fu);
            len = 3;
        } else if (c >= 0xC0 && i + 1 < utf8.size()) {
            cp = ((c & 0x1Fu) << 6) | (utf8[i + 1] & 0x3Fu);
            len = 2;
        }
        i += static_cast<size_t>(len);
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) out += static_cast<char>(cp);
        else if (cp == 0x2212 || cp == 0x2013) out += static_cast<char>(0x96);  // minus, en dash → en dash
        else if (cp == 0x2014) out += static_cast<char>(0x97);
        else if (cp == 0x2026) out += static_cast<char>(0x85);
        else if (cp == 0x00B7 || cp == 0x2022) out += static_cast<char>(0xB7);
        else out += '?';
    }
    return out;
}

std::string save_pdf(HPDF_Doc doc, HPDF_STATUS error) {
    if (HPDF_SaveToStream(doc) != HPDF_OK || error != HPDF_OK)
        throw std::runtime_error("cannot write the PDF (libharu error " + std::to_string(error) + ")");
    std::string out(HPDF_GetStreamSize(doc), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    out.resize(size);
    return out;
}

}  // namespace seimbang::report
