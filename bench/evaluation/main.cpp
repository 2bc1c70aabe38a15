// Evaluation benchmark (issue 11). Usage: evaluation_bench [--quick]
//   --quick  a small kota (3 kecamatan, 20 kelurahan, 2,000 employees)
// Seeds Kota Medan synthetic data (21 kecamatan, 151 kelurahan, 20,000
// employees), takes 8 semester snapshots of the whole kota (2023-S1 … 2026-S2,
// each closed), then times the Evaluasi screen's data for the kota (read every
// stored row, the comparison of the kecamatan below it, the before/after list)
// and, natively, the kota ABK report as XLSX. The last line is one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/evaluation.h"
#include "demo/seed.h"
#include "eval/snapshot.h"
#include "store/schema.h"
#ifndef __EMSCRIPTEN__
#include "report/abk_forms.h"
#include "report/native/writers.h"
#endif

using namespace seimbang;
using Clock = std::chrono::steady_clock;

namespace {
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}
}  // namespace

int main(int argc, char** argv) {
    demo::SyntheticParams params;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) params = {3, 20, 2000, 42};
        else {
            std::fprintf(stderr, "usage: evaluation_bench [--quick]\n");
            return 2;
        }
    }
#ifdef __EMSCRIPTEN__
    const char* platform = "wasm";
#else
    const char* platform = "native";
#endif
    store::Db db(":memory:");
    store::migrate(db);
    auto t = Clock::now();
    const auto stats = demo::seed_synthetic(db, params);
    const double seed_s = seconds_since(t);

    std::vector<double> snapshot_s;
    int rows = 0;
    eval::PeriodId p = *eval::parse_period("2023-S1");
    for (int k = 0; k < 8; ++k, p = eval::next(p)) {
        t = Clock::now();
        rows += eval::take_snapshot(db, p, true, 1000 + k).written;
        snapshot_s.push_back(seconds_since(t));
    }

    // The Evaluasi screen for the kota: what it computes when entered.
    std::vector<double> screen_s;
    size_t compared = 0, batches = 0, office_positions = 0;
    for (int k = 0; k < 5; ++k) {
        t = Clock::now();
        const auto data = app::load_evaluation(db);
        compared = app::compare_children(data, stats.root_office_id).size();
        batches = app::batch_effects(data, stats.root_office_id).size();
        // "Per jabatan": the selected office's positions over the 8 periods.
        office_positions = app::load_office_positions(db, data, stats.root_office_id).positions.size();
        screen_s.push_back(seconds_since(t));
    }

    nlohmann::json out = {{"bench", "evaluation"},
                          {"platform", platform},
                          {"offices", stats.offices},
                          {"positions", stats.positions},
                          {"employees", stats.employees},
                          {"seed_s", seed_s},
                          {"periods", 8},
                          {"snapshot_rows", rows},
                          {"snapshot_kota_s_median", median(snapshot_s)},
                          {"snapshot_kota_s_max", *std::max_element(snapshot_s.begin(), snapshot_s.end())},
                          {"snapshot_target_s", 1.0},
                          {"screen_data_s_median", median(screen_s)},
                          {"screen_target_s", 0.2},
                          {"screen_compared_offices", compared},
                          {"screen_batches", batches},
                          {"screen_office_positions", office_positions}};
#ifndef __EMSCRIPTEN__
    std::vector<double> xlsx_s;
    size_t xlsx_bytes = 0;
    for (int k = 0; k < 3; ++k) {
        t = Clock::now();
        const auto forms = report::build_abk_forms(db, stats.root_office_id, demo::kDemoYear);
        xlsx_bytes = report::abk_xlsx(forms, i18n::Lang::id).size();
        xlsx_s.push_back(seconds_since(t));
    }
    out["abk_xlsx_kota_s_median"] = median(xlsx_s);
    out["abk_xlsx_bytes"] = xlsx_bytes;
    out["abk_xlsx_target_s"] = 2.0;
#endif
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
