#include "sync/server_parts.h"

#include <nlohmann/json.hpp>

namespace seimbang::sync {

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
