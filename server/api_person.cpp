// [between instansi] GET /api/v1/national/person?nip=NIP — the lookup by NIP
// (docs/SCALE.md "Lookup by NIP", server/national/person.h). One path, two
// sides, told apart by the caller's role in the one access table:
//   * bkpsdm on an instansi server (Feature::national_person_find): the server
//     asks the national server with its upstream account (online only; 503
//     upstream.not_configured when it never signed in upstream, 503
//     upstream.unreachable when the centre does not answer) and relays the
//     centre's answer (200 {"person": …}, 404 national.person_not_found, 409
//     national.person_own_instansi / national.person_ambiguous);
//   * an instansi account on the national server (Feature::national_person_answer):
//     answered from the national store, PostgreSQL or the SQLite tier.
// The NIP is checked by the shared validator on both sides (400 nip.*).
#include <sys/stat.h>

#include <httplib.h>

#include "access/access.h"
#include "api.h"
#include "cli/http_transport.h"
#include "model/nip.h"
#include "national/person.h"
#include "server_context.h"
#include "store/repo.h"
#include "sync/client.h"
#include "sync/http.h"
#include "upstream.h"

namespace seimbang::server {

namespace {

constexpr int kMaxHits = 4;            // one person; a few more tell an ambiguous NIP from a found one
constexpr int kCentreTimeoutS = 10;    // a person waits for the answer

// The centre's answer to this instansi server's upstream account.
sync::Reply ask_centre(const std::string& db_path, const std::string& nip) {
    struct stat st {};
    if (::stat(upstream::replica_path(db_path).c_str(), &st) != 0) return sync::error_reply(503, "upstream.not_configured");
    std::string url, token, device;
    {
        auto replica = upstream::open_replica(db_path);
        url = store::get_local_meta(*replica, "sync.server");
        token = store::get_local_meta(*replica, "sync.token");
        device = sync::device_id(*replica);
    }
    if (url.empty() || token.empty()) return sync::error_reply(503, "upstream.not_configured");
    cli::HttpTransport t(url, token, device, kCentreTimeoutS, false);
    const sync::HttpResult r = t.get("/api/v1/national/person?nip=" + nip);  // (digits only: validated)
    if (r.status == 0) return sync::error_reply(503, "upstream.unreachable");
    if (r.status == 200 || r.status == 404 || r.status == 409) {
        auto body = nlohmann::json::parse(r.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) return sync::error_reply(502, "upstream.bad_answer");
        return {r.status, std::move(body)};
    }
    if (r.status == 401 || r.status == 403) return sync::error_reply(502, "upstream.refused", sync::error_code(r));
    return sync::error_reply(502, "upstream.failed", sync::error_code(r));
}

}  // namespace

void mount_person(httplib::Server& srv, ServerContext& ctx) {
    srv.Get("/api/v1/national/person", [&ctx](const httplib::Request& req, httplib::Response& res) {
        sync::Principal who;
        {
            std::lock_guard lock(ctx.mu);
            auto w = require_auth(ctx, req, res);
            if (!w) return;
            who = *w;
        }
        const bool answers = access::may(who.role, access::Feature::national_person_answer);
        if (!answers && !access::may(who.role, access::Feature::national_person_find))
            return send(res, sync::error_reply(403, "role.forbidden"));
        const std::string raw = req.get_param_value("nip");
        if (raw.size() > 64) return send(res, sync::error_reply(400, "nip.bad_length", "nip"));
        const std::string nip = normalise_nip(raw);
        if (const Check c = check_nip(nip); const Issue* i = c.first_error())
            return send(res, sync::error_reply(400, i->code, "nip"));
        if (!answers) return send(res, ask_centre(ctx.db.path(), nip));
        std::vector<national::PersonHit> hits;
        if (ctx.national) {
            hits = national::people_by_nip(*ctx.national, nip, kMaxHits);
        } else {
            std::lock_guard lock(ctx.mu);
            hits = national::people_by_nip(ctx.db, nip, kMaxHits);
        }
        send(res, national::person_answer(hits, who.office_id));
    });
}

}  // namespace seimbang::server
