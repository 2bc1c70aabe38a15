#include "util/sha256.h"

#include <sodium.h>

namespace seimbang {

// libsodium's SHA-256 (Debian libsodium natively, built with Emscripten by
// setup.sh for the browser): the one implementation in the product.
std::array<uint8_t, 32> sha256(std::string_view data) {
    static_assert(crypto_hash_sha256_BYTES == 32);
    std::array<uint8_t, 32> out{};
    // crypto_hash_sha256 needs no sodium_init(): it uses no random numbers and no CPU dispatch.
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return out;
}

std::string sha256_hex(std::string_view data) {
    const auto d = sha256(data);
    return to_hex(d.data(), d.size());
}

std::string to_hex(const uint8_t* p, size_t n) {
    std::string hex(n * 2, '0');
    sodium_bin2hex(hex.data(), hex.size() + 1, p, n);
    return hex;
}

}  // namespace seimbang
