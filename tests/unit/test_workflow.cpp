// The transfer-request workflow (shared/workflow): every step of the graph in
// every state, for every kind of actor, allowed or refused; then what each
// step requires, the SK series and the TMT effect.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "access/access.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/scope.h"
#include "util/sha256.h"
#include "util/uuid.h"
#include "workflow/decision.h"
#include "workflow/effective.h"
#include "workflow/workflow.h"

#include "workflow_records.h"

using namespace seimbang;
using namespace seimbang::workflow;
using nlohmann::json;

namespace {

const Date kToday{2026, 6, 1};

// kota ─ kecamatan K ─ kelurahan A, B;  kota ─ kecamatan L ─ kelurahan C.
// Employee E (applicant) sits in A, wishes a post in B it is eligible for.
struct World {
    store::Db db{":memory:"};
    std::string kota, k, a, b, l, c;
    std::string pos_a, pos_b, pos_b2, pos_c, head_b;
    std::string e, other;
    std::map<std::string, access::Actor> actors;

    std::string office(const std::string& parent, OfficeKind kind, const std::string& name) {
        return test_records::add_office(db, parent, kind, name);
    }
    std::string position(const std::string& office, const std::string& name, bool head = false,
                         CompetenceLevels req = {}) {
        return test_records::add_position(db, office, name, head, std::move(req));
    }
    std::string employee(const std::string& pos, const std::string& nip, const std::string& tmt) {
        Employee x = test_records::employee_from_nip(pos, nip);
        x.tmt_position = tmt;
        x.competences = {{"Komunikasi", 3}};
        return test_records::add_employee(db, std::move(x));
    }
    World() {
        store::migrate(db);
        kota = office("", OfficeKind::kota, "Kota Medan");
        k = office(kota, OfficeKind::kecamatan, "Medan Marelan");
        a = office(k, OfficeKind::kelurahan, "Terjun");
        b = office(k, OfficeKind::kelurahan, "Paya Pasir");
        l = office(kota, OfficeKind::kecamatan, "Medan Labuhan");
        c = office(l, OfficeKind::kelurahan, "Martubung");
        pos_a = position(a, "Pengadministrasi Umum");
        pos_b = position(b, "Pengadministrasi Umum", false, {{"Komunikasi", 2}});
        pos_b2 = position(b, "Analis Kebijakan", false, {{"Komunikasi", 4}});
        pos_c = position(c, "Pengadministrasi Umum");
        head_b = position(b, "Lurah", true);
        e = employee(pos_a, "198503152010011001", "2019-01-01");
        other = employee(pos_a, "198703152010012002", "2019-01-01");
        auto actor = [&](const std::string& name, const std::string& role, const std::string& off,
                         const std::string& emp = {}) { actors[name] = make_actor(db, name, role, off, emp); };
        actor("pegawai_self", "pegawai", a, e);
        actor("pegawai_other", "pegawai", a, other);
        actor("operator_a", "operator", a);
        actor("operator_b", "operator", b);
        actor("kepala_a", "kepala_unit", a);
        actor("kepala_b", "kepala_unit", b);
        actor("kepala_c", "kepala_unit", c);
        actor("camat_k", "camat", k);
        actor("camat_l", "camat", l);
        actor("bkpsdm", "bkpsdm", kota);
        actor("pusat", "pusat", kota);
        actor("unknown_role", "admin", kota);
    }

    StepResult step(const std::string& who, Command cmd, const std::string& id, json args = json::object(),
                    std::string expect = {}) {
        StepContext ctx{db, actors.at(who), Authority::server, kToday, 1'000'000};
        StepInput in{cmd, id, std::move(expect), std::move(args)};
        return take_step(ctx, in);
    }
    json create_args() const {
        return {{"employee_id", e},
                {"kind", "atas_permintaan_sendiri"},
                {"reason", "mengikuti_suami_istri"},
                {"explanation", "Suami pindah tugas ke Paya Pasir"},
                {"to_positions", json::array({pos_b})}};
    }
    // A request of E placed directly in `status`, with the checklist complete.
    std::string request_in(Status status) {
        const std::string id = new_uuid_v7();
        Request r;
        r.id = id;
        r.number = request_number(id);
        r.employee_id = e;
        r.office_id = a;
        r.from_position_id = pos_a;
        r.to_office_id = b;
        r.to_positions = {pos_b};
        r.reason = Reason::mengikuti_suami_istri;
        r.explanation = "Suami pindah tugas";
        r.status = status;
        if (status == Status::ditetapkan) {
            r.sk_number = "800/1/BKPSDM/2026";
            r.tmt = "2026-07-01";
        }
        store::write_row(db, *store::find_table("requests"), id, to_fields(r));
        for (const char* type : {"surat_permohonan", "sk_pangkat_terakhir"})
            store::write_row(db, *store::find_table("request_documents"), new_uuid_v7(),
                             {{"request_id", id}, {"office_id", a}, {"to_office_id", b}, {"employee_id", e},
                              {"doc_type", type}, {"mime", "application/pdf"}, {"size", 10},
                              {"sha256", std::string(64, 'a')}});
        return id;
    }
    int count(const std::string& sql) {
        auto s = db.prepare(sql);
        s.step();
        return static_cast<int>(s.int64(0));
    }
    void clear_requests() {
        db.exec("DELETE FROM request_events; DELETE FROM request_documents; DELETE FROM requests;");
    }
};

json args_for(Command cmd) {
    switch (cmd) {
        case Command::return_:
        case Command::reject: return {{"note", "Berkas kurang jelas"}};
        case Command::decide: return {{"tmt", "2026-07-01"}};
        case Command::attach:
            return {{"document_id", new_uuid_v7()}, {"doc_type", "skp_2_tahun"}, {"file_name", "skp.pdf"},
                    {"mime", "application/pdf"}, {"size", 1234}, {"sha256", std::string(64, 'b')}};
        default: return json::object();
    }
}

}  // namespace

TEST_CASE("workflow: every step in every state, per role and office scope (allowed and refused)") {
    World w;
    using C = Command;
    using S = Status;
    // Who may take each (command, state), written out by hand from domain.md
    // (not derived from the access table under test). Missing pairs: not in the graph.
    const std::set<std::string> filer = {"pegawai_self", "operator_a", "camat_k", "bkpsdm"};
    const std::set<std::string> origin_head = {"kepala_a", "camat_k"};
    const std::set<std::string> destination_head = {"kepala_b", "camat_k"};
    const std::set<std::string> bkpsdm = {"bkpsdm"};
    const std::set<std::string> applicant = {"pegawai_self", "operator_a"};
    std::map<std::pair<C, S>, std::set<std::string>> allowed = {
        {{C::edit, S::draf}, filer},
        {{C::edit, S::dikembalikan}, filer},
        {{C::attach, S::draf}, filer},
        {{C::attach, S::dikembalikan}, filer},
        {{C::submit, S::draf}, filer},
        {{C::submit, S::dikembalikan}, filer},
        {{C::approve, S::diajukan}, origin_head},
        {{C::approve, S::disetujui_unit_asal}, destination_head},
        {{C::verify, S::disetujui_unit_tujuan}, bkpsdm},
        {{C::decide, S::verifikasi_bkpsdm}, bkpsdm},
        {{C::complete, S::ditetapkan}, {}},  // only the server's own TMT run
    };
    const std::pair<S, std::set<std::string>> waiting[] = {{S::diajukan, origin_head},
                                                            {S::disetujui_unit_asal, destination_head},
                                                            {S::disetujui_unit_tujuan, bkpsdm},
                                                            {S::verifikasi_bkpsdm, bkpsdm}};
    for (const auto& [s, who] : waiting) {
        allowed[{C::return_, s}] = who;
        allowed[{C::reject, s}] = who;
    }
    for (S s : {S::draf, S::diajukan, S::disetujui_unit_asal, S::disetujui_unit_tujuan, S::verifikasi_bkpsdm,
                S::dikembalikan})
        allowed[{C::cancel, s}] = applicant;
    const std::map<C, S> leads_to = {{C::submit, S::diajukan},    {C::verify, S::verifikasi_bkpsdm},
                                     {C::decide, S::ditetapkan},  {C::return_, S::dikembalikan},
                                     {C::reject, S::ditolak},     {C::cancel, S::dibatalkan},
                                     {C::complete, S::selesai}};

    int checked = 0, permitted = 0;
    for (S from : all_statuses()) {
        for (C cmd : all_commands()) {
            if (cmd == C::create) continue;
            for (const auto& [name, actor] : w.actors) {
                w.clear_requests();
                const std::string id = w.request_in(from);
                const json before = *store::read_row(w.db, *store::find_table("requests"), id);
                const int events_before = w.count("SELECT count(*) FROM request_events");
                const StepResult r = w.step(name, cmd, id, args_for(cmd), std::string(to_string(from)));
                auto it = allowed.find({cmd, from});
                const bool in_graph = it != allowed.end();
                const bool may = in_graph && it->second.count(name) > 0;
                const std::string who = name, step_name = std::string(to_string(cmd)) + " @ " + std::string(to_string(from));
                CAPTURE(step_name);  // (structured bindings cannot be captured under clang 14)
                CAPTURE(who);
                ++checked;
                if (may) {
                    ++permitted;
                    REQUIRE_MESSAGE(r.check.ok(), (r.check.first_error() ? r.check.first_error()->code : ""));
                    S expected = from;
                    if (cmd == C::approve) expected = from == S::diajukan ? S::disetujui_unit_asal : S::disetujui_unit_tujuan;
                    else if (leads_to.count(cmd)) expected = leads_to.at(cmd);
                    CHECK(get_request(w.db, id)->status == expected);
                    CHECK(w.count("SELECT count(*) FROM request_events") == events_before + 1);
                } else {
                    REQUIRE(!r.check.ok());
                    CHECK(r.check.first_error()->code == (in_graph ? "workflow.forbidden" : "workflow.bad_transition"));
                    CHECK(*store::read_row(w.db, *store::find_table("requests"), id) == before);
                    CHECK(w.count("SELECT count(*) FROM request_events") == events_before);
                }
            }
        }
    }
    CHECK(checked == 11 * 11 * 12);  // every status × every command but create × every actor
    CHECK(permitted == 54);  // 8 edit + 8 attach + 8 submit + 4 approve + 1 verify + 1 decide + 6 return + 6 reject + 12 cancel
}

TEST_CASE("workflow: who may file a new request") {
    World w;
    const std::set<std::string> may = {"pegawai_self", "operator_a", "camat_k", "bkpsdm"};
    for (const auto& [name, actor] : w.actors) {
        w.clear_requests();
        const StepResult r = w.step(name, Command::create, "", w.create_args());
        const std::string who = name;
        CAPTURE(who);
        CHECK(r.check.ok() == (may.count(name) > 0));
        CHECK(w.count("SELECT count(*) FROM requests") == (may.count(name) ? 1 : 0));
        if (!r.check.ok()) CHECK(r.check.first_error()->code == "workflow.forbidden");
    }
}

TEST_CASE("workflow: a whole request from Draf to Selesai, with its timeline and the move at the TMT") {
    World w;
    auto created = w.step("pegawai_self", Command::create, "", w.create_args());
    REQUIRE(created.check.ok());
    const std::string id = created.request_id;
    auto r0 = get_request(w.db, id);
    CHECK(r0->status == Status::draf);
    CHECK(r0->office_id == w.a);
    CHECK(r0->to_office_id == w.b);
    CHECK(r0->number == request_number(id));
    CHECK(r0->number.size() == 13);
    for (const char* type : {"surat_permohonan", "sk_pangkat_terakhir"}) {
        json a = args_for(Command::attach);
        a["doc_type"] = type;
        REQUIRE(w.step("pegawai_self", Command::attach, id, a).check.ok());
    }
    REQUIRE(w.step("pegawai_self", Command::submit, id, {}, "draf").check.ok());
    REQUIRE(w.step("kepala_a", Command::approve, id, {{"note", "Setuju"}}, "diajukan").check.ok());
    REQUIRE(w.step("kepala_b", Command::approve, id, {}, "disetujui_unit_asal").check.ok());
    REQUIRE(w.step("bkpsdm", Command::verify, id, {}, "disetujui_unit_tujuan").check.ok());
    auto decided = w.step("bkpsdm", Command::decide, id, {{"tmt", "2026-07-01"}}, "verifikasi_bkpsdm");
    REQUIRE(decided.check.ok());
    CHECK(decided.sk_number == "800/1/BKPSDM/2026");
    auto r = get_request(w.db, id);
    CHECK(r->status == Status::ditetapkan);
    CHECK(r->sk_date == "2026-06-01");
    CHECK(r->tmt == "2026-07-01");

    // Before the TMT nothing moves; on it, the employee moves and history is kept.
    CHECK(apply_effective(w.db, {2026, 6, 30}, 2'000'000).applied == 0);
    CHECK(store::get_employee(w.db, w.e)->office_id == w.a);
    auto rep = apply_effective(w.db, {2026, 7, 1}, 2'000'000);
    CHECK(rep.applied == 1);
    CHECK(rep.failed.empty());
    auto moved = store::get_employee(w.db, w.e);
    CHECK(moved->office_id == w.b);
    CHECK(moved->position_id == w.pos_b);
    CHECK(moved->tmt_position == "2026-07-01");
    CHECK(get_request(w.db, id)->status == Status::selesai);
    CHECK(w.count("SELECT count(*) FROM placements WHERE employee_id = '" + w.e +
                  "' AND from_office_id = '" + w.a + "' AND office_id = '" + w.b +
                  "' AND reference = '800/1/BKPSDM/2026' AND cause = 'mutasi'") == 1);
    CHECK(apply_effective(w.db, {2026, 7, 2}, 2'000'000).applied == 0);  // once only

    const auto tl = timeline(w.db, id);
    std::vector<std::string> cmds;
    for (const auto& ev : tl) cmds.push_back(ev.command);
    CHECK(cmds == std::vector<std::string>{"create", "attach", "attach", "submit", "approve", "approve", "verify",
                                           "decide", "complete"});
    CHECK(tl[4].actor == "kepala_a");
    CHECK(tl[4].note == "Setuju");
    CHECK(tl[4].from_status == "diajukan");
    CHECK(tl[4].to_status == "disetujui_unit_asal");
    CHECK(tl[8].actor == "server");
}

TEST_CASE("workflow: what each step requires, refused with a specific code and nothing changed") {
    World w;
    auto refuse = [&](const std::string& who, Command cmd, const std::string& id, json args, const std::string& code,
                      const std::string& expect = {}) {
        const int rows = w.count("SELECT count(*) FROM requests") + w.count("SELECT count(*) FROM request_events");
        auto r = w.step(who, cmd, id, std::move(args), expect);
        REQUIRE(!r.check.ok());
        CHECK(r.check.first_error()->code == code);
        CHECK(w.count("SELECT count(*) FROM requests") + w.count("SELECT count(*) FROM request_events") == rows);
    };
    json a = w.create_args();
    a["explanation"] = "   ";
    refuse("pegawai_self", Command::create, "", a, "workflow.explanation_required");
    a = w.create_args();
    a["reason"] = "bosan";
    refuse("pegawai_self", Command::create, "", a, "workflow.bad_reason");
    a = w.create_args();
    a["to_positions"] = json::array({new_uuid_v7()});
    refuse("pegawai_self", Command::create, "", a, "workflow.unknown_position");
    a["to_positions"] = json::array();
    refuse("pegawai_self", Command::create, "", a, "workflow.destination_required");
    a["to_positions"] = json::array({w.pos_b, w.pos_b2, w.pos_c, w.pos_c});
    refuse("pegawai_self", Command::create, "", a, "workflow.bad_wishes");
    a["to_positions"] = json::array({w.pos_a});
    refuse("pegawai_self", Command::create, "", a, "workflow.same_position");
    a["to_positions"] = json::array({w.head_b});
    refuse("pegawai_self", Command::create, "", a, "workflow.head_position");
    a = w.create_args();
    a["kind"] = "dinas";
    refuse("pegawai_self", Command::create, "", a, "workflow.kind_not_allowed");
    a["employee_id"] = new_uuid_v7();
    refuse("operator_a", Command::create, "", a, "workflow.unknown_employee");

    // A second open request of the same employee.
    REQUIRE(w.step("pegawai_self", Command::create, "", w.create_args()).check.ok());
    refuse("operator_a", Command::create, "", w.create_args(), "workflow.open_request_exists");
    w.clear_requests();

    // Submit: tenure against the setting, disciplinary flag, eligibility for every wish.
    auto draft = [&](json args) {
        auto r = w.step("operator_a", Command::create, "", std::move(args));
        REQUIRE(r.check.ok());
        return r.request_id;
    };
    std::string id = draft(w.create_args());
    auto emp = *store::get_employee(w.db, w.e);
    emp.tmt_position = "2025-01-01";  // 17 months before kToday; the default minimum is 24
    REQUIRE(store::save_employee(w.db, emp).ok());
    refuse("pegawai_self", Command::submit, id, {}, "workflow.tenure_short");
    emp.tmt_position = "2019-01-01";
    emp.discipline_open = true;
    REQUIRE(store::save_employee(w.db, emp).ok());
    refuse("pegawai_self", Command::submit, id, {}, "workflow.discipline_open");
    emp.discipline_open = false;
    REQUIRE(store::save_employee(w.db, emp).ok());
    REQUIRE(w.step("pegawai_self", Command::edit, id, {{"to_positions", json::array({w.pos_b, w.pos_b2})}}).check.ok());
    refuse("pegawai_self", Command::submit, id, {}, "workflow.not_eligible");  // Komunikasi 3 < 4
    // A pelaksana wishing for a Kepala Seksi post (pengawas) they would otherwise
    // meet: a promotion with its own procedure, not a mutasi (the planner's rule).
    Position seksi;
    seksi.office_id = w.b;
    seksi.name = "Kepala Seksi Pemerintahan";
    seksi.kind = PositionKind::pengawas;
    seksi.eselon = "IVb";
    seksi.golongan_min = "III/a";
    seksi.golongan_max = "III/d";
    REQUIRE(store::save_position(w.db, seksi).ok());
    REQUIRE(w.step("pegawai_self", Command::edit, id, {{"to_positions", json::array({seksi.id})}}).check.ok());
    refuse("pegawai_self", Command::submit, id, {}, "workflow.not_same_kind");
    REQUIRE(w.step("pegawai_self", Command::edit, id, {{"to_positions", json::array({w.pos_b})}}).check.ok());
    // The state the actor saw must still be the state.
    refuse("pegawai_self", Command::submit, id, {}, "workflow.state_changed", "dikembalikan");
    REQUIRE(w.step("pegawai_self", Command::submit, id, {}, "draf").check.ok());
    refuse("pegawai_self", Command::submit, id, {}, "workflow.bad_transition");
    // Return and reject need a reason.
    refuse("kepala_a", Command::return_, id, {{"note", "  "}}, "workflow.note_required");
    refuse("kepala_a", Command::reject, id, {}, "workflow.note_required");
    REQUIRE(w.step("kepala_a", Command::approve, id).check.ok());
    REQUIRE(w.step("kepala_b", Command::approve, id).check.ok());
    // BKPSDM verifies a complete dossier only.
    refuse("bkpsdm", Command::verify, id, {}, "workflow.checklist_incomplete");
    json doc = args_for(Command::attach);
    doc["mime"] = "text/plain";
    refuse("bkpsdm", Command::attach, id, doc, "workflow.bad_transition");  // documents only while the applicant holds it

    // Decide: online only, a valid TMT, numbers in series.
    const std::string v = w.request_in(Status::verifikasi_bkpsdm);
    StepContext device{w.db, w.actors.at("bkpsdm"), Authority::device, kToday, 1};
    auto offline = take_step(device, {Command::decide, v, "", {{"tmt", "2026-07-01"}}});
    CHECK(offline.check.first_error()->code == "workflow.online_only");
    refuse("bkpsdm", Command::decide, v, {{"tmt", "2026-02-30"}}, "workflow.bad_tmt");
    refuse("bkpsdm", Command::decide, v, {{"tmt", "2026-05-31"}}, "workflow.bad_tmt");
    CHECK(w.count("SELECT count(*) FROM sk_series") == 0);  // nothing used by refused decisions
}

TEST_CASE("workflow: documents: type by magic bytes, size limit from the settings") {
    World w;
    CHECK(sniff_mime("%PDF-1.7\n...") == "application/pdf");
    CHECK(sniff_mime(std::string("\xFF\xD8\xFF\xE0", 4)) == "image/jpeg");
    CHECK(sniff_mime(std::string("\x89PNG\r\n\x1a\n....", 12)) == "image/png");
    CHECK(sniff_mime("GIF89a").empty());
    CHECK(sniff_mime("PK\x03\x04 a zip named surat.pdf").empty());
    auto created = w.step("pegawai_self", Command::create, "", w.create_args());
    REQUIRE(created.check.ok());
    json a = args_for(Command::attach);
    a["mime"] = "image/gif";
    CHECK(w.step("pegawai_self", Command::attach, created.request_id, a).check.first_error()->code == "document.bad_type");
    a = args_for(Command::attach);
    a["size"] = 5 * 1024 * 1024 + 1;
    CHECK(w.step("pegawai_self", Command::attach, created.request_id, a).check.first_error()->code == "document.too_large");
    WorkflowSettings s;
    s.max_document_bytes = 10 * 1024 * 1024;
    REQUIRE(save_workflow_settings(w.db, s).ok());
    CHECK(w.step("pegawai_self", Command::attach, created.request_id, a).check.ok());
    a = args_for(Command::attach);
    a["sha256"] = "xyz";
    CHECK(w.step("pegawai_self", Command::attach, created.request_id, a).check.first_error()->code == "document.bad_hash");
}

TEST_CASE("workflow: SK numbers follow the yearly series of the setting") {
    World w;
    WorkflowSettings s;
    s.sk_number_format = "821.2/{n}/BKPSDM/{year}";
    REQUIRE(save_workflow_settings(w.db, s).ok());
    std::vector<std::string> numbers;
    for (int i = 0; i < 3; ++i) {
        w.clear_requests();
        const std::string id = w.request_in(Status::verifikasi_bkpsdm);
        auto r = w.step("bkpsdm", Command::decide, id, {{"tmt", "2026-07-01"}});
        REQUIRE(r.check.ok());
        numbers.push_back(r.sk_number);
    }
    CHECK(numbers == std::vector<std::string>{"821.2/1/BKPSDM/2026", "821.2/2/BKPSDM/2026", "821.2/3/BKPSDM/2026"});
    CHECK(format_sk_number("800/{n}/BKPSDM/{year}", 17, 2027) == "800/17/BKPSDM/2027");
    s.sk_number_format = "800/BKPSDM/{year}";  // without {n} every decree of a year would look alike
    CHECK(!save_workflow_settings(w.db, s).ok());
}

TEST_CASE("access: unknown roles may do nothing; the table names only known roles") {
    access::Actor nobody{"x", "admin", "", {"o1"}};
    for (const auto& p : access::permissions()) {
        CHECK(access::role_known(access::to_string(p.role)));
        CHECK(!access::permitted(nobody, p.action, {"e", "o1", "o1"}));
    }
    access::Actor pegawai{"p", "pegawai", "e1", {}};
    CHECK(access::permitted(pegawai, access::Action::request_file, {"e1", "o1", "o2"}));
    CHECK(!access::permitted(pegawai, access::Action::request_file, {"e2", "o1", "o2"}));
    CHECK(!access::permitted(pegawai, access::Action::request_approve_origin, {"e1", "o1", "o2"}));
}

TEST_CASE("access: what each role reads and writes of the synced data, and the sync scope applies it") {
    using access::Reach;
    using access::Role;
    CHECK(access::read_reach(Role::pegawai) == Reach::own_records);
    CHECK(access::write_reach(Role::pegawai) == Reach::none);
    CHECK(access::read_reach(Role::pusat) == Reach::everything);
    CHECK(access::write_reach(Role::pusat) == Reach::none);
    for (Role r : {Role::operator_, Role::kepala_unit, Role::camat, Role::bkpsdm}) {
        CHECK(access::read_reach(r) == Reach::office_subtree);
        CHECK(access::write_reach(r) == Reach::office_subtree);
        CHECK(access::writes_table(r, "employees"));
        CHECK(access::writes_table(r, "offices") == (r == Role::bkpsdm));
    }
    // The sync layer reads the same table: an unknown role reads and writes nothing.
    store::Db db(":memory:");
    store::migrate(db);
    CHECK(!sync::role_writes_table("admin", "employees"));
    CHECK(!sync::role_writes_table("pegawai", "employees"));
    CHECK(sync::role_writes_table("operator", "employees"));
    CHECK(!sync::role_writes_table("camat", "offices"));
    const sync::Scope unknown = sync::read_scope(db, {"u", "x", "X", "admin", "o1", "", "d"});
    CHECK((!unknown.all && !unknown.own_employee_only && unknown.offices.empty()));
    CHECK(sync::read_scope(db, {"u", "x", "X", "pusat", "o1", "", "d"}).all);
    const sync::Scope own = sync::read_scope(db, {"u", "x", "X", "pegawai", "o1", "e1", "d"});
    CHECK((own.own_employee_only && own.employee_id == "e1"));
    CHECK(sync::write_scope(db, {"u", "x", "X", "pusat", "o1", "", "d"}).offices.empty());
}

TEST_CASE("sha256: FIPS 180-4 test vectors (content addresses of documents)") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("workflow: decision support: EJ and EU of both offices before and after, fit, tenure, other requests") {
    World w;
    auto task = [&](const std::string& pos, double minutes) {
        AbkTask t;
        t.position_id = pos;
        t.year = 2026;
        t.task = "Layanan administrasi";
        t.volume = minutes;
        t.norm_minutes = 1;
        REQUIRE(store::save_task(w.db, t).ok());
    };
    task(w.pos_a, 150000);  // 2.0 staff needed, 2 holders: EJ 1.0
    task(w.pos_b, 75000);   // 1.0 needed, vacant
    json a = w.create_args();
    a["to_positions"] = json::array({w.pos_b, w.pos_b2});
    auto c = w.step("operator_a", Command::create, "", a);
    REQUIRE(c.check.ok());
    // Another open request from the same office (the other employee) shows beside it.
    json b = w.create_args();
    b["employee_id"] = w.other;
    auto c2 = w.step("operator_a", Command::create, "", b);
    REQUIRE(c2.check.ok());
    const auto d = decision_support(w.db, *get_request(w.db, c.request_id), 2026, kToday);
    CHECK(d.origin.ej_before == doctest::Approx(1.0));
    CHECK(d.origin.ej_after == doctest::Approx(2.0));  // the origin loses a holder: overloaded
    CHECK(!d.destination.ej_before);                    // vacant before
    CHECK(d.destination.ej_after == doctest::Approx(1.0));
    CHECK(d.origin.eu_before == doctest::Approx(1.0));
    CHECK(d.origin.eu_after == doctest::Approx(2.0));
    CHECK(d.destination.eu_after == doctest::Approx(1.0));
    REQUIRE(d.wishes.size() == 2);
    CHECK(d.wishes[0].eligible);
    CHECK(!d.wishes[1].eligible);  // Komunikasi 3 < 4
    CHECK(d.tenure_months == 89);  // 2019-01-01 .. 2026-06-01
    CHECK(d.other_open == std::vector<std::string>{get_request(w.db, c2.request_id)->number});
}
