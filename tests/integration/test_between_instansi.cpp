// [between instansi] Issue 17 item 3 end to end (docs/SCALE.md "Between-instansi
// transfers"): two real instansi servers forwarding with `serve --upstream` to
// one real national server (SQLite), each step taken by its actor's device on
// that actor's own server: Binjai's BKPSDM proposes a move of a Medan employee,
// Medan's BKPSDM approves, BKN (pusat, on the national server) gives its
// pertimbangan teknis, Binjai's BKPSDM decides. The rows travel up and are
// handed down (copied into the other instansi's database as server state);
// at the end both instansi, the centre and the devices hold the same request
// and the same five events, none lost or doubled.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <doctest/doctest.h>

#include "demo/seed.h"
#include "harness.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "upstream_fixture.h"
#include "util/uuid.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

using nlohmann::json;
using namespace itest;
using namespace itest::upstream;
namespace store = seimbang::store;
namespace workflow = seimbang::workflow;


namespace {

// Polls `sql` (one value) on a server database until it equals `want`.
bool eventually(const std::string& db, const std::string& sql, const json& want, int seconds) {
    for (int k = 0; k < seconds * 4; ++k) {
        const json rows = server_rows(db, sql);
        if (!rows.empty() && rows[0].begin().value() == want) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return false;
}

// A signed-in device taking a workflow step offline, then syncing it.
workflow::StepResult step(SimOffice& d, const std::string& role, workflow::Command cmd, const std::string& id,
                          const std::string& expect, json args = json::object()) {
    const auto sync_before = d.sync();
    REQUIRE_MESSAGE(sync_before.ok, sync_before.error);
    const auto who = workflow::make_actor(*d.db, d.user, role, d.office_id, "");
    workflow::StepInput in{cmd, id, expect, std::move(args)};
    const auto r = workflow::take_step_offline(*d.db, who, in, workflow::today_wib());
    if (r.check.ok()) {
        const auto rep = d.sync();
        REQUIRE_MESSAGE(rep.ok, rep.error);
        CHECK_MESSAGE(rep.push.applied == 1, "rejected " << rep.push.rejected);
    }
    return r;
}

// The timeline of a request in a server database: "ordinal command actor" per event, in order.
std::vector<std::string> timeline(const std::string& db, const std::string& id) {
    std::vector<std::string> out;
    for (const auto& e : server_rows(db, "SELECT id, ordinal, command, actor FROM request_events WHERE request_id = '" +
                                             id + "' ORDER BY ordinal, id"))
        out.push_back(std::to_string(e["ordinal"].get<int64_t>()) + " " + e["command"].get<std::string>() + " " +
                      e["actor"].get<std::string>() + " " + e["id"].get<std::string>());
    return out;
}

// `upstream status` of an instansi database once nothing is left to send (the fixture's settled() for a path).
json settled_db(const std::string& db, int seconds) {
    json st;
    for (int k = 0; k < seconds * 4; ++k) {
        std::string out;
        run({server_bin(), "upstream", "status", "--db", db}, {}, &out);
        st = json::parse(out, nullptr, false);
        if (st.is_object() && st["pending"] == 0 && st["unstaged_rows"] == 0 && st["last_error"] == "" &&
            st["last_ok_ms"].get<int64_t>() >= st["last_attempt_ms"].get<int64_t>())
            return st;
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return st;
}

json request_row(const std::string& db, const std::string& id) {
    const auto& t = *store::find_table("requests");
    std::string sql = "SELECT id";
    for (const auto& c : t.columns) sql += ", " + c;
    const json rows = server_rows(db, sql + " FROM requests WHERE id = '" + id + "'");
    return rows.empty() ? json() : rows[0];
}

}  // namespace

TEST_CASE("between instansi: B proposes about A's employee, A approves, pusat advises, B decides; every timeline equal") {
    const std::string dir = temp_dir();
    std::string out;
    // Instansi B (Kota Binjai: a synthetic instansi of its own ids) with its BKPSDM account.
    const std::string dir_b = dir + "/b";
    std::filesystem::create_directories(dir_b);
    const std::string db_b = dir_b + "/instansi.db";
    REQUIRE(run({server_bin(), "init", "--db", db_b, "--synthetic", "40", "--fast-hashes"}, {}, &out) == 0);
    const std::string root_b = root_of(db_b);
    REQUIRE(run({server_bin(), "user", "add", "--db", db_b, "--username", "bkpsdm.binjai", "--role", "bkpsdm", "--office",
                 root_b, "--password-stdin"},
                std::string(seimbang::demo::kDemoPassword) + "\n", &out) == 0);

    // The national server (SQLite): both instansi registered, BKN's pusat account.
    const std::string root_a = demo_root(dir);
    REQUIRE(root_a != root_b);
    const std::string national_db = dir + "/national.db", password_file = dir + "/upstream.pw";
    std::ofstream(password_file) << kPassword << "\n";
    REQUIRE(run({server_bin(), "init", "--db", national_db}, {}, &out) == 0);
    REQUIRE(run({server_bin(), "national", "add-instansi", "--db", national_db, "--instansi", root_a, "--name",
                 "Pemerintah Kota Medan", "--user", "medan.upstream", "--password-file", password_file, "--fast-hashes"},
                {}, &out) == 0);
    REQUIRE(run({server_bin(), "national", "add-instansi", "--db", national_db, "--instansi", root_b, "--name",
                 "Pemerintah Kota Binjai", "--kind", "kota", "--user", "binjai.upstream", "--password-file",
                 password_file, "--fast-hashes"},
                {}, &out) == 0);
    REQUIRE(run({server_bin(), "user", "add", "--db", national_db, "--username", "pusat.bkn", "--role", "pusat",
                 "--office", root_a, "--password-stdin"},
                std::string(seimbang::demo::kDemoPassword) + "\n", &out) == 0);
    ServerProcess national(national_db, false);

    // Instansi A (the Marelan demo, Kota Medan) and B, both forwarding every second.
    Instansi a(dir, national.url(), password_file);
    REQUIRE(run({server_bin(), "upstream", "login", "--db", db_b, "--url", national.url(), "--instansi", root_b, "--user",
                 "binjai.upstream", "--password-file", password_file},
                {}, &out) == 0);
    ServerProcess b(db_b, false, a.upstream_args(national.url()));
    const json a0 = settled_db(a.db, 90), b0 = settled_db(db_b, 90);
    REQUIRE(a0["pending"] == 0);
    REQUIRE(b0["pending"] == 0);

    // A's employee (free to move: no 10-year commitment, no disciplinary process) and B's post.
    const json person = server_rows(a.db, "SELECT id, office_id, position_id, nip, name FROM employees WHERE archived = 0 "
                                          "AND commitment_10y = 0 AND discipline_open = 0 ORDER BY id LIMIT 1")[0];
    const json post = server_rows(db_b, "SELECT id, office_id FROM positions WHERE is_head = 0 AND archived = 0 "
                                        "AND kind = 'pelaksana' ORDER BY id LIMIT 1")[0];

    // [1] B's BKPSDM proposes (on B's server; its device holds no record of the person: it names them).
    SimOffice bkpsdm_b(dir_b, "bkpsdm.binjai", b.url());
    const std::string id = seimbang::new_uuid_v7();
    using C = workflow::Command;
    REQUIRE(step(bkpsdm_b, "bkpsdm", C::create, id, "",
                 {{"kind", "antar_instansi"}, {"employee_id", person["id"]}, {"office_id", person["office_id"]},
                  {"from_position_id", person["position_id"]}, {"employee_nip", person["nip"]},
                  {"employee_name", person["name"]}, {"from_instansi", root_a}, {"reason", "mengikuti_suami_istri"},
                  {"explanation", "Suami pindah tugas ke Binjai"}, {"to_instansi", "Pemerintah Kota Binjai"},
                  {"to_positions", json::array({post["id"]})}})
                .check.ok());
    REQUIRE(step(bkpsdm_b, "bkpsdm", C::submit, id, "draf").check.ok());
    CHECK(server_rows(db_b, "SELECT status FROM requests WHERE id = '" + id + "'")[0]["status"] == "diajukan");

    // [2] Handed down to A (its employee): A's server holds it, A's BKPSDM approves there.
    REQUIRE(eventually(a.db, "SELECT status FROM requests WHERE id = '" + id + "'", "diajukan", 60));
    SimOffice bkpsdm_a(dir, "bkpsdm.medan", a.proc->url());
    const auto approved = step(bkpsdm_a, "bkpsdm", C::approve, id, "diajukan");
    REQUIRE_MESSAGE(approved.check.ok(), (approved.check.first_error() ? approved.check.first_error()->code : ""));

    // [3] At the centre BKN gives its pertimbangan teknis.
    REQUIRE(eventually(national_db, "SELECT status FROM requests WHERE id = '" + id + "'", "disetujui_unit_asal", 60));
    SimOffice pusat(dir, "pusat.bkn", national.url());
    const auto advised = step(pusat, "pusat", C::advise, id, "disetujui_unit_asal", {{"note", "Memenuhi syarat"}});
    REQUIRE_MESSAGE(advised.check.ok(), (advised.check.first_error() ? advised.check.first_error()->code : ""));

    // [4] Handed down to B (its destination): B's BKPSDM decides online, with B's SK series.
    REQUIRE(eventually(db_b, "SELECT status FROM requests WHERE id = '" + id + "'", "pertimbangan_teknis", 60));
    REQUIRE(bkpsdm_b.sync().ok);
    seimbang::sync::enqueue_command(*bkpsdm_b.db, "requests", id, "decide", "pertimbangan_teknis", {{"tmt", "2030-01-01"}});
    const auto decided = bkpsdm_b.sync();
    REQUIRE(decided.ok);
    CHECK_MESSAGE(decided.push.applied == 1, "rejected " << decided.push.rejected);

    // [5] Everyone holds the same request and the same five events, once each.
    REQUIRE(eventually(a.db, "SELECT status FROM requests WHERE id = '" + id + "'", "ditetapkan", 60));
    REQUIRE(eventually(national_db, "SELECT status FROM requests WHERE id = '" + id + "'", "ditetapkan", 60));
    REQUIRE(settled_db(a.db, 60)["pending"] == 0);
    REQUIRE(settled_db(db_b, 60)["pending"] == 0);
    const auto line = timeline(db_b, id);
    REQUIRE(line.size() == 5);
    const char* expected[] = {"1 create bkpsdm.binjai", "2 submit bkpsdm.binjai", "3 approve bkpsdm.medan",
                              "4 advise pusat.bkn", "5 decide bkpsdm.binjai"};
    for (size_t k = 0; k < 5; ++k) CHECK(line[k].rfind(expected[k], 0) == 0);
    CHECK(timeline(a.db, id) == line);
    CHECK(timeline(national_db, id) == line);
    const json final_row = request_row(db_b, id);
    CHECK(final_row["status"] == "ditetapkan");
    CHECK_FALSE(final_row["sk_number"].get<std::string>().empty());
    CHECK(final_row["employee_nip"] == person["nip"]);
    CHECK(final_row["from_instansi"] == root_a);
    CHECK(request_row(a.db, id) == final_row);
    CHECK(request_row(national_db, id) == final_row);
    // Each side's devices see it too (A's BKPSDM: its employee; B's: its destination).
    REQUIRE(bkpsdm_a.sync().ok);
    REQUIRE(bkpsdm_b.sync().ok);
    CHECK(workflow::get_request(*bkpsdm_a.db, id)->status == workflow::Status::ditetapkan);
    CHECK(workflow::timeline(*bkpsdm_a.db, id).size() == 5);
    CHECK(workflow::timeline(*bkpsdm_b.db, id).size() == 5);
    // Nothing of the move refused on the way up.
    CHECK(settled_db(a.db, 30)["rejected"] == a0["rejected"]);
    CHECK(settled_db(db_b, 30)["rejected"] == b0["rejected"]);
    b.stop();
}
