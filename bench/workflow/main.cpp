// workflow_bench [--requests N]
// Transfer requests at Kota Medan scale (synthetic: 21 kecamatan, 151
// kelurahan, 20,000 employees), in process:
//  1. file N requests (create steps with the server's authority);
//  2. push N step commands (submit each request) through the server's sync
//     engine in batches of 500, as a device would; applied and refused counted
//     (a submit is refused when tenure or eligibility fail: a real outcome);
//  3. the open-request queue: list_requests (open only) plus the commands a
//     BKPSDM user may take on each (the work behind one queue screen frame);
//  4. SK PDFs: decide 100 requests and generate each decree.
// Progress goes to stderr; the figures are ONE JSON object on the last line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "demo/seed.h"
#include "plan/eligibility_records.h"
#include "sk_pdf.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/hlc.h"
#include "sync/server_sync.h"
#include "util/uuid.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

using namespace seimbang;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
double load_average() {
    double l = 0;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &l) != 1) l = 0;
        std::fclose(f);
    }
    return l;
}
// This thread's CPU time: on a machine shared with builds, wall time measures the
// neighbours; both are printed.
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
}  // namespace

int main(int argc, char** argv) {
    int n = 10000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--requests") n = std::stoi(argv[i + 1]);
    store::Db db(":memory:");
    store::migrate(db);
    sync::ServerSync server(db);
    workflow::register_sync_commands();
    auto t = Clock::now();
    const auto stats = demo::seed_synthetic(db, {});
    std::cerr << "seeded " << stats.employees << " employees in " << ms_since(t) << " ms\n";

    const access::Actor bk = workflow::make_actor(db, "bkpsdm", "bkpsdm", stats.root_office_id, "");
    const Date today = workflow::today_wib();
    // Each request wishes a non-head position of the next office that has one.
    std::vector<Position> targets;
    for (auto& p : store::list_positions(db))
        if (!p.is_head) targets.push_back(std::move(p));
    auto employees = store::list_employees(db);
    std::vector<std::string> ids;
    t = Clock::now();
    for (size_t k = 0; k < employees.size() && static_cast<int>(ids.size()) < n; ++k) {
        const Employee& e = employees[k];
        const Position* wish = nullptr;
        const auto own = store::get_position(db, e.position_id);
        for (size_t j = 0; j < targets.size() && !wish && own; ++j) {
            const Position& p = targets[(k * 7 + j) % targets.size()];
            // A wish the planner's rules accept (same kind of post, rank range,
            // competences): the submit then runs the whole step, as most real submits do.
            if (p.office_id != e.office_id && plan::may_request(e, *own, p)) wish = &p;
        }
        if (!wish) continue;
        workflow::StepContext ctx{db, bk, workflow::Authority::server, today, sync::now_ms()};
        auto r = workflow::take_step(ctx, {workflow::Command::create, "", "",
                                           {{"employee_id", e.id},
                                            {"kind", "dinas"},
                                            {"reason", "kebutuhan_organisasi"},
                                            {"explanation", "Pemerataan beban kerja"},
                                            {"to_positions", json::array({wish->id})}}});
        if (r.check.ok()) ids.push_back(r.request_id);
    }
    const double create_ms = ms_since(t);
    std::cerr << "filed " << ids.size() << " requests in " << create_ms << " ms\n";

    // [2] submit commands pushed as a device would (batches of 500).
    sync::Principal who{"u-bk", "bkpsdm", "BKPSDM", "bkpsdm", stats.root_office_id, "", new_uuid_v7()};
    int applied = 0, rejected = 0;
    std::map<std::string, int> refusals;  // reason code -> count (a real outcome, printed)
    double push_ms = 0, push_cpu_ms = 0;
    int64_t counter = 0;
    for (size_t k = 0; k < ids.size(); k += 500) {
        json ms = json::array();
        for (size_t j = k; j < std::min(ids.size(), k + 500); ++j)
            ms.push_back({{"counter", ++counter}, {"hlc", sync::make_hlc(sync::now_ms(), 0)},
                          {"schema", store::latest_schema_version()}, {"table", "requests"}, {"row", ids[j]},
                          {"op", "command"}, {"base", 0}, {"command", "submit"}, {"expect", "draf"},
                          {"args", {{"event_id", new_uuid_v7()}}}});
        const std::string body = json{{"device_id", who.device_id}, {"mutations", ms}}.dump();
        auto req = sync::parse_push_request(body);
        t = Clock::now();
        const double c0 = cpu_ms();
        sync::Reply rep = server.push(who, std::move(req));
        push_ms += ms_since(t);
        push_cpu_ms += cpu_ms() - c0;
        const json res = json::parse(rep.text);
        for (const auto& r : res["results"]) {
            (r["status"] == "applied" ? applied : rejected)++;
            if (r["status"] == "rejected") ++refusals[r.value("reason", std::string("?"))];
        }
    }
    std::cerr << "pushed " << counter << " submit commands in " << push_ms << " ms (" << applied << " applied, "
              << rejected << " refused)\n";

    // [3] the queue: open requests and what BKPSDM may do with each.
    t = Clock::now();
    const double q0 = cpu_ms();
    const auto open = workflow::list_requests(db, {std::nullopt, {}, true});
    size_t actionable = 0;
    for (const auto& r : open) actionable += workflow::available_commands(db, bk, r).empty() ? 0 : 1;
    const double queue_ms = ms_since(t), queue_cpu_ms = cpu_ms() - q0;
    std::cerr << "queue: " << open.size() << " open, " << actionable << " actionable, " << queue_ms << " ms\n";

    // [4] SK PDFs of decided requests.
    const auto settings = workflow::load_workflow_settings(db);
    std::vector<double> pdf_ms;
    size_t pdf_bytes = 0;
    for (const auto& id : ids) {
        if (pdf_ms.size() >= 100) break;
        auto r = workflow::get_request(db, id);
        if (!r) continue;
        r->sk_number = "800/" + std::to_string(pdf_ms.size() + 1) + "/BKPSDM/2026";
        r->sk_date = "2026-12-01";
        r->tmt = "2027-01-01";
        t = Clock::now();
        auto pdf = server::sk_pdf(db, settings, *r);
        pdf_ms.push_back(ms_since(t));
        pdf_bytes = pdf ? pdf->size() : 0;
    }
    std::sort(pdf_ms.begin(), pdf_ms.end());
    const double pdf_median = pdf_ms.empty() ? 0 : pdf_ms[pdf_ms.size() / 2];
    const double pdf_max = pdf_ms.empty() ? 0 : pdf_ms.back();
    std::cerr << "SK PDF: median " << pdf_median << " ms, max " << pdf_max << " ms, " << pdf_bytes << " bytes\n";

    const json out = {{"employees", stats.employees},
                      {"requests", ids.size()},
                      {"create_per_s", ids.size() / (create_ms / 1000.0)},
                      {"commands", counter},
                      {"commands_applied", applied},
                      {"commands_refused", rejected},
                      {"refusal_reasons", refusals},
                      {"push_ms", push_ms},
                      {"commands_per_s", counter / (push_ms / 1000.0)},
                      {"push_cpu_ms", push_cpu_ms},
                      {"commands_per_cpu_s", counter / (push_cpu_ms / 1000.0)},
                      {"target_commands_per_s", 5000},
                      {"load_average", load_average()},
                      {"queue_open", open.size()},
                      {"queue_ms", queue_ms},
                      {"queue_cpu_ms", queue_cpu_ms},
                      {"sk_pdf_median_ms", pdf_median},
                      {"sk_pdf_max_ms", pdf_max},
                      {"sk_pdf_bytes", pdf_bytes}};
    std::cout << out.dump() << std::endl;
    return 0;
}
