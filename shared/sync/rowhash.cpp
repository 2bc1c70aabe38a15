#include "sync/rowhash.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <unordered_map>
#include <vector>

#include "store/schema.h"
#include "store/table_facts.h"

namespace seimbang::sync {

namespace {

struct Fnv {
    uint64_t h = 1469598103934665603ull;
    void mix(std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
    }
};

}  // namespace

uint64_t row_hash(const store::TableSpec& t, const store::Row& row) {
    // The bytes of "table\n" + row_to_json(t, row).dump(), fed to the hash as
    // they are produced (no JSON tree, no buffer): a row hash per write was a
    // large part of a push.
    Fnv f;
    f.mix(t.name);
    f.mix("\n{");
    bool first = true;
    char buf[32];
    for (size_t k : store::facts(t).canonical_order) {
        f.mix(first ? "\"" : ",\"");
        first = false;
        f.mix(k == 0 ? std::string_view("id") : std::string_view(t.columns[k - 1]));
        f.mix("\":");
        const store::Value& v = row[k];
        if (v.kind == store::Value::Kind::Text) {
            // Plain printable ASCII is its own JSON text; anything else is escaped
            // by nlohmann (the value's hash restarts from before its quote).
            const Fnv before = f;
            f.mix("\"");
            bool plain = true;
            for (unsigned char c : v.s) {
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    plain = false;
                    break;
                }
                f.h ^= c;
                f.h *= 1099511628211ull;
            }
            if (plain) {
                f.mix("\"");
            } else {
                f = before;
                f.mix(nlohmann::json(v.s).dump());
            }
        } else if (v.kind == store::Value::Kind::Int) {
            auto r = std::to_chars(buf, buf + sizeof buf, v.i);
            f.mix(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
        } else {
            std::string text;
            store::append_json(text, v);
            f.mix(text);
        }
    }
    f.mix("}");
    return f.h;
}

uint64_t row_hash(const std::string& table, const nlohmann::json& row) {
    // A whole row of a synced table (the usual case): hashed without dumping.
    const store::TableSpec* t = store::find_table(table);
    bool whole = t && row.is_object() && row.size() == t->columns.size() + 1 && row.contains("id");
    for (size_t k = 0; whole && k < t->columns.size(); ++k) whole = row.contains(t->columns[k]);
    if (whole) return row_hash(*t, store::row_from_json(*t, row));
    Fnv f;  // anything else: its dump, byte for byte
    f.mix(table);
    f.mix("\n");
    f.mix(row.dump());
    return f.h;
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
        if (!t.checksummed) continue;  // (the server leaves these out too)
        auto s = db.prepare(store::facts(t).select_all);
        while (s.step()) {
            nlohmann::json row = nlohmann::json::object();
            for (int i = 0; i < s.columns(); ++i) row[s.column_name(i)] = s.json_value(i);
            c.add(row_hash(t.name, row));
        }
    }
    return c;
}

}  // namespace seimbang::sync
