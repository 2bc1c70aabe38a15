#include "sync/blobs.h"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/driver.h"

namespace seimbang::sync {

using nlohmann::json;

namespace {
void mark(store::Db& db, const std::string& sha, int state) {
    auto s = db.prepare("UPDATE local_blobs SET uploaded = ?2 WHERE sha256 = ?1");
    s.bind(1, sha).bind(2, state);
    s.run();
}
std::string code_of(const HttpResult& r) {
    auto j = json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object()) return j["error"].value("code", "");
    return "http." + std::to_string(r.status);
}
}  // namespace

int64_t blobs_waiting(store::Db& db) {
    auto s = db.prepare("SELECT count(*) FROM local_blobs WHERE uploaded = 0");
    s.step();
    return s.int64(0);
}

BlobUploadReport upload_blobs(store::Db& db, Transport& t, size_t chunk) {
    BlobUploadReport rep;
    std::vector<std::string> waiting;
    {
        auto s = db.prepare("SELECT sha256 FROM local_blobs WHERE uploaded = 0 ORDER BY sha256");
        while (s.step()) waiting.push_back(s.text(0));
    }
    for (const auto& sha : waiting) {
        std::string data, mime;
        {
            auto s = db.prepare("SELECT data, mime FROM local_blobs WHERE sha256 = ?1");
            s.bind(1, sha);
            if (!s.step()) continue;
            data = s.blob(0);
            mime = s.text(1);
        }
        // Where the server stands: complete (stored once: nothing to send), part of it, or nothing.
        size_t offset = 0;
        HttpResult st = t.get("/api/v1/blobs/" + sha + "/status");
        if (st.status == 0) {
            rep.error = "network";
            return rep;
        }
        if (st.status == 200) {
            auto j = json::parse(st.body, nullptr, false);
            if (j.is_object() && j.value("complete", false)) {
                mark(db, sha, 1);
                ++rep.uploaded;
                continue;
            }
            if (j.is_object()) offset = std::min<size_t>(j.value("received", size_t{0}), data.size());
        } else if (st.status != 404) {
            rep.error = code_of(st);
            return rep;
        }
        bool done = false;
        while (!done) {
            const size_t n = std::min(chunk, data.size() - offset);
            HttpResult r = t.put_bytes("/api/v1/blobs/" + sha + "?offset=" + std::to_string(offset) +
                                           "&total=" + std::to_string(data.size()),
                                       data.substr(offset, n), mime.empty() ? "application/octet-stream" : mime);
            if (r.status == 0) {
                rep.error = "network";
                return rep;
            }
            if (r.status == 409) {  // the server holds another amount (an answer was lost): continue from there
                auto j = json::parse(r.body, nullptr, false);
                const json& e = j.is_object() && j.contains("error") ? j["error"] : json::object();
                if (!e.is_object() || !e.contains("received")) {
                    rep.error = code_of(r);
                    return rep;
                }
                offset = std::min<size_t>(e["received"].get<size_t>(), data.size());
                continue;
            }
            if (r.status == 413 || r.status == 415 || r.status == 422) {  // the content itself is refused
                mark(db, sha, 2);
                ++rep.refused;
                break;
            }
            if (r.status != 200) {
                rep.error = code_of(r);
                return rep;
            }
            auto j = json::parse(r.body, nullptr, false);
            offset += n;
            if (j.is_object() && j.value("complete", false)) {
                mark(db, sha, 1);
                ++rep.uploaded;
                done = true;
            } else if (offset >= data.size()) {
                rep.error = "blob.incomplete";
                return rep;
            }
        }
    }
    return rep;
}

}  // namespace seimbang::sync
