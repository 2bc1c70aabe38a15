#include "national/pg.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>

namespace seimbang::national {

PgResult& PgResult::operator=(PgResult&& o) noexcept {
    if (this != &o) {
        if (r_) PQclear(r_);
        r_ = o.r_;
        o.r_ = nullptr;
    }
    return *this;
}
PgResult::~PgResult() {
    if (r_) PQclear(r_);
}
int PgResult::rows() const { return r_ ? PQntuples(r_) : 0; }
bool PgResult::null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
std::string_view PgResult::text(int row, int col) const {
    return std::string_view(PQgetvalue(r_, row, col), static_cast<size_t>(PQgetlength(r_, row, col)));
}
long long PgResult::int64(int row, int col) const { return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10); }
double PgResult::real(int row, int col) const { return std::strtod(PQgetvalue(r_, row, col), nullptr); }

Pg::Pg(const std::string& url) {
    c_ = PQconnectdb(url.c_str());
    if (PQstatus(c_) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(c_);
        PQfinish(c_);
        c_ = nullptr;
        throw PgError("postgresql: cannot connect: " + msg);
    }
    // Warnings (e.g. "relation already exists, skipping") are not for the log.
    PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
}

Pg::~Pg() {
    if (c_) PQfinish(c_);
}

namespace {
void check(pg_result* r, pg_conn* c) {
    const ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_COPY_IN) return;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
    if (r) PQclear(r);
    throw PgError("postgresql: " + msg);
}
}  // namespace

void Pg::exec(const std::string& sql) {
    pg_result* r = PQexec(c_, sql.c_str());
    check(r, c_);
    PQclear(r);
}

PgResult Pg::query(const std::string& sql, const std::vector<PgParam>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    pg_result* r = PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                                nullptr, 0);
    check(r, c_);
    return PgResult(r);
}

std::vector<PgResult> Pg::pipeline(const std::vector<Statement>& statements) {
    if (PQenterPipelineMode(c_) != 1) throw PgError(std::string("postgresql: pipeline: ") + PQerrorMessage(c_));
    std::string error;
    size_t sent = 0;
    for (const auto& st : statements) {
        std::vector<const char*> values;
        values.reserve(st.params.size());
        for (const auto& p : st.params) values.push_back(p ? p->c_str() : nullptr);
        if (PQsendQueryParams(c_, st.sql.c_str(), static_cast<int>(st.params.size()), nullptr, values.data(), nullptr,
                              nullptr, 0) != 1) {
            error = std::string("postgresql: ") + PQerrorMessage(c_);
            break;
        }
        ++sent;
    }
    if (PQpipelineSync(c_) != 1 && error.empty()) error = std::string("postgresql: ") + PQerrorMessage(c_);
    // Every statement sent has one answer (PGRES_PIPELINE_ABORTED after a
    // failure), each followed by a null; then the sync's.
    std::vector<PgResult> out;
    for (size_t k = 0; k < sent; ++k) {
        pg_result* r = PQgetResult(c_);
        const ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
            out.emplace_back(r);
        } else {
            if (error.empty())
                error = std::string("postgresql: ") + (r ? PQresultErrorMessage(r) : PQerrorMessage(c_));
            if (r) PQclear(r);
        }
        while (pg_result* more = PQgetResult(c_)) PQclear(more);
    }
    for (;;) {  // up to and including the sync's answer
        pg_result* r = PQgetResult(c_);
        if (!r) break;
        const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        if (sync) break;
    }
    PQexitPipelineMode(c_);
    if (!error.empty()) throw PgError(error);
    return out;
}

void Pg::copy_in(const std::string& sql, const std::string& data) {
    pg_result* r = PQexec(c_, sql.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) check(r, c_);  // throws
    PQclear(r);
    // In pieces of 1 MiB: libpq buffers what it cannot send at once.
    constexpr size_t kPiece = 1 << 20;
    for (size_t at = 0; at < data.size(); at += kPiece) {
        const size_t n = std::min(kPiece, data.size() - at);
        if (PQputCopyData(c_, data.data() + at, static_cast<int>(n)) != 1)
            throw PgError(std::string("postgresql: COPY: ") + PQerrorMessage(c_));
    }
    if (PQputCopyEnd(c_, nullptr) != 1) throw PgError(std::string("postgresql: COPY: ") + PQerrorMessage(c_));
    pg_result* end = PQgetResult(c_);
    check(end, c_);
    PQclear(end);
    while (pg_result* more = PQgetResult(c_)) PQclear(more);
}

void copy_field(std::string& out, const std::optional<std::string_view>& value) {
    if (!value) {
        out += "\\N";
        return;
    }
    for (char ch : *value) {
        switch (ch) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += ch;
        }
    }
}

}  // namespace seimbang::national
