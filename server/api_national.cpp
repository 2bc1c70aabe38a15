// The national views for the `pusat` role on a national server (`serve
// --store postgresql://…`, docs/SCALE.md "National views"), computed in
// PostgreSQL and read in bounded pages; a browser at the centre never
// replicates millions of rows:
//   GET /api/v1/national/abk?year=N[&province=P][&limit=L&offset=O]
//       ABK per instansi (one page, of one province), per province, per jabatan (one page)
//   GET /api/v1/national/transfers?from=YYYY-MM-DD&to=YYYY-MM-DD[&instansi=ID][&limit&offset]
//       transfer requests per month by kind and reason; per instansi (one page)
//   GET /api/v1/national/imut.csv?from=…&to=…[&instansi=ID][&limit&offset]
//       the national I-MUT export (X-Next-Offset when more rows follow)
//   GET /api/v1/national/claims[?limit&offset]
//       NIPs active in two or more instansi, each holder with its open request
//   GET /api/v1/national/advice[?limit&offset]
//       between-instansi requests waiting for BKN's pertimbangan teknis
// Only roles with access::Feature::national_rollup; 404 `national.not_configured`
// on an instansi server (no national store).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "model/date.h"
#include "server_context.h"
#include "store/repo.h"
#include "workflow/settings.h"

namespace seimbang::server {

namespace {

constexpr int kMaxOffset = 10'000'000;
constexpr int kMaxPeriodYears = 5;
constexpr size_t kMaxKeyLength = 200;  // an instansi id or a province name

// The signed-in pusat account, or the answer already sent (then false).
bool allowed(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(ctx.mu);
    auto who = require_auth(ctx, req, res);
    if (!who) return false;
    if (!access::may(who->role, access::Feature::national_rollup)) {
        send(res, sync::error_reply(403, "role.forbidden"));
        return false;
    }
    if (!ctx.national) {
        send(res, sync::error_reply(404, "national.not_configured"));
        return false;
    }
    return true;
}

bool parse_int(const std::string& s, int lo, int hi, int& out) {
    if (s.empty() || s.size() > 9) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    if (v < lo || v > hi) return false;
    out = v;
    return true;
}

// limit (1…max) and offset; false after answering 400 national.bad_page.
bool read_page(const httplib::Request& req, httplib::Response& res, national::ViewPage& page,
               int max = national::kMaxViewRows) {
    if ((req.has_param("limit") && !parse_int(req.get_param_value("limit"), 1, max, page.limit)) ||
        (req.has_param("offset") && !parse_int(req.get_param_value("offset"), 0, kMaxOffset, page.offset))) {
        send(res, sync::error_reply(400, "national.bad_page"));
        return false;
    }
    return true;
}

// from ≤ to, both dates, at most kMaxPeriodYears apart; false after answering 400 export.bad_period.
bool read_period(const httplib::Request& req, httplib::Response& res, std::string& from, std::string& to) {
    const auto f = parse_iso_date(req.get_param_value("from")), t = parse_iso_date(req.get_param_value("to"));
    if (!f || !t || *t < *f || years_between(*f, *t) >= kMaxPeriodYears) {
        send(res, sync::error_reply(400, "export.bad_period"));
        return false;
    }
    from = format_iso_date(*f);
    to = format_iso_date(*t);
    return true;
}

bool read_key(const httplib::Request& req, httplib::Response& res, const char* name, std::string& out) {
    out = req.get_param_value(name);
    if (out.size() > kMaxKeyLength) {
        send(res, sync::error_reply(400, "field.too_long", name));
        return false;
    }
    return true;
}

}  // namespace

void mount_national(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/national/abk", [&ctx](const httplib::Request& req, httplib::Response& res) {
        if (!allowed(ctx, req, res)) return;
        Settings settings;
        {
            // The rule settings the centre keeps (its control database), the same the ABK engine reads.
            std::lock_guard lock(ctx.mu);
            settings = store::load_settings(ctx.db);
        }
        int year = today_utc().year;
        if (req.has_param("year") && !parse_int(req.get_param_value("year"), 2000, 2200, year))
            return send(res, sync::error_reply(400, "abk.bad_year"));
        national::RollupQuery q;
        if (!read_page(req, res, q.page) || !read_key(req, res, "province", q.province)) return;
        send(req, res, {200, ctx.national->rollup(year, settings, q)});  // (outside the control database's lock)
    });

    srv.Get("/api/v1/national/transfers", [&ctx](const httplib::Request& req, httplib::Response& res) {
        if (!allowed(ctx, req, res)) return;
        std::string from, to, instansi;
        national::ViewPage page;
        if (!read_period(req, res, from, to) || !read_page(req, res, page) || !read_key(req, res, "instansi", instansi))
            return;
        send(req, res, {200, ctx.national->transfers(from, to, instansi, page)});
    });

    srv.Get("/api/v1/national/claims", [&ctx](const httplib::Request& req, httplib::Response& res) {
        if (!allowed(ctx, req, res)) return;
        national::ViewPage page;
        if (!read_page(req, res, page)) return;
        send(req, res, {200, ctx.national->claims(page)});
    });

    srv.Get("/api/v1/national/advice", [&ctx](const httplib::Request& req, httplib::Response& res) {
        if (!allowed(ctx, req, res)) return;
        national::ViewPage page;
        if (!read_page(req, res, page)) return;
        send(req, res, {200, ctx.national->awaiting_advice(page)});
    });

    srv.Get("/api/v1/national/imut.csv", [&ctx](const httplib::Request& req, httplib::Response& res) {
        if (!allowed(ctx, req, res)) return;
        std::string from, to, instansi;
        national::ViewPage page;
        page.limit = national::kMaxExportRows;
        if (!read_period(req, res, from, to) || !read_page(req, res, page, national::kMaxExportRows) || !read_key(req, res, "instansi", instansi))
            return;
        workflow::WorkflowSettings settings;
        {
            std::lock_guard lock(ctx.mu);
            settings = workflow::load_workflow_settings(ctx.db);  // the column list (imut_columns)
        }
        bool more = false;
        std::string csv = ctx.national->imut_csv(settings, from, to, instansi, page, more);
        if (more) res.set_header("X-Next-Offset", std::to_string(page.offset + page.limit));
        res.set_header("Content-Disposition", "attachment; filename=\"imut-nasional.csv\"");
        res.set_content(std::move(csv), "text/csv; charset=utf-8");
    });
}

}  // namespace seimbang::server
