// Order-independent checksums of row sets. A row hashes to FNV-1a 64 of its
// canonical JSON (keys sorted, as nlohmann::json dumps objects; values as read
// back from SQLite), and a set hashes to the wrapping sum of its rows. Sums can
// be maintained incrementally on the server (subtract old, add new) and recomputed
// from scratch on a client: equal sums mean equal replicas (with high probability).
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "store/db.h"
#include "store/schema.h"
#include "store/value.h"

namespace seimbang::sync {

uint64_t row_hash(const std::string& table, const nlohmann::json& row);
uint64_t row_hash(const store::TableSpec& t, const store::Row& row);  // same value, typed row

struct Checksum {
    int64_t rows = 0;
    uint64_t hash = 0;
    void add(uint64_t h) { ++rows; hash += h; }
    void remove(uint64_t h) { --rows; hash -= h; }
    bool operator==(const Checksum&) const = default;
    nlohmann::json to_json() const;  // {"rows":N,"hash":"16 hex digits"}
    static Checksum from_json(const nlohmann::json& j);
};

// Checksum of every synced row in this database (a client holds only its scope).
Checksum local_checksum(store::Db& db);

}  // namespace seimbang::sync
