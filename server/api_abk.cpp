// GET /api/v1/abk?scope=OFFICE_ID&year=YYYY — workload analysis for an office
// subtree, computed from the server's current data. Any signed-in role except
// pegawai may read ABK inside its read scope; the default scope is the caller's
// own office.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "abk/json_output.h"
#include "access/access.h"
#include "api.h"
#include "model/date.h"
#include "server_context.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "sync/scope.h"

namespace seimbang::server {

namespace {
void error(httplib::Response& res, int status, const char* code) {
    send(res, {status, {{"error", {{"code", code}}}}});
}
}  // namespace

void mount_abk(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/abk", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::abk_read)) return error(res, 403, "role.forbidden");
        const std::string scope = req.has_param("scope") ? req.get_param_value("scope") : who->office_id;
        int year = today_utc().year;  // default: this year
        if (req.has_param("year")) {
            try {
                year = std::stoi(req.get_param_value("year"));
            } catch (const std::exception&) {
                year = 0;
            }
            if (year < 2000 || year > 2200) return error(res, 400, "abk.bad_year");
        }
        if (!store::get_office(ctx.db, scope)) return error(res, 404, "office.not_found");
        if (!sync::read_scope(ctx.db, *who).contains(scope)) return error(res, 403, "scope.forbidden");

        const auto report = store::analyse_scope(ctx.db, scope, year, store::load_settings(ctx.db));
        nlohmann::json body = abk::to_json(report.result);
        body["rollup"] = nlohmann::json::array();
        for (const auto& u : report.rollup) body["rollup"].push_back(abk::to_json(u));
        // Names for display: ids are the keys, names can change.
        nlohmann::json names = nlohmann::json::object();
        for (const auto& o : store::list_offices(ctx.db)) names[o.id] = o.name;
        for (const auto& p : store::list_positions(ctx.db, scope)) names[p.id] = p.name;
        body["names"] = names;
        body["scope"] = scope;
        body["year"] = year;
        send(req, res, {200, body});
    });
}

}  // namespace seimbang::server
