// Nesting depth of JSON text, measured without parsing it: every JSON body the
// server accepts is checked with it before it is parsed, because recursive code
// (nlohmann's dump, record conversions) would overflow the stack on a value
// nested millions of levels deep.
#pragma once
#include <string_view>

namespace seimbang {

constexpr int kMaxJsonDepth = 64;

// True when no array/object in `text` (outside strings) nests deeper than max_depth.
bool json_depth_within(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace seimbang
