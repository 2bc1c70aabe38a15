// The offline-login verifier: Argon2id through libsodium (no hand-written
// crypto), and the SHA-256 verifiers older versions stored still accepted once,
// then replaced.
#include <doctest/doctest.h>

#include "app/offline_credential.h"

using namespace seimbang::app;

TEST_CASE("offline credential: an Argon2id verifier with the documented cost accepts only its password") {
    const std::string v = make_offline_verifier("marelan2026");
    CHECK(v.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK(v.find("marelan2026") == std::string::npos);
    CHECK(make_offline_verifier("marelan2026") != v);  // salted
    const nlohmann::json cred = {{"argon2id", v}, {"name", "Operator Terjun"}};
    CHECK(check_offline_credential(cred, "marelan2026") == OfflineCheck::match);
    CHECK(check_offline_credential(cred, "marelan2027") == OfflineCheck::mismatch);
    CHECK(check_offline_credential(cred, "") == OfflineCheck::mismatch);
}

TEST_CASE("offline credential: the verifier of older versions is recognised (known answer) for an upgrade") {
    // hex(SHA-256^20000("0190aaaa-salt" || "marelan2026")), computed independently (Python hashlib).
    const nlohmann::json legacy = {{"salt", "0190aaaa-salt"},
                                   {"verifier", "fcfac2993b7fd4ebd8d9a6953aea55bcc3d03d527c90699a47aa48b87ec9425f"}};
    CHECK(check_offline_credential(legacy, "marelan2026") == OfflineCheck::legacy_match);
    CHECK(check_offline_credential(legacy, "marelan2025") == OfflineCheck::mismatch);
}

TEST_CASE("offline credential: damaged or foreign records never match") {
    CHECK(check_offline_credential(nlohmann::json(), "x") == OfflineCheck::mismatch);
    CHECK(check_offline_credential(nlohmann::json::array(), "x") == OfflineCheck::mismatch);
    CHECK(check_offline_credential({{"argon2id", 5}}, "x") == OfflineCheck::mismatch);
    CHECK(check_offline_credential({{"argon2id", "$argon2id$garbage"}}, "x") == OfflineCheck::mismatch);
    CHECK(check_offline_credential({{"salt", "s"}}, "x") == OfflineCheck::mismatch);
    CHECK(check_offline_credential({{"salt", "s"}, {"verifier", ""}}, "") == OfflineCheck::mismatch);
}
