#include "sync/stmt_cache.h"

#include <sqlite3.h>

#include "store/db.h"

namespace seimbang::sync {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, const char* what) {
    throw store::DbError(rc, std::string(what) + ": " + sqlite3_errmsg(db));
}
}  // namespace

Query::~Query() {
    if (s_) {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
}
Query& Query::bind(int i, std::nullptr_t) {
    if (int rc = sqlite3_bind_null(s_, i); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Query& Query::bind(int i, int64_t v) {
    if (int rc = sqlite3_bind_int64(s_, i, v); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Query& Query::bind(int i, std::string_view v) {
    if (int rc = sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}
Query& Query::bind_json(int i, const nlohmann::json& v) {
    if (v.is_null()) return bind(i, nullptr);
    if (v.is_boolean()) return bind(i, static_cast<int64_t>(v.get<bool>() ? 1 : 0));
    if (v.is_number_integer()) return bind(i, v.get<int64_t>());
    if (v.is_number()) {
        if (int rc = sqlite3_bind_double(s_, i, v.get<double>()); rc != SQLITE_OK) fail(db_, rc, "bind");
        return *this;
    }
    if (v.is_string()) return bind(i, v.get_ref<const std::string&>());
    return bind(i, v.dump());
}
Query& Query::bind_json_ref(int i, const nlohmann::json& v) {
    if (!v.is_string()) return bind_json(i, v);
    const auto& s = v.get_ref<const std::string&>();
    if (int rc = sqlite3_bind_text(s_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC); rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}
Query& Query::bind_ref(int i, const store::Value& v) {
    using K = store::Value::Kind;
    int rc = SQLITE_OK;
    switch (v.kind) {
        case K::Int:
        case K::Bool: rc = sqlite3_bind_int64(s_, i, v.i); break;
        case K::Real: rc = sqlite3_bind_double(s_, i, v.d); break;
        case K::Text: rc = sqlite3_bind_text(s_, i, v.s.data(), static_cast<int>(v.s.size()), SQLITE_STATIC); break;
        default: rc = sqlite3_bind_null(s_, i); break;
    }
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Query& Query::bind_ref(int i, const std::string& v) {
    if (int rc = sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC); rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}
bool Query::step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, "step");
}
int64_t Query::int64(int c) const { return sqlite3_column_int64(s_, c); }
std::string Query::text(int c) const {
    const unsigned char* t = sqlite3_column_text(s_, c);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(s_, c))) : "";
}
bool Query::is_null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
nlohmann::json Query::json_value(int c) const {
    switch (sqlite3_column_type(s_, c)) {
        case SQLITE_NULL: return nullptr;
        case SQLITE_INTEGER: return int64(c);
        case SQLITE_FLOAT: return sqlite3_column_double(s_, c);
        default: return text(c);
    }
}
store::Value Query::value(int c) const {
    switch (sqlite3_column_type(s_, c)) {
        case SQLITE_NULL: return {};
        case SQLITE_INTEGER: return store::Value::integer(int64(c));
        case SQLITE_FLOAT: return store::Value::real(sqlite3_column_double(s_, c));
        default: return store::Value::text(text(c));
    }
}
void Query::append_json_value(int c, std::string& out) const {
    switch (sqlite3_column_type(s_, c)) {
        case SQLITE_NULL: out += "null"; return;
        case SQLITE_INTEGER: out += std::to_string(sqlite3_column_int64(s_, c)); return;
        case SQLITE_FLOAT: out += nlohmann::json(sqlite3_column_double(s_, c)).dump(); return;
        default: {
            const unsigned char* t = sqlite3_column_text(s_, c);
            const std::string_view v(t ? reinterpret_cast<const char*>(t) : "",
                                     t ? static_cast<size_t>(sqlite3_column_bytes(s_, c)) : 0);
            store::append_json_string(out, v);
        }
    }
}
int Query::columns() const { return sqlite3_column_count(s_); }
const char* Query::column_name(int c) const { return sqlite3_column_name(s_, c); }

int Query::changes() const { return sqlite3_changes(db_); }

StmtCache::StmtCache(store::Db& db) : db_(db.handle()) {}
StmtCache::~StmtCache() {
    for (auto& [sql, s] : stmts_) sqlite3_finalize(s);
}

Query StmtCache::get(std::string_view sql) {
    auto it = stmts_.find(sql);  // no std::string built per call (a heap copy of the SQL text)
    if (it == stmts_.end()) {
        sqlite3_stmt* s = nullptr;
        int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s,
                                    nullptr);
        if (rc != SQLITE_OK) fail(db_, rc, "prepare");
        it = stmts_.emplace(std::string(sql), s).first;
    }
    return Query(db_, it->second);
}

}  // namespace seimbang::sync
