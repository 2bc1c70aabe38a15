// The verifier a device keeps of its last online login, so that later logins
// work without network. Argon2id (libsodium's crypto_pwhash_str, in the browser
// too: setup.sh builds libsodium with Emscripten) so that a stolen device's
// storage does not give the password up quickly. The verifier, never the
// password, is stored (local_meta `cred.<username>`).
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace seimbang::app {

// Argon2id cost: OWASP's first recommended setting (19 MiB, 2 passes, 1 lane).
// Measured in WebAssembly under Node on this machine: 0.1-0.3 s per
// verification (busy machine); a low-end phone is a few times slower and stays
// near a second.
constexpr unsigned long long kOfflineOpsLimit = 2;
constexpr size_t kOfflineMemLimit = 19u << 20;

// A new Argon2id verifier string ("$argon2id$v=19$m=19456,t=2,p=1$salt$hash").
std::string make_offline_verifier(std::string_view password);

enum class OfflineCheck { match, mismatch, legacy_match };

// Checks a password against a stored credential object. Accepts the Argon2id
// form {"argon2id": "..."} and the form older versions stored ({"salt", "verifier"}:
// 20,000 rounds of SHA-256, computed with libsodium): legacy_match tells the
// caller to replace it with an Argon2id verifier now that the password is known.
OfflineCheck check_offline_credential(const nlohmann::json& cred, std::string_view password);

}  // namespace seimbang::app
