#include "sync/server_parts.h"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "store/repo.h"
#include "sync/server_sync.h"

namespace seimbang::sync {

LogClock::LogClock(store::Db& db) : db_(db) {
    next_ = stored_max() + 1;
    hlc_ = make_hlc(now_ms(), 0);
    if (store::get_local_meta(db_, "sync.generation").empty()) start_generation(db_, 0);
    refresh();
}

// One index seek per table (the partial index on `_seq`).
int64_t LogClock::stored_max(store::Db& db) {
    static const std::string sql = [] {
        std::string q = "SELECT max(m) FROM (SELECT max(seq) AS m FROM sync_exits";
        for (const auto& t : store::synced_tables())
            q += " UNION ALL SELECT max(_seq) FROM " + t.name + " WHERE _seq IS NOT NULL";
        return q + ")";
    }();
    auto q = db.prepare(sql);
    return q.step() && !q.is_null(0) ? q.int64(0) : 0;
}

// `PRAGMA data_version` changes only when another connection has committed, so
// the stored seqs are read again only then (not for every row a seeding writes).
void LogClock::catch_up() {
    auto v = db_.prepare("PRAGMA data_version");
    const int64_t version = v.step() ? v.int64(0) : -1;
    if (version == seen_data_version_ && version != -1) return;
    seen_data_version_ = version;
    next_ = std::max(next_, stored_max() + 1);
}

void LogClock::refresh() {
    auto q = db_.prepare(
        "SELECT key, value FROM local_meta WHERE key IN ('sync.generation', 'sync.generation_seq', 'sync.min_cursor')");
    while (q.step()) {
        const std::string key = q.text(0);
        if (key == "sync.generation") generation_ = q.text(1);
        else if (key == "sync.generation_seq") generation_seq_ = std::strtoll(q.text(1).c_str(), nullptr, 10);
        else min_cursor_ = std::max<int64_t>(min_cursor_, std::strtoll(q.text(1).c_str(), nullptr, 10));
    }
}

void LogClock::raise_min_cursor(int64_t seq) {
    min_cursor_ = std::max(min_cursor_, seq);
    store::set_local_meta(db_, "sync.min_cursor", std::to_string(min_cursor_));
}

Hlc LogClock::receive(Hlc remote, int64_t now) {
    hlc_ = hlc_receive(hlc_, remote, now);
    return hlc_;
}

void ChecksumLedger::adjust(const std::string& table, const std::string& office, uint64_t hash, int delta) {
    if (batching_) {  // a push: summed in memory, written once per office at the end
        auto& d = delta_[{table, office}];
        d.first += delta;
        d.second = delta > 0 ? d.second + hash : d.second - hash;
        return;
    }
    write(table, office, delta, delta > 0 ? hash : (0 - hash));
}

void ChecksumLedger::flush() {
    for (const auto& [key, d] : delta_) write(key.first, key.second, d.first, d.second);
    delta_.clear();
}

void ChecksumLedger::write(const std::string& table, const std::string& office, int64_t delta_rows,
                           uint64_t delta_hash) {
    // Wrapping unsigned arithmetic done here: SQLite turns an overflowing integer
    // sum into a REAL, which would lose bits.
    int64_t rows = 0;
    uint64_t sum = 0;
    {
        auto q = db_.prepare("SELECT rows, hash FROM sync_checksums WHERE table_name = ?1 AND office_id = ?2");
        q.bind(1, table).bind(2, office);
        if (q.step()) {
            rows = q.int64(0);
            sum = static_cast<uint64_t>(q.int64(1));
        }
    }
    rows += delta_rows;
    sum += delta_hash;
    auto q = db_.prepare("INSERT OR REPLACE INTO sync_checksums(table_name, office_id, rows, hash) VALUES (?1, ?2, ?3, ?4)");
    q.bind(1, table).bind(2, office).bind(3, rows).bind(4, static_cast<int64_t>(sum));
    q.run();
}

const std::string& WriterStamp::quoted() {
    if (quoted_for_.first != device_ || quoted_for_.second != user_) {
        quoted_for_ = {device_, user_};
        quoted_ = nlohmann::json(device_).dump() + "," + nlohmann::json(user_).dump();
    }
    return quoted_;
}

}  // namespace seimbang::sync
