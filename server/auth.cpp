#include "auth.h"

#include <sodium.h>

#include <stdexcept>

#include "access/access.h"
#include "store/repo.h"
#include "sync/hlc.h"
#include "util/uuid.h"

namespace seimbang::server {

namespace {
struct SodiumInit {
    SodiumInit() {
        if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
    }
};
void ensure_sodium() { static SodiumInit once; }

std::string hex(const unsigned char* p, size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), p, n);
    out.pop_back();
    return out;
}

bool equal_ct(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}
}  // namespace

std::string hash_password(const std::string& password, HashProfile profile) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    const auto ops = profile == HashProfile::fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const auto mem = profile == HashProfile::fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("password hashing failed (out of memory)");
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    ensure_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string token_hash(const std::string& token) {
    ensure_sodium();
    unsigned char h[crypto_generichash_BYTES];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    return hex(h, sizeof h);
}

std::optional<UserRow> find_user(store::Db& db, const std::string& username) {
    auto s = db.prepare("SELECT id, username, display_name, role, office_id, coalesce(employee_id, ''), "
                        "password_hash, disabled FROM users WHERE username = ?1");
    s.bind(1, username);
    if (!s.step()) return std::nullopt;
    return UserRow{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.int64(7) != 0};
}

std::string add_user(store::Db& db, const std::string& username, const std::string& display_name,
                     const std::string& role, const std::string& office_id, const std::string& employee_id,
                     const std::string& password, HashProfile profile) {
    if (!access::role_known(role)) throw std::runtime_error("user.bad_role");
    // (64: the longest username a login accepts, api_auth.cpp)
    if (username.empty() || username.size() > 64 || password.size() < 8)
        throw std::runtime_error("user.bad_credentials");
    if (!store::get_office(db, office_id)) throw std::runtime_error("office.not_found");
    if (find_user(db, username)) throw std::runtime_error("user.exists");
    const std::string hash = hash_password(password, profile);
    const std::string id = new_uuid_v7();
    auto s = db.prepare("INSERT INTO users(id, username, display_name, role, office_id, employee_id, password_hash, "
                        "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    s.bind(1, id).bind(2, username).bind(3, display_name.empty() ? username : display_name).bind(4, role);
    s.bind(5, office_id);
    if (employee_id.empty()) s.bind(6, nullptr);
    else s.bind(6, employee_id);
    s.bind(7, hash).bind(8, sync::now_ms());
    s.run();
    return id;
}

DeviceBinding issue_token(store::Db& db, const std::string& user_id, const std::string& device_id,
                          const std::string& device_name, IssuedToken& out, int64_t lifetime_ms) {
    ensure_sodium();
    DeviceBinding result = DeviceBinding::ok;
    db.transaction([&] {
        auto owner = db.prepare("SELECT user_id, revoked FROM devices WHERE device_id = ?1");
        owner.bind(1, device_id);
        if (owner.step()) {
            if (owner.text(0) != user_id) result = DeviceBinding::taken;
            else if (owner.int64(1) != 0) result = DeviceBinding::revoked;
        }
        if (result != DeviceBinding::ok) return;
        unsigned char raw[32];
        randombytes_buf(raw, sizeof raw);
        out = {"sbt_" + hex(raw, sizeof raw), sync::now_ms() + lifetime_ms};
        // (The conflict target can only be this user's own, unrevoked device: checked above.)
        auto s = db.prepare(
            "INSERT INTO devices(device_id, user_id, name, token_hash, created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
            "ON CONFLICT(device_id) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash, "
            "created_ms = excluded.created_ms, expires_ms = excluded.expires_ms "
            "WHERE devices.user_id = excluded.user_id AND devices.revoked = 0");
        s.bind(1, device_id).bind(2, user_id).bind(3, device_name).bind(4, token_hash(out.token)).bind(5, sync::now_ms());
        s.bind(6, out.expires_ms);
        s.run();
    });
    return result;
}

AuthResult authenticate(store::Db& db, const std::string& authorization, const std::string& device) {
    AuthResult r;
    const std::string prefix = "Bearer ";
    if (authorization.rfind(prefix, 0) != 0 || authorization.size() == prefix.size()) {
        r.error = sync::error_reply(401, "auth.missing_token");
        return r;
    }
    const std::string token = authorization.substr(prefix.size());
    auto s = db.prepare(
        "SELECT d.device_id, d.expires_ms, d.revoked, u.id, u.username, u.display_name, u.role, u.office_id, "
        "coalesce(u.employee_id, ''), u.disabled FROM devices d JOIN users u ON u.id = d.user_id "
        "WHERE d.token_hash = ?1");
    s.bind(1, token_hash(token));
    if (!s.step()) {
        r.error = sync::error_reply(401, "auth.invalid_token");
        return r;
    }
    // A token works only from the device it was issued to.
    if (!equal_ct(s.text(0), device)) {
        r.error = sync::error_reply(401, "auth.device_mismatch");
        return r;
    }
    if (s.int64(2) != 0) {
        r.error = sync::error_reply(401, "auth.device_revoked");
        return r;
    }
    if (s.int64(1) < sync::now_ms()) {
        r.error = sync::error_reply(401, "auth.token_expired");
        return r;
    }
    if (s.int64(9) != 0) {
        r.error = sync::error_reply(401, "auth.user_disabled");
        return r;
    }
    r.who = sync::Principal{s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8), s.text(0)};
    return r;
}

}  // namespace seimbang::server
