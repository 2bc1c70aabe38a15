// Between-instansi transfers (issue 17 item 3, docs/SCALE.md "Between-instansi
// transfers"): shared migration 11 (the workflow tables without foreign keys
// to employees and offices, the request's snapshot of its applicant) and the
// antar_instansi path of the one graph — the receiving PPK proposes, the
// sending PPK approves (10-year commitment), pusat gives its pertimbangan
// teknis, the receiving PPK decides. One database holding two instansi (as
// the national tier on SQLite does); the receiving side alone in another.
#include <doctest/doctest.h>

#include <map>

#include "access/access.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "util/uuid.h"
#include "workflow/effective.h"
#include "workflow/workflow.h"

#include "workflow_records.h"

using namespace seimbang;
using namespace seimbang::workflow;
using nlohmann::json;

namespace {

const Date kToday{2026, 6, 1};

int count(store::Db& db, const std::string& sql) {
    auto s = db.prepare(sql);
    s.step();
    return static_cast<int>(s.int64(0));
}

// Kota Medan (the sending instansi: kelurahan Terjun, employee E) and Kota
// Binjai (the receiving one: kelurahan Limau Sundai with a post).
struct TwoInstansi {
    store::Db db{":memory:"};
    std::string medan, terjun, binjai, limau, pos_a, pos_b, head_b, e, bound, local_b;
    std::map<std::string, access::Actor> actors;

    std::string office(const std::string& parent, OfficeKind kind, const std::string& name) {
        return test_records::add_office(db, parent, kind, name);
    }
    std::string position(const std::string& office, const std::string& name, bool head = false) {
        return test_records::add_position(db, office, name, head);
    }
    std::string employee(const std::string& pos, const std::string& nip, bool commitment = false) {
        Employee x = test_records::employee_from_nip(pos, nip);
        x.tmt_position = "2019-01-01";
        x.commitment_10y = commitment;
        return test_records::add_employee(db, std::move(x));
    }
    TwoInstansi() {
        store::migrate(db);
        medan = office("", OfficeKind::kota, "Kota Medan");
        terjun = office(office(medan, OfficeKind::kecamatan, "Medan Marelan"), OfficeKind::kelurahan, "Terjun");
        binjai = office("", OfficeKind::kota, "Kota Binjai");
        limau = office(office(binjai, OfficeKind::kecamatan, "Binjai Selatan"), OfficeKind::kelurahan, "Limau Sundai");
        pos_a = position(terjun, "Pengadministrasi Umum");
        pos_b = position(limau, "Pengadministrasi Umum");
        head_b = position(limau, "Lurah", true);
        e = employee(pos_a, "198503152010011001");
        bound = employee(pos_a, "199001012019032002", true);
        local_b = employee(pos_b, "198703152010011003");
        auto actor = [&](const std::string& name, const std::string& role, const std::string& off) {
            actors[name] = make_actor(db, name, role, off, "");
        };
        actor("bkpsdm_medan", "bkpsdm", medan);
        actor("bkpsdm_binjai", "bkpsdm", binjai);
        actor("kepala_terjun", "kepala_unit", terjun);
        actor("operator_limau", "operator", limau);
        actor("pusat", "pusat", medan);  // (pusat reads everything: its office does not matter)
    }
    StepResult step(const std::string& who, Command cmd, const std::string& id, json args = json::object(),
                    std::string expect = {}) {
        StepContext ctx{db, actors.at(who), Authority::server, kToday, 1'000'000};
        return take_step(ctx, StepInput{cmd, id, std::move(expect), std::move(args)});
    }
    json proposal(const std::string& employee) const {
        return {{"employee_id", employee},
                {"kind", "antar_instansi"},
                {"reason", "mengikuti_suami_istri"},
                {"explanation", "Suami pindah tugas ke Binjai"},
                {"to_instansi", "Pemerintah Kota Binjai"},
                {"to_positions", json::array({pos_b})}};
    }
};

std::string code(const StepResult& r) { return r.check.first_error() ? r.check.first_error()->code : ""; }

}  // namespace

TEST_CASE("migration 11: a schema-10 database keeps its workflow rows, gains the applicant's snapshot, loses the foreign keys to employees and offices") {
    store::Db db(":memory:");
    store::migrate(db, 10);
    db.exec("INSERT INTO offices(id, kind, name) VALUES ('o1', 'kelurahan', 'Terjun')");
    db.exec("INSERT INTO employees(id, nip, name, gender, birth_date, asn_type, golongan, office_id) VALUES "
            "('e1', '198503152010011001', 'Budi', 'L', '1985-03-15', 'PNS', 'III/a', 'o1')");
    db.exec("INSERT INTO requests(id, number, employee_id, office_id, to_office_id, to_positions, kind, reason, status, "
            "status_ms, sk_number, _seq, _meta) VALUES ('r1', 'UM-1', 'e1', 'o1', 'o1', '[\"p1\"]', 'dinas', 'lainnya', "
            "'ditetapkan', 5, 'SK 1', 7, '{}')");
    db.exec("INSERT INTO request_events(id, request_id, ordinal, office_id, command, to_status, at_ms, _seq) VALUES "
            "('v1', 'r1', 1, 'o1', 'create', 'draf', 1, 8)");
    db.exec("INSERT INTO request_documents(id, request_id, office_id, doc_type, mime, size, sha256) VALUES "
            "('d1', 'r1', 'o1', 'sk', 'application/pdf', 3, 'abc')");
    // Before: a request about someone this database does not hold is refused.
    CHECK_THROWS(db.exec("INSERT INTO requests(id, number, employee_id, office_id, kind, reason, status) VALUES "
                         "('r2', 'UM-2', 'elsewhere', 'o-elsewhere', 'antar_instansi', 'lainnya', 'diajukan')"));
    store::migrate(db);
    CHECK(store::schema_version(db) == store::latest_schema_version());
    // Every row kept, with its change-log columns; the snapshot from the local record.
    const auto r = get_request(db, "r1");
    REQUIRE(r);
    CHECK(r->status == Status::ditetapkan);
    CHECK(r->sk_number == "SK 1");
    CHECK(r->to_positions == std::vector<std::string>{"p1"});
    CHECK(r->employee_nip == "198503152010011001");
    CHECK(r->employee_name == "Budi");
    CHECK(r->from_instansi.empty());
    CHECK(count(db, "SELECT count(*) FROM requests WHERE _seq = 7 AND _meta = '{}'") == 1);
    CHECK(count(db, "SELECT count(*) FROM request_events WHERE request_id = 'r1' AND _seq = 8") == 1);
    CHECK(count(db, "SELECT count(*) FROM request_documents WHERE request_id = 'r1'") == 1);
    // After: the other instansi's request is held; an event still needs its request.
    db.exec("INSERT INTO requests(id, number, employee_id, office_id, kind, reason, status) VALUES "
            "('r2', 'UM-2', 'elsewhere', 'o-elsewhere', 'antar_instansi', 'lainnya', 'diajukan')");
    db.exec("INSERT INTO request_events(id, request_id, ordinal, office_id, command, to_status, at_ms) VALUES "
            "('v2', 'r2', 1, 'o-elsewhere', 'submit', 'diajukan', 1)");
    CHECK_THROWS(db.exec("INSERT INTO request_events(id, request_id, ordinal, office_id, command, to_status, at_ms) "
                         "VALUES ('v3', 'no-such-request', 1, 'o1', 'submit', 'diajukan', 1)"));
    CHECK(count(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
    CHECK(count(db, "SELECT count(*) FROM pragma_foreign_key_list('requests')") == 0);
    CHECK(count(db, "SELECT count(*) FROM pragma_foreign_key_list('request_events') WHERE \"table\" = 'requests'") == 1);
    CHECK(count(db, "SELECT count(*) FROM pragma_foreign_key_list('request_events')") == 1);
    CHECK(count(db, "SELECT count(*) FROM pragma_foreign_key_list('request_documents')") == 1);
    // The indexes of migration 4 are back (the pull reads by seq and office).
    for (const char* ix : {"requests_seq", "requests_office", "requests_to_office", "requests_employee", "requests_number",
                           "requests_status", "requests_sk_number", "request_events_request", "request_events_seq",
                           "request_events_office", "request_events_to_office", "request_events_employee",
                           "request_documents_request", "request_documents_seq", "request_documents_office",
                           "request_documents_to_office", "request_documents_employee"})
        CHECK_MESSAGE(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" + std::string(ix) + "'") == 1,
                      ix);
    // The registry names the snapshot columns (sync, the national schema and the replica follow it).
    const store::TableSpec& t = *store::find_table("requests");
    CHECK(t.has("from_instansi"));
    CHECK(t.has("employee_nip"));
    CHECK(t.has("employee_name"));
}

TEST_CASE("between instansi: the receiving PPK proposes, the sending PPK approves, pusat advises, the receiving PPK decides") {
    TwoInstansi w;
    // Only the receiving side's bkpsdm files it (the destination is its office).
    for (const char* who : {"bkpsdm_medan", "kepala_terjun", "operator_limau", "pusat"})
        CHECK(code(w.step(who, Command::create, "", w.proposal(w.e))) == "workflow.forbidden");
    CHECK(count(w.db, "SELECT count(*) FROM requests") == 0);
    const StepResult created = w.step("bkpsdm_binjai", Command::create, "", w.proposal(w.e));
    REQUIRE_MESSAGE(created.check.ok(), code(created));
    const std::string id = created.request_id;
    auto r = get_request(w.db, id);
    REQUIRE(r);
    CHECK(r->office_id == w.terjun);
    CHECK(r->to_office_id == w.limau);
    CHECK(r->from_instansi == w.medan);
    CHECK(r->employee_nip == "198503152010011001");
    CHECK(r->employee_name == "Pegawai 1001");
    REQUIRE(w.step("bkpsdm_binjai", Command::submit, id, {}, "draf").check.ok());

    // The sending side approves; nobody else may, and no internal step applies.
    CHECK(code(w.step("bkpsdm_binjai", Command::approve, id, {}, "diajukan")) == "workflow.forbidden");
    CHECK(code(w.step("kepala_terjun", Command::approve, id, {}, "diajukan")) == "workflow.forbidden");
    CHECK(available_commands(w.db, w.actors.at("bkpsdm_medan"), *get_request(w.db, id)) ==
          std::vector<Command>{Command::approve, Command::return_, Command::reject});
    REQUIRE(w.step("bkpsdm_medan", Command::approve, id, {}, "diajukan").check.ok());
    CHECK(code(w.step("bkpsdm_medan", Command::verify, id, {}, "disetujui_unit_asal")) == "workflow.bad_transition");

    // BKN's pertimbangan teknis: pusat only.
    CHECK(code(w.step("bkpsdm_binjai", Command::advise, id, {}, "disetujui_unit_asal")) == "workflow.forbidden");
    CHECK(code(w.step("bkpsdm_medan", Command::advise, id, {}, "disetujui_unit_asal")) == "workflow.forbidden");
    CHECK(available_commands(w.db, w.actors.at("pusat"), *get_request(w.db, id)) ==
          std::vector<Command>{Command::advise, Command::return_, Command::reject});
    REQUIRE(w.step("pusat", Command::advise, id, {{"note", "Memenuhi syarat"}}, "disetujui_unit_asal").check.ok());
    CHECK(get_request(w.db, id)->status == Status::pertimbangan_teknis);

    // The receiving side decides, with its own SK series; the sending side may not.
    CHECK(code(w.step("bkpsdm_medan", Command::decide, id, {{"tmt", "2026-07-01"}}, "pertimbangan_teknis")) ==
          "workflow.forbidden");
    const StepResult decided = w.step("bkpsdm_binjai", Command::decide, id, {{"tmt", "2026-07-01"}}, "pertimbangan_teknis");
    REQUIRE_MESSAGE(decided.check.ok(), code(decided));
    r = get_request(w.db, id);
    CHECK(r->status == Status::ditetapkan);
    CHECK_FALSE(r->sk_number.empty());
    CHECK(r->tmt == "2026-07-01");
    std::vector<std::string> steps;
    for (const auto& ev : timeline(w.db, id)) steps.push_back(ev.command + ":" + ev.actor);
    CHECK(steps == std::vector<std::string>{"create:bkpsdm_binjai", "submit:bkpsdm_binjai", "approve:bkpsdm_medan",
                                            "advise:pusat", "decide:bkpsdm_binjai"});
    // The TMT's exit and entry records are not automated on this path: the
    // person stays where they are and the request stays Ditetapkan.
    const auto rep = apply_effective(w.db, Date{2026, 7, 2}, 2'000'000);
    CHECK(rep.applied == 0);
    CHECK(rep.failed.empty());
    CHECK(get_request(w.db, id)->status == Status::ditetapkan);
    CHECK(store::get_employee(w.db, w.e)->office_id == w.terjun);
}

TEST_CASE("between instansi: what each step requires, refused with a specific code and nothing changed") {
    TwoInstansi w;
    // The 10-year commitment is checked when the sending side approves (its record is there).
    const StepResult p = w.step("bkpsdm_binjai", Command::create, "", w.proposal(w.bound));
    REQUIRE(p.check.ok());
    REQUIRE(w.step("bkpsdm_binjai", Command::submit, p.request_id, {}, "draf").check.ok());
    CHECK(code(w.step("bkpsdm_medan", Command::approve, p.request_id, {}, "diajukan")) == "workflow.commitment_10y");
    CHECK(get_request(w.db, p.request_id)->status == Status::diajukan);
    REQUIRE(w.step("bkpsdm_medan", Command::reject, p.request_id, {{"note", "Terikat komitmen 10 tahun"}}, "diajukan")
                .check.ok());
    // An organisational need is not a personal reason: the commitment does not bind it.
    json need = w.proposal(w.bound);
    need["reason"] = "kebutuhan_organisasi";
    const StepResult q = w.step("bkpsdm_binjai", Command::create, "", need);
    REQUIRE(q.check.ok());
    REQUIRE(w.step("bkpsdm_binjai", Command::submit, q.request_id, {}, "draf").check.ok());
    CHECK(w.step("bkpsdm_medan", Command::approve, q.request_id, {}, "diajukan").check.ok());

    // Someone already in the receiving instansi is not a move between instansi.
    const std::string other_post = w.position(w.limau, "Analis");
    json own = w.proposal(w.local_b);
    own["to_positions"] = json::array({other_post});
    CHECK(code(w.step("bkpsdm_binjai", Command::create, "", own)) == "workflow.same_instansi");
    // The wishes are required and are posts of the receiving side (no head post).
    json no_wish = w.proposal(w.e);
    no_wish["to_positions"] = json::array();
    CHECK(code(w.step("bkpsdm_binjai", Command::create, "", no_wish)) == "workflow.destination_required");
    json head = w.proposal(w.e);
    head["to_positions"] = json::array({w.head_b});
    CHECK(code(w.step("bkpsdm_binjai", Command::create, "", head)) == "workflow.head_position");
    // An internal request cannot be turned into one between instansi (nor back).
    json internal = {{"employee_id", w.local_b}, {"kind", "dinas"}, {"reason", "kebutuhan_organisasi"},
                     {"explanation", "Penataan"}, {"to_positions", json::array({w.pos_b})}};
    internal["to_positions"] = json::array({other_post});
    const StepResult in = w.step("bkpsdm_binjai", Command::create, "", internal);
    REQUIRE_MESSAGE(in.check.ok(), code(in));
    CHECK(code(w.step("bkpsdm_binjai", Command::edit, in.request_id, {{"kind", "antar_instansi"}}, "draf")) ==
          "workflow.bad_kind");
    CHECK(get_request(w.db, in.request_id)->kind == Kind::dinas);
    // Pusat has no step on an internal request.
    CHECK(available_commands(w.db, w.actors.at("pusat"), *get_request(w.db, in.request_id)).empty());
}

TEST_CASE("between instansi: on the receiving side alone the proposer names the person; the snapshot is checked") {
    TwoInstansi w;
    // A person this database does not hold: their record's id in the sending
    // instansi, its office, NIP, name and the sending instansi's root.
    const std::string elsewhere = new_uuid_v7(), office = new_uuid_v7(), root = new_uuid_v7();
    json args = w.proposal(elsewhere);
    CHECK(code(w.step("bkpsdm_binjai", Command::create, "", args)) == "workflow.unknown_office");
    args["office_id"] = office;
    args["from_instansi"] = root;
    args["employee_nip"] = "1985031520100";
    CHECK(code(w.step("bkpsdm_binjai", Command::create, "", args)) == "workflow.bad_nip");
    args["employee_nip"] = "198503152010011009";
    CHECK(code(w.step("bkpsdm_binjai", Command::create, "", args)) == "workflow.name_required");
    args["employee_name"] = "  Siti Aminah ";
    args["employee_id"] = "not-an-id";
    CHECK(code(w.step("bkpsdm_binjai", Command::create, "", args)) == "workflow.unknown_employee");
    args["employee_id"] = elsewhere;
    CHECK(count(w.db, "SELECT count(*) FROM requests") == 0);
    const StepResult created = w.step("bkpsdm_binjai", Command::create, "", args);
    REQUIRE_MESSAGE(created.check.ok(), code(created));
    const auto r = get_request(w.db, created.request_id);
    CHECK(r->employee_id == elsewhere);
    CHECK(r->office_id == office);
    CHECK(r->from_instansi == root);
    CHECK(r->employee_nip == "198503152010011009");
    CHECK(r->employee_name == "Siti Aminah");
    // Submitted without the person's record (the sending side checks it); the
    // sending side's step cannot be taken here (its office is not in any scope here).
    REQUIRE(w.step("bkpsdm_binjai", Command::submit, created.request_id, {}, "draf").check.ok());
    CHECK(code(w.step("bkpsdm_medan", Command::approve, created.request_id, {}, "diajukan")) == "workflow.forbidden");
    // The proposer may withdraw it.
    CHECK(w.step("bkpsdm_binjai", Command::cancel, created.request_id, {}, "diajukan").check.ok());
}
