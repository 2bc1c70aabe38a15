// SHA-256 (FIPS 180-4), used only to keep a salted, stretched verifier of the
// last online login so later logins work offline. The browser build has no
// libsodium; a verifier (not the password) is what is stored.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace seimbang::app {

std::array<uint8_t, 32> sha256(std::string_view data);
std::string to_hex(const uint8_t* p, size_t n);

// hex(SHA-256^rounds(salt || password)).
std::string password_verifier(std::string_view salt, std::string_view password, int rounds = 20000);

}  // namespace seimbang::app
