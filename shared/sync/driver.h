// One complete sync run over a blocking transport (native CLI, tests, bench):
// the state machine of run.h, each request sent and answered in turn.
#pragma once
#include <string>

#include "store/db.h"
#include "sync/client.h"
#include "sync/run.h"

namespace seimbang::sync {

class Transport {
public:
    virtual ~Transport() = default;
    // Paths are absolute ("/api/v1/sync/push"); the transport adds the server
    // address and the Authorization / X-Device-Id headers.
    virtual HttpResult post_json(const std::string& path, const std::string& body) = 0;
    virtual HttpResult get(const std::string& path) = 0;
    // Binary body (document uploads, sync/blobs.h). Transports without it answer "no answer".
    virtual HttpResult put_bytes(const std::string& path, const std::string& body, const std::string& content_type) {
        (void)path, (void)body, (void)content_type;
        return {};
    }
    // The request as SyncRun gives it.
    HttpResult send(const SyncRequest& r);
};

SyncReport run_sync(store::Db& db, Transport& transport, const SyncOptions& options = {});

}  // namespace seimbang::sync
