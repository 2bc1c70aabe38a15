// Nasional (client/ui/screen_national.cpp): a pusat account on the national
// tier signs in online-only — nothing replicated, no sync, one screen that asks
// the server's views — and reads, filters, pages and downloads them by clicks.
// The views' answers here follow server/national's shape; tests/national reads
// the real PostgreSQL server's answers with the same parser.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/national.h"
#include "ui_harness.h"

using namespace seimbang;
using namespace seimbang::uitest;
using nlohmann::json;

namespace {

json figures(long long holders, long long needed) {
    return {{"workload_minutes", needed * 72000.0}, {"needed", static_cast<double>(needed)},
            {"needed_rounded", needed}, {"holders", holders}, {"difference", holders - needed},
            {"positions", 10}, {"positions_short", 3}, {"positions_surplus", 2},
            {"eu", holders > 0 ? json(static_cast<double>(needed) / holders) : json(nullptr)}};
}

// The national server as the client sees it: every request recorded; the views'
// answers built from `instansi` rows (60: more than one screenful of 50).
struct NationalServer {
    std::vector<std::string> paths;
    int instansi = 60;
    bool refuse_token = false;

    std::string param(const std::string& path, const std::string& k) const {
        const auto p = path.find(k + "=");
        if (p == std::string::npos) return "";
        const auto e = path.find('&', p);
        return path.substr(p + k.size() + 1, e == std::string::npos ? std::string::npos : e - p - k.size() - 1);
    }

    app::HttpResponse operator()(const app::HttpRequest& req) {
        paths.push_back(req.path);
        if (req.path == "/api/v1/auth/login") {
            json user = {{"username", "pusat.bkn"}, {"display_name", "BKN Pusat"}, {"role", "pusat"},
                         {"office_id", ""}, {"employee_id", ""}, {"online_only", true}};
            return {200, json{{"token", "tok-pusat"}, {"user", user}}.dump()};
        }
        if (refuse_token) return {401, R"({"error":{"code":"auth.token_expired"}})"};
        if (req.path.rfind("/api/v1/national/abk?", 0) == 0) {
            const std::string province = param(req.path, "province");
            json out = {{"year", std::stoi(param(req.path, "year"))}, {"instansi", json::array()},
                        {"provinces", json::array()}, {"jabatan", json::array()}};
            for (const char* p : {"Aceh", "Sumatera Utara", "Papua"}) {
                json j = figures(1000, 1100);
                j["province"] = p;
                out["provinces"].push_back(j);
            }
            int n = 0;
            for (int k = 0; k < instansi; ++k) {
                const std::string p = k % 2 ? "Sumatera Utara" : "Aceh";
                if (!province.empty() && province != "Sumatera%20Utara") continue;
                if (!province.empty() && p != "Sumatera Utara") continue;
                json j = figures(100 + k, 90 + 2 * k);
                j["instansi"] = "inst-" + std::to_string(k);
                j["name"] = "Pemerintah Kabupaten " + std::to_string(k);
                j["province"] = p;
                out["instansi"].push_back(j);
                ++n;
            }
            out["instansi_total"] = n;
            out["jabatan"].push_back({{"name", "Pengadministrasi Umum"}, {"positions", 40}, {"holders", 70},
                                      {"needed_rounded", 90}, {"shortage", 25}, {"surplus", 5},
                                      {"workload_minutes", 90 * 72000.0}});
            out["jabatan_total"] = 1;
            return {200, out.dump()};
        }
        if (req.path.rfind("/api/v1/national/transfers?", 0) == 0) {
            json out = {{"from", param(req.path, "from")}, {"to", param(req.path, "to")},
                        {"periods", json::array()}, {"instansi", json::array()}, {"instansi_total", 1}};
            out["periods"].push_back({{"period", "2026-03"}, {"kind", "atas_permintaan_sendiri"},
                                      {"reason", "kesehatan"}, {"filed", 4}, {"decided", 1}, {"rejected", 0}});
            out["periods"].push_back({{"period", "2026-03"}, {"kind", "dinas"}, {"reason", "kebutuhan_organisasi"},
                                      {"filed", 2}, {"decided", 2}, {"rejected", 1}});
            out["periods"].push_back({{"period", "2026-05"}, {"kind", "atas_permintaan_sendiri"},
                                      {"reason", "kesehatan"}, {"filed", 3}, {"decided", 0}, {"rejected", 1}});
            out["totals"] = {{"filed", 9}, {"decided", 3}, {"rejected", 2}};
            out["instansi"].push_back({{"instansi", "inst-1"}, {"name", "Pemerintah Kota Medan"},
                                       {"province", "Sumatera Utara"}, {"filed", 9}, {"decided", 3},
                                       {"rejected", 2}, {"open", 4}});
            return {200, out.dump()};
        }
        if (req.path.rfind("/api/v1/national/claims?", 0) == 0) {
            json holder_a = {{"instansi", "inst-1"}, {"instansi_name", "Pemerintah Kota Medan"}, {"name", "Ani"},
                             {"office", "Kelurahan Terjun"}, {"request", nullptr}};
            json holder_b = {{"instansi", "inst-2"}, {"instansi_name", "Pemerintah Kota Binjai"}, {"name", "Ani"},
                             {"office", "Kelurahan Binjai"},
                             {"request", {{"number", "UM-7"}, {"status", "diajukan"}, {"kind", "antar_instansi"}}}};
            json out = {{"total", 1},
                        {"claims", json::array({{{"nip", "198503142010012003"}, {"in_flight", true},
                                                 {"holders", json::array({holder_a, holder_b})}}})}};
            return {200, out.dump()};
        }
        if (req.path.rfind("/api/v1/national/imut.csv?", 0) == 0) {
            // A first page that is full, then a short one.
            const int lines = param(req.path, "offset") == "0" ? app::kNationalExportLines : 7;
            std::string csv = "nip,nama\n";
            for (int k = 0; k < lines; ++k) csv += "1985031420100120" + std::to_string(k % 10) + "3,Ani\n";
            return {200, csv};
        }
        if (req.path.rfind("/api/v1/national/advice?", 0) == 0) {
            json out = {{"total", advised ? 0 : 1}, {"requests", json::array()}};
            if (!advised)
                out["requests"].push_back({{"id", "req-1"}, {"number", "UM-2026-0001"}, {"employee_nip", "198503142010012003"},
                                           {"employee_name", "Ani"}, {"reason", "mengikuti_suami_istri"},
                                           {"explanation", "Suami pindah tugas"}, {"status_ms", 1790000000000LL},
                                           {"from_instansi_name", "Pemerintah Kota Medan"},
                                           {"to_instansi_name", "Pemerintah Kota Binjai"},
                                           {"to_office_name", "Kelurahan Binjai"}});
            return {200, out.dump()};
        }
        if (req.path == "/api/v1/sync/push") {
            pushes.push_back(json::parse(req.body));
            const json& m = pushes.back()["mutations"][0];
            // The national store's answer: the step runs once; a counter seen before is a duplicate.
            const bool again = m["counter"].get<long long>() <= last_counter;
            last_counter = std::max(last_counter, m["counter"].get<long long>());
            if (!again && m["expect"] == "disetujui_unit_asal" && !advised && !moved_on) {
                advised = true;
                return {200, json{{"results", json::array({{{"status", "applied"}}})}}.dump()};
            }
            return {200, json{{"results", json::array({{{"status", again ? "duplicate" : "rejected"},
                                                        {"reason", "workflow.state_changed"}}})}}.dump()};
        }
        return {500, R"({"error":{"code":"server.error"}})"};
    }
    bool advised = false;
    bool moved_on = false;  // the request moved on at the centre since the list was read
    long long last_counter = 0;
    std::vector<json> pushes;
    long long count(const std::string& prefix) const {
        long long n = 0;
        for (const auto& p : paths) n += p.rfind(prefix, 0) == 0;
        return n;
    }
};

void sign_in_pusat(Harness& h, NationalServer& server) {
    h.platform.online_flag = true;
    h.platform.server = [&server](const app::HttpRequest& r) { return server(r); };
    REQUIRE(h.type("##login-user", "pusat.bkn"));
    REQUIRE(h.type("##login-pass", "marelan2026"));
    REQUIRE(h.click("login-submit"));
    REQUIRE(h.app->login.logged_in());
    h.frame(3);
}

}  // namespace

TEST_CASE("Nasional: a pusat account on the national tier signs in online-only and reads the views, nothing synced") {
    Harness h(1366, 4000);  // tall: the instansi list's "more" button is on screen
    NationalServer server;
    sign_in_pusat(h, server);
    REQUIRE(h.app->login.session->online_only);
    CHECK(h.app->screen == app::Screen::national);
    // One screen: no office screens, no sync, and nothing asked of the sync API.
    CHECK(h.has("nav-national"));
    CHECK_FALSE(h.has("nav-home"));
    CHECK_FALSE(h.has("nav-sync"));
    CHECK_FALSE(h.has("nav-employees"));
    CHECK_FALSE(h.app->sync.enabled());
    h.platform.clock_ms += 600000;  // ten minutes: a synced session would have run several times
    h.frame(5);
    CHECK(server.count("/api/v1/sync/") == 0);

    // The ABK view was asked once, for this year, a whole list at a time.
    REQUIRE(server.count("/api/v1/national/abk?") == 1);
    const auto& nat = h.app->national;
    CHECK(server.paths.back().find("year=" + std::to_string(nat.year)) != std::string::npos);
    CHECK(server.paths.back().find("limit=1000") != std::string::npos);
    REQUIRE(nat.abk.data);
    CHECK(nat.abk.data->instansi.size() == 60);
    // Listed by province and name (the server pages them by id).
    for (size_t k = 1; k < nat.abk.data->instansi.size(); ++k) {
        const auto &x = nat.abk.data->instansi[k - 1], &y = nat.abk.data->instansi[k];
        CHECK((x.province < y.province || (x.province == y.province && x.name <= y.name)));
    }
    const auto it = std::find_if(nat.abk.data->instansi.begin(), nat.abk.data->instansi.end(),
                                 [](const app::NationalArea& i) { return i.id == "inst-59"; });
    REQUIRE(it != nat.abk.data->instansi.end());
    CHECK(it->f.difference == (100 + 59) - (90 + 2 * 59));
    CHECK(nat.abk.data->jabatan.front().shortage == 25);
    // 60 instansi: 50 drawn, then the rest on request.
    REQUIRE(h.has("nat-inst-more"));
    REQUIRE(h.click("nat-inst-more"));
    h.frame(2);
    CHECK_FALSE(h.has("nat-inst-more"));

    // A province chosen from the list and shown again: the province goes to the server, encoded.
    REQUIRE(h.click("##nat-province"));
    REQUIRE(h.click("nat-province-Sumatera Utara"));
    REQUIRE(h.click("nat-abk-show"));
    h.frame(2);
    REQUIRE(server.count("/api/v1/national/abk?") == 2);
    CHECK(server.paths.back().find("province=Sumatera%20Utara") != std::string::npos);
    REQUIRE(nat.abk.data);
    CHECK(nat.abk.data->instansi.size() == 30);
    for (const auto& i : nat.abk.data->instansi) CHECK(i.province == "Sumatera Utara");
}

TEST_CASE("Nasional: transfers for a typed period, a reversed period refused without asking, I-MUT downloaded in parts") {
    Harness h;
    NationalServer server;
    sign_in_pusat(h, server);
    REQUIRE(h.click("nat-tab-ui.national.tab.transfers"));
    h.frame(2);
    const long long asked = server.count("/api/v1/national/transfers?");
    CHECK(asked == 1);  // this year so far, asked when the tab opened
    REQUIRE(h.type("##nat-from", "31-12-2026"));
    REQUIRE(h.type("##nat-to", "01-01-2026"));
    REQUIRE(h.click("nat-moves-show"));
    h.frame(2);
    CHECK(h.app->national.period_error == "ui.national.period_reversed");
    CHECK(server.count("/api/v1/national/transfers?") == asked);
    REQUIRE(h.type("##nat-from", "01-01-2019"));
    REQUIRE(h.click("nat-moves-show"));
    h.frame(2);
    CHECK(h.app->national.period_error == "ui.national.period_too_long");
    CHECK(server.count("/api/v1/national/transfers?") == asked);
    REQUIRE(h.type("##nat-from", "01-01-2026"));
    REQUIRE(h.type("##nat-to", "31-12-2026"));
    REQUIRE(h.click("nat-moves-show"));
    h.frame(2);
    CHECK(h.app->national.period_error.empty());
    REQUIRE(server.count("/api/v1/national/transfers?") == asked + 1);
    CHECK(server.paths.back().find("from=2026-01-01&to=2026-12-31") != std::string::npos);
    const auto& t = h.app->national.transfers.data;
    REQUIRE(t);
    CHECK(t->periods.size() == 3);
    CHECK(t->filed == 9);
    // Summed once on arrival: March holds two rows (4 + 2 filed), May one.
    REQUIRE(t->per_month.size() == 2);
    CHECK(t->per_month[0].first == "2026-03");
    CHECK(t->per_month[0].second.filed == 6);
    CHECK(t->per_month[1].second.rejected == 1);
    CHECK(t->instansi.front().open == 4);

    // I-MUT: a full first part, then the rest from where it ended.
    h.platform.saved.clear();
    REQUIRE(h.click("nat-export"));
    h.frame(2);
    REQUIRE(h.platform.saved.size() == 1);
    CHECK(h.platform.saved[0].name == "imut-nasional-2026-01-01-2026-12-31-bagian-1.csv");
    CHECK(server.paths.back().find("offset=0") != std::string::npos);
    CHECK(h.app->national.export_message == "ui.national.export_more");
    REQUIRE(h.click("nat-export"));
    h.frame(2);
    REQUIRE(h.platform.saved.size() == 2);
    CHECK(server.paths.back().find("offset=100000") != std::string::npos);
    CHECK(h.platform.saved[1].name == "imut-nasional-2026-01-01-2026-12-31-bagian-2.csv");
    CHECK(h.app->national.export_message == "ui.national.export_saved");
    CHECK(h.app->national.export_offset == 0);

    // NIP ganda: the claim with both holders and the request that explains it.
    REQUIRE(h.click("nat-tab-ui.national.tab.claims"));
    h.frame(2);
    const auto& c = h.app->national.claims.data;
    REQUIRE(c);
    REQUIRE(c->claims.size() == 1);
    CHECK(c->claims[0].in_flight);
    REQUIRE(c->claims[0].holders.size() == 2);
    CHECK(c->claims[0].holders[1].request_number == "UM-7");
}

TEST_CASE("Nasional: offline it asks nothing and says so; back online it asks; a refused token ends the session") {
    Harness h;
    NationalServer server;
    sign_in_pusat(h, server);
    const long long before = server.count("/api/v1/national/");
    h.app->national = {};
    h.platform.online_flag = false;
    h.frame(5);
    CHECK(server.count("/api/v1/national/") == before);
    CHECK_FALSE(h.app->national.abk.data);
    h.platform.online_flag = true;
    h.frame(3);
    CHECK(server.count("/api/v1/national/") == before + 1);
    CHECK(h.app->national.abk.data);

    server.refuse_token = true;
    REQUIRE(h.click("nat-abk-show"));
    h.frame(5);
    CHECK(h.app->screen == app::Screen::login);
}

TEST_CASE("Nasional: a session that replicates its data (the demo operator) has no Nasional screen") {
    Harness h;
    sign_in_demo(h);
    CHECK_FALSE(h.app->login.session->online_only);
    CHECK(h.has("nav-home"));
    CHECK_FALSE(h.has("nav-national"));
}

TEST_CASE("Nasional: BKN gives its pertimbangan teknis on a waiting request — a note required, one advise command pushed") {
    Harness h;
    NationalServer server;
    sign_in_pusat(h, server);
    REQUIRE(h.click("nat-tab-ui.national.tab.advice"));
    h.frame(2);
    REQUIRE(h.app->national.advice.data);
    REQUIRE(h.app->national.advice.data->requests.size() == 1);
    // Without a note: refused on the screen, nothing sent.
    REQUIRE(h.click("nat-advise-req-1"));
    h.frame(2);
    CHECK(h.app->national.advice_message == "ui.national.advice_note_required");
    CHECK(server.pushes.empty());
    REQUIRE(h.type("##nat-advice-note-req-1", "Memenuhi syarat; formasi tersedia"));
    REQUIRE(h.click("nat-advise-req-1"));
    h.frame(3);
    REQUIRE(server.pushes.size() == 1);
    const json& m = server.pushes[0]["mutations"][0];
    CHECK(m["op"] == "command");
    CHECK(m["command"] == "advise");
    CHECK(m["table"] == "requests");
    CHECK(m["row"] == "req-1");
    CHECK(m["expect"] == "disetujui_unit_asal");
    CHECK(m["args"]["note"] == "Memenuhi syarat; formasi tersedia");
    CHECK(m["args"]["event_id"].get<std::string>().size() == 36);
    CHECK(server.pushes[0]["device_id"].get<std::string>().size() == 36);  // this device's id (a UUID)
    CHECK(h.app->national.advice_message == "ui.national.advice_given");
    // The list was asked again: the request left it.
    REQUIRE(h.app->national.advice.data);
    CHECK(h.app->national.advice.data->requests.empty());
    // Still no pull: only the one command went to the sync API.
    CHECK(server.count("/api/v1/sync/pull") == 0);
}

TEST_CASE("Nasional: BKN returns a waiting request for correction — a reason required, confirmed first, Batal sends nothing") {
    Harness h;
    NationalServer server;
    sign_in_pusat(h, server);
    REQUIRE(h.click("nat-tab-ui.national.tab.advice"));
    h.frame(2);
    REQUIRE(h.app->national.advice.data);
    REQUIRE(h.app->national.advice.data->requests.size() == 1);
    // Without a reason: refused on the screen, no confirmation, nothing sent.
    REQUIRE(h.click("nat-return-req-1"));
    h.frame(2);
    CHECK(h.app->national.advice_message == "ui.national.reason_required");
    CHECK_FALSE(h.has("nat-confirm-yes-req-1"));
    CHECK(server.pushes.empty());
    REQUIRE(h.type("##nat-advice-note-req-1", "SKP dua tahun belum dilampirkan"));
    // Tolak, then Batal: the confirmation goes away, nothing sent.
    REQUIRE(h.click("nat-reject-req-1"));
    h.frame(2);
    CHECK(h.app->national.confirm_for == "req-1");
    CHECK(h.app->national.confirm_step == app::NationalView::Step::reject);
    REQUIRE(h.click("nat-confirm-no-req-1"));
    h.frame(2);
    CHECK(h.app->national.confirm_for.empty());
    CHECK_FALSE(h.has("nat-confirm-yes-req-1"));
    CHECK(server.pushes.empty());
    // Kembalikan, then Ya: one `return` command with the reason, the state BKN saw, a new event id.
    REQUIRE(h.click("nat-return-req-1"));
    h.frame(2);
    CHECK(server.pushes.empty());  // (asked first)
    REQUIRE(h.click("nat-confirm-yes-req-1"));
    h.frame(3);
    REQUIRE(server.pushes.size() == 1);
    const json& m = server.pushes[0]["mutations"][0];
    CHECK(m["op"] == "command");
    CHECK(m["command"] == "return");
    CHECK(m["row"] == "req-1");
    CHECK(m["expect"] == "disetujui_unit_asal");
    CHECK(m["args"]["note"] == "SKP dua tahun belum dilampirkan");
    CHECK(m["args"]["event_id"].get<std::string>().size() == 36);
    CHECK(h.app->national.advice_message == "ui.national.returned");
    CHECK(h.app->national.confirm_for.empty());
    // The list was asked again: the request left it.
    REQUIRE(h.app->national.advice.data);
    CHECK(h.app->national.advice.data->requests.empty());
}

TEST_CASE("Nasional: BKN rejects a waiting request that moved on at the centre — the refusal is said, the request stays listed") {
    Harness h;
    NationalServer server;
    server.moved_on = true;
    sign_in_pusat(h, server);
    REQUIRE(h.click("nat-tab-ui.national.tab.advice"));
    h.frame(2);
    REQUIRE(h.type("##nat-advice-note-req-1", "Formasi tidak tersedia"));
    REQUIRE(h.click("nat-reject-req-1"));
    h.frame(2);
    REQUIRE(h.click("nat-confirm-yes-req-1"));
    h.frame(3);
    REQUIRE(server.pushes.size() == 1);
    CHECK(server.pushes[0]["mutations"][0]["command"] == "reject");
    CHECK(server.pushes[0]["mutations"][0]["args"]["note"] == "Formasi tidak tersedia");
    CHECK(h.app->national.advice_message == "workflow.state_changed");
    CHECK(h.app->national.advice_for == "req-1");
    REQUIRE(h.app->national.advice.data);
    CHECK(h.app->national.advice.data->requests.size() == 1);
    CHECK(h.app->national.advice_notes["req-1"] == "Formasi tidak tersedia");  // (kept: nothing happened)
}
