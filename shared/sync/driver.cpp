#include "sync/driver.h"

namespace seimbang::sync {

HttpResult Transport::send(const SyncRequest& r) {
    if (r.method == "GET") return get(r.path);
    if (r.method == "PUT") return put_bytes(r.path, r.body, r.content_type);
    return post_json(r.path, r.body);
}

SyncReport run_sync(store::Db& db, Transport& t, const SyncOptions& options) {
    SyncRun run(options);
    while (auto request = run.next(db)) run.answer(db, t.send(*request));
    return run.report();
}

}  // namespace seimbang::sync
