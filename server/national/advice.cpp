// Between-instansi requests waiting for BKN's pertimbangan teknis (the
// Nasional screen of a pusat session, docs/SCALE.md "In the browser: the
// Nasional screen"): the latest row of each antar_instansi request — the two
// instansi may each hold a copy under their own key; the one with the highest
// seq is the current state — that stands at `disetujui_unit_asal`, oldest
// first, one bounded page. pusat's step itself is a command of the push
// (NationalStore::national_step), like any device's.
#include <chrono>

#include "national/store.h"

namespace seimbang::national {

using nlohmann::json;

json NationalStore::awaiting_advice(const ViewPage& page) {
    const auto t0 = std::chrono::steady_clock::now();
    std::lock_guard lock(mu_);
    json out = json::object();
    pg_.transaction([&] {
        const std::vector<PgParam> p = {std::to_string(page.limit), std::to_string(page.offset)};
        // (Offices are keyed (instansi, id) with UUID ids: the destination office
        // names its instansi; the sending instansi is the request's from_instansi.)
        const std::string sql =
            "WITH latest AS (SELECT DISTINCT ON (id) id, number, from_instansi, to_office_id, employee_nip, "
            "employee_name, reason, explanation, status, status_ms FROM requests WHERE kind = 'antar_instansi' "
            "ORDER BY id, _seq DESC) "
            "SELECT l.id, l.number, l.employee_nip, l.employee_name, l.reason, l.explanation, l.status_ms, "
            "coalesce(nullif(fa.name, ''), fo.name, l.from_instansi), coalesce(nullif(ta.name, ''), tr.name, ''), "
            "coalesce(o.name, ''), count(*) OVER () "
            "FROM latest l "
            "LEFT JOIN nat_instansi fa ON fa.instansi = l.from_instansi "
            "LEFT JOIN offices fo ON fo.instansi = l.from_instansi AND fo.id = l.from_instansi "
            "LEFT JOIN LATERAL (SELECT instansi, name FROM offices WHERE id = l.to_office_id LIMIT 1) o ON true "
            "LEFT JOIN nat_instansi ta ON ta.instansi = o.instansi "
            "LEFT JOIN offices tr ON tr.instansi = o.instansi AND tr.id = o.instansi "
            "WHERE l.status = 'disetujui_unit_asal' ORDER BY l.status_ms, l.id "
            "LIMIT $1::bigint OFFSET $2::bigint";
        PgResult r = pg_.query(sql, p);
        out["total"] = page_total(pg_, r, sql, p, 10);
        json list = json::array();
        for (int k = 0; k < r.rows(); ++k)
            list.push_back({{"id", std::string(r.text(k, 0))},
                            {"number", std::string(r.text(k, 1))},
                            {"employee_nip", std::string(r.text(k, 2))},
                            {"employee_name", std::string(r.text(k, 3))},
                            {"reason", std::string(r.text(k, 4))},
                            {"explanation", std::string(r.text(k, 5))},
                            {"status_ms", r.int64(k, 6)},
                            {"from_instansi_name", std::string(r.text(k, 7))},
                            {"to_instansi_name", std::string(r.text(k, 8))},
                            {"to_office_name", std::string(r.text(k, 9))}});
        out["requests"] = std::move(list);
    }, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    out["ms"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace seimbang::national
