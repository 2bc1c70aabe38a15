#include "util/login_limiter.h"

#include <algorithm>
#include <vector>

namespace seimbang {

namespace {
std::string user_key(const std::string& user, const std::string& address) {
    return std::string("u", 1) + '\0' + user + '\0' + address;
}
std::string address_key(const std::string& address) { return std::string("a", 1) + '\0' + address; }
int64_t seconds_up(int64_t ms) { return std::max<int64_t>(1, (ms + 999) / 1000); }
}  // namespace

int64_t LoginLimiter::delay_ms(int failures) {
    const int over = failures - kFreeFailures;  // 0 for the first delayed attempt
    if (over < 0) return 0;
    if (over >= 20) return kMaxDelayMs;
    return std::min(kMaxDelayMs, kBaseDelayMs << over);
}

LoginLimiter::Entry& LoginLimiter::slot(const std::string& key, int64_t) { return entries_[key]; }

// Drops entries that no longer hold anything back; if none, the least recently
// failed tenth (an attacker cycling names or addresses only evicts its own kind).
void LoginLimiter::make_room(int64_t now_ms) {
    for (auto it = entries_.begin(); it != entries_.end();) {
        const Entry& e = it->second;
        const bool stale = e.in_flight == 0 && now_ms - e.last_ms > std::max(kMaxDelayMs, kWindowMs);
        it = stale ? entries_.erase(it) : std::next(it);
    }
    if (entries_.size() < kMaxEntries) return;
    std::vector<std::pair<int64_t, std::string>> by_age;
    by_age.reserve(entries_.size());
    for (const auto& [k, e] : entries_)
        if (e.in_flight == 0) by_age.emplace_back(e.last_ms, k);
    const size_t drop = std::min(by_age.size(), kMaxEntries / 10 + 1);
    std::nth_element(by_age.begin(), by_age.begin() + static_cast<std::ptrdiff_t>(drop), by_age.end());
    for (size_t i = 0; i < drop; ++i) entries_.erase(by_age[i].second);
}

int64_t LoginLimiter::begin(const std::string& user, const std::string& address, int64_t now_ms) {
    std::lock_guard lock(mu_);
    if (entries_.size() + 2 > kMaxEntries) make_room(now_ms);  // (before taking references)
    Entry& a = slot(address_key(address), now_ms);
    if (now_ms - a.last_ms > kWindowMs) a = {0, a.in_flight, now_ms};  // a new window
    if (a.failures + a.in_flight >= kAddressFailures) return seconds_up(a.last_ms + kWindowMs - now_ms);
    Entry& u = slot(user_key(user, address), now_ms);
    const int pending = u.failures + u.in_flight;
    if (pending >= kFreeFailures) {
        // Past the free attempts: one at a time, each after the back-off of the failures so far.
        if (u.in_flight > 0) return seconds_up(delay_ms(pending));
        const int64_t wait = u.last_ms + delay_ms(u.failures) - now_ms;
        if (wait > 0) return seconds_up(wait);
    }
    ++u.in_flight;
    ++a.in_flight;
    return 0;
}

void LoginLimiter::finish(const std::string& user, const std::string& address, bool ok, int64_t now_ms) {
    std::lock_guard lock(mu_);
    auto ui = entries_.find(user_key(user, address));
    auto ai = entries_.find(address_key(address));
    if (ai != entries_.end()) {
        Entry& a = ai->second;
        a.in_flight = std::max(0, a.in_flight - 1);
        if (!ok) ++a.failures;
    }
    if (ui == entries_.end()) return;
    Entry& u = ui->second;
    u.in_flight = std::max(0, u.in_flight - 1);
    if (ok) {
        if (u.in_flight == 0) entries_.erase(ui);
        return;
    }
    ++u.failures;
    u.last_ms = now_ms;
}

size_t LoginLimiter::entries() const {
    std::lock_guard lock(mu_);
    return entries_.size();
}

}  // namespace seimbang
