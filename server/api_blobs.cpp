// Documents of transfer requests, content-addressed (docs/WORKFLOW.md §3):
//   GET /api/v1/blobs/{sha256}/status   {"received","total","complete"} or 404 (nothing yet)
//   PUT /api/v1/blobs/{sha256}?offset=N&total=T   body: the bytes from offset N
//   GET /api/v1/blobs/{sha256}          the content, for those who may read a request naming it
// An upload continues where the server stopped (offset must equal what it
// holds, else 409 with `received`); a document already complete is stored once
// and answered complete. On the last byte the content is checked: its SHA-256
// must be the address (422 document.bad_hash) and its type PDF, JPEG or PNG by
// its magic bytes (415 document.bad_type); a refused upload is dropped.
// `total` above the size setting: 413 document.too_large.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "server_context.h"
#include "sync/hlc.h"
#include "util/sha256.h"
#include "workflow/settings.h"
#include "workflow/workflow.h"

namespace seimbang::server {

namespace {
const char* kSha = "([0-9a-f]{64})";

sync::Reply received_reply(int status, int64_t received, int64_t total, bool complete) {
    return {status, {{"received", received}, {"total", total}, {"complete", complete}}};
}
}  // namespace

void mount_blobs(httplib::Server& srv, ServerContext& ctx) {
    srv.Get(std::string("/api/v1/blobs/") + kSha + "/status", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        auto s = ctx.db.prepare("SELECT received, total, complete FROM blobs WHERE sha256 = ?1");
        s.bind(1, std::string(req.matches[1]));
        if (!s.step()) return send(res, sync::error_reply(404, "blob.not_found"));
        send(res, received_reply(200, s.int64(0), s.int64(1), s.int64(2) != 0));
    });

    srv.Put(std::string("/api/v1/blobs/") + kSha, [&ctx](const httplib::Request& req, httplib::Response& res) {
        const std::string sha = req.matches[1];
        int64_t offset = -1, total = -1;
        try {
            offset = std::stoll(req.get_param_value("offset"));
            total = std::stoll(req.get_param_value("total"));
        } catch (const std::exception&) {
        }
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::documents_upload))
            return send(res, sync::error_reply(403, "role.read_only"));
        if (offset < 0 || total <= 0 || offset + static_cast<int64_t>(req.body.size()) > total)
            return send(res, sync::error_reply(400, "blob.bad_range"));
        const int64_t limit = workflow::load_workflow_settings(ctx.db).max_document_bytes;
        if (total > limit) return send(res, sync::error_reply(413, "document.too_large", std::to_string(limit)));
        std::string data;
        int64_t received = 0;
        {
            auto s = ctx.db.prepare("SELECT received, total, complete, data FROM blobs WHERE sha256 = ?1");
            s.bind(1, sha);
            if (s.step()) {
                if (s.int64(2) != 0) return send(res, received_reply(200, s.int64(0), s.int64(1), true));  // stored once
                if (s.int64(1) != total) return send(res, sync::error_reply(400, "blob.bad_range"));
                received = s.int64(0);
                data = s.blob(3);
            }
        }
        if (offset != received) {
            sync::Reply r = sync::error_reply(409, "blob.bad_offset");
            r.body["error"]["received"] = received;
            return send(res, r);
        }
        data += req.body;
        received += static_cast<int64_t>(req.body.size());
        bool complete = false;
        std::string mime;
        if (received == total) {
            if (sha256_hex(data) != sha) {
                auto d = ctx.db.prepare("DELETE FROM blobs WHERE sha256 = ?1");
                d.bind(1, sha);
                d.run();
                return send(res, sync::error_reply(422, "document.bad_hash"));
            }
            mime = workflow::sniff_mime(data);
            if (mime.empty()) {
                auto d = ctx.db.prepare("DELETE FROM blobs WHERE sha256 = ?1");
                d.bind(1, sha);
                d.run();
                return send(res, sync::error_reply(415, "document.bad_type"));
            }
            complete = true;
        }
        auto w = ctx.db.prepare(
            "INSERT INTO blobs(sha256, mime, total, received, data, complete, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
            "ON CONFLICT(sha256) DO UPDATE SET mime = excluded.mime, received = excluded.received, data = excluded.data, "
            "complete = excluded.complete");
        w.bind(1, sha).bind(2, mime).bind(3, total).bind(4, received).bind_blob(5, data).bind(6, complete ? 1 : 0);
        w.bind(7, sync::now_ms());
        w.run();
        send(res, received_reply(200, received, total, complete));
    });

    srv.Get(std::string("/api/v1/blobs/") + kSha, [&ctx](const httplib::Request& req, httplib::Response& res) {
        const std::string sha = req.matches[1];
        std::string data, mime;
        {
            std::lock_guard lock(ctx.mu);
            auto who = require_auth(ctx, req, res);
            if (!who) return;
            // Only for someone who may read a request that names this document.
            const access::Actor actor =
                workflow::make_actor(ctx.db, who->username, who->role, who->office_id, who->employee_id);
            bool allowed = false;
            auto q = ctx.db.prepare("SELECT DISTINCT request_id FROM request_documents WHERE sha256 = ?1 AND archived = 0");
            q.bind(1, sha);
            while (!allowed && q.step())
                if (auto r = workflow::get_request(ctx.db, q.text(0)))
                    allowed = access::permitted(actor, access::Action::request_read, workflow::target_of(*r));
            if (!allowed) return send(res, sync::error_reply(404, "blob.not_found"));
            auto s = ctx.db.prepare("SELECT data, mime FROM blobs WHERE sha256 = ?1 AND complete = 1");
            s.bind(1, sha);
            if (!s.step()) return send(res, sync::error_reply(404, "blob.not_found"));
            data = s.blob(0);
            mime = s.text(1);
        }
        res.set_content(data, mime);
    });
}

}  // namespace seimbang::server
