// national_bench: the national tier's figures (issue 17 item 5, docs/SCALE.md).
//   tests/national/with_postgres.sh build/native/bench/national/national_bench
//       [--push-instansi 2] [--employees 20000] [--seed-instansi 20] [--batch 1000] [--upstream-every 30]
// SEIMBANG_SERVER_BIN (environment) names another seimbang-server to run (an
// A/B of two builds: each bench binary with its own build's server).
// 1. intake: --push-instansi synthetic instansi of --employees each push all
//    their rows (offices, positions, employees, tasks) through the real
//    `seimbang-server serve --store` push endpoint, one account and device per
//    instansi, two at a time, batches of --batch mutations (bodies built before
//    the clock starts): rows/s (goal >= 50,000).
// 1b. upward latency (--upstream-every S, 0 = skip; default 30): an instansi
//    server (the Marelan demo) signed in to this national server with
//    `upstream login`, serving with `serve --upstream URL --upstream-every S`;
//    once its first forward has arrived, an office (operator.terjun) changes a
//    task's volume through the instansi's push endpoint, timed until
//    GET /api/v1/national/abk as pusat shows the instansi's new workload
//    (goal <= 60 s with S = 30). The instansi server's RSS from then on too.
// 2. --seed-instansi more instansi of --employees each are seeded into the
//    national tier directly (COPY), so the roll-up runs over
//    (push + seed) x employees people.
// 3. roll-up: GET /api/v1/national/abk as pusat (goal <= 5 s at 4.3 million).
// 3b. the lookup by NIP (mean and worst of 20) and the claims view.
// 4. pull: the first instansi pulls all its rows back, pages of 5,000 (goal <= 3 s for 20,000 employees).
// The server's resident memory (VmRSS) after each step; the machine's load average;
// the CPU seconds of the server and of PostgreSQL's processes during the intake.
// Prints one JSON object on its last line.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include <httplib.h>

#include "../common/process.h"

#include <nlohmann/json.hpp>

#include "demo/nips.h"
#include "demo/seed.h"
#include "national/person.h"
#include "national/seed.h"
#include "national/store.h"
#include "store/repo.h"
#include "store/schema.h"
#include "store/table_facts.h"
#include "sync/hlc.h"
#include "util/uuid.h"

using namespace seimbang;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int arg(int argc, char** argv, const std::string& name, int fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name) return std::atoi(argv[i + 1]);
    return fallback;
}

std::string load_average() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

long rss_kb(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

// CPU seconds (user + system) a process has used so far.
double cpu_s(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(f, line);
    std::istringstream in(line.substr(line.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int k = 3; k <= 15 && in >> field; ++k)
        if (k == 14 || k == 15) ticks += std::atof(field.c_str());  // utime, stime
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

using bench::run;

// The mutations of every synced row of `db`, as an instansi server forwards
// them (whole rows, base 0), in push bodies of `batch`.
std::vector<std::string> push_bodies(store::Db& db, const std::string& device, int batch, int64_t& rows) {
    std::vector<std::string> bodies;
    json ms = json::array();
    int64_t counter = 0;
    auto flush = [&] {
        if (ms.empty()) return;
        bodies.push_back(json{{"device_id", device}, {"mutations", ms}}.dump());
        ms = json::array();
    };
    for (const auto& t : store::synced_tables()) {
        if (t.commands_only) continue;
        auto q = db.prepare(store::facts(t).select_all);
        while (q.step()) {
            json fields = json::object();
            for (size_t k = 0; k < t.columns.size(); ++k) fields[t.columns[k]] = q.json_value(static_cast<int>(k + 1));
            ms.push_back({{"counter", ++counter}, {"hlc", sync::make_hlc(sync::now_ms(), 0)},
                          {"schema", store::latest_schema_version()}, {"table", t.name}, {"row", q.text(0)},
                          {"op", "upsert"}, {"base", 0}, {"fields", std::move(fields)}});
            ++rows;
            if (static_cast<int>(ms.size()) == batch) flush();
        }
    }
    flush();
    return bodies;
}

std::string login(const std::string& url, const std::string& user, const std::string& pw, const std::string& device) {
    httplib::Client c(url);
    auto r = c.Post("/api/v1/auth/login", json{{"username", user}, {"password", pw}, {"device_id", device}}.dump(),
                    "application/json");
    if (!r || r->status != 200) throw std::runtime_error("login failed: " + user);
    return json::parse(r->body)["token"];
}

using bench::free_port;

// `seimbang-server serve ARGS…` in the background, output to `log` (or discarded); its pid once healthy.
pid_t start_server(const std::string& server_bin, std::vector<std::string> args, const std::string& url,
                   const std::string& log = "/dev/null") {
    pid_t pid = fork();
    if (pid == 0) {
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        dup2(out, 1);
        dup2(out, 2);
        std::vector<std::string> argv = {server_bin, "serve"};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char*> a;
        for (auto& x : argv) a.push_back(x.data());
        a.push_back(nullptr);
        execv(a[0], a.data());
        _exit(127);
    }
    httplib::Client c(url);
    for (int i = 0; i < 400; ++i) {
        auto r = c.Get("/api/v1/health");
        if (r && r->status == 200) return pid;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    throw std::runtime_error("server not healthy: " + url);
}

// One instansi's workload minutes in the national roll-up (-1 when it is not there yet).
double national_minutes(const std::string& url, const httplib::Headers& h, const std::string& root) {
    httplib::Client c(url);
    c.set_read_timeout(600, 0);
    auto r = c.Get("/api/v1/national/abk?year=" + std::to_string(demo::kDemoYear), h);
    if (!r || r->status != 200) throw std::runtime_error("roll-up failed");
    const json body = json::parse(r->body);  // (held: a range-for over a temporary's member would dangle)
    for (const auto& i : body["instansi"])
        if (i.value("instansi", "") == root) return i["workload_minutes"].get<double>();
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    const char* pg = std::getenv("SEIMBANG_PG_URL");
    if (!pg) {
        std::cerr << "national_bench: SEIMBANG_PG_URL is not set (run through tests/national/with_postgres.sh)\n";
        return 1;
    }
    const int push_n = arg(argc, argv, "--push-instansi", 2), employees = arg(argc, argv, "--employees", 20000),
              seed_n = arg(argc, argv, "--seed-instansi", 20), batch = arg(argc, argv, "--batch", 1000),
              every = arg(argc, argv, "--upstream-every", 30);
    json out = {{"bench", "national"}, {"load_start", load_average()}, {"nproc", std::thread::hardware_concurrency()},
                {"push_instansi", push_n}, {"employees_per_instansi", employees}, {"seed_instansi", seed_n},
                {"batch", batch}, {"upstream_every_s", every}};
    char tmpl[] = "/tmp/seimbang-national-bench.XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    const char* server_env = std::getenv("SEIMBANG_SERVER_BIN");
    const std::string control = dir + "/control.db", server_bin = server_env ? server_env : SEIMBANG_SERVER_BIN;
    if (run({server_bin, "init", "--db", control, "--demo", "--fast-hashes"}) != 0) throw std::runtime_error("init failed");

    // The instansi that push: their data, and an account each in the control database.
    demo::NipRegistry nips;
    struct Pusher {
        std::string root, user, device, token;
        std::vector<std::string> bodies;
    };
    std::vector<Pusher> pushers;
    int64_t push_rows = 0;
    {
        store::Db ctl(control);
        for (int k = 0; k < push_n; ++k) {
            store::Db db(":memory:");
            store::migrate(db);
            const auto stats = demo::seed_synthetic(
                db, national::instansi_shape(employees, 1000 + static_cast<uint64_t>(k), "Instansi Kirim " + std::to_string(k + 1), nips));
            Pusher u{stats.root_office_id, "instansi" + std::to_string(k + 1), new_uuid_v7(), {}, {}};
            u.bodies = push_bodies(db, u.device, batch, push_rows);
            // The account's office must exist in the control database (its scope).
            auto root = store::get_office(db, stats.root_office_id);
            if (!root || !store::save_office(ctl, *root).ok()) throw std::runtime_error("root office not saved");
            pushers.push_back(std::move(u));
        }
    }
    for (auto& u : pushers)
        if (run({server_bin, "user", "add", "--db", control, "--username", u.user, "--role", "bkpsdm", "--office", u.root,
                 "--password-stdin"},
                "bench-password\n") != 0)
            throw std::runtime_error("user add failed");

    // The national server.
    const int port = free_port();
    const std::string url = "http://127.0.0.1:" + std::to_string(port);
    const pid_t pid = start_server(server_bin, {"--db", control, "--port", std::to_string(port), "--store", pg}, url);
    out["rss_start_kb"] = rss_kb(pid);
    for (auto& u : pushers) u.token = login(url, u.user, "bench-password", u.device);

    // 1. Intake through the push endpoint, two instansi at a time.
    {
        // PostgreSQL's processes (its backends, WAL writer, checkpointer…): their CPU
        // during the intake, which, unlike the wall time, does not grow with the load
        // of other work on the machine (an A/B on a shared machine compares it).
        std::vector<pid_t> pg_pids;
        {
            national::Pg probe(pg);
            national::PgResult r = probe.query("SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()");
            for (int k = 0; k < r.rows(); ++k) pg_pids.push_back(static_cast<pid_t>(r.int64(k, 0)));
        }
        auto pg_cpu = [&] {
            double s = 0;
            for (pid_t p : pg_pids) s += cpu_s(p);
            return s;
        };
        const double pg_cpu0 = pg_cpu();
        std::mutex mu;
        size_t next = 0;
        std::string failure;
        const double cpu0 = cpu_s(pid);
        const auto t0 = Clock::now();
        std::vector<std::thread> threads;
        for (int w = 0; w < std::min(2, push_n); ++w) {
            threads.emplace_back([&] {
                httplib::Client c(url);
                c.set_read_timeout(120, 0);
                for (;;) {
                    size_t k;
                    {
                        std::lock_guard lock(mu);
                        if (next >= pushers.size()) return;
                        k = next++;
                    }
                    const auto& u = pushers[k];
                    const httplib::Headers h = {{"Authorization", "Bearer " + u.token}, {"X-Device-Id", u.device}};
                    for (const auto& body : u.bodies) {
                        auto r = c.Post("/api/v1/sync/push", h, body, "application/json");
                        if (!r || r->status != 200 || r->body.find("\"rejected\"") != std::string::npos) {
                            std::lock_guard lock(mu);
                            failure = r ? std::to_string(r->status) + " " + r->body.substr(0, 300) : "no answer";
                            return;
                        }
                    }
                }
            });
        }
        for (auto& t : threads) t.join();
        if (!failure.empty()) throw std::runtime_error("push failed: " + failure);
        const double s = seconds_since(t0);
        out["intake_rows"] = push_rows;
        out["intake_s"] = s;
        out["intake_rows_per_s"] = static_cast<double>(push_rows) / s;
        // The server's own CPU (parse, validate, COPY text); the rest of the wall time is PostgreSQL's and waiting.
        out["intake_server_cpu_s"] = cpu_s(pid) - cpu0;
        out["intake_pg_cpu_s"] = pg_cpu() - pg_cpu0;
        out["rss_after_intake_kb"] = rss_kb(pid);
    }

    // 1b. Steady-state upward latency through a real instansi server.
    pid_t instansi_pid = -1;
    if (every > 0) {
        const std::string idb = dir + "/instansi.db", pw = dir + "/upstream.pw";
        std::ofstream(pw) << "bench-upstream-1\n";
        if (run({server_bin, "init", "--db", idb, "--demo", "--fast-hashes"}) != 0) throw std::runtime_error("init instansi");
        std::string root, task;
        double volume = 0;
        int64_t task_seq = 0, employees_here = 0;
        {
            store::Db db(idb);
            auto q = db.prepare("SELECT id FROM offices WHERE parent_id IS NULL");
            if (!q.step()) throw std::runtime_error("no root office");
            root = q.text(0);
            auto t = db.prepare(
                "SELECT t.id, t.volume, t._seq FROM abk_tasks t JOIN offices o ON o.id = t.office_id "
                "WHERE o.name = 'Kelurahan Terjun' AND t.year = ?1 AND t.archived = 0 ORDER BY t.id LIMIT 1");
            t.bind(1, static_cast<int64_t>(demo::kDemoYear));
            if (!t.step()) throw std::runtime_error("no Terjun task");
            task = t.text(0);
            volume = t.real(1);
            task_seq = t.int64(2);
            auto e = db.prepare("SELECT count(*) FROM employees");
            e.step();
            employees_here = e.int64(0);
        }
        if (run({server_bin, "national", "add-instansi", "--db", control, "--instansi", root, "--name",
                 "Pemerintah Kota Medan", "--user", "medan.upstream", "--password-file", pw, "--fast-hashes"}) != 0 ||
            run({server_bin, "upstream", "login", "--db", idb, "--url", url, "--instansi", root, "--user",
                 "medan.upstream", "--password-file", pw}) != 0)
            throw std::runtime_error("upstream sign-in failed");
        const int iport = free_port();
        const std::string iurl = "http://127.0.0.1:" + std::to_string(iport);
        const auto t_start = Clock::now();
        instansi_pid = start_server(server_bin,
                                    {"--db", idb, "--port", std::to_string(iport), "--upstream", url,
                                     "--upstream-every", std::to_string(every)},
                                    iurl, dir + "/instansi.log");
        out["rss_instansi_start_kb"] = rss_kb(instansi_pid);
        // Its first forward (the whole demo): until the centre holds every employee.
        {
            national::NationalStore st(pg);
            for (;;) {
                int64_t n = 0;
                {
                    std::lock_guard lock(st.mu());
                    n = st.pg().query("SELECT count(*) FROM employees WHERE instansi = $1", {root}).int64(0, 0);
                }
                if (n >= employees_here) break;
                if (seconds_since(t_start) > 600) throw std::runtime_error("first forward did not arrive");
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
        }
        out["upstream_first_forward_s"] = seconds_since(t_start);
        const std::string pusat_device = new_uuid_v7();
        const httplib::Headers pusat = {{"Authorization", "Bearer " + login(url, "pusat.bkn", demo::kDemoPassword, pusat_device)},
                                        {"X-Device-Id", pusat_device}};
        const double before = national_minutes(url, pusat, root);
        std::cerr << "national_bench: first forward in " << seconds_since(t_start) << " s; workload before the edit "
                  << before << "\n";
        // The office's edit: a new volume for one of its tasks, pushed to the instansi server.
        const std::string device = new_uuid_v7();
        const std::string token = login(iurl, "operator.terjun", demo::kDemoPassword, device);
        const json body = {{"device_id", device},
                           {"mutations",
                            {{{"counter", 1}, {"hlc", sync::make_hlc(sync::now_ms(), 0)},
                              {"schema", store::latest_schema_version()}, {"table", "abk_tasks"}, {"row", task},
                              {"op", "upsert"}, {"base", task_seq}, {"fields", {{"volume", volume + 7}}},
                              {"old", {{"volume", volume}}}}}}};
        httplib::Client ic(iurl);
        const auto t0 = Clock::now();
        auto r = ic.Post("/api/v1/sync/push", {{"Authorization", "Bearer " + token}, {"X-Device-Id", device}},
                         body.dump(), "application/json");
        if (!r || r->status != 200 || r->body.find("\"applied\"") == std::string::npos)
            throw std::runtime_error("office push failed: " + (r ? r->body : std::string("no answer")));
        double after = before;
        int polls = 0;
        while (after == before) {
            if (seconds_since(t0) > 10.0 * every + 120) throw std::runtime_error("the edit never reached the centre");
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            after = national_minutes(url, pusat, root);
            ++polls;
        }
        out["upstream_latency_s"] = seconds_since(t0);
        std::cerr << "national_bench: the edit reached the national roll-up after " << seconds_since(t0) << " s (" << after
                  << ")\n";
        out["upstream_latency_polls"] = polls;
        out["rss_instansi_after_edit_kb"] = rss_kb(instansi_pid);
        out["rss_after_latency_kb"] = rss_kb(pid);
    }

    // 2. More instansi straight into the national tier (COPY).
    {
        national::NationalStore st(pg);
        const auto t0 = Clock::now();
        national::seed_instansi(st, seed_n, employees, 34, 5000, nips);
        out["seed_s"] = seconds_since(t0);
        std::lock_guard lock(st.mu());
        out["employees_total"] = st.pg().query("SELECT count(*) FROM employees").int64(0, 0);
        out["positions_total"] = st.pg().query("SELECT count(*) FROM positions").int64(0, 0);
        out["tasks_total"] = st.pg().query("SELECT count(*) FROM abk_tasks").int64(0, 0);
        // (As a served database is: vacuumed, so the roll-up's index-only scans need not visit the rows.)
        st.pg().exec("VACUUM ANALYZE");
    }

    // 3. The national roll-up as pusat.
    {
        const std::string pusat_device = new_uuid_v7();
        const std::string token = login(url, "pusat.bkn", demo::kDemoPassword, pusat_device);
        httplib::Client c(url);
        c.set_read_timeout(600, 0);
        const httplib::Headers h = {{"Authorization", "Bearer " + token}, {"X-Device-Id", pusat_device}};
        for (int round = 0; round < 2; ++round) {  // the second one with warm caches
            const auto t0 = Clock::now();
            auto r = c.Get("/api/v1/national/abk?year=" + std::to_string(demo::kDemoYear), h);
            const double s = seconds_since(t0);
            if (!r || r->status != 200) throw std::runtime_error("roll-up failed");
            const json body = json::parse(r->body);
            out[round == 0 ? "rollup_cold_s" : "rollup_s"] = s;
            out["rollup_instansi"] = body["instansi"].size();
            out["rollup_jabatan"] = body["jabatan"].size();
        }
        out["rss_after_rollup_kb"] = rss_kb(pid);
        if (instansi_pid > 0) out["rss_instansi_after_rollup_kb"] = rss_kb(instansi_pid);
    }

    // 3b. The lookup by NIP (the national person lookup, an index read or a
    // scan of every employee) over 20 NIPs spread over the store, and the
    // claims view (NIPs active in two instansi).
    {
        national::NationalStore st(pg);
        std::vector<std::string> nips_found;
        {
            std::lock_guard lock(st.mu());
            national::PgResult r = st.pg().query(
                "SELECT nip FROM employees TABLESAMPLE SYSTEM (1) REPEATABLE (17) WHERE archived = 0 LIMIT 20");
            for (int k = 0; k < r.rows(); ++k) nips_found.emplace_back(r.text(k, 0));
        }
        double worst = 0, total = 0;
        for (const auto& n : nips_found) {
            const auto t0 = Clock::now();
            if (national::people_by_nip(st, n, 5).empty()) throw std::runtime_error("NIP not found: " + n);
            const double s = seconds_since(t0);
            worst = std::max(worst, s);
            total += s;
        }
        out["nip_lookups"] = nips_found.size();
        out["nip_lookup_mean_ms"] = nips_found.empty() ? 0.0 : 1000.0 * total / static_cast<double>(nips_found.size());
        out["nip_lookup_max_ms"] = 1000.0 * worst;
        const auto t0 = Clock::now();
        const json claims = st.claims({500, 0});
        out["claims_s"] = seconds_since(t0);
        out["claims_total"] = claims["total"];
    }

    // 4. One instansi pulls its rows back.
    if (!pushers.empty()) {
        const auto& u = pushers.front();
        httplib::Client c(url);
        const httplib::Headers h = {{"Authorization", "Bearer " + u.token}, {"X-Device-Id", u.device}};
        int64_t cursor = 0, rows = 0, employees_pulled = 0;
        const auto t0 = Clock::now();
        for (;;) {
            auto r = c.Get("/api/v1/sync/pull?cursor=" + std::to_string(cursor) + "&limit=5000", h);
            if (!r || r->status != 200) throw std::runtime_error("pull failed");
            const json page = json::parse(r->body);
            for (const auto& ch : page["changes"]) {
                ++rows;
                if (ch["t"] == "employees") ++employees_pulled;
            }
            cursor = page["cursor"];
            if (!page["more"].get<bool>()) break;
        }
        out["pull_s"] = seconds_since(t0);
        out["pull_rows"] = rows;
        out["pull_employees"] = employees_pulled;
        out["rss_after_pull_kb"] = rss_kb(pid);
        if (instansi_pid > 0) out["rss_instansi_after_pull_kb"] = rss_kb(instansi_pid);
    }
    if (instansi_pid > 0) {
        kill(instansi_pid, SIGTERM);
        waitpid(instansi_pid, nullptr, 0);
    }
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    std::system(("rm -rf " + dir).c_str());
    out["load_end"] = load_average();
    std::cout << out.dump() << std::endl;
    return 0;
}
