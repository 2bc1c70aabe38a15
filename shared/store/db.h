// Thin RAII layer over SQLite: one connection, prepared statements with bound
// parameters only (never string-built SQL with values), explicit transactions.
// Errors are exceptions of type DbError inside the store; public repository
// functions turn them into Check results so callers see values, not throws.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

struct sqlite3;
struct sqlite3_stmt;

namespace seimbang::store {

struct DbError : std::runtime_error {
    int code;
    DbError(int c, const std::string& what) : std::runtime_error(what), code(c) {}
    // A failure of the storage itself (disk or database size limit full, I/O
    // error, out of memory, locked, corrupt), not of the data written: the whole
    // transaction fails and may be tried again; it is never a refused record.
    bool storage_failure() const;
    // The machine code for it: "storage.full" or "storage.unavailable".
    const char* storage_code() const;
};

class Stmt;
class Db;
struct Value;

// A committed-to-be change of one synced row, reported to the change hook inside
// the writing transaction (so an outbox entry lands atomically with the edit).
struct RowChange {
    std::string table, id;
    bool inserted = false;
    bool local = true;        // false when applying changes received from the server
    nlohmann::json before;    // object: changed columns -> previous values (empty on insert)
    nlohmann::json after;     // object: changed columns -> new values
};
using ChangeHook = std::function<void(Db&, const RowChange&)>;

// One SQLite connection. Not thread-safe: the server serialises access.
class Db {
public:
    // Opens (creating if needed) a database file; ":memory:" for tests.
    explicit Db(const std::string& path);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(std::string_view sql);  // statements without parameters (DDL, pragmas)
    // Compiled statements are kept per SQL text and handed out again once the
    // previous Stmt is gone (reset, bindings cleared): the repositories prepare
    // the same few statements for every saved row, and compiling them was about
    // half the cost of saving one (an import of 20,000 employees, bench/import).
    // A statement still in use is compiled afresh, uncached. This is the one
    // statement cache: the sync engine's hot paths (push apply, pull paging)
    // prepare through it too.
    Stmt prepare(std::string_view sql);
    int64_t last_insert_rowid() const;
    int changes() const;
    sqlite3* handle() { return db_; }
    const std::string& path() const { return path_; }
    // Which state of the database a copy of it reflects (store::snapshot_version):
    // serial() is unique per connection opened in this process, commits() counts
    // the write transactions committed on this connection (sqlite3_commit_hook).
    uint64_t serial() const { return serial_; }
    uint64_t commits() const { return commits_; }

    // Runs fn inside BEGIN IMMEDIATE … COMMIT; rolls back on any exception and rethrows.
    // Nested calls join the outer transaction (savepoints are not needed here).
    void transaction(const std::function<void()>& fn);
    bool in_transaction() const { return tx_depth_ > 0; }

    // One hook per connection (the sync outbox). Called inside the transaction.
    void set_change_hook(ChangeHook hook) { hook_ = std::move(hook); }
    void notify(const RowChange& c) {
        if (hook_) hook_(*this, c);
    }

private:
    friend class Stmt;
    void release(sqlite3_stmt* s);  // a cached statement back to the cache

    sqlite3* db_ = nullptr;
    std::string path_;
    uint64_t serial_ = 0, commits_ = 0;
    int tx_depth_ = 0;
    ChangeHook hook_;
    struct Cached {
        sqlite3_stmt* stmt = nullptr;
        bool in_use = false;
    };
    struct Hash {  // lookups by string_view, without building a key string per call
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, Cached, Hash, std::equal_to<>> cache_;
    std::unordered_map<sqlite3_stmt*, Cached*> cached_by_stmt_;
};

// A prepared statement. bind() is 1-based like SQLite; values are bound, never spliced.
class Stmt {
public:
    Stmt(sqlite3* db, sqlite3_stmt* s, Db* cache = nullptr) : db_(db), s_(s), cache_(cache) {}
    Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_), cache_(o.cache_) { o.s_ = nullptr; }
    Stmt& operator=(Stmt&&) = delete;
    ~Stmt();

    Stmt& bind(int i, std::nullptr_t);
    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt& bind(int i, bool v) { return bind(i, static_cast<int64_t>(v ? 1 : 0)); }
    Stmt& bind(int i, double v);
    Stmt& bind(int i, std::string_view v);
    Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Stmt& bind_json(int i, const nlohmann::json& scalar);  // null, bool, number or string
    Stmt& bind_blob(int i, std::string_view bytes);          // binary content (documents)
    // Bound without a copy (the hot sync paths): the value must stay alive and
    // unchanged until the statement has run (the Stmt is destroyed or reset).
    Stmt& bind_ref(int i, const Value& v);
    Stmt& bind_ref(int i, const std::string& v);
    Stmt& bind_ref(int i, const std::string&& v) = delete;  // a temporary would dangle
    Stmt& bind_json_ref(int i, const nlohmann::json& scalar);  // a string without a copy, as bind_ref

    bool step();  // true when a row is available
    void run();   // step to completion (for statements without rows)
    void reset();

    int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::string blob(int col) const;
    bool is_null(int col) const;
    nlohmann::json json_value(int col) const;  // typed scalar of the column
    Value value(int col) const;                 // the same as a typed row value (store/value.h)
    // Appends json_value(col).dump() to out without building the JSON value.
    void append_json_value(int col, std::string& out) const;
    int columns() const;
    const char* column_name(int col) const;
    int changes() const;  // rows changed by the last INSERT/UPDATE/DELETE on this connection

private:
    sqlite3* db_;
    sqlite3_stmt* s_;
    Db* cache_ = nullptr;  // set when the statement belongs to the Db's cache
};

}  // namespace seimbang::store
