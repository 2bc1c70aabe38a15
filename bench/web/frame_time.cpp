// Prints one JSON object on its last line: frame times of the Pegawai screen over
// a synthetic Kota Medan of 20,000 employees (scrolling, sorting, searching).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/app.h"
#include "demo/seed.h"
#include "imgui.h"
#include "store/db.h"
#include "store/schema.h"
#include "ui/locator.h"
#include "ui/screens.h"
#include "ui/theme.h"

using namespace seimbang;

namespace {
struct BenchPlatform final : app::Platform {
    double now_ms() const override { return 0; }
    long long unix_seconds() const override { return 1798761600; }
    std::string database_path() const override { return ""; }
};
double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

int main(int argc, char** argv) {
    int employees = argc > 1 ? std::atoi(argv[1]) : 20000;
    const char* path = "/tmp/seimbang-bench-web.db";
    std::remove(path);
    {
        store::Db db(path);
        store::migrate(db);
        demo::seed_synthetic(db, {21, 151, employees, 42});
    }
    BenchPlatform platform;
    app::App a(platform, app::open_store_data(path));
    a.login.start_demo();  // data present: only signs in
    a.navigate(app::Screen::employees);

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
        auto t = std::chrono::steady_clock::now();
        ui::locator::begin_frame();
        ImGui::NewFrame();
        ui::draw_app(a);
        ImGui::Render();
        times.push_back(ms_since(t));
    };
    for (int i = 0; i < 5; ++i) frame();
    times.clear();
    io.MousePos = ImVec2(700, 400);
    for (int i = 0; i < 240; ++i) {  // scroll through the table
        io.MouseWheel = -3;
        frame();
    }
    auto t = std::chrono::steady_clock::now();
    a.employee_table.sort_column = 3;  // by position
    a.employee_table.refresh();
    double sort_ms = ms_since(t);
    t = std::chrono::steady_clock::now();
    a.employee_table.search = "siregar";
    a.employee_table.refresh();
    double search_ms = ms_since(t);
    for (int i = 0; i < 60; ++i) frame();
    std::vector<double> s = times;

    // Unit & Jabatan of the office with the most positions: holders per position
    // come from an index built when data changes, not a scan per frame.
    std::unordered_map<std::string, int> per_office;
    for (const auto& p : a.workload.data.positions) ++per_office[p.office_id];
    std::string busiest;
    for (const auto& [id, n] : per_office)
        if (busiest.empty() || n > per_office[busiest]) busiest = id;
    a.navigate(app::Screen::units);
    a.selected_office = busiest;
    for (int i = 0; i < 5; ++i) frame();
    times.clear();
    for (int i = 0; i < 120; ++i) frame();
    std::vector<double> u = times;
    std::sort(u.begin(), u.end());
    double usum = 0;
    for (double x : u) usum += x;
    std::sort(s.begin(), s.end());
    double sum = 0;
    for (double x : s) sum += x;
    std::printf("{\"employees\":%zu,\"frames\":%zu,\"frame_ms_mean\":%.3f,\"frame_ms_p95\":%.3f,\"frame_ms_max\":%.3f,"
                "\"sort_ms\":%.2f,\"search_ms\":%.2f,\"units_positions\":%d,\"units_frame_ms_mean\":%.3f,"
                "\"units_frame_ms_p95\":%.3f,\"target_frame_ms\":16}\n",
                a.workload.data.employees.size(), s.size(), sum / s.size(), s[s.size() * 95 / 100], s.back(), sort_ms,
                search_ms, per_office[busiest], usum / u.size(), u[u.size() * 95 / 100]);
    ImGui::DestroyContext();
    std::remove(path);
    return 0;
}
