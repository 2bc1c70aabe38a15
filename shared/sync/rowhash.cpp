#include "sync/rowhash.h"

#include <cstdio>

#include "store/schema.h"

namespace seimbang::sync {

uint64_t row_hash(const std::string& table, const nlohmann::json& row) {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const std::string& s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
    };
    mix(table);
    mix("\n");
    mix(row.dump());
    return h;
}

nlohmann::json Checksum::to_json() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
    return {{"rows", rows}, {"hash", buf}};
}

Checksum Checksum::from_json(const nlohmann::json& j) {
    Checksum c;
    c.rows = j.value("rows", int64_t{0});
    c.hash = std::stoull(j.value("hash", std::string("0")), nullptr, 16);
    return c;
}

Checksum local_checksum(store::Db& db) {
    Checksum c;
    for (const auto& t : store::synced_tables()) {
        std::string sql = "SELECT id";
        for (const auto& col : t.columns) sql += ", " + col;
        auto s = db.prepare(sql + " FROM " + t.name);
        while (s.step()) {
            nlohmann::json row = nlohmann::json::object();
            for (int i = 0; i < s.columns(); ++i) row[s.column_name(i)] = s.json_value(i);
            c.add(row_hash(t.name, row));
        }
    }
    return c;
}

}  // namespace seimbang::sync
