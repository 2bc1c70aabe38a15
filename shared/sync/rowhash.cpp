#include "sync/rowhash.h"

#include <charconv>
#include <cstdio>

#include "store/schema.h"

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

// A string nlohmann dumps verbatim between quotes: printable ASCII without '"'
// or '\\' (anything else — escapes, UTF-8 — goes through nlohmann itself).
bool plain(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
    return true;
}

// Feeds exactly the bytes of row.dump() to the hash without building the string
// (one dump per written row was a large part of a push). Returns false for
// shapes it does not handle (nested values), which are then dumped.
bool mix_canonical(Fnv& f, const nlohmann::json& row) {
    if (!row.is_object()) return false;
    f.mix("{");
    bool first = true;
    char buf[32];
    for (const auto& [k, v] : row.items()) {
        if (!plain(k)) return false;
        f.mix(first ? "\"" : ",\"");
        first = false;
        f.mix(k);
        f.mix("\":");
        switch (v.type()) {
            case nlohmann::json::value_t::null: f.mix("null"); break;
            case nlohmann::json::value_t::boolean: f.mix(v.get<bool>() ? "true" : "false"); break;
            case nlohmann::json::value_t::number_integer: {
                auto r = std::to_chars(buf, buf + sizeof buf, v.get<int64_t>());
                f.mix(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
                break;
            }
            case nlohmann::json::value_t::number_unsigned: {
                auto r = std::to_chars(buf, buf + sizeof buf, v.get<uint64_t>());
                f.mix(std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
                break;
            }
            case nlohmann::json::value_t::string: {
                const auto& s = v.get_ref<const std::string&>();
                if (plain(s)) {
                    f.mix("\"");
                    f.mix(s);
                    f.mix("\"");
                } else {
                    f.mix(v.dump());
                }
                break;
            }
            case nlohmann::json::value_t::number_float: f.mix(v.dump()); break;
            default: return false;
        }
    }
    f.mix("}");
    return true;
}

}  // namespace

uint64_t row_hash(const std::string& table, const nlohmann::json& row) {
    Fnv f;
    f.mix(table);
    f.mix("\n");
    Fnv fast = f;
    if (mix_canonical(fast, row)) return fast.h;
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
