// import_bench [--employees N]
// A Kota Medan data set (seed_synthetic: 21 kecamatan, 151 kelurahan, N
// employees) is exported as CSV (io/export.h); the employees are then removed
// and the CSV imported back into the same client database (outbox installed,
// journal_mode DELETE, as the CLI and the browser run):
//   read   CSV text → sheet
//   plan   dry run: N rows to add (every office and position matched by name)
//   apply  one transaction through the repositories (+ N outbox entries)
//   again  the same file planned again: N unchanged, nothing written
// Peak memory (VmHWM) is reset before the import, so it shows the import's own
// peak on top of what the process already held. Progress goes to stderr; the
// figures are ONE JSON object on the last line.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "demo/seed.h"
#include "io/export.h"
#include "io/import.h"
#include "store/schema.h"
#include "sync/client.h"

using namespace seimbang;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// CPU time of this process (user + system), ms: on a machine shared with other
// work the wall time of a phase can be several times its CPU time.
double cpu_ms() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

long status_kb(const char* key) {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + std::strlen(key));
    return -1;
}

void reset_peak() { std::ofstream("/proc/self/clear_refs") << "5"; }

int count(store::Db& db, const char* sql) {
    auto s = db.prepare(sql);
    s.step();
    return static_cast<int>(s.int64(0));
}

}  // namespace

int main(int argc, char** argv) {
    int employees = 20000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--employees") employees = std::atoi(argv[i + 1]);
    const auto dir = std::filesystem::temp_directory_path() / ("seimbang-import-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "client.db").string();

    nlohmann::json out = {{"bench", "import"}, {"employees", employees}};
    {
        store::Db db(path);
        db.exec("PRAGMA journal_mode=DELETE");
        store::migrate(db);
        std::cerr << "seeding " << employees << " employees...\n";
        auto t = Clock::now();
        demo::SyntheticParams p;
        p.employees = employees;
        demo::seed_synthetic(db, p);
        out["seed_ms"] = ms_since(t);
        t = Clock::now();
        const std::string csv = io::export_csv(db, io::ImportKind::employees);
        out["export_ms"] = ms_since(t);
        out["csv_bytes"] = csv.size();
        // Bench set-up, not a product path: the seeded employees go, offices and
        // positions stay, and from here on edits are queued like on a device.
        db.exec("DELETE FROM employees");
        sync::install_client(db);

        reset_peak();
        const long rss_before = status_kb("VmRSS:");
        io::Mapping m;
        m.kind = io::ImportKind::employees;

        t = Clock::now();
        double c = cpu_ms();
        io::ReadError err;
        auto sheet = io::read_sheet(csv, "", &err);
        if (!sheet) {
            std::cerr << "read failed: " << err.code << "\n";
            return 1;
        }
        out["read_ms"] = ms_since(t);
        out["read_cpu_ms"] = cpu_ms() - c;

        t = Clock::now();
        c = cpu_ms();
        io::ImportPlan plan = io::plan_import(db, *sheet, m);
        out["dry_run_ms"] = ms_since(t);
        out["dry_run_cpu_ms"] = cpu_ms() - c;
        out["planned_add"] = plan.added;
        out["planned_refused"] = plan.refused;
        for (size_t i = 0; i < plan.issues.size() && i < 5; ++i)
            std::cerr << io::describe(plan.issues[i], i18n::Lang::en) << "\n";

        t = Clock::now();
        c = cpu_ms();
        io::ApplyResult res = io::apply_import(db, plan);
        out["apply_ms"] = ms_since(t);
        out["apply_cpu_ms"] = cpu_ms() - c;
        out["written"] = res.written;
        out["apply_ok"] = res.check.ok();
        out["outbox"] = count(db, "SELECT count(*) FROM sync_outbox");

        t = Clock::now();
        c = cpu_ms();
        io::ImportPlan again = io::plan_import(db, *sheet, m);
        out["again_dry_run_ms"] = ms_since(t);
        out["again_dry_run_cpu_ms"] = cpu_ms() - c;
        out["again_unchanged"] = again.same;
        out["again_add_or_change"] = again.added + again.changed;
        out["dry_run_plus_apply_ms"] = out["read_ms"].get<double>() + out["dry_run_ms"].get<double>() +
                                       out["apply_ms"].get<double>();
        out["rss_before_import_kb"] = rss_before;
        out["peak_rss_during_import_kb"] = status_kb("VmHWM:");
    }
    std::filesystem::remove_all(dir);
    std::cout << out.dump() << std::endl;
    const bool ok = out["apply_ok"].get<bool>() && out["planned_refused"] == 0 && out["again_add_or_change"] == 0 &&
                    out["written"] == employees;
    return ok ? 0 : 1;
}
