// The sync run's state machine (sync/run.h) answer by answer, without a server:
// each kind of answer a step can get, and the step it leads to. The answers are
// written here as the server sends them (docs/SYNC.md §5, §6, §8); the whole
// protocol against a real server is covered by tests/integration.
#include <doctest/doctest.h>

#include "store/repo.h"
#include "store/schema.h"
#include "sync/blobs.h"
#include "sync/client.h"
#include "sync/driver.h"
#include "sync/login.h"
#include "sync/run.h"

using namespace seimbang;
using namespace seimbang::sync;
using nlohmann::json;

namespace {

struct Device {
    store::Db db{":memory:"};
    Device() {
        store::migrate(db);
        install_client(db);
        store::set_local_meta(db, "sync.username", "operator.terjun");
        set_outbox_owner(db, "operator.terjun");
    }
    // One queued mutation per call (a workflow command touches no table).
    void queue(int n) {
        for (int i = 0; i < n; ++i) enqueue_command(db, "requests", "r" + std::to_string(i), "submit", "draft");
    }
    int64_t pending() { return sync_status(db).pending; }
};

// The counters of a push request's mutations.
std::vector<int64_t> counters(const SyncRequest& q) {
    std::vector<int64_t> out;
    const json body = json::parse(q.body);
    for (const auto& m : body["mutations"]) out.push_back(m["counter"].get<int64_t>());
    return out;
}

std::string results(const std::vector<int64_t>& cs, const std::string& status) {
    json r = json::array();
    for (auto c : cs) r.push_back({{"counter", c}, {"status", status}, {"seq", c + 100}});
    return json{{"results", r}, {"server_hlc", 1}, {"server_seq", 200}}.dump();
}

std::string page(int64_t cursor, bool more, const std::string& generation = "g1", json checksum = nullptr) {
    json p = {{"changes", json::array()}, {"cursor", cursor},           {"more", more},
              {"server_hlc", 1},          {"generation", generation}, {"generation_seq", 0}};
    if (!checksum.is_null()) p["checksum"] = checksum;
    return p.dump();
}

std::string error(const std::string& code, json extra = json::object()) {
    extra["code"] = code;
    return json{{"error", extra}}.dump();
}

}  // namespace

TEST_CASE("sync run: an empty outbox goes straight to pulling, page after page, and ends ok") {
    Device d;
    SyncRun run;
    auto q = run.next(d.db);
    REQUIRE(q);
    CHECK(run.step() == SyncRun::Step::pull);
    CHECK(q->method == "GET");
    CHECK(q->path == "/api/v1/sync/pull?cursor=0&limit=2000&snapshot=1");
    CHECK(run.next(d.db)->path == q->path);  // asked again without an answer: the same request

    std::string ahead;
    run.answer(d.db, {200, page(7, true)}, [&](const SyncRequest& r) { ahead = r.path; });
    CHECK(ahead == "/api/v1/sync/pull?cursor=7&limit=2000&snapshot=1");
    q = run.next(d.db);
    REQUIRE(q);
    CHECK(q->path == ahead);  // the page asked ahead is the next step
    run.answer(d.db, {200, page(9, false)}, [&](const SyncRequest&) { FAIL("no page after the last"); });
    CHECK_FALSE(run.next(d.db));
    CHECK(run.done());
    CHECK(run.report().ok);
    CHECK(run.report().pages == 2);
    CHECK(store::get_local_meta(d.db, "sync.cursor") == "9");
    CHECK(sync_status(d.db).last_sync_ms > 0);  // the run recorded its end
}

TEST_CASE("sync run: push answers") {
    Device d;
    d.queue(3);
    SyncOptions o;
    o.batch = 2;

    SUBCASE("200 applied: the next batch, then the pull") {
        SyncRun run(o);
        auto q = run.next(d.db);
        REQUIRE(q);
        CHECK(run.step() == SyncRun::Step::push);
        CHECK(q->method == "POST");
        CHECK(q->path == "/api/v1/sync/push");
        CHECK(counters(*q) == std::vector<int64_t>{1, 2});
        run.answer(d.db, {200, results({1, 2}, "applied")});
        q = run.next(d.db);
        CHECK(counters(*q) == std::vector<int64_t>{3});
        run.answer(d.db, {200, results({3}, "applied")});
        CHECK(run.next(d.db)->path.rfind("/api/v1/sync/pull", 0) == 0);
        CHECK(run.report().push.applied == 3);
        CHECK(run.report().pushed_batches == 2);
        CHECK(d.pending() == 0);
    }
    SUBCASE("200 with every mutation 'retry': the run stops, the outbox stays") {
        SyncRun run(o);
        auto q = run.next(d.db);
        run.answer(d.db, {200, results(counters(*q), "retry")});
        CHECK_FALSE(run.next(d.db));
        CHECK_FALSE(run.report().ok);
        CHECK(run.report().error == "sync.retry");
        CHECK(d.pending() == 3);
    }
    SUBCASE("200 that is not JSON: a server error, worth retrying") {
        SyncRun run(o);
        run.next(d.db);
        run.answer(d.db, {200, "<html>proxy</html>"});
        CHECK(run.done());
        CHECK(run.report().error == "server.error");
        CHECK(run.report().transient());
        CHECK(d.pending() == 3);
    }
    SUBCASE("401: the run ends as an authentication failure") {
        SyncRun run(o);
        run.next(d.db);
        run.answer(d.db, {401, error("auth.token_expired")});
        CHECK(run.done());
        CHECK(run.report().auth_failed);
        CHECK(run.report().error == "auth.token_expired");
        CHECK_FALSE(run.report().transient());
        CHECK(sync_status(d.db).last_error == "auth.token_expired");
    }
    SUBCASE("403 naming counters: exactly those go to the attention list, the rest is sent again") {
        SyncRun run(o);
        run.next(d.db);
        run.answer(d.db, {403, error("scope.forbidden", {{"counters", {1}}})});
        auto q = run.next(d.db);
        REQUIRE(q);
        CHECK(run.step() == SyncRun::Step::push);
        CHECK(counters(*q) == std::vector<int64_t>{2, 3});
        CHECK(run.report().push.rejected == 1);
        CHECK(sync_status(d.db).rejected == 1);
    }
    SUBCASE("403 naming no mutation of ours, or another 403: the run fails") {
        SyncRun run(o);
        run.next(d.db);
        run.answer(d.db, {403, error("role.read_only", {{"counters", {99}}})});
        CHECK(run.done());
        CHECK(run.report().error == "role.read_only");
        SyncRun again(o);
        again.next(d.db);
        again.answer(d.db, {403, error("auth.device_mismatch")});
        CHECK(again.report().error == "auth.device_mismatch");
        CHECK_FALSE(again.report().auth_failed);
    }
    SUBCASE("409 of a restored server: the acknowledged edits go again, once per run") {
        store::set_local_meta(d.db, "sync.generation", "g1");
        SyncRun run(o);
        run.next(d.db);
        run.answer(d.db, {409, error("sync.generation_changed", {{"generation", "g2"}, {"generation_seq", 5}})});
        CHECK(run.report().restored);
        CHECK(run.next(d.db));
        CHECK(run.step() == SyncRun::Step::push);
        run.answer(d.db, {409, error("sync.generation_changed", {{"generation", "g3"}, {"generation_seq", 5}})});
        CHECK(run.done());
        CHECK(run.report().error == "sync.generation_changed");
    }
    SUBCASE("no answer or 503: failed, worth retrying, nothing lost") {
        SyncRun run(o);
        run.next(d.db);
        run.answer(d.db, {0, ""});
        CHECK(run.report().error == "network");
        CHECK(run.report().transient());
        SyncRun busy(o);
        busy.next(d.db);
        busy.answer(d.db, {503, error("storage.unavailable")});
        CHECK(busy.report().error == "storage.unavailable");
        CHECK(busy.report().http_status == 503);
        CHECK(busy.report().transient());
        CHECK(d.pending() == 3);
    }
}

TEST_CASE("sync run: documents after the outbox, a lost chunk stops the run (regression: the uploader was used "
          "after it was released)") {
    Device d;
    d.db.exec("INSERT INTO local_blobs(sha256, mime, size, data) VALUES "
              "('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'application/pdf', 3, x'010203')");
    SyncRun run;
    auto q = run.next(d.db);
    REQUIRE(q);
    CHECK(run.step() == SyncRun::Step::blob);
    CHECK(q->path == "/api/v1/blobs/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/status");
    run.answer(d.db, {404, error("blob.not_found")});
    q = run.next(d.db);
    REQUIRE(q);
    CHECK(q->method == "PUT");
    run.answer(d.db, {0, ""});  // lost on the way
    CHECK(run.done());
    CHECK(run.report().error == "network");
    CHECK(run.report().transient());
    CHECK(blobs_waiting(d.db) == 1);
    SyncRun again;  // the next run: status, then the chunk, then the pull
    again.next(d.db);
    again.answer(d.db, {200, R"({"received": 0, "complete": false})"});
    again.next(d.db);
    again.answer(d.db, {200, R"({"received": 3, "complete": true})"});
    REQUIRE(again.next(d.db));
    CHECK(again.step() == SyncRun::Step::pull);
    CHECK(again.report().blobs_uploaded == 1);
    CHECK(blobs_waiting(d.db) == 0);
}

TEST_CASE("sync run: pull answers") {
    Device d;
    store::set_local_meta(d.db, "sync.cursor", "40");
    store::set_local_meta(d.db, "sync.generation", "g1");

    SUBCASE("410: a re-snapshot from cursor 0, once per run") {
        SyncRun run;
        CHECK(run.next(d.db)->path == "/api/v1/sync/pull?cursor=40&limit=2000");
        run.answer(d.db, {410, error("sync.resnapshot")});
        CHECK(run.report().resnapshot);
        CHECK(run.next(d.db)->path == "/api/v1/sync/pull?cursor=0&limit=2000&snapshot=1");
        run.answer(d.db, {410, error("sync.resnapshot")});
        CHECK(run.done());
        CHECK(run.report().error == "sync.resnapshot");
    }
    SUBCASE("a checksum mismatch: the scope again, then a second mismatch fails") {
        const json wrong = {{"rows", 3}, {"hash", "0000000000000001"}};
        SyncRun run;
        run.next(d.db);
        run.answer(d.db, {200, page(41, false, "g1", wrong)});
        CHECK(run.report().resnapshot);
        CHECK(run.next(d.db)->path == "/api/v1/sync/pull?cursor=0&limit=2000&snapshot=1");
        run.answer(d.db, {200, page(41, false, "g1", wrong)});
        CHECK(run.done());
        CHECK(run.report().error == "sync.checksum_mismatch");
        CHECK(run.report().checksum_checked);
        CHECK_FALSE(run.report().checksum_ok);
    }
    SUBCASE("a page of another generation: nothing applied, the run pushes and pulls again") {
        SyncRun run;
        run.next(d.db);
        run.answer(d.db, {200, page(3, false, "g2")});
        CHECK(run.report().restored);
        CHECK(run.report().pages == 0);
        auto q = run.next(d.db);  // the outbox is empty: the next round's pull, from zero
        REQUIRE(q);
        CHECK(q->path == "/api/v1/sync/pull?cursor=0&limit=2000&snapshot=1");
        run.answer(d.db, {200, page(3, false, "g3")});  // restored again meanwhile: the next run
        CHECK(run.report().error == "sync.generation_changed");
    }
    SUBCASE("another status or a body that is not JSON fails the run") {
        SyncRun run;
        run.next(d.db);
        run.answer(d.db, {500, "oops"});
        CHECK(run.report().error == "http.500");
        CHECK(run.report().transient());
        SyncRun bad;
        bad.next(d.db);
        bad.answer(d.db, {200, "{"});
        CHECK(bad.report().error == "server.error");
        CHECK(store::get_local_meta(d.db, "sync.cursor") == "40");
    }
    SUBCASE("a server that always says more is cut off") {
        SyncOptions o;
        o.max_pages = 3;
        SyncRun run(o);
        for (int i = 0; i < 3; ++i) {
            REQUIRE(run.next(d.db));
            run.answer(d.db, {200, page(41 + i, true)});
        }
        CHECK_FALSE(run.next(d.db));
        CHECK(run.report().error == "sync.too_many_pages");
    }
    SUBCASE("pending resnapshot from a 403 answer is taken before the pull") {
        store::set_local_meta(d.db, "sync.resnapshot_pending", "1");
        SyncRun run;
        CHECK(run.next(d.db)->path == "/api/v1/sync/pull?cursor=0&limit=2000&snapshot=1");
        CHECK(run.report().resnapshot);
    }
}

TEST_CASE("sync run: follow-ups after the pull never fail the run, but a 401 does") {
    Device d;
    std::vector<std::string> seen;
    FollowUp twice;
    twice.next = [](store::Db&, int answered) { return answered < 2 ? "/x/" + std::to_string(answered) : ""; };
    twice.answer = [&](store::Db&, const HttpResult& r, int answered) {
        seen.push_back(std::to_string(answered) + ":" + std::to_string(r.status));
        return r.status == 200;
    };
    SyncOptions o;
    o.follow_ups = {reference_positions_follow_up(), twice};

    SUBCASE("reference positions kept, a 404 passed over") {
        SyncRun run(o);
        run.next(d.db);
        run.answer(d.db, {200, page(1, false)});
        auto q = run.next(d.db);
        REQUIRE(q);
        CHECK(run.step() == SyncRun::Step::follow_up);
        CHECK(q->path == "/api/v1/reference/positions");
        run.answer(d.db, {200, R"({"version": 12, "positions": []})"});
        CHECK(store::get_local_meta(d.db, "ref.positions.version") == "12");
        CHECK(run.next(d.db)->path == "/x/0");
        run.answer(d.db, {404, ""});
        CHECK(run.next(d.db)->path == "/x/1");
        run.answer(d.db, {200, "{}"});
        CHECK_FALSE(run.next(d.db));
        CHECK(run.report().ok);
        CHECK(run.report().changed);
        CHECK(seen == std::vector<std::string>{"0:404", "1:200"});
        // The next run asks with the version held.
        SyncRun later(o);
        later.next(d.db);
        later.answer(d.db, {200, page(1, false)});
        CHECK(later.next(d.db)->path == "/api/v1/reference/positions?version=12");
    }
    SUBCASE("401 on a follow-up") {
        SyncRun run(o);
        run.next(d.db);
        run.answer(d.db, {200, page(1, false)});
        run.next(d.db);
        run.answer(d.db, {401, error("auth.device_revoked")});
        CHECK(run.done());
        CHECK(run.report().auth_failed);
        CHECK(run.report().error == "auth.device_revoked");
    }
}

TEST_CASE("sync run: another account's unsent edits are never sent under this token") {
    Device d;
    d.queue(1);
    store::set_local_meta(d.db, "sync.username", "camat.marelan");
    SyncRun run;
    CHECK_FALSE(run.next(d.db));
    CHECK(run.report().error == "sync.outbox_other_user");
    CHECK(d.pending() == 1);
}

TEST_CASE("error_code: the one reading of an error answer") {
    CHECK(error_code(0, "") == "network");
    CHECK(error_code(403, R"({"error":{"code":"scope.forbidden","counters":[1]}})") == "scope.forbidden");
    CHECK(error_code(502, "<html>") == "http.502");
    CHECK(error_code(400, R"({"error":{"code":7}})") == "http.400");
}

TEST_CASE("login bookkeeping: the same keys for CLI and app, a fresh copy for another account or server") {
    Device d;
    store::set_local_meta(d.db, "sync.username", "");
    const json body = login_body(d.db, "operator.terjun", "pw", "test");
    CHECK(body["device_id"] == device_id(d.db));

    LoginAnswer bad = read_login_answer({401, error("auth.bad_credentials")}, "operator.terjun");
    CHECK_FALSE(bad.ok);
    CHECK(bad.error == "auth.bad_credentials");
    CHECK(read_login_answer({200, R"({"user":{}})"}, "x").error == "server.error");

    LoginAnswer a = read_login_answer(
        {200, R"({"token":"sbt_1","user":{"username":"operator.terjun","role":"operator"}})"}, "operator.terjun");
    REQUIRE(a.ok);
    store::set_local_meta(d.db, "sync.cursor", "50");
    record_login(d.db, "http://s", a);
    CHECK(store::get_local_meta(d.db, "sync.token") == "sbt_1");
    CHECK(outbox_owner(d.db) == "operator.terjun");
    CHECK(store::get_local_meta(d.db, "sync.cursor") == "50");  // first account: the copy stays
    record_login(d.db, "http://s", a);
    CHECK(store::get_local_meta(d.db, "sync.cursor") == "50");  // the same account again
    record_login(d.db, "http://other", a);
    CHECK(store::get_local_meta(d.db, "sync.cursor") == "0");  // another server: afresh
    forget_token(d.db);
    CHECK(store::get_local_meta(d.db, "sync.token").empty());
}
