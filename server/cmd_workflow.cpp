// The TMT step of transfer requests on the server (shared/workflow/effective.h).
//   seimbang-server apply-effective --db FILE [--today YYYY-MM-DD]
// prints {"applied": N, "failed": [{"number": …, "code": …}]}. While serving,
// the same runs at start-up and then whenever the date in Medan (WIB) changes.
#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "effective_timer.h"
#include "server_context.h"
#include "server_schema.h"
#include "sync/hlc.h"
#include "sync/server_sync.h"
#include "workflow/effective.h"
#include "workflow/sync_commands.h"

namespace seimbang::server {

namespace {
nlohmann::json report_json(const workflow::EffectReport& r) {
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& [number, code] : r.failed) failed.push_back({{"number", number}, {"code", code}});
    return {{"applied", r.applied}, {"failed", failed}};
}
}  // namespace

int cmd_apply_effective(const Args& args) {
    const std::string path = option(args, "--db");
    if (path.empty()) {
        std::cerr << "seimbang-server apply-effective: --db FILE is required\n";
        return 2;
    }
    Date today = workflow::today_wib();
    if (const std::string t = option(args, "--today"); !t.empty()) {
        auto d = parse_iso_date(t);
        if (!d) {
            std::cerr << "seimbang-server apply-effective: --today: " << t << " (YYYY-MM-DD)\n";
            return 2;
        }
        today = *d;
    }
    store::Db db(path);
    migrate_server(db);
    sync::ServerSync sync(db);  // the moves enter the change log, so every office concerned receives them
    const auto rep = workflow::apply_effective(db, today, sync::now_ms());
    std::cout << report_json(rep).dump() << "\n";
    return rep.failed.empty() ? 0 : 1;
}

EffectiveTimer::EffectiveTimer(ServerContext& ctx)
    : thread_([this, &ctx](std::stop_token stop) {
          Date done{};
          for (;;) {
              const Date today = workflow::today_wib();
              if (today != done) {
                  std::lock_guard lock(ctx.mu);
                  const auto rep = workflow::apply_effective(ctx.db, today, sync::now_ms());
                  if (rep.applied || !rep.failed.empty())
                      std::clog << nlohmann::json{{"ts_ms", sync::now_ms()}, {"apply_effective", report_json(rep)}}.dump()
                                << "\n"
                                << std::flush;
                  done = today;
              }
              std::unique_lock lk(mu_);
              if (cv_.wait_for(lk, stop, std::chrono::minutes(10), [] { return false; }) || stop.stop_requested()) return;
          }
      }) {}

}  // namespace seimbang::server
