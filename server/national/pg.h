// A thin RAII layer over libpq for the national store (docs/SCALE.md). Values
// only ever travel as bound parameters (PQexecParams) or as COPY data, never
// inside SQL text; SQL texts are built from the fixed table registry only.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct pg_conn;
struct pg_result;

namespace seimbang::national {

struct PgError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One query's answer (text format). Columns by position.
class PgResult {
public:
    PgResult() = default;
    explicit PgResult(pg_result* r) : r_(r) {}
    PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    PgResult& operator=(PgResult&& o) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;
    ~PgResult();
    int rows() const;
    bool null(int row, int col) const;
    std::string_view text(int row, int col) const;  // "" when null
    long long int64(int row, int col) const;
    double real(int row, int col) const;

private:
    pg_result* r_ = nullptr;
};

// A bound parameter: a text value or SQL NULL.
using PgParam = std::optional<std::string>;

class Pg {
public:
    // `url`: a libpq connection URI (postgresql://user@host:port/db). Throws PgError.
    explicit Pg(const std::string& url);
    ~Pg();
    Pg(const Pg&) = delete;
    Pg& operator=(const Pg&) = delete;

    // A statement without parameters (DDL, BEGIN, COMMIT).
    void exec(const std::string& sql);
    // A statement with bound parameters ($1, $2, …); throws PgError on failure.
    PgResult query(const std::string& sql, const std::vector<PgParam>& params = {});
    // Statements sent at once and answered at once (libpq pipeline mode: one
    // round trip for all); their answers in order. When one fails the rest are
    // not run and PgError is thrown (inside a transaction: roll it back).
    struct Statement {
        std::string sql;
        std::vector<PgParam> params;
    };
    std::vector<PgResult> pipeline(const std::vector<Statement>& statements);
    // COPY … FROM STDIN: `sql` is the COPY statement, `data` its text-format
    // rows (copy_field escapes each value).
    void copy_in(const std::string& sql, const std::string& data);
    // Runs `f` in a transaction: committed when it returns, rolled back when it
    // throws. `begin` may ask for an isolation level (the national views read
    // one REPEATABLE READ snapshot so their lists and totals agree).
    template <typename F>
    auto transaction(F&& f, const char* begin = "BEGIN") {
        exec(begin);
        try {
            if constexpr (std::is_void_v<decltype(f())>) {
                f();
                exec("COMMIT");
            } else {
                auto r = f();
                exec("COMMIT");
                return r;
            }
        } catch (...) {
            try {
                exec("ROLLBACK");
            } catch (...) {
            }
            throw;
        }
    }

private:
    pg_conn* c_ = nullptr;
};

// Appends one value to a COPY text-format row: `\N` for null, backslash,
// tab, newline and carriage return escaped. The caller adds '\t' between
// fields and '\n' after the last.
void copy_field(std::string& out, const std::optional<std::string_view>& value);

}  // namespace seimbang::national
