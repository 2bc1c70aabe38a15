// Between-instansi transfers (issue 17 item 3, docs/SCALE.md "Between-instansi
// transfers"): shared migration 11 (the workflow tables without foreign keys
// to employees and offices, the request's snapshot of its applicant) and the
// antar_instansi path of the one graph — the receiving PPK proposes, the
// sending PPK approves (10-year commitment), pusat gives its pertimbangan
// teknis, the receiving PPK decides. One database holding two instansi (as
// the national tier on SQLite does); the receiving side alone in another.
#include <doctest/doctest.h>

#include <map>
#include <memory>

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

// Rows of `table` matching `where` copied from one database into another (read_row/write_row: every column).
void copy_rows(store::Db& from, store::Db& to, const std::string& table, const std::string& where) {
    const store::TableSpec& t = *store::find_table(table);
    std::vector<std::string> ids;
    auto q = from.prepare("SELECT id FROM " + table + " " + where);
    while (q.step()) ids.push_back(q.text(0));
    for (const auto& id : ids) {
        json row = *store::read_row(from, t, id);
        row.erase("id");
        store::write_row(to, t, id, row);
    }
}

// One instansi of a TwoInstansi world in a database of its own (as its instansi
// server holds it): its offices, positions and employees, and the workflow rows.
std::unique_ptr<store::Db> instansi_copy(store::Db& from, const std::string& root) {
    auto db = std::make_unique<store::Db>(":memory:");
    store::migrate(*db);
    std::string in;
    auto s = from.prepare("WITH RECURSIVE sub(id, d) AS (SELECT ?1, 0 UNION ALL SELECT o.id, sub.d + 1 FROM offices o "
                          "JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub ORDER BY d");
    s.bind(1, root);
    std::vector<std::string> offices;
    while (s.step()) offices.push_back(s.text(0));
    for (const auto& o : offices) {  // parents first
        copy_rows(from, *db, "offices", "WHERE id = '" + o + "'");
        in += (in.empty() ? "'" : ", '") + o + "'";
    }
    copy_rows(from, *db, "positions", "WHERE office_id IN (" + in + ")");
    copy_rows(from, *db, "employees", "WHERE office_id IN (" + in + ")");
    copy_rows(from, *db, "requests", "");
    copy_rows(from, *db, "request_events", "");
    return db;
}

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
    CHECK(r->employee_golongan == "III/a");  // (migration 12)
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
    CHECK(t.has("employee_golongan"));
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
    // One database holding both instansi (the national tier on SQLite) makes
    // neither side's TMT records: each instansi makes its own (test below).
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

TEST_CASE("between instansi: at the TMT each instansi makes its own records: the sending side's exit, the receiving side's entry and Selesai; nothing doubled") {
    TwoInstansi w;
    const StepResult created = w.step("bkpsdm_binjai", Command::create, "", w.proposal(w.e));
    REQUIRE(created.check.ok());
    const std::string id = created.request_id;
    REQUIRE(w.step("bkpsdm_binjai", Command::submit, id, {}, "draf").check.ok());
    REQUIRE(w.step("bkpsdm_medan", Command::approve, id, {}, "diajukan").check.ok());
    REQUIRE(w.step("pusat", Command::advise, id, {}, "disetujui_unit_asal").check.ok());
    REQUIRE(w.step("bkpsdm_binjai", Command::decide, id, {{"tmt", "2026-07-01"}}, "pertimbangan_teknis").check.ok());
    const auto decided = *get_request(w.db, id);
    CHECK(decided.employee_golongan == "III/a");  // the snapshot the entry record needs
    auto a = instansi_copy(w.db, w.medan), b = instansi_copy(w.db, w.binjai);
    const std::string nip = decided.employee_nip;
    auto active = [&](store::Db& db) {
        return count(db, "SELECT count(*) FROM employees WHERE archived = 0 AND nip = '" + nip + "'");
    };
    // Before the TMT: nothing on either side.
    CHECK(apply_effective(*a, {2026, 6, 30}, 2'000'000).applied == 0);
    CHECK(apply_effective(*b, {2026, 6, 30}, 2'000'000).applied == 0);
    CHECK(active(*a) == 1);
    CHECK(active(*b) == 0);

    // A receiving side whose request lacks the golongan cannot enter the person: said, nothing written.
    {
        auto b2 = instansi_copy(w.db, w.binjai);
        b2->exec("UPDATE requests SET employee_golongan = ''");
        const auto rep = apply_effective(*b2, {2026, 7, 1}, 3'000'000);
        CHECK(rep.applied == 0);
        REQUIRE(rep.failed.size() == 1);
        CHECK(rep.failed[0].second == "workflow.golongan_missing");
        CHECK(active(*b2) == 0);
        CHECK(get_request(*b2, id)->status == Status::ditetapkan);
    }

    // The receiving side: a new record of its own in the granted post, then Selesai.
    auto rep = apply_effective(*b, {2026, 7, 1}, 3'000'000);
    CHECK(rep.applied == 1);
    CHECK(rep.failed.empty());
    REQUIRE(active(*b) == 1);
    auto q = b->prepare("SELECT id FROM employees WHERE archived = 0 AND nip = ?1");
    q.bind(1, nip);
    REQUIRE(q.step());
    const auto entered = store::get_employee(*b, q.text(0));
    REQUIRE(entered);
    CHECK(entered->id != w.e);
    CHECK(entered->office_id == w.limau);
    CHECK(entered->position_id == w.pos_b);
    CHECK(entered->name == decided.employee_name);
    CHECK(entered->golongan == "III/a");
    CHECK(entered->birth_date == "1985-03-15");
    CHECK(entered->gender == Gender::male);
    CHECK(entered->tmt_position == "2026-07-01");
    CHECK(count(*b, "SELECT count(*) FROM placements WHERE employee_id = '" + entered->id + "' AND cause = 'mutasi' "
                    "AND office_id = '" + w.limau + "' AND from_office_id = '" + w.terjun + "' AND reference = '" +
                    decided.sk_number + "'") == 1);
    CHECK(get_request(*b, id)->status == Status::selesai);
    const auto line = timeline(*b, id);
    REQUIRE(line.size() == 6);
    CHECK(line.back().command == "complete");
    CHECK(line.back().actor == "server");

    // Selesai is handed down to the sending side (the rows as the centre passes them on) before it ran:
    // it still archives its record, once, as moved to another instansi; it never completes anything itself.
    copy_rows(*b, *a, "requests", "WHERE id = '" + id + "'");
    copy_rows(*b, *a, "request_events", "WHERE request_id = '" + id + "'");
    REQUIRE(get_request(*a, id)->status == Status::selesai);
    rep = apply_effective(*a, {2026, 7, 1}, 3'000'000);
    CHECK(rep.applied == 1);
    CHECK(rep.failed.empty());
    CHECK(store::get_employee(*a, w.e)->archived);
    CHECK(count(*a, "SELECT count(*) FROM placements WHERE employee_id = '" + w.e + "' AND cause = 'arsip' AND "
                    "exit_kind = 'pindah_instansi' AND reference = '" + decided.sk_number + "'") == 1);
    CHECK(timeline(*a, id).size() == 6);

    // Run again, on both sides, on later days: nothing doubled.
    for (int day = 2; day <= 3; ++day) {
        CHECK(apply_effective(*a, {2026, 7, day}, 4'000'000).applied == 0);
        CHECK(apply_effective(*b, {2026, 7, day}, 4'000'000).applied == 0);
    }
    CHECK(count(*a, "SELECT count(*) FROM placements") == 1);
    CHECK(count(*b, "SELECT count(*) FROM placements") == 1);
    CHECK(timeline(*b, id).size() == 6);
    // Across the two instansi the NIP is held once: by the receiving side (no claim twice).
    CHECK(active(*a) + active(*b) == 1);
    CHECK(active(*b) == 1);

    // The sending side running first (Ditetapkan there): its exit alone; the request is the receiving side's to complete.
    auto a2 = instansi_copy(w.db, w.medan);
    rep = apply_effective(*a2, {2026, 7, 1}, 3'000'000);
    CHECK(rep.applied == 1);
    CHECK(store::get_employee(*a2, w.e)->archived);
    CHECK(get_request(*a2, id)->status == Status::ditetapkan);
    CHECK(apply_effective(*a2, {2026, 7, 2}, 4'000'000).applied == 0);
}
