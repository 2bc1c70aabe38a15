// workflow_queue_frame [--requests N]
// The Usulan Mutasi screen (client/ui/screen_requests.cpp) drawn natively and
// headless over a synthetic Kota Medan (20,000 employees) with N open transfer
// requests (default 10,000), as a BKPSDM user of the kota: frame times while
// scrolling the list (target: 16 ms), the one-off rebuild of the list when the
// data changes, a filter change, and opening a request's detail (timeline,
// documents, checklist, decision support). Progress on stderr; ONE JSON object
// on the last line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "demo/seed.h"
#include "imgui.h"
#include "store/db.h"
#include "store/repo.h"
#include "store/schema.h"
#include "sync/hlc.h"
#include "ui/locator.h"
#include "ui/screens.h"
#include "ui/theme.h"
#include "workflow/sync_commands.h"
#include "workflow/workflow.h"

using namespace seimbang;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {
struct BenchPlatform final : app::Platform {
    double now_ms() const override { return 0; }
    long long unix_seconds() const override { return static_cast<long long>(sync::now_ms() / 1000); }
    std::string database_path() const override { return ""; }
};
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
struct Stats {
    double mean = 0, p95 = 0, max = 0;
};
Stats stats_of(std::vector<double> v) {
    Stats s;
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    for (double x : v) s.mean += x;
    s.mean /= static_cast<double>(v.size());
    s.p95 = v[v.size() * 95 / 100];
    s.max = v.back();
    return s;
}
}  // namespace

int main(int argc, char** argv) {
    int n = 10000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--requests") n = std::stoi(argv[i + 1]);
    const char* path = "/tmp/seimbang-bench-queue.db";
    std::remove(path);
    std::string root;
    int filed = 0;
    {
        store::Db db(path);
        store::migrate(db);
        auto t = Clock::now();
        const auto stats = demo::seed_synthetic(db, {21, 151, 20000, 42});
        root = stats.root_office_id;
        std::cerr << "seeded " << stats.employees << " employees in " << ms_since(t) << " ms\n";
        // N requests filed by BKPSDM with the server's authority (one transaction).
        const access::Actor bk = workflow::make_actor(db, "bkpsdm", "bkpsdm", root, "");
        std::vector<Position> targets;
        for (auto& p : store::list_positions(db))
            if (!p.is_head) targets.push_back(std::move(p));
        const auto employees = store::list_employees(db);
        const Date today = workflow::today_wib();
        t = Clock::now();
        db.transaction([&] {
            for (size_t k = 0; k < employees.size() && filed < n; ++k) {
                const Employee& e = employees[k];
                const Position* wish = nullptr;
                for (size_t j = 0; j < targets.size() && !wish; ++j) {
                    const Position& p = targets[(k * 7 + j) % targets.size()];
                    if (p.office_id != e.office_id) wish = &p;
                }
                workflow::StepContext ctx{db, bk, workflow::Authority::server, today, sync::now_ms()};
                auto r = workflow::take_step(ctx, {workflow::Command::create, "", "",
                                                   {{"employee_id", e.id},
                                                    {"kind", "dinas"},
                                                    {"reason", "kebutuhan_organisasi"},
                                                    {"explanation", "Pemerataan beban kerja"},
                                                    {"to_positions", json::array({wish->id})}}});
                if (r.check.ok()) ++filed;
            }
        });
        std::cerr << "filed " << filed << " requests in " << ms_since(t) << " ms\n";
    }

    BenchPlatform platform;
    app::App a(platform, app::open_store_data(path));
    a.login.start_demo();  // data present: only signs in
    a.login.session->role = app::Role::bkpsdm;
    a.login.session->office_id = root;
    a.navigate(app::Screen::requests);

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1366, 820);
    io.DeltaTime = 1.0f / 60;
    ui::load_fonts(1);
    ui::apply_style();
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    ui::locator::enable();

    std::vector<double> times;
    auto frame = [&] {
        auto t = Clock::now();
        ui::locator::begin_frame();
        ImGui::NewFrame();
        ui::draw_app(a);
        ImGui::Render();
        times.push_back(ms_since(t));
    };
    frame();  // the first frame builds the list (once per data change)
    const double first_ms = times.back();
    for (int i = 0; i < 4; ++i) frame();
    times.clear();
    io.MousePos = ImVec2(500, 400);
    for (int i = 0; i < 240; ++i) {  // scroll through the list
        io.MouseWheel = -3;
        frame();
    }
    const Stats scroll = stats_of(times);

    // A data change (e.g. after a sync): the list is rebuilt once, not per frame.
    auto t = Clock::now();
    a.requests.dirty = true;
    a.refresh_requests();
    const double rebuild_ms = ms_since(t);
    // A filter change: the shown rows only.
    t = Clock::now();
    a.requests.status_filter = workflow::Status::draf;
    a.requests.filter_dirty = true;
    a.refresh_requests();
    const double filter_ms = ms_since(t);
    a.requests.status_filter.reset();
    a.requests.filter_dirty = true;
    // Opening one request: timeline, documents, checklist, decision support.
    const std::string id = a.requests.rows[a.requests.rows.size() / 2].r.id;
    t = Clock::now();
    a.select_request(id);
    const double detail_ms = ms_since(t);
    for (int i = 0; i < 5; ++i) frame();
    times.clear();
    for (int i = 0; i < 120; ++i) frame();  // list + detail side by side
    const Stats detail = stats_of(times);

    std::printf("{\"requests\":%zu,\"first_frame_ms\":%.2f,\"scroll_frames\":240,\"frame_ms_mean\":%.3f,"
                "\"frame_ms_p95\":%.3f,\"frame_ms_max\":%.3f,\"rebuild_ms\":%.2f,\"filter_ms\":%.3f,"
                "\"detail_open_ms\":%.2f,\"detail_frame_ms_mean\":%.3f,\"detail_frame_ms_p95\":%.3f,"
                "\"target_frame_ms\":16}\n",
                a.requests.rows.size(), first_ms, scroll.mean, scroll.p95, scroll.max, rebuild_ms, filter_ms,
                detail_ms, detail.mean, detail.p95);
    ImGui::DestroyContext();
    std::remove(path);
    return 0;
}
