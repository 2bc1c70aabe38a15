// UUIDv7 (RFC 9562): 48-bit Unix milliseconds + random bits. Time-ordered, so
// rows created offline sort by creation and B-tree inserts stay local.
#pragma once
#include <cstdint>
#include <string>

namespace seimbang {

std::string new_uuid_v7();
std::string uuid_v7_at(uint64_t unix_ms, uint64_t rand_a12, uint64_t rand_b62);  // deterministic, for tests/demo
bool is_uuid(const std::string& s);

}  // namespace seimbang
