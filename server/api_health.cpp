// GET /api/v1/health (liveness + database check) and GET /api/v1/version.
// Both are public: they reveal no data and let monitors and clients probe.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api.h"
#include "http_compress.h"
#include "server_context.h"
#include "store/schema.h"

namespace seimbang::server {

void mount_health(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/health", [&ctx](const httplib::Request&, httplib::Response& res) {
        bool ok = true;
        try {
            std::lock_guard lock(ctx.mu);
            auto s = ctx.db.prepare("SELECT 1");
            ok = s.step();
        } catch (const std::exception&) {
            ok = false;
        }
        res.status = ok ? 200 : 503;
        res.set_content(nlohmann::json{{"status", ok ? "ok" : "unavailable"}}.dump(), kJsonType);
    });
    srv.Get("/api/v1/version", [&ctx](const httplib::Request&, httplib::Response& res) {
        res.set_content(nlohmann::json{{"version", ctx.version},
                                       {"schema_version", store::latest_schema_version()},
                                       {"min_schema_version", std::max(1, store::latest_schema_version() - 1)}}
                            .dump(),
                        kJsonType);
    });
}

}  // namespace seimbang::server
