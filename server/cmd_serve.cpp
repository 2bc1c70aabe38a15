// `seimbang-server serve`: the HTTP API and the web client. Stops gracefully on
// SIGTERM/SIGINT: the listener closes and in-flight requests finish first.
#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <iostream>
#include <thread>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api.h"
#include "auth.h"
#include "http_server.h"
#include "effective_timer.h"
#include "snapshot_timer.h"
#include "commands.h"
#include "server_context.h"
#include "static_files.h"
#include "server_schema.h"
#include "store/schema.h"
#include "survey/sync_commands.h"
#include "training/progress.h"
#include "upstream.h"
#include "workflow/sync_commands.h"

namespace seimbang::server {

namespace {
HttpServer* g_server = nullptr;
extern "C" void on_signal(int) {
    if (g_server) g_server->stop();
}

// The request log names a device by a short hash of its id, never the id itself.
std::string device_tag(const std::string& device) { return token_hash(device).substr(0, 12); }
}  // namespace

int cmd_serve(const Args& args) {
    const std::string path = option(args, "--db");
    if (path.empty()) {
        std::cerr << "seimbang-server serve: --db FILE is required\n";
        return 2;
    }
    const std::string host = option(args, "--host", "127.0.0.1");
    const int port = std::stoi(option(args, "--port", "8080"));
    const std::string web = option(args, "--web");

    // A database made by an older version may be readable by others: not any more.
    for (const char* suffix : {"", "-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
    ServerContext ctx(path);
    sync::configure_server_storage(ctx.db);
    // An upper bound on the database file (a guard for a shared disk): writes that
    // would pass it fail like a full disk (507 storage.full, nothing committed).
    if (const std::string mb = option(args, "--max-db-mb"); !mb.empty()) {
        auto q = ctx.db.prepare("PRAGMA page_size");
        const int64_t page = q.step() ? q.int64(0) : 4096;
        ctx.db.exec("PRAGMA max_page_count=" + std::to_string(std::stoll(mb) * 1024 * 1024 / page));
    }
    migrate_server(ctx.db);
    ctx.sync = std::make_unique<sync::ServerSync>(ctx.db);
    // [national] The national tier: synced rows in PostgreSQL (docs/SCALE.md);
    // --db keeps the accounts and tokens.
    if (const std::string store = option(args, "--store"); !store.empty()) {
        try {
            ctx.national = std::make_unique<national::NationalStore>(store);
        } catch (const std::exception& e) {
            std::cerr << "seimbang-server serve: --store: " << e.what() << "\n";
            return 1;
        }
    }
    workflow::register_sync_commands();  // transfer-request steps arrive as sync commands
    survey::register_survey_commands();  // anonymous survey answers (docs/SURVEY.md)
    training::register_training_commands();  // training progress (docs/TRAINING.md)
    // Test hook: hold the answer of every push after its commit, so a test can
    // kill the server between "applied" and "answered".
    if (const int pause = std::stoi(option(args, "--test-pause-after-commit-ms", "0")); pause > 0) {
        ctx.sync->after_commit = [pause] { std::this_thread::sleep_for(std::chrono::milliseconds(pause)); };
        if (ctx.national) ctx.national->after_commit = ctx.sync->after_commit;
    }

    HttpLimits limits;
    // Workers mostly wait on sockets (database work is serialised and short), so
    // more workers than cores keep many offices' connections moving.
    limits.workers = std::max(8, std::stoi(option(args, "--threads", "32")));
    // (0 = no cap, e.g. behind a reverse proxy that caps per client itself.)
    limits.per_address = std::max(0, std::stoi(option(args, "--max-conn-per-address", "16")));
    HttpServer srv(limits);
    const std::string cert = option(args, "--tls-cert"), key = option(args, "--tls-key");
    if (cert.empty() != key.empty()) {
        std::cerr << "seimbang-server serve: --tls-cert and --tls-key go together\n";
        return 2;
    }
    if (!cert.empty()) {
        std::string error;
        if (!srv.use_tls(cert, key, error)) {
            std::cerr << "seimbang-server serve: " << error << "\n";
            return 1;
        }
    }
    srv.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        // One structured JSON line per request (no bodies, tokens or device ids:
        // they may hold personal data or credentials). `ms`: handling time after
        // the headers were read (waiting for the database lock included). Text
        // that is not UTF-8 (a path, a header) is replaced, never thrown on.
        try {
            const double ms = HttpServer::handling_ms();
            nlohmann::json line = {{"ts_ms", sync::now_ms()},      {"method", req.method},
                                   {"path", req.path},            {"status", res.status},
                                   {"remote", req.remote_addr},   {"bytes_in", req.body.size()},
                                   {"bytes_out", res.body.size()}, {"ms", std::round(ms * 100) / 100}};
            auto dev = req.get_header_value("X-Device-Id");
            if (!dev.empty()) line["device"] = device_tag(dev);
            std::clog << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n" << std::flush;
        } catch (const std::exception&) {
            // (a log line is not worth a request, let alone the server)
        }
    });
    srv.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
        // Whatever failed was rolled back (every change is one transaction). A
        // full disk or database size limit is said as such (507), so that the
        // client keeps its edits and an operator knows what to do; the server
        // goes on serving.
        res.status = 500;
        std::string code = "internal";
        try {
            if (e) std::rethrow_exception(e);
        } catch (const store::DbError& err) {
            if (err.storage_failure()) {
                code = err.storage_code();
                res.status = code == "storage.full" ? 507 : 503;
                std::cerr << "seimbang-server: storage failure: " << err.what() << "\n";
            }
        } catch (...) {
        }
        res.set_content(R"({"error":{"code":")" + code + R"("}})", "application/json; charset=utf-8");
    });
    mount_api(srv, ctx);
    if (!web.empty()) mount_static(srv, web);

    g_server = &srv;
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    if (!srv.bind(host, port)) {
        std::cerr << "seimbang-server: cannot listen on " << host << ":" << port << "\n";
        return 1;
    }
    std::cout << "seimbang-server listening on " << (srv.tls() ? "https" : "http") << "://"
              << (host == "0.0.0.0" ? "localhost" : host) << ":" << port << "/" << std::endl;
    // Moves whose TMT has come take effect now and then daily (docs/WORKFLOW.md).
    EffectiveTimer effective(ctx);
    // Balance snapshots of ended periods (docs/EVALUATION.md).
    SnapshotTimer snapshots(ctx);
    // [upstream] The change log flows on to the national tier (docs/SCALE.md),
    // on its own thread and connections: nothing an office does waits for it.
    std::unique_ptr<upstream::Loop> forwarding;
    if (const std::string up = option(args, "--upstream"); !up.empty())
        forwarding = std::make_unique<upstream::Loop>(
            path, up, std::stoi(option(args, "--upstream-every", "30")),
            std::stoul(option(args, "--upstream-batch", std::to_string(upstream::kUpstreamBatch))));
    srv.run();
    forwarding.reset();
    g_server = nullptr;
    std::cout << "seimbang-server stopped" << std::endl;
    return 0;
}

}  // namespace seimbang::server
