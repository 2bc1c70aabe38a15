// sync_bench [--employees N] [--offices N] [--push N] [--devices N] [--rounds N]
//  1. raw SQLite insert rate on this machine (prepared statement, one transaction,
//     the employees table, same pragmas as the server);
//  2. server push throughput: N new-employee mutations in batches of 500 over
//     loopback, three rounds (the median is the figure), and its ratio to (1);
//  3. a fresh client pulling a whole Kota Medan data set (20,000 employees with
//     their offices, positions and ABK tasks) into its own SQLite file;
//  4. a bounded load test: 200 real offices of a Kota Medan data set, each with
//     its own operator login and device, syncing concurrently (edit, push, pull)
//     against one server; errors, lost/doubled mutations, checksums, p50/p99.
// Progress goes to stderr; the figures are ONE JSON object on the last line.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "../common/process.h"

#include <nlohmann/json.hpp>

#include "cli/http_transport.h"
#include "demo/seed.h"
#include "model/types.h"
#include "store/repo.h"
#include "store/rows.h"
#include "store/schema.h"
#include "sync/client.h"
#include "sync/driver.h"
#include "sync/server_sync.h"
#include "util/uuid.h"

using namespace seimbang;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// --server PATH: use another seimbang-server binary for init and serve
// (before/after comparisons in the same window).
std::string g_server_bin = SEIMBANG_SERVER_BIN;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

using bench::free_port;

using bench::run;

struct Server {
    pid_t pid = -1;
    int port = 0;
    std::string url;
    explicit Server(const std::string& db) {
        port = free_port();
        url = "http://127.0.0.1:" + std::to_string(port);
        pid = fork();
        if (pid == 0) {
            // The request log would dominate a benchmark's output: it goes to
            // SEIMBANG_BENCH_SERVER_LOG when set (per-request handling times), else nowhere.
            const char* log = std::getenv("SEIMBANG_BENCH_SERVER_LOG");
            int devnull = open(log ? log : "/dev/null", log ? (O_WRONLY | O_CREAT | O_APPEND) : O_WRONLY, 0644);
            dup2(devnull, 1);
            dup2(devnull, 2);
            execl(g_server_bin.c_str(), g_server_bin.c_str(), "serve", "--db", db.c_str(), "--port",
                  std::to_string(port).c_str(), nullptr);
            _exit(127);
        }
        httplib::Client c("127.0.0.1", port);
        for (int i = 0; i < 400; ++i) {
            auto r = c.Get("/api/v1/health");
            if (r && r->status == 200) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        throw std::runtime_error("server not healthy");
    }
    ~Server() {
        kill(pid, SIGTERM);
        int st;
        waitpid(pid, &st, 0);
    }
};

json login(const std::string& url, const std::string& user, const std::string& pw, const std::string& device) {
    httplib::Client c(url);
    auto post = [&] {
        return c.Post("/api/v1/auth/login", json{{"username", user}, {"password", pw}, {"device_id", device}}.dump(),
                      "application/json");
    };
    auto r = post();
    for (int attempt = 0; !r && attempt < 5; ++attempt) {  // a client retries a failed connection
        std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
        r = post();
    }
    if (!r || r->status != 200) throw std::runtime_error("login failed: " + user);
    return json::parse(r->body);
}

// [1] ------------------------------------------------------------------------------
double sqlite_insert_rate(const std::string& dir, int n) {
    // The server's own storage settings and the real employees table (its indexes,
    // foreign keys and change-log columns), so the push/raw ratio compares like with like.
    store::Db db(dir + "/raw.db");
    sync::configure_server_storage(db);
    store::migrate(db);
    db.exec("INSERT INTO offices(id, kind, name) VALUES ('office', 'kelurahan', 'Kantor')");
    db.exec("INSERT INTO positions(id, office_id, name, kind) VALUES ('pos', 'office', 'Jabatan', 'pelaksana')");
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) ids.push_back(new_uuid_v7());
    auto t0 = Clock::now();
    db.transaction([&] {
        auto s = db.prepare(
            "INSERT INTO employees(id, nip, name, gender, birth_date, asn_type, golongan, education, position_id, "
            "office_id, tmt_position, competences, commitment_10y, archived, _seq, _meta) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        for (int i = 0; i < n; ++i) {
            s.bind(1, ids[static_cast<size_t>(i)]).bind(2, "198501012010011" + std::to_string(100 + i % 900));
            s.bind(3, "Pegawai Contoh").bind(4, "L").bind(5, "1985-01-01").bind(6, "PNS").bind(7, "II/b");
            s.bind(8, "S-1").bind(9, "pos").bind(10, "office").bind(11, "2020-01-01").bind(12, "{}");
            s.bind(13, 0).bind(14, 0).bind(15, static_cast<int64_t>(i + 1)).bind(16, "{}");
            s.run();
            s.reset();
        }
    });
    return n / seconds_since(t0);
}

// A client database with n new employees queued in its outbox.
void queue_new_employees(store::Db& db, int n, const std::string& office_id, int seed) {
    auto positions = store::list_positions(db, office_id);
    db.transaction([&] {
        for (int i = 0; i < n; ++i) {
            Employee e;
            // TMT CPNS 2025: the synthetic Kota (demo::seed, TMT at most 2024) never
            // holds these NIPs. `seed` offsets the serial: callers keep their ranges apart.
            char nip[32];
            std::snprintf(nip, sizeof nip, "1985%02d%02d2025%02d1%03d", 1 + (i / 28000) % 12, 1 + i % 28,
                          1 + (i / 28) % 12, 1 + (i / 336 + seed) % 999);
            e.nip = nip;
            e.name = "Pegawai Bench " + std::to_string(i);
            char birth[16];
            std::snprintf(birth, sizeof birth, "1985-%.2s-%.2s", nip + 4, nip + 6);
            e.birth_date = birth;
            e.asn_type = "PNS";
            e.golongan = "II/b";
            e.position_id = positions[static_cast<size_t>(i) % positions.size()].id;
            e.office_id = positions[static_cast<size_t>(i) % positions.size()].office_id;
            // Straight through write_row (the outbox hook still records it): the
            // benchmark measures the server, not client-side validation.
            json f = {{"nip", e.nip},           {"name", e.name},         {"gender", "L"},
                      {"birth_date", e.birth_date}, {"asn_type", "PNS"},   {"golongan", "II/b"},
                      {"education", "S-1"},     {"position_id", e.position_id}, {"office_id", e.office_id},
                      {"tmt_position", "2020-01-01"}, {"competences", "{}"}, {"commitment_10y", 0},
                      {"archived", 0}};
            store::write_row(db, *store::find_table("employees"), new_uuid_v7(), f);
        }
    });
}

// Latency-recording transport for the load test.
struct Timed : sync::Transport {
    sync::Transport& inner;
    std::vector<double>& out;
    std::mutex& mu;
    Timed(sync::Transport& i, std::vector<double>& o, std::mutex& m) : inner(i), out(o), mu(m) {}
    template <typename F>
    sync::HttpResult timed(F f) {
        auto t0 = Clock::now();
        auto r = f();
        double ms = seconds_since(t0) * 1000;
        std::lock_guard l(mu);
        out.push_back(ms);
        return r;
    }
    sync::HttpResult post_json(const std::string& p, const std::string& b) override {
        return timed([&] { return inner.post_json(p, b); });
    }
    sync::HttpResult get(const std::string& p) override {
        return timed([&] { return inner.get(p); });
    }
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

// [profile] In-process push, no sockets: what the server does per push request
// (parse the body, apply the batch, serialise the answer). Run under
// `valgrind --tool=callgrind --toggle-collect='*server_push_request*'` for an
// instruction count per mutation that does not depend on the machine's load.
__attribute__((noinline)) sync::HttpResult server_push_request(sync::ServerSync& s, const sync::Principal& who,
                                                               const std::string& body) {
    auto r = s.push(who, sync::parse_push_request(body));  // as server/api_sync.cpp does
    return {r.status, r.text.empty() ? r.body.dump() : r.text};
}

struct InProcess : sync::Transport {
    sync::ServerSync& s;
    sync::Principal who;
    InProcess(sync::ServerSync& sv, sync::Principal w) : s(sv), who(std::move(w)) {}
    sync::HttpResult post_json(const std::string&, const std::string& body) override {
        return server_push_request(s, who, body);
    }
    sync::HttpResult get(const std::string& path) override {
        auto param = [&](const std::string& k) -> int64_t {
            auto at = path.find(k + "=");
            return at == std::string::npos ? 0 : std::stoll(path.substr(at + k.size() + 1));
        };
        auto r = s.pull(who, param("cursor"), static_cast<int>(param("limit")), path.find("snapshot=1") != std::string::npos,
                        true);
        return {r.status, r.text.empty() ? r.body.dump() : r.text};
    }
};

int profile_push(const std::string& dir, int n) {
    const std::string demo_db = dir + "/profile.db";
    run({g_server_bin, "init", "--db", demo_db, "--demo", "--fast-hashes"});
    store::Db server(demo_db);
    sync::configure_server_storage(server);  // as `seimbang-server serve`
    sync::ServerSync ss(server);
    store::Db client(dir + "/profile-client.db");
    store::migrate(client);
    sync::install_client(client);
    sync::Principal who;
    {
        auto q = server.prepare("SELECT id, username, role, office_id FROM users WHERE username = 'bkpsdm.medan'");
        if (!q.step()) throw std::runtime_error("no bkpsdm.medan");
        who = {q.text(0), q.text(1), q.text(1), q.text(2), q.text(3), "", sync::device_id(client)};
    }
    InProcess t(ss, who);
    if (!sync::run_sync(client, t).ok) throw std::runtime_error("initial pull failed");
    queue_new_employees(client, n, who.office_id, 0);
    std::vector<std::string> bodies;
    while (true) {
        auto b = sync::build_push(client, 500);
        if (!b) break;
        bodies.push_back(b->body.dump());
        client.exec("DELETE FROM sync_outbox WHERE counter IN (SELECT counter FROM sync_outbox ORDER BY counter LIMIT 500)");
    }
    int applied = 0;
    auto t0 = Clock::now();
    for (const auto& body : bodies) {
        auto r = server_push_request(ss, who, body);
        if (r.status != 200) throw std::runtime_error("push failed: " + r.body);
        const json answer = json::parse(r.body);
        for (const auto& res : answer["results"]) {
            if (res["status"] != "applied" && applied == 0) std::cerr << "not applied: " << res.dump().substr(0, 300) << "\n";
            applied += res["status"] == "applied";
        }
    }
    const double secs = seconds_since(t0);
    std::cerr << "in-process push: " << n / secs << " mutations/s, " << applied << " applied\n";
    std::cout << json{{"profile_push", n}, {"applied", applied}, {"mutations_per_s", std::round(n / secs)}}.dump()
              << std::endl;
    return applied == n ? 0 : 1;
}

// [profile] In-process fresh pull of a synthetic Kota Medan (server and client
// in one process, no sockets), for callgrind: --toggle-collect='*run_sync*'.
int profile_pull(const std::string& dir, int employees) {
    const std::string kota_db = dir + "/profile-kota.db";
    run({g_server_bin, "init", "--db", kota_db, "--synthetic", std::to_string(employees), "--fast-hashes"});
    store::Db server(kota_db);
    server.exec("PRAGMA cache_size=-65536");
    sync::ServerSync ss(server);
    store::Db client(dir + "/profile-pull-client.db");
    client.exec("PRAGMA journal_mode=DELETE");
    store::migrate(client);
    sync::install_client(client);
    std::string root;
    for (const auto& o : store::list_offices(server))
        if (o.parent_id.empty()) root = o.id;
    InProcess t(ss, {"bench-pusat", "bench.pusat", "bench.pusat", "pusat", root, "", sync::device_id(client)});
    sync::SyncOptions opt;
    opt.page = 5000;
    auto t0 = Clock::now();
    auto rep = sync::run_sync(client, t, opt);
    const double secs = seconds_since(t0);
    std::cout << json{{"profile_pull_rows", rep.pulled}, {"seconds", secs}, {"checksum_ok", rep.ok && rep.checksum_ok}}.dump()
              << std::endl;
    return rep.ok && rep.checksum_ok ? 0 : 1;
}

}  // namespace

int run_bench(int argc, char** argv) {
    int employees = 20000, offices = 200, push_n = 20000, devices = 4, rounds = 3, only_load = 0, profile_n = 0, profile_pull_n = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--server") {
            g_server_bin = argv[i + 1];
            continue;
        }
        int v = std::atoi(argv[i + 1]);
        if (a == "--employees") employees = v;
        if (a == "--offices") offices = v;
        if (a == "--push") push_n = v;
        if (a == "--devices") devices = std::max(1, v);
        if (a == "--rounds") rounds = v;
        if (a == "--only-load") only_load = v;
        if (a == "--profile-push") profile_n = v;
        if (a == "--profile-pull") profile_pull_n = v;
    }
    const std::string dir = (std::filesystem::temp_directory_path() / ("seimbang-bench-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(dir);
    json out;
    if (profile_pull_n > 0) {
        const int rc = profile_pull(dir, profile_pull_n);
        std::filesystem::remove_all(dir);
        return rc;
    }
    if (profile_n > 0) {
        const int rc = profile_push(dir, profile_n);
        std::filesystem::remove_all(dir);
        return rc;
    }

    if (!only_load) {
    const std::string demo_db = dir + "/demo.db";
    run({g_server_bin, "init", "--db", demo_db, "--demo", "--fast-hashes"});
    // [1]
    const double raw = sqlite_insert_rate(dir, 200000);
    out["sqlite_insert_rows_per_s"] = std::round(raw);
    std::cerr << "sqlite raw insert: " << raw << " rows/s\n";

    // [2] push throughput on the Marelan demo, as the BKPSDM (kota-wide write scope).
    {
        Server srv(demo_db);
        store::Db client(dir + "/push-client.db");
        store::migrate(client);
        sync::install_client(client);
        auto l = login(srv.url, "bkpsdm.medan", demo::kDemoPassword, sync::device_id(client));
        cli::HttpTransport http(srv.url, l["token"], sync::device_id(client));
        if (!sync::run_sync(client, http).ok) throw std::runtime_error("initial pull failed");
        // Three rounds of push_n new employees each (disjoint NIPs): the machine's
        // load moves a single round by ±20 %, the median of three much less.
        const int kRounds = 3;
        std::vector<double> rates;
        int applied = 0;
        for (int round = 0; round < kRounds; ++round) {
            queue_new_employees(client, push_n, l["user"]["office_id"], round == 0 ? 0 : 100 + 200 * round);
            std::vector<std::string> bodies;
            while (true) {  // pre-build the request bodies: the measurement is the server's work + loopback
                auto b = sync::build_push(client, 500);
                if (!b) break;
                bodies.push_back(b->body.dump());
                client.exec(
                    "DELETE FROM sync_outbox WHERE counter IN (SELECT counter FROM sync_outbox ORDER BY counter LIMIT 500)");
            }
            auto t0 = Clock::now();
            for (const auto& body : bodies) {
                auto r = http.post_json("/api/v1/sync/push", body);
                if (r.status != 200) throw std::runtime_error("push failed: " + std::to_string(r.status) + " " + r.body);
                const json answer = json::parse(r.body);
                for (const auto& res : answer["results"]) {
                    // A figure for mutations that were not all applied would measure something else.
                    if (res["status"] != "applied")
                        throw std::runtime_error("push round " + std::to_string(round + 1) +
                                                 ": a mutation was not applied: " + res.dump().substr(0, 300));
                    ++applied;
                }
            }
            rates.push_back(push_n / seconds_since(t0));
            std::cerr << "push round " << round + 1 << ": " << rates.back() << " mutations/s\n";
        }
        std::vector<double> sorted = rates;
        std::sort(sorted.begin(), sorted.end());
        const double median = sorted[sorted.size() / 2];
        out["push_mutations"] = push_n * kRounds;
        out["push_applied"] = applied;
        out["push_batch"] = 500;
        out["push_rounds_mutations_per_s"] = json::array();
        for (double r : rates) out["push_rounds_mutations_per_s"].push_back(std::round(r));
        out["push_mutations_per_s"] = std::round(median);  // the median round
        out["push_vs_sqlite_ratio"] = std::round(median / raw * 1000) / 1000;
        std::cerr << "push: " << median << " mutations/s, median of " << kRounds << " rounds (" << applied
                  << " applied)\n";

        // [2b] the same volume from several devices at once (several offices
        // pushing): request parsing and answer serialisation of one push run on
        // the second core while another push holds the database.
        struct Dev {
            std::unique_ptr<store::Db> db;
            std::unique_ptr<cli::HttpTransport> http;
            std::vector<std::string> bodies;
        };
        std::vector<Dev> devs(devices);
        // Serials (queue_new_employees: seed + i / 336) of each device after those
        // of the three rounds above (0, 300, 500 + up to push_n / 336): disjoint
        // NIPs, or the server rightly refuses the second holder of one.
        const int serials_per_device = push_n / devices / 336 + 1;
        const int first_device_serial = 500 + push_n / 336 + 1;
        if (first_device_serial + devices * serials_per_device > 999)
            throw std::runtime_error("--devices / push size: not enough distinct NIP serials");
        for (int d = 0; d < devices; ++d) {
            devs[d].db = std::make_unique<store::Db>(dir + "/push-client-" + std::to_string(d) + ".db");
            auto& db = *devs[d].db;
            store::migrate(db);
            sync::install_client(db);
            auto ld = login(srv.url, "bkpsdm.medan", demo::kDemoPassword, sync::device_id(db));
            devs[d].http = std::make_unique<cli::HttpTransport>(srv.url, ld["token"], sync::device_id(db));
            if (!sync::run_sync(db, *devs[d].http).ok) throw std::runtime_error("initial pull failed");
            queue_new_employees(db, push_n / devices, ld["user"]["office_id"],
                                first_device_serial + d * serials_per_device);
            while (auto b = sync::build_push(db, 500)) {
                devs[d].bodies.push_back(b->body.dump());
                db.exec("DELETE FROM sync_outbox WHERE counter IN (SELECT counter FROM sync_outbox ORDER BY counter LIMIT 500)");
            }
        }
        std::atomic<int> applied_c{0}, failed_c{0};
        auto t2 = Clock::now();
        std::vector<std::thread> ts;
        for (int d = 0; d < devices; ++d)
            ts.emplace_back([&, d] {
                for (const auto& body : devs[d].bodies) {  // one device: its batches in order
                    auto r = devs[d].http->post_json("/api/v1/sync/push", body);
                    if (r.status != 200) {
                        ++failed_c;
                        return;
                    }
                    const json answer = json::parse(r.body);
                    for (const auto& res : answer["results"]) applied_c += res["status"] == "applied";
                }
            });
        for (auto& t : ts) t.join();
        const double secs2 = seconds_since(t2);
        const int total = push_n / devices * devices;
        if (failed_c.load() != 0 || applied_c.load() != total)
            throw std::runtime_error("concurrent push: " + std::to_string(applied_c.load()) + " of " +
                                     std::to_string(total) + " mutations applied, " +
                                     std::to_string(failed_c.load()) + " requests failed");
        out["push_concurrent_devices"] = devices;
        out["push_concurrent_applied"] = applied_c.load();
        out["push_concurrent_failed_requests"] = failed_c.load();
        out["push_concurrent_mutations_per_s"] = std::round(total / secs2);
        out["push_concurrent_vs_sqlite_ratio"] = std::round(total / secs2 / raw * 1000) / 1000;
        std::cerr << "push, " << devices << " devices at once: " << total / secs2 << " mutations/s ("
                  << applied_c.load() << " applied)\n";
    }

    // [3] fresh pull of a Kota Medan data set.
    {
        const std::string kota_db = dir + "/kota.db";
        auto t0 = Clock::now();
        run({g_server_bin, "init", "--db", kota_db, "--synthetic", std::to_string(employees)});
        std::string root;
        {
            store::Db db(kota_db);
            for (const auto& o : store::list_offices(db))
                if (o.parent_id.empty()) root = o.id;
        }
        run({g_server_bin, "user", "add", "--db", kota_db, "--username", "bench.pusat", "--role", "pusat",
             "--office", root, "--password-stdin"},
            "bench-password\n");
        std::cerr << "seeded Kota Medan (" << employees << " employees) in " << seconds_since(t0) << " s\n";
        Server srv(kota_db);
        store::Db client(dir + "/fresh-client.db");
        client.exec("PRAGMA journal_mode=DELETE");
        store::migrate(client);
        sync::install_client(client);
        auto l = login(srv.url, "bench.pusat", "bench-password", sync::device_id(client));
        cli::HttpTransport http(srv.url, l["token"], sync::device_id(client));
        auto t1 = Clock::now();
        sync::SyncOptions opt;
        opt.page = 5000;
        auto rep = sync::run_sync(client, http, opt);
        const double secs = seconds_since(t1);
        auto s = client.prepare("SELECT count(*) FROM employees");
        s.step();
        out["fresh_pull_employees"] = s.int64(0);
        out["fresh_pull_rows"] = rep.pulled;
        out["fresh_pull_pages"] = rep.pages;
        out["fresh_pull_s"] = std::round(secs * 1000) / 1000;
        out["fresh_pull_checksum_ok"] = rep.ok && rep.checksum_ok;
        std::cerr << "fresh pull: " << rep.pulled << " rows in " << secs << " s\n";
    }

    }  // !only_load

    // [4] load test: many real offices at once on a fresh Kota Medan server; each
    // office has its own operator login and syncs its own scope.
    {
        const std::string load_db = dir + "/load.db";
        auto ts = Clock::now();
        run({g_server_bin, "init", "--db", load_db, "--synthetic", std::to_string(employees), "--fast-hashes",
             "--office-operators", std::to_string(offices)});
        int operators = 0;
        try {
            store::Db db(load_db);
            auto q = db.prepare("SELECT count(*) FROM users WHERE username LIKE 'operator.office%'");
            q.step();
            operators = static_cast<int>(q.int64(0));
        } catch (const std::exception&) {
            operators = 0;
        }
        if (operators == 0) {  // a server binary without `init --office-operators`
            std::cerr << "load: no office operators (older server?): load test skipped\n";
            std::filesystem::remove_all(dir);
            std::cout << out.dump() << std::endl;
            return 0;
        }
        std::cerr << "load: seeded Kota Medan with " << operators << " office operators in " << seconds_since(ts)
                  << " s\n";
        Server srv(load_db);
        std::vector<std::string> users;
        for (int k = 1; k <= operators; ++k) users.push_back("operator.office" + std::to_string(k));
        std::atomic<int> checksum_failures{0};
        std::vector<double> lat;
        std::mutex mu;
        std::atomic<int> errors{0}, syncs{0}, retries{0};
        std::atomic<int64_t> created{0};
        std::vector<std::string> devices(static_cast<size_t>(offices));
        auto t0 = Clock::now();
        std::vector<std::thread> threads;
        for (int i = 0; i < offices; ++i) {
            threads.emplace_back([&, i] {
                try {
                    store::Db db(":memory:");
                    store::migrate(db);
                    sync::install_client(db);
                    devices[static_cast<size_t>(i)] = sync::device_id(db);
                    auto l = login(srv.url, users[static_cast<size_t>(i) % users.size()], demo::kDemoPassword,
                                   sync::device_id(db));
                    cli::HttpTransport http(srv.url, l["token"], sync::device_id(db), 60, false);
                    Timed t(http, lat, mu);
                    for (int r = 0; r <= rounds; ++r) {
                        if (r > 0) {
                            auto staff = store::list_employees(db, {l["user"]["office_id"], false});
                            for (int k = 0; k < 5 && !staff.empty(); ++k) {
                                auto e = staff[static_cast<size_t>(i * 7 + r * 3 + k) % staff.size()];
                                e.tmt_position = "20" + std::to_string(10 + (i + r + k) % 15) + "-0" +
                                                 std::to_string(1 + k) + "-1" + std::to_string(r % 10);
                                (void)store::save_employee(db, e);
                            }
                        }
                        auto rep = sync::run_sync(db, t);
                        for (int a = 1; !rep.ok && rep.error == "network" && a < 4; ++a) {
                            ++retries;  // as the CLI does: back off and run again (always safe)
                            std::this_thread::sleep_for(std::chrono::milliseconds(250 << a));
                            rep = sync::run_sync(db, t);
                        }
                        ++syncs;
                        if (rep.checksum_checked && !rep.checksum_ok) ++checksum_failures;
                        if (rep.push.rejected > 0) ++errors;
                        if (!rep.ok) {
                            ++errors;
                            std::lock_guard lk(mu);
                            std::cerr << "office " << i << " sync: " << rep.error << "\n";
                        }
                    }
                    if (sync::sync_status(db).pending != 0) ++errors;
                    // Mutations this device created: its outbox counter (never reused).
                    auto q = db.prepare("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'sync_outbox'");
                    q.step();
                    created += q.int64(0);
                } catch (const std::exception& e) {
                    std::cerr << "office " << i << ": " << e.what() << "\n";
                    ++errors;
                }
            });
        }
        for (auto& t : threads) t.join();
        const double secs = seconds_since(t0);
        // Lost or doubled: the server's idempotency records against what the devices created.
        int64_t recorded = 0;
        {
            store::Db db(load_db);
            for (const auto& d : devices) {
                auto s = db.prepare("SELECT count(*) FROM sync_applied WHERE device_id = ?1");
                s.bind(1, d);
                s.step();
                recorded += s.int64(0);
            }
        }
        out["load_offices"] = offices;
        out["load_office_users"] = std::min(offices, operators);
        out["load_checksum_failures"] = checksum_failures.load();
        out["load_rounds"] = rounds;
        out["load_syncs"] = syncs.load();
        out["load_requests"] = lat.size();
        out["load_errors"] = errors.load();
        out["load_retries"] = retries.load();
        out["load_mutations"] = created.load();
        out["load_lost_or_doubled"] = created.load() - recorded;
        out["load_seconds"] = std::round(secs * 100) / 100;
        out["load_p50_ms"] = std::round(percentile(lat, 0.50) * 10) / 10;
        out["load_p99_ms"] = std::round(percentile(lat, 0.99) * 10) / 10;
        std::cerr << "load: " << offices << " offices, " << errors.load() << " errors, p99 "
                  << percentile(lat, 0.99) << " ms\n";
    }
    std::filesystem::remove_all(dir);
    std::cout << out.dump() << std::endl;
    return 0;
}

// A benchmark whose work did not all succeed prints no figures: it fails (exit 1),
// after unwinding so the servers it started are stopped.
int main(int argc, char** argv) {
    try {
        return run_bench(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "sync_bench: " << e.what() << "\n";
        return 1;
    }
}
