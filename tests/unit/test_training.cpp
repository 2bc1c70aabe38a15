// Pelatihan Pimpinan (shared/training, docs/TRAINING.md): the content holds
// (structure, references, every case stages on the demo data), the feedback
// rules on every authored case, the sandbox never touches the real database,
// and progress travels as a command the server scores again.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "demo/seed.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/hlc.h"
#include "sync/server_sync.h"
#include "training/content.h"
#include "training/progress.h"
#include "training/sandbox.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

using namespace seimbang;
using namespace seimbang::training;
using nlohmann::json;

namespace {

std::string issues(const Check& c) {
    std::string s;
    for (const auto& i : c.issues) s += i.code + " " + i.field + " " + i.detail + "; ";
    return s;
}

const std::string kGoodNote = "Alasan saya: sesuai aturan dan angka ABK kedua unit kerja.";

// The rules a decision broke.
std::vector<std::string> broken(const Feedback& f) {
    std::vector<std::string> out;
    for (const auto& r : f.rules)
        if (!r.met) out.push_back(r.code);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Takes the case's recommended decisions in order, in a staged sandbox.
std::vector<Feedback> play_recommended(Sandbox& sb, const Case& c) {
    std::vector<Feedback> out;
    REQUIRE_MESSAGE(sb.stage(c).ok(), c.id);
    for (const auto& key : c.decide) {
        const auto& rec = c.recommended.at(key);
        out.push_back(sb.decide({key, rec.action, kGoodNote, rec.declare_conflict}));
    }
    return out;
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("training content: every file parses and holds its references") {
    INFO(issues(content_issues()));
    CHECK(content_issues().ok());
    CHECK(content().lessons.size() >= 3);
    CHECK(content().cases.size() >= 5);
    const Check structure = validate_content(content());
    INFO(issues(structure));
    CHECK(structure.ok());
    const Check demo = validate_against_demo(content());
    INFO(issues(demo));
    CHECK(demo.ok());
}

TEST_CASE("training content: the validator refuses broken lessons and cases") {
    Content c;
    const char* lesson = R"({"id":"x","type":"lesson","order":1,"title":{"id":"a","en":"b"},
      "screens":[{"text":{"id":"a","en":"b"},"show":{"screen":"ui.nav.nothing","widget":"abk_chart","office":"Kelurahan Atlantis"}}],
      "questions":[{"text":{"id":"q","en":"q"},"options":[{"id":"1","en":"1"},{"id":"2","en":""}],"answer":2,"explain":{"id":"e","en":"e"}}]})";
    REQUIRE(parse_content("x.json", lesson, c).ok());
    const Check v = validate_content(c);
    auto coded = [&](const Check& k, const std::string& code) {
        for (const auto& i : k.issues)
            if (i.code == code) return true;
        return false;
    };
    CHECK(coded(v, "training.unknown_screen"));
    CHECK(coded(v, "training.unknown_widget"));
    CHECK(coded(v, "training.bad_answer"));
    CHECK(coded(v, "training.question_count"));
    CHECK(coded(v, "training.missing_text"));
    CHECK(coded(validate_against_demo(c), "training.unknown_office"));

    Content k;
    const char* a_case = R"({"id":"k","type":"case","order":1,"title":{"id":"a","en":"b"},"situation":{"id":"a","en":"b"},
      "trainee":{"office":"Kelurahan Terjun","step":"origin"},
      "requests":[{"key":"a","from":{"office":"Kelurahan Terjun","position":"Juru Terbang"},
                   "to":{"office":"Kelurahan Paya Pasir","position":"Pengadministrasi Umum"},
                   "kind":"atas_permintaan_sendiri","reason":"bosan","explanation":"x","stage":"diajukan"}],
      "decide":["a","b"],"rules":["aturan_baru"],"recommended":{"a":{"action":"approve","reason":{"id":"r","en":"r"}}}})";
    REQUIRE(parse_content("k.json", a_case, k).ok());
    const Check w = validate_content(k);
    CHECK(coded(w, "training.bad_reason"));
    CHECK(coded(w, "training.unknown_request"));
    CHECK(coded(w, "training.no_recommendation"));
    CHECK(coded(w, "training.unknown_rule"));
    CHECK(coded(validate_against_demo(k), "training.unknown_position"));
    CHECK_FALSE(parse_content("bad.json", "{\"type\":\"lesson\"}", k).ok());
    CHECK_FALSE(parse_content("bad.json", "not json", k).ok());
}

TEST_CASE("training lessons: a request widget stages its request and holds its data, and only it") {
    // The authored lessons show at least one request; each stages on the demo.
    int shown = 0;
    for (const auto& l : content().lessons)
        for (const auto& s : l.screens) {
            if (!s.show || s.show->widget != "request") continue;
            REQUIRE(s.show->request);
            ++shown;
            Sandbox sb;
            const Check staged = sb.stage_request(*s.show->request, l.id);
            INFO(l.id << ": " << issues(staged));
            REQUIRE(staged.ok());
            const auto r = sb.request(s.show->request->key);
            REQUIRE(r);
            CHECK(workflow::to_string(r->status) == s.show->request->stage);
            CHECK(sb.staged() == nullptr);  // a lesson stages no case
            // What the widget's checklist shows: a health reason without the doctor's
            // certificate is flagged, whatever else is attached.
            const auto missing = workflow::missing_evidence(sb.db(), *r);
            const bool has_certificate = has(s.show->request->documents, "surat_keterangan_dokter");
            CHECK((s.show->request->reason == "kesehatan" && !has_certificate) == has(missing, "surat_keterangan_dokter"));
        }
    CHECK(shown >= 2);

    // The widget without its request, and a request on another widget, are refused.
    Content c;
    const char* lesson = R"({"id":"y","type":"lesson","order":1,"title":{"id":"a","en":"b"},
      "screens":[{"text":{"id":"a","en":"b"},"show":{"screen":"ui.nav.requests","widget":"request","office":"Kelurahan Terjun"}},
                 {"text":{"id":"a","en":"b"},"show":{"screen":"ui.nav.abk","widget":"abk_office","office":"Kelurahan Terjun",
                   "request":{"from":{"office":"Kelurahan Terjun","position":"Pengadministrasi Umum"},
                              "to":{"office":"Kelurahan Paya Pasir","position":"Pengadministrasi Umum"},
                              "kind":"atas_permintaan_sendiri","reason":"bosan","explanation":"x","stage":"ditetapkan"}}}],
      "questions":[{"text":{"id":"q","en":"q"},"options":[{"id":"1","en":"1"},{"id":"2","en":"2"}],"answer":0,"explain":{"id":"e","en":"e"}}]})";
    REQUIRE(parse_content("y.json", lesson, c).ok());
    const Check v = validate_content(c);
    int widget_errors = 0;
    for (const auto& i : v.issues) widget_errors += i.code == "training.request_widget";
    CHECK(widget_errors == 2);
    auto coded = [&](const std::string& code) {
        for (const auto& i : v.issues)
            if (i.code == code) return true;
        return false;
    };
    CHECK(coded("training.bad_reason"));
    CHECK(coded("training.bad_stage"));

    // A request the demo cannot file is named by the demo check, and leaves the sandbox clean.
    Sandbox sb;
    CaseRequest nobody{"a", {"Kelurahan Terjun", "Juru Terbang"}, {"Kelurahan Paya Pasir", "Pengadministrasi Umum"},
                       "atas_permintaan_sendiri", "kesehatan", "x", {}, "diajukan"};
    const Check refused = sb.stage_request(nobody, "lesson.x");
    CHECK_FALSE(refused.ok());
    CHECK_FALSE(sb.request("a"));
}

TEST_CASE("training feedback: the recommended decisions of every case meet every rule") {
    Sandbox sb;
    for (const auto& c : content().cases) {
        CAPTURE(c.id);
        for (const auto& f : play_recommended(sb, c)) {
            INFO(issues(f.check));
            REQUIRE(f.check.ok());
            CHECK(f.matches_recommended);
            CHECK(broken(f).empty());
            CHECK(f.all_met);
            CHECK(f.origin.ej_before.has_value());
            CHECK(f.destination.ej_after.has_value());
        }
    }
}

TEST_CASE("training feedback: every rule a case trains is broken by some other decision") {
    Sandbox sb;
    for (const auto& c : content().cases) {
        CAPTURE(c.id);
        std::set<std::string> seen;
        // Every decision on each request, the others taken as recommended first.
        for (size_t i = 0; i < c.decide.size(); ++i)
            for (Action a : {Action::approve, Action::return_, Action::reject})
                for (bool declare : {false, true})
                    for (const std::string& note : {kGoodNote, std::string("ok")}) {
                        REQUIRE(sb.stage(c).ok());
                        for (size_t j = 0; j < i; ++j) {
                            const auto& rec = c.recommended.at(c.decide[j]);
                            REQUIRE(sb.decide({c.decide[j], rec.action, kGoodNote, rec.declare_conflict}).check.ok());
                        }
                        const Feedback f = sb.decide({c.decide[i], a, note, declare});
                        REQUIRE(f.check.ok());
                        for (const auto& b : broken(f)) seen.insert(b);
                    }
        for (const auto& r : c.rules) CHECK_MESSAGE(seen.count(r), r);
    }
}

TEST_CASE("training feedback: each authored case judges its point") {
    Sandbox sb;
    auto first = [&](const char* id, Action a, bool declare = false) {
        const Case* c = find_case(id);
        REQUIRE(c);
        REQUIRE(sb.stage(*c).ok());
        return sb.decide({c->decide.front(), a, kGoodNote, declare});
    };
    // A health reason without a doctor's certificate: approving breaks the
    // documents rule, rejecting a fixable gap is out of proportion.
    CHECK(has(broken(first("surat-dokter", Action::approve)), "dokumen_lengkap"));
    CHECK(has(broken(first("surat-dokter", Action::reject)), "tindakan_sepadan"));
    CHECK(broken(first("surat-dokter", Action::return_)).empty());
    // The origin's EJ after the move is above the band (the ABK engine over the sandbox).
    const Feedback over = first("asal-kelebihan-beban", Action::approve);
    CHECK(has(broken(over), "asal_tidak_kewalahan"));
    REQUIRE(over.origin.ej_after);
    CHECK(*over.origin.ej_after > *over.origin.ej_before * 1.9);
    // A fair request: holding it back breaks the fairness rule.
    CHECK(has(broken(first("pegawai-andalan", Action::reject)), "permintaan_wajar"));
    CHECK(has(broken(first("pegawai-andalan", Action::return_)), "permintaan_wajar"));
    // Conflict of interest: deciding yourself breaks it, either way.
    CHECK(has(broken(first("konflik-kepentingan", Action::approve)), "konflik_dinyatakan"));
    CHECK(has(broken(first("konflik-kepentingan", Action::return_)), "konflik_dinyatakan"));
    CHECK(broken(first("konflik-kepentingan", Action::return_, true)).empty());
    // Two requests for one opening: the second approval overfills the post.
    const Case* two = find_case("dua-usulan-satu-formasi");
    REQUIRE(two);
    REQUIRE(sb.stage(*two).ok());
    CHECK(broken(sb.decide({"a", Action::approve, kGoodNote})).empty());
    const Feedback second = sb.decide({"b", Action::approve, kGoodNote});
    CHECK(has(broken(second), "tujuan_tidak_berlebih"));
    CHECK_FALSE(second.matches_recommended);
    // A decided request cannot be decided again; repeating the case starts over.
    CHECK(sb.decide({"b", Action::reject, kGoodNote}).check.issues.front().code == "training.already_decided");
    REQUIRE(sb.stage(*two).ok());
    CHECK(sb.waiting("b"));
    // A short note breaks the written-reason rule; the workflow itself refuses a return without one.
    const Case* doc = find_case("surat-dokter");
    REQUIRE(sb.stage(*doc).ok());
    CHECK(sb.decide({"a", Action::return_, ""}).check.issues.front().code == "workflow.note_required");
    CHECK(sb.waiting("a"));
    CHECK(has(broken(sb.decide({"a", Action::return_, "ok"})), "alasan_tertulis"));
    // The situation names the staged applicant.
    REQUIRE(sb.stage(*doc).ok());
    CHECK(sb.situation(i18n::Lang::id).find(sb.applicant_name("a")) != std::string::npos);
    CHECK(sb.situation(i18n::Lang::id).find("{a}") == std::string::npos);
}

// The sandbox is a database of its own: every practice action leaves the real
// one (a file with the outbox hook installed, as on a device) byte for byte as it was.
TEST_CASE("training sandbox: no practice action writes the real database or its outbox") {
    const std::string path = "training_real_" + std::to_string(sync::now_ms()) + ".db";
    {
        store::Db real(path);
        store::migrate(real);
        sync::install_client(real);
        demo::seed_marelan(real);
        const std::string before = file_bytes(path);
        REQUIRE(!before.empty());
        auto outbox = [&] {
            auto s = real.prepare("SELECT COUNT(*) FROM sync_outbox");
            return s.step() ? s.int64(0) : -1;
        };
        const int64_t queued = outbox();
        Sandbox sb;
        for (const auto& c : content().cases) {
            for (size_t i = 0; i < c.decide.size(); ++i)
                for (Action a : {Action::approve, Action::return_, Action::reject}) {
                    REQUIRE(sb.stage(c).ok());
                    sb.decide({c.decide[i], a, kGoodNote, a == Action::return_});
                }
            play_recommended(sb, c);
            sb.reset();
        }
        CHECK(validate_against_demo(content()).ok());
        CHECK(outbox() == queued);
        CHECK(file_bytes(path) == before);
    }
    std::remove(path.c_str());
}

namespace {
struct TrainingServer {
    store::Db db{":memory:"};
    std::unique_ptr<sync::ServerSync> sync;
    demo::DemoIds ids;
    TrainingServer() {
        store::migrate(db);
        sync = std::make_unique<sync::ServerSync>(db);
        demo::seed_marelan(db, &ids);
        register_training_commands();
    }
};
struct TrainingDevice {
    store::Db db{":memory:"};
    sync::Principal p;
    TrainingDevice(const std::string& username, const std::string& role, const std::string& office) {
        store::migrate(db);
        sync::install_client(db);
        p = {"u-" + username, username, username, role, office, "", sync::device_id(db)};
    }
    sync::PushSummary push(TrainingServer& s) {
        sync::PushSummary sum;
        while (auto b = sync::build_push(db)) {
            sync::Reply r = s.sync->push(p, b->body);
            REQUIRE(r.status == 200);
            sum += sync::apply_push_response(db, r.body);
        }
        return sum;
    }
};
}  // namespace

TEST_CASE("training progress: kept on the device, queued, scored again by the server, private detail") {
    TrainingServer s;
    TrainingDevice lurah("lurah.terjun", "kepala_unit", s.ids.kelurahan.back());
    const Lesson& l = content().lessons.front();
    json answers = json::array();
    for (const auto& q : l.questions) answers.push_back(q.answer);
    answers[0] = (l.questions[0].answer + 1) % static_cast<int>(l.questions[0].options.size());  // one wrong
    REQUIRE(record_attempt(lurah.db, lurah.p.username, lurah.p.office_id, l.id, answers, 1000).ok());
    // Refused and nothing written: unknown item, wrong count, an index out of range.
    CHECK_FALSE(record_attempt(lurah.db, lurah.p.username, "", "tidak-ada", answers, 1000).ok());
    CHECK_FALSE(record_attempt(lurah.db, lurah.p.username, "", l.id, json::array({0}), 1000).ok());
    json bad = answers;
    bad[1] = 99;
    CHECK_FALSE(record_attempt(lurah.db, lurah.p.username, "", l.id, bad, 1000).ok());
    const auto mine = progress_of(lurah.db, "lurah.terjun");
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].good == static_cast<int>(l.questions.size()) - 1);
    CHECK(mine[0].detail == answers);

    // A case: decisions as the screen records them.
    const Case& k = content().cases.front();
    json decisions = json::array();
    for (const auto& key : k.decide) {
        const auto& rec = k.recommended.at(key);
        decisions.push_back({{"key", key}, {"action", std::string(to_string(rec.action))}, {"met", true},
                             {"note", kGoodNote}, {"declare_conflict", rec.declare_conflict}});
    }
    REQUIRE(record_attempt(lurah.db, lurah.p.username, lurah.p.office_id, k.id, decisions, 2000).ok());
    CHECK(lurah.push(s).applied == 2);

    TrainingServer& srv = s;
    const auto kept = progress_of(srv.db, "lurah.terjun");
    REQUIRE(kept.size() == 2);
    for (const auto& p : kept) CHECK(p.office_id == s.ids.kelurahan.back());
    const auto people = summarise(srv.db, {{"lurah.terjun", "Lurah Terjun", "kepala_unit", s.ids.kelurahan.back(), "Kelurahan Terjun"},
                                           {"lurah.paya", "Lurah Paya Pasir", "kepala_unit", s.ids.kelurahan[1], "Kelurahan Paya Pasir"}});
    REQUIRE(people.size() == 2);
    CHECK(people[0].lessons_done == 1);
    CHECK(people[0].questions_right == static_cast<int>(l.questions.size()) - 1);
    CHECK(people[0].cases_done == 1);
    CHECK(people[0].decisions_met == static_cast<int>(k.decide.size()));
    CHECK(people[1].lessons_done == 0);
    CHECK_FALSE(people[1].complete());
    // What others see carries counts, never the answers or notes.
    const std::string shown = to_json(people[0]).dump() + summary_csv(people, i18n::Lang::id);
    CHECK(shown.find(kGoodNote) == std::string::npos);
    CHECK(shown.find("detail") == std::string::npos);

    // The server scores again: a device claiming a lesson it answered wrong gets its real score.
    TrainingDevice liar("lurah.paya", "kepala_unit", s.ids.kelurahan[1]);
    json wrong = json::array();
    for (const auto& q : l.questions) wrong.push_back((q.answer + 1) % static_cast<int>(q.options.size()));
    sync::enqueue_command(liar.db, std::string(kProgressTable), l.id, std::string(kProgressCommand), "",
                          {{"detail", wrong}, {"good", 99}});
    CHECK(liar.push(s).applied == 1);
    CHECK(progress_of(srv.db, "lurah.paya").at(0).good == 0);
    // The server replays a case's decisions on its own sandbox: "met" claimed for
    // a one-word reason counts nothing; an honest "not met" for decisions that
    // meet every rule counts them.
    json claimed = decisions;
    for (auto& d : claimed) d["note"] = "ok";
    sync::enqueue_command(liar.db, std::string(kProgressTable), k.id, std::string(kProgressCommand), "", {{"detail", claimed}});
    CHECK(liar.push(s).applied == 1);
    auto case_row = [&](const std::string& user) {
        for (const auto& p : progress_of(srv.db, user))
            if (p.item_id == k.id) return p;
        FAIL("no case row for " << user);
        return Progress{};
    };
    CHECK(case_row("lurah.paya").good == 0);
    json modest = decisions;
    for (auto& d : modest) d["met"] = false;
    sync::enqueue_command(liar.db, std::string(kProgressTable), k.id, std::string(kProgressCommand), "", {{"detail", modest}});
    CHECK(liar.push(s).applied == 1);
    CHECK(case_row("lurah.paya").good == static_cast<int>(k.decide.size()));
    // Roles without training are refused, and so are unknown items.
    TrainingDevice pegawai("pegawai.x", "pegawai", s.ids.kelurahan[1]);
    sync::enqueue_command(pegawai.db, std::string(kProgressTable), l.id, std::string(kProgressCommand), "", {{"detail", answers}});
    CHECK(pegawai.push(s).rejected == 1);
    sync::enqueue_command(liar.db, std::string(kProgressTable), "tidak-ada", std::string(kProgressCommand), "", {{"detail", answers}});
    CHECK(liar.push(s).rejected == 1);
    CHECK(progress_of(srv.db, "pegawai.x").empty());
    // Hostile shapes are refused, never thrown: wrong types in a case's decisions, a lesson's answers as text.
    int good = 0;
    for (const json& d : {json::array({{{"key", 1}, {"action", "approve"}, {"met", true}}}),
                          json::array({{{"key", k.decide[0]}, {"action", "approve"}, {"met", true}, {"note", 5}}}),
                          json::array({{{"key", k.decide[0]}, {"action", "pindah"}, {"met", true}}}),
                          json::array({{{"key", k.decide[0]}, {"action", "approve"}, {"met", "ya"}}}),
                          json::array({json::array()}), json("teks"), json::object()})
        CHECK_FALSE(score_case(k, d, good).ok());
    CHECK_FALSE(score_lesson(l, json::array({"1", "2", "3"}), good).ok());
    sync::enqueue_command(liar.db, std::string(kProgressTable), k.id, std::string(kProgressCommand), "",
                          {{"detail", json::array({{{"key", 7}, {"action", 1}, {"met", 0}}})}});
    CHECK(liar.push(s).rejected == 1);
}
