// Sync from the app, headless: the real screens and App over a platform whose
// HTTP is answered in-process by the real server-side merge (shared/sync
// ServerSync on a seeded database). Online login and first pull, a save pushed
// after the debounce, a refused token back to Masuk with the edit kept and sent
// after the next login, and demo mode never talking to a server.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "demo/seed.h"
#include "store/db.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/blobs.h"
#include "sync/server_sync.h"
#include "training/content.h"
#include "training/progress.h"
#include "util/sha256.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"
#include "i18n/format.h"
#include "ui_harness.h"

using nlohmann::json;
using seimbang::uitest::Harness;
namespace app = seimbang::app;
namespace ssync = seimbang::sync;
namespace store = seimbang::store;

namespace {

struct FakeServer {
    store::Db db{":memory:"};
    seimbang::demo::DemoIds ids;
    std::unique_ptr<ssync::ServerSync> merge;
    bool token_expired = false;
    int pushes = 0, pulls = 0;
    std::vector<std::string> pushed_by;  // the token's account of every push
    // Documents (/api/v1/blobs): bytes received per SHA-256, and a PUT that
    // is lost on the way (the network drops) when `lose_put` counts down to 0.
    std::map<std::string, std::string> blobs;
    std::set<std::string> blob_complete;
    int lose_put = -1, puts = 0;
    std::string reference;  // body of /api/v1/reference/positions ("" = 404)

    FakeServer() {
        store::migrate(db);
        seimbang::demo::seed_marelan(db, &ids);
        merge = std::make_unique<ssync::ServerSync>(db);
    }
    std::string terjun() const { return ids.kelurahan.back(); }

    static app::HttpResponse reply(const ssync::Reply& r) { return {r.status, r.body.dump()}; }

    app::HttpResponse operator()(const app::HttpRequest& req) {
        if (req.path == "/api/v1/auth/login") {
            auto b = json::parse(req.body);
            if (b.value("password", "") != "marelan2026") return {401, R"({"error":{"code":"auth.bad_credentials"}})"};
            token_expired = false;
            // Every account is an operator of Kelurahan Terjun; the token names the account.
            const std::string username = b.value("username", "");
            json user = {{"username", username}, {"display_name", "Operator Kelurahan Terjun"},
                         {"role", "operator"}, {"office_id", terjun()}};
            return {200, json{{"token", "tok-" + username}, {"user", user}}.dump()};
        }
        if (req.bearer_token.rfind("tok-", 0) != 0 || token_expired)
            return {401, R"({"error":{"code":"auth.token_expired"}})"};
        const std::string username = req.bearer_token.substr(4);
        ssync::Principal who{"u-" + username, username, "Operator Kelurahan Terjun", "operator", terjun(), "",
                            req.device_id};
        if (req.path == "/api/v1/sync/push") {
            ++pushes;
            pushed_by.push_back(username);
            return reply(merge->push(who, json::parse(req.body)));
        }
        if (req.path.rfind("/api/v1/sync/pull?", 0) == 0) {
            ++pulls;
            auto param = [&](const std::string& k) -> std::string {
                auto p = req.path.find(k + "=");
                if (p == std::string::npos) return "";
                auto e = req.path.find('&', p);
                return req.path.substr(p + k.size() + 1, e == std::string::npos ? std::string::npos : e - p - k.size() - 1);
            };
            return reply(merge->pull(who, std::stoll(param("cursor")), std::stoi(param("limit")), param("snapshot") == "1"));
        }
        if (req.path.rfind("/api/v1/reference/positions", 0) == 0)
            return reference.empty() ? app::HttpResponse{404, "{}"} : app::HttpResponse{200, reference};
        if (req.path.rfind("/api/v1/blobs/", 0) == 0) {
            const std::string sha = req.path.substr(14, 64);
            if (req.method == "GET" && req.path.size() > 78 && req.path.substr(78) == "/status") {
                if (!blobs.count(sha)) return {404, R"({"error":{"code":"blob.not_found"}})"};
                return {200, json{{"received", blobs[sha].size()}, {"complete", blob_complete.count(sha) > 0}}.dump()};
            }
            if (req.method == "PUT") {
                ++puts;
                if (lose_put >= 0 && lose_put-- == 0) return {0, ""};  // lost: nothing arrived
                const auto q = req.path.find("?offset=");
                const auto amp = req.path.find("&total=");
                const size_t offset = std::stoull(req.path.substr(q + 8, amp - q - 8));
                const size_t total = std::stoull(req.path.substr(amp + 7));
                std::string& have = blobs[sha];
                if (offset != have.size())
                    return {409, json{{"error", {{"code", "blob.bad_offset"}, {"received", have.size()}}}}.dump()};
                have += req.body;
                if (have.size() == total) blob_complete.insert(sha);
                return {200, json{{"received", have.size()}, {"complete", have.size() == total}}.dump()};
            }
        }
        return {404, "{}"};
    }

    double volume(const std::string& task_id) {
        auto s = db.prepare("SELECT volume FROM abk_tasks WHERE id = ?1");
        s.bind(1, task_id);
        REQUIRE(s.step());
        return s.real(0);
    }
};

// Fills in Masuk and submits (online or offline, depending on the platform).
void submit_login(Harness& h, const std::string& user) {
    REQUIRE(h.type("##login-user", user));
    REQUIRE(h.type("##login-pass", "marelan2026"));
    REQUIRE(h.click("login-submit"));
}

void login(Harness& h, const std::string& user = "operator.terjun") {
    submit_login(h, user);
    REQUIRE(h.app->login.logged_in());
}

// Online, with the fake server, signed in as `user` and synced once.
void online_login(Harness& h, FakeServer& server, const std::string& user = "operator.terjun") {
    h.platform.online_flag = true;
    h.platform.server = std::ref(server);
    h.frame(2);
    login(h, user);
    h.frame(3);
}

// Edits a task's volume through the ABK screen's editor.
void edit_volume(Harness& h, const std::string& task_id, double volume) {
    REQUIRE(h.click("nav-abk"));
    h.frame(2);
    h.app->edit_task(task_id);
    REQUIRE(h.app->task_editor.open);
    h.frame(1);
    REQUIRE(h.type("##task-volume", seimbang::i18n::format_number(volume, 3)));
    REQUIRE(h.click("task-save"));
    CHECK_FALSE(h.app->task_editor.open);
}

}  // namespace

TEST_CASE("sync: online login pulls the scope, a save is pushed, a refused token goes back to Masuk") {
    FakeServer server;
    Harness h;
    online_login(h, server);
    CHECK(h.app->sync.view.account);
    CHECK(h.app->sync.view.first_pull_done);
    CHECK(h.app->sync.view.last_error.empty());
    REQUIRE(server.pulls > 0);
    const auto& first = h.platform.requests.back();
    CHECK(first.bearer_token == "tok-operator.terjun");
    CHECK(first.device_id.size() == 36);
    REQUIRE_FALSE(h.app->workload.data.employees.empty());
    for (const auto& e : h.app->workload.data.employees) CHECK(e.office_id == server.terjun());  // only the scope
    REQUIRE_FALSE(h.app->workload.data.tasks.empty());
    const std::string task = h.app->workload.data.tasks.front().id;

    // A save goes out after the debounce, not at once.
    edit_volume(h, task, 77);
    CHECK(h.app->sync.outbox.pending == 1);
    const int pushes = server.pushes;
    h.frame(10);
    CHECK(server.pushes == pushes);
    h.frame(120);  // 16 ms per frame: past the 1.5 s debounce
    CHECK(server.pushes == pushes + 1);
    CHECK(h.app->sync.outbox.pending == 0);
    CHECK(server.volume(task) == 77);

    // The server refuses the token: Masuk with the reason, the edit stays queued.
    server.token_expired = true;
    edit_volume(h, task, 78);
    h.frame(120);
    CHECK_FALSE(h.app->login.logged_in());
    CHECK(h.app->login.error == "ui.sync.session_ended");
    CHECK(h.app->sync.outbox.pending == 1);
    CHECK(server.volume(task) == 77);
    h.frame(2);
    // Another account may not take over the device while the edit waits.
    REQUIRE(h.type("##login-user", "operator.payapasir"));
    REQUIRE(h.type("##login-pass", "marelan2026"));
    REQUIRE(h.click("login-submit"));
    CHECK_FALSE(h.app->login.logged_in());
    CHECK(h.app->login.error == "ui.login.other_user_pending");
    h.frame(2);
    login(h);
    h.frame(3);
    CHECK(h.app->sync.outbox.pending == 0);
    CHECK(server.volume(task) == 78);
}

TEST_CASE("sync: an offline login with a verifier of an older version works and upgrades it to Argon2id") {
    FakeServer server;
    Harness h;
    online_login(h, server, "operator.terjun");
    auto cred = nlohmann::json::parse(h.app->local->meta("cred.operator.terjun").value());
    CHECK(cred.value("argon2id", "").rfind("$argon2id$", 0) == 0);
    CHECK_FALSE(cred.contains("verifier"));
    // What a device of the previous version holds: a salted SHA-256 verifier (known answer).
    cred.erase("argon2id");
    cred["salt"] = "0190aaaa-salt";
    cred["verifier"] = "fcfac2993b7fd4ebd8d9a6953aea55bcc3d03d527c90699a47aa48b87ec9425f";
    store::set_local_meta(h.app->local->db(), "cred.operator.terjun", cred.dump());
    h.app->login.sign_out();
    h.frame(2);
    h.platform.online_flag = false;
    h.platform.server = nullptr;

    submit_login(h, "operator.terjun");  // marelan2026
    REQUIRE(h.app->login.logged_in());
    CHECK(h.app->login.session->offline);
    const auto upgraded = nlohmann::json::parse(h.app->local->meta("cred.operator.terjun").value());
    CHECK(upgraded.value("argon2id", "").rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK_FALSE(upgraded.contains("salt"));
    CHECK_FALSE(upgraded.contains("verifier"));
    CHECK(upgraded.value("office_id", "") == cred.value("office_id", ""));
    h.app->login.sign_out();
    h.frame(2);

    // The upgraded verifier still refuses a wrong password and accepts the right one.
    REQUIRE(h.type("##login-user", "operator.terjun"));
    REQUIRE(h.type("##login-pass", "salah"));
    REQUIRE(h.click("login-submit"));
    CHECK_FALSE(h.app->login.logged_in());
    login(h, "operator.terjun");
    CHECK(h.app->login.session->offline);
}

TEST_CASE("sync: edits of an offline sign-in are sent only by the account that made them") {
    FakeServer server;
    Harness h;
    // Both accounts have used this device online (credentials cached); operator.terjun last.
    online_login(h, server, "lurah.terjun");
    h.app->login.sign_out();
    h.frame(2);
    login(h, "operator.terjun");
    h.frame(3);
    const std::string task = h.app->workload.data.tasks.front().id;
    const double original = server.volume(task);
    h.app->login.sign_out();
    h.frame(2);

    // No network: the other account signs in with its cached credential (nothing
    // is pending, so that is allowed) and edits.
    h.platform.online_flag = false;
    h.platform.server = nullptr;
    login(h, "lurah.terjun");
    CHECK(h.app->login.session->offline);
    edit_volume(h, task, 91);
    CHECK(h.app->sync.outbox.pending == 1);
    CHECK(h.app->login.needs_online_login());  // the device holds no token of this account
    h.platform.server = std::ref(server);
    h.platform.online_flag = true;
    h.frame(200);
    CHECK(server.pushed_by.empty());  // this session has no token: nothing goes out
    h.app->login.sign_out();
    h.frame(2);

    // The device's last online account may not sign in (online or not) and send them.
    submit_login(h, "operator.terjun");
    CHECK_FALSE(h.app->login.logged_in());
    CHECK(h.app->login.error == "ui.login.other_user_pending");
    h.frame(2);
    h.platform.server = nullptr;
    submit_login(h, "operator.terjun");
    CHECK_FALSE(h.app->login.logged_in());
    CHECK(h.app->login.error == "ui.login.other_user_pending");
    h.platform.server = std::ref(server);
    h.frame(200);
    CHECK(server.pushed_by.empty());
    CHECK(server.volume(task) == original);
    CHECK(h.app->sync.outbox.pending == 1);

    // The account that made the edit signs in online: sent under its own token.
    h.frame(2);
    login(h, "lurah.terjun");
    h.frame(3);
    CHECK_FALSE(h.app->login.needs_online_login());
    CHECK(h.app->sync.outbox.pending == 0);
    CHECK(server.volume(task) == 91);
    REQUIRE(server.pushed_by.size() == 1);
    CHECK(server.pushed_by.front() == "lurah.terjun");

    // Should the queue ever hold another account's edits under this session (e.g. a
    // database from before owners were recorded), the run keeps them and says why.
    edit_volume(h, task, 92);
    seimbang::sync::set_outbox_owner(h.app->local->db(), "operator.terjun");
    h.frame(120);
    CHECK(server.pushed_by.size() == 1);
    CHECK(h.app->sync.outbox.pending == 1);
    CHECK(h.app->sync.view.last_error == "sync.outbox_other_user");
}

TEST_CASE("sync: offline saves wait, the return of the network sends them") {
    FakeServer server;
    Harness h;
    online_login(h, server);
    const std::string task = h.app->workload.data.tasks.front().id;
    h.platform.online_flag = false;
    h.frame(1);
    const size_t requests = h.platform.requests.size();
    edit_volume(h, task, 55);
    h.frame(200);
    CHECK(h.platform.requests.size() == requests);  // nothing tried while offline
    CHECK(h.app->sync.outbox.pending == 1);
    h.platform.online_flag = true;
    h.frame(2);  // the `online` transition starts a run at once
    CHECK(h.app->sync.outbox.pending == 0);
    CHECK(server.volume(task) == 55);
}

TEST_CASE("sync: demo mode never talks to a server and queues nothing") {
    Harness h;
    h.platform.online_flag = true;
    h.platform.server = [](const app::HttpRequest&) -> app::HttpResponse { return {500, "{}"}; };
    h.frame(2);
    REQUIRE(h.click("login-demo"));
    h.frame(2);
    CHECK(h.app->login.demo_mode());
    CHECK_FALSE(h.app->sync.view.account);
    edit_volume(h, h.app->workload.data.tasks.front().id, 9);
    h.frame(200);
    CHECK(h.platform.requests.empty());
    CHECK(h.app->sync.outbox.pending == 0);
    REQUIRE(h.click("nav-sync"));
    h.frame(2);
    CHECK_FALSE(h.has("sync-now"));  // no sync controls in demo mode
}

TEST_CASE("sync: a document attached in the browser is uploaded after the push, an interrupted upload resumes; "
          "the reference positions arrive for the destination picker") {
    seimbang::workflow::register_sync_commands();
    FakeServer server;
    // Another office's position in the reference list (this operator's copy holds Terjun only).
    std::string other;
    for (const auto& p : store::list_positions(server.db, server.ids.kelurahan.front()))
        if (!p.is_head && p.office_id == server.ids.kelurahan.front()) other = p.id;
    REQUIRE_FALSE(other.empty());
    server.reference = json{{"version", 7},
                            {"positions",
                             {{{"id", other}, {"name", "Jabatan di Labuhan Deli"},
                               {"office_id", server.ids.kelurahan.front()}, {"golongan_min", ""},
                               {"golongan_max", ""}, {"is_head", false}, {"requirements", json::object()}}}}}
                           .dump();
    Harness h;
    online_login(h, server);
    REQUIRE(h.app->position_choice(other));  // from the reference list
    CHECK(h.app->position_choice(other)->office_id == server.ids.kelurahan.front());

    // A draft with a 600 kB PDF (three chunks), attached through the app.
    const seimbang::Employee* e = nullptr;
    for (const auto& x : h.app->workload.data.employees)
        if (!x.archived && !x.position_id.empty()) e = &x;
    REQUIRE(e);
    h.app->navigate(app::Screen::requests);
    h.app->new_request();
    auto& ed = h.app->request_editor;
    ed.employee_id = e->id;
    ed.kind = seimbang::workflow::Kind::dinas;
    ed.wishes[0] = other;
    ed.reason = seimbang::workflow::Reason::kebutuhan_organisasi;
    ed.explanation = "Pemerataan beban kerja";
    std::string pdf = "%PDF-1.4\n";
    while (pdf.size() < 600 * 1024) pdf += "isi surat permohonan " + std::to_string(pdf.size()) + "\n";
    REQUIRE(h.app->add_document("surat.pdf", pdf, static_cast<int64_t>(pdf.size())).ok());
    server.lose_put = 1;  // the second chunk is lost: the run stops, nothing is marked sent
    REQUIRE(h.app->save_request_draft(false).ok());
    for (int i = 0; i < 200 && server.puts < 2; ++i) {
        h.platform.clock_ms += 500;
        h.frame();
    }
    const std::string sha = seimbang::sha256_hex(pdf);
    CHECK(server.pushes >= 1);
    CHECK(server.blobs[sha].size() == 256 * 1024);  // the first chunk only
    CHECK(h.app->sync.view.last_error == "network");
    CHECK(ssync::blobs_waiting(h.app->local->db()) == 1);
    // The next run asks where the server stands and continues from there.
    const int puts_before = server.puts;
    h.app->sync.now();
    for (int i = 0; i < 200 && !server.blob_complete.count(sha); ++i) {
        h.platform.clock_ms += 500;
        h.frame();
    }
    CHECK(server.blob_complete.count(sha) == 1);
    CHECK(server.blobs[sha] == pdf);
    CHECK(server.puts - puts_before == 2);  // chunks 2 and 3, not the first again
    CHECK(ssync::blobs_waiting(h.app->local->db()) == 0);
    // The request and its document reached the server as commands.
    auto st = server.db.prepare("SELECT count(*) FROM request_documents WHERE sha256 = ?1");
    st.bind(1, sha);
    REQUIRE(st.step());
    CHECK(st.int64(0) == 1);
}

TEST_CASE("sync: a sign-in on a shared device drops the other accounts' training answers, never one's own") {
    namespace training = seimbang::training;
    FakeServer server;
    Harness h;
    online_login(h, server, "lurah.terjun");
    // The leader's answers on this device (as the Pelatihan screen records them), already sent.
    const auto& lesson = training::content().lessons.front();
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& q : lesson.questions) answers.push_back(q.answer);
    REQUIRE(training::record_attempt(h.app->local->db(), "lurah.terjun", server.terjun(), lesson.id, answers, 1000).ok());
    seimbang::store::Db& db = h.app->local->db();
    db.exec("DELETE FROM sync_outbox");  // as after a push
    REQUIRE(training::progress_of(db, "lurah.terjun").size() == 1);

    // The same leader again: kept.
    h.app->login.sign_out();
    h.frame(2);
    login(h, "lurah.terjun");
    h.frame(3);
    CHECK(training::progress_of(h.app->local->db(), "lurah.terjun").size() == 1);

    // Another account, online or with its cached credential offline: gone from the device.
    h.app->login.sign_out();
    h.frame(2);
    login(h, "operator.terjun");
    h.frame(3);
    CHECK(h.app->login.logged_in());
    CHECK(training::progress_of(h.app->local->db(), "lurah.terjun").empty());
}
