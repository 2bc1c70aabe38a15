// [upstream] GET /api/v1/upstream/status (bkpsdm, access::Feature::upstream_status):
// what this instansi server still has to forward to the national tier, the
// last success and the last error (docs/SCALE.md "Upstream"); the same JSON as
// `seimbang-server upstream status`, or {"configured": false} when the server
// never signed in upstream. Read through connections of its own, outside the
// database lock (the replica is another file; the instansi database is a WAL
// reader here).
#include <sys/stat.h>

#include <httplib.h>

#include "access/access.h"
#include "api.h"
#include "server_context.h"
#include "upstream.h"

namespace seimbang::server {

void mount_upstream(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/upstream/status", [&ctx](const httplib::Request& req, httplib::Response& res) {
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            if (!access::may(who->role, access::Feature::upstream_status))
                return send(res, sync::error_reply(403, "role.forbidden"));
        }
        const std::string path = ctx.db.path();
        struct stat st {};
        if (::stat(upstream::replica_path(path).c_str(), &st) != 0)
            return send(res, sync::Reply{200, {{"configured", false}}});
        store::Db instansi(path);
        auto replica = upstream::open_replica(path);
        nlohmann::json j = upstream::status(instansi, *replica);
        j["configured"] = true;
        send(res, sync::Reply{200, std::move(j)});
    });
}

}  // namespace seimbang::server
