// Transfer requests over HTTP (docs/API.md, docs/WORKFLOW.md). Steps are not
// endpoints: they travel as sync commands (POST /api/v1/sync/push). Here:
//   GET /api/v1/public/status?number=UM-…&nip=…   public: the status alone
//   GET /api/v1/public/sk?number=800/…             public: the decree's essential facts
//   GET /verifikasi?sk=800/…                        the same as a page (the QR code's address)
//   GET /api/v1/exports/imut.csv?scope=OFFICE&from=YYYY-MM-DD&to=YYYY-MM-DD
//   GET /api/v1/requests/{id}/sk.pdf                the decree (who may read the request)
// Public answers are rate-limited per client address like the login (failed
// look-ups count), and say nothing beyond what is listed.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "i18n/strings.h"
#include "server_context.h"
#include "sk_pdf.h"
#include "store/repo.h"
#include "sync/hlc.h"
#include "sync/scope.h"
#include "workflow/imut.h"
#include "workflow/settings.h"
#include "workflow/workflow.h"

namespace seimbang::server {

namespace {

// One public look-up, counted by the login limiter per kind and address (a
// miss counts as a failed attempt; too many misses answer 429 with Retry-After).
// The attempt is reserved on construction and settled on destruction.
struct PublicAttempt {
    ServerContext& ctx;
    const std::string kind, address;
    bool allowed = false, found = false;
    PublicAttempt(ServerContext& c, std::string k, const httplib::Request& req, httplib::Response& res)
        : ctx(c), kind(std::move(k)), address(req.remote_addr) {
        if (const int64_t wait = ctx.limiter.begin(kind, address, sync::now_ms()); wait > 0) {
            res.set_header("Retry-After", std::to_string(wait));
            send(res, sync::error_reply(429, "auth.rate_limited"));
            return;
        }
        allowed = true;
    }
    ~PublicAttempt() {
        if (allowed) ctx.limiter.finish(kind, address, found, sync::now_ms());
    }
};

std::string html_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            case '\'': o += "&#39;"; break;
            default: o += c;
        }
    }
    return o;
}

// The essential facts of a decree, or nullopt when no decree has this number.
std::optional<nlohmann::json> decree_facts(store::Db& db, const std::string& sk_number) {
    if (sk_number.empty() || sk_number.size() > 100) return std::nullopt;
    auto s = db.prepare("SELECT id FROM requests WHERE sk_number = ?1");
    s.bind(1, sk_number);
    if (!s.step()) return std::nullopt;
    auto r = workflow::get_request(db, s.text(0));
    if (!r) return std::nullopt;
    auto e = store::get_employee(db, r->employee_id);
    auto office = [&](const std::string& id) {
        auto o = store::get_office(db, id);
        return o ? o->name : std::string();
    };
    // The placement as decided: origin from the request, destination its granted wish.
    auto from_pos = store::get_position(db, r->from_position_id);
    auto to_pos = r->to_positions.empty() ? std::nullopt : store::get_position(db, r->to_positions.front());
    return nlohmann::json{{"sk_number", r->sk_number},
                          {"sk_date", r->sk_date},
                          {"tmt", r->tmt},
                          {"name", e ? e->name : ""},
                          {"nip", e ? e->nip : ""},
                          {"from_office", office(r->office_id)},
                          {"from_position", from_pos ? from_pos->name : ""},
                          {"to_office", office(r->to_office_id)},
                          {"to_position", to_pos ? to_pos->name : ""},
                          {"status", std::string(workflow::to_string(r->status))}};
}

}  // namespace

void mount_requests(httplib::Server& srv, ServerContext& ctx) {
    // The decree as PDF, for those who may read the request (the applicant,
    // the offices concerned, BKPSDM, pusat).
    srv.Get(R"(/api/v1/requests/([0-9a-fA-F-]{36})/sk\.pdf)", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::optional<std::string> pdf;
        std::string number;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            auto r = workflow::get_request(ctx.db, req.matches[1]);
            const access::Actor actor =
                workflow::make_actor(ctx.db, who->username, who->role, who->office_id, who->employee_id);
            // Not found and not allowed answer alike: a request id says nothing to a stranger.
            if (!r || !access::permitted(actor, access::Action::request_read, workflow::target_of(*r)))
                return send(res, sync::error_reply(404, "workflow.not_found"));
            if (r->sk_number.empty()) return send(res, sync::error_reply(409, "workflow.no_sk"));
            pdf = sk_pdf(ctx.db, workflow::load_workflow_settings(ctx.db), *r);
            number = r->sk_number;
        }
        if (!pdf) return send(res, sync::error_reply(500, "internal"));
        for (auto& c : number)
            if (c == '/') c = '-';
        res.set_header("Content-Disposition", "inline; filename=\"SK-" + number + ".pdf\"");
        res.set_content(*pdf, "application/pdf");
    });

    srv.Get("/api/v1/public/status", [&ctx](const httplib::Request& req, httplib::Response& res) {
        PublicAttempt attempt(ctx, "public:status", req, res);
        if (!attempt.allowed) return;
        const std::string number = req.get_param_value("number"), nip = req.get_param_value("nip");
        std::optional<workflow::Request> r;
        {
            std::lock_guard lock(ctx.mu);
            if (number.size() <= 40 && nip.size() <= 40) r = workflow::find_request_by_number(ctx.db, number);
            if (r) {
                auto e = store::get_employee(ctx.db, r->employee_id);
                if (!e || e->nip != nip) r.reset();  // a wrong NIP answers exactly like an unknown number
            }
        }
        if (!r) {
            return send(res, sync::error_reply(404, "public.not_found"));
        }
        const auto settings = [&] {
            std::lock_guard lock(ctx.mu);
            return workflow::load_workflow_settings(ctx.db);
        }();
        attempt.found = true;
        send(res, {200,
                   {{"number", r->number},
                    {"status", std::string(workflow::to_string(r->status))},
                    {"status_label", workflow::status_label(settings, r->status)}}});
    });

    srv.Get("/api/v1/public/sk", [&ctx](const httplib::Request& req, httplib::Response& res) {
        PublicAttempt attempt(ctx, "public:sk", req, res);
        if (!attempt.allowed) return;
        std::optional<nlohmann::json> facts;
        {
            std::lock_guard lock(ctx.mu);
            facts = decree_facts(ctx.db, req.get_param_value("number"));
        }
        if (!facts) {
            return send(res, sync::error_reply(404, "public.sk_not_found"));
        }
        attempt.found = true;
        send(res, {200, *facts});
    });

    srv.Get("/verifikasi", [&ctx](const httplib::Request& req, httplib::Response& res) {
        PublicAttempt attempt(ctx, "public:sk", req, res);
        if (!attempt.allowed) return;
        const std::string number = req.get_param_value("sk");
        std::optional<nlohmann::json> facts;
        {
            std::lock_guard lock(ctx.mu);
            facts = decree_facts(ctx.db, number);
        }
        using i18n::tr;
        std::string body = "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">"
                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                           "<title>" + std::string(tr("workflow.verify.title", i18n::Lang::id)) +
                           "</title><style>body{font-family:sans-serif;max-width:40em;margin:1em auto;padding:0 1em}"
                           "td{padding:.3em .6em;vertical-align:top}.ok{color:#11643a}.bad{color:#a4161a}</style>"
                           "</head><body><h1>" + std::string(tr("workflow.verify.title", i18n::Lang::id)) + "</h1>";
        if (!facts) {
            res.status = 404;
            body += "<p class=\"bad\"><strong>" + std::string(tr("public.sk_not_found", i18n::Lang::id)) + "</strong>: " +
                    html_escape(number) + "</p>";
        } else {
            attempt.found = true;
            body += "<p class=\"ok\"><strong>" + std::string(tr("workflow.verify.genuine", i18n::Lang::id)) + "</strong></p><table>";
            const std::pair<const char*, const char*> rows[] = {
                {"workflow.verify.sk_number", "sk_number"}, {"workflow.verify.sk_date", "sk_date"},
                {"workflow.verify.name", "name"},           {"workflow.verify.nip", "nip"},
                {"workflow.verify.from", "from_office"},    {"workflow.verify.from_position", "from_position"},
                {"workflow.verify.to", "to_office"},        {"workflow.verify.to_position", "to_position"},
                {"workflow.verify.tmt", "tmt"}};
            for (const auto& [label, field] : rows)
                body += "<tr><td>" + std::string(tr(label, i18n::Lang::id)) + "</td><td>" +
                        html_escape((*facts)[field].get<std::string>()) + "</td></tr>";
            body += "</table>";
        }
        body += "</body></html>";
        // Its own small inline style only (every value in the page is HTML-escaped);
        // the server's default policy would leave a citizen an unstyled page.
        res.set_header("Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
        res.set_content(body, "text/html; charset=utf-8");
    });

    srv.Get("/api/v1/exports/imut.csv", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::moves_export))
            return send(res, sync::error_reply(403, "role.forbidden"));
        const std::string scope = req.get_param_value("scope");
        const auto from = parse_iso_date(req.get_param_value("from")), to = parse_iso_date(req.get_param_value("to"));
        if (!from || !to || *to < *from) return send(res, sync::error_reply(400, "export.bad_period"));
        if (!store::get_office(ctx.db, scope)) return send(res, sync::error_reply(404, "office.not_found"));
        if (!sync::read_scope(ctx.db, *who).contains(scope)) return send(res, sync::error_reply(403, "scope.forbidden"));
        res.set_header("Content-Disposition", "attachment; filename=\"imut.csv\"");
        res.set_content(workflow::imut_csv(ctx.db, workflow::load_workflow_settings(ctx.db), scope, *from, *to),
                        "text/csv; charset=utf-8");
    });
}

}  // namespace seimbang::server
