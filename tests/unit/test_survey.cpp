// Survei Kepuasan Pegawai (docs/SURVEY.md): the index and its categories
// against hand-computed values, the k rule, and — through the real sync push in
// process — answering once, kiosk codes, and anonymity: after answers are
// synced, no table on the server or the device, and no push or pull payload,
// holds anything that links an answer to the person or device that gave it.
#include <doctest/doctest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "demo/seed.h"
#include "report/print_html.h"
#include "report/survey_report.h"
#include "i18n/strings.h"
#include "store/repo.h"
#include "store/schema.h"
#include "survey/outbox.h"
#include "survey/results.h"
#include "survey/survey_db.h"
#include "survey/sync_commands.h"
#include "sync/client.h"
#include "sync/server_sync.h"
#include "workflow/sync_commands.h"

using namespace seimbang;
using namespace seimbang::survey;
using nlohmann::json;

namespace {

// Raw digits for the default instrument where every item *scores* `s` (reverse items get 6 − s).
std::string uniform(int s) {
    std::string out;
    for (const auto& f : default_instrument().facets)
        for (const auto& i : f.items) out += static_cast<char>('0' + (i.reverse ? 6 - s : s));
    return out;
}

}  // namespace

TEST_CASE("survey: the default instrument has the eight facets, reverse items, and survives JSON") {
    const Instrument& in = default_instrument();
    std::vector<std::string> ids;
    int reverse = 0;
    for (const auto& f : in.facets) {
        ids.push_back(f.id);
        CHECK(f.items.size() >= 3);
        CHECK(f.items.size() <= 4);
        for (const auto& i : f.items) {
            reverse += i.reverse;
            CHECK(!i.text_id.empty());
            CHECK(!i.text_en.empty());
        }
    }
    CHECK(ids == std::vector<std::string>{"beban_kerja", "kompetensi", "atasan", "rekan_kerja", "karier",
                                          "lingkungan", "komunikasi", "keadilan_mutasi"});
    CHECK(in.item_count() == 26);
    CHECK(reverse == 9);
    auto back = instrument_from_json(to_json(in));
    REQUIRE(back);
    CHECK(to_json(*back) == to_json(in));
    json broken = to_json(in);
    broken["facets"][1]["items"][0]["id"] = "bk1";  // duplicate item id
    Check why;
    CHECK(!instrument_from_json(broken, &why));
    CHECK(why.first_error()->code == "survey.bad_instrument");
}

TEST_CASE("survey: answers are validated (26 digits 1-5, comment size and text)") {
    const Instrument& in = default_instrument();
    CHECK(validate_answer(in, uniform(4), "").ok());
    CHECK(validate_answer(in, uniform(4).substr(1), "").first_error()->code == "survey.bad_scores");
    std::string zero = uniform(4);
    zero[3] = '0';
    CHECK(validate_answer(in, zero, "").first_error()->code == "survey.bad_scores");
    CHECK(validate_answer(in, uniform(4), std::string(1001, 'a')).first_error()->code == "survey.comment_too_long");
    CHECK(validate_answer(in, uniform(4), "bad \xC3").first_error()->code == "survey.comment_bad_text");
    CHECK(validate_answer(in, uniform(4), "tab\tand\nline, é ok").ok());
}

TEST_CASE("survey: index (mean-1)/4*100 and IKM categories against hand-computed values") {
    CHECK(index_of(1.0) == doctest::Approx(0));
    CHECK(index_of(5.0) == doctest::Approx(100));
    CHECK(index_of(3.5) == doctest::Approx(62.5));
    // Bands: IKM = 25 + 0.75 × index; A ≥ 88.31, B ≥ 76.61, C ≥ 65.00.
    CHECK(category_of(84.41) == 'A');  // IKM 88.3075 (rounds to 88.31)
    CHECK(category_of(84.39) == 'B');  // IKM 88.2925
    CHECK(category_of(68.81) == 'B');  // IKM 76.6075
    CHECK(category_of(68.79) == 'C');
    CHECK(category_of(53.34) == 'C');  // IKM 65.005
    CHECK(category_of(53.32) == 'D');  // IKM 64.99
    CHECK(category_of(0) == 'D');
    CHECK(category_of(100) == 'A');

    // Two answers by hand. Beban kerja items bk1..bk4 (bk2, bk4 reverse):
    //   A raw 5 1 4 2 → scored 5 5 4 4;  B raw 3 3 3 3 → scored 3 3 3 3.
    //   facet mean = (18 + 12) / 8 = 3.75 → index 68.75 → C (IKM 76.5625).
    // Every other facet: A scores 4 everywhere, B scores 2 everywhere → mean 3 → index 50 → D.
    // Overall = mean of 8 facet means = (3.75 + 7 × 3) / 8 = 3.09375 → index 52.34375 → D.
    std::string a = uniform(4), b = uniform(2);
    a.replace(0, 4, "5142");
    b.replace(0, 4, "3333");
    const Answer x{"o", a, ""}, y{"o", b, "saran"};
    const GroupFigures g = figures(default_instrument(), {&x, &y});
    CHECK(g.answers == 2);
    REQUIRE(g.facets.size() == 8);
    CHECK(g.facets[0].facet_id == "beban_kerja");
    CHECK(g.facets[0].mean == doctest::Approx(3.75));
    CHECK(g.facets[0].index == doctest::Approx(68.75));
    CHECK(g.facets[0].category == 'C');
    CHECK(g.facets[1].mean == doctest::Approx(3.0));
    CHECK(g.facets[1].index == doctest::Approx(50.0));
    CHECK(g.mean == doctest::Approx(3.09375));
    CHECK(g.index == doctest::Approx(52.34375));
    CHECK(g.category == 'D');
    CHECK(g.comments == std::vector<std::string>{"saran"});
}

TEST_CASE("survey: the k rule hides small groups and what subtraction would reveal") {
    const Instrument& in = default_instrument();
    auto many = [](const std::string& office, int n, int score, std::vector<Answer>& out) {
        for (int i = 0; i < n; ++i) out.push_back({office, uniform(score), "komentar " + office + std::to_string(i)});
    };
    SUBCASE("k-1 answers: nothing shown, not even the total") {
        std::vector<Answer> v;
        many("A", 4, 4, v);
        const auto r = scope_results(in, v, {"A"}, 5);
        CHECK(!r.total.shown);
        CHECK(r.total.figures.answers == 0);
        REQUIRE(r.offices.size() == 1);
        CHECK(!r.offices[0].shown);
        CHECK(r.offices[0].figures.facets.empty());
        CHECK(r.offices[0].figures.comments.empty());
    }
    SUBCASE("k answers: shown") {
        std::vector<Answer> v;
        many("A", 5, 4, v);
        const auto r = scope_results(in, v, {"A"}, 5);
        CHECK(r.total.shown);
        CHECK(r.offices[0].shown);
        CHECK(r.offices[0].figures.index == doctest::Approx(75));
        CHECK(r.offices[0].comments_shown);
        CHECK(r.offices[0].figures.comments.size() == 5);
    }
    SUBCASE("a hidden office of 2 beside a shown office of 5: the shown one is hidden too") {
        std::vector<Answer> v;
        many("A", 5, 4, v);
        many("B", 2, 1, v);
        const auto r = scope_results(in, v, {"A", "B"}, 5);
        CHECK(r.total.shown);  // 7 answers
        CHECK(r.total.figures.answers == 7);
        CHECK(!r.offices[0].shown);
        CHECK(!r.offices[1].shown);
    }
    SUBCASE("hidden offices together reaching k leave the others shown") {
        std::vector<Answer> v;
        many("A", 6, 4, v);
        many("B", 3, 2, v);
        many("C", 3, 2, v);
        const auto r = scope_results(in, v, {"A", "B", "C"}, 5);
        CHECK(r.total.shown);
        CHECK(r.offices[0].shown);
        CHECK(!r.offices[1].shown);
        CHECK(!r.offices[2].shown);
    }
    SUBCASE("office comment lists are hidden when the total's list minus them is a small list") {
        std::vector<Answer> v;
        many("A", 6, 4, v);
        many("B", 6, 4, v);
        for (size_t i = 6; i < 9; ++i) v[i].comment = "dari B " + std::to_string(i);  // B: 6 answers
        for (size_t i = 9; i < 12; ++i) v[i].comment.clear();                       // but 3 comments
        const auto r = scope_results(in, v, {"A", "B"}, 5);
        CHECK(r.offices[0].shown);
        CHECK(r.offices[1].shown);
        CHECK(r.total.comments_shown);  // 9 comments
        CHECK(!r.offices[1].comments_shown);
        CHECK(!r.offices[0].comments_shown);  // else total − A = B's 3 comments
        CHECK(r.offices[0].figures.comments.empty());
    }
    SUBCASE("comments need k comments as well") {
        std::vector<Answer> v;
        many("A", 6, 4, v);
        for (size_t i = 2; i < v.size(); ++i) v[i].comment.clear();
        const auto r = scope_results(in, v, {"A"}, 5);
        CHECK(r.offices[0].shown);
        CHECK(!r.offices[0].comments_shown);
        CHECK(r.offices[0].figures.comments.empty());
        CHECK(r.total.figures.comments.empty());
    }
}

// ---------------------------------------------------------------------------
// Through the sync push, in process.

namespace {

struct Server {
    store::Db db{":memory:"};
    std::unique_ptr<sync::ServerSync> sync;
    demo::DemoIds ids;
    std::vector<std::string> payloads;  // every push and pull body, both ways
    Server() {
        store::migrate(db);
        sync = std::make_unique<sync::ServerSync>(db);
        demo::seed_marelan(db, &ids);
        workflow::register_sync_commands();
        register_survey_commands();
    }
    Campaign campaign(const std::string& opens = "2000-01-01", const std::string& closes = "2099-12-31") {
        Campaign c;
        c.title = "Survei Kepuasan Pegawai Semester II 2026";
        c.period = "2026-S2";
        c.scope_office_id = ids.kecamatan;
        c.opens = opens;
        c.closes = closes;
        c.created_by = "camat";
        const Check made = create_campaign(db, c);
        REQUIRE_MESSAGE(made.ok(), (made.first_error() ? made.first_error()->code + " " + made.first_error()->field + " " + made.first_error()->detail : ""));
        return c;
    }
    // Active employees of an office.
    std::vector<Employee> staff(const std::string& office) {
        std::vector<Employee> out;
        for (auto& e : store::list_employees(db, {office, false}))
            if (e.office_id == office) out.push_back(e);
        return out;
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
    void answer(const Campaign& c, const std::string& scores, const std::string& comment, const std::string& code = {}) {
        json args = {{"scores", scores}, {"comment", comment}};
        if (!code.empty()) args["code"] = code;
        sync::enqueue_command(db, std::string(kAnswerTable), c.id, std::string(kAnswerCommand), "", args);
    }
    sync::PushSummary push(Server& s) {
        sync::PushSummary sum;
        while (auto b = sync::build_push(db)) {
            s.payloads.push_back(b->body.dump());
            sync::Reply r = s.sync->push(p, b->body);
            REQUIRE(r.status == 200);
            s.payloads.push_back(r.body.dump());
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
            s.payloads.push_back(r.body.dump());
            auto res = sync::apply_pull_page(db, r.body);
            if (!res.more) return;
        }
    }
};

std::string rejected_reason(store::Db& db) {
    auto s = db.prepare("SELECT reason FROM sync_rejected ORDER BY counter DESC LIMIT 1");
    return s.step() ? s.text(0) : std::string();
}

// Every text value of every table in `db` (table name → rows as "col=value" lists).
std::vector<std::pair<std::string, std::string>> every_cell(store::Db& db) {
    std::vector<std::pair<std::string, std::string>> out;
    std::vector<std::string> tables;
    {
        auto s = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
        while (s.step()) tables.push_back(s.text(0));
    }
    for (const auto& t : tables) {
        auto s = db.prepare("SELECT * FROM \"" + t + "\"");
        while (s.step()) {
            std::string row;
            for (int c = 0; c < s.columns(); ++c) row += std::string(s.column_name(c)) + "=" + (s.is_null(c) ? "" : s.text(c)) + "|";
            out.emplace_back(t, row);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("survey: a pegawai answers once from their own login; a second answer is refused") {
    Server s;
    const Campaign c = s.campaign();
    const auto staff = s.staff(s.ids.kelurahan[0]);
    REQUIRE(!staff.empty());
    Device d("p1", "pegawai", s.ids.kelurahan[0], staff[0].id);
    d.answer(c, uniform(4), "");
    CHECK(d.push(s).applied == 1);
    CHECK(has_participated(s.db, c.id, staff[0].id));
    d.answer(c, uniform(2), "");
    const auto sum = d.push(s);
    CHECK(sum.rejected == 1);
    CHECK(rejected_reason(d.db) == "survey.already_answered");
    auto n = s.db.prepare("SELECT COUNT(*) FROM survey_answers");
    REQUIRE(n.step());
    CHECK(n.int64(0) == 1);
}

TEST_CASE("survey: answers outside the campaign's dates, scope or shape change nothing") {
    Server s;
    const auto staff = s.staff(s.ids.kelurahan[1]);
    Device d("p1", "pegawai", s.ids.kelurahan[1], staff[0].id);
    const Campaign closed = s.campaign("2001-01-01", "2001-02-01");
    d.answer(closed, uniform(4), "");
    d.push(s);
    CHECK(rejected_reason(d.db) == "survey.closed");
    const Campaign later = s.campaign("2099-01-01", "2099-02-01");
    d.answer(later, uniform(4), "");
    d.push(s);
    CHECK(rejected_reason(d.db) == "survey.not_open");
    const Campaign open = s.campaign();
    d.answer(open, "12345", "");
    d.push(s);
    CHECK(rejected_reason(d.db) == "survey.bad_scores");
    Device nobody("op", "operator", s.ids.kelurahan[1]);  // no employee, no code
    nobody.answer(open, uniform(4), "");
    nobody.push(s);
    CHECK(rejected_reason(nobody.db) == "survey.no_person");
    auto n = s.db.prepare("SELECT (SELECT COUNT(*) FROM survey_answers) + (SELECT COUNT(*) FROM survey_participation)");
    REQUIRE(n.step());
    CHECK(n.int64(0) == 0);
    // The refused answers' bodies are not kept on the device either.
    auto b = d.db.prepare("SELECT COUNT(*) FROM sync_rejected WHERE body LIKE '%scores%'");
    REQUIRE(b.step());
    CHECK(b.int64(0) == 0);
}

TEST_CASE("survey: kiosk codes are single-use, campaign- and office-bound") {
    Server s;
    const Campaign c = s.campaign();
    const Campaign other = s.campaign();
    const std::string office = s.ids.kelurahan[2];
    auto issued = issue_codes(s.db, c.id, office, 3);
    REQUIRE(issued.check.ok());
    REQUIRE(issued.codes.size() == 3);
    CHECK(std::set<std::string>(issued.codes.begin(), issued.codes.end()).size() == 3);
    CHECK(!issue_codes(s.db, c.id, office, 0).check.ok());
    CHECK(!issue_codes(s.db, c.id, office, 201).check.ok());
    // The server keeps only hashes.
    auto plain = s.db.prepare("SELECT COUNT(*) FROM survey_codes WHERE code_hash = ?1");
    plain.bind(1, issued.codes[0]);
    REQUIRE(plain.step());
    CHECK(plain.int64(0) == 0);

    Device kiosk("op", "operator", office);
    kiosk.answer(c, uniform(4), "", issued.codes[0]);
    CHECK(kiosk.push(s).applied == 1);
    kiosk.answer(c, uniform(4), "", issued.codes[0]);  // the same code again
    kiosk.push(s);
    CHECK(rejected_reason(kiosk.db) == "survey.code_used");
    kiosk.answer(other, uniform(4), "", issued.codes[1]);  // a code of another campaign
    kiosk.push(s);
    CHECK(rejected_reason(kiosk.db) == "survey.bad_code");
    // Typed in lower case with a space: still the code.
    std::string typed = issued.codes[1];
    for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    typed.insert(4, " ");
    kiosk.answer(c, uniform(3), "", typed);
    CHECK(kiosk.push(s).applied == 1);
    // Another office's operator cannot spend this office's code.
    Device elsewhere("op2", "operator", s.ids.kelurahan[3]);
    elsewhere.answer(c, uniform(4), "", issued.codes[2]);
    elsewhere.push(s);
    CHECK(rejected_reason(elsewhere.db) == "scope.forbidden");
    // A pegawai's own login does not take codes.
    const auto staff = s.staff(office);
    Device own("p", "pegawai", office, staff[0].id);
    own.answer(c, uniform(4), "", issued.codes[2]);
    own.push(s);
    CHECK(rejected_reason(own.db) == "role.forbidden");

    auto n = s.db.prepare("SELECT COUNT(*) FROM survey_answers WHERE office_id = ?1");
    n.bind(1, office);
    REQUIRE(n.step());
    CHECK(n.int64(0) == 2);
}

TEST_CASE("survey: anonymity - no table, payload or device keeps a link from an answer to its person") {
    Server s;
    const Campaign c = s.campaign();
    const std::string office = s.ids.kelurahan[0];
    const auto staff = s.staff(office);
    REQUIRE(staff.size() >= 6);
    std::vector<std::unique_ptr<Device>> devices;
    std::vector<std::string> markers;
    for (int i = 0; i < 6; ++i) {
        devices.push_back(std::make_unique<Device>("p" + std::to_string(i), "pegawai", office, staff[i].id));
        devices.back()->pull(s);
        markers.push_back("JEJAK" + std::to_string(1000 + i));  // a unique comment per person
        devices.back()->answer(c, uniform(1 + i % 5), markers.back());
        // Before sending, the answer waits in the outbox and nowhere else on the device.
        for (const auto& cell : every_cell(devices.back()->db))
            if (cell.second.find(markers.back()) != std::string::npos) CHECK(cell.first == "sync_outbox");
        CHECK(devices.back()->push(s).applied == 1);
    }
    for (auto& d : devices) d->pull(s);

    // 1. The answers table has only campaign, office, random id, scores, comment;
    //    no rowid to order it by.
    {
        std::vector<std::string> cols;
        auto q = s.db.prepare("SELECT name FROM pragma_table_info('survey_answers') ORDER BY cid");
        while (q.step()) cols.push_back(q.text(0));
        CHECK(cols == std::vector<std::string>{"campaign_id", "office_id", "id", "scores", "comment"});
        auto sql = s.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'survey_answers'");
        REQUIRE(sql.step());
        CHECK(sql.text(0).find("WITHOUT ROWID") != std::string::npos);
        auto rowid = s.db.prepare("SELECT COUNT(*) FROM pragma_table_info('survey_participation') "
                                  "WHERE name LIKE '%ms' OR name LIKE '%time%' OR name LIKE '%seq%' OR name LIKE '%device%'");
        REQUIRE(rowid.step());
        CHECK(rowid.int64(0) == 0);
    }
    // 2. On the server: the rows that hold an answer's text hold no person, user
    //    or device, and no other row holds the answer's text.
    std::vector<std::string> identities;
    for (int i = 0; i < 6; ++i) {
        identities.push_back(staff[i].id);
        identities.push_back(staff[i].nip);
        identities.push_back(devices[i]->p.device_id);
        identities.push_back(devices[i]->p.username + "|");
    }
    int answer_rows = 0;
    for (const auto& cell : every_cell(s.db)) {
        const std::string& table = cell.first;
        const std::string& row = cell.second;
        bool holds_answer = false;
        for (const auto& m : markers) holds_answer = holds_answer || row.find(m) != std::string::npos;
        if (!holds_answer) continue;
        ++answer_rows;
        CHECK_MESSAGE(table == "survey_answers", table);
        for (const auto& who : identities) CHECK_MESSAGE(row.find(who) == std::string::npos, table, " ", who);
    }
    CHECK(answer_rows == 6);
    // 3. The sync_applied results of the answers' mutations are all alike (no id,
    //    no row), so the device's idempotency record names nothing of the answer.
    {
        auto q = s.db.prepare("SELECT result FROM sync_applied");
        while (q.step()) {
            const json r = json::parse(q.text(0));
            CHECK(!r.contains("row"));
            CHECK(r.value("status", "") == "applied");
        }
    }
    // 4. Devices: after the push nothing of the answer is left (no outbox, no
    //    sync_sent copy), and the pull brought no answer back.
    for (auto& d : devices)
        for (const auto& cell : every_cell(d->db))
            for (const auto& m : markers) CHECK_MESSAGE(cell.second.find(m) == std::string::npos, cell.first);
    // 5. Payloads: answers travel up inside the push only; no answer text, score
    //    string or answer table in any server answer (push replies, pull pages).
    for (size_t i = 0; i < s.payloads.size(); ++i) {
        const std::string& p = s.payloads[i];
        const bool is_push_body = p.find("\"mutations\"") != std::string::npos;
        if (is_push_body) continue;
        for (const auto& m : markers) CHECK(p.find(m) == std::string::npos);
        CHECK(p.find("survey_answers") == std::string::npos);
        CHECK(p.find("survey_participation") == std::string::npos);
    }
}

TEST_CASE("survey: k-1 answers give no figures in the results; the k-th makes them appear") {
    Server s;
    const Campaign c = s.campaign();
    const std::string office = s.ids.kelurahan[0];
    const auto staff = s.staff(office);
    REQUIRE(staff.size() >= 5);
    for (int i = 0; i < 4; ++i) {
        Device d("p" + std::to_string(i), "pegawai", office, staff[i].id);
        d.answer(c, uniform(4), "komentar " + std::to_string(i));
        REQUIRE(d.push(s).applied == 1);
    }
    const json before = to_json(campaign_results(s.db, c, s.ids.kecamatan, demo::kDemoYear));
    CHECK(before["k"] == 5);
    CHECK(before["participated"] == 4);
    CHECK(before["total"] == json{{"shown", false}});
    for (const auto& o : before["offices"]) CHECK(o["result"] == json{{"shown", false}});
    CHECK(before.dump().find("komentar") == std::string::npos);
    CHECK(before.dump().find("\"index\"") == std::string::npos);

    Device fifth("p4", "pegawai", office, staff[4].id);
    fifth.answer(c, uniform(4), "komentar 4");
    REQUIRE(fifth.push(s).applied == 1);
    const json after = to_json(campaign_results(s.db, c, s.ids.kecamatan, demo::kDemoYear));
    CHECK(after["total"]["shown"] == true);
    CHECK(after["total"]["answers"] == 5);
    CHECK(after["total"]["index"].get<double>() == doctest::Approx(75));
    bool office_shown = false;
    for (const auto& o : after["offices"])
        if (o["office_id"] == office) {
            office_shown = o["result"]["shown"];
            CHECK(o["result"]["comments"].size() == 5);
            CHECK(o["ej"].is_number());  // the ABK engine's EU beside it
        }
    CHECK(office_shown);
    // A raised k hides them again (the setting is read on every computation).
    REQUIRE(save_survey_settings(s.db, {6, 14}).ok());
    const json raised = to_json(campaign_results(s.db, c, s.ids.kecamatan, demo::kDemoYear));
    CHECK(raised["total"] == json{{"shown", false}});
    CHECK(!save_survey_settings(s.db, {1, 14}).ok());
}

TEST_CASE("survey: the device queues answers offline, strikes off kiosk codes, and pads every answer alike") {
    Server s;
    const Campaign c = s.campaign();
    const std::string office = s.ids.kelurahan[2];
    auto issued = issue_codes(s.db, c.id, office, 2);
    REQUIRE(issued.check.ok());
    Device kiosk("op", "operator", office);
    replace_campaigns(kiosk.db, list_campaigns(s.db));  // what GET /api/v1/surveys brought
    add_kiosk_codes(kiosk.db, c.id, issued.codes);
    const Date today{2026, 12, 7};
    CHECK(unused_kiosk_codes(kiosk.db, c.id).size() == 2);
    CHECK(queue_answer(kiosk.db, c.id, "", uniform(4), "", issued.codes[0], today).ok());
    CHECK(queue_answer(kiosk.db, c.id, "", uniform(4), "", issued.codes[0], today).first_error()->code ==
          "survey.code_used");
    CHECK(queue_answer(kiosk.db, c.id, "", uniform(4), "", "ACDE-FGHJ", today).first_error()->code == "survey.bad_code");
    CHECK(queue_answer(kiosk.db, c.id, "", "123", "", issued.codes[1], today).first_error()->code == "survey.bad_scores");
    CHECK(unused_kiosk_codes(kiosk.db, c.id) == std::vector<std::string>{issued.codes[1]});
    CHECK(queue_answer(kiosk.db, c.id, "", uniform(2), "Ruang kerja panas sekali,\nmohon kipas angin.",
                       issued.codes[1], today)
              .ok());
    CHECK(pending_answers(kiosk.db) == 2);
    // Both answers' mutations have the same size though one has a comment.
    std::vector<size_t> sizes;
    auto q = kiosk.db.prepare("SELECT length(body) FROM sync_outbox WHERE table_name = 'survey_answers'");
    while (q.step()) sizes.push_back(static_cast<size_t>(q.int64(0)));
    REQUIRE(sizes.size() == 2);
    CHECK(sizes[0] == sizes[1]);
    CHECK(kiosk.push(s).applied == 2);
    CHECK(pending_answers(kiosk.db) == 0);

    // Own login: the device remembers that this person answered.
    const auto staff = s.staff(office);
    Device own("p", "pegawai", office, staff[0].id);
    replace_campaigns(own.db, list_campaigns(s.db));
    CHECK(!answered_here(own.db, c.id, staff[0].id));
    CHECK(queue_answer(own.db, c.id, staff[0].id, uniform(5), "", "", today).ok());
    CHECK(answered_here(own.db, c.id, staff[0].id));
    CHECK(queue_answer(own.db, c.id, staff[0].id, uniform(5), "", "", today).first_error()->code ==
          "survey.already_answered");
    CHECK(queue_answer(own.db, c.id, staff[0].id, uniform(5), "", "", Date{2100, 1, 1}).first_error()->code ==
          "survey.closed");
    CHECK(own.push(s).applied == 1);
}

TEST_CASE("survey campaign: the period is an evaluation period id; every field's problem is named") {
    Server s;
    Campaign c;
    c.title = "";
    c.period = "semester 2";
    c.scope_office_id = "no-such-office";
    c.opens = "2026-07-01";
    c.closes = "2026-06-30";
    const Check k = validate_campaign(s.db, c);
    std::set<std::string> codes;
    for (const auto& i : k.issues) codes.insert(i.code + "@" + i.field);
    CHECK(codes == std::set<std::string>{"survey.title_required@title", "survey.bad_period@period",
                                         "survey.closes_before_opens@closes", "office.not_found@scope_office_id"});
    Campaign ok = c;
    ok.title = "Survei";
    ok.scope_office_id = s.ids.kecamatan;
    ok.closes = "2026-12-31";
    for (const char* p : {"2026-S2", "2026-Q4"}) {
        ok.period = p;
        CHECK(validate_campaign(s.db, ok).ok());
    }
    for (const char* p : {"2026-S3", "2026", "S2-2026", "2026-s2x"}) {
        ok.period = p;
        CHECK(validate_campaign(s.db, ok).first_error()->code == "survey.bad_period");
    }
    CHECK(list_campaigns(s.db).empty());  // nothing was written
}

TEST_CASE("survey results on a device: the kept JSON gives back the server's CSV and print view, hidden stays hidden") {
    Server s;
    const Campaign c = s.campaign();
    const std::string office = s.ids.kelurahan[0], small = s.ids.kelurahan[1];
    const auto staff = s.staff(office), few = s.staff(small);
    REQUIRE(staff.size() >= 5);
    REQUIRE(few.size() >= 2);
    for (int i = 0; i < 5; ++i) {
        Device d("p" + std::to_string(i), "pegawai", office, staff[i].id);
        d.answer(c, uniform(i % 2 ? 4 : 3), "catatan <b>" + std::to_string(i) + "</b>");
        REQUIRE(d.push(s).applied == 1);
    }
    for (int i = 0; i < 2; ++i) {  // fewer than k in the second kelurahan
        Device d("q" + std::to_string(i), "pegawai", small, few[i].id);
        d.answer(c, uniform(2), "rahasia kecil " + std::to_string(i));
        REQUIRE(d.push(s).applied == 1);
    }
    const CampaignResults server = campaign_results(s.db, c, s.ids.kecamatan, demo::kDemoYear);
    const json body = to_json(server);
    const auto device = campaign_results_from_json(json::parse(body.dump()), c);
    REQUIRE(device);
    // Offices whose group the server listed print alike; a hidden one prints "< k" on both.
    const std::string from_server = report::survey_csv(server, i18n::Lang::id);
    const std::string from_device = report::survey_csv(*device, i18n::Lang::id);
    auto lines = [](const std::string& t) {
        std::vector<std::string> out;
        size_t at = 0;
        for (size_t nl; (nl = t.find('\n', at)) != std::string::npos; at = nl + 1) out.push_back(t.substr(at, nl - at));
        return out;
    };
    const auto a = lines(from_server), b = lines(from_device);
    REQUIRE(a.size() == b.size());
    int same = 0, zero_vs_hidden = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i] == b[i]) ++same;
        // An office without answers: "0" from the server, "< 5" from the device (the body does not tell them apart).
        else if (a[i].find(",0,,") != std::string::npos && b[i].find(",< 5,,") != std::string::npos) ++zero_vs_hidden;
        else FAIL_CHECK(a[i] << " | " << b[i]);
    }
    CHECK(same >= 4);  // headings, total, the answering kelurahan, the kecamatan's hidden line
    CHECK(from_device.find("rahasia") == std::string::npos);
    CHECK(from_device.find(",< 5,") != std::string::npos);

    // The print view: escaped, the comments that passed k, nothing of the hidden group.
    const std::string html = report::print_html(report::survey_print(*device, i18n::Lang::id, "7 Desember 2026"), i18n::Lang::id);
    CHECK(html.find("catatan &lt;b&gt;1&lt;/b&gt;") != std::string::npos);
    CHECK(html.find("<b>1") == std::string::npos);
    // The small kelurahan has no comment list of its own (its comments count only in the total's).
    std::string small_name;
    for (const auto& o : server.offices)
        if (o.office_id == small) small_name = o.name;
    REQUIRE(!small_name.empty());
    const std::string heading = std::string(i18n::tr("survey.report.comments", i18n::Lang::id)) + " — ";
    CHECK(html.find(heading + std::string(i18n::tr("survey.report.total", i18n::Lang::id))) != std::string::npos);
    CHECK(html.find(heading + small_name) == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find(c.title) != std::string::npos);
    CHECK(!campaign_results_from_json(json::array(), c));
    CHECK(!campaign_results_from_json(json{{"total", 1}}, c));
}
