// [between instansi] The stale-step rule at the national tier's intake
// (shared/sync/step_chain.h) on the SQLite tier: two instansi step on their
// own copies of one request at once; the centre takes the first to arrive and
// refuses the other's row and events together (docs/SCALE.md).
#include <doctest/doctest.h>

#include "demo/seed.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/server_sync.h"
#include "sync/step_chain.h"

using namespace seimbang;
using namespace seimbang::sync;
using nlohmann::json;

namespace {

const std::string kRequest = "01900000-0000-7000-8000-0000000000d1";

json upsert(int64_t counter, const std::string& table, const std::string& id, const json& fields,
            const json& old = json::object(), int64_t base = 0) {
    return {{"counter", counter}, {"hlc", int64_t{1} << 40}, {"schema", store::latest_schema_version()},
            {"table", table}, {"row", id}, {"op", "upsert"}, {"base", base}, {"fields", fields}, {"old", old}};
}

struct Centre {
    store::Db db{":memory:"};
    std::unique_ptr<ServerSync> sync;
    demo::DemoIds ids;
    std::string other;  // the receiving instansi's root office
    Employee applicant;
    Principal a, b;  // the sending (Marelan's kota) and the receiving instansi's upstream accounts
    Centre() {
        store::migrate(db);
        sync = std::make_unique<ServerSync>(db);
        demo::seed_marelan(db, &ids);
        other = "01900000-0000-7000-8000-0000000000c1";
        Office root;
        root.id = other;
        root.kind = OfficeKind::kota;
        root.code = "OTHER";
        root.name = "Pemerintah Kota Lain";
        REQUIRE(store::save_office(db, root).ok());
        applicant = store::list_employees(db, {ids.kelurahan[0], false}).at(0);
        a = {"u-a", "medan.upstream", "Medan", "instansi", ids.kota, "", "dev-a"};
        b = {"u-b", "lain.upstream", "Kota Lain", "instansi", other, "", "dev-b"};
    }
    json request(const std::string& status) const {
        return {{"number", "UM-0000000001"}, {"employee_id", applicant.id}, {"office_id", applicant.office_id},
                {"from_position_id", applicant.position_id}, {"to_office_id", other}, {"to_positions", "[]"},
                {"to_instansi", "Kota Lain"}, {"kind", "antar_instansi"}, {"reason", "lainnya"}, {"explanation", "uji"},
                {"status", status}, {"status_ms", 1}, {"created_by", "bkpsdm.lain"}, {"created_ms", 1},
                {"sk_number", ""}, {"sk_date", ""}, {"tmt", ""}, {"from_instansi", ids.kota},
                {"employee_nip", applicant.nip}, {"employee_name", applicant.name}};
    }
    json event(int64_t ordinal, const std::string& cmd, const std::string& from, const std::string& to) const {
        return {{"request_id", kRequest}, {"ordinal", ordinal}, {"office_id", applicant.office_id},
                {"to_office_id", other}, {"employee_id", applicant.id}, {"command", cmd}, {"from_status", from},
                {"to_status", to}, {"actor", "x"}, {"actor_role", "bkpsdm"}, {"at_ms", ordinal}, {"note", ""}};
    }
    json push(const Principal& who, const json& ms) {
        Reply r = sync->push(who, json{{"device_id", who.device_id}, {"mutations", ms}});
        REQUIRE(r.status == 200);
        return r.body["results"];
    }
    std::string status() {
        auto q = db.prepare("SELECT status FROM requests WHERE id = ?1");
        q.bind(1, kRequest);
        REQUIRE(q.step());
        return q.text(0);
    }
    std::vector<std::string> events() {
        std::vector<std::string> out;
        auto q = db.prepare("SELECT ordinal || ' ' || command FROM request_events WHERE request_id = ?1 ORDER BY ordinal, id");
        q.bind(1, kRequest);
        while (q.step()) out.push_back(q.text(0));
        return out;
    }
    int64_t seq() {  // the request row's version at the centre (what a replica names as its base)
        auto q = db.prepare("SELECT _seq FROM requests WHERE id = ?1");
        q.bind(1, kRequest);
        REQUIRE(q.step());
        return q.int64(0);
    }
    // B's proposal (create, submit), forwarded as B's server does: the row new, two events.
    int64_t proposed() {
        const json r = push(b, json::array({upsert(1, "requests", kRequest, request("diajukan")),
                                            upsert(2, "request_events", "01900000-0000-7000-8000-0000000000e1",
                                                   event(1, "create", "", "draf")),
                                            upsert(3, "request_events", "01900000-0000-7000-8000-0000000000e2",
                                                   event(2, "submit", "draf", "diajukan"))}));
        for (const auto& x : r) REQUIRE_MESSAGE(x["status"] == "applied", x.dump());
        return seq();
    }
};

const std::string kApprove = "01900000-0000-7000-8000-0000000000e3";
const std::string kCancel = "01900000-0000-7000-8000-0000000000e4";

}  // namespace

TEST_CASE("stale step (SQLite tier): both sides step at once; the first forward wins, the other's row and event are refused together") {
    Centre c;
    const int64_t base = c.proposed();
    // A (sending PPK) approves and B (receiving PPK) withdraws, each on its own copy at Diajukan.
    const json approve = json::array({upsert(10, "requests", kRequest, {{"status", "disetujui_unit_asal"}},
                                             {{"status", "diajukan"}}, base),
                                      upsert(11, "request_events", kApprove,
                                             c.event(3, "approve", "diajukan", "disetujui_unit_asal"))});
    const json cancel = json::array({upsert(20, "requests", kRequest, {{"status", "dibatalkan"}},
                                            {{"status", "diajukan"}}, base),
                                     upsert(21, "request_events", kCancel,
                                            c.event(3, "cancel", "diajukan", "dibatalkan"))});
    json r = c.push(c.a, approve);
    CHECK(r[0]["status"] == "applied");
    CHECK(r[1]["status"] == "applied");
    r = c.push(c.b, cancel);
    REQUIRE(r.size() == 2);
    for (const auto& x : r) {
        CHECK(x["status"] == "rejected");
        CHECK(x["reason"] == "workflow.state_changed");
        CHECK(x["detail"] == "disetujui_unit_asal");
    }
    // The answer carries what the centre holds, so B's replica puts it back:
    // the winner's row, and no event (the refused one is held by no one).
    CHECK(r[0]["row"]["status"] == "disetujui_unit_asal");
    CHECK(r[1]["row"].is_null());
    CHECK(c.status() == "disetujui_unit_asal");
    CHECK(c.events() == std::vector<std::string>{"1 create", "2 submit", "3 approve"});
    // The same batch re-sent (its answer lost): the first answers, nothing applied.
    r = c.push(c.b, cancel);
    CHECK(r[0]["status"] == "duplicate");
    CHECK(r[0]["original"]["reason"] == "workflow.state_changed");
    CHECK(r[1]["status"] == "duplicate");
    CHECK(c.events().size() == 3);
    // A's forward again (a lost answer on A's side): duplicate, nothing doubled.
    r = c.push(c.a, approve);
    CHECK(r[0]["status"] == "duplicate");
    CHECK(c.events().size() == 3);
}

TEST_CASE("stale step (SQLite tier): the other order, and the row and its events in separate batches") {
    Centre c;
    const int64_t base = c.proposed();
    // B's withdrawal arrives first, its row alone (the batch ended before its event).
    json r = c.push(c.b, json::array({upsert(20, "requests", kRequest, {{"status", "dibatalkan"}}, {{"status", "diajukan"}}, base)}));
    CHECK(r[0]["status"] == "applied");
    r = c.push(c.b, json::array({upsert(21, "request_events", kCancel, c.event(3, "cancel", "diajukan", "dibatalkan"))}));
    CHECK(r[0]["status"] == "applied");
    // A's approval: its row alone, from the state A saw → refused; then its event alone → refused too.
    r = c.push(c.a, json::array({upsert(10, "requests", kRequest, {{"status", "disetujui_unit_asal"}}, {{"status", "diajukan"}}, base)}));
    CHECK(r[0]["reason"] == "workflow.state_changed");
    CHECK(r[0]["detail"] == "dibatalkan");
    r = c.push(c.a, json::array({upsert(11, "request_events", kApprove, c.event(3, "approve", "diajukan", "disetujui_unit_asal"))}));
    CHECK(r[0]["reason"] == "workflow.state_changed");
    CHECK(c.status() == "dibatalkan");
    CHECK(c.events() == std::vector<std::string>{"1 create", "2 submit", "3 cancel"});
}

TEST_CASE("stale step (SQLite tier): one side's two steps in one forward chain and are taken; a broken chain is refused whole") {
    Centre c;
    c.proposed();
    // A's copy at Diajukan, but its forward names an event from another state (a copy that missed a step).
    json r = c.push(c.a, json::array({upsert(10, "requests", kRequest, {{"status", "disetujui_unit_asal"}}),
                                      upsert(11, "request_events", kApprove,
                                             c.event(3, "approve", "pertimbangan_teknis", "disetujui_unit_asal"))}));
    CHECK(r[0]["reason"] == "workflow.state_changed");
    CHECK(r[1]["reason"] == "workflow.state_changed");
    CHECK(c.status() == "diajukan");
    // B returns it for correction and submits it again: one row change, two events, chained → taken.
    const std::string back = "01900000-0000-7000-8000-0000000000e5", again = "01900000-0000-7000-8000-0000000000e6";
    r = c.push(c.b, json::array({upsert(30, "requests", kRequest, {{"status", "diajukan"}, {"explanation", "lengkap"}}),
                                 upsert(31, "request_events", again, c.event(4, "submit", "dikembalikan", "diajukan")),
                                 upsert(32, "request_events", back, c.event(3, "return", "diajukan", "dikembalikan"))}));
    for (const auto& x : r) CHECK_MESSAGE(x["status"] == "applied", x.dump());
    CHECK(c.events().size() == 4);
    CHECK(c.status() == "diajukan");
}

TEST_CASE("stale step rule: a new request is not checked; only request rows and events are looked at") {
    PushRequest req = parse_push_request(
        json{{"device_id", "d"},
             {"mutations", json::array({upsert(1, "requests", kRequest, {{"status", "diajukan"}}),
                                        upsert(2, "employees", kRequest, {{"status", "x"}}),
                                        upsert(3, "request_events", "01900000-0000-7000-8000-0000000000f1",
                                               {{"request_id", kRequest}, {"ordinal", 1}, {"from_status", "x"},
                                                {"to_status", "y"}})})}}
            .dump());
    REQUIRE(req.error == PushRequest::Error::None);
    CHECK(step_requests(req.mutations) == std::vector<std::string>{kRequest});
    CHECK(stale_steps(req.mutations, {}).empty());  // not held: new
    StoredSteps held;
    held[kRequest].status = "draf";
    held[kRequest].ordinals = {{1, "01900000-0000-7000-8000-0000000000f0"}};
    const auto stale = stale_steps(req.mutations, held);
    CHECK(stale.size() == 2);  // the row and the event (ordinal 1 taken, chain from draf broken), not the employee
    CHECK(stale.count(0) == 1);
    CHECK(stale.count(2) == 1);
    CHECK(stale.at(0) == "draf");
}

TEST_CASE("retract_event: a refused event leaves the server with exit records; office and everything scopes drop it") {
    Centre c;
    c.proposed();
    const std::string e1 = "01900000-0000-7000-8000-0000000000e1", e2 = "01900000-0000-7000-8000-0000000000e2";
    const Principal pusat{"u1", "pusat.bkn", "BKN", "pusat", c.ids.kota, "", "dev-pusat"};
    const Principal op{"u2", "operator.x", "Operator", "operator", c.applicant.office_id, "", "dev-op"};
    const int64_t before = c.sync->last_seq();
    CHECK_FALSE(c.sync->retract_event("requests", kRequest));  // events only
    c.db.transaction([&] { CHECK(c.sync->retract_event("request_events", e2)); });
    CHECK_FALSE(c.sync->retract_event("request_events", e2));  // (gone)
    CHECK(c.events() == std::vector<std::string>{"1 create"});
    for (const auto& who : {pusat, op}) {
        Reply r = c.sync->pull(who, before, 100);
        const json body = r.text.empty() ? r.body : json::parse(r.text);
        int exits = 0;
        for (const auto& ch : body["changes"]) exits += ch["id"] == e2 && ch.value("exit", false);
        CHECK_MESSAGE(exits >= 1, who.role << " " << body.dump());
    }
    // Any other deletion of a synced row is still refused on a server.
    CHECK_THROWS(c.db.transaction([&] { store::delete_row(c.db, *store::find_table("request_events"), e1, false); }));
}
