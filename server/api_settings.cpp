// The rule settings of the instansi (docs/SETTINGS.md):
//   GET /api/v1/settings[?version=N]  every known role: the groups in force, the
//       version (highest settings_log id) and who changed them last; the same
//       version answers {"version": N, "unchanged": true}. Devices fetch it at
//       the end of each sync, so every office computes with the same values.
//   PUT /api/v1/settings  bkpsdm (access::Feature::settings_edit):
//       {"group": "rules"|"workflow"|"survey", "value": {...}, "version": N}
//       checked by the group's own rules (400 with the code and field), refused
//       when someone changed the settings since `version` was read (409
//       settings.changed: nothing is overwritten unseen), logged with who, when,
//       before and after.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "server_context.h"
#include "settings/settings_doc.h"
#include "settings_log.h"
#include "sync/scope.h"

namespace seimbang::server {

namespace {
using nlohmann::json;

struct Version {
    int64_t id = 0;
    std::string username;
    int64_t at_ms = 0;
};

Version latest(store::Db& db) {
    Version v;
    auto s = db.prepare("SELECT id, username, at_ms FROM settings_log ORDER BY id DESC LIMIT 1");
    if (s.step()) v = {s.int64(0), s.text(1), s.int64(2)};
    return v;
}

json answer(store::Db& db) {
    const Version v = latest(db);
    return {{"version", v.id}, {"changed_by", v.username}, {"changed_ms", v.at_ms}, {"settings", settings::current(db)}};
}
}  // namespace

void mount_settings(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/settings", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::role_known(who->role)) return send(res, sync::error_reply(403, "role.unknown"));
        const int64_t version = latest(ctx.db).id;
        if (answered_unchanged(req, res, version)) return;
        send(res, sync::Reply{200, answer(ctx.db)});
    });

    srv.Put("/api/v1/settings", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::string err;
        const json body = parse_json_body(req.body, &err);
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::settings_edit))
            return send(res, sync::error_reply(403, "settings.forbidden"));
        if (body.is_discarded()) return send(res, sync::error_reply(400, err));
        if (!body.is_object() || !body.contains("group") || !body["group"].is_string() || !body.contains("value") ||
            !body.contains("version") || !body["version"].is_number_integer())
            return send(res, sync::error_reply(400, "request.bad_shape"));
        const std::string group = body["group"];
        if (body["version"].get<int64_t>() != latest(ctx.db).id)
            return send(res, sync::error_reply(409, "settings.changed"));
        json canonical;
        const Check c = settings::check_group(group, body["value"], canonical);
        if (const Issue* i = c.first_error()) return send(res, sync::error_reply(400, i->code, i->field));
        write_settings_logged(ctx.db, group, canonical, who->username, who->role);  // (unchanged: nothing logged)
        send(res, sync::Reply{200, answer(ctx.db)});
    });

    // The change log, newest first (who changed which group when; bkpsdm and camat).
    srv.Get("/api/v1/settings/log", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::abk_read)) return send(res, sync::error_reply(403, "settings.forbidden"));
        json list = json::array();
        auto s = ctx.db.prepare(
            "SELECT id, grp, before, after, username, role, at_ms FROM settings_log ORDER BY id DESC LIMIT 200");
        while (s.step())
            list.push_back({{"version", s.int64(0)},
                            {"group", s.text(1)},
                            {"before", json::parse(s.text(2), nullptr, false)},
                            {"after", json::parse(s.text(3), nullptr, false)},
                            {"username", s.text(4)},
                            {"role", s.text(5)},
                            {"at_ms", s.int64(6)}});
        send(res, sync::Reply{200, {{"changes", std::move(list)}}});
    });
}

}  // namespace seimbang::server
