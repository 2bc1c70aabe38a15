#include "sync/run.h"

#include <nlohmann/json.hpp>

#include "store/repo.h"
#include "sync/blobs.h"

namespace seimbang::sync {

using nlohmann::json;

std::string error_code(int status, std::string_view body) {
    if (status == 0) return "network";
    auto j = json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("code") &&
        j["error"]["code"].is_string())
        return j["error"]["code"].get<std::string>();
    return "http." + std::to_string(status);
}

std::string query_value(std::string_view v) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : v) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

FollowUp reference_positions_follow_up() {
    FollowUp f;
    f.next = [](store::Db& db, int answered) -> std::string {
        if (answered > 0) return "";
        const std::string have = store::get_local_meta(db, "ref.positions.version", "");
        return "/api/v1/reference/positions" + (have.empty() ? std::string() : "?version=" + have);
    };
    f.answer = [](store::Db& db, const HttpResult& r, int) {
        if (r.status != 200) return false;  // the pickers then offer this device's own positions
        auto j = json::parse(r.body, nullptr, false);
        if (!j.is_object() || !j.contains("positions") || !j["positions"].is_array() || !j.contains("version"))
            return false;  // (also {"unchanged": true}: what is kept is current)
        db.transaction([&] {
            store::set_local_meta(db, "ref.positions", r.body);
            store::set_local_meta(db, "ref.positions.version", j["version"].dump());
        });
        return true;
    };
    return f;
}

SyncRun::SyncRun(SyncOptions options) : opt_(std::move(options)) {}
SyncRun::~SyncRun() = default;

std::optional<SyncRequest> SyncRun::next(store::Db& db) {
    if (current_) return current_;
    while (phase_ != Phase::done) {
        switch (phase_) {
            case Phase::start:
                round_ = 0;
                begin_push(db);
                break;
            case Phase::push:
                if (auto batch = build_push(db, opt_.batch)) {
                    step_ = Step::push;
                    batch_count_ = batch->count;
                    current_ = SyncRequest{"POST", "/api/v1/sync/push", batch->body.dump(), "application/json"};
                    return current_;
                }
                // [documents] content-addressed, after the records that name them, resumable.
                phase_ = Phase::blob;
                blobs_ = std::make_unique<BlobUploader>();
                break;
            case Phase::blob:
                if (auto r = blobs_->next(db)) {
                    step_ = Step::blob;
                    current_ = std::move(*r);
                    return current_;
                }
                count_blobs();
                start_pull(db);
                break;
            case Phase::pull:
                if (rep_.pages >= opt_.max_pages) {
                    fail(db, 0, "sync.too_many_pages");
                    break;
                }
                step_ = Step::pull;
                current_ = SyncRequest{"GET", pull_path(db, opt_.page), "", ""};
                snapshot_ = current_->path.find("&snapshot=1") != std::string::npos;
                return current_;
            case Phase::follow_up:
                while (follow_up_ < opt_.follow_ups.size()) {
                    const std::string path = opt_.follow_ups[follow_up_].next(db, answered_);
                    if (!path.empty()) {
                        step_ = Step::follow_up;
                        current_ = SyncRequest{"GET", path, "", ""};
                        return current_;
                    }
                    ++follow_up_;
                    answered_ = 0;
                }
                finish(db, true);
                break;
            case Phase::done:
                break;
        }
    }
    return std::nullopt;
}

void SyncRun::answer(store::Db& db, const HttpResult& r, const std::function<void(const SyncRequest&)>& ahead) {
    if (phase_ == Phase::done || !current_) return;
    current_.reset();
    if (r.status == 401) {  // any step: the token is refused, the account signs in again
        if (blobs_) count_blobs();
        return fail(db, r);
    }
    switch (step_) {
        case Step::push: return answer_push(db, r);
        case Step::blob: return answer_blob(db, r);
        case Step::pull: return answer_pull(db, r, ahead);
        case Step::follow_up:
            if (opt_.follow_ups[follow_up_].answer(db, r, answered_)) rep_.changed = true;
            ++answered_;
            return;
    }
}

// [push] The whole outbox, batch by batch. A lost answer is harmless: the same
// mutations go again and the server answers "duplicate".
void SyncRun::begin_push(store::Db& db) {
    // The server attributes a push to the token's account: edits another account
    // made (e.g. in an offline session) stay queued for that account.
    if (!outbox_blocked_by(db, store::get_local_meta(db, "sync.username")).empty())
        return fail(db, 0, "sync.outbox_other_user");
    if (++round_ > opt_.max_rounds) return fail(db, 0, "sync.generation_changed");  // restored again and again
    phase_ = Phase::push;
}

void SyncRun::answer_push(store::Db& db, const HttpResult& r) {
    if (r.status == 200) {
        auto j = json::parse(r.body, nullptr, false);
        if (!j.is_object()) return fail(db, 502, "server.error");
        const PushSummary s = apply_push_response(db, j);
        rep_.push += s;
        ++rep_.pushed_batches;
        if (s.conflict || s.rejected) rep_.changed = true;  // rows put back to the server's state
        if (s.retry > 0 && s.retry == static_cast<int>(batch_count_)) return fail(db, 200, "sync.retry");
        return;  // the next batch
    }
    const std::string code = error_code(r);
    if (r.status == 403 && (code.rfind("scope.", 0) == 0 || code == "role.read_only")) {
        // Exactly the named mutations move to the attention list; the rest goes again.
        const PushSummary s = apply_push_forbidden(db, json::parse(r.body, nullptr, false));
        rep_.push += s;
        rep_.changed = true;
        if (s.rejected == 0) return fail(db, r);
        return;
    }
    if (r.status == 409 && !rep_.restored) {
        if (auto g = generation_change(db, json::parse(r.body, nullptr, false))) return restore(db, *g);
    }
    fail(db, r);
}

void SyncRun::answer_blob(store::Db& db, const HttpResult& r) {
    if (blobs_->answer(db, r.status, r.body)) return;
    std::string error = blobs_->report().error;
    count_blobs();
    fail(db, r.status, std::move(error));
}

void SyncRun::count_blobs() {
    rep_.blobs_uploaded += blobs_->report().uploaded;
    rep_.blobs_refused += blobs_->report().refused;
    blobs_.reset();
}

// [pull] Pages until the server says there is no more.
void SyncRun::start_pull(store::Db& db) {
    phase_ = Phase::pull;
    if (store::get_local_meta(db, "sync.resnapshot_pending") == "1") resnapshot(db);
}

void SyncRun::resnapshot(store::Db& db) {
    begin_resnapshot(db);
    rep_.resnapshot = resnapshotted_ = rep_.changed = true;
}

void SyncRun::answer_pull(store::Db& db, const HttpResult& r, const std::function<void(const SyncRequest&)>& ahead) {
    if (r.status == 410 && !resnapshotted_) return resnapshot(db);  // too old for the change log: the scope again
    if (r.status != 200) return fail(db, r);
    auto j = json::parse(r.body, nullptr, false);
    if (!j.is_object()) return fail(db, 502, "server.error");
    // The next page is asked for before this one is applied: the server reads and
    // sends it while this device applies (a first pull is 15 pages at Kota scale).
    if (ahead && j.value("more", false) && j.contains("cursor") && j["cursor"].is_number_integer())
        ahead(SyncRequest{"GET",
                          "/api/v1/sync/pull?cursor=" + std::to_string(j["cursor"].get<int64_t>()) +
                              "&limit=" + std::to_string(opt_.page) + (snapshot_ ? "&snapshot=1" : ""),
                          "", ""});
    PullResult p;
    try {
        p = apply_pull_page(db, j);
    } catch (const std::exception&) {
        return fail(db, 0, "sync.apply_failed");
    }
    if (p.generation) {  // a restored server: nothing of the page was applied
        if (rep_.restored) return fail(db, 409, "sync.generation_changed");
        restore(db, *p.generation);
        return begin_push(db);
    }
    rep_.pulled += p.applied;
    ++rep_.pages;
    if (p.applied) rep_.changed = true;
    if (p.more) return;
    rep_.checksum_checked = p.checksum_checked;
    rep_.checksum_ok = p.checksum_ok;
    if (p.checksum_checked && !p.checksum_ok) {
        // Drift (a lost page, a local file restored from backup...): fetch the scope again, once.
        if (!resnapshotted_) return resnapshot(db);
        return fail(db, 0, "sync.checksum_mismatch");
    }
    // The first complete pull after a restore queued the rows the server lost.
    if (rep_.restored && sync_status(db).pending > 0) return begin_push(db);
    phase_ = Phase::follow_up;
    follow_up_ = 0;
    answered_ = 0;
}

// One restore of the server (a 409 push answer or a pull page of a new
// generation) starts push and pull over: what the backup lacks goes again, the
// whole scope is pulled, then the rows the server lost are pushed (SYNC.md §8.1).
void SyncRun::restore(store::Db& db, const GenerationChange& g) {
    begin_restore(db, g);
    rep_.restored = rep_.changed = true;
}

void SyncRun::fail(store::Db& db, const HttpResult& r) {
    rep_.auth_failed = r.status == 401;
    fail(db, r.status, error_code(r));
}

void SyncRun::fail(store::Db& db, int status, std::string error) {
    rep_.http_status = status;
    rep_.error = std::move(error);
    finish(db, false);
}

void SyncRun::finish(store::Db& db, bool ok) {
    rep_.ok = ok;
    if (ok) rep_.error.clear();
    phase_ = Phase::done;
    current_.reset();
    record_sync_attempt(db, ok, rep_.error);
}

}  // namespace seimbang::sync
