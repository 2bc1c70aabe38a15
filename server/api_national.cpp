// GET /api/v1/national/abk?year=N (docs/SCALE.md "National roll-up"): the
// national ABK figures for the `pusat` role on a national server (`serve
// --store postgresql://…`): per instansi, per province and per jabatan
// nationwide, computed in PostgreSQL; a browser at the centre never
// replicates millions of rows. 404 `national.not_configured` on an instansi
// server (no national store).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "model/date.h"
#include "server_context.h"
#include "store/repo.h"

namespace seimbang::server {

void mount_national(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/national/abk", [&ctx](const httplib::Request& req, httplib::Response& res) {
        Settings settings;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            if (!access::may(who->role, access::Feature::national_rollup))
                return send(res, sync::error_reply(403, "role.forbidden"));
            if (!ctx.national) return send(res, sync::error_reply(404, "national.not_configured"));
            // The rule settings the centre keeps (its control database), the same the ABK engine reads.
            settings = store::load_settings(ctx.db);
        }
        int year = today_utc().year;
        if (req.has_param("year")) {
            try {
                year = std::stoi(req.get_param_value("year"));
            } catch (const std::exception&) {
                year = 0;
            }
            if (year < 2000 || year > 2200) return send(res, sync::error_reply(400, "abk.bad_year"));
        }
        send(req, res, {200, ctx.national->rollup(year, settings)});  // (outside the control database's lock)
    });
}

}  // namespace seimbang::server
