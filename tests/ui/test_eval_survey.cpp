// Issue 11 through the real screens, with an in-process server (the real sync
// merge, survey and snapshot code on a seeded database): a camat's Survei screen
// charts the index across campaigns under the k rule, opens a campaign through
// its form (every field checked on the device, nothing sent offline), and
// downloads results (the server's XLSX online, a CSV and a print view of what
// the device holds offline); Evaluasi lists an office's positions across
// periods and saves its print view; a device shows one period length only.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/evaluation.h"
#include "demo/seed.h"
#include "eval/snapshot.h"
#include "store/repo.h"
#include "store/schema.h"
#include "survey/survey_db.h"
#include "sync/server_sync.h"
#include "ui_harness.h"

using nlohmann::json;
using seimbang::uitest::Harness;
using seimbang::uitest::has_issue;
using seimbang::uitest::office_named;
using seimbang::uitest::sign_in_demo;
using namespace seimbang;

namespace {

// Raw digits where every item scores `s` (reverse-worded items get 6 − s).
std::string uniform(int s) {
    std::string out;
    for (const auto& f : survey::default_instrument().facets)
        for (const auto& i : f.items) out += static_cast<char>('0' + (i.reverse ? 6 - s : s));
    return out;
}

// A camat of Kecamatan Medan Marelan against the real server-side code.
struct CamatServer {
    store::Db db{":memory:"};
    demo::DemoIds ids;
    std::unique_ptr<sync::ServerSync> merge;
    std::vector<std::string> posts;  // bodies of POST /api/v1/surveys
    CamatServer() {
        store::migrate(db);
        demo::seed_marelan(db, &ids);
        merge = std::make_unique<sync::ServerSync>(db);
    }
    sync::Principal who(const app::HttpRequest& req) const {
        return {"u-camat", "camat.marelan", "Camat Medan Marelan", "camat", ids.kecamatan, "", req.device_id};
    }
    static app::HttpResponse reply(const sync::Reply& r) { return {r.status, r.body.dump()}; }
    app::HttpResponse operator()(const app::HttpRequest& req) {
        if (req.path == "/api/v1/auth/login") {
            json user = {{"username", "camat.marelan"}, {"display_name", "Camat Medan Marelan"}, {"role", "camat"},
                         {"office_id", ids.kecamatan}};
            return {200, json{{"token", "tok-camat"}, {"user", user}}.dump()};
        }
        if (req.bearer_token != "tok-camat") return {401, R"({"error":{"code":"auth.token_expired"}})"};
        if (req.path == "/api/v1/sync/push") return reply(merge->push(who(req), json::parse(req.body)));
        if (req.path.rfind("/api/v1/sync/pull?", 0) == 0) {
            auto param = [&](const std::string& k) -> std::string {
                auto p = req.path.find(k + "=");
                if (p == std::string::npos) return "";
                auto e = req.path.find('&', p);
                return req.path.substr(p + k.size() + 1, e == std::string::npos ? std::string::npos : e - p - k.size() - 1);
            };
            return reply(merge->pull(who(req), std::stoll(param("cursor")), std::stoi(param("limit")), param("snapshot") == "1"));
        }
        if (req.path == "/api/v1/surveys" && req.method == "GET") {
            json list = json::array();
            for (const auto& c : survey::list_campaigns(db)) {
                json j = survey::to_json(c);
                j["open"] = true;
                j["answered"] = false;
                list.push_back(j);
            }
            return {200, json{{"k", 5}, {"campaigns", list}}.dump()};
        }
        if (req.path == "/api/v1/surveys" && req.method == "POST") {
            posts.push_back(req.body);
            const json b = json::parse(req.body);
            survey::Campaign c;
            c.title = b.value("title", "");
            c.period = b.value("period", "");
            c.scope_office_id = b.value("scope_office_id", "");
            c.opens = b.value("opens", "");
            c.closes = b.value("closes", "");
            const Check k = survey::create_campaign(db, c);
            if (const Issue* i = k.first_error())
                return {400, json{{"error", {{"code", i->code}, {"field", i->field}}}}.dump()};
            return {201, json{{"campaign", survey::to_json(c)}}.dump()};
        }
        if (req.path.rfind("/api/v1/surveys/", 0) == 0 && req.path.find("/results?") != std::string::npos) {
            const auto c = survey::get_campaign(db, req.path.substr(16, 36));
            if (!c) return {404, "{}"};
            return {200, survey::to_json(survey::campaign_results(db, *c, ids.kecamatan, 2026)).dump()};
        }
        if (req.path.rfind("/api/v1/reports/survey.xlsx?", 0) == 0) return {200, "PK\x03\x04 server xlsx"};
        if (req.path.rfind("/api/v1/reports/abk.xlsx?", 0) == 0) return {200, "PK\x03\x04 server abk xlsx"};
        return {404, "{}"};
    }
    survey::Campaign campaign(const std::string& title, const std::string& period, const std::string& opens) {
        survey::Campaign c;
        c.title = title;
        c.period = period;
        c.scope_office_id = ids.kecamatan;
        c.opens = opens;
        c.closes = "2099-12-31";
        REQUIRE(survey::create_campaign(db, c).ok());
        return c;
    }
    // `n` staff of `office` answer with every item scoring `score`.
    void answers(const survey::Campaign& c, const std::string& office, int n, int score) {
        int given = 0;
        for (const auto& e : store::list_employees(db, {office, false})) {
            if (e.office_id != office || given == n) continue;
            survey::AnswerInput in;
            in.campaign_id = c.id;
            in.employee_id = e.id;
            in.scores = uniform(score);
            in.comment = "saran " + std::to_string(given);
            in.answered_on = {2026, 12, 1};
            in.today = {2026, 12, 1};
            const Check k = survey::record_answer(db, in);
            REQUIRE_MESSAGE(k.ok(), (k.first_error() ? k.first_error()->code : ""));
            ++given;
        }
        REQUIRE(given == n);
    }
};

void online_camat(Harness& h, CamatServer& server) {
    h.platform.online_flag = true;
    h.platform.server = std::ref(server);
    h.frame(2);
    REQUIRE(h.type("##login-user", "camat.marelan"));
    REQUIRE(h.type("##login-pass", "marelan2026"));
    REQUIRE(h.click("login-submit"));
    REQUIRE(h.app->login.logged_in());
    h.frame(5);
    REQUIRE(h.app->sync.view.first_pull_done);
}

const uitest::TestPlatform::Saved* last_saved(Harness& h) {
    return h.platform.saved.empty() ? nullptr : &h.platform.saved.back();
}

}  // namespace

TEST_CASE("survei screen: trend across campaigns under k; a campaign opened by the form; Unduh online and offline") {
    CamatServer server;
    // Two campaigns: the older with 5 answers in one kelurahan (shown), the newer with 2 (hidden by k = 5).
    const auto old_c = server.campaign("Survei Semester I", "2026-S1", "2026-01-10");
    const auto new_c = server.campaign("Survei Semester II", "2026-S2", "2026-07-10");
    server.answers(old_c, server.ids.kelurahan[0], 5, 4);
    server.answers(new_c, server.ids.kelurahan[0], 2, 2);
    Harness h(1366, 2400);
    online_camat(h, server);
    REQUIRE(h.click("nav-survey"));
    h.frame(3);
    const auto& trend = h.app->surveys.trend;
    REQUIRE(trend.size() == 2);
    CHECK(trend[0].campaign_id == old_c.id);  // oldest first
    CHECK(trend[0].shown);
    CHECK(trend[0].index == doctest::Approx(75.0));  // every item scored 4: (4 − 1) / 4 × 100
    CHECK(trend[0].facets.at("beban_kerja") == doctest::Approx(75.0));
    CHECK_FALSE(trend[1].shown);  // 2 answers < k: no figure on the device at all
    CHECK(trend[1].facets.empty());
    CHECK(h.has("survey-trend-" + old_c.id));
    CHECK(h.has("survey-trend-" + new_c.id));

    // --- the form: every field's problem at once, nothing sent
    REQUIRE(h.click("survey-create"));
    h.frame(2);
    REQUIRE(h.app->surveys.creating);
    CHECK(h.app->surveys.draft.scope_office_id == server.ids.kecamatan);
    REQUIRE(h.type("##survey-new-title", ""));
    REQUIRE(h.type("##survey-new-period", "2026-S9"));
    REQUIRE(h.type("##survey-new-opens", "2026-12-31"));
    REQUIRE(h.type("##survey-new-closes", "2026-12-01"));
    REQUIRE(h.click("survey-new-submit"));
    h.frame(2);
    const Check& k = h.app->surveys.create_check;
    CHECK(has_issue(k, "title", "survey.title_required"));
    CHECK(has_issue(k, "period", "survey.bad_period"));
    CHECK(has_issue(k, "closes", "survey.closes_before_opens"));
    CHECK(server.posts.empty());
    // Valid, but offline: said plainly, nothing queued or sent.
    REQUIRE(h.type("##survey-new-title", "Survei Kepuasan Triwulan IV"));
    REQUIRE(h.type("##survey-new-period", "2026-q4"));  // typed in lower case: the field upper-cases it
    REQUIRE(h.type("##survey-new-closes", "2027-01-15"));
    h.platform.online_flag = false;
    REQUIRE(h.click("survey-new-submit"));
    h.frame(2);
    CHECK(has_issue(h.app->surveys.create_check, "campaign", "survey.create_offline"));
    CHECK(server.posts.empty());
    // Online: the server makes it, the screen shows it.
    h.platform.online_flag = true;
    REQUIRE(h.click("survey-new-submit"));
    h.frame(3);
    REQUIRE(server.posts.size() == 1);
    CHECK(json::parse(server.posts[0])["period"] == "2026-Q4");
    CHECK_FALSE(h.app->surveys.creating);
    REQUIRE(survey::list_campaigns(server.db).size() == 3);
    const auto* selected = [&]() -> const survey::Campaign* {
        for (const auto& c : h.app->surveys.campaigns)
            if (c.id == h.app->surveys.selected_id) return &c;
        return nullptr;
    }();
    REQUIRE(selected);
    CHECK(selected->title == "Survei Kepuasan Triwulan IV");

    // --- Unduh: the older campaign's results, online from the server, offline from the device
    h.app->select_survey(old_c.id);
    h.frame(2);
    REQUIRE(h.click("survey-download"));
    h.frame(1);
    REQUIRE(last_saved(h));
    CHECK(last_saved(h)->name == "survei-2026-S1.xlsx");
    CHECK(h.platform.requests.back().path.find("/api/v1/reports/survey.xlsx?scope=" + server.ids.kecamatan +
                                               "&campaign=" + old_c.id) == 0);
    h.platform.online_flag = false;
    REQUIRE(h.click("survey-download"));
    h.frame(1);
    CHECK(last_saved(h)->name == "survei-2026-S1.csv");
    CHECK(last_saved(h)->bytes.find("75.00") != std::string::npos);  // the index the server let out
    REQUIRE(h.click("survey-print"));
    h.frame(1);
    CHECK(last_saved(h)->name == "survei-2026-S1.html");
    CHECK(last_saved(h)->bytes.find("Survei Semester I") != std::string::npos);
    CHECK(last_saved(h)->bytes.find("75,0") != std::string::npos);  // Indonesian number style for people
    // The hidden campaign: its CSV carries no figure.
    h.app->select_survey(new_c.id);
    h.frame(2);
    REQUIRE(h.click("survey-download"));
    h.frame(1);
    CHECK(last_saved(h)->name == "survei-2026-S2.csv");
    CHECK(last_saved(h)->bytes.find("< 5") != std::string::npos);
    CHECK(last_saved(h)->bytes.find("25.00") == std::string::npos);  // the 2 answers' index (score 2) never appears
}

TEST_CASE("evaluasi screen: an office's positions across periods; the print view saved from the device's snapshots") {
    CamatServer server;
    REQUIRE(eval::take_snapshot(server.db, *eval::parse_period("2025-S2"), true, 1).written > 0);
    const std::string kel = server.ids.kelurahan[0];
    const auto staff = store::list_employees(server.db, {kel, false});
    REQUIRE(staff.size() > 1);
    REQUIRE(store::archive_employee(server.db, staff[0].id).ok());
    REQUIRE(eval::take_snapshot(server.db, *eval::parse_period("2026-S1"), true, 2).written > 0);
    Harness h(1366, 2400);
    online_camat(h, server);
    REQUIRE(h.click("nav-evaluation"));
    h.frame(3);
    CHECK(h.has("eval-bar-2025-S2"));
    CHECK(h.has("eval-bar-2026-S1"));

    // The positions of the kelurahan: every own position, EJ per period, the changed holder count.
    const auto d = app::load_evaluation(h.app->local->db());
    const auto op = app::load_office_positions(h.app->local->db(), d, kel);
    REQUIRE(op.periods.size() == 2);
    REQUIRE(op.positions.size() > 3);
    int changed = 0;
    for (const auto& p : op.positions) {
        REQUIRE(p.at.size() == 2);
        if (p.at[0] && p.at[1] && p.at[0]->holders != p.at[1]->holders) ++changed;
    }
    CHECK(changed == 1);  // the archived employee's position

    // Print view of the kecamatan's latest period: offices, requests and positions.
    REQUIRE(h.click("eval-print"));
    h.frame(1);
    REQUIRE(last_saved(h));
    CHECK(last_saved(h)->name == "evaluasi-2026-S1.html");
    CHECK(last_saved(h)->mime.rfind("text/html", 0) == 0);
    const std::string& html = last_saved(h)->bytes;
    CHECK(html.find("EVALUASI KESEIMBANGAN BEBAN KERJA") != std::string::npos);
    CHECK(html.find("Angka per jabatan (ABK)") != std::string::npos);
    CHECK(html.find(op.positions.front().name) != std::string::npos);
    CHECK(html.find("dibandingkan dengan 2025-S2") != std::string::npos);
}

TEST_CASE("evaluasi data: one period length per series, the configured one once it has a snapshot") {
    store::Db db(":memory:");
    store::migrate(db);
    demo::DemoIds ids;
    demo::seed_marelan(db, &ids);
    for (const char* p : {"2025-S2", "2026-S1"}) REQUIRE(eval::take_snapshot(db, *eval::parse_period(p), true, 1).written > 0);
    auto d = app::load_evaluation(db);
    CHECK(d.periods == std::vector<std::string>{"2025-S2", "2026-S1"});
    CHECK(d.other_length_rows == 0);
    // The setting changed to quarters (handed down by sync), no quarter taken yet: the semesters stay in view.
    db.exec("INSERT INTO settings(key, value) VALUES ('rules', '{\"evaluation_period\": \"quarter\"}')");
    d = app::load_evaluation(db);
    CHECK(d.periods == std::vector<std::string>{"2025-S2", "2026-S1"});
    // The first quarter's snapshot starts the new series; the semesters are left out (and said so).
    REQUIRE(eval::take_snapshot(db, *eval::parse_period("2026-Q3"), true, 2).written > 0);
    d = app::load_evaluation(db);
    CHECK(d.periods == std::vector<std::string>{"2026-Q3"});
    CHECK(d.other_length_rows > 0);
    for (const auto& o : d.offices)
        for (const auto& s : o.periods) CHECK(s.period == "2026-Q3");
    // Back to semesters: the semester series again, the quarter left out.
    db.exec("UPDATE settings SET value = '{\"evaluation_period\": \"semester\"}' WHERE key = 'rules'");
    d = app::load_evaluation(db);
    CHECK(d.periods == std::vector<std::string>{"2025-S2", "2026-S1"});
}

TEST_CASE("abk screen: Unduh gives the server's XLSX online, this device's Form D offline, and the print view") {
    CamatServer server;
    Harness h(1366, 2400);
    online_camat(h, server);
    REQUIRE(h.click("nav-abk"));
    h.frame(3);
    const std::string year = std::to_string(h.app->workload.abk_year);
    REQUIRE(h.click("abk-download"));
    h.frame(1);
    REQUIRE(last_saved(h));
    CHECK(last_saved(h)->name == "abk-" + year + ".xlsx");
    CHECK(h.platform.requests.back().path.find("/api/v1/reports/abk.xlsx?scope=" + server.ids.kecamatan + "&year=" +
                                               year) == 0);
    // Offline: Form D of what this device holds, every position of the kecamatan.
    h.platform.online_flag = false;
    h.frame(1);
    REQUIRE(h.click("abk-download"));
    h.frame(1);
    CHECK(last_saved(h)->name == "abk-" + year + ".csv");
    const std::string csv = last_saved(h)->bytes;
    CHECK(csv.rfind("Unit kerja,Jabatan", 0) == 0);
    const auto terjun = store::get_office(server.db, server.ids.kelurahan[0]);
    REQUIRE(terjun);
    CHECK(csv.find(terjun->name) != std::string::npos);
    REQUIRE(h.click("abk-print"));
    h.frame(1);
    CHECK(last_saved(h)->name == "abk-" + year + ".html");
    CHECK(last_saved(h)->bytes.find("ANALISIS BEBAN KERJA") != std::string::npos);
    CHECK(last_saved(h)->bytes.find("Form D") != std::string::npos);
    CHECK(last_saved(h)->bytes.find("<script") == std::string::npos);
}
