// Regression tests of issue 13 (hardening) at the HTTP layer: each TEST_CASE is
// named after the hole it closes and was run once against the unfixed server
// (SEIMBANG_TEST_SERVER_BIN) to see it fail. The server must survive hostile
// and broken input and keep answering everyone else.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <httplib.h>

#include "harness.h"

using namespace itest;
using nlohmann::json;

namespace {
std::string post(const std::string& path, const std::string& headers, const std::string& body) {
    return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n" + body;
}
std::string header_of(const std::string& response, const std::string& name) {
    const std::string key = "\r\n" + name + ": ";
    const size_t at = response.find(key);
    if (at == std::string::npos) return {};
    const size_t end = response.find("\r\n", at + key.size());
    return response.substr(at + key.size(), end - at - key.size());
}
std::string gzip_of(const std::string& in) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, in.size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}
}  // namespace

TEST_CASE("hole 1: a path or X-Device-Id that is not UTF-8 does not kill the server") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    const std::string a = raw_http(srv.port(), "GET /%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(raw_status(a) == 404);
    const std::string b = raw_http(srv.port(),
                                   "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Device-Id: \xff\xfe\r\n"
                                   "Connection: close\r\n\r\n");
    CHECK(raw_status(b) == 200);
    CHECK(healthy(srv.url()));
}

TEST_CASE("hole 2: the body limit holds for chunked, unknown-length and gzip bodies and huge headers") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SUBCASE("chunked body → 411, not read") {
        std::string body = "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 16; ++i) body += "4000\r\n" + std::string(0x4000, 'x') + "\r\n";  // no end chunk
        const std::string r = raw_http(srv.port(), body, 5000);
        CHECK(raw_status(r) == 411);
        CHECK(r.find("request.length_required") != std::string::npos);
    }
    SUBCASE("body without Content-Length → 411 at once") {
        const auto t0 = std::chrono::steady_clock::now();
        const std::string r = raw_http(srv.port(), post("/api/v1/auth/login", "", std::string(100000, 'x')), 4000);
        CHECK(raw_status(r) == 411);
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3));
    }
    SUBCASE("gzip bomb (64 MiB of zeros in ~64 KiB) → 415, never inflated") {
        const std::string bomb = gzip_of(std::string(64 << 20, '\0'));
        REQUIRE(bomb.size() < 200 * 1024);
        const std::string r = raw_http(
            srv.port(),
            post("/api/v1/sync/push",
                 "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) + "\r\n", bomb));
        CHECK(raw_status(r) == 415);
        CHECK(r.find("request.encoding_unsupported") != std::string::npos);
    }
    SUBCASE("Content-Length above the limit → 413 before any byte of it is read") {
        const std::string r = raw_http(srv.port(), post("/api/v1/sync/push", "Content-Length: 99999999999\r\n", "{"));
        CHECK(raw_status(r) == 413);
    }
    SUBCASE("one header line of 1 MiB → refused, connection closed") {
        const std::string r =
            raw_http(srv.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(1 << 20, 'a') +
                                     "\r\n\r\n");
        CHECK(raw_status(r) == 400);
    }
    SUBCASE("many headers (200 × 1 KiB) → refused") {
        std::string h;
        for (int i = 0; i < 200; ++i) h += "X-H" + std::to_string(i) + ": " + std::string(1024, 'b') + "\r\n";
        const std::string r = raw_http(srv.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n" + h + "\r\n");
        CHECK(raw_status(r) == 400);
    }
    CHECK(healthy(srv.url()));
}

TEST_CASE("hole 6: deep JSON is refused before it is parsed (plans, login)") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    SimOffice camat(dir, "camat.marelan", srv.url());
    httplib::Client c(srv.url());
    c.set_read_timeout(20, 0);
    const httplib::Headers h = {{"Authorization", "Bearer " + camat.token}, {"X-Device-Id", camat.device}};
    const std::string deep = "{\"scope\":" + std::string(2'000'000, '[') + std::string(2'000'000, ']') + "}";
    auto r = c.Post("/api/v1/plans", h, deep, "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(json::parse(r->body)["error"]["code"] == "request.too_deep");
    auto l = c.Post("/api/v1/auth/login", std::string(100000, '[') + std::string(100000, ']'), "application/json");
    REQUIRE(l);
    CHECK(l->status == 400);
    CHECK(json::parse(l->body)["error"]["code"] == "request.too_deep");
    CHECK(healthy(srv.url()));
}

TEST_CASE("hole 7: slow connections (a byte every second) do not block the health check") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    std::atomic<bool> stop{false};
    std::vector<std::thread> slow;
    for (int i = 0; i < 40; ++i)
        slow.emplace_back([&] {
            // Opens a request and feeds its headers a byte at a time for up to 25 s.
            int fd = socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            a.sin_port = htons(static_cast<uint16_t>(srv.port()));
            if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return close(fd), void();
            const std::string start = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
            (void)!send(fd, start.data(), start.size(), MSG_NOSIGNAL);
            for (int k = 0; k < 25 && !stop; ++k) {
                std::this_thread::sleep_for(std::chrono::seconds(1));
                if (send(fd, "a", 1, MSG_NOSIGNAL) != 1) break;
            }
            close(fd);
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // all 40 connected and trickling
    const auto t0 = std::chrono::steady_clock::now();
    const bool ok = healthy(srv.url(), 4000);
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    stop = true;
    for (auto& t : slow) t.join();
    CHECK(ok);
    CHECK(waited < 2.0);
    MESSAGE("health answered after " << waited << " s with 40 slow connections open");
    CHECK(healthy(srv.url()));
}

TEST_CASE("one address cannot hold more connections than its cap; others and the host still get in") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true, {"--max-conn-per-address", "6"});
    // Six connections from 127.0.0.2 that send nothing: they hold their places.
    std::vector<int> held;
    for (int i = 0; i < 6; ++i) held.push_back(connect_from(srv.port(), "127.0.0.2"));
    for (int fd : held) REQUIRE(fd >= 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // all accepted and counted
    const std::string health = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    // The seventh from the same address is refused with a code and a retry time.
    const std::string refused = raw_http(srv.port(), health, 3000, "127.0.0.2");
    CHECK(raw_status(refused) == 503);
    CHECK(refused.find("http.too_many_connections") != std::string::npos);
    CHECK(header_of(refused, "Retry-After") == "1");
    // Another address and the host itself are served meanwhile.
    CHECK(raw_status(raw_http(srv.port(), health, 3000, "127.0.0.3")) == 200);
    CHECK(healthy(srv.url()));
    // Closing the held connections gives the address its places back.
    for (int fd : held) close(fd);
    bool back = false;
    for (int i = 0; i < 40 && !back; ++i) {
        back = raw_status(raw_http(srv.port(), health, 3000, "127.0.0.2")) == 200;
        if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(back);
}

TEST_CASE("hole 12: security headers on every answer, dotfiles never served") {
    const std::string dir = temp_dir();
    const std::string web = dir + "/web";
    std::filesystem::create_directories(web + "/.git");
    const std::string inline_script = "\n  var Module = {};\n";
    std::ofstream(web + "/index.html") << "<!doctype html><html><head><script>" << inline_script
                                       << "</script></head><body><script async src=\"app.js\"></script></body></html>";
    std::ofstream(web + "/app.js") << "console.log(1);";
    std::ofstream(web + "/.env") << "SECRET=1";
    std::ofstream(web + "/.git/config") << "[core]";
    ServerProcess srv(dir + "/server.db", true, {"--web", web});
    httplib::Client c(srv.url());
    auto api = c.Get("/api/v1/health");
    REQUIRE(api);
    CHECK(api->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(api->get_header_value("X-Frame-Options") == "DENY");
    CHECK(api->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
    auto page = c.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    const std::string csp = page->get_header_value("Content-Security-Policy");
    CHECK(csp.find("'wasm-unsafe-eval'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("'sha256-") != std::string::npos);     // the inline script, by its hash
    CHECK(csp.find("'unsafe-inline'; img-src") != std::string::npos);  // (styles only)
    CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval' 'sha256-") != std::string::npos);
    CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
    for (const char* hidden : {"/.env", "/.git/config", "/.git/", "/sub/../.env"}) {
        auto r = c.Get(hidden);
        REQUIRE(r);
        CHECK_MESSAGE(r->status == 404, hidden);
        CHECK(r->body.find("SECRET") == std::string::npos);
        CHECK(r->body.find("[core]") == std::string::npos);
    }
}

TEST_CASE("hole 12: the database and backups are readable by their owner only") {
    const std::string dir = temp_dir();
    const mode_t old = umask(022);  // a usual login shell's
    ServerProcess srv(dir + "/server.db", true);
    struct stat st {};
    REQUIRE(stat((dir + "/server.db").c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);
    std::string out;
    REQUIRE(run({server_bin(), "backup", "--db", dir + "/server.db", "--to", dir + "/copy.db"}, {}, &out) == 0);
    REQUIRE(stat((dir + "/copy.db").c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);
    umask(old);
}

TEST_CASE("hole 12: `user add` does not echo the password typed at a terminal") {
    const std::string dir = temp_dir();
    ServerProcess srv(dir + "/server.db", true);
    srv.stop();
    int master = -1;
    const std::string bin = server_bin();
    const std::string db = dir + "/server.db";
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        execl(bin.c_str(), bin.c_str(), "user", "add", "--db", db.c_str(), "--username", "baru.terjun", "--role",
              "operator", "--office", "Kelurahan Terjun", static_cast<char*>(nullptr));
        _exit(127);
    }
    std::string seen;
    char buf[512];
    auto read_for = [&](int ms) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < until) {
            pollfd p{master, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            const ssize_t n = read(master, buf, sizeof buf);
            if (n <= 0) break;
            seen.append(buf, static_cast<size_t>(n));
        }
    };
    read_for(1500);  // the prompt (echo is switched off before the read)
    const std::string password = "rahasia-sekali-123";
    REQUIRE(write(master, (password + "\n").data(), password.size() + 1) == static_cast<ssize_t>(password.size() + 1));
    read_for(8000);
    int st = 0;
    waitpid(pid, &st, 0);
    close(master);
    CHECK(seen.find("Kata sandi") != std::string::npos);
    CHECK(seen.find(password) == std::string::npos);
    CHECK(seen.find("added") != std::string::npos);
}
