// Browser implementation of app::Platform: IndexedDB durability through pre.js,
// navigator.onLine, and HTTP through emscripten_fetch.
#pragma once
#include <functional>

#include "app/platform.h"

namespace seimbang::web {

class WebPlatform final : public app::Platform {
public:
    void request_persist() override;
    bool persist_idle() const override;
    bool persist_failed() const override;
    bool persist_full() const override;
    long long persist_ticket() const override;
    long long persisted_ticket() const override;
    bool online() const override;
    void http(const app::HttpRequest& request, app::HttpCallback done) override;
    // The browser's file chooser (an <input type=file> made by seimbang_lib.js);
    // the chosen file arrives through seimbang_file_picked (web_platform.cpp).
    void pick_file(int64_t max_bytes, FileCallback done, const std::string& accept = {}) override;
    void save_file(const std::string& name, const std::string& mime, const std::string& bytes) override;
    // The planner's Web Worker (seimbang_lib.js); the answer arrives through
    // seimbang_plan_answered (web_platform.cpp) with its request's id.
    PlanRequest solve_plan(std::string instance_bytes, PlanCallback done) override;
    void cancel_plan(PlanRequest id) override;
    void read_xlsx(std::string request, SheetCallback done) override;
    double now_ms() const override;
    long long unix_seconds() const override;
    std::string database_path() const override { return "/data/seimbang.db"; }

    // After this tab handed the database to another tab: no request is sent any
    // more and no answer of one in flight is delivered (the new owner re-sends
    // what was not confirmed in its copy; the server applies it once).
    void freeze() { frozen_ = true; }
    // True when no SQLite transaction is open: a persist request then flushes at
    // once instead of at the end of the task (one event-loop turn, i.e. one frame,
    // less before "Tersimpan").
    void set_outside_transaction(std::function<bool()> f) { outside_transaction_ = std::move(f); }

private:
    bool frozen_ = false;
    std::function<bool()> outside_transaction_;
};

}  // namespace seimbang::web
