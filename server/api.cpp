#include "api.h"

#include <httplib.h>

#include "server_context.h"

namespace seimbang::server {

void mount_api(httplib::Server& srv, ServerContext& ctx) {
    mount_health(srv, ctx);
    mount_auth(srv, ctx);
    mount_sync(srv, ctx);
    mount_abk(srv, ctx);
    mount_plans(srv, ctx);
    mount_requests(srv, ctx);
    mount_blobs(srv, ctx);
}

void send(httplib::Response& res, const sync::Reply& reply) {
    res.status = reply.status;
    res.set_content(reply.text.empty() ? reply.body.dump() : reply.text, "application/json");
}

std::optional<sync::Principal> require_auth(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
    AuthResult a = authenticate(ctx.db, req.get_header_value("Authorization"), req.get_header_value("X-Device-Id"));
    if (!a.who) send(res, a.error);
    return a.who;
}

}  // namespace seimbang::server
