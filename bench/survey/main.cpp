// survey_bench [--answers N]
// Survei Kepuasan Pegawai at Kota Medan scale (docs/SURVEY.md):
//  1. record N answers (default 20,000: every synthetic employee once) through
//     survey::record_answer, the server's answer path (participation mark,
//     random-keyed answer row), in one transaction per 500 as a push would;
//  2. results: campaign_results for the kota (every office, k rule, ABK EJ per
//     office) and for one kecamatan; scope_results alone (the pure figures);
//  3. the survey report of the kota as XLSX and PDF.
// Progress goes to stderr; the figures are ONE JSON object on the last line.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "demo/seed.h"
#include "report/native/writers.h"
#include "store/repo.h"
#include "store/schema.h"
#include "survey/survey_db.h"

using namespace seimbang;
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
    int n = 20000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--answers") n = std::stoi(argv[i + 1]);
    store::Db db(":memory:");
    store::migrate(db);
    std::cerr << "seeding Kota Medan synthetic data...\n";
    demo::seed_synthetic(db, {});
    std::string kota, kecamatan;
    for (const auto& o : store::list_offices(db)) {
        if (o.parent_id.empty()) kota = o.id;
        else if (kecamatan.empty() && o.kind == OfficeKind::kecamatan) kecamatan = o.id;
    }
    survey::Campaign c;
    c.title = "Survei Kepuasan Pegawai";
    c.period = "2026-S2";
    c.scope_office_id = kota;
    c.opens = "2026-01-01";
    c.closes = "2099-12-31";
    if (!survey::create_campaign(db, c).ok()) return std::cerr << "campaign refused\n", 1;

    const auto staff = store::list_employees(db, {});
    const int items = c.instrument.item_count();
    uint64_t x = 42;
    auto next = [&] {  // splitmix64: the same answers on every run
        x += 0x9E3779B97F4A7C15ull;
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    std::cerr << "recording " << n << " answers...\n";
    auto t = Clock::now();
    double cpu = cpu_ms();
    int recorded = 0;
    for (int i = 0; i < n && i < static_cast<int>(staff.size()); i += 500) {
        db.transaction([&] {
            for (int j = i; j < i + 500 && j < n && j < static_cast<int>(staff.size()); ++j) {
                survey::AnswerInput in;
                in.campaign_id = c.id;
                in.employee_id = staff[static_cast<size_t>(j)].id;
                for (int k = 0; k < items; ++k) in.scores += static_cast<char>('1' + next() % 5);
                if (next() % 4 == 0) in.comment = "Komentar nomor " + std::to_string(j);
                in.answered_on = in.today = {2026, 12, 7};
                if (survey::record_answer(db, in).ok()) ++recorded;
            }
        });
    }
    const double record_ms = ms_since(t), record_cpu_ms = cpu_ms() - cpu;

    std::cerr << "results...\n";
    t = Clock::now();
    cpu = cpu_ms();
    const survey::CampaignResults kota_results = survey::campaign_results(db, c, kota, 2026);
    const double kota_ms = ms_since(t), kota_cpu_ms = cpu_ms() - cpu;
    t = Clock::now();
    const survey::CampaignResults kec_results = survey::campaign_results(db, c, kecamatan, 2026);
    const double kecamatan_ms = ms_since(t);
    // The pure figures alone (no database, no ABK): the answers read once.
    std::vector<survey::Answer> answers;
    std::vector<std::string> order;
    {
        auto s = db.prepare("SELECT office_id, scores, comment FROM survey_answers WHERE campaign_id = ?1");
        s.bind(1, c.id);
        while (s.step()) answers.push_back({s.text(0), s.text(1), s.text(2)});
        for (const auto& l : kota_results.offices) order.push_back(l.office_id);
    }
    t = Clock::now();
    cpu = cpu_ms();
    const survey::ScopeResults pure = survey::scope_results(c.instrument, answers, order, 5);
    const double pure_ms = ms_since(t), pure_cpu_ms = cpu_ms() - cpu;
    int shown = 0;
    for (const auto& o : pure.offices) shown += o.shown;
    t = Clock::now();
    const std::string xlsx = report::survey_xlsx(kota_results, i18n::Lang::id);
    const double xlsx_ms = ms_since(t);
    t = Clock::now();
    const std::string pdf = report::survey_pdf(kota_results, i18n::Lang::id, "07-12-2026");
    const double pdf_ms = ms_since(t);

    nlohmann::json out = {
        {"answers", recorded},
        {"offices", kota_results.offices.size()},
        {"offices_shown", shown},
        {"total_index", kota_results.results.total.figures.index},
        {"record_answers_ms", record_ms},
        {"record_per_answer_us", recorded ? record_ms * 1000 / recorded : 0},
        {"record_cpu_ms", record_cpu_ms},
        {"results_kota_ms", kota_ms},
        {"results_kota_cpu_ms", kota_cpu_ms},
        {"results_pure_cpu_ms", pure_cpu_ms},
        {"results_kecamatan_ms", kecamatan_ms},
        {"results_pure_ms", pure_ms},
        {"kecamatan_answers", kec_results.results.total.figures.answers},
        {"report_xlsx_ms", xlsx_ms},
        {"report_xlsx_bytes", xlsx.size()},
        {"report_pdf_ms", pdf_ms},
        {"report_pdf_bytes", pdf.size()},
        {"load_average", load_average()},
    };
    std::cout << out.dump() << "\n";
    return 0;
}
