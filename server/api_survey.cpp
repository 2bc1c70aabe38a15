// Survei Kepuasan Pegawai (docs/SURVEY.md, docs/API.md):
//   GET  /api/v1/surveys                       campaigns this user may answer or read, with the instrument
//   POST /api/v1/surveys                       open a campaign (camat, bkpsdm; scope in their write scope)
//   POST /api/v1/surveys/{id}/codes            kiosk codes for an office {office_id, count}
//   GET  /api/v1/surveys/{id}/results?scope=&year=   results under the k rule (not pegawai)
//   GET  /api/v1/surveys/trend?scope=          overall index per campaign under the k rule (not pegawai)
// Answers never come through here: they arrive as the `survey_answer` sync
// command and are never sent back, not even to their author.
#include <algorithm>
#include <cctype>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "model/date.h"
#include "server_context.h"
#include "store/repo.h"
#include "survey/survey_db.h"
#include "sync/hlc.h"
#include "sync/scope.h"
#include "workflow/sync_commands.h"

namespace seimbang::server {

namespace {

using nlohmann::json;

void fail(httplib::Response& res, int status, const std::string& code, const std::string& field = {}) {
    send(res, sync::error_reply(status, code, field));
}

// The campaigns whose scope holds the user's office, or lies in their read scope.
bool concerns(store::Db& db, const sync::Scope& rs, const sync::Principal& who, const survey::Campaign& c) {
    if (rs.contains(c.scope_office_id)) return true;
    const auto sub = store::office_subtree(db, c.scope_office_id);
    return std::find(sub.begin(), sub.end(), who.office_id) != sub.end();
}

// ?scope= (default: the user's office), which must exist and be readable.
std::optional<std::string> read_scope_param(ServerContext& ctx, const httplib::Request& req, httplib::Response& res,
                                            const sync::Principal& who) {
    const std::string scope = req.has_param("scope") ? req.get_param_value("scope") : who.office_id;
    if (!store::get_office(ctx.db, scope)) return fail(res, 404, "office.not_found"), std::nullopt;
    if (!sync::read_scope(ctx.db, who).contains(scope)) return fail(res, 403, "scope.forbidden"), std::nullopt;
    return scope;
}

}  // namespace

void mount_survey(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/surveys", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::role_known(who->role)) return fail(res, 403, "role.unknown");
        const sync::Scope rs = sync::read_scope(ctx.db, *who);
        const Date today = workflow::today_wib();
        json list = json::array();
        for (const auto& c : survey::list_campaigns(ctx.db)) {
            if (!concerns(ctx.db, rs, *who, c)) continue;
            json j = survey::to_json(c);
            j["open"] = survey::is_open(c, today);
            // Whether this user has answered (their own participation mark only).
            j["answered"] = !who->employee_id.empty() && survey::has_participated(ctx.db, c.id, who->employee_id);
            list.push_back(std::move(j));
        }
        send(req, res,
             sync::Reply{200, {{"k", survey::load_survey_settings(ctx.db).min_group},
                               {"today", format_iso_date(today)},
                               {"campaigns", std::move(list)}}});
    });

    srv.Post("/api/v1/surveys", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::string err;
        const json body = parse_json_body(req.body, &err);
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::survey_create)) return fail(res, 403, "survey.forbidden_create");
        if (body.is_discarded()) return fail(res, 400, err);
        if (!body.is_object()) return fail(res, 400, "request.bad_shape");
        survey::Campaign c;
        auto text = [&](const char* key) {
            return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
        };
        c.title = text("title");
        c.period = text("period");
        c.scope_office_id = text("scope_office_id").empty() ? who->office_id : text("scope_office_id");
        c.opens = text("opens");
        c.closes = text("closes");
        c.created_by = who->username;
        c.created_ms = sync::now_ms();
        if (store::get_office(ctx.db, c.scope_office_id) && !sync::write_scope(ctx.db, *who).contains(c.scope_office_id))
            return fail(res, 403, "scope.forbidden");
        Check k = survey::create_campaign(ctx.db, c);
        if (const Issue* i = k.first_error()) return fail(res, 400, i->code, i->field);
        json j = survey::to_json(c);
        j["open"] = survey::is_open(c, workflow::today_wib());
        j["answered"] = false;
        send(res, sync::Reply{201, {{"campaign", std::move(j)}}});
    });

    srv.Post(R"(/api/v1/surveys/([0-9a-f-]{36})/codes)", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::string err;
        const json body = parse_json_body(req.body, &err);
        const std::string id = req.matches[1];
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::survey_kiosk)) return fail(res, 403, "role.forbidden");
        if (body.is_discarded()) return fail(res, 400, err);
        if (!body.is_object()) return fail(res, 400, "request.bad_shape");
        const std::string office = body.value("office_id", who->office_id);
        const int count = body.contains("count") && body["count"].is_number_integer() ? body["count"].get<int>() : 0;
        if (!survey::get_campaign(ctx.db, id)) return fail(res, 404, "survey.unknown_campaign");
        if (!sync::write_scope(ctx.db, *who).contains(office)) return fail(res, 403, "scope.forbidden");
        auto issued = survey::issue_codes(ctx.db, id, office, count);
        if (const Issue* i = issued.check.first_error()) return fail(res, 400, i->code, i->field);
        res.set_header("Cache-Control", "no-store");
        send(res, sync::Reply{200, {{"campaign_id", id}, {"office_id", office}, {"codes", issued.codes}}});
    });

    srv.Get(R"(/api/v1/surveys/([0-9a-f-]{36})/results)", [&ctx](const httplib::Request& req, httplib::Response& res) {
        const std::string id = req.matches[1];
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::survey_results)) return fail(res, 403, "role.forbidden");
        int year = today_utc().year;
        if (req.has_param("year")) {
            const std::string y = req.get_param_value("year");
            year = y.size() == 4 && std::all_of(y.begin(), y.end(), ::isdigit) ? std::stoi(y) : 0;
            if (year < 2000 || year > 2200) return fail(res, 400, "abk.bad_year");
        }
        const auto c = survey::get_campaign(ctx.db, id);
        if (!c) return fail(res, 404, "survey.unknown_campaign");
        const auto scope = read_scope_param(ctx, req, res, *who);
        if (!scope) return;
        send(req, res, sync::Reply{200, survey::to_json(survey::campaign_results(ctx.db, *c, *scope, year))});
    });

    srv.Get("/api/v1/surveys/trend", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::survey_results)) return fail(res, 403, "role.forbidden");
        const auto scope = read_scope_param(ctx, req, res, *who);
        if (!scope) return;
        send(req, res, sync::Reply{200, {{"scope", *scope}, {"trend", survey::to_json(survey::trend(ctx.db, *scope))}}});
    });
}

}  // namespace seimbang::server
