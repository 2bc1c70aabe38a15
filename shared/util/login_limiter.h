// Failed-login limiter of the server (POST /api/v1/auth/login), designed the way
// trusted systems do it:
//   - counted per username + client address: failures from one address slow
//     down only that address's attempts on that account, so nobody can lock the
//     real owner out from elsewhere;
//   - after kFreeFailures, each further attempt waits an exponentially growing
//     delay (1 s, 2 s, 4 s … at most kMaxDelayMs), one attempt at a time;
//   - an address that fails kAddressFailures times within kWindowMs on any
//     usernames waits out the window (password spraying);
//   - atomic: an attempt is reserved (begin) before the password is checked and
//     counts as a failure until finish() says otherwise, so parallel wrong
//     passwords cannot all be checked;
//   - bounded memory: at most kMaxEntries entries; stale ones are dropped first,
//     then the least recently used.
// Pure (time is passed in), no I/O: unit-tested in tests/unit/test_login_limiter.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace seimbang {

class LoginLimiter {
public:
    static constexpr int kFreeFailures = 5;
    static constexpr int64_t kBaseDelayMs = 1000;
    static constexpr int64_t kMaxDelayMs = 15 * 60 * 1000;
    static constexpr int kAddressFailures = 100;
    static constexpr int64_t kWindowMs = 15 * 60 * 1000;
    static constexpr size_t kMaxEntries = 20000;

    // 0: the attempt may proceed (and is reserved: call finish() with its
    // outcome). Otherwise: seconds until an attempt is allowed again.
    int64_t begin(const std::string& user, const std::string& address, int64_t now_ms);
    void finish(const std::string& user, const std::string& address, bool ok, int64_t now_ms);
    size_t entries() const;

private:
    struct Entry {
        int failures = 0;
        int in_flight = 0;
        int64_t last_ms = 0;  // last failure (or, for an address, start of its window)
    };
    Entry& slot(const std::string& key, int64_t now_ms);  // created when absent
    void make_room(int64_t now_ms);
    static int64_t delay_ms(int failures);

    mutable std::mutex mu_;
    std::unordered_map<std::string, Entry> entries_;  // "u\0user\0address" and "a\0address"
};

}  // namespace seimbang
