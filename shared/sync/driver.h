// One complete sync run over a blocking transport (native CLI, tests, bench):
// push the outbox in batches, then pull pages until the cursor is current, then
// verify the scope checksum (re-snapshot once on mismatch). Every step commits
// before the next request, so an interruption anywhere leaves a state from which
// the next run continues; re-running is always safe. The browser calls the
// functions of client.h itself over its asynchronous fetch.
#pragma once
#include <string>

#include "store/db.h"
#include "sync/client.h"

namespace seimbang::sync {

struct HttpResult {
    int status = 0;  // 0: no answer (offline, connection cut, timeout)
    std::string body;
};

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
};

struct SyncReport {
    bool ok = false;
    std::string error;  // machine code: network, auth.*, server.error, sync.*...
    int http_status = 0;
    PushSummary push;
    int pushed_batches = 0;
    int pulled = 0, pages = 0;
    bool resnapshot = false;
    bool restored = false;  // the server was restored: what it lacked was sent again (SYNC.md §8.1)
    bool checksum_checked = false, checksum_ok = true;
    int blobs_uploaded = 0, blobs_refused = 0;
};

struct SyncOptions {
    size_t batch = 500;
    int page = 2000;
    int max_pages = 100000;  // guard against a server that never says "no more"
};

SyncReport run_sync(store::Db& db, Transport& transport, const SyncOptions& options = {});

}  // namespace seimbang::sync
