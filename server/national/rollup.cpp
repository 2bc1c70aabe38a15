// The national ABK roll-up (docs/SCALE.md "National roll-up"): the figures of
// abk::analyse + abk::roll_up (shared/abk), computed by PostgreSQL aggregates
// over the positions and the per-position summaries the intake keeps
// (national/summary.h) instead of moving millions of rows into the server.
// The same rules: task minutes = volume × annual factor × norm; needed =
// minutes / WKE; a position's holders are its active employees; a position is
// short when holders < its rounded need, in surplus when above; a unit's need
// is its summed minutes / WKE, rounded once (never a sum of rounded needs).
// The parameters (WKE, annual factors, rounding) come from the same Settings.
#include <chrono>
#include <cmath>

#include "national/store.h"

namespace seimbang::national {

using nlohmann::json;

namespace {

// Positions of the year with their minutes, holders and rounded need, per
// instansi ($1 year, $2..$5 annual factors year/month/week/day, $6 WKE,
// $7 1 = round up (ceil), else half up). The tolerance is abk::round_needed's.
// Holders and Σ volume × norm per period come from the summaries the
// intake keeps (national/summary.h): one row per position, not one per
// employee and task.
const char* kPositionsCte = R"sql(
WITH task AS (
  SELECT instansi, position_id,
         per_year::float8 * $2::float8 + per_month::float8 * $3::float8 + per_week::float8 * $4::float8
           + per_day::float8 * $5::float8 AS minutes
  FROM nat_task_minutes WHERE year = $1::bigint),
pos AS (
  SELECT p.instansi, p.name, coalesce(t.minutes, 0) AS minutes, coalesce(h.holders, 0) AS holders
  FROM positions p
  LEFT JOIN task t ON t.instansi = p.instansi AND t.position_id = p.id
  LEFT JOIN nat_holders h ON h.instansi = p.instansi AND h.position_id = p.id
  WHERE p.archived = 0),
pr AS (
  SELECT *, CASE WHEN $7::int = 1 THEN ceil(minutes / $6::float8 - 1e-9) ELSE floor(minutes / $6::float8 + 0.5 + 1e-9) END
              AS needed_rounded
  FROM pos)
)sql";

// The per-instansi totals over the materialised positions (nat_pr).
const char* kInstansi = R"sql(
(SELECT instansi, sum(minutes) AS minutes, sum(holders) AS holders, count(*) AS positions,
        count(*) FILTER (WHERE holders < needed_rounded) AS positions_short,
        count(*) FILTER (WHERE holders > needed_rounded) AS positions_surplus
 FROM nat_pr GROUP BY instansi) inst
)sql";

// The unit figures of abk::finish_unit, from summed minutes and holders.
json unit_figures(double minutes, int64_t holders, int64_t positions, int64_t shorts, int64_t surplus,
                  const Settings& s) {
    const double needed = minutes / s.wke_minutes;
    constexpr double eps = 1e-9;
    const int64_t rounded = static_cast<int64_t>(s.rounding == RoundingRule::ceil ? std::ceil(needed - eps)
                                                                                  : std::floor(needed + 0.5 + eps));
    json j = {{"workload_minutes", minutes},   {"needed", needed},          {"needed_rounded", rounded},
              {"holders", holders},            {"difference", holders - rounded}, {"positions", positions},
              {"positions_short", shorts},     {"positions_surplus", surplus}};
    j["eu"] = holders > 0 ? json(minutes / (static_cast<double>(holders) * s.wke_minutes)) : json(nullptr);
    return j;
}

}  // namespace

json NationalStore::rollup(int year, const Settings& s, const RollupQuery& q) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<PgParam> params = {std::to_string(year),        std::to_string(s.per_year),
                                         std::to_string(s.per_month), std::to_string(s.per_week),
                                         std::to_string(s.per_day),   std::to_string(s.wke_minutes),
                                         std::string(s.rounding == RoundingRule::ceil ? "1" : "0")};
    std::lock_guard lock(mu_);
    json out = {{"year", year}};
    // One statement per view, in one read-only snapshot so the three agree.
    pg_.transaction([&] {
        // The positions with their figures, once (the three views read them).
        // (A utility statement takes no parameters: the table first, then an INSERT.)
        pg_.exec("CREATE TEMP TABLE nat_pr (instansi text, name text, minutes float8, holders bigint, "
                 "needed_rounded float8) ON COMMIT DROP");
        pg_.query("INSERT INTO nat_pr " + std::string(kPositionsCte) +
                      " SELECT instansi, name, minutes, holders, needed_rounded FROM pr",
                  params);
        // Per instansi (its name: the registry's, else its root office's): one
        // page, of one province when asked, with the count of all.
        const std::vector<PgParam> page = {q.province, std::to_string(q.page.limit), std::to_string(q.page.offset)};
        const std::string instansi_sql = "SELECT inst.instansi, coalesce(nullif(n.name, ''), o.name, ''), coalesce(n.province, ''), "
                                   "minutes, holders, positions, positions_short, positions_surplus, count(*) OVER () FROM " +
                                   std::string(kInstansi) +
                                   " "
                                   "LEFT JOIN nat_instansi n ON n.instansi = inst.instansi "
                                   "LEFT JOIN offices o ON o.instansi = inst.instansi AND o.id = inst.instansi "
                                   "WHERE $1::text = '' OR coalesce(n.province, '') = $1::text "
                                   "ORDER BY inst.instansi LIMIT $2::bigint OFFSET $3::bigint";
        PgResult r = pg_.query(instansi_sql, page);
        json inst = json::array();
        out["instansi_total"] = page_total(pg_, r, instansi_sql, page, 8);
        for (int k = 0; k < r.rows(); ++k) {
            json j = unit_figures(r.real(k, 3), r.int64(k, 4), r.int64(k, 5), r.int64(k, 6), r.int64(k, 7), s);
            j["instansi"] = std::string(r.text(k, 0));
            j["name"] = std::string(r.text(k, 1));
            j["province"] = std::string(r.text(k, 2));
            inst.push_back(std::move(j));
        }
        out["instansi"] = std::move(inst);
        // Per province: the instansi totals summed, rounded once (as abk::roll_up does for a parent).
        r = pg_.query("SELECT coalesce(n.province, ''), sum(minutes), sum(holders), sum(positions), "
                      "sum(positions_short), sum(positions_surplus) FROM " + std::string(kInstansi) +
                      " LEFT JOIN nat_instansi n ON n.instansi = inst.instansi GROUP BY 1 ORDER BY 1");
        json prov = json::array();
        for (int k = 0; k < r.rows(); ++k) {
            json j = unit_figures(r.real(k, 1), r.int64(k, 2), r.int64(k, 3), r.int64(k, 4), r.int64(k, 5), s);
            j["province"] = std::string(r.text(k, 0));
            prov.push_back(std::move(j));
        }
        out["provinces"] = std::move(prov);
        // Per jabatan nationwide: shortage and surplus summed over its positions
        // (a surplus in one office never hides a shortage in another).
        // (The largest shortage first; one page, with the count of all.)
        const std::string jabatan_sql =
            "SELECT name, count(*), sum(holders), sum(needed_rounded), "
            "sum(greatest(needed_rounded - holders, 0)), sum(greatest(holders - needed_rounded, 0)), "
            "sum(minutes), count(*) OVER () FROM nat_pr GROUP BY name ORDER BY 5 DESC, 1 "
            "LIMIT $1::bigint OFFSET $2::bigint";
        r = pg_.query(jabatan_sql, {page[1], page[2]});
        json jab = json::array();
        out["jabatan_total"] = page_total(pg_, r, jabatan_sql, {page[1], page[2]}, 7);
        for (int k = 0; k < r.rows(); ++k)
            jab.push_back({{"name", std::string(r.text(k, 0))},
                           {"positions", r.int64(k, 1)},
                           {"holders", r.int64(k, 2)},
                           {"needed_rounded", r.int64(k, 3)},
                           {"shortage", r.int64(k, 4)},
                           {"surplus", r.int64(k, 5)},
                           {"workload_minutes", r.real(k, 6)}});
        out["jabatan"] = std::move(jab);
    }, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    out["ms"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace seimbang::national
