// Transfer requests end to end against the real server: steps taken offline on
// office devices and synced as commands, SK numbers under concurrent
// decisions, the TMT effect (apply-effective) on office, position, placement
// history and ABK, the public status and verification answers, the I-MUT
// export, and the `seimbang request` CLI.
#include <doctest/doctest.h>

#include <httplib.h>

#include <set>
#include <thread>

#include "harness.h"
#include "model/settings.h"
#include "plan/eligibility_records.h"
#include "store/abk_query.h"
#include "store/repo.h"
#include "sync/blobs.h"
#include "util/sha256.h"
#include "util/uuid.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

using namespace itest;
using namespace seimbang;
using nlohmann::json;
using workflow::Command;

namespace {

httplib::Headers auth(const SimOffice& o) { return {{"Authorization", "Bearer " + o.token}, {"X-Device-Id", o.device}}; }

std::string office_named(const std::string& db, const std::string& name) {
    return server_rows(db, "SELECT id FROM offices WHERE name = '" + name + "'")[0]["id"];
}

struct Move {
    Employee e;
    Position p;
};
// Employees of `from` with enough tenure, each with a distinct eligible non-head post in `to`.
std::vector<Move> eligible_moves(const std::string& db_path, const std::string& from, const std::string& to, size_t n) {
    store::Db db(db_path);
    const Settings s = store::load_settings(db);
    std::vector<Move> out;
    std::set<std::string> used;
    for (const auto& e : store::list_employees(db, {from, false})) {
        auto tmt = parse_iso_date(e.tmt_position);
        if (e.office_id != from || !tmt || months_between(*tmt, workflow::today_wib()) < s.min_tenure_months) continue;
        const auto own = store::get_position(db, e.position_id);
        for (const auto& p : store::list_positions(db, to))
            if (p.office_id == to && !p.is_head && !used.count(p.id) && own && plan::may_request(e, *own, p)) {
                used.insert(p.id);
                out.push_back({e, p});
                break;
            }
        if (out.size() == n) break;
    }
    return out;
}

// A CLI database signed in as `user` at `srv`.
// `url_suffix` "/": the address as copied from a browser's address bar.
void cli_login(const std::string& db, const ServerProcess& srv, const std::string& user, const std::string& url_suffix = "") {
    REQUIRE(run({SEIMBANG_CLI_BIN, "--db", db, "login", "--server", srv.url() + url_suffix, "--user", user, "--password-stdin"},
                "marelan2026\n") == 0);
}

access::Actor actor(SimOffice& o, const std::string& role) {
    return workflow::make_actor(*o.db, o.user, role, o.office_id, "");
}

void step(SimOffice& o, const std::string& role, Command c, const std::string& id, json args = json::object()) {
    auto r = workflow::get_request(*o.db, id);
    REQUIRE(r);
    auto res = workflow::take_step_offline(*o.db, actor(o, role), {c, id, std::string(workflow::to_string(r->status)), args},
                                           workflow::today_wib());
    REQUIRE_MESSAGE(res.check.ok(), (res.check.first_error() ? res.check.first_error()->code : ""));
}

json doc(const std::string& type) {
    return {{"document_id", new_uuid_v7()}, {"doc_type", type}, {"file_name", type + ".pdf"},
            {"mime", "application/pdf"}, {"size", 100}, {"sha256", std::string(64, 'd')}};
}

}  // namespace

TEST_CASE("workflow over HTTP: offline steps, SK numbers under concurrent decisions, the TMT effect, public answers") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    const std::string terjun = office_named(srv.db_path(), "Kelurahan Terjun");
    const std::string paya = office_named(srv.db_path(), "Kelurahan Paya Pasir");
    const std::string kec = office_named(srv.db_path(), "Kecamatan Medan Marelan");
    const auto moves = eligible_moves(srv.db_path(), terjun, paya, 3);
    REQUIRE(moves.size() == 3);

    SimOffice op(dir, "operator.terjun", srv.url()), head_o(dir, "lurah.terjun", srv.url()),
        head_d(dir, "lurah.payapasir", srv.url()), bk(dir, "bkpsdm.medan", srv.url());
    for (SimOffice* o : {&op, &head_o, &head_d, &bk}) REQUIRE(o->sync().ok);

    // Filed and submitted offline by the operator, approved by both heads, verified by BKPSDM.
    std::vector<std::string> ids;
    for (const auto& m : moves) {
        auto c = workflow::take_step_offline(*op.db, actor(op, "operator"),
                                             {Command::create, "", "",
                                              {{"employee_id", m.e.id},
                                               {"reason", "pengembangan_karier"},
                                               {"explanation", "Ingin mengembangkan karier di Paya Pasir"},
                                               {"to_positions", json::array({m.p.id})}}},
                                             workflow::today_wib());
        REQUIRE(c.check.ok());
        ids.push_back(c.request_id);
        step(op, "operator", Command::attach, c.request_id, doc("surat_permohonan"));
        step(op, "operator", Command::attach, c.request_id, doc("sk_pangkat_terakhir"));
        step(op, "operator", Command::submit, c.request_id);
    }
    REQUIRE(op.sync().ok);
    REQUIRE(head_o.sync().ok);
    for (const auto& id : ids) step(head_o, "kepala_unit", Command::approve, id);
    REQUIRE(head_o.sync().ok);
    REQUIRE(head_d.sync().ok);
    for (const auto& id : ids) step(head_d, "kepala_unit", Command::approve, id);
    REQUIRE(head_d.sync().ok);
    REQUIRE(bk.sync().ok);
    for (const auto& id : ids) step(bk, "bkpsdm", Command::verify, id);
    REQUIRE(bk.sync().ok);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM requests WHERE status = 'verifikasi_bkpsdm'") == 3);

    // Decisions from three devices at once; a refused one (TMT in the past) in between takes no number.
    const std::string tmt = format_iso_date(workflow::today_wib());
    std::vector<std::unique_ptr<SimOffice>> deciders;
    for (int i = 0; i < 4; ++i) deciders.push_back(std::make_unique<SimOffice>(temp_dir(), "bkpsdm.medan", srv.url()));
    for (int i = 0; i < 4; ++i) {
        const std::string& id = ids[static_cast<size_t>(i % 3)];
        const json args = i == 3 ? json{{"tmt", "2000-01-01"}} : json{{"tmt", tmt}};
        sync::enqueue_command(*deciders[static_cast<size_t>(i)]->db, "requests", id, "decide", "verifikasi_bkpsdm", args);
    }
    {
        std::vector<std::thread> threads;
        for (auto& d : deciders) threads.emplace_back([&d] { d->sync(); });
        for (auto& t : threads) t.join();
    }
    const json decided = server_rows(srv.db_path(), "SELECT sk_number FROM requests WHERE sk_number <> '' ORDER BY sk_number");
    const std::string year = std::to_string(workflow::today_wib().year);
    std::set<std::string> numbers;
    for (const auto& r : decided) numbers.insert(r["sk_number"]);
    CHECK(numbers == std::set<std::string>{"800/1/BKPSDM/" + year, "800/2/BKPSDM/" + year, "800/3/BKPSDM/" + year});
    CHECK(server_count(srv.db_path(), "SELECT last FROM sk_series WHERE year = " + year) == 3);
    int refused = 0;
    for (auto& d : deciders) refused += static_cast<int>(sync::list_rejected(*d->db).size());
    CHECK(refused == 1);

    // The decree as PDF: number, employee, destination and the verification address, for those who may read it.
    {
        httplib::Client http(srv.url());
        const std::string sk = server_rows(srv.db_path(), "SELECT sk_number FROM requests WHERE id = '" + ids[0] + "'")[0]["sk_number"];
        auto pdf = http.Get(("/api/v1/requests/" + ids[0] + "/sk.pdf").c_str(), auth(op));
        REQUIRE(pdf);
        CHECK(pdf->status == 200);
        CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
        CHECK(pdf->body.rfind("%PDF-", 0) == 0);
        // libharu writes '/' inside text strings as the octal escape \057.
        std::string sk_in_pdf;
        for (char c : sk) sk_in_pdf += c == '/' ? std::string("\\057") : std::string(1, c);
        CHECK(pdf->body.find("NOMOR " + sk_in_pdf) != std::string::npos);
        CHECK(pdf->body.find(moves[0].e.nip) != std::string::npos);
        CHECK(pdf->body.find(moves[0].p.name) != std::string::npos);
        CHECK(pdf->body.find("verifikasi?sk=") != std::string::npos);
        SimOffice stranger(dir, "operator.rengaspulau", srv.url());
        CHECK(http.Get(("/api/v1/requests/" + ids[0] + "/sk.pdf").c_str(), auth(stranger))->status == 404);
    }

    // The TMT: the move takes effect through the normal write path.
    const Move& m = moves[0];
    store::Db before_db(srv.db_path());
    const int holders_before = static_cast<int>(store::list_employees(before_db, {paya, false}).size());
    std::string out;
    CHECK(run({SEIMBANG_SERVER_BIN, "apply-effective", "--db", srv.db_path(), "--today", tmt}, "", &out) == 0);
    CHECK(json::parse(out)["applied"] == 3);
    const json moved = server_rows(srv.db_path(), "SELECT office_id, position_id, tmt_position FROM employees WHERE id = '" + m.e.id + "'");
    CHECK(moved[0]["office_id"] == paya);
    CHECK(moved[0]["position_id"] == m.p.id);
    CHECK(moved[0]["tmt_position"] == tmt);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM placements WHERE cause = 'mutasi' AND from_office_id = '" + terjun + "'") == 3);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM requests WHERE status = 'selesai'") == 3);
    CHECK(static_cast<int>(store::list_employees(before_db, {paya, false}).size()) == holders_before + 3);
    // ABK follows: the destination position has one holder more.
    const auto abk = store::analyse_scope(before_db, paya, 2026, store::load_settings(before_db));
    for (const auto& p : abk.result.positions)
        if (p.position == m.p.id) CHECK(p.holders >= 1);
    // Every office concerned receives it: an entry at Paya Pasir, an exit at Terjun.
    REQUIRE(op.sync().ok);
    CHECK(!store::get_employee(*op.db, m.e.id));
    SimOffice op_d(dir, "operator.payapasir", srv.url());
    REQUIRE(op_d.sync().ok);
    CHECK(store::get_employee(*op_d.db, m.e.id)->position_id == m.p.id);

    httplib::Client http(srv.url());
    // Public status: the status alone; a wrong NIP answers like an unknown number.
    auto req0 = workflow::get_request(*op_d.db, ids[0]);
    REQUIRE(req0);
    auto r = http.Get(("/api/v1/public/status?number=" + req0->number + "&nip=" + m.e.nip).c_str());
    REQUIRE(r);
    CHECK(r->status == 200);
    json st = json::parse(r->body);
    CHECK(st["status"] == "selesai");
    std::set<std::string> keys;
    for (const auto& [k, v] : st.items()) keys.insert(k);
    CHECK(keys == std::set<std::string>{"number", "status", "status_label"});
    CHECK(r->body.find(m.e.name) == std::string::npos);
    // Verification of the decree: its essential facts; an unknown number is not confirmed.
    r = http.Get(("/api/v1/public/sk?number=" + httplib::detail::encode_query_param(req0->sk_number)).c_str());
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(json::parse(r->body)["nip"] == m.e.nip);
    r = http.Get(("/verifikasi?sk=" + httplib::detail::encode_query_param(req0->sk_number)).c_str());
    REQUIRE(r);
    CHECK(r->body.find(m.e.name) != std::string::npos);
    r = http.Get("/api/v1/public/sk?number=800%2F99%2FBKPSDM%2F2026");
    CHECK(r->status == 404);

    // The I-MUT export: BKPSDM gets one row per move; an operator may not export.
    r = http.Get(("/api/v1/exports/imut.csv?scope=" + kec + "&from=" + tmt + "&to=" + tmt).c_str(), auth(bk));
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(std::count(r->body.begin(), r->body.end(), '\n') == 4);
    CHECK(r->body.rfind("nip,nama,golongan", 0) == 0);
    CHECK(r->body.find(m.e.nip) != std::string::npos);
    r = http.Get(("/api/v1/exports/imut.csv?scope=" + kec + "&from=" + tmt + "&to=" + tmt).c_str(), auth(op));
    CHECK(r->status == 403);

    // Rate limit: failed look-ups from one address are limited like logins.
    int last = 0;
    for (int i = 0; i < 6; ++i) last = http.Get(("/api/v1/public/status?number=" + req0->number + "&nip=1").c_str())->status;
    CHECK(last == 429);
}

TEST_CASE("seimbang request: the CLI files, shows and refuses steps with exit 2 and nothing changed") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    const std::string terjun = office_named(srv.db_path(), "Kelurahan Terjun");
    const std::string paya = office_named(srv.db_path(), "Kelurahan Paya Pasir");
    const auto moves = eligible_moves(srv.db_path(), terjun, paya, 1);
    REQUIRE(moves.size() == 1);
    const std::string db = dir + "/cli.db", cli = SEIMBANG_CLI_BIN;
    cli_login(db, srv, "operator.terjun");
    REQUIRE(run({cli, "--db", db, "sync"}) == 0);
    {
        FILE* f = std::fopen((dir + "/surat.pdf").c_str(), "wb");
        std::fputs("%PDF-1.4\n% surat permohonan\n", f);
        std::fclose(f);
        f = std::fopen((dir + "/foto.pdf").c_str(), "wb");  // named .pdf, but a GIF
        std::fputs("GIF89a....", f);
        std::fclose(f);
    }
    std::string out;
    // Bad input: a document that is not what its name says; a reason without explanation.
    CHECK(run({cli, "--db", db, "request", "new", "--employee", moves[0].e.id, "--to", moves[0].p.id, "--reason",
               "kesehatan", "--explanation", "Dekat rumah sakit", "--attach", dir + "/foto.pdf"}) == 2);
    CHECK(run({cli, "--db", db, "request", "new", "--employee", moves[0].e.id, "--to", moves[0].p.id, "--reason",
               "kesehatan"}) == 2);
    CHECK(run({cli, "--db", db, "request", "list", "--json"}, "", &out) == 0);
    CHECK(json::parse(out).empty());
    CHECK(run({cli, "--db", db, "request", "new", "--employee", moves[0].e.id, "--to", moves[0].p.id, "--reason",
               "kesehatan", "--explanation", "Dekat rumah sakit", "--attach", dir + "/surat.pdf"},
              "", &out) == 0);
    const std::string id = out.substr(0, out.find('\t'));
    REQUIRE(is_uuid(id));
    // An operator may not approve: exit 2, nothing queued.
    CHECK(run({cli, "--db", db, "request", "submit", id}) == 0);
    CHECK(run({cli, "--db", db, "status", "--json"}, "", &out) == 0);
    const int64_t pending = json::parse(out)["pending"];
    CHECK(run({cli, "--db", db, "request", "approve", id}) == 2);
    CHECK(run({cli, "--db", db, "status", "--json"}, "", &out) == 0);
    CHECK(json::parse(out)["pending"] == pending);
    CHECK(run({cli, "--db", db, "request", "show", id, "--json"}, "", &out) == 0);
    const json shown = json::parse(out);
    CHECK(shown["status"] == "diajukan");
    CHECK(shown["timeline"].size() == 3);
    CHECK(shown["documents"][0]["type"] == "surat_permohonan");
    CHECK(shown["missing_documents"] == json::array({"sk_pangkat_terakhir"}));
    CHECK(run({cli, "--db", db, "sync"}) == 0);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM requests WHERE status = 'diajukan'") == 1);
    // The attached document went up by itself, content-addressed.
    const std::string sha = shown["documents"][0]["sha256"];
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM blobs WHERE complete = 1 AND sha256 = '" + sha + "'") == 1);
    CHECK(run({cli, "--db", db, "request", "list", "--status", "diajukan"}, "", &out) == 0);
    CHECK(out.find("Diajukan") != std::string::npos);
}

TEST_CASE("seimbang request edit: a returned request is corrected by its filer and submitted again") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    const std::string terjun = office_named(srv.db_path(), "Kelurahan Terjun");
    const std::string paya = office_named(srv.db_path(), "Kelurahan Paya Pasir");
    const auto moves = eligible_moves(srv.db_path(), terjun, paya, 1);
    REQUIRE(moves.size() == 1);
    std::optional<Position> other;  // a post elsewhere (not Terjun) the same person may also wish for
    {
        store::Db sdb(srv.db_path());
        const auto own = store::get_position(sdb, moves[0].e.position_id);
        REQUIRE(own);
        for (const auto& p : store::list_positions(sdb, ""))
            if (p.office_id != terjun && !p.is_head && p.id != moves[0].p.id && plan::may_request(moves[0].e, *own, p)) other = p;
    }
    REQUIRE(other);
    const std::string op = dir + "/op.db", lurah = dir + "/lurah.db", cli = SEIMBANG_CLI_BIN;
    cli_login(op, srv, "operator.terjun");
    cli_login(lurah, srv, "lurah.terjun", "/");  // regression: a trailing slash made the server unreachable
    REQUIRE(run({cli, "--db", op, "sync"}) == 0);
    std::string out;
    REQUIRE(run({cli, "--db", op, "request", "new", "--employee", moves[0].e.id, "--to", moves[0].p.id, "--reason",
                 "kesehatan", "--explanation", "Dekat rumah sakit"},
                "", &out) == 0);
    const std::string id = out.substr(0, out.find('\t'));
    REQUIRE(run({cli, "--db", op, "request", "submit", id}) == 0);
    REQUIRE(run({cli, "--db", op, "sync"}) == 0);
    // A submitted request cannot be changed by its filer: exit 2, nothing queued.
    CHECK(run({cli, "--db", op, "request", "edit", id, "--explanation", "Lain"}) == 2);
    // The lurah returns it with a reason.
    REQUIRE(run({cli, "--db", lurah, "sync"}) == 0);
    REQUIRE(run({cli, "--db", lurah, "request", "return", id, "--note", "Lampirkan surat dokter"}) == 0);
    REQUIRE(run({cli, "--db", lurah, "sync"}) == 0);
    REQUIRE(run({cli, "--db", op, "sync"}) == 0);
    CHECK(run({cli, "--db", op, "request", "show", id, "--json"}, "", &out) == 0);
    CHECK(json::parse(out)["status"] == "dikembalikan");
    // Bad edits are refused with their reason and change nothing.
    CHECK(run({cli, "--db", op, "request", "edit", id}) == 2);
    CHECK(run({cli, "--db", op, "request", "edit", id, "--reason", "alasan_lain"}) == 2);
    CHECK(run({cli, "--db", op, "request", "edit", id, "--explanation", "   "}) == 2);
    CHECK(run({cli, "--db", op, "request", "show", id, "--json"}, "", &out) == 0);
    CHECK(json::parse(out)["explanation"] == "Dekat rumah sakit");
    // The correction: another wish, a fuller explanation; then submitted again.
    REQUIRE(run({cli, "--db", op, "request", "edit", id, "--to", other->id, "--to", moves[0].p.id, "--explanation",
                 "Dekat rumah sakit; surat dokter menyusul"}) == 0);
    CHECK(run({cli, "--db", op, "request", "show", id, "--json"}, "", &out) == 0);
    CHECK(json::parse(out)["status"] == "dikembalikan");
    REQUIRE(run({cli, "--db", op, "request", "submit", id}) == 0);
    REQUIRE(run({cli, "--db", op, "sync"}) == 0);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM requests WHERE id = '" + id +
                                          "' AND status = 'diajukan' AND explanation = 'Dekat rumah sakit; surat dokter menyusul'"
                                          " AND to_positions = '[\"" + other->id + "\",\"" + moves[0].p.id + "\"]'") == 1);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM request_events WHERE request_id = '" + id +
                                          "' AND command = 'edit'") == 1);
}

TEST_CASE("documents: wrong type or size refused, an interrupted upload resumed, a duplicate stored once") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice op(dir, "operator.terjun", srv.url());
    httplib::Client http(srv.url());
    auto put = [&](const std::string& sha, const std::string& bytes, size_t offset, size_t total) {
        return http.Put(("/api/v1/blobs/" + sha + "?offset=" + std::to_string(offset) + "&total=" + std::to_string(total)).c_str(),
                        auth(op), bytes, "application/octet-stream");
    };
    // A PDF of 600 kB sent in 256 kB chunks; the first chunk arrives, then the link drops.
    std::string pdf = "%PDF-1.4\n";
    while (pdf.size() < 600 * 1024) pdf += "isi dokumen yang panjang " + std::to_string(pdf.size()) + "\n";
    const std::string sha = sha256_hex(pdf);
    auto r = put(sha, pdf.substr(0, 256 * 1024), 0, pdf.size());
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(json::parse(r->body)["complete"] == false);
    // A chunk at the wrong place is refused with where to continue.
    r = put(sha, pdf.substr(0, 1024), 0, pdf.size());
    CHECK(r->status == 409);
    CHECK(json::parse(r->body)["error"]["received"] == 256 * 1024);
    // The device's uploader continues from the server's position.
    {
        auto s = op.db->prepare("INSERT INTO local_blobs(sha256, mime, size, data) VALUES (?1, 'application/pdf', ?2, ?3)");
        s.bind(1, sha).bind(2, static_cast<int64_t>(pdf.size())).bind_blob(3, pdf);
        s.run();
    }
    int puts = 0;
    struct Counting : sync::Transport {
        sync::Transport& in;
        int& n;
        Counting(sync::Transport& i, int& c) : in(i), n(c) {}
        sync::HttpResult post_json(const std::string& p, const std::string& b) override { return in.post_json(p, b); }
        sync::HttpResult get(const std::string& p) override { return in.get(p); }
        sync::HttpResult put_bytes(const std::string& p, const std::string& b, const std::string& t) override {
            ++n;
            return in.put_bytes(p, b, t);
        }
    } counting(*op.http, puts);
    auto up = sync::upload_blobs(*op.db, counting);
    CHECK(up.error.empty());
    CHECK(up.uploaded == 1);
    CHECK(puts == 2);  // 600 kB - 256 kB left: two more chunks, not three
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM blobs WHERE complete = 1 AND length(data) = " +
                                          std::to_string(pdf.size())) == 1);
    // The same document from another device: nothing is sent, one copy is kept.
    SimOffice other(temp_dir(), "operator.terjun", srv.url());
    {
        auto s = other.db->prepare("INSERT INTO local_blobs(sha256, mime, size, data) VALUES (?1, 'application/pdf', ?2, ?3)");
        s.bind(1, sha).bind(2, static_cast<int64_t>(pdf.size())).bind_blob(3, pdf);
        s.run();
    }
    puts = 0;
    Counting counting2(*other.http, puts);
    CHECK(sync::upload_blobs(*other.db, counting2).uploaded == 1);
    CHECK(puts == 0);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM blobs") == 1);
    // Wrong type (a GIF, whatever its name), wrong hash, too large: refused and not kept.
    const std::string gif = "GIF89a-not-a-document";
    r = put(sha256_hex(gif), gif, 0, gif.size());
    CHECK(r->status == 415);
    CHECK(json::parse(r->body)["error"]["code"] == "document.bad_type");
    r = put(sha256_hex("x"), "%PDF-1.4 other", 0, 14);
    CHECK(r->status == 422);
    r = put(std::string(64, 'a'), "%PDF", 0, 5 * 1024 * 1024 + 1);
    CHECK(r->status == 413);
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM blobs") == 1);
    // Fetching: only for someone who may read a request that names the document.
    CHECK(http.Get(("/api/v1/blobs/" + sha).c_str(), auth(op))->status == 404);  // no request names it yet
    // Uploading belongs to filing (access::Feature::documents_upload): a head of unit, who reviews but never files,
    // and pusat, who only reads, are refused and nothing is stored.
    for (const char* user : {"lurah.payapasir", "pusat.bkn"}) {
        SimOffice reader(temp_dir(), user, srv.url());
        const std::string png = "\x89PNG\r\n\x1a\n-" + std::string(user);
        r = http.Put(("/api/v1/blobs/" + sha256_hex(png) + "?offset=0&total=" + std::to_string(png.size())).c_str(),
                     auth(reader), png, "application/octet-stream");
        REQUIRE(r);
        CHECK(r->status == 403);
        CHECK(json::parse(r->body)["error"]["code"] == "role.read_only");
    }
    CHECK(server_count(srv.db_path(), "SELECT count(*) FROM blobs") == 1);
}

TEST_CASE("reference positions: every role gets the instansi's active positions (no person data); same version unchanged") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    httplib::Client http(srv.url());
    const int64_t active = server_count(dir + "/server.db", "SELECT count(*) FROM positions WHERE archived = 0");
    const std::string payapasir = office_named(dir + "/server.db", "Kelurahan Paya Pasir");
    REQUIRE(active > 0);
    // A kelurahan operator's pull holds its own office only; the reference list holds the others too.
    SimOffice op(dir, "operator.terjun", srv.url());
    auto r = http.Get("/api/v1/reference/positions", auth(op));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json body = json::parse(r->body);
    REQUIRE(body["positions"].is_array());
    CHECK(static_cast<int64_t>(body["positions"].size()) == active);
    bool other_office = false;
    for (const auto& p : body["positions"]) {
        CHECK(p.size() == 7);  // id, name, office_id, golongan_min, golongan_max, is_head, requirements: nothing else
        if (p["office_id"] == payapasir) other_office = true;
    }
    CHECK(other_office);
    CHECK(r->body.find("\"nip\"") == std::string::npos);
    // The same version: nothing sent again.
    auto again = http.Get(("/api/v1/reference/positions?version=" + body["version"].dump()).c_str(), auth(op));
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(json::parse(again->body).value("unchanged", false));
    // A pegawai (whose copy holds no positions) gets it too; without a token nobody does.
    SimOffice peg(dir, "pegawai.terjun", srv.url());
    auto rp = http.Get("/api/v1/reference/positions", auth(peg));
    REQUIRE(rp);
    CHECK(rp->status == 200);
    auto anon = http.Get("/api/v1/reference/positions");
    REQUIRE(anon);
    CHECK(anon->status == 401);
}
