#include "store/db.h"

#include <sqlite3.h>

#include <atomic>

#include "store/value.h"

namespace seimbang::store {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    throw DbError(rc, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}
// Before SQLite initialises: no global memory statistics (we never read them),
// which otherwise take a global mutex on every allocation SQLite makes.
[[maybe_unused]] const bool kSqliteConfigured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
}();
}  // namespace

Db::Db(const std::string& path) : path_(path) {
    // NOMUTEX: a Db is used by one thread at a time (the server serialises every
    // use of its connection under one mutex), so SQLite's own per-call locking
    // is pure cost (~5 % of a push).
    int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw DbError(rc, "open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    static std::atomic<uint64_t> opened{0};
    serial_ = ++opened;
    // Called for every committed write transaction (autocommit statements too),
    // never for read-only ones; a rollback leaves the data as it was.
    sqlite3_commit_hook(
        db_,
        [](void* self) {
            ++static_cast<Db*>(self)->commits_;
            return 0;
        },
        this);
    exec("PRAGMA foreign_keys=ON");
}

Db::~Db() {
    for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
    sqlite3_close(db_);
}

void Db::exec(std::string_view sql) {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw DbError(rc, msg);
    }
}

Stmt Db::prepare(std::string_view sql) {
    // Bounded: SQL built per call (an UPDATE of the changed columns) varies, and
    // past the bound statements are simply compiled each time as before.
    constexpr size_t kMaxCached = 512;
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second.in_use) {
        it->second.in_use = true;
        return Stmt(db_, it->second.stmt, this);
    }
    const bool cache = it == cache_.end() && cache_.size() < kMaxCached;
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), cache ? SQLITE_PREPARE_PERSISTENT : 0,
                                &s, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "prepare");
    if (!cache || !s) return Stmt(db_, s);
    auto& entry = cache_[std::string(sql)];
    entry = {s, true};
    cached_by_stmt_[s] = &entry;
    return Stmt(db_, s, this);
}

void Db::release(sqlite3_stmt* s) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    auto it = cached_by_stmt_.find(s);
    if (it != cached_by_stmt_.end()) it->second->in_use = false;
}

int64_t Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }

bool DbError::storage_failure() const {
    switch (code & 0xff) {  // the primary result code of an extended one
        case SQLITE_FULL: case SQLITE_IOERR: case SQLITE_NOMEM: case SQLITE_CORRUPT: case SQLITE_NOTADB:
        case SQLITE_CANTOPEN: case SQLITE_READONLY: case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_PROTOCOL:
            return true;
        default:
            return false;
    }
}

const char* DbError::storage_code() const { return (code & 0xff) == SQLITE_FULL ? "storage.full" : "storage.unavailable"; }

void Db::transaction(const std::function<void()>& fn) {
    if (tx_depth_ > 0) {
        ++tx_depth_;
        try {
            fn();
        } catch (...) {
            --tx_depth_;
            throw;
        }
        --tx_depth_;
        return;
    }
    exec("BEGIN IMMEDIATE");
    tx_depth_ = 1;
    try {
        fn();
        exec("COMMIT");
        tx_depth_ = 0;
    } catch (...) {
        tx_depth_ = 0;
        // The rollback can only fail if SQLite already rolled back (e.g. on I/O error).
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

Stmt::~Stmt() {
    if (!s_) return;
    if (cache_) cache_->release(s_);
    else sqlite3_finalize(s_);
}

Stmt& Stmt::bind(int i, std::nullptr_t) {
    if (int rc = sqlite3_bind_null(s_, i); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int i, int64_t v) {
    if (int rc = sqlite3_bind_int64(s_, i, v); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    if (int rc = sqlite3_bind_double(s_, i, v); rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
    if (int rc = sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind_blob(int i, std::string_view v) {
    if (int rc = sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind_ref(int i, const Value& v) {
    using K = Value::Kind;
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
Stmt& Stmt::bind_ref(int i, const std::string& v) {
    if (int rc = sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC); rc != SQLITE_OK)
        fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind_json_ref(int i, const nlohmann::json& v) {
    if (!v.is_string()) return bind_json(i, v);
    return bind_ref(i, v.get_ref<const std::string&>());
}
Stmt& Stmt::bind_json(int i, const nlohmann::json& v) {
    if (v.is_null()) return bind(i, nullptr);
    if (v.is_boolean()) return bind(i, v.get<bool>());
    if (v.is_number_integer()) return bind(i, v.get<int64_t>());
    if (v.is_number()) return bind(i, v.get<double>());
    if (v.is_string()) return bind(i, v.get_ref<const std::string&>());
    return bind(i, v.dump());  // objects/arrays are stored as JSON text
}

bool Stmt::step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, "step");
}
void Stmt::run() {
    while (step()) {
    }
}
void Stmt::reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
}

int64_t Stmt::int64(int c) const { return sqlite3_column_int64(s_, c); }
double Stmt::real(int c) const { return sqlite3_column_double(s_, c); }
std::string Stmt::text(int c) const {
    const unsigned char* t = sqlite3_column_text(s_, c);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(s_, c))) : "";
}
std::string Stmt::blob(int c) const {
    const void* p = sqlite3_column_blob(s_, c);
    return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, c))) : "";
}
bool Stmt::is_null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
nlohmann::json Stmt::json_value(int c) const {
    switch (sqlite3_column_type(s_, c)) {
        case SQLITE_NULL: return nullptr;
        case SQLITE_INTEGER: return int64(c);
        case SQLITE_FLOAT: return real(c);
        default: return text(c);
    }
}
Value Stmt::value(int c) const {
    switch (sqlite3_column_type(s_, c)) {
        case SQLITE_NULL: return {};
        case SQLITE_INTEGER: return Value::integer(int64(c));
        case SQLITE_FLOAT: return Value::real(real(c));
        default: return Value::text(text(c));
    }
}
void Stmt::append_json_value(int c, std::string& out) const {
    switch (sqlite3_column_type(s_, c)) {
        case SQLITE_NULL: out += "null"; return;
        case SQLITE_INTEGER: out += std::to_string(sqlite3_column_int64(s_, c)); return;
        case SQLITE_FLOAT: out += nlohmann::json(sqlite3_column_double(s_, c)).dump(); return;
        default: {
            const unsigned char* t = sqlite3_column_text(s_, c);
            const std::string_view v(t ? reinterpret_cast<const char*>(t) : "",
                                     t ? static_cast<size_t>(sqlite3_column_bytes(s_, c)) : 0);
            append_json_string(out, v);
        }
    }
}
int Stmt::columns() const { return sqlite3_column_count(s_); }
const char* Stmt::column_name(int c) const { return sqlite3_column_name(s_, c); }
int Stmt::changes() const { return sqlite3_changes(db_); }

}  // namespace seimbang::store
