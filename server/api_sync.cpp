// POST /api/v1/sync/push and GET /api/v1/sync/pull (docs/SYNC.md). The body is
// parsed before taking the database lock; the whole push (idempotency check,
// merge, change log, idempotency record) is one transaction under the lock,
// and the answer is sent only after it committed.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api.h"
#include "server_context.h"

namespace seimbang::server {

using nlohmann::json;

namespace {
bool parse_int(const std::string& s, int64_t& out) {
    if (s.empty() || s.size() > 18) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    out = std::stoll(s);
    return true;
}
}  // namespace

void mount_sync(httplib::Server& srv, ServerContext& ctx) {
    srv.Post("/api/v1/sync/push", [&ctx](const httplib::Request& req, httplib::Response& res) {
        // Parsed (and checked) before taking the lock: with several devices
        // pushing, it runs on another core while one push holds the database.
        sync::PushRequest body = sync::parse_push_request(req.body);
        sync::Reply reply;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            reply = ctx.sync->push(*who, std::move(body));
        }
        send(res, reply);
    });

    srv.Get("/api/v1/sync/pull", [&ctx](const httplib::Request& req, httplib::Response& res) {
        int64_t cursor = 0, limit = 1000;
        if (req.has_param("cursor") && !parse_int(req.get_param_value("cursor"), cursor))
            return send(res, sync::error_reply(400, "request.bad_cursor"));
        if (req.has_param("limit") && !parse_int(req.get_param_value("limit"), limit))
            return send(res, sync::error_reply(400, "request.bad_limit"));
        const bool snapshot = req.get_param_value("snapshot") == "1";
        sync::Reply reply;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            reply = ctx.sync->pull(*who, cursor, static_cast<int>(std::min<int64_t>(limit, 100000)), snapshot, true);
        }
        send(req, res, reply);  // compressed outside the database lock
    });
}

}  // namespace seimbang::server
