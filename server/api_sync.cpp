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

void mount_sync(httplib::Server& srv, ServerContext& ctx) {
    srv.Post("/api/v1/sync/push", [&ctx](const httplib::Request& req, httplib::Response& res) {
        // Parsed (and checked) before taking the lock: with several devices
        // pushing, it runs on another core while one push holds the database.
        sync::PushRequest body = sync::parse_push_request(req.body);
        sync::Reply reply;
        std::optional<sync::Principal> principal;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            // The national tier: the push goes to PostgreSQL, outside the control database's lock.
            if (ctx.national) principal = std::move(*who);
            else reply = ctx.sync->push(*who, std::move(body));
        }
        if (principal) reply = ctx.national->push(*principal, std::move(body));
        send(res, reply);
    });

    srv.Get("/api/v1/sync/pull", [&ctx](const httplib::Request& req, httplib::Response& res) {
        auto param = [&req](const char* name) -> std::optional<std::string_view> {
            if (!req.has_param(name)) return std::nullopt;
            return std::string_view(req.params.find(name)->second);
        };
        const sync::PullParams p = sync::parse_pull_params(param("cursor"), param("limit"), param("snapshot"));
        if (!p.error.empty()) return send(res, sync::error_reply(400, p.error));
        sync::Reply reply;
        std::optional<sync::Principal> principal;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            if (ctx.national) principal = std::move(*who);
            else reply = ctx.sync->pull(*who, p.cursor, p.limit, p.snapshot, true);
        }
        if (principal) reply = ctx.national->pull(*principal, p.cursor, p.limit);
        send(req, res, reply);  // compressed outside the database lock
    });
}

}  // namespace seimbang::server
