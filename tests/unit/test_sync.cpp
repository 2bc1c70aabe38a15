// Sync protocol without a network: client databases and a server database in
// one process exchange the JSON bodies directly (the same code the HTTP server
// and the clients run). Sockets and processes are covered by tests/integration.
#include <doctest/doctest.h>

#include "demo/seed.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/hlc.h"
#include "sync/rowhash.h"
#include "sync/server_sync.h"
#include "util/uuid.h"

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
    Principal who(const std::string& role, const std::string& office, const std::string& device) {
        return {"u-" + role, role + ".user", role, role, office, "", device};
    }
};

struct Client {
    store::Db db{":memory:"};
    Principal p;
    Client(Server& s, const std::string& role, const std::string& office) {
        store::migrate(db);
        install_client(db);
        p = s.who(role, office, device_id(db));
    }
    PushSummary push(Server& s) {
        PushSummary sum;
        while (auto b = build_push(db)) {
            Reply r = s.sync->push(p, b->body);
            REQUIRE(r.status == 200);
            sum += apply_push_response(db, r.body);
        }
        return sum;
    }
    PullResult pull(Server& s) {
        PullResult last;
        for (;;) {
            auto path = pull_path(db, 50);
            auto cur = std::stoll(path.substr(path.find('=') + 1));
            Reply r = s.sync->pull(p, cur, 50, path.find("snapshot=1") != std::string::npos);
            REQUIRE(r.status == 200);
            last = apply_pull_page(db, r.body);
            if (!last.more) return last;
        }
    }
};

int count(store::Db& db, const std::string& sql) {
    auto s = db.prepare(sql);
    s.step();
    return static_cast<int>(s.int64(0));
}

std::string first_employee(store::Db& db, const std::string& office) {
    auto list = store::list_employees(db, {office, false});
    REQUIRE(!list.empty());
    return list.front().id;
}

// The HLC of the newest pending edit of a client (what its next push carries).
Hlc last_outbox_hlc(Client& c) {
    auto s = c.db.prepare("SELECT max(hlc) FROM sync_outbox");
    REQUIRE(s.step());
    return s.int64(0);
}

// `later` observes `earlier`'s clock (local_meta sync.hlc), as it would through
// any message carrying it, without receiving any of its edits: every edit
// `later` makes from now on has a higher HLC than every edit `earlier` has
// made so far, whatever the wall clock reads. Without it, two devices whose
// clocks last moved in an earlier millisecond and which then edit in the same
// millisecond both get (that millisecond, 0): equal HLCs, and the device ids
// decide the winner.
void observe_clock(Client& later, Client& earlier) {
    const Hlc theirs = std::stoll(store::get_local_meta(earlier.db, "sync.hlc", "0"));
    const Hlc mine = std::stoll(store::get_local_meta(later.db, "sync.hlc", "0"));
    store::set_local_meta(later.db, "sync.hlc", std::to_string(hlc_receive(mine, theirs, now_ms())));
}

}  // namespace

TEST_CASE("hlc: ordered within one millisecond, never backwards") {
    Hlc a = hlc_tick(0, 1000);
    Hlc b = hlc_tick(a, 1000);
    Hlc c = hlc_tick(b, 999);  // clock stepped back
    CHECK(b > a);
    CHECK(c > b);
    CHECK(hlc_receive(c, make_hlc(5000, 3), 1000) > make_hlc(5000, 3));
}

TEST_CASE("sync: first pull gives the scope only, with a matching checksum") {
    Server s;
    Client terjun(s, "operator", s.ids.kelurahan[4]);
    auto r = terjun.pull(s);
    CHECK(r.checksum_checked);
    CHECK(r.checksum_ok);
    const int here = count(terjun.db, "SELECT count(*) FROM employees");
    CHECK(here > 0);
    CHECK(here == static_cast<int>(store::list_employees(s.db, {s.ids.kelurahan[4], true}).size()));
    CHECK(count(terjun.db, "SELECT count(*) FROM offices") == count(s.db, "SELECT count(*) FROM offices"));
    CHECK(count(terjun.db, "SELECT count(*) FROM sync_outbox") == 0);  // pulled rows are not local edits

    Client camat(s, "camat", s.ids.kecamatan);
    CHECK(camat.pull(s).checksum_ok);
    CHECK(count(camat.db, "SELECT count(*) FROM employees") == count(s.db, "SELECT count(*) FROM employees"));
}

TEST_CASE("sync: an edit reaches the server once, a re-sent batch is a duplicate") {
    Server s;
    Client c(s, "operator", s.ids.kelurahan[4]);
    c.pull(s);
    const std::string id = first_employee(c.db, s.ids.kelurahan[4]);
    auto e = *store::get_employee(c.db, id);
    e.education = "S-2";
    REQUIRE(store::save_employee(c.db, e).ok());
    CHECK(sync_status(c.db).pending == 1);

    auto batch = build_push(c.db);
    REQUIRE(batch);
    Reply first = s.sync->push(c.p, batch->body);
    Reply again = s.sync->push(c.p, batch->body);  // the answer was lost; the client sends again
    CHECK(first.body["results"][0]["status"] == "applied");
    CHECK(again.body["results"][0]["status"] == "duplicate");
    CHECK(apply_push_response(c.db, again.body).duplicate == 1);
    CHECK(sync_status(c.db).pending == 0);
    CHECK(store::get_employee(s.db, id)->education == "S-2");
    CHECK(count(s.db, "SELECT count(*) FROM sync_applied") == 1);
    CHECK(c.pull(s).checksum_ok);
}

TEST_CASE("sync: different fields merge, the same field records a conflict") {
    Server s;
    const std::string kel = s.ids.kelurahan[4];
    Client a(s, "operator", kel), b(s, "camat", s.ids.kecamatan);
    a.pull(s);
    b.pull(s);
    const std::string id = first_employee(a.db, kel);
    auto ea = *store::get_employee(a.db, id);
    auto eb = *store::get_employee(b.db, id);
    ea.education = "S-2";
    eb.tmt_position = "2020-01-01";
    REQUIRE(store::save_employee(a.db, ea).ok());
    REQUIRE(store::save_employee(b.db, eb).ok());
    CHECK(a.push(s).applied == 1);
    CHECK(b.push(s).applied == 1);  // different field: parallel update, no conflict
    CHECK(count(s.db, "SELECT count(*) FROM sync_conflicts") == 0);

    // Both offline, both change the name.
    a.pull(s);
    b.pull(s);
    ea = *store::get_employee(a.db, id);
    eb = *store::get_employee(b.db, id);
    CHECK(ea.education == "S-2");
    CHECK(ea.tmt_position == "2020-01-01");
    ea.name = "Nama Dari Kelurahan";
    eb.name = "Nama Dari Kecamatan";
    REQUIRE(store::save_employee(a.db, ea).ok());
    observe_clock(b, a);  // b's edit is the later one by clock, not just by wall time
    REQUIRE(store::save_employee(b.db, eb).ok());
    REQUIRE(last_outbox_hlc(b) > last_outbox_hlc(a));  // later clock: b wins (device ids play no part)
    CHECK(a.push(s).applied == 1);
    auto sb = b.push(s);
    CHECK(sb.conflict == 1);
    CHECK(count(s.db, "SELECT count(*) FROM sync_conflicts") == 1);
    CHECK(store::get_employee(s.db, id)->name == "Nama Dari Kecamatan");
    auto cs = list_conflicts(b.db);
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].field == "name");
    CHECK(cs[0].mine == "Nama Dari Kecamatan");
    CHECK(cs[0].theirs == "Nama Dari Kelurahan");
    CHECK(cs[0].kept == "mine");
    CHECK(cs[0].theirs_user == "operator.user");

    // "Take theirs" is a normal edit that syncs without a new conflict.
    REQUIRE(resolve_conflict(b.db, cs[0].id, Resolution::take_theirs).ok());
    CHECK(b.push(s).applied == 1);
    CHECK(count(s.db, "SELECT count(*) FROM sync_conflicts") == 1);
    CHECK(store::get_employee(s.db, id)->name == "Nama Dari Kelurahan");
    CHECK(a.pull(s).checksum_ok);
    CHECK(b.pull(s).checksum_ok);
    CHECK(store::get_employee(a.db, id)->name == "Nama Dari Kelurahan");
}

TEST_CASE("sync: a same-field clash goes to the higher HLC, equal HLCs to the higher device id") {
    // Two devices rename the same person from the same base; the second push
    // clashes with the first. Hand-made mutations fix the clocks and device ids.
    struct Edit {
        std::string device;
        Hlc hlc;
    };
    auto second_push_kept = [](const Edit& first, const Edit& second) {
        Server s;
        const std::string id = first_employee(s.db, s.ids.kelurahan[4]);
        auto q = s.db.prepare("SELECT _seq, name FROM employees WHERE id = ?1");
        q.bind(1, id);
        REQUIRE(q.step());
        const int64_t base = q.int64(0);
        const std::string original = q.text(1);
        std::string kept;
        for (const Edit* e : {&first, &second}) {
            json m = {{"counter", 1}, {"hlc", e->hlc}, {"schema", store::latest_schema_version()},
                      {"table", "employees"}, {"row", id}, {"op", "upsert"}, {"base", base},
                      {"fields", {{"name", "Nama " + e->device}}}, {"old", {{"name", original}}}};
            Reply r = s.sync->push(s.who("camat", s.ids.kecamatan, e->device),
                                   {{"device_id", e->device}, {"mutations", json::array({m})}});
            REQUIRE(r.status == 200);
            const json& res = r.body["results"][0];
            if (e == &first) {
                CHECK(res["status"] == "applied");
                continue;
            }
            REQUIRE(res["status"] == "conflict");
            kept = res["conflicts"][0]["kept"].get<std::string>();
            const std::string winner = kept == "mine" ? second.device : first.device;
            CHECK(store::get_employee(s.db, id)->name == "Nama " + winner);
        }
        CHECK(count(s.db, "SELECT count(*) FROM sync_conflicts") == 1);
        return kept;
    };
    const Hlc t = make_hlc(now_ms(), 5);
    CHECK(second_push_kept({"device-1", t}, {"device-2", t}) == "mine");  // equal clocks: higher id
    CHECK(second_push_kept({"device-2", t}, {"device-1", t}) == "theirs");
    CHECK(second_push_kept({"device-2", t}, {"device-1", t + 1}) == "mine");  // higher clock, lower id
    CHECK(second_push_kept({"device-1", t + 1}, {"device-2", t}) == "theirs");  // lower clock, higher id
}

TEST_CASE("sync: an invalid edit is rejected with a reason and the row is put back") {
    Server s;
    const std::string kel = s.ids.kelurahan[4];
    Client c(s, "operator", kel);
    c.pull(s);
    const std::string id = first_employee(c.db, kel);
    const std::string before = store::get_employee(c.db, id)->nip;
    // Bypass local validation, as a buggy or old client could.
    store::write_row(c.db, *store::find_table("employees"), id, json{{"nip", "123"}});
    auto e = *store::get_employee(c.db, id);
    CHECK_FALSE(store::save_employee(c.db, e).ok());  // the local validator would have refused it
    auto sum = c.push(s);
    CHECK(sum.rejected == 1);
    auto rej = list_rejected(c.db);
    REQUIRE(rej.size() == 1);
    CHECK(rej[0].reason.rfind("nip.", 0) == 0);
    CHECK(store::get_employee(c.db, id)->nip == before);
    CHECK(c.pull(s).checksum_ok);
}

TEST_CASE("sync: out-of-scope write is refused as a whole, nothing changes") {
    Server s;
    Client terjun(s, "operator", s.ids.kelurahan[4]);
    Client paya(s, "operator", s.ids.kelurahan[1]);
    paya.pull(s);
    const std::string id = first_employee(paya.db, s.ids.kelurahan[1]);
    auto e = *store::get_employee(paya.db, id);
    e.education = "S-3";
    REQUIRE(store::save_employee(paya.db, e).ok());
    auto batch = build_push(paya.db);
    batch->body["device_id"] = terjun.p.device_id;
    Reply r = s.sync->push(terjun.p, batch->body);  // Terjun's device sends Paya Pasir's edit
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "scope.forbidden");
    CHECK(store::get_employee(s.db, id)->education != "S-3");
    CHECK(count(s.db, "SELECT count(*) FROM sync_applied") == 0);
}

// A mutation carrying a whole row with base 0 (how a device sends a row it
// created) is written without reading the row first; when the row exists after
// all it must be treated exactly as any other edit of that row.
namespace {
json whole_employee(const std::string& id, const std::string& office, const std::string& position) {
    json f = {{"nip", "198501012010011999"}, {"name", "Pegawai Baru"}, {"gender", "L"},
              {"birth_date", "1985-01-01"}, {"asn_type", "PNS"}, {"golongan", "II/b"},
              {"education", "S-1"}, {"position_id", position}, {"office_id", office},
              {"tmt_position", "2020-01-01"}, {"competences", "{}"}, {"commitment_10y", 0},
              {"archived", 0}};
    return {{"counter", 1}, {"hlc", make_hlc(now_ms(), 0)}, {"schema", store::latest_schema_version()},
            {"table", "employees"}, {"row", id}, {"op", "upsert"}, {"base", 0},
            {"fields", f}, {"old", json::object()}};
}
std::string some_position(store::Db& db, const std::string& office) {
    auto list = store::list_positions(db, office);
    REQUIRE(!list.empty());
    return list.front().id;
}
}  // namespace

TEST_CASE("sync: a whole new row is inserted; the same id existing elsewhere is refused by scope") {
    Server s;
    const std::string terjun = s.ids.kelurahan[4], paya = s.ids.kelurahan[1];
    const Principal op = s.who("operator", terjun, "device-terjun");
    const std::string pos = some_position(s.db, terjun);

    // New id: inserted.
    const std::string fresh = new_uuid_v7();
    Reply r = s.sync->push(op, {{"device_id", "device-terjun"}, {"mutations", json::array({whole_employee(fresh, terjun, pos)})}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "applied");
    CHECK(store::get_employee(s.db, fresh)->name == "Pegawai Baru");

    // The id of a Paya Pasir employee sent as a "new" Terjun row: the row exists
    // outside the pusher's scope, so the whole batch is refused and nothing changes.
    const std::string theirs = first_employee(s.db, paya);
    const std::string name_before = store::get_employee(s.db, theirs)->name;
    json m = whole_employee(theirs, terjun, pos);
    m["counter"] = 2;
    m["fields"]["nip"] = "198501012010011998";
    r = s.sync->push(op, {{"device_id", "device-terjun"}, {"mutations", json::array({m})}});
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "scope.forbidden");
    CHECK(store::get_employee(s.db, theirs)->name == name_before);
    CHECK(store::get_employee(s.db, theirs)->office_id == paya);
}

TEST_CASE("sync: a whole row sent again as new merges as an edit; an invalid new row is rejected with its reason") {
    Server s;
    const std::string terjun = s.ids.kelurahan[4];
    const std::string pos = some_position(s.db, terjun);
    const Principal a = s.who("operator", terjun, "device-a");
    const std::string id = new_uuid_v7();
    Reply r = s.sync->push(a, {{"device_id", "device-a"}, {"mutations", json::array({whole_employee(id, terjun, pos)})}});
    REQUIRE(r.status == 200);
    REQUIRE(r.body["results"][0]["status"] == "applied");

    // Another device creates the "same" row (same id) with another name: the row
    // exists, so this is a same-field clash recorded as a conflict, not a second insert.
    const Principal b = s.who("operator", terjun, "device-b");
    json m = whole_employee(id, terjun, pos);
    m["fields"]["name"] = "Nama Lain";
    r = s.sync->push(b, {{"device_id", "device-b"}, {"mutations", json::array({m})}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "conflict");
    CHECK(r.body["results"][0]["conflicts"][0]["field"] == "name");
    CHECK(count(s.db, "SELECT count(*) FROM employees WHERE id = '" + id + "'") == 1);

    // A new row with a NIP already in use: rejected as before, nothing inserted.
    const std::string other = new_uuid_v7();
    json dup = whole_employee(other, terjun, pos);
    dup["counter"] = 2;
    r = s.sync->push(a, {{"device_id", "device-a"}, {"mutations", json::array({dup})}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "rejected");
    CHECK(r.body["results"][0]["reason"] == "nip.duplicate");
    CHECK(count(s.db, "SELECT count(*) FROM employees WHERE id = '" + other + "'") == 0);
    // The same row forwarded by an instansi server to a national tier on SQLite is
    // taken: a NIP active twice there is a move between instansi in flight (the
    // receiving side entered its record at the TMT first), never refused at intake.
    const Principal up = s.who("instansi", s.ids.kota, "device-up");
    const std::string entered = new_uuid_v7();
    json fwd = whole_employee(entered, terjun, pos);
    r = s.sync->push(up, {{"device_id", "device-up"}, {"mutations", json::array({fwd})}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "applied");
    CHECK(count(s.db, "SELECT count(*) FROM employees WHERE archived = 0 AND nip = '" +
                          fwd["fields"]["nip"].get<std::string>() + "'") == 2);
    // And one naming a position that does not exist: rejected, nothing inserted.
    json bad = whole_employee(other, terjun, new_uuid_v7());
    bad["counter"] = 3;
    bad["fields"]["nip"] = "198501012010011997";
    r = s.sync->push(a, {{"device_id", "device-a"}, {"mutations", json::array({bad})}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "rejected");
    CHECK(count(s.db, "SELECT count(*) FROM employees WHERE id = '" + other + "'") == 0);
    // The log stays consistent: every logged seq is unique.
    CHECK(count(s.db, "SELECT count(*) - count(DISTINCT _seq) FROM employees WHERE _seq IS NOT NULL") == 0);
}

TEST_CASE("sync: moving an employee gives the old office an exit and the new one an entry") {
    Server s;
    const std::string from = s.ids.kelurahan[4], to = s.ids.kelurahan[1];
    Client old_office(s, "operator", from), new_office(s, "operator", to), camat(s, "camat", s.ids.kecamatan);
    old_office.pull(s);
    new_office.pull(s);
    camat.pull(s);
    const std::string id = first_employee(camat.db, from);
    auto e = *store::get_employee(camat.db, id);
    auto target = store::list_positions(camat.db, to);
    REQUIRE(!target.empty());
    e.office_id = to;
    e.position_id = target.back().id;
    REQUIRE(store::save_employee(camat.db, e).ok());
    CHECK(camat.push(s).applied == 1);
    CHECK(old_office.pull(s).checksum_ok);
    CHECK(new_office.pull(s).checksum_ok);
    CHECK(camat.pull(s).checksum_ok);
    CHECK_FALSE(store::get_employee(old_office.db, id));
    CHECK(store::get_employee(new_office.db, id)->office_id == to);
    CHECK(store::get_employee(camat.db, id)->office_id == to);
}

TEST_CASE("sync: a device older than the retention window re-snapshots") {
    Server s;
    Client c(s, "operator", s.ids.kelurahan[4]);
    c.pull(s);
    const int64_t cursor = std::stoll(store::get_local_meta(c.db, "sync.cursor"));
    // Someone moves an employee away (an exit record), later purged.
    Client camat(s, "camat", s.ids.kecamatan);
    camat.pull(s);
    auto e = *store::get_employee(camat.db, first_employee(camat.db, s.ids.kelurahan[4]));
    auto target = store::list_positions(camat.db, s.ids.kelurahan[0]);
    e.office_id = s.ids.kelurahan[0];
    e.position_id = target.back().id;
    REQUIRE(store::save_employee(camat.db, e).ok());
    camat.push(s);
    CHECK(s.sync->purge_exits(now_ms() + 1) == 1);
    CHECK(s.sync->pull(c.p, cursor, 10).status == 410);
    begin_resnapshot(c.db);
    CHECK(c.pull(s).checksum_ok);
    CHECK_FALSE(store::get_employee(c.db, e.id));
}

// The row hash's definition: FNV-1a 64 of "table\n" + the dumped row.
static uint64_t reference_row_hash(const std::string& table, const json& row) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : table + "\n" + row.dump()) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

TEST_CASE("sync: the row hash is FNV-1a of the dumped row, whatever the values") {
    auto reference = reference_row_hash;
    const std::vector<json> rows = {
        json::object(),
        {{"id", "0190"}, {"name", "Budi"}, {"n", 12}, {"neg", -7}, {"x", 12.0}, {"y", 0.1}, {"z", nullptr}},
        {{"id", "a"}, {"name", "Ucok \"Butet\" \\ Siregar"}, {"tab", "a\tb\n"}, {"ctl", std::string("\x01", 1)}},
        {{"id", "b"}, {"name", "Nur\xc3\xa2ni"}, {"del", "\x7f"}, {"big", 9007199254740993LL}, {"t", true}},
        {{"id", "c"}, {"u", uint64_t{18446744073709551615ull}}, {"nested", {{"a", 1}}}, {"arr", {1, 2}}},
    };
    for (const auto& r : rows) CHECK(row_hash("employees", r) == reference("employees", r));
}

TEST_CASE("sync: a field written with its whole row still detects a concurrent edit") {
    // A new row is logged with one shared field entry; a later edit of one field
    // by another device that did not see the row is still concurrent.
    Server s;
    const std::string kel = s.ids.kelurahan[4];
    Client a(s, "operator", kel), b(s, "camat", s.ids.kecamatan);
    a.pull(s);
    b.pull(s);
    const std::string id = first_employee(a.db, kel);
    auto e = *store::get_employee(a.db, id);
    e.name = "Nama Dari Kelurahan";
    REQUIRE(store::save_employee(a.db, e).ok());
    CHECK(a.push(s).applied == 1);
    // b still holds the old state (base = its older version): same field, concurrent.
    auto eb = *store::get_employee(b.db, id);
    eb.name = "Nama Dari Kecamatan";
    REQUIRE(store::save_employee(b.db, eb).ok());
    CHECK(b.push(s).conflict == 1);
    // A field neither wrote since the seed: not concurrent for a device whose base
    // is the seeded version, concurrent for a push whose base predates it.
    {
        auto q = s.db.prepare("SELECT _meta FROM employees WHERE id = ?1");
        q.bind(1, id);
        REQUIRE(q.step());
        const json meta = json::parse(q.text(0));
        CHECK(meta.contains("name"));  // its own entry after the edit
        CHECK(meta.contains("*"));     // the seeded row: every column in one entry
    }
    const int64_t before = count(s.db, "SELECT count(*) FROM sync_conflicts");
    json m = {{"counter", 9001}, {"hlc", make_hlc(now_ms(), 0)}, {"schema", store::latest_schema_version()},
              {"table", "employees"}, {"row", id}, {"op", "upsert"}, {"base", 0},
              {"fields", {{"education", "S-3"}}}, {"old", {{"education", "S-1"}}}};
    Principal other = s.who("camat", s.ids.kecamatan, "device-without-base");
    Reply r = s.sync->push(other, {{"device_id", "device-without-base"}, {"mutations", json::array({m})}});
    REQUIRE(r.status == 200);
    CHECK(r.body["results"][0]["status"] == "conflict");
    CHECK(count(s.db, "SELECT count(*) FROM sync_conflicts") == before + 1);
}

TEST_CASE("sync: a typed row hashes like its JSON form") {
    const store::TableSpec& t = *store::find_table("employees");
    auto reference = [&](const json& row) { return reference_row_hash(t.name, row); };
    const std::vector<store::Value> samples = {
        {}, store::Value::integer(0), store::Value::integer(-7), store::Value::integer(9007199254740993LL),
        store::Value::real(12.0), store::Value::real(0.1), store::Value::text(""),
        store::Value::text("Ucok \"Butet\" \\ Siregar\t\n"), store::Value::text("Nur\xc3\xa2ni\x7f"),
        store::Value::text(std::string("\x01", 1))};
    for (size_t k = 0; k < samples.size(); ++k) {
        store::Row row(t.columns.size() + 1);
        row[0] = store::Value::text("0190abcd");
        for (size_t c = 1; c < row.size(); ++c) row[c] = samples[(k + c) % samples.size()];
        const json j = store::row_to_json(t, row);
        CHECK(row_hash(t, row) == reference(j));
        CHECK(row_hash("employees", j) == reference(j));
    }
}

TEST_CASE("restore: a new generation is not applied, a push of the old one is refused, begin_restore re-queues") {
    Server s;
    const std::string terjun = s.ids.kelurahan.back();
    Client c(s, "operator", terjun);
    c.pull(s);
    CHECK(store::get_local_meta(c.db, "sync.generation") == s.sync->generation());
    const int64_t backup_seq = s.sync->last_seq();
    // An edit the server acknowledges after the "backup".
    auto e = store::get_employee(c.db, first_employee(c.db, terjun));
    e->education = "S-3";
    REQUIRE(store::save_employee(c.db, *e).ok());
    CHECK(c.push(s).applied == 1);
    CHECK(count(c.db, "SELECT count(*) FROM sync_outbox") == 0);
    CHECK(count(c.db, "SELECT count(*) FROM sync_sent WHERE seq > 0") == 1);

    // The server starts a new generation at the backup's seq (what `restore`
    // does; its rows are not rolled back here, so the replay is a duplicate).
    start_generation(s.db, backup_seq);
    Reply page = s.sync->pull(c.p, 0, 50, true);
    REQUIRE(page.status == 200);
    const auto before = count(c.db, "SELECT count(*) FROM sync_seen");
    PullResult pr = apply_pull_page(c.db, page.body);
    REQUIRE(pr.generation);
    CHECK(pr.applied == 0);
    CHECK(pr.generation->seq == backup_seq);
    CHECK(count(c.db, "SELECT count(*) FROM sync_seen") == before);

    e->education = "S-2";
    REQUIRE(store::save_employee(c.db, *e).ok());
    auto b = build_push(c.db);
    REQUIRE(b);
    Reply refused = s.sync->push(c.p, b->body);
    CHECK(refused.status == 409);
    CHECK(refused.body["error"]["code"] == "sync.generation_changed");
    auto g = generation_change(c.db, refused.body);
    REQUIRE(g);
    CHECK(g->generation == s.sync->generation());
    begin_restore(c.db, *g);
    CHECK(count(c.db, "SELECT count(*) FROM sync_outbox") == 2);  // the acknowledged one is back, first
    CHECK(count(c.db, "SELECT count(*) FROM sync_seen") == 0);
    auto sum = c.push(s);
    CHECK(sum.duplicate == 1);
    CHECK(sum.applied == 1);
    c.pull(s);
    CHECK(count(c.db, "SELECT count(*) FROM sync_outbox") == 0);  // the server lacked no row
    CHECK(store::get_local_meta(c.db, "sync.restore_pending") == "0");
    auto pr2 = c.pull(s);
    CHECK(pr2.checksum_checked);
    CHECK(pr2.checksum_ok);
    CHECK(store::get_employee(s.db, e->id)->education == "S-2");
}
