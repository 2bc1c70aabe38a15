// Randomised offices: seven devices (five kelurahan operators, a lurah and the
// camat) edit the same Marelan data offline and online for many rounds,
// concurrently, over a link that loses answers and requests; the camat also
// moves staff between kelurahan. Afterwards every replica must equal the
// server, every mutation must have been applied exactly once, every field must
// hold the value of its last writer (highest HLC), and each same-field clash
// must be on record.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <thread>

#include "harness.h"
#include "model/types.h"
#include "store/records.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/rowhash.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;

namespace {

struct Write {
    std::string device;
    int64_t counter = 0, hlc = 0;
    std::string table, row;
    json fields;
};

// Snapshot of the outbox before a push: what this device asked the server to do.
void capture(SimOffice& o, std::map<int64_t, Write>& log) {
    auto s = o.db->prepare("SELECT counter, hlc, table_name, row_id, body FROM sync_outbox");
    while (s.step()) {
        auto body = json::parse(s.text(4));
        log[s.int64(0)] = {o.device, s.int64(0), s.int64(1), s.text(2), s.text(3), body["fields"]};
    }
}

std::string random_date(std::mt19937_64& rng) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 2005 + static_cast<int>(rng() % 20), 1 + static_cast<int>(rng() % 12),
                  1 + static_cast<int>(rng() % 28));
    return buf;
}

const std::vector<std::string> kNames = {"Siti Aminah", "Rahmat Hidayat", "Dewi Lestari", "Agus Salim",
                                         "Nur Aisyah",  "Bambang Irawan", "Lina Marlina", "Hendra Gunawan"};

void random_edits(SimOffice& o, std::mt19937_64& rng, int office_index, int& added) {
    const int n = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < n; ++i) {
        auto staff = store::list_employees(*o.db, {o.office_id, false});
        const int dice = static_cast<int>(rng() % 100);
        if (dice < 8) {  // a new employee
            auto positions = store::list_positions(*o.db, o.office_id);
            if (positions.empty()) continue;
            Employee e;
            char nip[32];
            std::snprintf(nip, sizeof nip, "1985%02d%02d2010%02d1%03d", 1 + office_index, 1 + added % 28,
                          1 + static_cast<int>(rng() % 12), 1 + added);
            e.nip = nip;
            e.name = kNames[rng() % kNames.size()];
            e.gender = Gender::male;
            char birth[16];
            std::snprintf(birth, sizeof birth, "1985-%02d-%02d", 1 + office_index, 1 + added % 28);
            e.birth_date = birth;
            e.asn_type = "PNS";
            e.golongan = "II/b";
            e.position_id = positions[rng() % positions.size()].id;
            Check c = store::save_employee(*o.db, e);
            if (c.ok()) ++added;
            continue;
        }
        if (staff.empty()) continue;
        Employee e = staff[rng() % staff.size()];
        if (dice < 11 && o.user == "camat.marelan") {  // a move to another kelurahan
            auto kel = store::list_offices(*o.db);
            std::vector<std::string> targets;
            for (const auto& of : kel)
                if (of.kind == OfficeKind::kelurahan && of.id != e.office_id) targets.push_back(of.id);
            if (targets.empty()) continue;
            const std::string to = targets[rng() % targets.size()];
            auto pos = store::list_positions(*o.db, to);
            if (pos.empty()) continue;
            e.office_id = to;
            e.position_id = pos[rng() % pos.size()].id;
        } else if (dice < 13) {
            e.archived = true;
            e.nip = e.nip;  // archive keeps the record (soft delete)
        } else if (dice < 45) {
            e.name = kNames[rng() % kNames.size()];
        } else if (dice < 70) {
            e.education = std::string(kEducationLevels[rng() % kEducationLevels.size()]);
        } else if (dice < 90) {
            e.tmt_position = random_date(rng);
        } else {
            e.commitment_10y = !e.commitment_10y;
        }
        (void)store::save_employee(*o.db, e);
    }
}

}  // namespace

TEST_CASE("randomised offices converge; exactly once; last writer wins; clashes recorded") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    const std::vector<std::string> users = {"operator.terjun",      "operator.payapasir", "operator.labuhandeli",
                                            "operator.rengaspulau", "operator.tanahenamratus", "lurah.terjun",
                                            "camat.marelan"};
    std::vector<std::unique_ptr<SimOffice>> offices;
    for (const auto& u : users) offices.push_back(std::make_unique<SimOffice>(dir, u, srv.url()));
    for (auto& o : offices) REQUIRE(o->sync().ok);
    const int64_t seeded = server_count(srv.db_path(), "SELECT count(*) FROM employees");

    // [deterministic clash] the Terjun operator and the camat rename the same person offline.
    SimOffice& terjun = *offices[0];
    SimOffice& camat = *offices.back();
    const std::string id = store::list_employees(*terjun.db, {terjun.office_id, false}).front().id;
    auto a = *store::get_employee(*terjun.db, id);
    auto b = *store::get_employee(*camat.db, id);
    a.name = "Nama Versi Kelurahan";
    b.name = "Nama Versi Kecamatan";
    b.education = "S-2";  // a different field merges silently
    REQUIRE(store::save_employee(*terjun.db, a).ok());
    REQUIRE(store::save_employee(*camat.db, b).ok());
    std::vector<std::map<int64_t, Write>> logs(offices.size());
    capture(terjun, logs[0]);
    capture(camat, logs.back());
    REQUIRE(terjun.sync().ok);
    auto rep = camat.sync();
    REQUIRE(rep.ok);
    CHECK(rep.push.conflict == 1);
    auto clash = server_rows(srv.db_path(), "SELECT field, mine, theirs, mine_user, theirs_user FROM sync_conflicts");
    REQUIRE(clash.size() == 1);
    CHECK(clash[0]["field"] == "name");
    CHECK(clash[0]["mine"] == "\"Nama Versi Kecamatan\"");
    CHECK(clash[0]["theirs"] == "\"Nama Versi Kelurahan\"");

    // [random rounds] concurrent, flaky, some offices offline for many rounds.
    const int rounds = 12;
    std::vector<int> added(offices.size(), 0);
    for (int r = 0; r < rounds; ++r) {
        std::vector<std::thread> threads;
        for (size_t i = 0; i < offices.size(); ++i) {
            threads.emplace_back([&, i] {
                std::mt19937_64 rng(1000 * r + i);
                SimOffice& o = *offices[i];
                random_edits(o, rng, static_cast<int>(i), added[i]);
                // SimOffice 2 stays offline for the first eight rounds; others are online 60% of the time.
                const bool online = (i == 2 && r < 8) ? false : (rng() % 100) < 60;
                if (!online) return;
                capture(o, logs[i]);
                FlakyTransport flaky(*o.http, 0.2, 0.1, rng());
                (void)o.sync(&flaky);  // failures are expected; the next run continues
            });
        }
        for (auto& t : threads) t.join();
    }
    // [settle] reliable link: everyone sends the rest, then everyone pulls the last changes.
    for (int pass = 0; pass < 2; ++pass)
        for (size_t i = 0; i < offices.size(); ++i) {
            capture(*offices[i], logs[i]);
            auto rep = offices[i]->sync();
            CHECK_MESSAGE(rep.ok, offices[i]->user << ": " << rep.error);
        }

    // Every replica equals the server's view of its scope (checksum and rows).
    for (auto& o : offices) {
        auto rep = o->sync();
        REQUIRE(rep.ok);
        CHECK(rep.checksum_checked);
        CHECK_MESSAGE(rep.checksum_ok, o->user);
        CHECK(sync::sync_status(*o->db).pending == 0);
        json local = json::array();
        for (const auto& e : store::list_employees(*o->db, {"", true})) local.push_back(e.id + e.name + e.office_id);
        store::Db sdb(srv.db_path());
        json remote = json::array();
        for (const auto& e : store::list_employees(sdb, {o->office_id, true})) remote.push_back(e.id + e.name + e.office_id);
        CHECK_MESSAGE(local == remote, o->user);
    }

    // Exactly once: one idempotency record per mutation ever created, none missing.
    int64_t created_total = 0, rejected_total = 0, conflicts_local = 0;
    std::set<std::pair<std::string, int64_t>> rejected;
    for (size_t i = 0; i < offices.size(); ++i) {
        auto& o = *offices[i];
        auto s = o.db->prepare("SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'");
        const int64_t created = s.step() ? s.int64(0) : 0;
        created_total += created;
        CHECK(static_cast<int64_t>(logs[i].size()) == created);  // every mutation was seen in a push
        CHECK(server_count(srv.db_path(), "SELECT count(*) FROM sync_applied WHERE device_id = '" + o.device + "'") ==
              created);
        CHECK(server_count(srv.db_path(), "SELECT coalesce(max(counter), 0) FROM sync_applied WHERE device_id = '" +
                                              o.device + "'") == created);
        for (const auto& r : sync::list_rejected(*o.db)) rejected.insert({o.device, r.counter});
        rejected_total += static_cast<int64_t>(sync::list_rejected(*o.db).size());
        conflicts_local += static_cast<int64_t>(sync::list_conflicts(*o.db, true).size());
    }
    MESSAGE("mutations: " << created_total << ", rejected: " << rejected_total << ", conflicts: " << conflicts_local);
    CHECK(created_total > 100);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM sync_applied") == created_total);

    // Nothing doubled: inserts that were not refused exist once each.
    int64_t inserts = 0;
    for (size_t i = 0; i < offices.size(); ++i)
        for (const auto& [c, w] : logs[i])
            if (w.table == "employees" && w.fields.contains("nip") && w.fields.contains("birth_date") &&
                !rejected.count({w.device, c}))
                ++inserts;
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM employees") == seeded + inserts);

    // Last writer wins: each field holds the value of its highest-HLC accepted write.
    std::map<std::pair<std::string, std::string>, std::pair<std::pair<int64_t, std::string>, json>> last;
    for (const auto& log : logs)
        for (const auto& [c, w] : log) {
            if (rejected.count({w.device, c})) continue;
            for (const auto& [f, v] : w.fields.items()) {
                auto key = std::make_pair(w.row, f);
                auto stamp = std::make_pair(w.hlc, w.device);
                auto it = last.find(key);
                if (it == last.end() || it->second.first < stamp) last[key] = {stamp, v};
            }
        }
    store::Db sdb(srv.db_path());
    int mismatches = 0;
    for (const auto& [key, val] : last) {
        auto row = store::read_row(sdb, *store::find_table("employees"), key.first);
        REQUIRE(row);
        const json& have = (*row)[key.second];
        const json& want = val.second;
        const bool equal = (have.is_number() && want.is_number()) ? have.get<double>() == want.get<double>()
                           : (have.is_number() && want.is_boolean()) ? have.get<int64_t>() == (want.get<bool>() ? 1 : 0)
                                                                     : have == want;
        if (!equal) {
            ++mismatches;
            MESSAGE(key.first << "." << key.second << ": server " << have << ", last writer " << want);
        }
    }
    CHECK(mismatches == 0);

    // Clashes on record: the server's list and the pushers' lists agree.
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM sync_conflicts") == conflicts_local);
    CHECK(conflicts_local >= 1);
}
