// Balance snapshots on the server (shared/eval/snapshot.h, docs/EVALUATION.md).
//   seimbang-server snapshot --db FILE [--period 2026-S2] [--today YYYY-MM-DD]
// Without --period: the period before today's is taken and closed unless it
// already is. With --period: an ended period is taken closed, the running one
// open (replaced by the next take); a future period is refused. Prints
// {"period": …, "closed": …, "written": N, "already_closed": …}.
// The same runs at start-up and daily while serving (SnapshotTimer), and on
// demand through POST /api/v1/snapshots?period=P (bkpsdm).
#include <chrono>
#include <iostream>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "access/access.h"
#include "api.h"
#include "commands.h"
#include "eval/snapshot.h"
#include "server_context.h"
#include "server_schema.h"
#include "snapshot_timer.h"
#include "store/repo.h"
#include "sync/hlc.h"
#include "sync/server_sync.h"
#include "workflow/sync_commands.h"

namespace seimbang::server {

namespace {

struct Outcome {
    int status = 200;
    nlohmann::json body;
};

// Takes `period_text` (empty: the period due) on `today`. Caller holds the lock
// (or owns the database).
Outcome take(store::Db& db, const std::string& period_text, const Date& today) {
    const int64_t now = sync::now_ms();
    if (period_text.empty()) {
        const auto taken = eval::close_due_period(db, today, now);
        const auto len = eval::period_length_setting(db);
        const std::string due = eval::to_string(eval::previous(eval::period_of(today, len)));
        return {200, {{"period", due}, {"closed", true}, {"already_closed", !taken.has_value()}}};
    }
    const auto p = eval::parse_period(period_text);
    if (!p) return {400, {{"error", {{"code", "eval.bad_period"}, {"detail", period_text}}}}};
    if (const Check c = eval::check_period_length(db, *p); !c.ok())  // one series: the configured length only
        return {400, {{"error", {{"code", c.first_error()->code}, {"detail", c.first_error()->detail}}}}};
    if (eval::first_day(*p) > today) return {400, {{"error", {{"code", "eval.future_period"}, {"detail", period_text}}}}};
    const bool close = eval::has_ended(*p, today);
    const auto r = eval::take_snapshot(db, *p, close, now);
    return {200,
            {{"period", period_text}, {"closed", close || r.already_closed}, {"written", r.written},
             {"already_closed", r.already_closed}}};
}

}  // namespace

int cmd_snapshot(const Args& args) {
    const std::string path = option(args, "--db");
    if (path.empty()) {
        std::cerr << "seimbang-server snapshot: --db FILE is required\n";
        return 2;
    }
    Date today = workflow::today_wib();
    if (const std::string t = option(args, "--today"); !t.empty()) {
        auto d = parse_iso_date(t);
        if (!d) {
            std::cerr << "seimbang-server snapshot: --today: " << t << " (YYYY-MM-DD)\n";
            return 2;
        }
        today = *d;
    }
    store::Db db(path);
    migrate_server(db);
    sync::ServerSync sync(db);  // the rows enter the change log, so every office in scope receives them
    const Outcome o = take(db, option(args, "--period"), today);
    std::cout << o.body.dump() << "\n";
    return o.status == 200 ? 0 : 2;
}

SnapshotTimer::SnapshotTimer(ServerContext& ctx)
    : thread_([this, &ctx](std::stop_token stop) {
          Date done{};
          for (;;) {
              const Date today = workflow::today_wib();
              if (today != done) {
                  try {
                      std::lock_guard lock(ctx.mu);
                      if (const auto p = eval::close_due_period(ctx.db, today, sync::now_ms()))
                          std::clog << nlohmann::json{{"ts_ms", sync::now_ms()}, {"snapshot_closed", *p}}.dump() << "\n"
                                    << std::flush;
                  } catch (const std::exception& e) {
                      std::clog << nlohmann::json{{"ts_ms", sync::now_ms()}, {"snapshot_failed", e.what()}}.dump()
                                << "\n"
                                << std::flush;
                  }
                  done = today;
              }
              std::unique_lock lk(mu_);
              if (cv_.wait_for(lk, stop, std::chrono::minutes(10), [] { return false; }) || stop.stop_requested()) return;
          }
      }) {}

// POST /api/v1/snapshots?period=P: bkpsdm takes a snapshot on demand (the
// running period open, an ended one closed). Other roles: 403.
void mount_snapshots(httplib::Server& srv, ServerContext& ctx) {
    srv.Post("/api/v1/snapshots", [&ctx](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(ctx.mu);
        auto who = require_auth(ctx, req, res);
        if (!who) return;
        if (!access::may(who->role, access::Feature::snapshot_take)) return send(res, {403, {{"error", {{"code", "role.forbidden"}}}}});
        const std::string period = req.has_param("period") ? req.get_param_value("period") : std::string();
        try {
            Outcome o = take(ctx.db, period, workflow::today_wib());
            send(res, {o.status, std::move(o.body)});
        } catch (const store::DbError&) {
            send(res, {500, {{"error", {{"code", "store.error"}}}}});
        }
    });
}

}  // namespace seimbang::server
