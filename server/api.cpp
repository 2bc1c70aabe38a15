#include "api.h"

namespace seimbang::server {

void mount_api(httplib::Server& srv, ServerContext& ctx) {
    mount_health(srv, ctx);
}

}  // namespace seimbang::server
