// The national tier's store on PostgreSQL (docs/SCALE.md): `seimbang-server
// serve --store postgresql://…`. Instansi servers push their rows with the
// push protocol of docs/SYNC.md §5 (one device per instansi, its scope the
// instansi's root office) and pull their own rows back plus the centre's
// reference data (§6). Every table is keyed by (instansi, id), so the schema
// can be distributed by instansi on Citus unchanged.
//
// Intake is in bulk: a batch's rows are folded per row in memory, sent with
// one INSERT … ON CONFLICT per table whose rows are bound as one array per
// column (unnest), the push's idempotency record as one row (its counters,
// the seqs of the applied ones), the statements of a push in four round
// trips (Pg::pipeline); the rows of seeded scale data go
// in by COPY. Triggers keep the roll-up's summaries (national/summary.h) in
// the same transactions.
// Accounts and tokens stay in the server's SQLite control database (--db).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "model/settings.h"
#include "national/pg.h"
#include "sync/push_request.h"
#include "sync/scope.h"
#include "sync/server_sync.h"
#include "workflow/settings.h"

namespace seimbang::national {

// The instansi key of rows the centre owns (reference data every instansi pulls).
inline constexpr const char* kCentre = "";

// [views] One page of a national view's list (docs/API.md): at most
// kMaxViewRows rows per answer, `total` tells how many there are.
inline constexpr int kMaxViewRows = 1000;
// The I-MUT export's page: a file, so larger (about 25 MB of CSV at most).
inline constexpr int kMaxExportRows = 100000;
struct ViewPage {
    int limit = 500;
    int offset = 0;
};
// The national ABK roll-up's lists: the instansi of one province (all when
// empty) and the jabatan, each one page.
struct RollupQuery {
    std::string province;
    ViewPage page;
};

// The `count(*) OVER ()` column `col` of a page's first row: the number of
// rows of the whole list. A page past the end has no row: the list's first
// row is read instead (the page's last two parameters are limit, offset).
long long page_total(Pg& pg, const PgResult& page, const std::string& sql, std::vector<PgParam> params, int col);

class NationalStore {
public:
    // Connects and brings the schema up to date (idempotent). Throws PgError.
    explicit NationalStore(const std::string& url);

    // POST /api/v1/sync/push for an instansi account (who.office_id = the
    // instansi's root office). The same answers as docs/SYNC.md §5, a re-sent
    // batch included (idempotency by (instansi, device, counter)).
    sync::Reply push(const sync::Principal& who, sync::PushRequest request);
    // GET /api/v1/sync/pull: the instansi's own rows and the centre's, after `cursor`.
    sync::Reply pull(const sync::Principal& who, int64_t cursor, int limit);

    // The instansi registry (reference data): name and province, for the roll-ups.
    void register_instansi(const std::string& instansi, const std::string& name, const std::string& province);

    // The national ABK roll-up of `year` (docs/SCALE.md "National roll-up"):
    // per instansi, per province and per jabatan (position name) nationwide,
    // computed by SQL aggregates over the stored task volumes and holders.
    nlohmann::json rollup(int year, const Settings& s, const RollupQuery& q = {});

    // [views] The other national views for pusat (server/national/views.cpp,
    // docs/SCALE.md "National views"), computed in PostgreSQL, bounded.
    // Transfer requests per month of the period by kind and reason (filed,
    // decided, rejected) plus one page of the per-instansi counts.
    nlohmann::json transfers(const std::string& from, const std::string& to, const std::string& instansi,
                             const ViewPage& page);
    // The national I-MUT export: decided moves with the SK date in [from, to]
    // (one instansi's when `instansi` is given), one page in (SK date, instansi,
    // SK number) order, written by workflow::imut_line. `more`: rows follow.
    std::string imut_csv(const workflow::WorkflowSettings& s, const std::string& from, const std::string& to,
                         const std::string& instansi, const ViewPage& page, bool& more);
    // Employees claimed by two or more instansi at once (the same NIP active
    // in each: a between-instansi move in flight, or an error), one page in NIP
    // order, each holder with the open request about them if there is one.
    nlohmann::json claims(const ViewPage& page);
    // Between-instansi requests waiting for BKN's pertimbangan teknis (their
    // latest state is disetujui_unit_asal), oldest first, one page (advice.cpp).
    nlohmann::json awaiting_advice(const ViewPage& page);

    // The connection (bench and tests: COPY seeding, counts). Not thread-safe:
    // callers hold mu().
    Pg& pg() { return pg_; }
    std::mutex& mu() { return mu_; }
    const std::string& generation() const { return generation_; }

    // Test hook (serve --test-pause-after-commit-ms): runs after a push's
    // commit, before its answer, so a test can cut the link in between.
    std::function<void()> after_commit;

private:
    void migrate();
    // [between instansi] A workflow command of pusat (store.cpp): the push answer.
    std::string national_step(const sync::Principal& who, const sync::PushRequest& req, const sync::PushMutation& m);
    // [between instansi] The batch's forwarded steps taken on a stale copy: index → refusal (stale_steps.cpp).
    std::map<size_t, std::string> stale_steps(const std::vector<sync::PushMutation>& ms);
    std::mutex mu_;
    Pg pg_;
    std::string generation_;
    sync::Hlc server_hlc_ = 0;
};

// The national schema's DDL (tables keyed by (instansi, id), the sequence
// counter, the idempotency records (one row per push), the instansi registry). Idempotent.
std::string national_schema_sql();
// The column types of a synced table in PostgreSQL, from its SQLite affinity
// (bigint, double precision, text), in t.columns order.
const std::vector<std::string>& pg_types(const store::TableSpec& t);

// Appends one row (instansi, id, columns…, _seq) in COPY text format.
void append_copy_row(std::string& out, const std::string& instansi, const store::Row& row,
                     int64_t seq);
// The merge of a batch's rows into a table: one INSERT … SELECT FROM unnest(one
// array per column) ON CONFLICT (instansi, id) DO UPDATE, the arrays bound as parameters.
std::string merge_sql(const store::TableSpec& t);
// COPY statement into `into` (a table with t's columns), for seeding.
std::string copy_sql(const store::TableSpec& t, const std::string& into);

}  // namespace seimbang::national
