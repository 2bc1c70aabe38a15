// Workflow steps as sync commands (docs/WORKFLOW.md, docs/SYNC.md §5.1): taken
// offline on devices, applied on the server in server order, refused ones put
// back on the device with the reason. In process, no network.
#include <doctest/doctest.h>

#include "demo/seed.h"
#include "model/settings.h"
#include "plan/eligibility_records.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/server_sync.h"
#include "util/uuid.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

using namespace seimbang;
using namespace seimbang::workflow;
using nlohmann::json;

namespace {

struct Server {
    store::Db db{":memory:"};
    std::unique_ptr<sync::ServerSync> sync;
    demo::DemoIds ids;
    Server() {
        store::migrate(db);
        sync = std::make_unique<sync::ServerSync>(db);
        demo::seed_marelan(db, &ids);
        register_sync_commands();
    }
};

struct Device {
    store::Db db{":memory:"};
    sync::Principal p;
    Device(const std::string& username, const std::string& role, const std::string& office,
           const std::string& employee = {}) {
        store::migrate(db);
        sync::install_client(db);
        p = {"u-" + username, username, username, role, office, employee, sync::device_id(db)};
    }
    access::Actor actor() { return make_actor(db, p.username, p.role, p.office_id, p.employee_id); }
    sync::PushSummary push(Server& s) {
        sync::PushSummary sum;
        while (auto b = sync::build_push(db)) {
            sync::Reply r = s.sync->push(p, b->body);
            REQUIRE(r.status == 200);
            sum += sync::apply_push_response(db, r.body);
        }
        return sum;
    }
    void pull(Server& s) {
        for (;;) {
            auto path = sync::pull_path(db, 500);
            auto cur = std::stoll(path.substr(path.find('=') + 1));
            sync::Reply r = s.sync->pull(p, cur, 500, path.find("snapshot=1") != std::string::npos);
            REQUIRE(r.status == 200);
            auto res = sync::apply_pull_page(db, r.body);
            if (res.checksum_checked) CHECK(res.checksum_ok);
            if (!res.more) return;
        }
    }
    StepResult step(Command cmd, const std::string& id, json args, const std::string& expect) {
        return take_step_offline(db, actor(), {cmd, id, expect, std::move(args)}, today_wib());
    }
};

// An employee of `from` with enough tenure, and a non-head position of `to` they are eligible for.
std::pair<Employee, Position> eligible_move(store::Db& db, const std::string& from, const std::string& to) {
    const Settings s = store::load_settings(db);
    for (const auto& e : store::list_employees(db, {from, false})) {
        if (e.office_id != from) continue;
        auto tmt = parse_iso_date(e.tmt_position);
        if (!tmt || months_between(*tmt, today_wib()) < s.min_tenure_months) continue;
        const auto own = store::get_position(db, e.position_id);
        if (!own) continue;
        for (const auto& p : store::list_positions(db, to))
            if (p.office_id == to && !p.is_head && p.id != e.position_id && plan::may_request(e, *own, p)) return {e, p};
    }
    FAIL("no eligible move in the demo data");
    return {};
}

json documents_args(const std::string& type) {
    return {{"document_id", new_uuid_v7()}, {"doc_type", type}, {"file_name", type + ".pdf"},
            {"mime", "application/pdf"}, {"size", 2048}, {"sha256", std::string(64, 'c')}};
}

int count(store::Db& db, const std::string& sql) {
    auto s = db.prepare(sql);
    s.step();
    return static_cast<int>(s.int64(0));
}

}  // namespace

TEST_CASE("workflow sync: filed offline, approved offline, every office concerned sees it; decided online") {
    Server s;
    const std::string terjun = s.ids.kelurahan[4], paya = s.ids.kelurahan[1];
    auto [emp, pos] = eligible_move(s.db, terjun, paya);
    Device op("operator.terjun", "operator", terjun), head_o("lurah.terjun", "kepala_unit", terjun),
        head_d("lurah.paya", "kepala_unit", paya), mine("pegawai", "pegawai", terjun, emp.id),
        other_kel("lurah.rengas", "kepala_unit", s.ids.kelurahan[2]);
    for (Device* d : {&op, &head_o, &head_d, &mine, &other_kel}) d->pull(s);

    // Filed offline by the operator, with its documents, and submitted.
    auto created = op.step(Command::create, "",
                           {{"employee_id", emp.id},
                            {"kind", "atas_permintaan_sendiri"},
                            {"reason", "merawat_orang_tua"},
                            {"explanation", "Orang tua sakit di dekat Paya Pasir"},
                            {"to_positions", json::array({pos.id})}},
                           "");
    REQUIRE_MESSAGE(created.check.ok(), created.check.first_error()->code);
    const std::string id = created.request_id;
    REQUIRE(op.step(Command::attach, id, documents_args("surat_permohonan"), "draf").check.ok());
    REQUIRE(op.step(Command::attach, id, documents_args("sk_pangkat_terakhir"), "draf").check.ok());
    REQUIRE(op.step(Command::submit, id, {}, "draf").check.ok());
    CHECK(get_request(op.db, id)->status == Status::diajukan);  // shown at once, offline
    CHECK(count(op.db, "SELECT count(*) FROM sync_outbox WHERE op = 'command'") == 4);
    CHECK(count(op.db, "SELECT count(*) FROM sync_outbox WHERE op = 'upsert'") == 0);  // never a row merge

    auto sum = op.push(s);
    CHECK(sum.applied == 4);
    CHECK(get_request(s.db, id)->status == Status::diajukan);
    CHECK(timeline(s.db, id).size() == 4);

    // Both heads, the applicant see it; an unrelated kelurahan does not.
    for (Device* d : {&head_o, &head_d, &mine, &other_kel, &op}) d->pull(s);
    REQUIRE(get_request(head_o.db, id));
    REQUIRE(get_request(head_d.db, id));
    REQUIRE(get_request(mine.db, id));
    CHECK(timeline(mine.db, id).size() == 4);
    CHECK(!get_request(other_kel.db, id));
    CHECK(count(other_kel.db, "SELECT count(*) FROM request_events") == 0);
    CHECK(documents(head_d.db, id).size() == 2);

    // The destination head cannot take the origin head's step; the origin head can, offline.
    auto wrong = head_d.step(Command::approve, id, {}, "diajukan");
    CHECK(wrong.check.first_error()->code == "workflow.forbidden");
    REQUIRE(head_o.step(Command::approve, id, {{"note", "Disetujui"}}, "diajukan").check.ok());
    CHECK(head_o.push(s).applied == 1);
    head_d.pull(s);
    REQUIRE(head_d.step(Command::approve, id, {}, "disetujui_unit_asal").check.ok());
    CHECK(head_d.push(s).applied == 1);

    // BKPSDM verifies; the decision is online only: queued offline it is refused on the device.
    Device bk("bkpsdm", "bkpsdm", s.ids.kota);
    bk.pull(s);
    REQUIRE(bk.step(Command::verify, id, {}, "disetujui_unit_tujuan").check.ok());
    CHECK(bk.step(Command::decide, id, {{"tmt", "2099-01-01"}}, "verifikasi_bkpsdm").check.first_error()->code ==
          "workflow.online_only");
    CHECK(bk.push(s).applied == 1);
    // Online: the command goes straight to the server, which numbers the SK.
    sync::enqueue_command(bk.db, "requests", id, "decide", "verifikasi_bkpsdm", {{"tmt", "2099-01-01"}});
    CHECK(bk.push(s).applied == 1);
    auto decided = get_request(s.db, id);
    CHECK(decided->status == Status::ditetapkan);
    CHECK(decided->sk_number == "800/1/BKPSDM/" + std::to_string(today_wib().year));
    mine.pull(s);
    CHECK(get_request(mine.db, id)->status == Status::ditetapkan);
    CHECK(timeline(mine.db, id).size() == 8);
}

TEST_CASE("workflow sync: concurrent offline steps resolve in server order, the loser sees why") {
    for (const bool head_first : {true, false}) {
        CAPTURE(head_first);
        Server s;
        const std::string terjun = s.ids.kelurahan[4], paya = s.ids.kelurahan[1];
        auto [emp, pos] = eligible_move(s.db, terjun, paya);
        Device mine("pegawai", "pegawai", terjun, emp.id), head("lurah.terjun", "kepala_unit", terjun);
        mine.pull(s);
        auto c = mine.step(Command::create, "",
                           {{"employee_id", emp.id},
                            {"reason", "kesehatan"},
                            {"explanation", "Perlu dekat rumah sakit"},
                            {"to_positions", json::array({pos.id})}},
                           "");
        REQUIRE_MESSAGE(c.check.ok(), c.check.first_error()->code);
        REQUIRE(mine.step(Command::submit, c.request_id, {}, "draf").check.ok());
        mine.push(s);
        head.pull(s);
        mine.pull(s);
        // Both act on "Diajukan" without seeing each other.
        REQUIRE(head.step(Command::approve, c.request_id, {}, "diajukan").check.ok());
        REQUIRE(mine.step(Command::cancel, c.request_id, {{"note", "Tidak jadi"}}, "diajukan").check.ok());
        CHECK(get_request(mine.db, c.request_id)->status == Status::dibatalkan);
        Device& first = head_first ? head : mine;
        Device& second = head_first ? mine : head;
        CHECK(first.push(s).applied == 1);
        auto lost = second.push(s);
        CHECK(lost.rejected == 1);
        const Status winner = head_first ? Status::disetujui_unit_asal : Status::dibatalkan;
        CHECK(get_request(s.db, c.request_id)->status == winner);
        // The loser's device shows the server's state again, without its own step, and the reason
        // (the applicant too: a refusal answers with the row when the pull would carry it).
        const auto back = get_request(second.db, c.request_id);
        REQUIRE_MESSAGE(back.has_value(), "the request vanished from the loser's device");
        CHECK(back->status == winner);
        auto rej = sync::list_rejected(second.db);
        REQUIRE(rej.size() == 1);
        CHECK(rej[0].reason == "workflow.state_changed");
        CHECK(rej[0].detail == std::string(to_string(winner)));
        second.pull(s);
        first.pull(s);
        CHECK(timeline(second.db, c.request_id).size() == 3);
        CHECK(timeline(first.db, c.request_id).size() == 3);
        CHECK(timeline(s.db, c.request_id).size() == 3);
    }
}

TEST_CASE("workflow sync: request rows are never merged as fields") {
    Server s;
    const std::string terjun = s.ids.kelurahan[4];
    Device op("operator.terjun", "operator", terjun);
    op.pull(s);
    auto [emp, pos] = eligible_move(s.db, terjun, s.ids.kelurahan[1]);
    auto c = op.step(Command::create, "",
                     {{"employee_id", emp.id}, {"reason", "kesehatan"}, {"explanation", "x"},
                      {"to_positions", json::array({pos.id})}},
                     "");
    REQUIRE(c.check.ok());
    op.push(s);
    // A forged field edit of the status (as a blind row merge would carry it).
    json body = {{"device_id", op.p.device_id},
                 {"mutations", json::array({{{"counter", 999}, {"hlc", 1}, {"schema", store::latest_schema_version()},
                                            {"table", "requests"}, {"row", c.request_id}, {"op", "upsert"},
                                            {"base", 0}, {"fields", {{"status", "ditetapkan"}}}, {"old", json::object()}}})}};
    auto r = s.sync->push(op.p, body);
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "role.read_only");
    CHECK(get_request(s.db, c.request_id)->status == Status::draf);
    // A command that skips a state is refused with its reason, and nothing changes.
    sync::enqueue_command(op.db, "requests", c.request_id, "verify", "draf", json::object());
    CHECK(op.push(s).rejected == 1);
    CHECK(sync::list_rejected(op.db).back().reason == "workflow.bad_transition");
    sync::enqueue_command(op.db, "requests", c.request_id, "complete", "", json::object());
    CHECK(op.push(s).rejected == 1);
    CHECK(sync::list_rejected(op.db).back().reason == "command.unknown");
    CHECK(get_request(s.db, c.request_id)->status == Status::draf);
}
