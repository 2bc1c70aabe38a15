// Users, password hashes (Argon2id via libsodium), device tokens, and the
// per-request authentication of the API. Tokens are 32 random bytes shown once
// to the device; only their BLAKE2b hash is stored, bound to one device id,
// expiring and revocable. See docs/API.md for the error codes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.h"
#include "sync/scope.h"
#include "sync/server_sync.h"

namespace seimbang::server {

// interactive: libsodium's interactive limits (Argon2id, 64 MiB). fast: the
// minimum limits, for test fixtures only (`init --demo --fast-hashes`).
enum class HashProfile { interactive, fast };
std::string hash_password(const std::string& password, HashProfile profile);
bool verify_password(const std::string& hash, const std::string& password);

struct UserRow {
    std::string id, username, display_name, role, office_id, employee_id, password_hash;
    bool disabled = false;
};
std::optional<UserRow> find_user(store::Db& db, const std::string& username);
// Throws std::runtime_error with a code ("user.exists", "user.bad_role", "office.not_found").
std::string add_user(store::Db& db, const std::string& username, const std::string& display_name,
                     const std::string& role, const std::string& office_id, const std::string& employee_id,
                     const std::string& password, HashProfile profile);

constexpr int64_t kTokenLifetimeMs = 30LL * 24 * 3600 * 1000;

struct IssuedToken {
    std::string token;
    int64_t expires_ms = 0;
};
// A device id belongs to the first user who logged in with it, for ever: a
// token is never issued to another user for it (`taken`), and a revoked device
// stays revoked (`revoked`); the idempotency records of a device (its pushes'
// answers) can then only ever be replayed to their own user.
enum class DeviceBinding { ok, taken, revoked };
// Binds a fresh token to the device (replacing the user's earlier token of that device).
DeviceBinding issue_token(store::Db& db, const std::string& user_id, const std::string& device_id,
                          const std::string& device_name, IssuedToken& out, int64_t lifetime_ms = kTokenLifetimeMs);

struct AuthResult {
    std::optional<sync::Principal> who;
    sync::Reply error;  // 401 with a specific code when `who` is empty
};
// `authorization`: the Authorization header ("Bearer …"); `device`: X-Device-Id.
AuthResult authenticate(store::Db& db, const std::string& authorization, const std::string& device);

std::string token_hash(const std::string& token);

}  // namespace seimbang::server
