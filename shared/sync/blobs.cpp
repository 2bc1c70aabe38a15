#include "sync/blobs.h"

#include <algorithm>

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
}  // namespace

int64_t blobs_waiting(store::Db& db) {
    auto s = db.prepare("SELECT count(*) FROM local_blobs WHERE uploaded = 0");
    s.step();
    return s.int64(0);
}

std::optional<BlobRequest> BlobUploader::next(store::Db& db) {
    if (phase_ == Phase::pick) {
        // Waiting blobs in hash order, each once per run.
        auto s = db.prepare("SELECT sha256, data, mime FROM local_blobs WHERE uploaded = 0 AND sha256 > ?1 "
                            "ORDER BY sha256 LIMIT 1");
        s.bind(1, last_sha_);
        if (!s.step()) return std::nullopt;
        sha_ = s.text(0);
        data_ = s.blob(1);
        mime_ = s.text(2);
        last_sha_ = sha_;
        offset_ = 0;
        phase_ = Phase::status;
    }
    if (phase_ == Phase::status)  // where the server stands: complete (stored once), part of it, or nothing
        return BlobRequest{"GET", "/api/v1/blobs/" + sha_ + "/status", "", ""};
    sent_ = std::min(chunk_, data_.size() - offset_);
    return BlobRequest{"PUT",
                       "/api/v1/blobs/" + sha_ + "?offset=" + std::to_string(offset_) +
                           "&total=" + std::to_string(data_.size()),
                       data_.substr(offset_, sent_), mime_.empty() ? "application/octet-stream" : mime_};
}

bool BlobUploader::answer(store::Db& db, int status, const std::string& body) {
    auto stop = [&](std::string error) {
        rep_.error = std::move(error);
        phase_ = Phase::pick;
        return false;
    };
    auto done = [&](int state) {
        mark(db, sha_, state);
        ++(state == 1 ? rep_.uploaded : rep_.refused);
        phase_ = Phase::pick;
        data_.clear();
        return true;
    };
    if (status == 0) return stop("network");
    if (phase_ == Phase::status) {
        if (status == 404) {
            phase_ = Phase::put;
            return true;
        }
        if (status != 200) return stop(error_code(status, body));
        auto j = json::parse(body, nullptr, false);
        if (j.is_object() && j.value("complete", false)) return done(1);
        if (j.is_object()) offset_ = std::min<size_t>(j.value("received", size_t{0}), data_.size());
        phase_ = Phase::put;
        return true;
    }
    if (status == 409) {  // the server holds another amount (an answer was lost): continue from there
        auto j = json::parse(body, nullptr, false);
        const json& e = j.is_object() && j.contains("error") ? j["error"] : json::object();
        if (!e.is_object() || !e.contains("received") || !e["received"].is_number_integer() ||
            e["received"].get<int64_t>() < 0)
            return stop(error_code(status, body));
        offset_ = std::min<size_t>(static_cast<size_t>(e["received"].get<int64_t>()), data_.size());
        return true;
    }
    if (status == 413 || status == 415 || status == 422) return done(2);  // the content itself is refused
    if (status != 200) return stop(error_code(status, body));
    auto j = json::parse(body, nullptr, false);
    offset_ += sent_;
    if (j.is_object() && j.value("complete", false)) return done(1);
    if (offset_ >= data_.size()) return stop("blob.incomplete");
    return true;
}

BlobUploadReport upload_blobs(store::Db& db, Transport& t, size_t chunk) {
    BlobUploader up(chunk);
    while (auto r = up.next(db)) {
        const HttpResult res = t.send(*r);
        if (!up.answer(db, res.status, res.body)) break;
    }
    return up.report();
}

}  // namespace seimbang::sync
