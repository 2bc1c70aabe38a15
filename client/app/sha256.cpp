#include "app/sha256.h"

namespace seimbang::app {

std::string password_verifier(std::string_view salt, std::string_view password, int rounds) {
    std::string buf(salt);
    buf += password;
    auto h = sha256(buf);
    for (int i = 1; i < rounds; ++i) h = sha256(std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
    return to_hex(h.data(), h.size());
}

}  // namespace seimbang::app
