// Pelatihan Pimpinan (docs/TRAINING.md, docs/API.md):
//   GET /api/v1/training/results?scope=   completion and scores per leader whose
//                                         office lies in the scope (camat, bkpsdm;
//                                         the scope must be in their read scope);
//                                         leaders who never started are listed too
//   GET /api/v1/training/mine             the caller's own attempts, answers included
// Attempts arrive only as the `training_progress` sync command (shared/training/progress.h).
#include <unordered_set>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "server_context.h"
#include "store/repo.h"
#include "sync/scope.h"
#include "training/progress.h"

namespace seimbang::server {

namespace {

using nlohmann::json;

void fail(httplib::Response& res, int status, const std::string& code, const std::string& field = {}) {
    send(res, sync::error_reply(status, code, field));
}

// Active users of the training roles whose office lies in `offices`, by office then name.
std::vector<training::Leader> leaders(store::Db& db, const std::unordered_set<std::string>& offices) {
    std::vector<training::Leader> out;
    auto s = db.prepare(
        "SELECT u.username, u.display_name, u.role, u.office_id, coalesce(o.name, '') FROM users u "
        "LEFT JOIN offices o ON o.id = u.office_id WHERE u.disabled = 0 ORDER BY o.name, u.display_name, u.username");
    while (s.step()) {
        training::Leader l{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
        if (offices.count(l.office_id) && access::may(l.role, access::Feature::training_take)) out.push_back(std::move(l));
    }
    return out;
}

}  // namespace

void mount_training(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/training/results", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::training_results)) return fail(res, 403, "role.forbidden");
        const std::string scope = req.has_param("scope") ? req.get_param_value("scope") : who->office_id;
        if (!store::get_office(ctx.db, scope)) return fail(res, 404, "office.not_found", "scope");
        if (!sync::read_scope(ctx.db, *who).contains(scope)) return fail(res, 403, "scope.forbidden", "scope");
        std::unordered_set<std::string> offices;
        for (auto& id : store::office_subtree(ctx.db, scope)) offices.insert(std::move(id));
        json people = json::array();
        for (const auto& p : training::summarise(ctx.db, leaders(ctx.db, offices))) people.push_back(training::to_json(p));
        const auto& all = training::content();
        send(req, res,
             sync::Reply{200, {{"scope", scope},
                               {"lessons_total", all.lessons.size()},
                               {"cases_total", all.cases.size()},
                               {"people", std::move(people)}}});
    });

    srv.Get("/api/v1/training/mine", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::training_take)) return fail(res, 403, "role.forbidden");
        json items = json::array();
        for (const auto& p : training::progress_of(ctx.db, who->username))
            items.push_back({{"item_id", p.item_id}, {"kind", p.kind}, {"total", p.total}, {"good", p.good},
                             {"attempts", p.attempts}, {"detail", p.detail}, {"updated_ms", p.updated_ms}});
        res.set_header("Cache-Control", "no-store");
        send(res, sync::Reply{200, {{"items", std::move(items)}}});
    });
}

}  // namespace seimbang::server
