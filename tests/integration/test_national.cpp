// [upstream] Two tiers, one protocol (docs/SCALE.md "Upstream"): a real instansi
// server (the Marelan demo) forwards its change log to a real national server
// (SQLite) with `serve --upstream`; offices sync with the instansi server as
// always. Faults: the national server hung and down while offices keep working,
// the link cut (kill -9) in the middle of a forward, the instansi server
// restored from a backup. Row sets are compared table by table.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <doctest/doctest.h>

#include <httplib.h>

#include "demo/seed.h"
#include "settings/settings_doc.h"
#include "store/repo.h"
#include "harness.h"
#include "upstream_fixture.h"
#include "store/rows.h"
#include "store/schema.h"

using nlohmann::json;
using namespace itest;
using namespace itest::upstream;
namespace store = seimbang::store;

namespace {

// National server: database, one instansi registered, serving.
struct National {
    std::string db, password_file;
    std::unique_ptr<ServerProcess> proc;
    National(const std::string& dir, const std::string& root, const std::vector<std::string>& extra = {}) {
        db = dir + "/national.db";
        password_file = dir + "/upstream.pw";
        std::ofstream(password_file) << kPassword << "\n";
        std::string out;
        REQUIRE(run({server_bin(), "init", "--db", db}, {}, &out) == 0);
        REQUIRE(run({server_bin(), "national", "add-instansi", "--db", db, "--instansi", root, "--name",
                     "Pemerintah Kota Medan", "--user", "medan.upstream", "--password-file", password_file,
                     "--fast-hashes"},
                    {}, &out) == 0);
        proc = std::make_unique<ServerProcess>(db, false, extra);
    }
};

// Waits until the national server holds exactly the instansi's rows.
bool caught_up(const Instansi& i, const National& n, int seconds) {
    const std::string root = root_of(i.db);
    for (int k = 0; k < seconds * 4; ++k) {
        if (row_set(i.db, root) == row_set(n.db, root)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return false;
}

// Same-field clashes recorded at the centre, apart from the root office: `add-instansi`
// wrote its name there first and the instansi's own row rightly wins over it.
int64_t national_conflicts(const National& n, const std::string& root) {
    return server_count(n.db, "SELECT count(*) FROM sync_conflicts WHERE row_id <> '" + root + "'");
}

}  // namespace

TEST_CASE("upstream forwards an office's edit to the national server once; national hung or down, offices work; back, it catches up") {
    const std::string dir = temp_dir();
    // The instansi's root office is the demo's: read from a scratch copy before the national server exists.
    const std::string root = demo_root(dir);
    National national(dir, root);
    Instansi instansi(dir, national.proc->url(), national.password_file);

    REQUIRE(caught_up(instansi, national, 60));
    json st = settled(instansi, 30);
    CHECK(st["unstaged_rows"] == 0);
    CHECK(st["pending"] == 0);
    CHECK(st["last_error"] == "");
    CHECK(st["rejected"] == 0);

    // BKPSDM reads the same status through the API; an operator may not.
    auto api_status = [&](const std::string& user, const std::string& device) {
        auto l = login(instansi.proc->url(), user, seimbang::demo::kDemoPassword, device);
        REQUIRE(l.status == 200);
        seimbang::cli::HttpTransport t(instansi.proc->url(), l.body["token"], device, 10);
        return t.get("/api/v1/upstream/status");
    };
    auto a = api_status("bkpsdm.medan", "0190bbbb-0000-7000-8000-000000000001");
    CHECK(a.status == 200);
    const json aj = json::parse(a.body, nullptr, false);
    CHECK(aj["configured"] == true);
    CHECK(aj["pending"] == 0);
    CHECK(aj["instansi"] == root);
    CHECK(api_status("operator.terjun", "0190bbbb-0000-7000-8000-000000000002").status == 403);

    SimOffice terjun(dir, "operator.terjun", instansi.proc->url());
    REQUIRE(terjun.sync().ok);
    office_edit(terjun, "S-2");
    REQUIRE(caught_up(instansi, national, 30));
    CHECK(server_count(national.db, "SELECT count(*) FROM employees WHERE education = 'S-2'") ==
          server_count(instansi.db, "SELECT count(*) FROM employees WHERE education = 'S-2'"));

    // Hung (accepts, never answers): the forward waits for its timeout on its own thread;
    // an office's push answers as fast as before.
    const double before = office_edit(terjun, "S-3");
    ::kill(national.proc->pid(), SIGSTOP);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // (a forward is now waiting on it)
    double worst = 0;
    for (const char* v : {"D-IV", "S-1", "D-III"}) worst = std::max(worst, office_edit(terjun, v));
    MESSAGE("office push before: " << before << " ms, with the national server hung: worst " << worst << " ms");
    CHECK(worst < 2000);  // (a forward holding the request lock would take its 20 s timeout)
    ::kill(national.proc->pid(), SIGCONT);

    // Down: offices keep working, status names what waits.
    national.proc->kill_hard();
    const int port = national.proc->port();
    office_edit(terjun, "S-2");
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    st = instansi.status();
    CHECK(st["last_error"] == "network");
    CHECK(st["pending"].get<int64_t>() + st["unstaged_rows"].get<int64_t>() > 0);
    CHECK(st["oldest_pending_ms"].get<int64_t>() > 0);

    national.proc->start({}, port);
    st = settled(instansi, 60);
    CHECK(st["pending"] == 0);
    CHECK(st["unstaged_rows"] == 0);
    CHECK(st["last_error"] == "");
    CHECK(caught_up(instansi, national, 5));
    CHECK(national_conflicts(national, root) == 0);
}

TEST_CASE("upstream: the link cut (kill -9 of the national server) in the middle of a forward loses and doubles nothing") {
    const std::string dir = temp_dir();
    const std::string root = demo_root(dir);
    // Every push answer waits after its commit: the kill lands between "applied" and "answered".
    National national(dir, root, {"--test-pause-after-commit-ms", "400"});
    Instansi instansi(dir, national.proc->url(), national.password_file, 40);  // (438 rows: 11 batches)
    const int64_t total = server_count(instansi.db, "SELECT count(*) FROM employees");
    bool mid = false;
    for (int k = 0; k < 400 && !mid; ++k) {
        const int64_t n = server_count(national.db, "SELECT count(*) FROM employees");
        mid = n > 0 && n < total;
        if (!mid) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE_MESSAGE(mid, "the forward was not caught in the middle");
    national.proc->kill_hard();
    const int port = national.proc->port();
    national.proc->start({}, port);
    const json st = settled(instansi, 60);
    CHECK(caught_up(instansi, national, 5));
    CHECK(st["pending"] == 0);
    CHECK(st["rejected"] == 0);
    CHECK(national_conflicts(national, root) == 0);
    // Every mutation the centre acknowledged is recorded there once, under the counter it was sent with.
    const std::string replica = instansi.db + ".upstream";
    const std::string device = server_rows(replica, "SELECT value FROM local_meta WHERE key = 'sync.device_id'")[0]["value"];
    CHECK(server_count(national.db, "SELECT count(*) FROM sync_applied WHERE device_id = '" + device + "'") ==
          server_count(replica, "SELECT count(*) FROM sync_sent"));
    // The batch committed but not answered before the kill was sent again and answered "duplicate".
    const int64_t duplicates = duplicates_in_log(instansi.db + ".log");
    MESSAGE("mutations answered duplicate after the cut: " << duplicates);
    CHECK(duplicates > 0);
}

TEST_CASE("upstream: the instansi server restored from a backup loses nothing the centre acknowledged and doubles nothing") {
    const std::string dir = temp_dir();
    const std::string root = demo_root(dir);
    std::string out;
    National national(dir, root);
    Instansi instansi(dir, national.proc->url(), national.password_file);
    REQUIRE(caught_up(instansi, national, 60));
    SimOffice terjun(dir, "operator.terjun", instansi.proc->url());  // (signed in before the backup: its token survives)
    REQUIRE(terjun.sync().ok);
    REQUIRE(run({server_bin(), "backup", "--db", instansi.db, "--to", dir + "/backup.db"}, {}, &out) == 0);

    office_edit(terjun, "S-3");  // after the backup: acknowledged by the instansi and forwarded
    REQUIRE(caught_up(instansi, national, 30));
    const int64_t at_centre = server_count(national.db, "SELECT count(*) FROM employees WHERE education = 'S-3'");
    REQUIRE(at_centre >= 1);

    instansi.proc->stop();
    REQUIRE(run({server_bin(), "restore", "--db", instansi.db, "--from", dir + "/backup.db"}, {}, &out) == 0);
    instansi.proc->start(instansi.upstream_args(national.proc->url()), instansi.proc->port());
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // forwards run on the restored database
    // The centre still holds what it acknowledged.
    CHECK(server_count(national.db, "SELECT count(*) FROM employees WHERE education = 'S-3'") == at_centre);
    CHECK(instansi.status()["instansi_restored"] == false);  // (staged again from the backup's point)

    // The office's device sends again what the backup lacks (SYNC.md §8.1); both tiers agree again.
    const auto rep = terjun.sync();
    REQUIRE_MESSAGE(rep.ok, rep.error);
    CHECK(rep.restored);
    REQUIRE(caught_up(instansi, national, 60));
    CHECK(server_count(national.db, "SELECT count(*) FROM employees WHERE education = 'S-3'") == at_centre);
    CHECK(national_conflicts(national, root) == 0);
    CHECK(instansi.status()["rejected"] == 0);
}

TEST_CASE("regression: an instansi server restored with its upstream replica reused counters the centre held (new edits taken as duplicates, lost)") {
    // A file-level backup of the data folder (the instansi database AND its
    // replica FILE.upstream, as an administrator copies a folder or a VM
    // snapshot restores it): the restored replica's outbox sequence is behind
    // the counters the centre already recorded for its device.
    const std::string dir = temp_dir();
    const std::string root = demo_root(dir);
    std::string out;
    National national(dir, root);
    Instansi instansi(dir, national.proc->url(), national.password_file);
    REQUIRE(caught_up(instansi, national, 60));
    REQUIRE(settled(instansi, 30)["pending"] == 0);
    SimOffice terjun(dir, "operator.terjun", instansi.proc->url());
    REQUIRE(terjun.sync().ok);
    const std::string replica = instansi.db + ".upstream";
    const std::string device = server_rows(replica, "SELECT value FROM local_meta WHERE key = 'sync.device_id'")[0]["value"];

    instansi.proc->stop();  // (stopped: both files are complete, no WAL left)
    REQUIRE(run({server_bin(), "backup", "--db", instansi.db, "--to", dir + "/backup.db"}, {}, &out) == 0);
    std::filesystem::copy_file(replica, dir + "/backup.db.upstream");
    instansi.proc->start(instansi.upstream_args(national.proc->url()), instansi.proc->port());

    office_edit(terjun, "S-3");  // after the backup: forwarded and acknowledged by the centre
    REQUIRE(caught_up(instansi, national, 30));
    REQUIRE(settled(instansi, 30)["pending"] == 0);
    const int64_t held = server_count(national.db, "SELECT max(counter) FROM sync_applied WHERE device_id = '" + device + "'");

    instansi.proc->stop();
    REQUIRE(run({server_bin(), "restore", "--db", instansi.db, "--from", dir + "/backup.db"}, {}, &out) == 0);
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(replica + suffix);
    std::filesystem::copy_file(dir + "/backup.db.upstream", replica, std::filesystem::copy_options::overwrite_existing);
    instansi.proc->start(instansi.upstream_args(national.proc->url()), instansi.proc->port());

    // The office re-sends what the backup lacks, then edits again: both reach the centre.
    auto rep = terjun.sync();
    REQUIRE_MESSAGE(rep.ok, rep.error);
    office_edit(terjun, "D-IV");
    CHECK(caught_up(instansi, national, 60));
    const json st = settled(instansi, 30);
    CHECK(st["pending"] == 0);
    CHECK(st["rejected"] == 0);
    CHECK(server_count(national.db, "SELECT count(*) FROM employees WHERE education = 'D-IV'") ==
          server_count(instansi.db, "SELECT count(*) FROM employees WHERE education = 'D-IV'"));
    // The mutations made since the restore carry counters above what the centre held.
    CHECK(server_count(replica, "SELECT max(counter) FROM sync_sent") > held);
    CHECK(server_count(national.db, "SELECT count(*) FROM sync_applied WHERE device_id = '" + device +
                                        "' AND counter > " + std::to_string(held)) > 0);
    CHECK(national_conflicts(national, root) == 0);
}

TEST_CASE("reference data down: the centre's rules and survey settings reach the instansi and its devices; its workflow settings do not") {
    const std::string dir = temp_dir();
    const std::string root = demo_root(dir);
    std::string out;
    National national(dir, root);
    // BKN's settings editor on the national server (its own login there).
    REQUIRE(run({server_bin(), "user", "add", "--db", national.db, "--username", "bkn.pengaturan", "--role", "bkpsdm",
                 "--office", root, "--password-stdin"},
                std::string(kPassword) + "\n", &out) == 0);
    Instansi instansi(dir, national.proc->url(), national.password_file);
    REQUIRE(caught_up(instansi, national, 60));

    auto session = [](const std::string& url, const std::string& user, const std::string& password,
                      const std::string& device) {
        auto l = login(url, user, password, device);
        REQUIRE(l.status == 200);
        return httplib::Headers{{"Authorization", "Bearer " + l.body["token"].get<std::string>()}, {"X-Device-Id", device}};
    };
    httplib::Client centre(national.proc->url()), local(instansi.proc->url());
    const auto bkn = session(national.proc->url(), "bkn.pengaturan", kPassword, "0190cccc-0000-7000-8000-000000000001");
    const auto medan = session(instansi.proc->url(), "bkpsdm.medan", seimbang::demo::kDemoPassword,
                               "0190cccc-0000-7000-8000-000000000002");
    auto get = [](httplib::Client& c, const httplib::Headers& h) {
        auto r = c.Get("/api/v1/settings", h);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return json::parse(r->body);
    };
    auto put = [](httplib::Client& c, const httplib::Headers& h, const std::string& group, json value, int64_t version) {
        auto r = c.Put("/api/v1/settings", h, json{{"group", group}, {"value", value}, {"version", version}}.dump(),
                       "application/json");
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
        return json::parse(r->body);
    };
    const json workflow_before = get(local, medan)["settings"]["workflow"];

    // BKN sets the national WKE and (its own) document size limit.
    json doc = get(centre, bkn);
    json rules = doc["settings"]["rules"];
    rules["wke_minutes"] = 70500;
    doc = put(centre, bkn, "rules", rules, doc["version"]);
    json workflow = doc["settings"]["workflow"];
    workflow["max_document_bytes"] = workflow["max_document_bytes"].get<int64_t>() / 2;
    put(centre, bkn, "workflow", workflow, doc["version"]);

    // The next forwards bring the rules down into the instansi, which hands them to its devices.
    json here;
    for (int k = 0; k < 40; ++k) {
        here = get(local, medan);
        if (here["settings"]["rules"]["wke_minutes"] == 70500) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    CHECK(here["settings"]["rules"]["wke_minutes"] == 70500);
    CHECK(here["changed_by"] == "pusat:bkn.pengaturan");
    CHECK(here["settings"]["workflow"] == workflow_before);  // (the instansi's own)
    SimOffice terjun(dir, "operator.terjun", instansi.proc->url());
    auto device_answer = terjun.http->get("/api/v1/settings");
    REQUIRE(device_answer.status == 200);
    REQUIRE(seimbang::settings::apply_handed_down(*terjun.db, json::parse(device_answer.body)));
    CHECK(seimbang::store::load_settings(*terjun.db).wke_minutes == 70500);
    CHECK(server_count(instansi.db, "SELECT count(*) FROM settings_log WHERE username = 'pusat:bkn.pengaturan'") == 1);

    // The instansi's BKPSDM decides otherwise afterwards: its value stands over later forwards...
    json mine = here["settings"]["rules"];
    mine["wke_minutes"] = 72000;
    put(local, medan, "rules", mine, here["version"]);
    std::this_thread::sleep_for(std::chrono::milliseconds(3000));  // (several forwards)
    CHECK(get(local, medan)["settings"]["rules"]["wke_minutes"] == 72000);
    // ...until the centre changes the group again.
    doc = get(centre, bkn);
    rules = doc["settings"]["rules"];
    rules["wke_minutes"] = 71000;
    put(centre, bkn, "rules", rules, doc["version"]);
    for (int k = 0; k < 40; ++k) {
        here = get(local, medan);
        if (here["settings"]["rules"]["wke_minutes"] == 71000) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    CHECK(here["settings"]["rules"]["wke_minutes"] == 71000);
    CHECK(server_count(instansi.db, "SELECT count(*) FROM settings_log WHERE username = 'pusat:bkn.pengaturan'") == 2);
}

TEST_CASE("national accounts: an instansi writes its own subtree and root office only, never another instansi's") {
    const std::string dir = temp_dir();
    const std::string root = demo_root(dir);
    std::string out;
    National national(dir, root);
    Instansi instansi(dir, national.proc->url(), national.password_file);
    REQUIRE(caught_up(instansi, national, 60));
    national.proc->stop();
    const std::string other_root = "01900000-0000-7000-8000-00000000d011";
    REQUIRE(run({server_bin(), "national", "add-instansi", "--db", national.db, "--instansi", other_root, "--name",
                 "Pemerintah Kabupaten Deli Serdang", "--kind", "kota", "--user", "deliserdang.upstream",
                 "--password-file", national.password_file, "--fast-hashes"},
                {}, &out) == 0);
    // (Registering the same root again is refused: its account exists.)
    CHECK(run({server_bin(), "national", "add-instansi", "--db", national.db, "--instansi", other_root, "--name", "X",
               "--user", "deliserdang.upstream", "--password-file", national.password_file, "--fast-hashes"},
              {}, &out) == 2);
    national.proc->start();

    auto push_as = [&](const std::string& user, const std::string& device, const json& m) {
        auto l = login(national.proc->url(), user, kPassword, device);
        REQUIRE(l.status == 200);
        seimbang::cli::HttpTransport t(national.proc->url(), l.body["token"], device, 10);
        json mm = m;
        mm["counter"] = 1;
        mm["hlc"] = 1LL << 40;
        mm["schema"] = store::latest_schema_version();
        mm["base"] = 0;
        mm["op"] = "upsert";
        return t.post_json("/api/v1/sync/push", json{{"device_id", device}, {"mutations", {mm}}}.dump());
    };
    const std::string employee = server_rows(national.db, "SELECT id FROM employees LIMIT 1")[0]["id"];
    // Another instansi's account: Medan's rows and root office are out of its reach.
    auto r = push_as("deliserdang.upstream", "0190aaaa-0000-7000-8000-000000000001",
                     {{"table", "employees"}, {"row", employee}, {"fields", {{"education", "S-3"}}}});
    CHECK(r.status == 403);
    CHECK(r.body.find("scope.forbidden") != std::string::npos);
    r = push_as("deliserdang.upstream", "0190aaaa-0000-7000-8000-000000000002",
                {{"table", "offices"}, {"row", root}, {"fields", {{"name", "Diambil alih"}}}});
    CHECK(r.status == 403);
    // Its own root office: writable, but never hung below another office.
    r = push_as("deliserdang.upstream", "0190aaaa-0000-7000-8000-000000000003",
                {{"table", "offices"}, {"row", other_root}, {"fields", {{"name", "Pemkab Deli Serdang"}}}});
    CHECK(r.status == 200);  // (applied over add-instansi's name: a recorded clash, the account's value kept)
    r = push_as("deliserdang.upstream", "0190aaaa-0000-7000-8000-000000000004",
                {{"table", "offices"}, {"row", other_root}, {"fields", {{"parent_id", root}}}});
    CHECK(r.status == 403);
    // A new root (an office without parent) from an instansi account: refused.
    r = push_as("medan.upstream", "0190aaaa-0000-7000-8000-000000000005",
                {{"table", "offices"},
                 {"row", "01900000-0000-7000-8000-00000000d012"},
                 {"fields", {{"parent_id", nullptr}, {"kind", "kota"}, {"code", "X"}, {"name", "Baru"}, {"archived", 0}}}});
    CHECK(r.status == 403);
    // A pusat-less bkpsdm of Medan (an ordinary role) may not write the root office row either.
    CHECK(server_rows(national.db, "SELECT name FROM offices WHERE id = '" + other_root + "'")[0]["name"] ==
          "Pemkab Deli Serdang");
}
