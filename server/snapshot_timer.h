// Takes the balance snapshot of a period that has ended (eval::close_due_period)
// at start-up and again whenever the date in Medan changes, under the database
// lock, for as long as the server serves. Stops with the object.
#pragma once
#include <condition_variable>
#include <mutex>
#include <thread>

namespace seimbang::server {

struct ServerContext;

class SnapshotTimer {
public:
    explicit SnapshotTimer(ServerContext& ctx);

private:
    std::mutex mu_;
    std::condition_variable_any cv_;
    std::jthread thread_;  // last: stopped and joined first
};

}  // namespace seimbang::server
