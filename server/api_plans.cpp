// POST /api/v1/plans — a rebalancing plan for an office subtree, from the
// server's current data (planner: shared/plan/service.h). Roles camat, bkpsdm
// and pusat; the scope office must lie in the caller's read scope. The
// instance is read under the database lock; the solver runs outside it so
// pushes from offices are not held up by a long plan.
#include <httplib.h>

#include <ctime>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "model/date.h"
#include "plan/planner.h"
#include "plan/plan_json.h"
#include "plan/service.h"
#include "server_context.h"
#include "store/repo.h"
#include "sync/scope.h"

namespace seimbang::server {

namespace {
sync::Reply issue_reply(int status, const Issue& i) {
    sync::Reply r = sync::error_reply(status, i.code, i.detail);
    if (!i.field.empty()) r.body["error"]["field"] = i.field;
    return r;
}
}  // namespace

void mount_plans(httplib::Server& srv, ServerContext& ctx) {
    srv.Post("/api/v1/plans", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::string body_error = "request.malformed_json";
        nlohmann::json body = parse_json_body(req.body, &body_error);
        std::optional<plan::Instance> inst;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            if (!access::may(who->role, access::Feature::plan_run))
                return send(res, sync::error_reply(403, "role.forbidden"));
            if (body.is_discarded() || !body.is_object()) return send(res, sync::error_reply(400, body_error));
            auto q = plan::parse_plan_request(body, today_utc());
            if (const Issue* i = std::get_if<Issue>(&q)) return send(res, issue_reply(400, *i));
            const auto& query = std::get<plan::DbQuery>(q);
            if (!store::get_office(ctx.db, query.scope_office_id))
                return send(res, sync::error_reply(404, "office.not_found"));
            if (!sync::read_scope(ctx.db, *who).contains(query.scope_office_id))
                return send(res, sync::error_reply(403, "scope.forbidden"));
            auto built = plan::instance_from_db(ctx.db, query);
            if (const Issue* i = std::get_if<Issue>(&built)) return send(res, issue_reply(400, *i));
            inst = std::move(std::get<plan::Instance>(built));
        }
        const plan::Plan p = plan::solve(*inst);
        if (!p.ok) return send(res, sync::error_reply(500, "plan.error.solver_failed"));
        send(req, res, {200, plan::to_json(*inst, p, i18n::Lang::id)});
    });
}

}  // namespace seimbang::server
