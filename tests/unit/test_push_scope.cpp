// The push's write scope (shared/sync/server_push.cpp) and the instansi account
// of the national tier (docs/SCALE.md "Upstream"), in process.
#include <doctest/doctest.h>

#include "demo/seed.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/server_sync.h"

using namespace seimbang;
using namespace seimbang::sync;
using nlohmann::json;

namespace {
struct Server {
    store::Db db{":memory:"};
    std::unique_ptr<ServerSync> sync;
    demo::DemoIds ids;
    Server() {
        store::migrate(db);
        sync = std::make_unique<ServerSync>(db);
        demo::seed_marelan(db, &ids);
    }
};

json office(int64_t counter, const std::string& id, const json& fields) {
    return {{"counter", counter}, {"hlc", int64_t{1} << 40}, {"schema", store::latest_schema_version()},
            {"table", "offices"}, {"row", id}, {"op", "upsert"}, {"base", 0}, {"fields", fields}};
}
json new_office(int64_t counter, const std::string& id, const std::string& parent, const std::string& kind) {
    return office(counter, id, {{"parent_id", parent}, {"kind", kind}, {"code", id.substr(id.size() - 4)},
                                {"name", "Kantor " + id.substr(id.size() - 4)}, {"archived", 0}});
}
}  // namespace

TEST_CASE("regression: a new kecamatan and its new kelurahan in one push were refused scope.forbidden") {
    Server s;
    const Principal bkpsdm{"u1", "bkpsdm.medan", "BKPSDM", "bkpsdm", s.ids.kota, "", "dev-bkpsdm"};
    const std::string kec = "01900000-0000-7000-8000-0000000000a1", kel = "01900000-0000-7000-8000-0000000000a2";
    Reply r = s.sync->push(bkpsdm, json{{"device_id", "dev-bkpsdm"},
                                        {"mutations", {new_office(1, kec, s.ids.kota, "kecamatan"),
                                                       new_office(2, kel, kec, "kelurahan")}}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "applied");
    CHECK(r.body["results"][1]["status"] == "applied");
    // Still refused: a new office below one outside the scope, and what the same push puts into it.
    const Principal narrow{"u2", "bkpsdm.marelan", "BKPSDM", "bkpsdm", s.ids.kecamatan, "", "dev-narrow"};
    const std::string out = "01900000-0000-7000-8000-0000000000a3";
    r = s.sync->push(narrow, json{{"device_id", "dev-narrow"},
                                  {"mutations", {new_office(1, out, s.ids.kota, "kecamatan"),
                                                 new_office(2, "01900000-0000-7000-8000-0000000000a4", out,
                                                            "kelurahan")}}});
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "scope.forbidden");
    CHECK(r.body["error"]["counters"].size() == 2);
}

TEST_CASE("instansi account: its own root office row (no parent) is writable, never hung below an office") {
    Server s;
    const Principal up{"u3", "medan.upstream", "Medan", "instansi", s.ids.kota, "", "dev-up"};
    Reply r = s.sync->push(up, json{{"device_id", "dev-up"},
                                    {"mutations", {office(1, s.ids.kota, {{"name", "Pemerintah Kota Medan"}})}}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] != "rejected");
    r = s.sync->push(up, json{{"device_id", "dev-up"},
                              {"mutations", {office(2, s.ids.kota, {{"parent_id", s.ids.kecamatan}})}}});
    CHECK(r.status == 403);
    // A bkpsdm account of the same office may not write the root row (it is no forwarder).
    const Principal bkpsdm{"u1", "bkpsdm.medan", "BKPSDM", "bkpsdm", s.ids.kota, "", "dev-bkpsdm"};
    r = s.sync->push(bkpsdm, json{{"device_id", "dev-bkpsdm"},
                                  {"mutations", {office(1, s.ids.kota, {{"name", "Diganti"}})}}});
    CHECK(r.status == 403);
}

TEST_CASE("instansi account: workflow rows are forwarded as rows; other roles still change them by commands only") {
    Server s;
    const std::string id = "01900000-0000-7000-8000-0000000000b1";
    auto request_row = [&](int64_t counter) {
        json m = office(counter, id, {});
        m["table"] = "requests";
        m["fields"] = {{"status", "draft"}};  // (an incomplete row: what matters is the permission)
        return m;
    };
    const Principal bkpsdm{"u1", "bkpsdm.medan", "BKPSDM", "bkpsdm", s.ids.kota, "", "dev-bkpsdm"};
    Reply r = s.sync->push(bkpsdm, json{{"device_id", "dev-bkpsdm"}, {"mutations", {request_row(1)}}});
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "role.read_only");
    const Principal up{"u3", "medan.upstream", "Medan", "instansi", s.ids.kota, "", "dev-up"};
    r = s.sync->push(up, json{{"device_id", "dev-up"}, {"mutations", {request_row(1)}}});
    REQUIRE(r.status == 200);  // (not refused as a whole; this incomplete row is rejected on its own)
    CHECK(r.body["results"][0]["status"] == "rejected");
}

TEST_CASE("between instansi: a forwarded workflow row is in scope by its origin or its destination, never by neither") {
    Server s;
    // A second instansi on the same (national) server: its own root office.
    const std::string other = "01900000-0000-7000-8000-0000000000c1";
    Office root;
    root.id = other;
    root.kind = OfficeKind::kota;
    root.code = "OTHER";
    root.name = "Pemerintah Kota Lain";
    REQUIRE(store::save_office(s.db, root).ok());
    const auto staff = store::list_employees(s.db, {s.ids.kelurahan[0], false});
    REQUIRE_FALSE(staff.empty());
    const Employee& e = staff[0];
    auto request = [&](int64_t counter, const std::string& id, const std::string& origin, const std::string& destination) {
        json m = office(counter, id, {});
        m["table"] = "requests";
        m["fields"] = {{"number", "UM-0000000001"}, {"employee_id", e.id}, {"office_id", origin},
                       {"from_position_id", e.position_id}, {"to_office_id", destination}, {"to_positions", "[]"},
                       {"to_instansi", "Kota Medan"}, {"kind", "antar_instansi"}, {"reason", "lainnya"},
                       {"explanation", "uji"}, {"status", "diajukan"}, {"status_ms", 1}, {"created_by", "bkpsdm.lain"},
                       {"created_ms", 1}, {"sk_number", ""}, {"sk_date", ""}, {"tmt", ""}};
        return m;
    };
    const Principal lain{"u9", "lain.upstream", "Kota Lain", "instansi", other, "", "dev-lain"};
    // The receiving instansi's proposal about Medan's employee (destination: its own root office).
    const std::string proposal = "01900000-0000-7000-8000-0000000000c2";
    Reply r = s.sync->push(lain, json{{"device_id", "dev-lain"},
                                      {"mutations", {request(1, proposal, e.office_id, other)}}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "applied");
    // Neither side its own: refused as a whole.
    r = s.sync->push(lain, json{{"device_id", "dev-lain"},
                                {"mutations", {request(2, "01900000-0000-7000-8000-0000000000c3", e.office_id,
                                                       s.ids.kelurahan[1])}}});
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "scope.forbidden");
    // Medan's own request inside Medan cannot be taken over by pointing its destination elsewhere.
    const Principal medan{"u3", "medan.upstream", "Medan", "instansi", s.ids.kota, "", "dev-up"};
    const std::string internal = "01900000-0000-7000-8000-0000000000c4";
    r = s.sync->push(medan, json{{"device_id", "dev-up"},
                                 {"mutations", {request(1, internal, e.office_id, s.ids.kelurahan[1])}}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "applied");
    json takeover = request(3, internal, e.office_id, other);
    takeover["base"] = 1;
    takeover["fields"] = {{"to_office_id", other}};
    r = s.sync->push(lain, json{{"device_id", "dev-lain"}, {"mutations", {takeover}}});
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "scope.forbidden");
}
