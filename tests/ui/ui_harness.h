// Headless ImGui driver for UI tests: a context with the real fonts and style,
// frames run without a renderer, and input injected where the locator says a
// widget is.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/plan_router.h"
#include "io/sheet_wire.h"
#include "plan/wire.h"

namespace seimbang::uitest {

class TestPlatform final : public app::Platform {
public:
    int persist_requests = 0;
    bool online_flag = false;
    double clock_ms = 0;
    // HTTP answered synchronously by `server` (nullptr: no network, status 0);
    // every request is recorded.
    std::function<app::HttpResponse(const app::HttpRequest&)> server;
    std::vector<app::HttpRequest> requests;
    void http(const app::HttpRequest& req, app::HttpCallback done) override {
        requests.push_back(req);
        done(server ? server(req) : app::HttpResponse{});
    }
    // The file the next pick_file() "chooses" (name, bytes); none: nothing chosen.
    std::optional<std::pair<std::string, std::string>> next_file;
    std::string last_accept;  // the chooser's filter of the last pick_file()
    // Like the browser's: a file over max_bytes is not read.
    void pick_file(int64_t max_bytes, FileCallback done, const std::string& accept = {}) override {
        last_accept = accept;
        if (next_file) {
            const auto size = static_cast<int64_t>(next_file->second.size());
            done(next_file->first, size > max_bytes ? std::string() : next_file->second, size);
        }
        next_file.reset();
    }
    void request_persist() override { ++persist_requests; }
    // Files offered to the person ("Unduh", print views): name, type, bytes.
    struct Saved {
        std::string name, mime, bytes;
    };
    std::vector<Saved> saved;
    void save_file(const std::string& name, const std::string& mime, const std::string& bytes) override {
        saved.push_back({name, mime, bytes});
    }
    // The planner: solved at once through the worker's bytes (plan/wire.h), or,
    // with defer_plans, held until answer_plans() like a browser worker's answer
    // arriving frames later. Answers are routed by request id as in the browser
    // (app/plan_router.h); cancelling the only request out "terminates the
    // worker": the held ones are dropped and the worker's database copy is lost.
    bool defer_plans = false;
    struct HeldPlan {
        PlanRequest id = 0;
        std::string bytes;
        PlanCallback done;  // through the router: nothing once cancelled
    };
    std::vector<HeldPlan> held_plans;
    int cancelled_plans = 0;
    app::PlanRouter plan_router;
    PlanRequest solve_plan(std::string instance_bytes, PlanCallback done) override {
        const PlanRequest id = plan_router.add(std::move(done));
        PlanCallback routed = [this, id](const std::string& answer) {
            if (auto cb = plan_router.take(id)) cb(answer);
        };
        if (defer_plans) held_plans.push_back({id, std::move(instance_bytes), std::move(routed)});
        else routed(plan::solve_encoded(instance_bytes));
        return id;
    }
    void cancel_plan(PlanRequest id) override {
        ++cancelled_plans;
        std::erase_if(held_plans, [id](const HeldPlan& p) { return p.id == id; });
        if (plan_router.cancel(id)) {
            held_plans.clear();
            plan::forget_cached_db();
        }
    }
    // The XLSX reader: read at once through the worker's bytes (io/sheet_wire.h),
    // or, with defer_xlsx, held until answer_xlsx() like the browser worker's answer.
    bool defer_xlsx = false;
    std::vector<std::pair<std::string, SheetCallback>> held_xlsx;
    void read_xlsx(std::string request, SheetCallback done) override {
        if (defer_xlsx) held_xlsx.emplace_back(std::move(request), std::move(done));
        else done(io::read_sheet_encoded(request));
    }
    // Answers the held reads in order (`fail`: as a worker that did not load); returns how many.
    size_t answer_xlsx(bool fail = false) {
        auto held = std::move(held_xlsx);
        held_xlsx.clear();
        for (auto& [bytes, done] : held) done(fail ? std::string() : io::read_sheet_encoded(bytes));
        return held.size();
    }
    // Answers the held solves in order; returns how many.
    size_t answer_plans() {
        auto held = std::move(held_plans);
        held_plans.clear();
        for (auto& p : held) p.done(plan::solve_encoded(p.bytes));
        return held.size();
    }
    bool online() const override { return online_flag; }
    double now_ms() const override { return clock_ms; }
    long long unix_seconds() const override { return 1798761600; }  // 2027-01-01
    std::string database_path() const override { return ":memory:"; }
};

class Harness {
public:
    explicit Harness(float width = 1366, float height = 820);
    ~Harness();
    void frame(int n = 1);
    bool click(const std::string& label, int index = 0);  // false when not found
    bool type(const std::string& label, const std::string& text);  // click, clear, type
    bool has(const std::string& label);

    TestPlatform platform;
    std::unique_ptr<app::App> app;
};

// Shared steps of the screen tests.
// Signs in to the demo (Kecamatan Medan Marelan, operator) in Bahasa Indonesia
// (the language is process-wide: other tests switch it).
void sign_in_demo(Harness& h);
// The same, then the session acts as `role` of the demo office named `office`
// (the demo signs in as operator; camat and BKPSDM screens need their role).
void sign_in_demo_as(Harness& h, app::Role role, const std::string& office);
// Whether `c` holds an issue of `code` on `field`.
bool has_issue(const Check& c, const std::string& field, const std::string& code);
// Pegawai, the list searched for the employee's name, their row clicked.
void open_employee(Harness& h, const std::string& id);
// The loaded office of that name, or nullptr.
const Office* office_named(Harness& h, const std::string& name);

}  // namespace seimbang::uitest
