// SHA-256 for content-addressed documents (workflow blobs): libsodium's
// crypto_hash_sha256 in both builds (the browser's libsodium is built with
// Emscripten by scripts/setup.sh). No hand-written crypto.
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
