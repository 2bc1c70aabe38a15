// training_bench [--rounds N]
// The Pelatihan screen's waits (docs/TRAINING.md), N rounds each (default 20),
// median and maximum in ms, wall and this thread's CPU time (the machine is
// shared with builds):
//  - sandbox: a fresh in-memory database, migrated and seeded with the demo
//    (opening a case and "Atur ulang" pay it once);
//  - stage: Sandbox::stage of every case (reset + filing its requests);
//  - decide: the recommended decision of the first request with its feedback;
//  - record: record_attempt of a lesson into a device database (row + outbox).
// Progress goes to stderr; the figures are ONE JSON object on the last line.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/schema.h"
#include "sync/client.h"
#include "training/content.h"
#include "training/progress.h"
#include "training/sandbox.h"

using namespace seimbang;
using Clock = std::chrono::steady_clock;

namespace {
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
struct Series {
    std::vector<double> wall, cpu;
    template <typename F>
    void run(F&& f) {
        const auto t = Clock::now();
        const double c = cpu_ms();
        f();
        cpu.push_back(cpu_ms() - c);
        wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
    }
    static double median(std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0 : v[v.size() / 2];
    }
    nlohmann::json json() const {
        return {{"median_ms", median(wall)}, {"max_ms", wall.empty() ? 0 : *std::max_element(wall.begin(), wall.end())},
                {"median_cpu_ms", median(cpu)}};
    }
};
}  // namespace

int main(int argc, char** argv) {
    int rounds = 20;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--rounds") rounds = std::max(1, std::stoi(argv[i + 1]));
    Series parse, fresh, stage, decide, record;
    parse.run([] { (void)training::content(); });
    const auto& content = training::content();
    std::cerr << "content: " << content.lessons.size() << " lessons, " << content.cases.size() << " cases\n";
    training::Sandbox sb;
    store::Db device(":memory:");
    store::migrate(device);
    sync::install_client(device);
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& q : content.lessons.front().questions) answers.push_back(q.answer);
    for (int r = 0; r < rounds; ++r) {
        fresh.run([&] { sb.reset(); });
        for (const auto& c : content.cases) {
            stage.run([&] { sb.stage(c); });
            const auto& rec = c.recommended.at(c.decide.front());
            decide.run([&] {
                sb.decide({c.decide.front(), rec.action, "Alasan tertulis yang cukup panjang untuk aturan.", rec.declare_conflict});
            });
        }
        record.run([&] {
            training::record_attempt(device, "lurah.terjun", "", content.lessons.front().id, answers, r);
        });
        std::cerr << "round " << r + 1 << "/" << rounds << "\n";
    }
    nlohmann::json out = {{"bench", "training"},
                          {"rounds", rounds},
                          {"lessons", content.lessons.size()},
                          {"cases", content.cases.size()},
                          {"content_parse", parse.json()},
                          {"sandbox_fresh", fresh.json()},
                          {"case_stage", stage.json()},
                          {"case_decide", decide.json()},
                          {"record_attempt", record.json()}};
    std::cout << out.dump() << std::endl;
    return 0;
}
