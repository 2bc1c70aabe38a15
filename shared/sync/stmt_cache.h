// Prepared statements kept across calls for the hot sync paths (push apply,
// pull paging): re-preparing a statement per row costs more than running it.
// Only fixed SQL text (no values) is used as key; values are always bound.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "store/value.h"

struct sqlite3;
struct sqlite3_stmt;

namespace seimbang::store {
class Db;
}

namespace seimbang::sync {

// A borrowed cached statement; resets itself when the handle goes out of scope so
// no read stays open across a COMMIT.
class Query {
public:
    Query(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
    Query(Query&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
    Query(const Query&) = delete;
    ~Query();

    Query& bind(int i, std::nullptr_t);
    Query& bind(int i, int64_t v);
    Query& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Query& bind(int i, std::string_view v);
    Query& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Query& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Query& bind_json(int i, const nlohmann::json& scalar);
    // Like bind_json, but a string is bound without a copy: `scalar` must stay
    // alive and unchanged until the statement has run (the Query is destroyed).
    Query& bind_json_ref(int i, const nlohmann::json& scalar);

    // Bound without a copy: the value must stay alive and unchanged until the
    // statement has run (the Query is destroyed).
    Query& bind_ref(int i, const store::Value& v);
    Query& bind_ref(int i, const std::string& v);
    Query& bind_ref(int i, const std::string&& v) = delete;  // a temporary would dangle

    bool step();
    void run() {
        while (step()) {
        }
    }
    // Rows changed by the last INSERT/UPDATE/DELETE run on this connection.
    int changes() const;
    int64_t int64(int col) const;
    std::string text(int col) const;
    bool is_null(int col) const;
    nlohmann::json json_value(int col) const;
    store::Value value(int col) const;
    // Appends json_value(col).dump() to out without building the JSON value.
    void append_json_value(int col, std::string& out) const;
    int columns() const;
    const char* column_name(int col) const;

private:
    sqlite3* db_;
    sqlite3_stmt* s_;
};

class StmtCache {
public:
    explicit StmtCache(store::Db& db);
    ~StmtCache();
    StmtCache(const StmtCache&) = delete;
    Query get(std::string_view sql);

private:
    struct Hash {  // lookups by string_view, without building a key string
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> stmts_;
};

}  // namespace seimbang::sync
