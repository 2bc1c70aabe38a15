// UTF-8 helpers for text the product stores or answers cut to a length: a cut
// inside a multi-byte character would store invalid UTF-8 (and break the JSON
// writers and the PDF/XLSX exports that read it back).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace seimbang {

// The largest character boundary of `s` at or before byte `at` (s.size() when at >= s.size()).
inline size_t utf8_boundary(std::string_view s, size_t at) {
    if (at >= s.size()) return s.size();
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    return at;
}

// `s` cut to at most `max_bytes` at a character boundary, followed by `mark` when cut.
inline std::string utf8_clip(std::string_view s, size_t max_bytes, std::string_view mark = "...") {
    if (s.size() <= max_bytes) return std::string(s);
    std::string out(s.substr(0, utf8_boundary(s, max_bytes)));
    out += mark;
    return out;
}

}  // namespace seimbang
