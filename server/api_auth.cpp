// POST /api/v1/auth/login and GET /api/v1/me.
// Login verifies the Argon2id hash outside the database lock (it takes tens of
// milliseconds by design) and is rate-limited per username and per address.
#include <httplib.h>

#include <nlohmann/json.hpp>

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

json user_json(const UserRow& u) {
    return {{"username", u.username}, {"display_name", u.display_name}, {"role", u.role}, {"office_id", u.office_id},
            {"employee_id", u.employee_id}};
}
}  // namespace

void mount_auth(httplib::Server& srv, ServerContext& ctx) {
    dummy_hash();
    srv.Post("/api/v1/auth/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) return send(res, sync::error_reply(400, "request.malformed_json"));
        for (const char* k : {"username", "password", "device_id"})
            if (!body.contains(k) || !body[k].is_string())
                return send(res, sync::error_reply(400, "request.bad_shape", k));
        const std::string username = body["username"], password = body["password"], device = body["device_id"];
        const std::string name = body.value("device_name", std::string());
        if (!is_uuid(device)) return send(res, sync::error_reply(400, "request.bad_shape", "device_id"));

        const int64_t now = sync::now_ms();
        const std::string user_key = "u:" + username, addr_key = "a:" + req.remote_addr;
        const int64_t wait = std::max(ctx.limiter.retry_after_s(user_key, now), ctx.limiter.retry_after_s(addr_key, now));
        if (wait > 0) {
            res.set_header("Retry-After", std::to_string(wait));
            return send(res, sync::error_reply(429, "auth.rate_limited"));
        }
        std::optional<UserRow> user;
        {
            std::lock_guard lock(ctx.mu);
            user = find_user(ctx.db, username);
        }
        const bool ok = verify_password(user ? user->password_hash : dummy_hash(), password) && user;
        if (!ok || user->disabled) {
            ctx.limiter.failure(user_key, now);
            ctx.limiter.failure(addr_key, now);
            return send(res, sync::error_reply(401, ok ? "auth.user_disabled" : "auth.bad_credentials"));
        }
        ctx.limiter.success(user_key);
        IssuedToken t;
        {
            std::lock_guard lock(ctx.mu);
            t = issue_token(ctx.db, user->id, device, name);
        }
        send(res, {200, {{"token", t.token}, {"expires_at", t.expires_ms}, {"user", user_json(*user)}}});
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
                      {"employee_id", who->employee_id}}},
                    {"device_id", who->device_id}}});
    });
}

}  // namespace seimbang::server
