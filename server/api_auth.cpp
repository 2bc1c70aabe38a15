// POST /api/v1/auth/login and GET /api/v1/me.
// Login verifies the Argon2id hash outside the database lock (it takes tens of
// milliseconds by design) and is rate-limited per username + address
// (util/login_limiter.h).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "server_context.h"
#include "util/uuid.h"

namespace seimbang::server {

using nlohmann::json;

namespace {
// Verified against when the user does not exist, so a wrong username costs the
// same time as a wrong password (no user enumeration by timing).
const std::string& dummy_hash() {
    static const std::string h = hash_password("not-a-real-password", HashProfile::interactive);
    return h;
}

constexpr size_t kMaxUsername = 64, kMaxPassword = 1024, kMaxDeviceName = 100;

// The account's data is not replicated to its devices: on a national server
// (`serve --store`) the roles that read the national views see millions of rows
// of every instansi, which no browser copies; their client reads the views
// online instead (docs/SCALE.md "National views", docs/CLIENT.md "Online-only").
bool online_only(const ServerContext& ctx, const std::string& role) {
    const auto r = access::parse_role(role);
    return ctx.national != nullptr && r && access::may(*r, access::Feature::national_rollup);
}

json user_json(const ServerContext& ctx, const UserRow& u) {
    return {{"username", u.username}, {"display_name", u.display_name}, {"role", u.role}, {"office_id", u.office_id},
            {"employee_id", u.employee_id}, {"online_only", online_only(ctx, u.role)}};
}
}  // namespace

void mount_auth(httplib::Server& srv, ServerContext& ctx) {
    dummy_hash();
    srv.Post("/api/v1/auth/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::string body_error;
        json body = parse_json_body(req.body, &body_error);
        if (body.is_discarded()) return send(res, sync::error_reply(400, body_error));
        if (!body.is_object()) return send(res, sync::error_reply(400, "request.malformed_json"));
        for (const char* k : {"username", "password", "device_id"})
            if (!body.contains(k) || !body[k].is_string())
                return send(res, sync::error_reply(400, "request.bad_shape", k));
        if (body.contains("device_name") && !body["device_name"].is_string())
            return send(res, sync::error_reply(400, "request.bad_shape", "device_name"));
        const std::string username = body["username"], password = body["password"], device = body["device_id"];
        const std::string name = body.value("device_name", std::string());
        // Bounded before anything is kept or hashed (the limiter stores usernames).
        if (username.empty() || username.size() > kMaxUsername)
            return send(res, sync::error_reply(400, "request.bad_shape", "username"));
        if (password.size() > kMaxPassword) return send(res, sync::error_reply(400, "request.bad_shape", "password"));
        if (name.size() > kMaxDeviceName) return send(res, sync::error_reply(400, "request.bad_shape", "device_name"));
        if (!is_uuid(device)) return send(res, sync::error_reply(400, "request.bad_shape", "device_id"));

        // The attempt is reserved before the password is checked (parallel wrong
        // passwords cannot all be tried), per username + address.
        const int64_t wait = ctx.limiter.begin(username, req.remote_addr, sync::now_ms());
        if (wait > 0) {
            res.set_header("Retry-After", std::to_string(wait));
            return send(res, sync::error_reply(429, "auth.rate_limited"));
        }
        std::optional<UserRow> user;
        {
            std::lock_guard lock(ctx.mu);
            user = find_user(ctx.db, username);
        }
        // Always one verification (unknown users against a dummy hash), and a
        // disabled account answers exactly like a wrong password: the answer
        // never tells whether a username exists or a password was right.
        const bool verified = verify_password(user ? user->password_hash : dummy_hash(), password);
        const bool ok = verified && user && !user->disabled;
        ctx.limiter.finish(username, req.remote_addr, ok, sync::now_ms());
        if (!ok) return send(res, sync::error_reply(401, "auth.bad_credentials"));
        IssuedToken t;
        DeviceBinding bound;
        {
            std::lock_guard lock(ctx.mu);
            bound = issue_token(ctx.db, user->id, device, name, t);
        }
        if (bound == DeviceBinding::taken) return send(res, sync::error_reply(409, "auth.device_taken"));
        if (bound == DeviceBinding::revoked) return send(res, sync::error_reply(401, "auth.device_revoked"));
        send(res, {200, {{"token", t.token}, {"expires_at", t.expires_ms}, {"user", user_json(ctx, *user)}}});
    });

    srv.Get("/api/v1/me", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        send(res, {200,
                   {{"user",
                     {{"username", who->username},
                      {"display_name", who->display_name},
                      {"role", who->role},
                      {"office_id", who->office_id},
                      {"employee_id", who->employee_id},
                      {"online_only", online_only(ctx, who->role)}}},
                    {"device_id", who->device_id}}});
    });
}

}  // namespace seimbang::server
