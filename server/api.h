// HTTP API under /api/v1. Each feature registers its routes in its own file
// (api_*.cpp); mount_api wires them all.
#pragma once

namespace httplib {
class Server;
}

namespace seimbang::server {

struct ServerContext;

void mount_api(httplib::Server& srv, ServerContext& ctx);

// Per-feature registrations (one file each).
void mount_health(httplib::Server& srv, ServerContext& ctx);

}  // namespace seimbang::server
