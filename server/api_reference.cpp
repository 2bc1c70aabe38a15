// Reference data a device needs beyond its office scope (docs/SYNC.md §6.2):
//   GET /api/v1/reference/positions[?version=N]
// A light, read-only list of every active position of the instansi (id, name,
// office, golongan range, head flag, competence requirements) so a transfer
// request's destinations can be picked anywhere, also by a pegawai whose copy
// holds no positions. No person's data. `version` is the positions' latest
// change-log sequence: the same version answers {"version": N, "unchanged": true}.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "server_context.h"
#include "sync/scope.h"

namespace seimbang::server {

void mount_reference(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/reference/positions", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::role_known(who->role)) return send(res, sync::error_reply(403, "role.unknown"));
        int64_t version = 0;
        {
            auto s = ctx.db.prepare("SELECT COALESCE(MAX(_seq), 0) FROM positions");
            if (s.step()) version = s.int64(0);
        }
        if (answered_unchanged(req, res, version)) return;
        nlohmann::json list = nlohmann::json::array();
        auto s = ctx.db.prepare(
            "SELECT id, name, office_id, golongan_min, golongan_max, is_head, requirements FROM positions "
            "WHERE archived = 0 ORDER BY office_id, name, id");
        while (s.step()) {
            auto req_json = nlohmann::json::parse(s.text(6), nullptr, false);
            list.push_back({{"id", s.text(0)},
                            {"name", s.text(1)},
                            {"office_id", s.text(2)},
                            {"golongan_min", s.text(3)},
                            {"golongan_max", s.text(4)},
                            {"is_head", s.int64(5) != 0},
                            {"requirements", req_json.is_object() ? req_json : nlohmann::json::object()}});
        }
        send(req, res, sync::Reply{200, {{"version", version}, {"positions", std::move(list)}}});
    });
}

}  // namespace seimbang::server
