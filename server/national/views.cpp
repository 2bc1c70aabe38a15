// The national views for `pusat` besides the ABK roll-up (docs/SCALE.md
// "National views"): transfer requests per period with their kinds and
// reasons, and the national I-MUT export. Computed by PostgreSQL over the rows
// the instansi servers forwarded; every answer is bounded (periods of at most
// five years, lists in pages of at most kMaxViewRows), so a browser at the
// centre never replicates rows.
#include <chrono>

#include "national/store.h"
#include "workflow/imut.h"
#include "workflow/request.h"

namespace seimbang::national {

using nlohmann::json;

namespace {

// A request's moments as dates in WIB (UTC+7: the instansi servers' calendar),
// and the epoch-ms bounds of the period [$1, $2] (dates) for sargable filters.
constexpr const char* kFromMs = "(($1::date - date '1970-01-01')::bigint * 86400000 - 25200000)";
constexpr const char* kToMs = "(($2::date + 1 - date '1970-01-01')::bigint * 86400000 - 25200000)";

std::string wib_month(const char* column) {
    std::string s = "to_char(to_timestamp((";
    s += column;
    s += " + 25200000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')";
    return s;
}

// What happened to requests in the period, one row per request and event kind:
// filed (submitted at least once: anything but a draft, by its creation
// time), decided (the SK date), rejected (the time it was refused). $3: one
// instansi or '' for all.
std::string happened_sql() {
    const std::string mine = " AND ($3::text = '' OR instansi = $3::text)";
    return "SELECT instansi, kind, reason, " + wib_month("created_ms") +
           " AS period, 1 AS filed, 0 AS decided, 0 AS rejected FROM requests "
           "WHERE status <> 'draf' AND created_ms >= " + kFromMs + " AND created_ms < " + kToMs + mine +
           " UNION ALL SELECT instansi, kind, reason, substr(sk_date, 1, 7), 0, 1, 0 FROM requests "
           "WHERE status IN ('ditetapkan', 'selesai') AND sk_date >= $1::text AND sk_date <= $2::text" + mine +
           " UNION ALL SELECT instansi, kind, reason, " + wib_month("status_ms") + ", 0, 0, 1 FROM requests "
           "WHERE status = 'ditolak' AND status_ms >= " + kFromMs + " AND status_ms < " + kToMs + mine;
}

}  // namespace

long long page_total(Pg& pg, const PgResult& page, const std::string& sql, std::vector<PgParam> params, int col) {
    if (page.rows() > 0) return page.int64(0, col);
    if (params.size() < 2 || params.back() == "0") return 0;  // the first page is empty: no rows at all
    params[params.size() - 2] = "1";
    params.back() = "0";
    PgResult first = pg.query(sql, params);
    return first.rows() > 0 ? first.int64(0, col) : 0;
}

json NationalStore::transfers(const std::string& from, const std::string& to, const std::string& instansi,
                              const ViewPage& page) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<PgParam> params = {from, to, instansi};
    std::lock_guard lock(mu_);
    json out = {{"from", from}, {"to", to}, {"instansi_filter", instansi}};
    // One snapshot: the two lists agree.
    pg_.transaction([&] {
        PgResult r = pg_.query("SELECT period, kind, reason, sum(filed), sum(decided), sum(rejected) FROM (" +
                                   happened_sql() + ") h GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                               params);
        json periods = json::array();
        int64_t filed = 0, decided = 0, rejected = 0;
        for (int k = 0; k < r.rows(); ++k) {
            periods.push_back({{"period", std::string(r.text(k, 0))},
                               {"kind", std::string(r.text(k, 1))},
                               {"reason", std::string(r.text(k, 2))},
                               {"filed", r.int64(k, 3)},
                               {"decided", r.int64(k, 4)},
                               {"rejected", r.int64(k, 5)}});
            filed += r.int64(k, 3);
            decided += r.int64(k, 4);
            rejected += r.int64(k, 5);
        }
        out["periods"] = std::move(periods);
        out["totals"] = {{"filed", filed}, {"decided", decided}, {"rejected", rejected}};
        // Per instansi (one page): the period's counts and what is open now.
        std::vector<PgParam> p = params;
        p.push_back(std::to_string(page.limit));
        p.push_back(std::to_string(page.offset));
        const std::string list_sql = "WITH h AS (SELECT instansi, sum(filed) AS filed, sum(decided) AS decided, sum(rejected) AS rejected "
                      "FROM (" + happened_sql() + ") x GROUP BY 1), "
                      "o AS (SELECT instansi, count(*) AS open FROM requests WHERE status NOT IN "
                      "('draf', 'ditetapkan', 'selesai', 'ditolak', 'dibatalkan') AND ($3::text = '' OR instansi = $3::text) "
                      "GROUP BY 1), "
                      "k AS (SELECT instansi FROM h UNION SELECT instansi FROM o) "
                      "SELECT k.instansi, coalesce(nullif(n.name, ''), ro.name, ''), coalesce(n.province, ''), "
                      "coalesce(h.filed, 0), coalesce(h.decided, 0), coalesce(h.rejected, 0), coalesce(o.open, 0), "
                      "count(*) OVER () FROM k LEFT JOIN h ON h.instansi = k.instansi LEFT JOIN o ON o.instansi = k.instansi "
                      "LEFT JOIN nat_instansi n ON n.instansi = k.instansi "
                      "LEFT JOIN offices ro ON ro.instansi = k.instansi AND ro.id = k.instansi "
                      "ORDER BY k.instansi LIMIT $4::bigint OFFSET $5::bigint";
        r = pg_.query(list_sql, p);
        json list = json::array();
        out["instansi_total"] = page_total(pg_, r, list_sql, p, 7);
        for (int k = 0; k < r.rows(); ++k)
            list.push_back({{"instansi", std::string(r.text(k, 0))},
                            {"name", std::string(r.text(k, 1))},
                            {"province", std::string(r.text(k, 2))},
                            {"filed", r.int64(k, 3)},
                            {"decided", r.int64(k, 4)},
                            {"rejected", r.int64(k, 5)},
                            {"open", r.int64(k, 6)}});
        out["instansi"] = std::move(list);
    }, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    out["ms"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

std::string NationalStore::imut_csv(const workflow::WorkflowSettings& s, const std::string& from, const std::string& to,
                                    const std::string& instansi, const ViewPage& page, bool& more) {
    // Names as the instansi server's export gives them: the instansi's name is
    // the registry's (else its root office's); the wished post is the first
    // element of to_positions (the granted one after the decision), read by a
    // pattern so a malformed array names nothing instead of failing the export.
    const std::string sql =
        "SELECT e.nip, e.name, e.golongan, coalesce(nullif(n.name, ''), ro.name, ''), oa.name, pa.name, r.to_instansi, "
        "ot.name, pt.name, r.kind, r.reason, r.sk_number, r.sk_date, r.tmt FROM requests r "
        "LEFT JOIN employees e ON e.instansi = r.instansi AND e.id = r.employee_id "
        "LEFT JOIN nat_instansi n ON n.instansi = r.instansi "
        "LEFT JOIN offices ro ON ro.instansi = r.instansi AND ro.id = r.instansi "
        "LEFT JOIN offices oa ON oa.instansi = r.instansi AND oa.id = r.office_id "
        "LEFT JOIN positions pa ON pa.instansi = r.instansi AND pa.id = r.from_position_id "
        "LEFT JOIN offices ot ON ot.instansi = r.instansi AND ot.id = r.to_office_id "
        "LEFT JOIN positions pt ON pt.instansi = r.instansi AND pt.id = substring(r.to_positions from '^\\[\"([^\"]*)\"') "
        "WHERE r.status IN ('ditetapkan', 'selesai') AND r.sk_date >= $1::text AND r.sk_date <= $2::text "
        "AND ($3::text = '' OR r.instansi = $3::text) "
        "ORDER BY r.sk_date COLLATE \"C\", r.instansi COLLATE \"C\", r.sk_number COLLATE \"C\" "
        "LIMIT $4::bigint OFFSET $5::bigint";
    PgResult r;
    {
        std::lock_guard lock(mu_);
        r = pg_.query(sql, {from, to, instansi, std::to_string(page.limit + 1), std::to_string(page.offset)});
    }
    more = r.rows() > page.limit;
    std::string out = workflow::imut_header(s);
    for (int k = 0; k < r.rows() && k < page.limit; ++k) {
        workflow::ImutMove m;
        m.nip = r.text(k, 0);
        m.nama = r.text(k, 1);
        m.golongan = r.text(k, 2);
        m.instansi_asal = r.text(k, 3);
        m.unit_asal = r.text(k, 4);
        m.jabatan_asal = r.text(k, 5);
        m.instansi_tujuan = r.text(k, 6).empty() ? m.instansi_asal : std::string(r.text(k, 6));
        m.unit_tujuan = r.text(k, 7);
        m.jabatan_tujuan = r.text(k, 8);
        m.kind = workflow::parse_kind(r.text(k, 9)).value_or(workflow::Kind::atas_permintaan_sendiri);
        m.reason = workflow::parse_reason(r.text(k, 10)).value_or(workflow::Reason::lainnya);
        m.nomor_sk = r.text(k, 11);
        m.tanggal_sk = r.text(k, 12);
        m.tmt = r.text(k, 13);
        out += workflow::imut_line(s, m);
    }
    return out;
}

json NationalStore::claims(const ViewPage& page) {
    const auto t0 = std::chrono::steady_clock::now();
    std::lock_guard lock(mu_);
    json out = json::object();
    // One snapshot: the page and its total agree.
    pg_.transaction([&] {
        // (min <> max: two instansi at least, with a hashed aggregate; a
        // count(DISTINCT) sorts every active row: 11–13 s at 1,000,000.)
        pg_.exec("CREATE TEMP TABLE nat_claims ON COMMIT DROP AS SELECT nip FROM employees "
                 "WHERE archived = 0 AND nip <> '' GROUP BY nip HAVING min(instansi) <> max(instansi)");
        out["total"] = pg_.query("SELECT count(*) FROM nat_claims").int64(0, 0);
        // Each holder with the latest open request about them (any instansi's row:
        // the receiving side's proposal names the sending side's employee).
        PgResult r = pg_.query(
            "WITH d AS (SELECT nip FROM nat_claims ORDER BY nip COLLATE \"C\" LIMIT $1::bigint OFFSET $2::bigint) "
            "SELECT d.nip, e.instansi, coalesce(nullif(n.name, ''), ro.name, ''), e.id, e.name, coalesce(o.name, ''), "
            "coalesce(q.number, ''), coalesce(q.status, ''), coalesce(q.kind, ''), coalesce(q.instansi, '') "
            "FROM d JOIN employees e ON e.nip = d.nip AND e.archived = 0 "
            "LEFT JOIN nat_instansi n ON n.instansi = e.instansi "
            "LEFT JOIN offices ro ON ro.instansi = e.instansi AND ro.id = e.instansi "
            "LEFT JOIN offices o ON o.instansi = e.instansi AND o.id = e.office_id "
            "LEFT JOIN LATERAL (SELECT number, status, kind, instansi FROM requests r WHERE r.employee_id = e.id "
            "  AND r.status NOT IN ('selesai', 'ditolak', 'dibatalkan') ORDER BY r._seq DESC LIMIT 1) q ON true "
            "ORDER BY d.nip COLLATE \"C\", e.instansi COLLATE \"C\"",
            {std::to_string(page.limit), std::to_string(page.offset)});
        json list = json::array();
        for (int k = 0; k < r.rows(); ++k) {
            const std::string nip(r.text(k, 0));
            if (list.empty() || list.back()["nip"] != nip) list.push_back({{"nip", nip}, {"holders", json::array()}, {"in_flight", false}});
            json holder = {{"instansi", std::string(r.text(k, 1))}, {"instansi_name", std::string(r.text(k, 2))},
                           {"employee_id", std::string(r.text(k, 3))}, {"name", std::string(r.text(k, 4))},
                           {"office", std::string(r.text(k, 5))}, {"request", nullptr}};
            if (!r.text(k, 6).empty()) {
                holder["request"] = {{"number", std::string(r.text(k, 6))}, {"status", std::string(r.text(k, 7))},
                                     {"kind", std::string(r.text(k, 8))}, {"written_by", std::string(r.text(k, 9))}};
                list.back()["in_flight"] = true;
            }
            list.back()["holders"].push_back(std::move(holder));
        }
        out["claims"] = std::move(list);
    }, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    out["ms"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace seimbang::national
