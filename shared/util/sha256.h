// SHA-256 (libsodium) as the core uses it: content addresses of documents
// (workflow, sync/blobs), the same natively and in the browser.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace seimbang {

std::array<uint8_t, 32> sha256(std::string_view data);
// Lower-case hex of the digest (64 characters).
std::string sha256_hex(std::string_view data);
std::string to_hex(const uint8_t* p, size_t n);

}  // namespace seimbang
