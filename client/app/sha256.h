// SHA-256 (FIPS 180-4), used only to keep a salted, stretched verifier of the
// last online login so later logins work offline. The browser build has no
// libsodium; a verifier (not the password) is what is stored.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/sha256.h"

namespace seimbang::app {

using seimbang::sha256;  // (shared/util/sha256.h)
using seimbang::to_hex;

// hex(SHA-256^rounds(salt || password)).
std::string password_verifier(std::string_view salt, std::string_view password, int rounds = 20000);

}  // namespace seimbang::app
