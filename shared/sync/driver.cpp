#include "sync/driver.h"

#include "store/repo.h"
#include "sync/blobs.h"

namespace seimbang::sync {

using nlohmann::json;

namespace {
std::string error_code(const HttpResult& r) {
    auto j = json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object())
        return j["error"].value("code", "http." + std::to_string(r.status));
    return "http." + std::to_string(r.status);
}

bool fail(SyncReport& rep, const HttpResult& r) {
    rep.ok = false;
    rep.http_status = r.status;
    rep.error = r.status == 0 ? "network" : error_code(r);
    return false;
}
}  // namespace

SyncReport run_sync(store::Db& db, Transport& t, const SyncOptions& opt) {
    SyncReport rep;
    auto finish = [&](bool ok) {
        rep.ok = ok;
        record_sync_attempt(db, ok, rep.error);
        return rep;
    };

    // Edits another account made stay queued for that account (never sent
    // under this token's name).
    if (!outbox_blocked_by(db, store::get_local_meta(db, "sync.username")).empty()) {
        rep.error = "sync.outbox_other_user";
        return finish(false);
    }

    // One restore of the server (a 409 push answer or a pull page of a new
    // generation) starts the run over once: push what the backup lacks, pull the
    // whole scope, push the rows the server lost, pull (SYNC.md §8.1).
    enum class Step { done, failed, again };
    auto restore = [&](const GenerationChange& g) {
        if (rep.restored) return false;  // restored again meanwhile: the next run
        begin_restore(db, g);
        rep.restored = true;
        return true;
    };

    // [push] the whole outbox, batch by batch. A lost answer is harmless: the
    // same mutations go again and the server answers "duplicate".
    auto push = [&]() {
        while (auto batch = build_push(db, opt.batch)) {
            HttpResult r = t.post_json("/api/v1/sync/push", batch->body.dump());
            if (r.status == 200) {
                auto j = json::parse(r.body, nullptr, false);
                if (!j.is_object()) return fail(rep, {502, ""}), Step::failed;
                PushSummary s = apply_push_response(db, j);
                rep.push += s;
                ++rep.pushed_batches;
                if (s.retry > 0 && s.retry == static_cast<int>(batch->count)) {
                    rep.error = "sync.retry";
                    return Step::failed;
                }
            } else if (r.status == 403 &&
                       (error_code(r).rfind("scope.", 0) == 0 || error_code(r) == "role.read_only")) {
                PushSummary s = apply_push_forbidden(db, json::parse(r.body, nullptr, false));
                rep.push += s;
                if (s.rejected == 0) return fail(rep, r), Step::failed;
            } else if (auto g = r.status == 409 ? generation_change(db, json::parse(r.body, nullptr, false))
                                                : std::nullopt) {
                if (!restore(*g)) return fail(rep, r), Step::failed;
            } else {
                return fail(rep, r), Step::failed;
            }
        }
        // [documents] content-addressed, after the records that name them, resumable.
        const BlobUploadReport b = upload_blobs(db, t);
        rep.blobs_uploaded += b.uploaded;
        rep.blobs_refused += b.refused;
        if (!b.error.empty()) {
            rep.error = b.error;
            return Step::failed;
        }
        return Step::done;
    };

    // [pull] pages until the server says there is no more.
    bool resnapshotted = false;
    auto pull = [&]() {
        if (store::get_local_meta(db, "sync.resnapshot_pending") == "1") {
            begin_resnapshot(db);
            rep.resnapshot = resnapshotted = true;
        }
        for (int i = 0; i < opt.max_pages; ++i) {
            HttpResult r = t.get(pull_path(db, opt.page));
            if (r.status == 410 && !resnapshotted) {
                begin_resnapshot(db);
                rep.resnapshot = resnapshotted = true;
                continue;
            }
            if (r.status != 200) return fail(rep, r), Step::failed;
            auto j = json::parse(r.body, nullptr, false);
            if (!j.is_object()) return fail(rep, {502, ""}), Step::failed;
            PullResult p = apply_pull_page(db, j);
            if (p.generation) {
                if (!restore(*p.generation)) return fail(rep, {409, ""}), Step::failed;
                return Step::again;
            }
            rep.pulled += p.applied;
            ++rep.pages;
            if (p.more) continue;
            rep.checksum_checked = p.checksum_checked;
            rep.checksum_ok = p.checksum_ok;
            if (p.checksum_checked && !p.checksum_ok && !resnapshotted) {
                // Drift (a lost page, a local file restored from backup...): fetch the scope again.
                begin_resnapshot(db);
                rep.resnapshot = resnapshotted = true;
                continue;
            }
            if (p.checksum_checked && !p.checksum_ok) {
                rep.error = "sync.checksum_mismatch";
                return Step::failed;
            }
            // The first complete pull after a restore queued the rows the server lost.
            return rep.restored && sync_status(db).pending > 0 ? Step::again : Step::done;
        }
        rep.error = "sync.too_many_pages";
        return Step::failed;
    };

    for (int round = 0; round < 3; ++round) {
        if (push() == Step::failed) return finish(false);
        const Step p = pull();
        if (p == Step::failed) return finish(false);
        if (p == Step::done) return finish(true);
    }
    return finish(false);
}

}  // namespace seimbang::sync
