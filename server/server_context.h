// State shared by all request handlers of one running server. cpp-httplib runs
// handlers on a thread pool; SQLite access is serialised through `mu` (one
// connection, one writer at a time). Why not a connection per thread: pushes
// are write transactions and SQLite has one writer anyway; a single connection
// keeps the prepared-statement cache of the sync engine warm and makes the
// push (check idempotency → apply → record) trivially atomic. Slow work that
// needs no database (Argon2id verification, JSON parsing and dumping, socket
// I/O) happens outside the lock.
#pragma once
#include <memory>
#include <mutex>
#include <string>

#include "auth.h"
#include "national/store.h"
#include "store/db.h"
#include "sync/server_sync.h"
#include "util/login_limiter.h"

namespace seimbang::server {

struct ServerContext {
    explicit ServerContext(const std::string& db_path) : db(db_path) {}
    store::Db db;
    std::mutex mu;
    std::string version = "0.1.0";
    std::unique_ptr<sync::ServerSync> sync;  // created after migration
    // [national] `serve --store postgresql://…`: the synced rows live in the
    // national store (docs/SCALE.md); `db` keeps accounts and tokens. Null on
    // an instansi server.
    std::unique_ptr<national::NationalStore> national;
    LoginLimiter limiter;
};

}  // namespace seimbang::server
