#include "api.h"

#include <httplib.h>

#include "http_compress.h"
#include "server_context.h"
#include "util/json_depth.h"

namespace seimbang::server {

void mount_api(httplib::Server& srv, ServerContext& ctx) {
    mount_health(srv, ctx);
    mount_auth(srv, ctx);
    mount_sync(srv, ctx);
    mount_national(srv, ctx);
    mount_abk(srv, ctx);
    mount_plans(srv, ctx);
    mount_reports(srv, ctx);
    mount_requests(srv, ctx);
    mount_blobs(srv, ctx);
    mount_reference(srv, ctx);
    mount_snapshots(srv, ctx);
    mount_survey(srv, ctx);
    mount_settings(srv, ctx);
    mount_training(srv, ctx);
    mount_upstream(srv, ctx);
    mount_person(srv, ctx);
}

void send(httplib::Response& res, const sync::Reply& reply) {
    res.status = reply.status;
    res.set_content(reply.text.empty() ? reply.body.dump() : reply.text, kJsonType);
}

void send(const httplib::Request& req, httplib::Response& res, const sync::Reply& reply) {
    std::string body = reply.text.empty() ? reply.body.dump() : reply.text;
    res.status = reply.status;
    res.set_header("Vary", "Accept-Encoding");
    if (body.size() >= kCompressMinBytes) {
        const std::string coding = pick_encoding(req.get_header_value("Accept-Encoding"));
        if (std::string packed = compress_body(body, coding); !packed.empty()) {
            res.set_header("Content-Encoding", coding);
            body = std::move(packed);
        }
    }
    res.set_content(std::move(body), kJsonType);
}

nlohmann::json parse_json_body(const std::string& body, std::string* error) {
    if (!json_depth_within(body)) {
        if (error) *error = "request.too_deep";
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() && error) *error = "request.malformed_json";
    return j;
}

std::optional<sync::Principal> require_auth(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
    AuthResult a = authenticate(ctx.db, req.get_header_value("Authorization"), req.get_header_value("X-Device-Id"));
    if (!a.who) send(res, a.error);
    return a.who;
}

bool answered_unchanged(const httplib::Request& req, httplib::Response& res, int64_t version) {
    if (!req.has_param("version")) return false;
    try {
        if (std::stoll(req.get_param_value("version")) != version) return false;
    } catch (const std::exception&) {
        send(res, sync::error_reply(400, "request.bad_version"));
        return true;
    }
    send(res, sync::Reply{200, {{"version", version}, {"unchanged", true}}});
    return true;
}

}  // namespace seimbang::server
