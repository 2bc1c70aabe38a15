#include "app/offline_credential.h"

#include <array>
#include <cstdio>
#include <stdexcept>

#include <sodium.h>

namespace seimbang::app {
namespace {

void init_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium could not be initialised");
}

// The verifier of versions before Argon2id: hex(SHA-256^20000(salt || password)).
std::string legacy_verifier(std::string_view salt, std::string_view password) {
    std::string data(salt);
    data += password;
    std::array<unsigned char, crypto_hash_sha256_BYTES> h{};
    crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
    for (int i = 1; i < 20000; ++i) crypto_hash_sha256(h.data(), h.data(), h.size());
    std::string hex(h.size() * 2, '0');
    sodium_bin2hex(hex.data(), hex.size() + 1, h.data(), h.size());
    return hex;
}

}  // namespace

std::string make_offline_verifier(std::string_view password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOfflineOpsLimit, kOfflineMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing the offline verifier");
    return out;
}

OfflineCheck check_offline_credential(const nlohmann::json& cred, std::string_view password) {
    init_sodium();
    if (!cred.is_object()) return OfflineCheck::mismatch;
    if (auto it = cred.find("argon2id"); it != cred.end() && it->is_string()) {
        const std::string& str = it->get_ref<const std::string&>();
        return crypto_pwhash_str_verify(str.c_str(), password.data(), password.size()) == 0 ? OfflineCheck::match
                                                                                             : OfflineCheck::mismatch;
    }
    auto salt = cred.find("salt"), verifier = cred.find("verifier");
    if (salt == cred.end() || verifier == cred.end() || !salt->is_string() || !verifier->is_string())
        return OfflineCheck::mismatch;
    const std::string expected = verifier->get<std::string>();
    const std::string got = legacy_verifier(salt->get<std::string>(), password);
    if (expected.size() != got.size() || sodium_memcmp(expected.data(), got.data(), got.size()) != 0)
        return OfflineCheck::mismatch;
    return OfflineCheck::legacy_match;
}

}  // namespace seimbang::app
