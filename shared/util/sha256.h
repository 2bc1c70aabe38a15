// SHA-256 (FIPS 180-4) in portable C++: the same in the browser (no
// libsodium there) and natively. Used for content-addressed documents
// (workflow) and the client's offline login verifier (client/app).
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
