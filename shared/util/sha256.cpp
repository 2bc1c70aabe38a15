#include "util/sha256.h"

#include <sodium.h>

namespace seimbang {

// libsodium's SHA-256 (Debian libsodium natively, built with Emscripten by
// setup.sh for the browser): the one implementation in the product.
std::array<uint8_t, 32> sha256(std::string_view data) {
    std::array<uint8_t, 32> out{};
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return out;
}

std::string to_hex(const uint8_t* p, size_t n) {
    static const char* d = "0123456789abcdef";
    std::string s;
    s.reserve(2 * n);
    for (size_t i = 0; i < n; ++i) {
        s += d[p[i] >> 4];
        s += d[p[i] & 15];
    }
    return s;
}

std::string sha256_hex(std::string_view data) {
    const auto h = sha256(data);
    return to_hex(h.data(), h.size());
}

}  // namespace seimbang
