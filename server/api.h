// HTTP API under /api/v1. Each feature registers its routes in its own file
// (api_*.cpp); mount_api wires them all. Errors are JSON {"error":{"code":…}}
// with machine codes (docs/API.md).
#pragma once
#include <optional>

#include "sync/server_sync.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace seimbang::server {

struct ServerContext;

void mount_api(httplib::Server& srv, ServerContext& ctx);

// Per-feature registrations (one file each).
void mount_health(httplib::Server& srv, ServerContext& ctx);
void mount_auth(httplib::Server& srv, ServerContext& ctx);
void mount_sync(httplib::Server& srv, ServerContext& ctx);
void mount_abk(httplib::Server& srv, ServerContext& ctx);
void mount_plans(httplib::Server& srv, ServerContext& ctx);
void mount_reports(httplib::Server& srv, ServerContext& ctx);
void mount_requests(httplib::Server& srv, ServerContext& ctx);  // transfer requests (api_requests.cpp)
void mount_blobs(httplib::Server& srv, ServerContext& ctx);     // their documents (api_blobs.cpp)
void mount_reference(httplib::Server& srv, ServerContext& ctx); // positions of the instansi for destination pickers
void mount_snapshots(httplib::Server& srv, ServerContext& ctx); // evaluation: on-demand balance snapshots (cmd_snapshot.cpp)
void mount_survey(httplib::Server& srv, ServerContext& ctx);    // satisfaction surveys (api_survey.cpp)
void mount_settings(httplib::Server& srv, ServerContext& ctx);  // the rule settings (api_settings.cpp)
void mount_training(httplib::Server& srv, ServerContext& ctx);  // Pelatihan Pimpinan (api_training.cpp)
void mount_national(httplib::Server& srv, ServerContext& ctx);  // national roll-ups for pusat (api_national.cpp)
void mount_upstream(httplib::Server& srv, ServerContext& ctx);  // forwarding to the national tier (api_upstream.cpp)
void mount_person(httplib::Server& srv, ServerContext& ctx);    // between instansi: the lookup by NIP (api_person.cpp)

// Helpers shared by the handlers.
// Never compressed (small answers); see http_compress.h for why the type matters.
void send(httplib::Response& res, const sync::Reply& reply);
// Answers that can be large (pull pages, ABK, plans): Brotli at quality 1 (or
// gzip at level 1) when the client accepts it and the body is worth it.
void send(const httplib::Request& req, httplib::Response& res, const sync::Reply& reply);
// A request's JSON body: discarded (is_discarded()) when it is not JSON or nests
// deeper than kMaxJsonDepth (checked before parsing); `error` gets the code
// (request.malformed_json or request.too_deep).
nlohmann::json parse_json_body(const std::string& body, std::string* error = nullptr);
// Data a device holds a versioned copy of (reference positions, settings): true
// when the answer is already sent — {"version": N, "unchanged": true} for a
// request whose ?version= is `version`, or 400 request.bad_version.
bool answered_unchanged(const httplib::Request& req, httplib::Response& res, int64_t version);
// Authenticates the request (caller holds ctx.mu); on failure fills res with the 401.
std::optional<sync::Principal> require_auth(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace seimbang::server
