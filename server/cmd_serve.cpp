// `seimbang-server serve`: the HTTP API and the web client. Stops gracefully on
// SIGTERM/SIGINT: the listener closes and in-flight requests finish first.
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <iostream>
#include <thread>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api.h"
#include "commands.h"
#include "server_context.h"
#include "static_files.h"
#include "server_schema.h"
#include "store/schema.h"

namespace seimbang::server {

namespace {
httplib::Server* g_server = nullptr;
extern "C" void on_signal(int) {
    if (g_server) g_server->stop();
}

// Debian's compiled cpp-httplib listens with a backlog of 5: with many offices
// connecting at once, further SYNs are dropped and retried by the kernel after
// 1 s, 3 s, 7 s… (seen as multi-second latencies and connect timeouts in the
// 200-office load test). listen() on a listening socket only updates its
// backlog, so find our socket and widen it.
void widen_backlog(int port) {
    for (int fd = 3; fd < 1024; ++fd) {
        sockaddr_storage ss{};
        socklen_t len = sizeof ss;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) continue;
        int listening = 0;
        socklen_t ol = sizeof listening;
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &ol) != 0 || !listening) continue;
        const int p = ss.ss_family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port)
                      : ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port)
                                                 : -1;
        if (p == port) ::listen(fd, 1024);
    }
}

constexpr size_t kMaxBodyBytes = 8 * 1024 * 1024;  // largest accepted request body (sync batches)
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

    ServerContext ctx(path);
    sync::configure_server_storage(ctx.db);
    migrate_server(ctx.db);
    ctx.sync = std::make_unique<sync::ServerSync>(ctx.db);
    // Test hook: hold the answer of every push after its commit, so a test can
    // kill the server between "applied" and "answered".
    if (const int pause = std::stoi(option(args, "--test-pause-after-commit-ms", "0")); pause > 0)
        ctx.sync->after_commit = [pause] { std::this_thread::sleep_for(std::chrono::milliseconds(pause)); };

    httplib::Server srv;
    // Workers mostly wait on sockets (database work is serialised and short), so
    // more workers than cores keep many offices' connections moving.
    const int workers = std::stoi(option(args, "--threads", "32"));
    srv.new_task_queue = [workers] { return new httplib::ThreadPool(static_cast<size_t>(workers)); };
    srv.set_keep_alive_timeout(2);
    srv.set_tcp_nodelay(true);  // no Nagle wait between an answer's headers and body
    srv.set_payload_max_length(kMaxBodyBytes);
    // Not httplib's default, which adds SO_REUSEPORT: a second `serve` on the same
    // port must fail to start instead of silently taking half the connections.
    srv.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // A request runs on one worker thread from routing to logging: the start of
    // its handling is kept per thread for the log line's duration.
    static thread_local std::chrono::steady_clock::time_point handling_started;
    srv.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        handling_started = std::chrono::steady_clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    srv.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        // One structured JSON line per request (no bodies or tokens: they may hold
        // personal data or credentials). `ms`: handling time after the body was
        // read (waiting for the database lock included).
        const double ms = handling_started == std::chrono::steady_clock::time_point{}
                              ? 0.0  // refused before routing (e.g. a body over the limit)
                              : std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                          handling_started)
                                    .count();
        handling_started = {};
        nlohmann::json line = {{"ts_ms", sync::now_ms()},      {"method", req.method},
                               {"path", req.path},            {"status", res.status},
                               {"remote", req.remote_addr},   {"bytes_in", req.body.size()},
                               {"bytes_out", res.body.size()}, {"ms", std::round(ms * 100) / 100}};
        auto dev = req.get_header_value("X-Device-Id");
        if (!dev.empty()) line["device"] = dev;
        std::clog << line.dump() + "\n" << std::flush;
    });
    srv.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content(R"({"error":{"code":"internal"}})", "application/json");
    });
    mount_api(srv, ctx);
    if (!web.empty()) mount_static(srv, web);

    g_server = &srv;
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    if (!srv.bind_to_port(host, port)) {
        std::cerr << "seimbang-server: cannot listen on " << host << ":" << port << "\n";
        return 1;
    }
    widen_backlog(port);
    std::cout << "seimbang-server listening on http://" << (host == "0.0.0.0" ? "localhost" : host) << ":" << port
              << "/" << std::endl;
    srv.listen_after_bind();
    g_server = nullptr;
    std::cout << "seimbang-server stopped" << std::endl;
    return 0;
}

}  // namespace seimbang::server
