// Issue 10, the Usulan Mutasi screen through the real screens: a request filed
// in the form (validation as the person types, documents judged by content),
// then the buttons each role sees at each state (from the one permission table,
// never from the UI), steps taken by clicking, refusals shown plainly, the
// decision refused offline with nothing queued, and Beranda's "Menunggu Anda".
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "i18n/strings.h"
#include "imgui.h"
#include "plan/eligibility_records.h"
#include "store/db.h"
#include "ui/locator.h"
#include "ui_harness.h"
#include "util/uuid.h"
#include "workflow/settings.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

using seimbang::uitest::Harness;
using seimbang::uitest::has_issue;
using seimbang::uitest::office_named;
using seimbang::uitest::sign_in_demo;
using namespace seimbang;

namespace {
const std::string kPdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0');

void become(Harness& h, app::Role role, const std::string& office_name, const std::string& employee_id = "") {
    const Office* o = office_named(h, office_name);
    REQUIRE(o);
    h.app->login.session->role = role;
    h.app->login.session->office_id = o->id;
    h.app->login.session->employee_id = employee_id;
    h.frame(3);
}
// A Terjun employee (not a head, long enough in post) and a position of another
// kelurahan they are eligible for, as the planner judges it.
struct Pair {  // copies: the app's snapshot is replaced after every save
    std::optional<Employee> e;
    std::optional<Position> p;
    std::string dest_office;
};
Pair eligible_pair(Harness& h) {
    const Office* terjun = office_named(h, "Kelurahan Terjun");
    REQUIRE(terjun);
    for (const auto& e : h.app->workload.data.employees) {
        if (e.archived || e.office_id != terjun->id || e.tmt_position.empty() || e.tmt_position > "2023-01-01") continue;
        const Position* cur = h.app->workload.position(e.position_id);
        if (!cur || cur->is_head) continue;
        for (const auto& p : h.app->workload.data.positions) {
            const Office* o = h.app->workload.office(p.office_id);
            if (p.archived || p.is_head || !o || o->kind != OfficeKind::kelurahan || o->id == terjun->id) continue;
            if (plan::may_request(e, *cur, p)) return {e, p, o->name};
        }
    }
    FAIL("no eligible employee/position pair in the demo data");
    return {};
}
std::optional<workflow::Request> only_request(Harness& h) {
    auto all = workflow::list_requests(h.app->local->db());
    if (all.size() != 1) return std::nullopt;
    return all.front();
}
int64_t outbox_count(Harness& h) {
    auto s = h.app->local->db().prepare("SELECT count(*) FROM sync_outbox");
    s.step();
    return s.int64(0);
}
// What the screen shows as a refusal or an inline issue: the form's issues of
// the fields touched so far (or all after Save), what a pick or save answered,
// and the last step's refusal beside the buttons. (Plain text is not in the
// locator's items, so the state the screen draws from is read.)
bool issue_shown(Harness& h, const std::string& code) {
    const auto& ed = h.app->request_editor;
    auto has = [&](const Check& c, bool field_shown_only) {
        return std::any_of(c.issues.begin(), c.issues.end(), [&](const Issue& i) {
            if (i.code != code) return false;
            if (!field_shown_only || ed.attempted) return true;
            return std::find(ed.touched.begin(), ed.touched.end(), i.field) != ed.touched.end();
        });
    };
    if (ed.open && (has(ed.check, true) || has(ed.saved_check, false))) return true;
    return has(h.app->requests.step_check, false);
}
// Files a request for `pair` through the form as the current (operator) user.
void file_through_form(Harness& h, const Pair& pair, bool both_documents) {
    if (!h.has("nav-requests")) REQUIRE(h.click("nav-menu"));  // a phone: the navigation is a menu
    REQUIRE(h.click("nav-requests"));
    REQUIRE(h.click("req-new"));
    REQUIRE(h.app->request_editor.open);
    // Nothing is shown in red before the person touched anything.
    CHECK_FALSE(h.app->request_editor.check.ok());
    CHECK_FALSE(issue_shown(h, "workflow.explanation_required"));

    REQUIRE(h.click("##req-employee"));
    h.frame(3);  // the popup is measured in its first frames
    REQUIRE(h.type("##req-employee-search", pair.e->name));
    REQUIRE(h.click("emp-" + pair.e->id));
    CHECK(h.app->request_editor.employee_id == pair.e->id);

    h.frame(3);  // the employee popup has closed and the form laid out again
    REQUIRE(h.click("req-wish-1"));
    REQUIRE(h.type("##req-wish-search", pair.p->name + " \xC2\xB7 " + pair.dest_office));
    REQUIRE(h.click("wp-" + pair.p->id));
    CHECK(h.app->request_editor.wishes[0] == pair.p->id);
    h.frame(3);

    // A reason chosen without an explanation: said at once, under the field.
    REQUIRE(h.click("##req-reason"));
    h.frame(3);
    REQUIRE(h.click("rs-kesehatan"));
    h.frame(3);
    CHECK(issue_shown(h, "workflow.explanation_required"));
    REQUIRE(h.type("##req-explanation", "Anak sakit dan perlu dirawat dekat rumah"));
    h.frame(2);
    CHECK(h.app->request_editor.check.ok());
    CHECK_FALSE(issue_shown(h, "workflow.explanation_required"));

    // A file whose name says PDF but whose content is not: refused, not kept.
    h.platform.next_file = {{"surat.pdf", "GIF89a not a pdf"}};
    REQUIRE(h.click("req-pick"));
    CHECK(h.app->request_editor.documents.empty());
    CHECK(issue_shown(h, "document.bad_type"));
    h.platform.next_file = {{"surat_permohonan.pdf", kPdf}};
    REQUIRE(h.click("req-pick"));
    REQUIRE(h.app->request_editor.documents.size() == 1);
    CHECK(h.app->request_editor.documents[0].doc_type == "surat_permohonan");
    if (both_documents) {
        REQUIRE(h.click("##req-doc-type"));
        h.frame(3);
        REQUIRE(h.click("dt-sk_pangkat_terakhir"));
        h.platform.next_file = {{"sk_pangkat.png", kPng}};
        REQUIRE(h.click("req-pick"));
        REQUIRE(h.app->request_editor.documents.size() == 2);
        CHECK(h.app->request_editor.documents[1].mime == "image/png");
    }
    REQUIRE(h.click("req-submit-new"));
    h.frame(3);
    CHECK_FALSE(h.app->request_editor.open);
}
// The operator of Terjun files (and submits) a request for `pair` in the form: the request.
workflow::Request filed_by_terjun_operator(Harness& h, const Pair& pair, bool both_documents) {
    become(h, app::Role::operator_, "Kelurahan Terjun");
    file_through_form(h, pair, both_documents);
    auto r = only_request(h);
    REQUIRE(r);
    CHECK(r->status == workflow::Status::diajukan);
    return *r;
}
}  // namespace

TEST_CASE("usulan form: a second wish equal to the first and a missing explanation are refused as typed; nothing is saved") {
    Harness h;
    sign_in_demo(h);
    const Pair pair = eligible_pair(h);
    REQUIRE(h.click("nav-requests"));
    REQUIRE(h.click("req-new"));
    auto& ed = h.app->request_editor;
    ed.employee_id = pair.e->id;
    ed.wishes = {pair.p->id, pair.p->id, ""};
    ed.touched = {"wishes"};
    h.app->validate_request_draft();
    h.frame(2);
    CHECK(issue_shown(h, "workflow.bad_wishes"));
    const int64_t before = outbox_count(h);
    REQUIRE(h.click("req-submit-new"));
    CHECK(h.app->request_editor.open);  // kept open with the reasons
    CHECK(issue_shown(h, "workflow.explanation_required"));
    CHECK(workflow::list_requests(h.app->local->db()).empty());
    CHECK(outbox_count(h) == before);
}

TEST_CASE("usulan screen: each role sees only its buttons at each state; steps by click; decide refused offline") {
    Harness h(1366, 1100);  // the whole form in view
    sign_in_demo(h);
    const Pair pair = eligible_pair(h);
    const auto r = filed_by_terjun_operator(h, pair, true);
    CHECK(workflow::documents(h.app->local->db(), r.id).size() == 2);
    {  // the documents wait in local_blobs for the upload
        auto s = h.app->local->db().prepare("SELECT count(*) FROM local_blobs WHERE uploaded = 0");
        s.step();
        CHECK(s.int64(0) == 2);
    }
    CHECK(h.app->requests.selected_id == r.id);  // the detail of the new request is open
    // The filer (operator of the origin): may withdraw, not approve.
    CHECK(h.has("req-do-cancel"));
    CHECK_FALSE(h.has("req-do-approve"));

    // The applicant (pegawai): cancel only.
    become(h, app::Role::pegawai, "Kelurahan Terjun", pair.e->id);
    h.app->select_request(r.id);
    REQUIRE(h.click("nav-requests"));
    CHECK(h.has("req-do-cancel"));
    CHECK_FALSE(h.has("req-do-approve"));

    // Head of the destination: nothing yet; BKPSDM: nothing yet.
    become(h, app::Role::kepala_unit, pair.dest_office);
    CHECK_FALSE(h.has("req-do-approve"));
    CHECK(h.app->request_row(r.id)->available.empty());
    become(h, app::Role::bkpsdm, "Kota Medan");
    CHECK_FALSE(h.has("req-do-approve"));
    CHECK_FALSE(h.has("req-do-verify"));

    // Head of the origin: approve, return, reject; no cancel. Return without a note is refused, nothing changes.
    become(h, app::Role::kepala_unit, "Kelurahan Terjun");
    CHECK(h.has("req-do-approve"));
    CHECK(h.has("req-do-return"));
    CHECK(h.has("req-do-reject"));
    CHECK_FALSE(h.has("req-do-cancel"));
    REQUIRE(h.click("req-do-return"));
    CHECK(issue_shown(h, "workflow.note_required"));
    CHECK(only_request(h)->status == workflow::Status::diajukan);
    REQUIRE(h.type("##req-note", "Beban kerja Terjun tetap terpenuhi"));
    REQUIRE(h.click("req-do-approve"));
    h.frame(2);
    CHECK(only_request(h)->status == workflow::Status::disetujui_unit_asal);
    CHECK_FALSE(h.has("req-do-approve"));  // done: the next step is another office's

    // Beranda of the destination head: the request waits for them.
    become(h, app::Role::kepala_unit, pair.dest_office);
    REQUIRE(h.click("nav-home"));
    CHECK(h.has("home-req-" + r.id));
    REQUIRE(h.click("home-req-" + r.id));  // opens the request on Usulan Mutasi
    h.frame(2);
    CHECK(h.app->screen == app::Screen::requests);
    CHECK(h.has("req-do-approve"));
    REQUIRE(h.click("req-do-approve"));
    CHECK(only_request(h)->status == workflow::Status::disetujui_unit_tujuan);

    // BKPSDM verifies (the checklist is complete), then may decide, but not offline.
    become(h, app::Role::bkpsdm, "Kota Medan");
    CHECK(h.has("req-do-verify"));
    CHECK_FALSE(h.has("req-do-cancel"));
    REQUIRE(h.click("req-do-verify"));
    h.frame(2);
    CHECK(only_request(h)->status == workflow::Status::verifikasi_bkpsdm);
    CHECK(h.has("req-do-decide"));
    REQUIRE(h.type("##req-tmt", "01-02-2027"));
    const int64_t before = outbox_count(h);
    REQUIRE(h.click("req-do-decide"));
    CHECK(issue_shown(h, "workflow.online_only"));
    CHECK(outbox_count(h) == before);
    CHECK(only_request(h)->status == workflow::Status::verifikasi_bkpsdm);

    // The timeline holds every step with its actor and note.
    const auto events = workflow::timeline(h.app->local->db(), r.id);
    REQUIRE(events.size() >= 6);  // create, 2 attach, submit, 2 approve, verify
    CHECK(std::any_of(events.begin(), events.end(),
                      [](const auto& e) { return e.command == "approve" && e.note == "Beban kerja Terjun tetap terpenuhi"; }));
    // ... and the detail shows that timeline (what the screen draws from).
    const auto& shown_events = h.app->requests.timeline;
    CHECK(shown_events.size() == events.size());
}

TEST_CASE("usulan screen: verify is refused while the checklist is incomplete and says so") {
    Harness h(1366, 1100);
    sign_in_demo(h);
    const Pair pair = eligible_pair(h);
    filed_by_terjun_operator(h, pair, false);
    CHECK(h.app->requests.missing == std::vector<std::string>{"sk_pangkat_terakhir"});
    become(h, app::Role::kepala_unit, "Kelurahan Terjun");
    REQUIRE(h.click("req-do-approve"));
    become(h, app::Role::kepala_unit, pair.dest_office);
    REQUIRE(h.click("req-do-approve"));
    become(h, app::Role::bkpsdm, "Kota Medan");
    REQUIRE(h.click("req-do-verify"));
    CHECK(issue_shown(h, "workflow.checklist_incomplete"));
    CHECK(only_request(h)->status == workflow::Status::disetujui_unit_tujuan);
}

TEST_CASE("usulan screen on a phone: one column, the detail replaces the list and has a way back") {
    Harness h(390, 844);
    sign_in_demo(h);
    const Pair pair = eligible_pair(h);
    become(h, app::Role::operator_, "Kelurahan Terjun");
    // Filed by the core (the form is exercised above); the phone shows it.
    nlohmann::json args = {{"employee_id", pair.e->id}, {"kind", "atas_permintaan_sendiri"}, {"reason", "kesehatan"},
                           {"explanation", "Dekat rumah"}, {"to_positions", {pair.p->id}}};
    auto res = workflow::take_step_offline(h.app->local->db(), h.app->actor(), {workflow::Command::create, "", "", args},
                                           workflow::today_wib());
    REQUIRE(res.check.ok());
    h.app->requests.dirty = true;
    REQUIRE(h.click("nav-menu"));
    REQUIRE(h.click("nav-requests"));
    h.frame(2);  // the menu closes, the screen lays out
    CHECK(h.has("req-new"));
    REQUIRE(h.click("req-" + res.request_id));
    h.frame(2);
    CHECK(h.app->requests.selected_id == res.request_id);
    CHECK(h.has("req-back"));
    CHECK(h.has("req-do-submit"));
    CHECK_FALSE(h.has("req-new"));  // the detail replaces the list
    for (const auto& it : ui::locator::items()) CHECK(it.rect.x + it.rect.w <= 390.5f);  // nothing cut off at the right
    REQUIRE(h.click("req-back"));
    h.frame(2);
    CHECK(h.app->requests.selected_id.empty());
    CHECK(h.has("req-new"));
}

TEST_CASE("usulan form on a phone: filled top to bottom, the save buttons come after the last field") {
    Harness h(390, 2600);  // a phone's width; tall enough that the whole form is in view
    sign_in_demo(h);
    const Pair pair = eligible_pair(h);
    become(h, app::Role::operator_, "Kelurahan Terjun");
    REQUIRE(h.click("nav-menu"));
    REQUIRE(h.click("nav-requests"));
    REQUIRE(h.click("req-new"));
    h.frame(2);
    auto rect = [](const std::string& label) {
        const auto r = ui::locator::find(label);
        REQUIRE_MESSAGE(r, "not on screen: " << label);
        return *r;
    };
    const float explanation = rect("##req-explanation").y, pick = rect("req-pick").y;
    CHECK(rect("req-submit-new").y > pick);
    CHECK(rect("req-save-draft").y > rect("req-submit-new").y);
    CHECK(rect("req-cancel-form").y > rect("req-save-draft").y);
    CHECK(pick > explanation);
    for (const auto& it : ui::locator::items()) CHECK(it.rect.x + it.rect.w <= 390.5f);
    REQUIRE(h.click("req-cancel-form"));
    h.frame(2);
    CHECK_FALSE(h.app->request_editor.open);
    // The whole form filed by clicks on the phone (the shared steps find the menu).
    file_through_form(h, pair, false);
    auto r = only_request(h);
    REQUIRE(r);
    CHECK(r->status == workflow::Status::diajukan);
}

TEST_CASE("usulan screen: a returned request is corrected in the form and submitted again, its return note in view") {
    Harness h(1366, 1100);
    sign_in_demo(h);
    const Pair pair = eligible_pair(h);
    const auto r = filed_by_terjun_operator(h, pair, true);
    // Submitted: the filer may no longer change it.
    CHECK_FALSE(h.has("req-edit"));
    become(h, app::Role::kepala_unit, "Kelurahan Terjun");
    REQUIRE(h.type("##req-note", "Jelaskan jadwal perawatan"));
    REQUIRE(h.click("req-do-return"));
    h.frame(2);
    REQUIRE(only_request(h)->status == workflow::Status::dikembalikan);

    become(h, app::Role::operator_, "Kelurahan Terjun");
    h.app->select_request(r.id);
    h.frame(2);
    REQUIRE(h.click("req-edit"));
    h.frame(2);
    auto& ed = h.app->request_editor;
    REQUIRE(ed.open);
    CHECK(ed.editing_id == r.id);
    CHECK(ed.explanation == "Anak sakit dan perlu dirawat dekat rumah");  // filled from the request
    CHECK(ed.wishes[0] == pair.p->id);
    // Emptied explanation: refused, nothing changed or queued.
    const int64_t before = outbox_count(h);
    REQUIRE(h.type("##req-explanation", ""));
    ed.explanation.clear();
    REQUIRE(h.click("req-submit-new"));
    CHECK(issue_shown(h, "workflow.explanation_required"));
    CHECK(outbox_count(h) == before);
    CHECK(only_request(h)->explanation == "Anak sakit dan perlu dirawat dekat rumah");
    // The correction, then "Simpan & ajukan lagi": one edit and one submit, the same request.
    ed.explanation = "Anak sakit; perawatan tiap Selasa dan Jumat di RS dekat rumah";
    h.frame(2);
    REQUIRE(h.click("req-submit-new"));
    h.frame(3);
    CHECK_FALSE(h.app->request_editor.open);
    auto now = only_request(h);
    REQUIRE(now);
    CHECK(now->id == r.id);
    CHECK(now->status == workflow::Status::diajukan);
    CHECK(now->explanation == "Anak sakit; perawatan tiap Selasa dan Jumat di RS dekat rumah");
    CHECK(now->employee_id == pair.e->id);
    const auto events = workflow::timeline(h.app->local->db(), r.id);
    REQUIRE(events.size() >= 2);
    CHECK(events[events.size() - 2].command == "edit");
    CHECK(events.back().command == "submit");
    CHECK(outbox_count(h) == before + 2);
}

TEST_CASE("usulan form: a file over the size limit is refused by its size, never read") {
    Harness h(1366, 1100);  // the whole form in view
    sign_in_demo(h);
    REQUIRE(h.click("nav-requests"));
    REQUIRE(h.click("req-new"));
    const int64_t max = workflow::load_workflow_settings(h.app->local->db()).max_document_bytes;
    // A PDF one byte over the limit: the chooser hands over its size only.
    h.platform.next_file = {{"scan_besar.pdf", "%PDF-1.4\n" + std::string(static_cast<size_t>(max) - 8, 'x')}};
    REQUIRE(h.click("req-pick"));
    CHECK(h.app->request_editor.documents.empty());
    CHECK(issue_shown(h, "document.too_large"));
    // At the limit exactly it is read and kept.
    h.platform.next_file = {{"scan.pdf", "%PDF-1.4\n" + std::string(static_cast<size_t>(max) - 9, 'x')}};
    REQUIRE(h.click("req-pick"));
    CHECK(h.app->request_editor.documents.size() == 1);
}

TEST_CASE("usulan form, between instansi: only the receiving BKPSDM is offered it; the NIP is checked, looked up online, the person named") {
    Harness h;
    sign_in_demo(h);
    REQUIRE(h.click("nav-requests"));
    REQUIRE(h.click("req-new"));
    CHECK_FALSE(h.has("req-kind-antar_instansi"));  // an operator: the help line says who proposes
    h.app->close_request_editor();
    become(h, app::Role::bkpsdm, "Kota Medan");
    REQUIRE(h.click("req-new"));
    REQUIRE(h.click("req-kind-antar_instansi"));
    h.frame(2);
    auto& ed = h.app->request_editor;
    REQUIRE(ed.kind == workflow::Kind::antar_instansi);
    REQUIRE(h.has("req-between-find"));
    CHECK_FALSE(h.has("##req-employee"));  // no picker of the own employees

    // The person as the centre keeps them (another instansi: ids this device does not hold).
    const std::string person_id = new_uuid_v7(), office_id = new_uuid_v7(), root_id = new_uuid_v7(),
                      position_id = new_uuid_v7();
    const std::string nip = "198502142010011003", unknown = "196608011988031999";
    h.platform.online_flag = true;
    h.platform.server = [&](const app::HttpRequest& r) -> app::HttpResponse {
        if (r.path == "/api/v1/national/person?nip=" + nip)
            return {200, nlohmann::json{{"person",
                                         {{"instansi", root_id}, {"instansi_name", "Pemerintah Kota Binjai"},
                                          {"employee_id", person_id}, {"nip", nip}, {"name", "Rina Siregar"},
                                          {"golongan", "III/b"}, {"office_id", office_id}, {"office_name", "Kelurahan Tanah Tinggi"},
                                          {"position_id", position_id}, {"position_name", "Pengadministrasi Umum"}}}}
                             .dump()};
        return {404, R"({"error":{"code":"national.person_not_found"}})"};
    };

    // A NIP the shared validator refuses: said at once, nothing asked.
    const size_t asked0 = h.platform.requests.size();
    REQUIRE(h.type("##req-between-nip", "12345"));
    REQUIRE(h.click("req-between-find"));
    CHECK(has_issue(ed.between_check, "between_nip", "nip.bad_length"));
    CHECK(h.platform.requests.size() == asked0);
    // A valid NIP nobody holds: the centre's answer, in words.
    REQUIRE(h.type("##req-between-nip", unknown));
    REQUIRE(h.click("req-between-find"));
    CHECK(h.platform.requests.size() == asked0 + 1);
    CHECK(has_issue(ed.between_check, "between_nip", "national.person_not_found"));
    CHECK_FALSE(ed.between);
    // Offline: the lookup needs the network, and says so.
    REQUIRE(h.type("##req-between-nip", "19850214 201001 1 003"));  // (typed as printed)
    auto server = h.platform.server;
    h.platform.server = nullptr;
    REQUIRE(h.click("req-between-find"));
    CHECK(has_issue(ed.between_check, "between_nip", "ui.request.between_offline"));
    // Online again: found, the request then names them.
    h.platform.server = server;
    REQUIRE(h.click("req-between-find"));
    CHECK(h.platform.requests.back().path == "/api/v1/national/person?nip=" + nip);
    REQUIRE(ed.between);
    CHECK(ed.between->employee_id == person_id);
    CHECK(ed.between_check.ok());
    h.frame(2);

    // Without a post, reason and explanation it is not filed; with them it is (in the own instansi's posts).
    const int64_t before = outbox_count(h);
    REQUIRE(h.click("req-submit-new"));
    CHECK(ed.open);
    CHECK(issue_shown(h, "workflow.destination_required"));
    CHECK_FALSE(issue_shown(h, "workflow.person_required"));
    CHECK(outbox_count(h) == before);
    const app::PositionChoice* post = nullptr;
    for (const auto& p : h.app->position_choices())
        if (!p.head) {
            post = &p;
            break;
        }
    REQUIRE(post);
    ed.wishes = {post->id, "", ""};
    ed.reason = workflow::Reason::mengikuti_suami_istri;
    ed.explanation = "Suami bertugas di Medan";
    h.app->validate_request_draft();
    REQUIRE(ed.check.ok());
    REQUIRE(h.click("req-submit-new"));
    const auto list = workflow::list_requests(h.app->local->db());
    REQUIRE(list.size() == 1);
    const auto& r = list.front();
    CHECK(r.kind == workflow::Kind::antar_instansi);
    CHECK(r.status == workflow::Status::diajukan);
    CHECK(r.employee_id == person_id);
    CHECK(r.office_id == office_id);
    CHECK(r.from_position_id == position_id);
    CHECK(r.employee_nip == nip);
    CHECK(r.employee_name == "Rina Siregar");
    CHECK(r.employee_golongan == "III/b");
    CHECK(r.from_instansi == root_id);
    CHECK(r.to_instansi == workflow::load_workflow_settings(h.app->local->db()).instansi);
    CHECK(outbox_count(h) > before);
}

TEST_CASE("usulan form, between instansi: a new NIP typed forgets the person found; without one nothing is filed") {
    Harness h;
    sign_in_demo(h);
    become(h, app::Role::bkpsdm, "Kota Medan");
    REQUIRE(h.click("nav-requests"));
    REQUIRE(h.click("req-new"));
    REQUIRE(h.click("req-kind-antar_instansi"));
    auto& ed = h.app->request_editor;
    h.platform.online_flag = true;
    h.platform.server = [](const app::HttpRequest&) -> app::HttpResponse {
        return {200, R"({"person":{"instansi":"0190f0aa-0000-7000-8000-000000000001","instansi_name":"Kota Binjai",)"
                     R"("employee_id":"0190f0aa-0000-7000-8000-000000000002","nip":"198502142010011003","name":"Rina",)"
                     R"("golongan":"III/b","office_id":"0190f0aa-0000-7000-8000-000000000003","office_name":"X",)"
                     R"("position_id":"","position_name":""}})"};
    };
    REQUIRE(h.type("##req-between-nip", "198502142010011003"));
    REQUIRE(h.click("req-between-find"));
    REQUIRE(ed.between);
    REQUIRE(h.type("##req-between-nip", "198502142010011004"));
    CHECK_FALSE(ed.between);
    // A malformed answer is not a person.
    CHECK_FALSE(app::parse_between_person(R"({"person":{"name":"x"}})"));
    CHECK_FALSE(app::parse_between_person("not json"));
    const int64_t before = outbox_count(h);
    REQUIRE(h.click("req-submit-new"));
    CHECK(issue_shown(h, "workflow.person_required"));
    CHECK(workflow::list_requests(h.app->local->db()).empty());
    CHECK(outbox_count(h) == before);
}
