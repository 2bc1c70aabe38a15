// [between instansi] Issue 17 item 3 end to end (docs/SCALE.md "Between-instansi
// transfers"): two real instansi servers forwarding with `serve --upstream` to
// one real national server (SQLite), each step taken by its actor's device on
// that actor's own server: Binjai's BKPSDM proposes a move of a Medan employee,
// Medan's BKPSDM approves, BKN (pusat, on the national server) gives its
// pertimbangan teknis, Binjai's BKPSDM decides. The rows travel up and are
// handed down (copied into the other instansi's database as server state);
// at the end both instansi, the centre and the devices hold the same request
// and the same five events, none lost or doubled.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <doctest/doctest.h>

#include "demo/seed.h"
#include "model/nip.h"
#include "sync/http.h"
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

// GET /api/v1/national/person?nip= as the signed-in device (docs/SCALE.md "Lookup by NIP").
seimbang::sync::HttpResult lookup(SimOffice& d, const std::string& nip) {
    std::string q;
    for (char c : nip) q += c == ' ' ? std::string("%20") : std::string(1, c);
    return d.http->get("/api/v1/national/person?nip=" + q);
}
std::pair<int, std::string> lookup_code(SimOffice& d, const std::string& nip) {
    const auto r = lookup(d, nip);
    return {r.status, seimbang::sync::error_code(r)};
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

    // [0] B's BKPSDM finds the person by NIP: B's server asks the centre with its upstream account.
    SimOffice bkpsdm_b(dir_b, "bkpsdm.binjai", b.url());
    const auto found = lookup(bkpsdm_b, person["nip"]);
    REQUIRE_MESSAGE(found.status == 200, found.body);
    const json hit = json::parse(found.body)["person"];
    CHECK(hit["employee_id"] == person["id"]);
    CHECK(hit["instansi"] == root_a);
    CHECK_FALSE(hit["instansi_name"].get<std::string>().empty());
    CHECK(hit["office_id"] == person["office_id"]);
    CHECK(hit["position_id"] == person["position_id"]);
    CHECK(hit["name"] == person["name"]);
    CHECK_FALSE(hit["office_name"].get<std::string>().empty());
    CHECK_FALSE(hit["position_name"].get<std::string>().empty());
    CHECK_FALSE(hit["golongan"].get<std::string>().empty());
    CHECK(lookup(bkpsdm_b, seimbang::format_nip(person["nip"].get<std::string>())).status == 200);  // (typed with spaces)
    // Refusals: a NIP the validator refuses, one nobody holds, B's own employee.
    CHECK(lookup_code(bkpsdm_b, "12345") == std::make_pair(400, std::string("nip.bad_length")));
    CHECK(lookup_code(bkpsdm_b, "19661301198803 1001") == std::make_pair(400, std::string("nip.bad_birth_date")));
    CHECK(lookup_code(bkpsdm_b, "196608011988031999") == std::make_pair(404, std::string("national.person_not_found")));
    const std::string own_nip = server_rows(db_b, "SELECT nip FROM employees WHERE archived = 0 ORDER BY id LIMIT 1")[0]["nip"];
    CHECK(lookup_code(bkpsdm_b, own_nip) == std::make_pair(409, std::string("national.person_own_instansi")));
    {
        // pusat on the centre is not an instansi account; A's operator may not ask.
        std::filesystem::create_directories(dir + "/probe");
        SimOffice pusat_probe(dir + "/probe", "pusat.bkn", national.url());
        CHECK(lookup_code(pusat_probe, person["nip"]) == std::make_pair(403, std::string("role.forbidden")));
        SimOffice op(dir + "/probe", "operator.terjun", a.proc->url());
        CHECK(lookup_code(op, person["nip"]) == std::make_pair(403, std::string("role.forbidden")));
    }

    // [1] B's BKPSDM proposes (on B's server; its device holds no record of the person: it names them as found).
    const std::string id = seimbang::new_uuid_v7();
    using C = workflow::Command;
    REQUIRE(step(bkpsdm_b, "bkpsdm", C::create, id, "",
                 {{"kind", "antar_instansi"}, {"employee_id", hit["employee_id"]}, {"office_id", hit["office_id"]},
                  {"from_position_id", hit["position_id"]}, {"employee_nip", hit["nip"]},
                  {"employee_name", hit["name"]}, {"employee_golongan", hit["golongan"]},
                  {"from_instansi", hit["instansi"]}, {"reason", "mengikuti_suami_istri"},
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

    // [6] The TMT (docs/SCALE.md "TMT records"): each instansi's own effective run does its own side.
    const std::string nip = person["nip"];
    auto active = [&](const std::string& db) {
        return server_count(db, "SELECT count(*) FROM employees WHERE archived = 0 AND nip = '" + nip + "'");
    };
    auto apply = [&](const std::string& db) {
        std::string o;
        const int rc = run({server_bin(), "apply-effective", "--db", db, "--today", "2030-01-02"}, {}, &o);
        CHECK_MESSAGE(rc == 0, o);
        return json::parse(o, nullptr, false);
    };
    REQUIRE(active(a.db) == 1);
    REQUIRE(active(db_b) == 0);
    // B (receiving) enters the person in the granted post and completes the request.
    CHECK(apply(db_b)["applied"] == 1);
    const json entered = server_rows(db_b, "SELECT id, office_id, position_id, name, golongan, tmt_position FROM employees "
                                           "WHERE archived = 0 AND nip = '" + nip + "'");
    REQUIRE(entered.size() == 1);
    CHECK(entered[0]["id"] != person["id"]);  // a record of B's own
    CHECK(entered[0]["position_id"] == post["id"]);
    CHECK(entered[0]["office_id"] == post["office_id"]);
    CHECK(entered[0]["name"] == person["name"]);
    CHECK(entered[0]["golongan"] == hit["golongan"]);
    CHECK(entered[0]["tmt_position"] == "2030-01-01");
    CHECK(server_rows(db_b, "SELECT status FROM requests WHERE id = '" + id + "'")[0]["status"] == "selesai");
    // Selesai is handed down to A; A (sending) archives its record as moved to another instansi.
    REQUIRE(eventually(a.db, "SELECT status FROM requests WHERE id = '" + id + "'", "selesai", 60));
    CHECK(apply(a.db)["applied"] == 1);
    CHECK(active(a.db) == 0);
    CHECK(server_count(a.db, "SELECT count(*) FROM placements WHERE employee_id = '" + person["id"].get<std::string>() +
                                 "' AND cause = 'arsip' AND exit_kind = 'pindah_instansi' AND reference = '" +
                                 final_row["sk_number"].get<std::string>() + "'") == 1);
    // Run again: nothing doubled.
    CHECK(apply(db_b)["applied"] == 0);
    CHECK(apply(a.db)["applied"] == 0);
    CHECK(active(db_b) == 1);
    // At the centre the NIP is held once, by B; the six events are the same everywhere.
    REQUIRE(settled_db(a.db, 60)["pending"] == 0);
    REQUIRE(settled_db(db_b, 60)["pending"] == 0);
    REQUIRE(eventually(national_db, "SELECT count(*) FROM employees WHERE archived = 0 AND nip = '" + nip + "'", 1, 60));
    CHECK(server_rows(national_db, "SELECT id FROM employees WHERE archived = 0 AND nip = '" + nip + "'")[0]["id"] ==
          entered[0]["id"]);
    const auto done_line = timeline(db_b, id);
    REQUIRE(done_line.size() == 6);
    CHECK(done_line[5].rfind("6 complete server", 0) == 0);
    CHECK(timeline(a.db, id) == done_line);
    REQUIRE(eventually(national_db, "SELECT status FROM requests WHERE id = '" + id + "'", "selesai", 60));
    CHECK(timeline(national_db, id) == done_line);
    // The lookup now finds the person in B's own instansi.
    CHECK(lookup_code(bkpsdm_b, nip) == std::make_pair(409, std::string("national.person_own_instansi")));

    // [7] Both sides step at once on a second move (docs/SCALE.md "Steps taken on a stale copy"): with the
    // centre down, A's BKPSDM approves on A's server while B's BKPSDM withdraws on B's, each on its own
    // copy at Diajukan. Back up, the first forward to arrive wins at the centre and at both instansi;
    // the other is refused, its row and its event together.
    const json second = server_rows(a.db, "SELECT id, office_id, position_id, nip, name, golongan FROM employees WHERE "
                                          "archived = 0 AND commitment_10y = 0 AND discipline_open = 0 AND golongan <> '' "
                                          "ORDER BY id LIMIT 1")[0];
    const std::string race = seimbang::new_uuid_v7();
    REQUIRE(step(bkpsdm_b, "bkpsdm", C::create, race, "",
                 {{"kind", "antar_instansi"}, {"employee_id", second["id"]}, {"office_id", second["office_id"]},
                  {"from_position_id", second["position_id"]}, {"employee_nip", second["nip"]},
                  {"employee_name", second["name"]}, {"employee_golongan", second["golongan"]},
                  {"from_instansi", root_a}, {"reason", "mengikuti_suami_istri"},
                  {"explanation", "Istri pindah tugas ke Binjai"}, {"to_instansi", "Pemerintah Kota Binjai"},
                  {"to_positions", json::array({post["id"]})}})
                .check.ok());
    REQUIRE(step(bkpsdm_b, "bkpsdm", C::submit, race, "draf").check.ok());
    const std::string race_status = "SELECT status FROM requests WHERE id = '" + race + "'";
    REQUIRE(eventually(a.db, race_status, "diajukan", 60));
    const int64_t refused_a = settled_db(a.db, 60)["rejected"], refused_b = settled_db(db_b, 60)["rejected"];
    const int national_port = national.port();
    national.stop();
    REQUIRE(step(bkpsdm_a, "bkpsdm", C::approve, race, "diajukan").check.ok());
    REQUIRE(step(bkpsdm_b, "bkpsdm", C::cancel, race, "diajukan").check.ok());
    auto staged = [&](const std::string& db) {  // both steps copied into the upstream outbox, waiting
        for (int k = 0; k < 240; ++k) {
            std::string o;
            run({server_bin(), "upstream", "status", "--db", db}, {}, &o);
            const json st = json::parse(o, nullptr, false);
            if (st.is_object() && st["pending"].get<int64_t>() >= 2 && st["unstaged_rows"] == 0) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
        return false;
    };
    REQUIRE(staged(a.db));
    REQUIRE(staged(db_b));
    national.start({}, national_port);
    REQUIRE(settled_db(a.db, 90)["pending"] == 0);
    REQUIRE(settled_db(db_b, 90)["pending"] == 0);
    const std::string won = server_rows(national_db, race_status)[0]["status"];
    const bool a_won = won == "disetujui_unit_asal";
    CHECK((a_won || won == "dibatalkan"));
    const auto centre_line = timeline(national_db, race);
    REQUIRE(centre_line.size() == 3);  // create, submit, the winner's step; never both
    CHECK(centre_line[2].rfind(a_won ? "3 approve bkpsdm.medan" : "3 cancel bkpsdm.binjai", 0) == 0);
    // Both instansi hold the winner's state: the loser's copy was put back from the refusal's answer.
    REQUIRE(eventually(a.db, race_status, won, 60));
    REQUIRE(eventually(db_b, race_status, won, 60));
    REQUIRE(settled_db(a.db, 60)["pending"] == 0);
    REQUIRE(settled_db(db_b, 60)["pending"] == 0);
    CHECK(request_row(a.db, race) == request_row(national_db, race));
    CHECK(request_row(db_b, race) == request_row(national_db, race));
    // The loser's upstream status lists the refusal (its row and its event); the winner's nothing.
    const std::string winner_db = a_won ? a.db : db_b, loser_db = a_won ? db_b : a.db;
    CHECK(settled_db(loser_db, 30)["rejected"].get<int64_t>() == (a_won ? refused_b : refused_a) + 2);
    CHECK(settled_db(winner_db, 30)["rejected"].get<int64_t>() == (a_won ? refused_a : refused_b));
    // Both timelines are the centre's: the loser's refused event left its database (an exit record),
    // and its BKPSDM device, which took the step, drops it and shows the winner's state.
    CHECK(timeline(winner_db, race) == centre_line);
    CHECK(timeline(loser_db, race) == centre_line);
    SimOffice& loser_device = a_won ? bkpsdm_b : bkpsdm_a;
    SimOffice& winner_device = a_won ? bkpsdm_a : bkpsdm_b;
    REQUIRE(loser_device.sync().ok);
    REQUIRE(winner_device.sync().ok);
    CHECK(workflow::timeline(*loser_device.db, race).size() == 3);
    CHECK(workflow::timeline(*winner_device.db, race).size() == 3);
    CHECK(std::string(workflow::to_string(workflow::get_request(*loser_device.db, race)->status)) == won);

    // The lookup is online only: with the centre down B's server says so.
    national.stop();
    CHECK(lookup_code(bkpsdm_b, person["nip"]) == std::make_pair(503, std::string("upstream.unreachable")));
    b.stop();
}

TEST_CASE("between instansi: the lookup by NIP on an instansi server that never signed in upstream") {
    const std::string dir = temp_dir();
    std::string out;
    const std::string db = dir + "/instansi.db";
    REQUIRE(run({server_bin(), "init", "--db", db, "--demo", "--fast-hashes"}, {}, &out) == 0);
    ServerProcess s(db, false);
    SimOffice bkpsdm(dir, "bkpsdm.medan", s.url());
    const std::string nip = server_rows(db, "SELECT nip FROM employees ORDER BY id LIMIT 1")[0]["nip"];
    CHECK(lookup_code(bkpsdm, nip) == std::make_pair(503, std::string("upstream.not_configured")));
    CHECK(lookup_code(bkpsdm, "1966080119880310") == std::make_pair(400, std::string("nip.bad_length")));
    SimOffice op(dir, "operator.terjun", s.url());
    CHECK(lookup_code(op, nip) == std::make_pair(403, std::string("role.forbidden")));
    s.stop();
}
