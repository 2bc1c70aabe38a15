// State shared by all request handlers of one running server. cpp-httplib runs
// handlers on a thread pool; SQLite access is serialised through `mu` (one
// connection, one writer at a time: simple and fast enough for loopback
// benchmarks; see docs/ARCHITECTURE.md).
#pragma once
#include <mutex>
#include <string>

#include "store/db.h"

namespace seimbang::server {

struct ServerContext {
    explicit ServerContext(const std::string& db_path) : db(db_path) {}
    store::Db db;
    std::mutex mu;
    std::string version = "0.1.0";
};

}  // namespace seimbang::server
